"""One mapping from errors to RFC 9457 problem details (``application/problem+json``).

Services raise ``AppError`` subclasses; framework errors (validation, 404, 405, 413) and
anything unexpected are mapped here too, so every error a client sees has the same shape.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

logger = logging.getLogger("attune.errors")

PROBLEM_JSON = "application/problem+json"


class FieldError(msgspec.Struct, kw_only=True):
    field: str
    message: str


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None


class AppError(Exception):
    """A domain error with a status and a plain-language detail."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers


class NotFound(AppError):
    status = 404
    title = "Not found"


class Forbidden(AppError):
    status = 403
    title = "Forbidden"


class Conflict(AppError):
    status = 409
    title = "Conflict"


class Unauthorized(AppError):
    status = 401
    title = "Unauthorized"


class PayloadTooLarge(AppError):
    status = 413
    title = "Content Too Large"


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[bytes]:
    return Response(
        content=msgspec.json.encode(problem),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")
_MSGSPEC_AT = re.compile(r"^(?P<message>.*?)(?: - at `(?P<path>[^`]+)`)?$", re.DOTALL)


def _field_errors(exc: ValidationException) -> list[FieldError]:
    """Name where each validation error is, as a JSON path like ``$.mutations[2].id``."""
    found: list[FieldError] = []
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", "Invalid value"))
        match = _MSGSPEC_AT.match(message)
        path = "$"
        if match and match.group("path"):
            message, path = match.group("message"), match.group("path")
        elif key := str(item.get("key") or ""):
            source = item.get("source")
            if source in (None, "body"):  # Litestar names the body `data`, then the path in it
                path = "$" if key == "data" else f"$.{key.removeprefix('data.')}"
            else:
                path = f"{source}.{key}"
        # "unknown field `x`" and "missing required field `x`" are about `x`, not its parent.
        if named := _NAMED_FIELD.search(message):
            path = f"{path}.{named.group(1)}"
        found.append(FieldError(field=path, message=message))
    return found


def _handle_validation(_: Request[Any, Any, Any], exc: ValidationException) -> Response[bytes]:
    errors = _field_errors(exc)
    detail = "The request is not valid"
    if errors:
        detail = f"{errors[0].field}: {errors[0].message}"
    return problem_response(
        Problem(title="Invalid request", status=400, detail=detail, errors=errors or None)
    )


def _handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    status = exc.status_code
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    detail = exc.detail if exc.detail and exc.detail != title else None
    if status == 404 and detail is None:
        detail = f"No endpoint at {request.url.path}"
    return problem_response(
        Problem(title=title, status=status, detail=detail), headers=exc.headers or None
    )


def _handle_app(_: Request[Any, Any, Any], exc: AppError) -> Response[bytes]:
    return problem_response(
        Problem(title=exc.title, status=exc.status, detail=exc.detail, errors=exc.errors),
        headers=exc.headers,
    )


def _handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    # Log the type and where, never the request body: it may hold what someone wrote.
    logger.error(
        "unhandled %s on %s %s",
        type(exc).__name__,
        request.method,
        request.url.path,
        exc_info=exc,
    )
    return problem_response(
        Problem(
            title="Internal Server Error",
            status=500,
            detail="Something went wrong on our side. Nothing you sent was lost: try again.",
        )
    )


exception_handlers: ExceptionHandlersMap = {
    ValidationException: _handle_validation,
    AppError: _handle_app,
    HTTPException: _handle_http,
    Exception: _handle_unexpected,
}

__all__ = [
    "PROBLEM_JSON",
    "AppError",
    "Conflict",
    "FieldError",
    "Forbidden",
    "NotFound",
    "PayloadTooLarge",
    "Problem",
    "Unauthorized",
    "exception_handlers",
    "problem_response",
]
