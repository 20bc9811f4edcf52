import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="Account",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                ("display_name", fields.CharField(null=True, max_length=60)),
                ("time_zone", fields.CharField(max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "account",
                "app": "attune",
                "pk_attr": "id",
                "table_description": "A person. Created on first use, with no sign-up.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ActivityDay",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("local_date", fields.DateField()),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "activity_day",
                "app": "attune",
                "unique_together": (("account", "local_date"),),
                "pk_attr": "id",
                "table_description": "A local date on which the account completed something. A set: once per date.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AppliedMutation",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("mutation_id", fields.UUIDField()),
                ("kind", fields.CharField(max_length=64)),
                ("rejected_reason", fields.CharField(null=True, max_length=64)),
                ("received_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "applied_mutation",
                "app": "attune",
                "unique_together": (("account", "mutation_id"),),
                "pk_attr": "id",
                "table_description": "A mutation the server has seen. Unique per account, so each takes effect at most once.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Change",
            fields=[
                (
                    "seq",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("kind", fields.CharField(max_length=32)),
                ("key", fields.CharField(max_length=128)),
                (
                    "data",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "change",
                "app": "attune",
                "indexes": [Index(fields=["account_id", "seq"])],
                "pk_attr": "seq",
                "table_description": "One entry of an account's change feed: the new state of one record.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ContentRelease",
            fields=[
                (
                    "version",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32),
                ),
                ("first_published_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("lessons", fields.IntField()),
                ("prompts", fields.IntField()),
                ("challenges", fields.IntField()),
            ],
            options={
                "table": "content_release",
                "app": "attune",
                "pk_attr": "version",
                "table_description": "A content pack version this server has published, and when it first did.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LessonProgress",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("lesson_id", fields.CharField(max_length=64)),
                ("furthest_card", fields.IntField(default=0)),
                ("completed_on", fields.DateField(null=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "lesson_progress",
                "app": "attune",
                "unique_together": (("account", "lesson_id"),),
                "pk_attr": "id",
                "table_description": "How far an account got in a lesson. Progress only moves forward, and completion is a fact.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Reflection",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("lesson_id", fields.CharField(max_length=64)),
                ("text", fields.TextField(unique=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "reflection",
                "app": "attune",
                "unique_together": (("account", "lesson_id"),),
                "pk_attr": "id",
                "table_description": "A private reflection on a lesson: readable by its author alone. Last writer wins.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Session",
            fields=[
                (
                    "token_hash",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="sessions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("last_seen_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "session",
                "app": "attune",
                "pk_attr": "token_hash",
                "table_description": "A signed-in device. Only a hash of the cookie's token is stored.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ZoneChange",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "account",
                    fields.ForeignKeyField(
                        "attune.Account",
                        source_field="account_id",
                        db_constraint=True,
                        to_field="id",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("changed_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("old_zone", fields.CharField(max_length=64)),
                ("new_zone", fields.CharField(max_length=64)),
            ],
            options={
                "table": "zone_change",
                "app": "attune",
                "pk_attr": "id",
                "table_description": "When the account's time zone changed: dates skipped by travel are never held against it.",
            },
            bases=["Model"],
        ),
    ]
