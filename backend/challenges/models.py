"""Tables of the challenges domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account
    from backend.couples.models import Couple


class ChallengeRun(Model):
    """One go at a challenge: by one person, or by a couple (proposed, then accepted).

    Status: proposed, active, completed, cancelled (a proposal withdrawn or declined), left (a
    member stopped it) or ended (the couple unlinked).
    """

    id = fields.UUIDField(primary_key=True)
    challenge_id = fields.CharField(max_length=64)
    couple: fields.ForeignKeyNullableRelation[Couple] = fields.ForeignKeyField(
        "attune.Couple", related_name="challenge_runs", null=True, on_delete=fields.CASCADE
    )
    proposed_by: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="challenge_runs", on_delete=fields.CASCADE
    )
    status = fields.CharField(max_length=16)
    start_date = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "challenge_run"


class ChallengeCheck(Model):
    """A member checked off a day (a fact: twice is once), with an optional note for the partner."""

    id = fields.BigIntField(primary_key=True)
    run: fields.ForeignKeyRelation[ChallengeRun] = fields.ForeignKeyField(
        "attune.ChallengeRun", related_name="checks", on_delete=fields.CASCADE
    )
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="challenge_checks", on_delete=fields.CASCADE
    )
    day = fields.IntField()
    done_on = fields.DateField()
    note = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "challenge_check"
        unique_together = (("run", "account", "day"),)
