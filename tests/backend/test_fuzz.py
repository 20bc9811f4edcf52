"""No input produces a 500: schemathesis throws generated requests at every documented
operation of a running server, signed in, and checks for server errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server import Server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "var")
    running.env["ATTUNE_ACCOUNTS_PER_HOUR"] = "100000"
    running.start()
    yield running
    running.stop()


def test_no_generated_request_gets_a_server_error(server: Server, tmp_path: Path) -> None:
    created = httpx.post(
        f"{server.url}/api/accounts",
        json={"time_zone": "UTC"},
        headers={"X-Attune-Client": "fuzz"},
    )
    token = created.cookies["attune_session"]
    cli = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert cli, "schemathesis is a dev dependency"

    result = subprocess.run(
        [
            cli,
            "run",
            f"{server.url}/schema/openapi.json",
            "--header",
            f"Cookie: attune_session={token}",
            "--header",
            "X-Attune-Client: fuzz",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "25",
            "--seed",
            "2028",
            # Deleting the account would sign the rest of the run out.
            "--exclude-by",
            "/method == 'DELETE' and /path == '/api/me'",
        ],
        cwd=tmp_path,  # schemathesis keeps its own files in the working directory
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:]
    assert "passed" in result.stdout
