"""The mail outbox: mails are written here in the transaction of what decided them, and only the
worker (mail/worker.py) sends them. Flushes, never commits.

Claiming is a short transaction that moves each claimed row's `next_attempt_at` a lease into the
future (longer than a batch of sends can take) and marks it with the claim's id, so no other worker
sees it while it is being sent; on PostgreSQL the claim reads with `FOR UPDATE SKIP LOCKED`, so any
number of workers share the outbox and never send one row at once. A worker that dies mid-send
leaves its rows to be sent again when the lease ends (at least once; the Message-ID stays the same,
so a mail program shows a repeat as one mail). Sent mails keep no body (a reset link is a secret),
and every finished row is deleted after `mail_retention_days`.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from secondround.config import Settings
from secondround.db.types import utcnow
from secondround.mail.content import Mail
from secondround.models import MailMessage

PENDING, SENT, FAILED = "pending", "sent", "failed"
JITTER = 0.1
PRUNE_BATCH = 1_000
ERROR_LENGTH = 300


def enqueue(
    db: Session, settings: Settings, *, kind: str, to: str, mail: Mail, owner_id: uuid.UUID | None
) -> MailMessage | None:
    """Write `mail` to the outbox for the worker, in the caller's transaction. Without an SMTP host
    nothing can be sent, so nothing is written (None): no table of mail that never leaves."""
    if not settings.mail_enabled:
        return None
    domain = settings.mail_from.rsplit("@", 1)[-1].strip(" >") or "localhost"
    row = MailMessage(
        owner_id=owner_id,
        kind=kind,
        recipient=to,
        subject=mail.subject,
        body_text=mail.text,
        body_html=mail.html,
        headers=dict(mail.headers),
        message_id=make_msgid(domain=domain),
        state=PENDING,
        next_attempt_at=utcnow(),
    )
    db.add(row)
    db.flush()
    return row


@dataclass(frozen=True)
class MailClaim:
    mail_id: uuid.UUID
    claim_id: uuid.UUID
    recipient: str
    subject: str
    body_text: str
    body_html: str | None
    headers: dict[str, Any]
    message_id: str
    attempt: int


def retry_delay(delays: list[float], attempt: int, rand: random.Random | None = None) -> float | None:
    """Seconds before the retry that follows attempt `attempt` (1 = the first), with jitter; None
    when the schedule is used up."""
    if attempt > len(delays):
        return None
    return delays[attempt - 1] * (rand or random).uniform(1 - JITTER, 1 + JITTER)


def anything_due(db: Session) -> bool:
    """A cheap read first: an idle worker must not take SQLite's write lock every poll."""
    found = db.execute(
        select(col(MailMessage.id))
        .where(col(MailMessage.state) == PENDING, col(MailMessage.next_attempt_at) <= utcnow())
        .limit(1)
    ).first()
    return found is not None


def claim(db: Session, limit: int, lease_seconds: float) -> list[MailClaim]:
    now = utcnow()
    claim_id = uuid.uuid4()
    statement = (
        select(MailMessage)
        .where(col(MailMessage.state) == PENDING, col(MailMessage.next_attempt_at) <= now)
        .order_by(col(MailMessage.next_attempt_at), col(MailMessage.id))
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    claims = []
    for row in db.execute(statement).scalars().all():
        row.attempts += 1
        row.next_attempt_at = now + timedelta(seconds=lease_seconds)
        row.claimed_by = claim_id
        db.add(row)
        claims.append(
            MailClaim(
                row.id,
                claim_id,
                row.recipient,
                row.subject,
                row.body_text,
                row.body_html,
                dict(row.headers or {}),
                row.message_id,
                row.attempts,
            )
        )
    db.flush()
    return claims


@dataclass(frozen=True)
class SendOutcome:
    """What one send came to: sent, or an error and whether trying again may help."""

    sent: bool
    error: str | None = None
    permanent: bool = False


def _held(db: Session, item: MailClaim) -> MailMessage | None:
    """The row, if this claim still holds it (not deleted with its account, not taken over)."""
    row = db.get(MailMessage, item.mail_id)
    if row is None or row.state != PENDING or row.claimed_by != item.claim_id:
        return None
    return row


def finish(db: Session, done: list[tuple[MailClaim, SendOutcome]], delays: list[float]) -> None:
    """Record each send: sent (its body emptied), a retry later, or given up."""
    for item, outcome in done:
        row = _held(db, item)
        if row is None:
            continue
        row.claimed_by = None
        delay = None if outcome.permanent else retry_delay(delays, item.attempt)
        if outcome.sent:
            row.state, row.next_attempt_at, row.sent_at, row.last_error = SENT, None, utcnow(), None
            row.body_text, row.body_html = "", None  # a reset link is a secret: sent, it is not kept
        elif delay is None:
            row.state, row.next_attempt_at = FAILED, None
            row.body_text, row.body_html = "", None
            row.last_error = (outcome.error or "")[:ERROR_LENGTH]
        else:
            row.next_attempt_at = utcnow() + timedelta(seconds=delay)
            row.last_error = (outcome.error or "")[:ERROR_LENGTH]
        db.add(row)
    db.flush()


def release(db: Session, claims: list[MailClaim]) -> None:
    """Hand claimed mails back (shutdown): due again at once, the attempt not counted, so another
    worker sends them now rather than when the lease ends."""
    for item in claims:
        row = _held(db, item)
        if row is None:
            continue
        row.attempts -= 1
        row.next_attempt_at = utcnow()
        row.claimed_by = None
        db.add(row)
    db.flush()


def prune(db: Session, retention_days: int, limit: int = PRUNE_BATCH) -> int:
    """Delete sent and given-up mails older than `retention_days`; pending ones stay, however old."""
    cutoff = utcnow() - timedelta(days=retention_days)
    ids = list(
        db.execute(
            select(col(MailMessage.id))
            .where(col(MailMessage.state).in_((SENT, FAILED)), col(MailMessage.created_at) < cutoff)
            .order_by(col(MailMessage.created_at))
            .limit(limit)
        ).scalars()
    )
    if ids:
        db.execute(delete(MailMessage).where(col(MailMessage.id).in_(ids)))
    return len(ids)


def depth(db: Session) -> tuple[int, float]:
    """Mails waiting to be sent, and how long the oldest due one has waited (seconds; 0: none due)."""
    now = utcnow()
    pending, oldest = db.execute(
        select(func.count(), func.min(col(MailMessage.next_attempt_at))).where(col(MailMessage.state) == PENDING)
    ).one()
    waited = (now - oldest).total_seconds() if oldest is not None and oldest <= now else 0.0
    return int(pending), waited
