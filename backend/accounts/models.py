"""Tables of the accounts domain."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Account(Model):
    """A person. Created on first use, with no sign-up."""

    id = fields.UUIDField(primary_key=True)
    display_name = fields.CharField(max_length=60, null=True)
    time_zone = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account"


class Session(Model):
    """A signed-in device. Only a hash of the cookie's token is stored."""

    token_hash = fields.CharField(max_length=64, primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "session"
