from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    initial = True

    operations = [
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
    ]
