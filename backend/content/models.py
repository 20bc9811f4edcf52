"""Tables of the content domain."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ContentRelease(Model):
    """A content pack version this server has published, and when it first did.

    Later domains use it to tell which version of a lesson or prompt a record was made with.
    """

    version = fields.CharField(max_length=32, primary_key=True)
    first_published_at = fields.DatetimeField(auto_now_add=True)
    lessons = fields.IntField()
    prompts = fields.IntField()
    challenges = fields.IntField()

    class Meta:
        table = "content_release"
