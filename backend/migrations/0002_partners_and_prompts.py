from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('attune', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Couple',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('inviter', fields.ForeignKeyField('attune.Account', source_field='inviter_id', db_constraint=True, to_field='id', related_name='couples_invited', on_delete=OnDelete.CASCADE)),
                ('joiner', fields.ForeignKeyField('attune.Account', source_field='joiner_id', db_constraint=True, to_field='id', related_name='couples_joined', on_delete=OnDelete.CASCADE)),
                ('epoch', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'couple', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'Two linked accounts. Ended couples are kept (ended_at set) so past answers stay private.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Answer',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('attune.Account', source_field='account_id', db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.CASCADE)),
                ('couple', fields.ForeignKeyField('attune.Couple', source_field='couple_id', null=True, db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.SET_NULL)),
                ('day', fields.DateField()),
                ('prompt_id', fields.CharField(max_length=64)),
                ('text', fields.TextField(unique=False)),
                ('reaction', fields.CharField(null=True, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('revealed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'answer', 'app': 'attune', 'unique_together': (('account', 'day'),), 'pk_attr': 'id', 'table_description': "One person's answer to the prompt of one date. Readable by its author, and by the partner"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Invite',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('inviter', fields.ForeignKeyField('attune.Account', source_field='inviter_id', db_constraint=True, to_field='id', related_name='invites', on_delete=OnDelete.CASCADE)),
                ('code_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'invite', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'A single-use invitation code. Only a keyed hash of the code is stored.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Nudge',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sender', fields.ForeignKeyField('attune.Account', source_field='sender_id', db_constraint=True, to_field='id', related_name='nudges_sent', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'nudge', 'app': 'attune', 'unique_together': (('sender', 'day'),), 'pk_attr': 'id', 'table_description': 'A gentle "your turn" from one partner, at most once per prompt date.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PromptDay',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('owner_key', fields.CharField(max_length=36)),
                ('day', fields.DateField()),
                ('prompt_id', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'prompt_day', 'app': 'attune', 'unique_together': (('owner_key', 'day'),), 'pk_attr': 'id', 'table_description': 'Which prompt a couple (or a person on their own) gets on a calendar date.'},
            bases=['Model'],
        ),
    ]
