"""Practices, staff sign-in with one-time codes, campaigns, joining, and private aggregates.

Staff never see a person's rows: the dashboard is counted here and every figure below five
people becomes "fewer than 5" before it leaves this module.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import io
import logging
import secrets
import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import msgspec
from PIL import Image, UnidentifiedImageError

from backend.accounts.models import Account
from backend.accounts.services import hash_token, today_in
from backend.challenges.models import ChallengeCheck
from backend.content.pack import ContentPack, PackCampaignTemplate
from backend.couples import services as couples
from backend.errors import AppError, Conflict, FieldError, Forbidden, NotFound
from backend.lessons.models import LessonProgress
from backend.practices.models import (
    Campaign,
    CampaignInvite,
    Participant,
    Practice,
    Staff,
    StaffCode,
    StaffSession,
)
from backend.practices.schemas import CampaignUpdate, NewCampaign
from backend.prompts.models import Answer
from backend.sql import Program, as_date, select
from backend.streaks.models import ActivityDay

logger = logging.getLogger("attune.practices")

CODE_LIFETIME = dt.timedelta(minutes=10)
MAX_CODE_TRIES = 5
SMALL = 5
FEWER_THAN_5 = "fewer than 5"
NOT_YET = "not yet"  # a campaign day that has not begun anywhere
FIRST_TIME_ZONE = dt.timedelta(hours=14)  # a new date begins first at UTC+14
JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def normalise_email(email: str) -> str:
    return email.strip().lower()


# -- practices and staff -------------------------------------------------------------------


async def create_practice(name: str, owner_email: str) -> tuple[Practice, Staff]:
    email = normalise_email(owner_email)
    if "@" not in email:
        raise AppError(f"`{owner_email}` is not an email address.")
    if await Staff.exists(email=email):
        raise Conflict(f"{email} already works at a practice.")
    practice = await Practice.create(name=name.strip())
    owner = await Staff.create(practice=practice, email=email, role="owner")
    return practice, owner


@dataclass(frozen=True)
class Mailer:
    """Sends sign-in codes by SMTP (``smtp://user:pass@host:port``); prints them without one."""

    smtp_url: str | None
    sender: str
    development: bool

    async def send(self, to: str, subject: str, body: str) -> None:
        if not self.smtp_url:
            if not self.development:
                raise AppError("Email is not set up on this server (ATTUNE_SMTP_URL).")
            # Development only: there is no mail server, so the code goes to the console.
            print(f"\n[attune] email to {to}: {subject}\n{body}\n", flush=True)
            return
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        await asyncio.to_thread(self._deliver, message)

    def _deliver(self, message: EmailMessage) -> None:
        url = urlparse(self.smtp_url or "")
        with smtplib.SMTP(url.hostname or "localhost", url.port or 25, timeout=10) as smtp:
            if url.username:
                smtp.starttls()
                smtp.login(url.username, url.password or "")
            smtp.send_message(message)


def _code_hash(email: str, code: str, secret: str) -> str:
    return hmac.new(secret.encode(), f"{email}:{code}".encode(), hashlib.sha256).hexdigest()


async def send_code(email: str, secret: str, mailer: Mailer) -> None:
    """Email a one-time code to staff. Says nothing about whether the address is staff."""
    email = normalise_email(email)
    if not await Staff.exists(email=email):
        logger.info("sign-in code requested for an address that is not staff")
        return
    code = f"{secrets.randbelow(10**6):06d}"
    await StaffCode.filter(email=email, used_at__isnull=True).update(
        used_at=dt.datetime.now(dt.UTC)
    )
    await StaffCode.create(
        email=email,
        code_hash=_code_hash(email, code, secret),
        expires_at=dt.datetime.now(dt.UTC) + CODE_LIFETIME,
    )
    await mailer.send(
        email,
        "Your Attune sign-in code",
        f"Your code is {code}. It works once, for the next 10 minutes.\n"
        "If you did not ask for it, you can ignore this email.",
    )


async def verify_code(email: str, code: str, secret: str) -> str:
    """A staff session token for a right code; one clear refusal for anything else."""
    email = normalise_email(email)
    refusal = AppError("That code is wrong or has expired. Ask for a new one.")
    row = await StaffCode.filter(email=email, used_at__isnull=True).order_by("-id").first()
    if row is None or row.expires_at <= dt.datetime.now(dt.UTC):
        raise refusal
    row.attempts += 1
    if row.attempts > MAX_CODE_TRIES:
        row.used_at = dt.datetime.now(dt.UTC)
        await row.save(update_fields=["attempts", "used_at"])
        raise refusal
    if not hmac.compare_digest(row.code_hash, _code_hash(email, code.strip(), secret)):
        await row.save(update_fields=["attempts"])
        raise refusal
    row.used_at = dt.datetime.now(dt.UTC)
    await row.save(update_fields=["attempts", "used_at"])
    staff = await Staff.get(email=email)
    token = secrets.token_urlsafe(32)
    await StaffSession.create(token_hash=hash_token(token), staff=staff)
    return token


async def staff_for_token(token: str | None) -> Staff | None:
    if not token or len(token) > 100:
        return None
    session = await StaffSession.get_or_none(token_hash=hash_token(token)).select_related(
        "staff__practice"
    )
    return session.staff if session else None


async def add_staff(owner: Staff, email: str) -> Staff:
    if owner.role != "owner":
        raise Forbidden("Only the practice owner can invite staff.")
    email = normalise_email(email)
    if await Staff.exists(email=email):
        raise Conflict(f"{email} already works at a practice.")
    return await Staff.create(practice_id=owner.practice_id, email=email, role="staff")  # type: ignore[attr-defined]


async def remove_staff(owner: Staff, staff_id: uuid.UUID) -> None:
    if owner.role != "owner":
        raise Forbidden("Only the practice owner can remove staff.")
    if staff_id == owner.id:
        raise Conflict("The owner cannot remove themselves.")
    deleted = await Staff.filter(id=staff_id, practice_id=owner.practice_id).delete()  # type: ignore[attr-defined]
    if not deleted:
        raise NotFound("No such staff member at this practice.")


# -- campaigns -----------------------------------------------------------------------------


def next_february(today: dt.date) -> dt.date:
    first = dt.date(today.year, 2, 1)
    return first if first > today else dt.date(today.year + 1, 2, 1)


def february_length(start: dt.date) -> int:
    """28 days, or 29 when the campaign runs through a leap-year February 29."""
    try:
        leap_day = dt.date(start.year, 2, 29)
    except ValueError:
        return 28
    return 29 if start <= leap_day < start + dt.timedelta(days=29) else 28


def template_of(pack: ContentPack, template_id: str) -> PackCampaignTemplate:
    found = next((t for t in pack.campaign_templates if t.id == template_id), None)
    if found is None:
        raise NotFound(f"There is no campaign template `{template_id}`.")
    return found


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(8))


