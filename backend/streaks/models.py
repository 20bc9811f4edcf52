"""Tables of the streaks domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account


class ActivityDay(Model):
    """A local date on which the account completed something. A set: once per date."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    local_date = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "activity_day"
        unique_together = (("account", "local_date"),)


class ZoneChange(Model):
    """When the account's time zone changed: dates skipped by travel are never held against it."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    changed_at = fields.DatetimeField()
    old_zone = fields.CharField(max_length=64)
    new_zone = fields.CharField(max_length=64)

    class Meta:
        table = "zone_change"
