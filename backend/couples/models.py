"""Tables of the couples domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account


class Couple(Model):
    """Two linked accounts. Ended couples are kept (ended_at set) so past answers stay private."""

    id = fields.UUIDField(primary_key=True)
    inviter: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="couples_invited", on_delete=fields.CASCADE
    )
    joiner: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="couples_joined", on_delete=fields.CASCADE
    )
    # The calendar date the couple's prompt sequence starts from (the inviter's local date).
    epoch = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "couple"


class Invite(Model):
    """A single-use invitation code. Only a keyed hash of the code is stored."""

    id = fields.UUIDField(primary_key=True)
    inviter: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="invites", on_delete=fields.CASCADE
    )
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "invite"