def day_number(campaign: Campaign, joined_on: dt.date, today: dt.date) -> int:
    """Campaign day N = the participant's local date - day 1 + 1 (cohort or rolling)."""
    first = campaign.start_date if campaign.start_mode == "cohort" else joined_on
    return (today - first).days + 1


def days_begun(campaign: Campaign, now: dt.datetime) -> int:
    """How many of the campaign's days have begun somewhere on Earth, from the calendar alone
    (never from anyone's data): from the start date with a cohort start, from the day joining
    opened with a rolling one."""
    first = campaign.start_date if campaign.start_mode == "cohort" else campaign.enrol_opens
    today = (now + FIRST_TIME_ZONE).date()
    return max(0, min(campaign.length_days, (today - first).days + 1))


def day_date(campaign: Campaign, joined_on: dt.date, day: int) -> dt.date:
    first = campaign.start_date if campaign.start_mode == "cohort" else joined_on
    return first + dt.timedelta(days=day - 1)


def length_for(start: dt.date, template: PackCampaignTemplate) -> int:
    """28 days (29 through a leap-year February 29), never more days than the template has."""
    length = february_length(start) if start.month == 2 else 28
    return min(length, len(template.days))


def enrolment_checked(opens: dt.date, closes: dt.date) -> None:
    if closes < opens:
        raise AppError(
            "Joining must close on or after the day it opens.",
            errors=[FieldError(field="$.enrol_closes", message="before enrol_opens")],
        )


