"""Command line: ``python -m backend <command>``.

serve             run the app (uvicorn), after checking content and settings
migrate           apply the committed database migrations
content check     validate content/, print `path:line: field: message` per problem
content schema    export the front-matter JSON Schema to content/schema/
practice create   create a practice and its owner (--name ... --owner-email ...)
openapi           print the OpenAPI document (JSON)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from backend import db
from backend.content import cli as content_cli
from backend.content.loader import ContentError
from backend.settings import Settings, SettingsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="PostgreSQL only; SQLite uses 1")
    commands.add_parser("migrate", help="apply database migrations")
    content = commands.add_parser("content", help="content tools")
    content.add_argument("action", choices=["check", "schema"])
    commands.add_parser("openapi", help="print the OpenAPI document")
    practice = commands.add_parser("practice", help="practices")
    practice.add_argument("action", choices=["create"])
    practice.add_argument("--name", required=True)
    practice.add_argument("--owner-email", required=True)
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"attune: {exc}", file=sys.stderr)
        return 2
    match args.command:
        case "content" if args.action == "check":
            return content_cli.check(settings.content_dir)
        case "content":
            return content_cli.write_schema(settings.content_dir)
        case "migrate":
            asyncio.run(db.migrate(settings.database_url))
            print("migrations applied")
            return 0
        case "openapi":
            return _openapi(settings)
        case "practice":
            return asyncio.run(_create_practice(settings, args.name, args.owner_email))
        case "serve":
            return _serve(settings, args.host, args.port, args.workers)
    return 2


async def _create_practice(settings: Settings, name: str, owner_email: str) -> int:
    from backend.errors import AppError
    from backend.practices.services import create_practice

    async with db.database(settings):
        try:
            practice, owner = await create_practice(name, owner_email)
        except AppError as exc:
            print(f"attune: {exc.detail}", file=sys.stderr)
            return 1
    print(f"created practice {practice.name!r} ({practice.id}); owner {owner.email} can sign in")
    return 0


def _openapi(settings: Settings) -> int:
    from backend.app import create_app

    try:
        app = create_app(settings)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(json.dumps(app.openapi_schema.to_schema(), indent=2, sort_keys=True))
    return 0


def _serve(settings: Settings, host: str, port: int, workers: int) -> int:
    import uvicorn

    if content_cli.check_quietly(settings.content_dir) != 0:
        print("attune: refusing to start until the content is fixed", file=sys.stderr)
        return 1
    if settings.is_sqlite and workers != 1:
        print("attune: SQLite serves from one process; use PostgreSQL for --workers > 1")
        workers = 1
    print(f"attune: serving on http://{host}:{port}", flush=True)
    uvicorn.run(
        "backend.asgi:create",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # our request log leaves out query strings
        proxy_headers=False,
        # Open live-update streams never end on their own: give them a moment, then close.
        timeout_graceful_shutdown=3,
        log_level=settings.log_level.lower(),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
