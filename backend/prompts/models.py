"""Tables of the prompts domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account
    from backend.couples.models import Couple


class PromptDay(Model):
    """Which prompt a couple (or a person on their own) gets on a calendar date.

    Fixed once chosen, so both partners see the same question on their own date D even if the
    content changes in between. ``owner_key`` is the couple id or, for a person on their own,
    the account id.
    """

    id = fields.BigIntField(primary_key=True)
    owner_key = fields.CharField(max_length=36)
    day = fields.DateField()
    prompt_id = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "prompt_day"
        unique_together = (("owner_key", "day"),)


class Answer(Model):
    """One person's answer to the prompt of one date. Readable by its author, and by the partner
    only once both have answered (and never after they unlink)."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="answers", on_delete=fields.CASCADE
    )
    couple: fields.ForeignKeyNullableRelation[Couple] = fields.ForeignKeyField(
        "attune.Couple", related_name="answers", null=True, on_delete=fields.SET_NULL
    )
    day = fields.DateField()
    prompt_id = fields.CharField(max_length=64)
    text = fields.TextField()
    reaction = fields.CharField(max_length=16, null=True)  # the partner's reaction to it
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    revealed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "answer"
        unique_together = (("account", "day"),)


class Nudge(Model):
    """A gentle "your turn" from one partner, at most once per prompt date."""

    id = fields.BigIntField(primary_key=True)
    sender: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="nudges_sent", on_delete=fields.CASCADE
    )
    day = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "nudge"
        unique_together = (("sender", "day"),)
