"""Linking two accounts: invitation codes, joining, unlinking.

Codes use Crockford's base32 alphabet (no I, L, O, U), ten characters (50 bits), shown as
two groups of five joined by a hyphen. They are single-use, expire after 72 hours, can be
revoked, and only a keyed hash is stored. Redeeming is rate-limited per account and per
address, so guessing is hopeless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import secrets
import uuid
from typing import Any

import segno
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.accounts.models import Account
from backend.couples.models import Couple, Invite
from backend.errors import AppError, Conflict, NotFound

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
INVITE_LIFETIME = dt.timedelta(hours=72)
# People type what they see: read O as 0, I and L as 1, and ignore spaces and dashes.
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class CodeProblem(AppError):
    """An invitation code that cannot be used, with a reason a person understands."""

    status = 400
    title = "This code can't be used"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_TYPO)
    return f"{cleaned[:5]}-{cleaned[5:]}" if len(cleaned) == CODE_LENGTH else cleaned


def code_hash(code: str, secret: str) -> str:
    return hmac.new(secret.encode(), normalise(code).encode(), hashlib.sha256).hexdigest()


def qr_svg(link: str) -> str:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return buffer.getvalue().decode()


async def active_couple(account_id: uuid.UUID) -> Couple | None:
    return await Couple.filter(
        Q(inviter_id=account_id) | Q(joiner_id=account_id), ended_at__isnull=True
    ).first()


def partner_id(couple: Couple, account_id: uuid.UUID) -> uuid.UUID:
    inviter: uuid.UUID = couple.inviter_id  # type: ignore[attr-defined]
    joiner: uuid.UUID = couple.joiner_id  # type: ignore[attr-defined]
    return joiner if inviter == account_id else inviter


async def create_invite(account: Account, secret: str) -> tuple[Invite, str]:
    """A fresh code; any earlier open code of this account stops working."""
    if await active_couple(account.id):
        raise Conflict("You are already linked with a partner. Unlink first to invite someone new.")
    now = dt.datetime.now(dt.UTC)
    code = new_code()
    async with in_transaction():
        await Invite.filter(
            inviter_id=account.id, used_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invite = await Invite.create(
            inviter=account, code_hash=code_hash(code, secret), expires_at=now + INVITE_LIFETIME
        )
    return invite, code


async def revoke_invite(account: Account, invite_id: uuid.UUID) -> None:
    updated = await Invite.filter(
        id=invite_id, inviter_id=account.id, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=dt.datetime.now(dt.UTC))
    if not updated:
        raise NotFound("No open invitation with that id.")


async def join(account: Account, code: str, secret: str, today: dt.date) -> Couple:
    """Link this account with the code's inviter, or say plainly why not."""
    invite = await Invite.get_or_none(code_hash=code_hash(code, secret)).select_related("inviter")
    now = dt.datetime.now(dt.UTC)
    if invite is None:
        raise CodeProblem(
            "unknown", "That code doesn't match any invitation. Check it and try again."
        )
    if invite.inviter_id == account.id:  # type: ignore[attr-defined]
        raise CodeProblem("own", "That's your own code. Send it to your partner to link up.")
    if invite.used_at is not None:
        raise CodeProblem("used", "That code has already been used. Ask for a new one.")
    if invite.revoked_at is not None:
        raise CodeProblem("revoked", "That code was cancelled. Ask for a new one.")
    if invite.expires_at <= now:
        raise CodeProblem(
            "expired", "That code has expired (codes last 72 hours). Ask for a new one."
        )
    if await active_couple(account.id):
        raise CodeProblem("already_linked", "You are already linked with a partner.")
    if await active_couple(invite.inviter.id):
        raise CodeProblem("inviter_linked", "The person who sent this code is already linked.")
    async with in_transaction():
        claimed = await Invite.filter(id=invite.id, used_at__isnull=True).update(used_at=now)
        if not claimed:  # someone else used it a moment ago
            raise CodeProblem("used", "That code has already been used. Ask for a new one.")
        return await Couple.create(inviter=invite.inviter, joiner=account, epoch=today)


async def unlink(account: Account) -> Couple:
    couple = await active_couple(account.id)
    if couple is None:
        raise NotFound("You are not linked with a partner.")
    couple.ended_at = dt.datetime.now(dt.UTC)
    await couple.save(update_fields=["ended_at"])
    return couple


def couple_view(couple: Couple, partner: Account) -> dict[str, Any]:
    return {
        "id": str(couple.id),
        "since": couple.created_at.isoformat(),
        "epoch": couple.epoch.isoformat(),
        "partner": {"display_name": partner.display_name, "time_zone": partner.time_zone},
    }
