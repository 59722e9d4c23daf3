"""Every create, update and delete of an account's resources, recorded in the same transaction.

One hook on every ORM session, so no service can forget a change:
- `before_flush` sees the rows the flush will insert, update and delete (`session.new`, `dirty`,
  `deleted`); a dirty row counts only if a column really changed.
- What the database does by itself when a row goes (ON DELETE CASCADE, SET NULL) is found from the
  foreign keys of the metadata, before the delete runs: deleting an application records the
  deletion of its rounds, their interviewers, round questions, answers and own questions too.
- Bulk `UPDATE`/`DELETE` statements run through the session (`do_orm_execute`) are recorded from a
  SELECT of the rows they match, just before they run.
- A change to a round, an interviewer, a round question or an application answer moves its
  application's `updated_at` (and an interviewer's, its round's): the parent's ETag and
  `?updated_after=` see it, and the parent gets an `updated` change of its own.
- The session's own changes to contacts, activity entries, debriefs, thank-you notes and offers are
  also noted for their webhook events, queued by `before_commit` (webhooks/resource_events.py).

Rows go to `changes` while the transaction holds its account's lock (`lock_account`), so an
account's changes commit in the order of their numbers (changes/feed.py says why that matters).
Lock order: the account's lock comes first in every authenticated write (accounts/deps.py), so an
account's writes run one after the other on PostgreSQL and the parents' bump cannot deadlock.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ForeignKey, Table, delete, event, insert, inspect, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction
from sqlmodel import SQLModel

from secondround.db.types import utcnow
from secondround.models import (
    ActivityEntry,
    Application,
    ApplicationAnswer,
    Change,
    Contact,
    DebriefRevision,
    Interviewer,
    Offer,
    PracticeCard,
    Question,
    QuestionTargetRole,
    Role,
    Round,
    RoundQuestion,
    ThankYouNoteSent,
    User,
)
from secondround.webhooks.events import ANNOUNCED_RESOURCES


@dataclass(frozen=True)
class Kind:
    """A resource the feed reports: its name, its table, and how its id and owner are read."""

    name: str
    model: type[SQLModel]
    id_column: str  # the resource's id (for keyed entries: the question's)
    parent_column: str | None = None  # keyed entries: the round or application
    owner_column: str = "owner_id"
    # Append-only versions (a debrief): a new row with this column above 1 is an update of the resource.
    version_column: str | None = None

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[attr-defined]

    @property
    def owns_key(self) -> bool:
        """The resource's id is its row's whole primary key (other rows may point at it)."""
        return [c.name for c in self.table.primary_key.columns] == [self.id_column]

    def action_of_new(self, obj: Any) -> str:
        if self.version_column is not None and (getattr(obj, self.version_column) or 0) > 1:
            return UPDATED
        return CREATED


KINDS = (
    Kind("account", User, "id", owner_column="id"),
    Kind("role", Role, "id"),
    Kind("application", Application, "id"),
    Kind("question", Question, "id"),
    Kind("round", Round, "id"),
    Kind("interviewer", Interviewer, "id"),
    Kind("round_question", RoundQuestion, "question_id", "round_id"),
    Kind("application_answer", ApplicationAnswer, "question_id", "application_id"),
    Kind("contact", Contact, "id"),
    Kind("activity_entry", ActivityEntry, "id"),
    # A debrief is its interviewer's: each version is a row, the resource is the interviewer's debrief.
    Kind("debrief", DebriefRevision, "interviewer_id", version_column="revision"),
    Kind("thank_you_note", ThankYouNoteSent, "interviewer_id", "round_id"),
    Kind("offer", Offer, "id"),
    Kind("practice_card", PracticeCard, "question_id"),
)
BY_TABLE = {kind.table.name: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}
# The account's representation (/me) shows these; a new password or calendar token is no change to it.
ACCOUNT_FIELDS = ("email", "display_name", "time_zone", "daily_reminder", "reminder_hour")

CREATED, UPDATED, DELETED = "created", "updated", "deleted"
SEEN = "secondround.changes.seen"
LOCKED = "secondround.changes.locked_accounts"
PENDING = "secondround.changes.pending"
PURGED = "secondround.changes.purged"
ANNOUNCE = "secondround.changes.announce"
# How long the feed keeps what a client may still need (settings.change_retention_days sets it).
RETENTION = {"days": 30}


@dataclass(frozen=True)
class Record:
    owner_id: uuid.UUID
    kind: Kind
    resource_id: uuid.UUID
    parent_id: uuid.UUID | None
    action: str
    source: Any = field(default=None, compare=False, hash=False)  # the instance or row it was read from

    @property
    def key(self) -> tuple[str, uuid.UUID, uuid.UUID | None]:
        return (self.kind.name, self.resource_id, self.parent_id)


def _record_of(kind: Kind, values: Any, action: str) -> Record:
    """A record from a model instance or a row with the kind's columns as attributes."""
    parent = getattr(values, kind.parent_column) if kind.parent_column else None
    return Record(getattr(values, kind.owner_column), kind, getattr(values, kind.id_column), parent, action, values)


