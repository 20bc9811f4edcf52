from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('attune', '0004_practices')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CampaignInvite',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('attune.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='invites', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('attune.Account', source_field='account_id', db_constraint=True, to_field='id', related_name='campaign_invites', on_delete=OnDelete.CASCADE)),
                ('couple_id', fields.UUIDField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'campaign_invite', 'app': 'attune', 'unique_together': (('campaign', 'account'),), 'pk_attr': 'id', 'table_description': "A partner's invitation to a campaign, made when one of a couple joins as a couple."},
            bases=['Model'],
        ),
    ]