async def create_campaign(
    staff: Staff, pack: ContentPack, data: NewCampaign, today: dt.date
) -> Campaign:
    template = template_of(pack, data.template_id)
    start = data.start_date or next_february(today)
    length = length_for(start, template)
    opens = data.enrol_opens or min(today, start)
    closes = data.enrol_closes or start + dt.timedelta(days=length - 1)
    enrolment_checked(opens, closes)
    return await Campaign.create(
        practice_id=staff.practice_id,  # type: ignore[attr-defined]
        name=data.name,
        template_id=template.id,
        start_date=start,
        length_days=length,
        welcome=data.welcome,
        enrol_opens=opens,
        enrol_closes=closes,
        start_mode=data.start_mode,
        join_code=new_join_code(),
        schedule=[msgspec.to_builtins(day) for day in template.days if day.day <= length],
    )


async def update_campaign(campaign: Campaign, pack: ContentPack, data: CampaignUpdate) -> None:
    """Change what may change. The start (date and mode) is fixed once someone has joined."""
    unset = msgspec.UNSET
    moves_start = (data.start_date is not unset and data.start_date != campaign.start_date) or (
        data.start_mode is not unset and data.start_mode != campaign.start_mode
    )
    if moves_start and await Participant.exists(campaign_id=campaign.id):
        field = "$.start_date" if data.start_date is not unset else "$.start_mode"
        raise Conflict(
            "People have joined already, so day 1 can no longer move. "
            "You can still change the name, the welcome, the days and when joining closes.",
            errors=[FieldError(field=field, message="fixed once someone has joined")],
        )
    for field in ("name", "welcome", "start_mode", "enrol_opens", "enrol_closes"):
        value = getattr(data, field)
        if value is not unset:
            setattr(campaign, field, value)
    enrolment_checked(campaign.enrol_opens, campaign.enrol_closes)
    schedule = campaign.schedule
    if not isinstance(data.start_date, msgspec.UnsetType):
        template = template_of(pack, campaign.template_id)
        length = length_for(data.start_date, template)
        if length < campaign.length_days:
            schedule = [day for day in schedule if day["day"] <= length]
        elif length > campaign.length_days:
            schedule = schedule + [
                msgspec.to_builtins(day)
                for day in template.days
                if campaign.length_days < day.day <= length
            ]
        campaign.start_date, campaign.length_days = data.start_date, length
    if not isinstance(data.schedule, msgspec.UnsetType):
        schedule = checked_schedule(pack, data.schedule, campaign.length_days)
    campaign.schedule = schedule
    await campaign.save()


async def delete_campaign(campaign: Campaign) -> None:
    """Only a campaign nobody has joined can go: figures people shared are not thrown away."""
    if await Participant.exists(campaign_id=campaign.id):
        raise Conflict(
            "People have joined this campaign, so it can't be deleted. "
            "To stop new people joining, close enrolment."
        )
    await campaign.delete()


async def campaign_of(staff: Staff, campaign_id: uuid.UUID) -> Campaign:
    """A campaign of this staff member's practice; another practice's is not found."""
    campaign = await Campaign.get_or_none(id=campaign_id, practice_id=staff.practice_id)  # type: ignore[attr-defined]
    if campaign is None:
        raise NotFound("No such campaign at your practice.")
    return campaign


UNDO_WINDOW = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Joined:
    participant: Participant
    #: The partner invited to join too (tell their phones), if any.
    invited: uuid.UUID | None = None


async def join(account: Account, campaign: Campaign, as_couple: bool, today: dt.date) -> Joined:
    """Take part, or take part again. Joining as a couple invites the partner in the app.

    Coming back within a day of leaving undoes the leaving (same day 1, even once enrolment
    has closed); coming back later is a new start and needs enrolment to be open.
    """
    now = dt.datetime.now(dt.UTC)
    couple = await couples.active_couple(account.id) if as_couple else None
    if as_couple and couple is None:
        raise Conflict("Link with your partner first, or join on your own.")
    couple_id = couple.id if couple else None
    existing = await Participant.get_or_none(campaign_id=campaign.id, account_id=account.id)
    left_at = existing.left_at if existing else None
    undo = left_at is not None and now - left_at < UNDO_WINDOW
    if existing is not None and existing.left_at is None:
        if existing.couple_id == couple_id:
            return Joined(existing)  # already taking part: joining again changes nothing
        existing.couple_id = couple_id
        await existing.save(update_fields=["couple_id"])
        participant = existing
    elif not undo and not campaign.enrol_opens <= today <= campaign.enrol_closes:
        raise Conflict("Joining is closed for this programme.")
    elif existing is not None:
        existing.left_at = None
        existing.couple_id = couple_id
        if not undo:
            existing.joined_on = today
        await existing.save(update_fields=["left_at", "joined_on", "couple_id"])
        participant = existing
    else:
        participant = await Participant.create(
            campaign_id=campaign.id, account_id=account.id, couple_id=couple_id, joined_on=today
        )
    await CampaignInvite.filter(
        campaign_id=campaign.id, account_id=account.id, answered_at__isnull=True
    ).update(answered_at=now)
    if couple is None:
        return Joined(participant)
    partner = couples.partner_id(couple, account.id)
    if await Participant.exists(campaign_id=campaign.id, account_id=partner, left_at__isnull=True):
        return Joined(participant)
    invite = await CampaignInvite.get_or_none(campaign_id=campaign.id, account_id=partner)
    if invite is None:
        await CampaignInvite.create(
            campaign_id=campaign.id, account_id=partner, couple_id=couple.id, created_at=now
        )
    elif invite.couple_id != couple.id or (invite.answered_at is not None and not undo):
        invite.couple_id, invite.created_at, invite.answered_at = couple.id, now, None
        await invite.save(update_fields=["couple_id", "created_at", "answered_at"])
    elif invite.answered_at is not None:
        return Joined(participant)  # undoing a leave does not bring back a set-aside invitation
    return Joined(participant, invited=partner)


