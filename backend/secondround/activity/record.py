"""Entries the server appends by itself, in the transaction of the change they record: a status
moved, an outcome came, a follow-up call was recorded. Flushes, never commits."""

import uuid
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.db.ownership import apply_changes
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import ActivityKind, Channel, Outcome, RoundKind
from secondround.models import ActivityEntry, Application, Round


def words(value: str) -> str:
    return str(value).replace("_", " ")


def append(
    db: Session,
    *,
    owner_id: uuid.UUID,
    application_id: uuid.UUID,
    kind: ActivityKind,
    text: str,
    occurred_at: datetime | None = None,
    round_id: uuid.UUID | None = None,
    interviewer_id: uuid.UUID | None = None,
    contact_id: uuid.UUID | None = None,
    channel: Channel | None = None,
    next_follow_up_on: date | None = None,
) -> ActivityEntry:
    entry = ActivityEntry(
        owner_id=owner_id,
        application_id=application_id,
        kind=kind,
        text=text,
        occurred_at=occurred_at or utcnow(),
        round_id=round_id,
        interviewer_id=interviewer_id,
        contact_id=contact_id,
        channel=channel,
        next_follow_up_on=next_follow_up_on,
        revisions=[],
    )
    db.add(entry)
    db.flush()
    return entry


def status_changed(db: Session, application: Application, before: str) -> None:
    """A status_change entry when the application's status is no longer `before`."""
    if application.status == before:
        return
    append(
        db,
        owner_id=application.owner_id,
        application_id=application.id,
        kind=ActivityKind.STATUS_CHANGE,
        text=f"Status changed from {words(before)} to {words(application.status)}.",
    )


def round_name(sequence: int, kind: str) -> str:
    return f"Round {sequence}" + ("" if kind == RoundKind.OTHER else f" ({words(kind)})")


def outcome_recorded(db: Session, round_: Round, before: str | None) -> None:
    """An outcome entry when the round's outcome is no longer `before` (None: the round is new)."""
    if round_.outcome == before or (before is None and round_.outcome == Outcome.PENDING):
        return
    name = round_name(round_.sequence, round_.kind)
    text = (
        f"{name}: outcome back to pending (was {words(before)})."
        if round_.outcome == Outcome.PENDING and before
        else f"{name}: outcome {words(round_.outcome)}."
    )
    append(
        db,
        owner_id=round_.owner_id,
        application_id=round_.application_id,
        kind=ActivityKind.OUTCOME,
        text=text,
        round_id=round_.id,
    )


def latest_call_at(db: Session, round_id: uuid.UUID, *, besides: uuid.UUID) -> datetime | None:
    stmt = select(func.max(col(ActivityEntry.occurred_at))).where(
        col(ActivityEntry.round_id) == round_id,
        col(ActivityEntry.kind) == ActivityKind.CALL,
        col(ActivityEntry.id) != besides,
    )
    found: datetime | None = db.execute(stmt).scalar()  # max() keeps the column's type: aware UTC
    return found


def call_sets_follow_up(db: Session, round_: Round, entry: ActivityEntry) -> Round:
    """The round's follow-up state follows its latest call: the call's text is the round's
    `follow_up_note`; a next date becomes `follow_up_on` (chosen, so the default rule leaves it)
    and puts the round back in line for that day; without one, the round is followed up
    (`followed_up_at`). A backdated call older than the round's latest changes nothing."""
    latest = latest_call_at(db, round_.id, besides=entry.id)
    if latest is not None and entry.occurred_at < latest:
        return round_
    changes: dict[str, object] = {"follow_up_note": entry.text or None}
    if entry.next_follow_up_on is not None and round_.outcome == Outcome.PENDING:
        changes |= {"follow_up_on": entry.next_follow_up_on, "follow_up_on_is_manual": True, "followed_up_at": None}
    else:
        changes["followed_up_at"] = entry.occurred_at
    return apply_changes(db, round_, changes)
