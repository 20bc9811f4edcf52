"""HTTP routes of the challenges domain. Checking off a day goes through sync (offline)."""

from __future__ import annotations

import uuid

from litestar import Controller, get, post
from litestar.datastructures import State
from litestar.params import FromPath, JSONBody

from backend.accounts.auth import CurrentAccount
from backend.accounts.models import Account
from backend.challenges import services
from backend.challenges.models import ChallengeCheck, ChallengeRun
from backend.challenges.schemas import CheckOut, RunOut, Runs, StartChallenge
from backend.errors import NotFound
from backend.sync import feed


def view(account: Account, run: ChallengeRun, checks: list[ChallengeCheck]) -> RunOut:
    return RunOut(
        id=run.id,
        challenge_id=run.challenge_id,
        status=run.status,
        shared=run.couple_id is not None,  # type: ignore[attr-defined]
        start_date=run.start_date,
        proposed_by_me=run.proposed_by_id == account.id,  # type: ignore[attr-defined]
        checks=[
            CheckOut(
                day=check.day,
                done_on=check.done_on,
                note=check.note,
                mine=check.account_id == account.id,  # type: ignore[attr-defined]
            )
            for check in checks
        ],
    )


async def changed(account: Account, run: ChallengeRun, state: State) -> RunOut:
    people = await services.announce(run)
    feed.notify(state.channels, [person for person in people if person != account.id])
    checks = await ChallengeCheck.filter(run_id=run.id).order_by("day")
    return view(account, run, checks)


class ChallengeController(Controller):
    path = "/api/challenges"
    tags = ("challenges",)

    @get("/", summary="Your challenges: going, proposed and recently finished")
    async def list_runs(self, account: CurrentAccount) -> Runs:
        return Runs(
            runs=[view(account, run, checks) for run, checks in await services.runs_for(account)]
        )

    @post("/", status_code=201, summary="Start a challenge (or propose it to your partner)")
    async def start(
        self, account: CurrentAccount, state: State, data: JSONBody[StartChallenge]
    ) -> RunOut:
        challenge = next(
            (c for c in state.content.pack.challenges if c.id == data.challenge_id), None
        )
        if challenge is None:
            raise NotFound(f"There is no challenge `{data.challenge_id}`.")
        return await changed(account, await services.start(account, challenge), state)

    @post("/{run_id:uuid}/accept", status_code=200, summary="Accept your partner's proposal")
    async def accept(
        self, account: CurrentAccount, state: State, run_id: FromPath[uuid.UUID]
    ) -> RunOut:
        return await changed(account, await services.accept(account, run_id), state)

    @post("/{run_id:uuid}/cancel", status_code=200, summary="Withdraw or decline a proposal")
    async def cancel(
        self, account: CurrentAccount, state: State, run_id: FromPath[uuid.UUID]
    ) -> RunOut:
        run = await services.finish(account, run_id, "cancelled", allowed="proposed")
        return await changed(account, run, state)

    @post("/{run_id:uuid}/leave", status_code=200, summary="Stop a challenge (for both of you)")
    async def leave(
        self, account: CurrentAccount, state: State, run_id: FromPath[uuid.UUID]
    ) -> RunOut:
        run = await services.finish(account, run_id, "left", allowed="active")
        return await changed(account, run, state)
