from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('attune', '0002_partners_and_prompts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChallengeRun',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('challenge_id', fields.CharField(max_length=64)),
                ('couple', fields.ForeignKeyField('attune.Couple', source_field='couple_id', null=True, db_constraint=True, to_field='id', related_name='challenge_runs', on_delete=OnDelete.CASCADE)),
                ('proposed_by', fields.ForeignKeyField('attune.Account', source_field='proposed_by_id', db_constraint=True, to_field='id', related_name='challenge_runs', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharField(max_length=16)),
                ('start_date', fields.DateField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'challenge_run', 'app': 'attune', 'pk_attr': 'id', 'table_description': 'One go at a challenge: by one person, or by a couple (proposed, then accepted).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChallengeCheck',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('run', fields.ForeignKeyField('attune.ChallengeRun', source_field='run_id', db_constraint=True, to_field='id', related_name='checks', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('attune.Account', source_field='account_id', db_constraint=True, to_field='id', related_name='challenge_checks', on_delete=OnDelete.CASCADE)),
                ('day', fields.IntField()),
                ('done_on', fields.DateField()),
                ('note', fields.CharField(null=True, max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'challenge_check', 'app': 'attune', 'unique_together': (('run', 'account', 'day'),), 'pk_attr': 'id', 'table_description': 'A member checked off a day (a fact: twice is once), with an optional note for the partner.'},
            bases=['Model'],
        ),
    ]
