"""Health and the single-page frontend."""

from __future__ import annotations

import mimetypes
from pathlib import Path

import msgspec
from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File

from backend import db
from backend.errors import Problem, problem_response

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")

# Hashed build output never changes under the same name; everything else must be revalidated
# so that a new service worker and index.html are seen at once.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class Health(msgspec.Struct):
    status: str
    db: str
    content_version: str


class HealthController(Controller):
    path = "/api/health"
    tags = ("system",)

    @get("/", summary="Is the server up, and can it reach its database?")
    async def health(self, state: State) -> Response[Health]:
        db_ok = await db.ping()
        body = Health(
            status="ok" if db_ok else "degraded",
            db="ok" if db_ok else "unavailable",
            content_version=state.content.version,
        )
        return Response(body, status_code=200 if db_ok else 503)


def _resolve(root: Path, path: str) -> Path | None:
    """The file under ``root`` that ``path`` names, refusing anything that escapes it."""
    candidate = (root / path.lstrip("/")).resolve()
    if candidate.is_file() and candidate.is_relative_to(root.resolve()):
        return candidate
    return None


@get("/", include_in_schema=False, sync_to_thread=False)
def frontend_index(state: State) -> File | Response[bytes]:
    return _serve_frontend(state, "/")


@get("/{path:path}", include_in_schema=False, sync_to_thread=False)
def frontend(state: State, path: FromPath[str]) -> File | Response[bytes]:
    """Serve the built PWA; unknown app paths get index.html, never an `/api` path."""
    return _serve_frontend(state, path)


def _serve_frontend(state: State, path: str) -> File | Response[bytes]:
    if path == "/api" or path.startswith("/api/"):
        raise NotFoundException(f"No API endpoint at {path}")
    root: Path = state.settings.frontend_dir
    found = _resolve(root, path) if path != "/" else None
    if found is None:
        if Path(path).suffix:  # a missing asset is a 404, not HTML served as script
            raise NotFoundException(f"No file at {path}")
        # The practice staff app is a page of its own; everything else is the client PWA.
        is_staff = path == "/staff" or path.startswith("/staff/")
        found = root / (
            "staff.html" if is_staff and (root / "staff.html").is_file() else "index.html"
        )
        if not found.is_file():
            return problem_response(
                Problem(
                    title="Service Unavailable",
                    status=503,
                    detail="The frontend is not built yet: run `make run`.",
                )
            )
    cache = IMMUTABLE if found.parent.name == "assets" else REVALIDATE
    media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    return File(
        path=found,
        media_type=media_type,
        content_disposition_type="inline",
        headers={"Cache-Control": cache},
    )
