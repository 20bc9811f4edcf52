"""Session cookies, the current account, and CSRF protection for unsafe methods."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from litestar.di import NamedDependency

from backend.accounts import services
from backend.accounts.models import Account
from backend.errors import Forbidden, Unauthorized

COOKIE = "attune_session"
SECURE_COOKIE = "__Host-attune_session"  # the __Host- prefix needs Secure, Path=/ and no Domain
SESSION_DAYS = 400  # the longest lifetime browsers allow a cookie
CLIENT_HEADER = "x-attune-client"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def session_cookie(
    request: Request[Any, Any, Any], token: str, max_age: int = SESSION_DAYS * 86400
) -> Cookie:
    """The session cookie (``max_age=0`` removes it)."""
    secure = request.url.scheme == "https"
    return Cookie(
        key=SECURE_COOKIE if secure else COOKIE,
        value=token,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
        max_age=max_age,
    )


def session_token(request: Request[Any, Any, Any]) -> str | None:
    return request.cookies.get(SECURE_COOKIE) or request.cookies.get(COOKIE)


async def provide_account(request: Request[Any, Any, Any]) -> Account:
    """The signed-in account, or a 401 problem."""
    account = await services.account_for_token(session_token(request))
    if account is None:
        raise Unauthorized("Not signed in on this device; open the app to start.")
    return account


async def csrf_guard(request: Request[Any, Any, Any]) -> None:
    """Refuse cross-site writes.

    Unsafe methods must carry the `X-Attune-Client` header, which a cross-site form cannot
    send and a cross-site script cannot send without a CORS preflight we never grant; and
    where the browser says where the request came from, it must be this origin. A header
    rather than a double-submit cookie, because the service worker (Background Sync) sends
    requests too and cannot read cookies.
    """
    if request.method not in UNSAFE_METHODS or not request.url.path.startswith("/api/"):
        return
    if not request.headers.get(CLIENT_HEADER):
        raise Forbidden("Missing the X-Attune-Client header (CSRF protection).")
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Forbidden("Cross-site requests are not allowed.")
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Forbidden("Cross-origin requests are not allowed.")


# Handlers say `account: CurrentAccount` to require a signed-in account.
CurrentAccount = NamedDependency[Account]