def _kind_of(obj: Any) -> Kind | None:
    table = getattr(type(obj), "__table__", None)
    return BY_TABLE.get(table.name) if table is not None else None


def _really_changed(session: Session, kind: Kind, obj: Any) -> bool:
    if kind.model is User:
        state = inspect(obj)
        return any(state.attrs[name].history.has_changes() for name in ACCOUNT_FIELDS)
    return session.is_modified(obj, include_collections=False)


# ---------------------------------------------------------------------------------------------------
# What the database deletes or clears by itself (ON DELETE CASCADE / SET NULL)


def _referencing(table: Table) -> list[tuple[Table, ForeignKey]]:
    """Foreign keys of other tables that point at `table` and act when its row goes."""
    found = []
    for other in SQLModel.metadata.tables.values():
        for fk in other.foreign_keys:
            if fk.column.table is table and (fk.ondelete or "").upper() in ("CASCADE", "SET NULL"):
                found.append((other, fk))
    return found


def _fallout(session: Session, table: Table, ids: list[Any]) -> tuple[list[Record], list[Record]]:
    """What deleting rows `ids` of `table` (a single-column key) does to other rows: (deleted, cleared),
    deepest first. Rows of the link table question_target_roles change their question."""
    deleted: list[Record] = []
    cleared: list[Record] = []
    connection = session.connection()
    for other, fk in _referencing(table):
        if not ids:
            break
        kind = BY_TABLE.get(other.name)
        cascade = (fk.ondelete or "").upper() == "CASCADE"
        if other.name == QuestionTargetRole.__tablename__:
            question_ids = [
                r.question_id for r in connection.execute(select(other.c.question_id).where(fk.parent.in_(ids))).all()
            ]
            questions = Question.__table__  # type: ignore[attr-defined]
            rows = connection.execute(
                select(questions.c.id, questions.c.owner_id).where(questions.c.id.in_(question_ids))
            ).all()
            cleared.extend(_record_of(BY_NAME["question"], row, UPDATED) for row in rows)
            continue
        if kind is None or kind.model is User:
            continue
        columns = {kind.id_column, kind.owner_column} | ({kind.parent_column} if kind.parent_column else set())
        rows = connection.execute(select(*(other.c[c] for c in sorted(columns))).where(fk.parent.in_(ids))).all()
        if not cascade:
            cleared.extend(_record_of(kind, row, UPDATED) for row in rows)
            continue
        if kind.owns_key:  # rows with a key of their own may have dependents in turn
            deeper_deleted, deeper_cleared = _fallout(session, other, [getattr(r, kind.id_column) for r in rows])
            deleted.extend(deeper_deleted)
            cleared.extend(deeper_cleared)
        deleted.extend(_record_of(kind, row, DELETED) for row in rows)
    return deleted, cleared


