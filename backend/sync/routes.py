"""HTTP routes of the sync domain."""

from __future__ import annotations

from litestar import Controller, post
from litestar.datastructures import State
from litestar.params import JSONBody

from backend.accounts.auth import CurrentAccount
from backend.sync import feed, services
from backend.sync.schemas import SyncRequest, SyncResponse


class SyncController(Controller):
    path = "/api/sync"
    tags = ("sync",)

    @post(
        "/",
        status_code=200,
        summary="Push queued mutations and pull changes in one round trip",
        description=(
            "Each mutation takes effect at most once (retries are acknowledged again). One "
            "that can never apply is rejected with a reason. At most 100 mutations and 256 KB."
        ),
    )
    async def sync(
        self, account: CurrentAccount, state: State, data: JSONBody[SyncRequest]
    ) -> SyncResponse:
        response, notify = await services.sync(
            account, data, state.content, state.settings.secret_key
        )
        feed.notify(state.channels, notify)
        return response
