"""Request and response bodies of the challenges domain."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec


class StartChallenge(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    challenge_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class CheckOut(msgspec.Struct, kw_only=True):
    day: int
    done_on: dt.date
    note: str | None
    mine: bool


class RunOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    challenge_id: str
    status: str
    shared: bool
    start_date: dt.date | None
    proposed_by_me: bool
    checks: list[CheckOut]


class Runs(msgspec.Struct, kw_only=True):
    runs: list[RunOut]
