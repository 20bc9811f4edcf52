"""Tables of the practices domain: practices, their staff, and their campaigns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.accounts.models import Account


class Practice(Model):
    """A therapy practice or counselling service that runs campaigns for its clients."""

    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=120)
    accent_colour = fields.CharField(max_length=7, null=True)
    contact_url = fields.CharField(max_length=500, null=True)
    support_phone = fields.CharField(max_length=20, null=True)
    crisis_country = fields.CharField(max_length=2, null=True)
    logo_png = fields.BinaryField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "practice"


class Staff(Model):
    """Someone who works at a practice. They sign in with their email and a one-time code."""

    id = fields.UUIDField(primary_key=True)
    practice: fields.ForeignKeyRelation[Practice] = fields.ForeignKeyField(
        "attune.Practice", related_name="staff", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=254, unique=True)
    role = fields.CharField(max_length=8)  # owner or staff
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff"


class StaffCode(Model):
    """A one-time sign-in code: single use, ten minutes, a few tries. Stored as a keyed hash."""

    id = fields.BigIntField(primary_key=True)
    email = fields.CharField(max_length=254, db_index=True)
    code_hash = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)

    class Meta:
        table = "staff_code"


class StaffSession(Model):
    token_hash = fields.CharField(max_length=64, primary_key=True)
    staff: fields.ForeignKeyRelation[Staff] = fields.ForeignKeyField(
        "attune.Staff", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_session"


class Campaign(Model):
    """A scheduled programme (such as Connection Month) that clients join with a link.

    ``schedule`` holds the days as chosen by the practice: the template's days, maybe swapped
    or reordered. With a cohort start, day 1 is ``start_date`` for everyone, and with a rolling
    start it is each participant's join date.
    """

    id = fields.UUIDField(primary_key=True)
    practice: fields.ForeignKeyRelation[Practice] = fields.ForeignKeyField(
        "attune.Practice", related_name="campaigns", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=120)
    template_id = fields.CharField(max_length=64)
    start_date = fields.DateField()
    length_days = fields.IntField()
    welcome = fields.TextField()
    enrol_opens = fields.DateField()
    enrol_closes = fields.DateField()
    start_mode = fields.CharField(max_length=8)  # cohort or rolling
    join_code = fields.CharField(max_length=16, unique=True)
    schedule: Any = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "campaign"


class Participant(Model):
    """An account taking part in a campaign. Staff only ever see counts of these."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "attune.Campaign", related_name="participants", on_delete=fields.CASCADE
    )
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="campaigns", on_delete=fields.CASCADE
    )
    couple_id = fields.UUIDField(null=True)
    joined_on = fields.DateField()
    joined_at = fields.DatetimeField(auto_now_add=True)
    left_at = fields.DatetimeField(null=True)

    class Meta:
        table = "participant"
        unique_together = (("campaign", "account"),)


class CampaignInvite(Model):
    """A partner's invitation to a campaign, made when one of a couple joins as a couple.

    It holds no text: who is invited, to what, by which couple, and whether it was answered
    (joined or set aside). It lapses by itself when the couple unlinks or enrolment closes.
    """

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "attune.Campaign", related_name="invites", on_delete=fields.CASCADE
    )
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "attune.Account", related_name="campaign_invites", on_delete=fields.CASCADE
    )
    couple_id = fields.UUIDField()
    created_at = fields.DatetimeField()
    answered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "campaign_invite"
        unique_together = (("campaign", "account"),)
