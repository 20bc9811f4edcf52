"""The application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging.config import LoggingConfig
from litestar.openapi import OpenAPIConfig

from backend import db
from backend.accounts.auth import csrf_guard, provide_account
from backend.accounts.routes import AccountController
from backend.challenges.routes import ChallengeController
from backend.content.compiler import CompiledContent
from backend.content.routes import ContentController
from backend.content.services import load_content, record_release
from backend.couples.routes import CoupleController
from backend.errors import exception_handlers
from backend.middleware import keep_user_text_out_of_logs, request_log, security_headers
from backend.practices.routes import (
    JoinController,
    MyCampaignsController,
    PracticeController,
    StaffAuthController,
    practice_logo,
    provide_staff,
)
from backend.practices.services import campaign_prompt
from backend.prompts import services as prompt_services
from backend.prompts.routes import PromptController
from backend.ratelimit import make_limiter
from backend.settings import Settings
from backend.sync.events import events, make_channels
from backend.sync.routes import SyncController
from backend.system.routes import HealthController, frontend, frontend_index

MAX_BODY_BYTES = 256 * 1024


@asynccontextmanager
async def lifespan(app: Litestar) -> AsyncIterator[None]:
    """Open the database for the app's lifetime and record the content version it serves."""
    async with db.database(app.state.settings), app.state.channels:
        await record_release(app.state.content)
        try:
            yield
        finally:
            await app.state.limiter.counter.close()


def create_app(settings: Settings, content: CompiledContent | None = None) -> Litestar:
    """Build the app. Compiles the content first: invalid content refuses to start.

    Tests may pass content they compiled once.
    """
    content = content or load_content(settings.content_dir)
    keep_user_text_out_of_logs()
    if campaign_prompt not in prompt_services.schedule_hooks:
        prompt_services.schedule_hooks.append(campaign_prompt)
    channels = make_channels(settings.redis_url)
    app = Litestar(
        route_handlers=[
            HealthController,
            ContentController,
            AccountController,
            SyncController,
            events,
            CoupleController,
            PromptController,
            ChallengeController,
            StaffAuthController,
            PracticeController,
            JoinController,
            MyCampaignsController,
            practice_logo,
            frontend_index,
            frontend,
        ],
        dependencies={"account": Provide(provide_account), "staff": Provide(provide_staff)},
        before_request=csrf_guard,
        lifespan=[lifespan],
        state=State(
            {
                "settings": settings,
                "content": content,
                "limiter": make_limiter(settings.redis_url),
                "channels": channels,
            }
        ),
        exception_handlers=exception_handlers,
        compression_config=CompressionConfig(backend="gzip", minimum_size=512),
        request_max_body_size=MAX_BODY_BYTES,
        openapi_config=OpenAPIConfig(title="Attune API", version="0.1.0", path="/schema"),
        # Litestar's default sets the root logger to INFO, which would override ATTUNE_LOG_LEVEL.
        logging_config=LoggingConfig(
            root={"handlers": ["queue_listener"], "level": settings.log_level}
        ),
        debug=False,
    )
    # Outside the router, so that every response gets them, including the router's own 404s
    # and 405s (route-level middleware only wraps matched routes).
    app.asgi_handler = security_headers(request_log(app.asgi_handler))
    return app
