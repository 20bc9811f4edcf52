"""ASGI middleware: request logs without bodies, and security headers on every response."""

from __future__ import annotations

import logging
import time

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

request_logger = logging.getLogger("attune.request")

# Database drivers log every statement with its parameters at DEBUG: that would put what people
# write into the logs. They never log below WARNING, whatever the app's own level.
SQL_LOGGERS = ("tortoise.db_client", "tortoise", "aiosqlite", "asyncpg")


def keep_user_text_out_of_logs() -> None:
    for name in SQL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def request_log(app: ASGIApp) -> ASGIApp:
    """Log method, path (no query string), status and duration; never a body."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_wrapper)
        finally:
            request_logger.info(
                "%s %s %d %.1fms",
                scope["method"],
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
            )

    return middleware


_RAW_HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
_RAW_CSP = (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())


def security_headers(app: ASGIApp) -> ASGIApp:
    """A strict Content Security Policy (no inline script) and friends on every response.

    A header the response already set wins. Raw header pairs, added once per response: this
    runs on every request, the sync hot path included.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        # The interactive API docs load their own scripts; the JSON schema needs no CSP.
        extra = _RAW_HEADERS if scope["path"].startswith("/schema") else [*_RAW_HEADERS, _RAW_CSP]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {bytes(name).lower() for name, _ in headers}
                headers.extend(pair for pair in extra if pair[0] not in present)
                message["headers"] = headers
            await send(message)

        await app(scope, receive, send_wrapper)

    return middleware
