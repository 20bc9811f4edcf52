"""Tables of the lessons domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account


class LessonProgress(Model):
    """How far an account got in a lesson. Progress only moves forward, and completion is a fact."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    lesson_id = fields.CharField(max_length=64)
    furthest_card = fields.IntField(default=0)
    completed_on = fields.DateField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "lesson_progress"
        unique_together = (("account", "lesson_id"),)


class Reflection(Model):
    """A private reflection on a lesson: readable by its author alone. Last writer wins."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", on_delete=fields.CASCADE
    )
    lesson_id = fields.CharField(max_length=64)
    text = fields.TextField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "reflection"
        unique_together = (("account", "lesson_id"),)