# ---------------------------------------------------------------------------------------------------
# Parents whose updated_at moves with their children


def _column(session: Session, record: Record, model: type[SQLModel], name: str) -> Any:
    """A column of the record's row: from the instance in hand (or in the session), else from the database."""
    for candidate in (record.source, session.identity_map.get((model, (record.resource_id,), None))):
        if candidate is not None and getattr(candidate, name, None) is not None:
            return getattr(candidate, name)
    table = model.__table__  # type: ignore[attr-defined]
    statement = select(table.c[name]).where(table.c.id == record.resource_id)
    return session.connection().execute(statement).scalar_one_or_none()


def _ancestors(session: Session, record: Record) -> list[tuple[type[SQLModel], uuid.UUID]]:
    """The parents whose updated_at moves with this change: the application, then the round."""
    name = record.kind.name
    if name == "application_answer":
        return [(Application, record.parent_id)] if record.parent_id is not None else []
    if name == "round":
        application_id = _column(session, record, Round, "application_id")
        return [(Application, application_id)] if application_id is not None else []
    if name == "interviewer":
        round_id = _column(session, record, Interviewer, "round_id")
    elif name == "round_question":
        round_id = record.parent_id
    else:
        return []
    if round_id is None:
        return []
    loaded = session.identity_map.get((Round, (round_id,), None))  # an import's rounds are (no query)
    if loaded is not None and loaded.__dict__.get("application_id") is not None:  # loaded, not expired
        application_id = loaded.application_id
    else:
        rounds = Round.__table__  # type: ignore[attr-defined]
        application_id = (
            session.connection()
            .execute(select(rounds.c.application_id).where(rounds.c.id == round_id))
            .scalar_one_or_none()
        )
    parents: list[tuple[type[SQLModel], uuid.UUID]] = [(Application, application_id)] if application_id else []
    return parents + ([(Round, round_id)] if name == "interviewer" else [])


def _bump(session: Session, model: type[SQLModel], key: uuid.UUID, now: datetime) -> Any:
    """Move the row's updated_at; returns the row's (id, owner_id) if it exists."""
    found = session.identity_map.get((model, (key,), None))
    if found is not None and found not in session.deleted:
        found.updated_at = now  # flushed with this flush
        return found
    table = model.__table__  # type: ignore[attr-defined]
    return (
        session.connection()
        .execute(
            sql_update(table).where(table.c.id == key).values(updated_at=now).returning(table.c.id, table.c.owner_id)
        )
        .one_or_none()
    )


# ---------------------------------------------------------------------------------------------------
# Writing the records


def lock_account(session: Session, owner_id: uuid.UUID) -> None:
    """Take the account's write lock for the rest of the transaction (PostgreSQL: its users row,
    FOR NO KEY UPDATE; SQLite writers hold the database's lock already). Change rows are numbered
    while it is held, so an account's changes commit in the order of their numbers and a reader
    that has seen number n can never later find a smaller one. Every authenticated write takes it
    first of all (accounts/deps.py), so it never waits for it while holding another row's lock."""
    locked: set = session.info.setdefault(LOCKED, set())
    if owner_id in locked:
        return
    locked.add(owner_id)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        users = User.__table__  # type: ignore[attr-defined]
        connection.execute(select(users.c.id).where(users.c.id == owner_id).with_for_update(key_share=True))