@dataclass(frozen=True)
class Invitation:
    campaign: Campaign
    partner_name: str | None
    invited_at: dt.datetime


async def invitations(account: Account, today: dt.date) -> list[Invitation]:
    """Open invitations from a partner: still linked, still taking part, enrolment open."""
    couple = await couples.active_couple(account.id)
    if couple is None:
        return []
    partner_id = couples.partner_id(couple, account.id)
    rows = await CampaignInvite.filter(
        account_id=account.id, couple_id=couple.id, answered_at__isnull=True
    ).select_related("campaign__practice")
    if not rows:
        return []
    campaign_ids = [row.campaign.id for row in rows]
    partner_in = set(
        await Participant.filter(
            campaign_id__in=campaign_ids,
            account_id=partner_id,
            couple_id=couple.id,
            left_at__isnull=True,
        ).values_list("campaign_id", flat=True)
    )
    mine = set(
        await Participant.filter(
            campaign_id__in=campaign_ids, account_id=account.id, left_at__isnull=True
        ).values_list("campaign_id", flat=True)
    )
    partner = await Account.get(id=partner_id)
    return [
        Invitation(row.campaign, partner.display_name, row.created_at)
        for row in sorted(rows, key=lambda r: r.created_at, reverse=True)
        if row.campaign.id in partner_in
        and row.campaign.id not in mine
        and row.campaign.enrol_opens <= today <= row.campaign.enrol_closes
    ]


async def set_aside(account: Account, campaign: Campaign) -> None:
    """Set an invitation aside ("Not now"): it stops showing on every phone.

    Joining stays possible through the programme's link.
    """
    updated = await CampaignInvite.filter(
        campaign_id=campaign.id, account_id=account.id, answered_at__isnull=True
    ).update(answered_at=dt.datetime.now(dt.UTC))
    if not updated:
        raise NotFound("There is no open invitation to this programme.")


async def leave(account: Account, campaign: Campaign) -> None:
    updated = await Participant.filter(
        campaign_id=campaign.id, account_id=account.id, left_at__isnull=True
    ).update(left_at=dt.datetime.now(dt.UTC))
    if not updated:
        raise NotFound("You are not taking part in this programme.")


# -- the dashboard: counts only, small ones hidden -----------------------------------------


def shown(count: int) -> int | str:
    return count if count >= SMALL else FEWER_THAN_5


def share(part: int, whole: int) -> float | str:
    if part < SMALL or whole < SMALL:
        return FEWER_THAN_5
    return round(100 * part / whole, 1)


def counted_window(
    joined_on: dt.date, left_at: dt.datetime | None, zone: str
) -> tuple[dt.date, dt.date]:
    """The local dates a participant's activity counts for: from joining to leaving (or today).

    Nothing from before they consented, or after they left, reaches the dashboard.
    """
    last = today_in(zone)
    if left_at is not None:
        last = min(last, left_at.astimezone(ZoneInfo(zone)).date())
    return joined_on, last


def for_couples_only(pack: ContentPack) -> frozenset[str]:
    """The challenges only a couple can do: not part of the day for someone taking part alone."""
    return frozenset(c.id for c in pack.challenges if c.audience == "couple")


