"""The daily reminder (README, "Mail: reminders and password reset"): once a day per account, from
the account's reminder hour (07:00 by default) in its own zone, a mail listing overdue and today's
follow-ups, thank-you notes still to send for rounds of the last 24 hours, and offers to answer
(overdue, today, or within OFFER_DUE_DAYS_BEFORE days). Nothing due: no mail.

Once a day is a database fact, not luck: `mail_reminders_sent` is keyed by account and local date,
and the worker writes that row (INSERT ... ON CONFLICT DO NOTHING) in the same transaction as the
mail. Of two workers looking at one morning, one inserts and writes the mail; the other's insert
does nothing (or waits for the first to commit, then does nothing), and it writes no mail. The day
is decided at the first look after the hour: something that becomes due later that day is in the
app, and in the next morning's mail if still open.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from secondround.config import Settings
from secondround.db.types import utcnow
from secondround.follow_ups.schemas import FollowUpWhen
from secondround.follow_ups.service import interviewers_by_round, list_statement, offers_statement
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ROUND_KIND_LABELS
from secondround.mail import links, outbox
from secondround.mail.reminder import FollowUpItem, OfferItem, ReminderFacts, ThankYouItem, build
from secondround.models import Application, Interviewer, Offer, ReminderSent, Round, ThankYouNoteSent, User
from secondround.thank_you.timing import WITHIN, NoteWindow, timing

KIND = "daily_reminder"
DEFAULT_HOUR = 7
RETENTION_DAYS = 60  # the record of which days had a reminder


def now() -> datetime:
    return utcnow()


@dataclass(frozen=True)
class DueAccount:
    id: uuid.UUID
    local_date: date


def accounts_due(db: Session, instant: datetime) -> list[DueAccount]:
    """Accounts with the reminder on whose local clock has passed their hour and that have no
    reminder record for their local today."""
    last = (
        select(func.max(col(ReminderSent.local_date)))
        .where(col(ReminderSent.owner_id) == col(User.id))
        .scalar_subquery()
    )
    rows = db.execute(
        select(col(User.id), col(User.time_zone), col(User.reminder_hour), last.label("last"))
        .where(col(User.daily_reminder).is_(True))
        # No zone is more than a day ahead of UTC: a record of UTC's tomorrow already covers today.
        .where((last.is_(None)) | (last <= instant.date()))
    ).all()
    due = []
    for account_id, zone_name, hour, last_day in rows:
        local = local_time.to_local(instant, zone_name)
        if local.hour >= hour and (last_day is None or last_day < local.date()):
            due.append(DueAccount(account_id, local.date()))
    return due


def _claim_day(db: Session, account: DueAccount) -> bool:
    """Record the account's day; False when a record was already there (another worker's)."""
    values = {"owner_id": account.id, "local_date": account.local_date, "items": 0, "created_at": utcnow()}
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # RETURNING, not rowcount: a row comes back only when this insert made it (rowcount may be -1).
    statement = insert(ReminderSent).values(**values).on_conflict_do_nothing().returning(col(ReminderSent.owner_id))
    return db.connection().execute(statement).first() is not None


def _follow_ups(db: Session, user: User, today: date) -> list[FollowUpItem]:
    rows = db.execute(
        list_statement(user.id, when=FollowUpWhen.DUE, today=today).order_by(col(Round.follow_up_on), col(Round.id))
    ).all()
    people = interviewers_by_round(db, user.id, [r.id for r, _a in rows])
    return [
        FollowUpItem(
            company=application.company,
            position=application.position,
            round_label=ROUND_KIND_LABELS[round_.kind],
            follow_up_on=round_.follow_up_on,
            people=tuple(p.name for p in people.get(round_.id, [])),
        )
        for round_, application in rows
    ]


def _offers(db: Session, user: User, today: date) -> list[OfferItem]:
    rows = db.execute(
        offers_statement(user.id, when=FollowUpWhen.DUE, today=today).order_by(col(Offer.respond_by), col(Offer.id))
    ).all()
    return [
        OfferItem(application.company, application.position, str(offer.stage), offer.respond_by)
        for offer, application in rows
        if offer.respond_by is not None
    ]


def _thank_yous(db: Session, user: User, instant: datetime) -> list[ThankYouItem]:
    """Rounds that ended within the last 24 hours (by their time and length), with the people met
    who have no thank-you note marked sent."""
    earliest = instant - WITHIN - timedelta(days=1)  # rounds last less than a day
    rounds = db.execute(
        select(Round, Application)
        .join(Application, col(Application.id) == col(Round.application_id))
        .where(
            col(Round.owner_id) == user.id,
            col(Round.scheduled_at).is_not(None),
            col(Round.scheduled_at) >= earliest,
            col(Round.scheduled_at) <= instant,
            col(Round.status) != "cancelled",
        )
        .order_by(col(Round.scheduled_at), col(Round.id))
    ).all()
    open_rounds = [
        (r, a)
        for r, a in rounds
        if timing(status=r.status, scheduled_at=r.scheduled_at, duration_minutes=r.duration_minutes, now=instant).window
        == NoteWindow.OPEN
    ]
    if not open_rounds:
        return []
    thanked = select(col(ThankYouNoteSent.interviewer_id)).where(
        col(ThankYouNoteSent.interviewer_id) == col(Interviewer.id)
    )
    people = db.execute(
        select(col(Interviewer.round_id), col(Interviewer.name))
        .where(
            col(Interviewer.round_id).in_([r.id for r, _a in open_rounds]),
            col(Interviewer.cancelled).is_(False),
            ~thanked.exists(),
        )
        .order_by(col(Interviewer.order), col(Interviewer.id))
    ).all()
    names: dict[uuid.UUID, list[str]] = {}
    for round_id, name in people:
        names.setdefault(round_id, []).append(name)
    return [
        ThankYouItem(a.company, a.position, ROUND_KIND_LABELS[r.kind], tuple(names[r.id]))
        for r, a in open_rounds
        if names.get(r.id)
    ]


def facts_for(db: Session, settings: Settings, user: User, today: date, instant: datetime) -> ReminderFacts:
    token = links.unsubscribe_token(settings.secret_key, user.id)
    return ReminderFacts(
        name=user.display_name,
        today=today,
        app_url=settings.web_url,
        unsubscribe_url=f"{settings.web_url}/unsubscribe?token={token}",
        one_click_url=f"{settings.web_url}/api/v1/mail/unsubscribe?token={token}",
        follow_ups=_follow_ups(db, user, today),
        thank_yous=_thank_yous(db, user, instant),
        offers=_offers(db, user, today),
    )


def remind(db: Session, settings: Settings, account: DueAccount) -> bool:
    """Decide `account`'s reminder for its day: record the day, and write the mail when something
    is due. Returns whether a mail was written (False too when another worker had the day)."""
    if not _claim_day(db, account):
        return False
    user = db.get(User, account.id)
    if user is None or not user.daily_reminder:
        return False
    facts = facts_for(db, settings, user, account.local_date, now())
    mail = build(facts)
    if mail is None:
        return False
    row = outbox.enqueue(db, settings, kind=KIND, to=user.email, mail=mail, owner_id=user.id)
    mark = db.get_one(ReminderSent, (account.id, account.local_date))
    mark.items = len(facts.follow_ups) + sum(len(t.names) for t in facts.thank_yous) + len(facts.offers)
    mark.mail_id = row.id if row is not None else None
    db.add(mark)
    db.flush()
    return row is not None


def prune_days(db: Session) -> None:
    """Forget which days had a reminder after RETENTION_DAYS (only the latest days matter)."""
    cutoff = utcnow().date() - timedelta(days=RETENTION_DAYS)
    db.execute(delete(ReminderSent).where(col(ReminderSent.local_date) < cutoff))
