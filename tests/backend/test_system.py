"""Health, the single-page fallback, headers and the problem-details mapping."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import msgspec
from litestar import Litestar, post
from litestar.params import JSONBody

from backend.content.models import ContentRelease
from backend.errors import exception_handlers
from backend.middleware import CONTENT_SECURITY_POLICY
from backend.settings import ROOT
from tests.conftest import asgi


async def test_health_reports_database_and_content_version(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    response = await client.get("/api/health")

    assert response.status_code == 200
    version = app.state.content.version
    assert response.json() == {"status": "ok", "db": "ok", "content_version": version}
    release = await ContentRelease.get(version=version)
    assert release.lessons == len(app.state.content.pack.lessons)


async def test_unknown_api_path_is_a_json_404_not_the_app(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/does-not-exist")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Not Found"
    assert "/api/does-not-exist" in body["detail"]


async def test_wrong_method_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/health")

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Method Not Allowed"


async def test_app_paths_fall_back_to_index_html(client: httpx.AsyncClient) -> None:
    for path in ("/", "/lessons/felt-understanding", "/support"):
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "<div id=app>" in response.text
        assert response.headers["cache-control"] == "no-cache"


async def test_static_files_and_their_caching(client: httpx.AsyncClient) -> None:
    asset = await client.get("/assets/app-1234abcd.js")
    assert asset.status_code == 200
    assert asset.headers["content-type"].startswith("text/javascript")
    assert "immutable" in asset.headers["cache-control"]

    worker = await client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["cache-control"] == "no-cache"

    missing = await client.get("/assets/missing.js")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_path_traversal_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/..%2f..%2fpyproject.toml")
    assert response.status_code == 404


async def test_security_headers_on_every_response(client: httpx.AsyncClient) -> None:
    for path in ("/", "/api/health", "/api/nope"):
        response = await client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_openapi_schema_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/health" in paths
    assert "/api/content" in paths


class Step(msgspec.Struct, forbid_unknown_fields=True):
    minutes: int


class Plan(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    steps: list[Step]


@post("/plans", sync_to_thread=False)
def create_plan(data: JSONBody[Plan]) -> dict[str, int]:
    return {"steps": len(data.steps)}


@post("/boom", sync_to_thread=False)
def boom() -> None:
    raise RuntimeError("secret detail that must not leak")


async def test_validation_problem_names_the_field_path() -> None:
    app = Litestar([create_plan, boom], exception_handlers=exception_handlers)
    transport = asgi(app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        payload = {"name": "week", "steps": [{"minutes": 1}, {"minutes": 2}, {"minutes": "x"}]}
        response = await http.post("/plans", json=payload)

        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["title"] == "Invalid request"
        assert body["errors"] == [
            {"field": "$.steps[2].minutes", "message": "Expected `int`, got `str`"}
        ]
        assert body["detail"] == "$.steps[2].minutes: Expected `int`, got `str`"

        unknown = await http.post("/plans", json={"name": "w", "steps": [], "extra": 1})
        assert unknown.status_code == 400
        assert "extra" in unknown.json()["errors"][0]["message"]

        crash = await http.post("/boom")
        assert crash.status_code == 500
        assert crash.headers["content-type"] == "application/problem+json"
        assert "secret" not in crash.text


def test_frontend_api_types_are_generated_from_the_current_schema(app: Litestar) -> None:
    committed = json.loads((ROOT / "frontend" / "src" / "sync" / "openapi.json").read_text())
    assert committed == app.openapi_schema.to_schema(), "run `make api-types` and commit"


async def test_staff_paths_get_the_staff_page(
    client: httpx.AsyncClient, frontend_dir: Path
) -> None:
    (frontend_dir / "staff.html").write_text("<!doctype html><title>Attune for practices</title>")

    staff = await client.get("/staff/campaigns/123")
    app_page = await client.get("/staffing")

    assert "Attune for practices" in staff.text
    assert "<div id=app>" in app_page.text