def _write(session: Session, records: Iterable[Record], now: datetime, *, bump: bool = True) -> None:
    """Write the records not yet written in this transaction (created then updated is one change),
    and move the parents of the children among them."""
    seen: dict[tuple, str] = session.info.setdefault(SEEN, {})
    rows: list[dict[str, Any]] = []
    # Once per flush, not per record: an import's flush holds thousands of new rows.
    new_accounts = {o.id for o in session.new if isinstance(o, User)}

    def add(record: Record) -> None:
        last = seen.get(record.key)
        if record.action == UPDATED and last in (CREATED, UPDATED):
            return
        if record.action == DELETED and last == DELETED:
            return
        seen[record.key] = record.action
        if record.owner_id not in new_accounts:
            lock_account(session, record.owner_id)  # a new account's row is not there to lock, nor needed
        rows.append(
            {
                "owner_id": record.owner_id,
                "resource": record.kind.name,
                "resource_id": record.resource_id,
                "parent_id": record.parent_id,
                "action": record.action,
                "occurred_at": now,
            }
        )

    records = list(records)
    gone = {r.key for r in records if r.action == DELETED}
    for record in records:
        add(record)
    if bump:
        for record in records:
            if record.kind.name not in ("round", "interviewer", "round_question", "application_answer"):
                continue
            for model, key in _ancestors(session, record):
                kind = BY_NAME["application" if model is Application else "round"]
                if (kind.name, key, None) in gone:
                    continue
                row = _bump(session, model, key, now)
                if row is not None:
                    add(Record(row.owner_id, kind, key, None, UPDATED))
    session.info.setdefault(PENDING, []).extend(rows)


def _flush_pending(session: Session, *_args: Any) -> None:
    """Insert the records gathered before the flush, after it (a new account's row exists by then),
    and let the feed forget, once per transaction and account, what no valid cursor can still need."""
    rows = session.info.pop(PENDING, [])
    if not rows:
        return
    connection = session.connection()
    connection.execute(insert(Change.__table__), rows)  # type: ignore[attr-defined]
    purged: set = session.info.setdefault(PURGED, set())
    for owner_id in {row["owner_id"] for row in rows} - purged:
        purged.add(owner_id)
        connection.execute(purge_statement(owner_id, utcnow() - timedelta(days=RETENTION["days"] + 1)))


def purge_statement(owner_id: uuid.UUID, before: datetime) -> Any:
    """Forget the account's changes older than `before` that a client reading from scratch does not
    need: deletions (tombstones), and changes of a resource that has a later change. The latest change
    of every resource that still exists stays, so the feed read from the start rebuilds the account."""
    changes = Change.__table__  # type: ignore[attr-defined]
    later = changes.alias("later")
    superseded = (
        select(later.c.seq)
        .where(
            later.c.owner_id == changes.c.owner_id,
            later.c.resource == changes.c.resource,
            later.c.resource_id == changes.c.resource_id,
            later.c.parent_id.is_not_distinct_from(changes.c.parent_id),
            later.c.seq > changes.c.seq,
        )
        .exists()
    )
    return delete(changes).where(
        changes.c.owner_id == owner_id, changes.c.occurred_at < before, or_(changes.c.action == DELETED, superseded)
    )


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    now = utcnow()
    direct: list[Record] = []
    cascaded: list[Record] = []
    cleared: list[Record] = []
    for obj in list(session.new):
        kind = _kind_of(obj)
        if kind is not None:
            direct.append(_record_of(kind, obj, kind.action_of_new(obj)))
        elif isinstance(obj, QuestionTargetRole):
            cleared.extend(_questions_of(session, [obj.question_id]))
    for obj in list(session.dirty):
        kind = _kind_of(obj)
        if kind is not None and _really_changed(session, kind, obj):
            direct.append(_record_of(kind, obj, UPDATED))
    for obj in list(session.deleted):
        kind = _kind_of(obj)
        if isinstance(obj, QuestionTargetRole):
            cleared.extend(_questions_of(session, [obj.question_id]))
        if kind is None or kind.model is User:
            continue
        if kind.owns_key:
            deeper_deleted, deeper_cleared = _fallout(session, kind.table, [getattr(obj, kind.id_column)])
            cascaded.extend(deeper_deleted)
            cleared.extend(deeper_cleared)
        direct.append(_record_of(kind, obj, DELETED))
    _emit(session, direct, cascaded, cleared, now)


