"""The activity log: append, read, and edit (keeping the earlier text). Flushes, never commits."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.activity import record
from secondround.activity.schemas import ActivityCreate, ActivityRead, ActivityUpdate
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput
from secondround.db.caps import ensure_room
from secondround.db.ownership import ROW_WRITE_LOCK, apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ActivityKind
from secondround.models import ActivityEntry, Application, Contact, Interviewer, Round

# Newest first: a log is read from the latest entry back.
keyset = Keyset("activity", col(ActivityEntry.occurred_at), col(ActivityEntry.id), descending=True)
# An entry may be stamped this far ahead of the server's clock (a phone's clock runs fast).
FUTURE_SLACK = timedelta(minutes=1)
# Entries people write per application; the server's own (status, outcome) never count against it.
MAX_ENTRIES_PER_APPLICATION = 5000
SERVER_KINDS = frozenset({ActivityKind.STATUS_CHANGE, ActivityKind.OUTCOME})


def list_statement(application_id: uuid.UUID, *, kind: ActivityKind | None, updated_after: datetime | None) -> Any:
    stmt = select(ActivityEntry).where(
        col(ActivityEntry.application_id) == application_id,
        *changed_since(col(ActivityEntry.updated_at), updated_after),
    )
    if kind is not None:
        stmt = stmt.where(col(ActivityEntry.kind) == kind)
    return stmt


def readable(db: Session, entries: list[ActivityEntry]) -> list[ActivityRead]:
    """Entries as they are read, each with the name of the person it is with (two lookups for any
    number of entries: the names are read, not copied into the log, so a corrected name shows)."""
    interviewer_ids = {e.interviewer_id for e in entries if e.interviewer_id is not None}
    contact_ids = {e.contact_id for e in entries if e.contact_id is not None and e.interviewer_id is None}
    names: dict[uuid.UUID, str] = {}
    if interviewer_ids:
        names.update(
            db.execute(
                select(col(Interviewer.id), col(Interviewer.name)).where(col(Interviewer.id).in_(interviewer_ids))
            ).all()
        )
    if contact_ids:
        names.update(
            db.execute(select(col(Contact.id), col(Contact.name)).where(col(Contact.id).in_(contact_ids))).all()
        )
    out = []
    for entry in entries:
        read = ActivityRead.model_validate(entry)
        person = entry.interviewer_id or entry.contact_id
        read.person_name = names.get(person) if person else None
        out.append(read)
    return out


def list_page(
    db: Session, application: Application, kind: ActivityKind | None, query: ListQuery
) -> tuple[list[ActivityRead], str | None]:
    rows, next_cursor = keyset.fetch(
        db, list_statement(application.id, kind=kind, updated_after=query.updated_after), query
    )
    return readable(db, rows), next_cursor


def occurred_at_of(value: datetime | None, account_zone: str, now: datetime) -> datetime:
    """The instant an entry happened: now when not said, a wall clock read in the account's zone;
    never more than FUTURE_SLACK ahead of `now`."""
    if value is None:
        return now
    if value.tzinfo is None:
        try:
            value = local_time.from_local(value, account_zone)
        except local_time.LocalTimeError as exc:
            raise InvalidInput("occurred_at", str(exc), type="local_time") from None
    if value > now + FUTURE_SLACK:
        shown = local_time.format_when(now, account_zone)
        raise InvalidInput(
            "occurred_at",
            f"must not be in the future; it is now {shown} in {account_zone}",
            type="in_the_future",
        )
    return value


def _owned(db: Session, model: Any, key: uuid.UUID, owner_id: uuid.UUID) -> Any:
    row = db.get(model, key)
    return row if row is not None and row.owner_id == owner_id else None


def _links(db: Session, application: Application, body: ActivityCreate) -> dict[str, Any]:
    """round_id, interviewer_id and contact_id checked against the application and the account; an
    interviewer brings their round and contact when those are not sent."""
    round_id, interviewer_id, contact_id = body.round_id, body.interviewer_id, body.contact_id
    if interviewer_id is not None:
        person = _owned(db, Interviewer, interviewer_id, application.owner_id)
        person_round = db.get(Round, person.round_id) if person is not None else None
        if person_round is None or person_round.application_id != application.id:
            raise InvalidInput(
                "interviewer_id",
                f"must be someone you meet in this application's rounds; there is no such person with id "
                f"{interviewer_id}",
                type="unknown_interviewer",
            )
        round_id = round_id or person.round_id
        contact_id = contact_id or person.contact_id
    if round_id is not None:
        round_ = _owned(db, Round, round_id, application.owner_id)
        if round_ is None or round_.application_id != application.id:
            raise InvalidInput(
                "round_id",
                f"must be one of this application's rounds; there is no such round with id {round_id}",
                type="unknown_round",
            )
    if contact_id is not None and _owned(db, Contact, contact_id, application.owner_id) is None:
        raise InvalidInput(
            "contact_id",
            f"must be one of your contacts; there is no contact with id {contact_id}",
            type="unknown_contact",
        )
    return {"round_id": round_id, "interviewer_id": interviewer_id, "contact_id": contact_id}


def create(db: Session, application: Application, body: ActivityCreate, *, account_zone: str) -> ActivityEntry:
    if body.kind in SERVER_KINDS:
        raise InvalidInput(
            "kind",
            f"cannot be {body.kind}: those entries are written when a status or an outcome changes",
            type="server_kind",
        )
    if body.next_follow_up_on is not None and body.kind != ActivityKind.CALL:
        raise InvalidInput("next_follow_up_on", "can only be set on a call", type="call_only")
    now = utcnow()
    occurred_at = occurred_at_of(body.occurred_at, account_zone, now)
    if body.next_follow_up_on is not None and body.next_follow_up_on < local_time.local_date(occurred_at, account_zone):
        day = local_time.format_date(local_time.local_date(occurred_at, account_zone))
        raise InvalidInput(
            "next_follow_up_on", f"must not be before the day of the call ({day})", type="date_before_call"
        )
    links = _links(db, application, body)
    detail = f"An application's log holds at most {MAX_ENTRIES_PER_APPLICATION} entries."
    ensure_room(
        db,
        parent=Application.id,
        parent_id=application.id,
        child=ActivityEntry.application_id,
        limit=MAX_ENTRIES_PER_APPLICATION,
        detail=detail,
    )
    entry = record.append(
        db,
        owner_id=application.owner_id,
        application_id=application.id,
        kind=body.kind,
        text=body.text,
        occurred_at=occurred_at,
        channel=body.channel,
        next_follow_up_on=body.next_follow_up_on,
        **links,
    )
    if entry.kind == ActivityKind.CALL and entry.round_id is not None:
        # The application is locked (a writing request's OwnedApplication); its round after it.
        round_ = db.get_one(Round, entry.round_id, with_for_update=ROW_WRITE_LOCK, populate_existing=True)
        record.call_sets_follow_up(db, round_, entry)
    return entry


def update(db: Session, entry: ActivityEntry, body: ActivityUpdate) -> ActivityEntry:
    """A new text; the one it replaces goes to `revisions` with the time it was replaced."""
    if "text" not in body.model_fields_set or body.text == entry.text:
        return entry  # an empty PATCH, or the same words: nothing to keep, no new version
    revisions = [*entry.revisions, {"text": entry.text, "replaced_at": utcnow().isoformat()}]
    entry = apply_changes(db, entry, {"text": body.text, "revisions": revisions})
    if entry.kind == ActivityKind.CALL and entry.round_id is not None:
        # The round's note follows its latest call, edits included.
        round_ = db.get(Round, entry.round_id, with_for_update=ROW_WRITE_LOCK, populate_existing=True)
        latest = record.latest_call_at(db, entry.round_id, besides=entry.id)
        if round_ is not None and (latest is None or entry.occurred_at >= latest):
            apply_changes(db, round_, {"follow_up_note": entry.text or None})
    return entry
