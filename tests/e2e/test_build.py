"""The production build: what the first visit downloads, and what is precached."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import DIST

JS_BUDGET = 60 * 1024
CSS_BUDGET = 15 * 1024


pytestmark = pytest.mark.e2e


def first_visit_assets(kind: str) -> list[Path]:
    html = (DIST / "index.html").read_text()
    if kind == "js":
        refs = re.findall(r'<script[^>]+src="([^"]+)"', html)
        refs += re.findall(r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"', html)
    else:
        refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    return [DIST / ref.lstrip("/") for ref in refs]


def gzipped(paths: list[Path]) -> int:
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in paths)


def test_first_visit_javascript_and_css_fit_the_budget(built_frontend: Path) -> None:
    scripts = first_visit_assets("js")
    styles = first_visit_assets("css")
    assert scripts, "index.html loads no script"
    assert styles, "index.html loads no stylesheet"
    js, css = gzipped(scripts), gzipped(styles)
    print(f"first visit: JS {js / 1024:.1f} KB gzipped, CSS {css / 1024:.1f} KB gzipped")
    assert js <= JS_BUDGET
    assert css <= CSS_BUDGET


def test_no_inline_script_in_the_shell(built_frontend: Path) -> None:
    html = (DIST / "index.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script breaks the CSP"


def test_service_worker_precaches_the_whole_shell(built_frontend: Path) -> None:
    worker = (DIST / "sw.js").read_text()
    for asset in [*first_visit_assets("js"), *first_visit_assets("css")]:
        assert asset.name in worker, f"{asset.name} is not precached"
    for name in ("index.html", "manifest.webmanifest", "icon-192.png", "icon-512.png"):
        assert name in worker, f"{name} is not precached"
    assert "skipWaiting" not in worker or "SKIP_WAITING" in worker
