from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('attune', '0003_challenges')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Practice',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=120)),
                ('accent_colour', fields.CharField(null=True, max_length=7)),
                ('contact_url', fields.CharField(null=True, max_length=500)),
                ('support_phone', fields.CharField(null=True, max_length=20)),
                ('crisis_country', fields.CharField(null=True, max_length=2)),
                ('logo_png', fields.BinaryField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'practice', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'A therapy practice or counselling service that runs campaigns for its clients.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Campaign',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('practice', fields.ForeignKeyField('attune.Practice', source_field='practice_id', db_constraint=True, to_field='id', related_name='campaigns', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('template_id', fields.CharField(max_length=64)),
                ('start_date', fields.DateField()),
                ('length_days', fields.IntField()),
                ('welcome', fields.TextField(unique=False)),
                ('enrol_opens', fields.DateField()),
                ('enrol_closes', fields.DateField()),
                ('start_mode', fields.CharField(max_length=8)),
                ('join_code', fields.CharField(unique=True, max_length=16)),
                ('schedule', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'campaign', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'A scheduled programme (such as Connection Month) that clients join with a link.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Participant',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('attune.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('attune.Account', source_field='account_id', db_constraint=True, to_field='id', related_name='campaigns', on_delete=OnDelete.CASCADE)),
                ('couple_id', fields.UUIDField(null=True)),
                ('joined_on', fields.DateField()),
                ('joined_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('left_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'participant', 'app': 'attune', 'unique_together': (('campaign', 'account'),), 'pk_attr': 'id', 'table_description': 'An account taking part in a campaign. Staff only ever see counts of these.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Staff',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('practice', fields.ForeignKeyField('attune.Practice', source_field='practice_id', db_constraint=True, to_field='id', related_name='staff', on_delete=OnDelete.CASCADE)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('role', fields.CharField(max_length=8)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'staff', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'Someone who works at a practice. They sign in with their email and a one-time code.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StaffCode',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(db_index=True, max_length=254)),
                ('code_hash', fields.CharField(max_length=64)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.IntField(default=0)),
            ],
            options={'table': 'staff_code', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'A one-time sign-in code: single use, ten minutes, a few tries. Stored as a keyed hash.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StaffSession',
            fields=[
                ('token_hash', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('staff', fields.ForeignKeyField('attune.Staff', source_field='staff_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'staff_session', 'app': 'attune', 'pk_attr': 'token_hash'},
            bases=['Model'],
        ),
    ]
