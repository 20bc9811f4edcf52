"""A real server process for tests that need one: browser tests, crash recovery."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from backend.settings import ROOT

DIST = ROOT / "frontend" / "dist"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`python -m backend serve` in a subprocess, with its own data directory."""

    def __init__(
        self, var_dir: Path, frontend_dir: Path = DIST, database_url: str | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "ATTUNE_ENV": "test",
            "ATTUNE_SECRET_KEY": "e2e-secret-key-that-is-long-enough-000000",
            "ATTUNE_VAR_DIR": str(var_dir),
            "ATTUNE_FRONTEND_DIR": str(frontend_dir),
            "ATTUNE_LOG_LEVEL": "WARNING",
            # Browser tests open many fresh phones from one address; the limit on new
            # accounts per address is tested in tests/backend/test_accounts.py.
            "ATTUNE_ACCOUNTS_PER_HOUR": "1000",
        }
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        subprocess.run(
            [sys.executable, "-m", "backend", "migrate"],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backend", "serve", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flushing. What a crash looks like."""
        if self.process:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
