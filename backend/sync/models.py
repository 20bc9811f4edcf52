"""Tables of the sync domain: what was applied, and the change feed devices pull."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account


class AppliedMutation(Model):
    """A mutation the server has seen. Unique per account, so each takes effect at most once.

    Rejected mutations are kept too, so a retry gets the same answer.
    """

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    mutation_id = fields.UUIDField()
    kind = fields.CharField(max_length=64)
    rejected_reason = fields.CharField(max_length=64, null=True)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "applied_mutation"
        unique_together = (("account", "mutation_id"),)


class Change(Model):
    """One entry of an account's change feed: the new state of one record.

    ``seq`` only grows, so a cursor is the last ``seq`` a device has seen.
    """

    seq = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    key = fields.CharField(max_length=128)
    data: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "change"
        indexes = (("account_id", "seq"),)