async def dashboard(campaign: Campaign, pack: ContentPack) -> dict[str, Any]:
    """Joined, active per day, completion per day and retention: aggregates, never rows.

    A day is completed when its lesson, question and challenge step are all done; someone who
    joined alone is not asked for a challenge step only couples can do.
    """
    couples_only = for_couples_only(pack)
    begun = days_begun(campaign, dt.datetime.now(dt.UTC))
    people = await Participant.filter(campaign_id=campaign.id).values(
        "account_id", "couple_id", "joined_on", "left_at", "account__time_zone"
    )
    accounts = [p["account_id"] for p in people]
    joined_on = {p["account_id"]: p["joined_on"] for p in people}
    window = {
        p["account_id"]: counted_window(p["joined_on"], p["left_at"], p["account__time_zone"])
        for p in people
    }

    def counts(account_id: Any, day: dt.date) -> bool:
        first, last = window[account_id]
        return first <= day <= last

    activity: dict[Any, set[dt.date]] = {a: set() for a in accounts}
    for account_id, day in await ActivityDay.filter(account_id__in=accounts).values_list(
        "account_id", "local_date"
    ):
        if counts(account_id, day):
            activity[account_id].add(day)
    schedule = {entry["day"]: entry for entry in campaign.schedule}
    lessons_done: dict[Any, set[str]] = {a: set() for a in accounts}
    for account_id, lesson_id, done_on in await LessonProgress.filter(
        account_id__in=accounts, completed_on__isnull=False
    ).values_list("account_id", "lesson_id", "completed_on"):
        if counts(account_id, done_on):
            lessons_done[account_id].add(lesson_id)
    answered: dict[Any, set[dt.date]] = {a: set() for a in accounts}
    for account_id, day in await Answer.filter(account_id__in=accounts).values_list(
        "account_id", "day"
    ):
        if counts(account_id, day):
            answered[account_id].add(day)
    checked: dict[Any, set[tuple[str, int]]] = {a: set() for a in accounts}
    for account_id, challenge_id, step, done_on in await ChallengeCheck.filter(
        account_id__in=accounts
    ).values_list("account_id", "run__challenge_id", "day", "done_on"):
        if counts(account_id, done_on):
            checked[account_id].add((challenge_id, step))

    alone = {p["account_id"] for p in people if p["couple_id"] is None}

    def challenge_done(account_id: Any, ref: dict[str, Any] | None) -> bool:
        if ref is None or (account_id in alone and str(ref.get("challenge")) in couples_only):
            return True
        return (str(ref.get("challenge")), int(ref.get("day", 0))) in checked[account_id]

    days = []
    last_active: dict[Any, int] = {}
    for n in range(1, campaign.length_days + 1):
        if n > begun:  # nobody's date for it has come: nothing to count
            days.append({"day": n, "active": NOT_YET, "completed": NOT_YET})
            continue
        entry = schedule.get(n, {})
        active = completed = 0
        for account_id in accounts:
            date = day_date(campaign, joined_on[account_id], n)
            if date in activity[account_id]:
                active += 1
                last_active[account_id] = n
            if not counts(account_id, date):
                continue
            done = [
                entry.get("lesson") is None or entry["lesson"] in lessons_done[account_id],
                entry.get("prompt") is None or date in answered[account_id],
                challenge_done(account_id, entry.get("challenge_day")),
            ]
            if all(done) and any(entry.get(k) for k in ("lesson", "prompt", "challenge_day")):
                completed += 1
        days.append({"day": n, "active": shown(active), "completed": shown(completed)})
    total = len(accounts)
    retention: list[dict[str, Any]] = []
    for n in range(1, campaign.length_days + 1):
        if n > begun:
            retention.append({"day": n, "still_taking_part": NOT_YET, "percent": NOT_YET})
            continue
        kept = sum(1 for last in last_active.values() if last >= n)
        retention.append(
            {"day": n, "still_taking_part": shown(kept), "percent": share(kept, total)}
        )
    couples_count = len({p["couple_id"] for p in people if p["couple_id"] is not None})
    individuals = sum(1 for p in people if p["couple_id"] is None)
    return {
        "campaign_id": str(campaign.id),
        "name": campaign.name,
        "joined": {
            "people": shown(total),
            "individuals": shown(individuals),
            "couples": shown(couples_count),
            "left": shown(sum(1 for p in people if p["left_at"] is not None)),
        },
        "days": days,
        "retention": retention,
        "note": (
            "Figures below 5 people read 'fewer than 5', and days that have not begun 'not yet'."
            " No one's answers are ever shown."
        ),
    }


