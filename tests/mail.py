"""A real local SMTP server for tests of staff sign-in, and a server with a practice in it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from backend.settings import ROOT
from tests.server import Server


class Inbox:
    """An SMTP server's handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.arrived = threading.Condition()
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content)
        with self.arrived:
            self.messages.append((str(parsed["To"]), str(parsed.get_payload())))
            self.arrived.notify_all()
        return "250 OK"

    def code_for(self, email: str, after: int = 0, timeout: float = 10) -> str:
        """The 6-digit code in the newest message to `email` beyond the first `after` messages."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for to, body in reversed(self.messages[after:]):
                    found = re.search(r"\b(\d{6})\b", body)
                    if to == email and found:
                        return found.group(1)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no sign-in code emailed to {email}")
                self.arrived.wait(left)


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    handler = Inbox()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        handler.port = int(sock.getsockname()[1])
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


def start_practice_server(
    var_dir: Path, frontend_dir: Path, inbox: Inbox, name: str, owner: str
) -> Server:
    """A running server that emails to `inbox`, with a practice made by the CLI."""
    server = Server(var_dir, frontend_dir)
    server.env["ATTUNE_SMTP_URL"] = f"smtp://127.0.0.1:{inbox.port}"
    server.start()  # migrates the database first
    subprocess.run(
        [
            sys.executable,
            "-m",
            "backend",
            "practice",
            "create",
            "--name",
            name,
            "--owner-email",
            owner,
        ],
        env=server.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return server