def _questions_of(session: Session, question_ids: list[uuid.UUID]) -> list[Record]:
    questions = Question.__table__  # type: ignore[attr-defined]
    rows = (
        session.connection()
        .execute(select(questions.c.id, questions.c.owner_id).where(questions.c.id.in_(question_ids)))
        .all()
    )
    return [_record_of(BY_NAME["question"], row, UPDATED) for row in rows]


def _emit(session: Session, direct: list[Record], cascaded: list[Record], cleared: list[Record], now: datetime) -> None:
    """Cascaded deletions first (children before the parent that took them), then what the session
    changed itself, then rows cleared by SET NULL that are not deleted anyway."""
    if not (direct or cascaded or cleared):
        return
    gone = {r.key for r in [*direct, *cascaded] if r.action == DELETED}
    announced = [r for r in direct if r.kind.name in ANNOUNCED_RESOURCES]
    if announced:  # webhook events, queued just before the commit (_before_commit)
        session.info.setdefault(ANNOUNCE, []).extend(announced)
    _write(session, cascaded, now, bump=False)
    _write(session, [*direct, *(r for r in cleared if r.key not in gone)], now)


def _before_bulk(state: ORMExecuteState) -> None:
    """A bulk UPDATE or DELETE through the session: record the rows it is about to touch."""
    if not (state.is_update or state.is_delete):
        return
    statement: Any = state.statement
    table = getattr(statement, "table", None)
    if not isinstance(table, Table):
        return
    kind = BY_TABLE.get(table.name)
    session = state.session
    where = statement.whereclause
    if table.name == QuestionTargetRole.__tablename__:
        rows = (
            session.connection()
            .execute(select(table.c.question_id).where(where) if where is not None else select(table.c.question_id))
            .all()
        )
        _emit(session, [], [], _questions_of(session, [r.question_id for r in rows]), utcnow())
        _flush_pending(session)
        return
    if kind is None or kind.model is User:
        return
    columns = sorted({kind.id_column, kind.owner_column} | ({kind.parent_column} if kind.parent_column else set()))
    query = select(*(table.c[c] for c in columns))
    rows = session.connection().execute(query.where(where) if where is not None else query).all()
    if not rows:
        return
    if state.is_update:
        _emit(session, [_record_of(kind, row, UPDATED) for row in rows], [], [], utcnow())
        _flush_pending(session)
        return
    cascaded: list[Record] = []
    cleared: list[Record] = []
    if kind.owns_key:
        cascaded, cleared = _fallout(session, table, [getattr(r, kind.id_column) for r in rows])
    _emit(session, [_record_of(kind, row, DELETED) for row in rows], cascaded, cleared, utcnow())
    _flush_pending(session)


def _before_commit(session: Session) -> None:
    """Queue the webhook events of the resources webhooks/events.RESOURCE_EVENTS names, once per
    resource and transaction, with what the resource is at the commit (webhooks/resource_events.py)."""
    if not session.info.get(ANNOUNCE):
        return
    session.flush()  # what is still pending is noted too
    records = session.info.pop(ANNOUNCE, [])
    from secondround.webhooks import resource_events  # it reads representations: late, no import cycle

    resource_events.announce(session, records)  # type: ignore[arg-type]  # a sqlmodel Session


def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one: the next transaction starts afresh
        for name in (SEEN, LOCKED, PENDING, PURGED, ANNOUNCE):
            session.info.pop(name, None)


def install_change_capture(retention_days: int = 30) -> None:
    """Hook every ORM session (once per process; create_app calls it)."""
    RETENTION["days"] = retention_days
    for name, fn in (
        ("before_flush", _before_flush),
        ("after_flush", _flush_pending),
        ("do_orm_execute", _before_bulk),
        ("before_commit", _before_commit),
        ("after_transaction_end", _transaction_ended),
    ):
        if not event.contains(Session, name, fn):
            event.listen(Session, name, fn)