def dashboard_csv(report: dict[str, Any]) -> str:
    lines = ["day,active,completed,still_taking_part,percent_still_taking_part"]
    for day, kept in zip(report["days"], report["retention"], strict=True):
        lines.append(
            f"{day['day']},{day['active']},{day['completed']},"
            f"{kept['still_taking_part']},{kept['percent']}"
        )
    joined = report["joined"]
    lines.append("")
    lines.append("joined_people,joined_individuals,joined_couples,left")
    lines.append(f"{joined['people']},{joined['individuals']},{joined['couples']},{joined['left']}")
    return "\n".join(lines) + "\n"


async def sign_out(token: str) -> None:
    await StaffSession.filter(token_hash=hash_token(token)).delete()


def checked_schedule(pack: ContentPack, days: list[Any], length: int) -> list[dict[str, Any]]:
    """A practice's own schedule: days 1..length, each pointing at content that exists."""
    lessons = {lesson.id for lesson in pack.lessons}
    prompts = {prompt.id for prompt in pack.prompts}
    challenges = {challenge.id: len(challenge.days) for challenge in pack.challenges}
    if sorted(day.day for day in days) != list(range(1, length + 1)):
        raise AppError(
            f"The schedule needs days 1 to {length}, each once.",
            errors=[FieldError(field="$.schedule", message=f"days 1 to {length}, each once")],
        )
    for index, day in enumerate(days):
        at = f"$.schedule[{index}]"
        ref = day.challenge_day or {}
        problems = [
            (f"{at}.lesson", day.lesson and day.lesson not in lessons),
            (f"{at}.prompt", day.prompt and day.prompt not in prompts),
            (
                f"{at}.challenge_day",
                ref
                and (
                    ref.get("challenge") not in challenges
                    or not isinstance(ref.get("day"), int)
                    or not 1 <= int(ref["day"]) <= challenges[str(ref["challenge"])]
                ),
            ),
            (at, not (day.lesson or day.prompt or ref)),
        ]
        for field, bad in problems:
            if bad:
                raise AppError(
                    "A day points at content that does not exist, or at nothing.",
                    errors=[FieldError(field=field, message="not in the library")],
                )
    return [msgspec.to_builtins(day) for day in sorted(days, key=lambda d: d.day)]


MAX_LOGO_BYTES = 1024 * 1024
LOGO_SIZE = 512


def reencode_logo(data: bytes) -> bytes:
    """A PNG, JPEG or WebP upload, decoded and written anew as a PNG of at most 512 pixels.

    Re-encoding drops whatever else the file carried (metadata, trailing bytes, scripts).
    """
    if len(data) > MAX_LOGO_BYTES:
        raise AppError("The logo is larger than 1 MB; use a smaller image.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG", "WEBP"):
                raise AppError("The logo must be a PNG, JPEG or WebP image.")
            if image.width * image.height > 40_000_000:
                raise AppError("The logo is too large in pixels.")
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise AppError("That file is not an image we can read (PNG, JPEG or WebP).") from exc
    picture.thumbnail((LOGO_SIZE, LOGO_SIZE))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def campaign_prompt(owner_key: str, day: dt.date) -> Program[str | None]:
    """Schedule hook: a campaign's prompt of the day for its participants (see prompts)."""
    try:
        owner = uuid.UUID(owner_key)  # an account id, or a couple id
    except ValueError:
        return None
    rows = yield from select(
        'SELECT c."start_date", c."start_mode", c."schedule", c."length_days", p."joined_on" '
        'FROM "participant" p JOIN "campaign" c ON c."id" = p."campaign_id" '
        'WHERE (p."account_id" = ? OR p."couple_id" = ?) AND p."left_at" IS NULL',
        owner,
        owner,
    )
    for row in rows:
        first = as_date(row["start_date"] if row["start_mode"] == "cohort" else row["joined_on"])
        if first is None:
            continue
        number = (day - first).days + 1
        schedule = row["schedule"]
        entries = msgspec.json.decode(schedule) if isinstance(schedule, str | bytes) else schedule
        for entry in entries:
            if entry.get("day") == number and entry.get("prompt"):
                return str(entry["prompt"])
    return None
