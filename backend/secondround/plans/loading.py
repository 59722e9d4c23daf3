"""Loads the facts a round's plan is built from, in a fixed number of statements whatever the
number of rounds (the application board judges every upcoming round at once): the version of
those facts (`versions`, one statement: what `plans/cache.py` keys a computed plan on), the
panels with their roles, the question bank with its target roles, and each round's own entries
with what earlier rounds of its application recorded. Plain data out, ready for the run sheet and
the pure engine (plan_engine/); `plans/service.py` serves the plan from them.

Every query labels its columns as the fields of the row type it fills (`labelled`), so rows are
read by name, never by position. The big reads (questions, entries) take plain columns straight
from the connection, vocabulary columns as their text (the engine compares text), so no ORM
entity and no enum is made per row.
"""

import dataclasses
import uuid
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Uuid,
    and_,
    bindparam,
    cast,
    extract,
    func,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlmodel import Session, col

from secondround.db.session import plain_rows
from secondround.debriefs.carry_over import Earlier
from secondround.helpers.vocabulary import RoundKind
from secondround.models import (
    ApplicationAnswer,
    DebriefRevision,
    Interviewer,
    Question,
    QuestionTargetRole,
    Role,
    Round,
    RoundQuestion,
)
from secondround.plan_engine import CandidateQuestion, PriorOutcome


@dataclass(frozen=True)
class PanelRow:
    """An interviewer with their role, as the plan and the prep sheet need them."""

    id: uuid.UUID
    round_id: uuid.UUID
    name: str
    title: str | None
    greeting: str | None
    role_id: uuid.UUID | None
    role_name: str | None
    goals: str | None
    focus: dict[str, float]
    question_minutes: int | None  # None: suggested by the run sheet
    meeting_minutes: int | None
    break_after_minutes: int
    deciding: bool
    cancelled: bool
    # What the user recorded about the person, for the prep sheet.
    email: str | None
    phone: str | None
    profile_url: str | None
    notes: str | None


def panels(db: Session, round_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[PanelRow]]:
    """The panels of the given rounds, each in meeting order, in one statement."""
    # Labelled as PanelRow's fields, so each row maps onto one by name, not by position.
    rows = db.execute(
        select(
            col(Interviewer.id).label("id"),
            col(Interviewer.round_id).label("round_id"),
            col(Interviewer.name).label("name"),
            col(Interviewer.title).label("title"),
            col(Interviewer.greeting).label("greeting"),
            col(Interviewer.role_id).label("role_id"),
            col(Role.name).label("role_name"),
            col(Role.goals).label("goals"),
            col(Role.focus).label("focus"),
            col(Interviewer.question_minutes).label("question_minutes"),
            col(Interviewer.meeting_minutes).label("meeting_minutes"),
            col(Interviewer.break_after_minutes).label("break_after_minutes"),
            col(Role.deciding).label("deciding"),
            col(Interviewer.cancelled).label("cancelled"),
            col(Interviewer.email).label("email"),
            col(Interviewer.phone).label("phone"),
            col(Interviewer.profile_url).label("profile_url"),
            col(Interviewer.notes).label("notes"),
        )
        .outerjoin(Role, col(Role.id) == col(Interviewer.role_id))
        .where(col(Interviewer.round_id).in_(round_ids))
        .order_by(col(Interviewer.order), col(Interviewer.id))
    )
    panels: dict[uuid.UUID, list[PanelRow]] = defaultdict(list)
    for row in rows.mappings():
        # Someone with no role has no focus and does not decide (the outer join gives NULLs).
        person = PanelRow(**{**row, "focus": row["focus"] or {}, "deciding": bool(row["deciding"])})
        panels[person.round_id].append(person)
    return panels


def labelled(row_type: type[tuple], columns: Mapping[str, Any]) -> list[Any]:
    """The columns of a select whose rows are `row_type` (a NamedTuple): one column per field,
    labelled with the field's name and in the field's place, so `row_type._make(row)` reads each
    value by name. Named a column that is not a field, or left a field out: an error at import."""
    fields: tuple[str, ...] = getattr(row_type, "_fields")  # noqa: B009 - every NamedTuple has them
    if set(columns) != set(fields):
        raise TypeError(f"{row_type.__name__}: columns {sorted(columns)} are not its fields {sorted(fields)}")
    return [columns[name].label(name) for name in fields]


def as_text(column: Any) -> ColumnElement[str]:
    """A vocabulary column (`EnumText`) read as its plain text: the engine compares text, and
    making an enum of every value of a large read costs more than the rest of the row."""
    return type_coerce(column, String())


# --- the version of a plan's facts -----------------------------------------------------------


class VersionRow(NamedTuple):
    """One part of what a plan is computed from, summed up: how many rows, the latest change, and
    the sum of the changes' times (epoch seconds; exact to the microsecond on PostgreSQL)."""

    part: str
    application_id: uuid.UUID | None  # None: a part of the owner's, shared by all their applications
    rows: int
    latest: datetime | None
    seconds: Any  # int on SQLite, Decimal on PostgreSQL; None when there are no rows
    last_sequence: int | None  # the highest round sequence the part's rows belong to (its rounds' parts)


@dataclass(frozen=True)
class Versions:
    """The versions of the facts of each application's plans (the owner's shared parts included):
    equal versions, equal facts, so a plan computed at one version serves every request at it."""

    of_application: dict[uuid.UUID, tuple[Any, ...]]
    # The applications with answers of their own: only theirs are read (most have none).
    with_answers: frozenset[uuid.UUID]
    # The applications with debriefs: only theirs are read for "Last time".
    with_debriefs: frozenset[uuid.UUID]
    # The last round of each application with anyone on its panel ("who will I meet next" is known
    # for the rounds before it); a fact the same statement finds, for the plans computed from it.
    last_panel: dict[uuid.UUID, int]


def _part(name: str, application_id: Any, updated_at: Any, sequence: Any = None) -> list[Any]:
    return labelled(
        VersionRow,
        {
            "part": literal_column(f"'{name}'", String()),
            "application_id": application_id,
            "rows": func.count(),
            "latest": func.max(updated_at),
            "seconds": func.sum(extract("epoch", updated_at)),
            "last_sequence": func.max(sequence) if sequence is not None else cast(null(), Integer()),
        },
    )


def _versions_statement() -> Any:
    """The statement of `versions`, made once: parameters `owner_id` and `application_ids`."""
    owner = bindparam("owner_id", type_=Uuid())
    apps = bindparam("application_ids", type_=Uuid(), expanding=True)
    no_application = cast(null(), Uuid())  # typed, or PostgreSQL takes a NULL as text
    round_app = col(Round.application_id)
    return union_all(
        select(*_part("bank", no_application, Question.updated_at)).where(
            col(Question.owner_id) == owner, col(Question.application_id).is_(None)
        ),
        select(*_part("roles", no_application, Role.updated_at)).where(col(Role.owner_id) == owner),
        select(*_part("targets", no_application, Role.updated_at))
        .select_from(QuestionTargetRole)
        .join(Role, col(Role.id) == col(QuestionTargetRole.role_id))
        .where(col(Role.owner_id) == owner),
        select(*_part("questions", col(Question.application_id), Question.updated_at))
        .where(col(Question.owner_id) == owner, col(Question.application_id).in_(apps))
        .group_by(col(Question.application_id)),
        select(*_part("rounds", round_app, Round.updated_at)).where(round_app.in_(apps)).group_by(round_app),
        select(*_part("panels", round_app, Interviewer.updated_at, Round.sequence))
        .select_from(Interviewer)
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .where(round_app.in_(apps))
        .group_by(round_app),
        select(*_part("entries", round_app, RoundQuestion.updated_at))
        .select_from(RoundQuestion)
        .join(Round, col(Round.id) == col(RoundQuestion.round_id))
        .where(round_app.in_(apps))
        .group_by(round_app),
        select(*_part("answers", col(ApplicationAnswer.application_id), ApplicationAnswer.updated_at))
        .where(col(ApplicationAnswer.application_id).in_(apps))
        .group_by(col(ApplicationAnswer.application_id)),
        # Debriefs are append-only (a save adds a revision): their count and times move with every save,
        # so the "Last time" a later round's plan carries changes with them.
        select(*_part("debriefs", round_app, DebriefRevision.created_at))
        .select_from(DebriefRevision)
        .join(Interviewer, col(Interviewer.id) == col(DebriefRevision.interviewer_id))
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .where(round_app.in_(apps))
        .group_by(round_app),
    )


_VERSIONS = _versions_statement()


def versions(db: Session, owner_id: uuid.UUID, application_ids: Collection[uuid.UUID]) -> Versions:
    """The version of every fact the plans of these applications' rounds read, in one statement.

    A plan reads the owner's bank, roles and target roles, and of its application: its own
    questions, its own answers, its rounds, their panels, their entries and their debriefs. Every
    write to those rows moves its `updated_at` (db/ownership.apply_changes, and the role delete for
    the rows its foreign keys change), every insert and delete moves a count (a debrief's save adds a
    revision), so any change to a plan's facts changes its version. The sum of the times as well
    as the latest one: two writers committing out of order (PostgreSQL) may leave the latest time
    as it was, never the sum."""
    apps = sorted(application_ids)
    rows = db.connection().execute(_VERSIONS, {"owner_id": owner_id, "application_ids": apps}).all()
    shared: list[VersionRow] = []
    own: dict[uuid.UUID, list[VersionRow]] = defaultdict(list)
    for part in map(VersionRow._make, rows):
        if part.application_id is None:
            shared.append(part)
        else:
            own[part.application_id].append(part)
    owner = tuple(sorted(shared))
    return Versions(
        of_application={a: (owner, tuple(sorted(own.get(a, ())))) for a in apps},
        with_answers=frozenset(a for a, ps in own.items() if any(p.part == "answers" for p in ps)),
        with_debriefs=frozenset(a for a, ps in own.items() if any(p.part == "debriefs" for p in ps)),
        last_panel={
            a: p.last_sequence
            for a, ps in own.items()
            for p in ps
            if p.part == "panels" and p.last_sequence is not None
        },
    )


# --- the facts -------------------------------------------------------------------------------


class QuestionRow(NamedTuple):
    """A question of the bank as the engine takes it (`CandidateQuestion`), with its scope; one row
    per target role (`target_role_id`; None when it has none)."""

    question_id: uuid.UUID
    text: str
    category: str
    direction: str
    importance: int
    minutes: int
    prepared_answer: str | None
    tip: str | None
    recurring: bool
    at_end: bool
    asks_next_panel: bool
    archived: bool
    application_id: uuid.UUID | None  # None: the bank's, for every application
    target_role_id: uuid.UUID | None


# Plain columns, not ORM objects: a bank holds thousands of questions, and a NamedTuple made from
# each row is several times cheaper to read by name than the row itself.
_QUESTION_COLUMNS = labelled(
    QuestionRow,
    {
        "question_id": col(Question.id),
        "text": col(Question.text),
        "category": as_text(Question.category),
        "direction": as_text(Question.direction),
        "importance": col(Question.importance),
        "minutes": col(Question.minutes),
        "prepared_answer": col(Question.prepared_answer),
        "tip": col(Question.tip),
        "recurring": col(Question.recurring),
        "at_end": col(Question.at_end),
        "asks_next_panel": col(Question.asks_next_panel),
        "archived": col(Question.archived),
        "application_id": col(Question.application_id),
        "target_role_id": col(QuestionTargetRole.role_id),
    },
)
NO_TARGETS: frozenset[uuid.UUID] = frozenset()


def questions(
    db: Session, owner_id: uuid.UUID, application_ids: Collection[uuid.UUID], pinned: Collection[uuid.UUID]
) -> dict[uuid.UUID | None, list[CandidateQuestion]]:
    """The bank's questions (under None) and each given application's own (under its id), with
    their target roles, in one statement."""
    # The bank's and these applications' own; never a question written for another application.
    # Archived ones only when pinned, so the plan can say why it leaves them out (a pin is never dropped).
    in_use: ColumnElement[bool] = col(Question.archived).is_(False)
    if pinned:
        in_use = or_(in_use, col(Question.id).in_(sorted(pinned)))
    active = and_(
        col(Question.owner_id) == owner_id,
        in_use,
        or_(col(Question.application_id).is_(None), col(Question.application_id).in_(sorted(application_ids))),
    )
    stmt = (
        select(*_QUESTION_COLUMNS)
        .outerjoin(QuestionTargetRole, col(QuestionTargetRole.question_id) == col(Question.id))
        .where(active)
    )
    rows: dict[uuid.UUID, QuestionRow] = {}
    targets: dict[uuid.UUID, set[uuid.UUID]] = {}
    for row in map(QuestionRow._make, plain_rows(db, stmt)):
        if row.question_id not in rows:
            rows[row.question_id] = row
        if row.target_role_id is not None:
            targets.setdefault(row.question_id, set()).add(row.target_role_id)
    scoped: dict[uuid.UUID | None, list[CandidateQuestion]] = defaultdict(list)
    for row in rows.values():
        scoped[row.application_id].append(
            CandidateQuestion(
                question_id=row.question_id,
                text=row.text,
                category=row.category,
                direction=row.direction,
                importance=row.importance,
                minutes=row.minutes,
                target_role_ids=frozenset(targets[row.question_id]) if row.question_id in targets else NO_TARGETS,
                prepared_answer=row.prepared_answer,
                prepared_answer_source=_source(row.prepared_answer, row.application_id),
                tip=row.tip,
                recurring=row.recurring,
                at_end=row.at_end,
                asks_next_panel=row.asks_next_panel,
                archived=row.archived,
            )
        )
    return scoped


def _written(answer: str | None) -> bool:
    return bool(answer and answer.strip())


def _source(answer: str | None, application_id: uuid.UUID | None) -> str | None:
    """Whose answer it is: a question written for one application answers for that application."""
    if not _written(answer):
        return None
    return "bank" if application_id is None else "application"


def application_answers(db: Session, application_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, dict[uuid.UUID, str]]:
    """Each application's own answers (question id -> answer), in one statement."""
    found: dict[uuid.UUID, dict[uuid.UUID, str]] = defaultdict(dict)
    if application_ids:
        stmt = select(
            col(ApplicationAnswer.application_id), col(ApplicationAnswer.question_id), col(ApplicationAnswer.answer)
        ).where(col(ApplicationAnswer.application_id).in_(sorted(application_ids)))
        for application_id, question_id, answer in plain_rows(db, stmt):
            found[application_id][question_id] = answer
    return found


def with_answers(questions: list[CandidateQuestion], answers: Mapping[uuid.UUID, str]) -> list[CandidateQuestion]:
    """The questions of one application's plan with its own answers in place of the questions'
    (docs/product.md#questions-to-expect): an answer written for Northwind never reaches Contoso."""
    if not answers:
        return questions
    return [
        dataclasses.replace(q, prepared_answer=answers[q.question_id], prepared_answer_source="application")
        if q.question_id in answers
        else q
        for q in questions
    ]


@dataclass(frozen=True)
class RoundStates:
    """A round's own entries (pins, closing overrides, hand picks) and what earlier rounds recorded."""

    pinned: frozenset[uuid.UUID]
    at_end: dict[uuid.UUID, bool]
    assigned: dict[uuid.UUID, uuid.UUID]
    history: list[PriorOutcome]
    next_panel_known: bool
    marked: dict[uuid.UUID, uuid.UUID]  # recorded asked, answered or skipped with this person: stays with them


class EntryRow(NamedTuple):
    """A round's entry for a question, with where its round stands in the application."""

    question_id: uuid.UUID
    round_id: uuid.UUID
    round_sequence: int
    status: str
    pinned: bool
    answer_notes: str | None
    at_end: bool | None
    interviewer_id: uuid.UUID | None
    marked_for_interviewer_id: uuid.UUID | None
    application_id: uuid.UUID


_ENTRY_COLUMNS = labelled(
    EntryRow,
    {
        "question_id": col(RoundQuestion.question_id),
        "round_id": col(RoundQuestion.round_id),
        "round_sequence": col(Round.sequence),
        "status": as_text(RoundQuestion.status),
        "pinned": col(RoundQuestion.pinned),
        "answer_notes": col(RoundQuestion.answer_notes),
        "at_end": col(RoundQuestion.at_end),
        "interviewer_id": col(RoundQuestion.interviewer_id),
        "marked_for_interviewer_id": col(RoundQuestion.marked_for_interviewer_id),
        "application_id": col(Round.application_id),
    },
)


def round_states(
    db: Session, rounds: Sequence[Round], last_panel: Mapping[uuid.UUID, int]
) -> dict[uuid.UUID, RoundStates]:
    """For each round: its entries, and what happened to questions in its application's earlier
    rounds. `last_panel`: the last round of each application with anyone on its panel (`versions`)."""
    application_ids = sorted({r.application_id for r in rounds})
    stmt = (
        select(*_ENTRY_COLUMNS)
        .join(Round, col(Round.id) == col(RoundQuestion.round_id))
        .where(
            col(Round.application_id).in_(application_ids),
            col(Round.sequence) <= max((r.sequence for r in rounds), default=0),
        )
    )
    by_application: dict[uuid.UUID, list[EntryRow]] = defaultdict(list)
    for entry in map(EntryRow._make, plain_rows(db, stmt)):
        by_application[entry.application_id].append(entry)
    states = {}
    for round_ in rounds:
        pinned: set[uuid.UUID] = set()
        at_end: dict[uuid.UUID, bool] = {}
        assigned: dict[uuid.UUID, uuid.UUID] = {}
        marked: dict[uuid.UUID, uuid.UUID] = {}
        history: list[PriorOutcome] = []
        for entry in by_application[round_.application_id]:
            if entry.round_id == round_.id:
                if entry.pinned:
                    pinned.add(entry.question_id)
                if entry.at_end is not None:
                    at_end[entry.question_id] = entry.at_end
                if entry.interviewer_id is not None:
                    assigned[entry.question_id] = entry.interviewer_id
                if entry.marked_for_interviewer_id is not None and entry.status != "planned":
                    marked[entry.question_id] = entry.marked_for_interviewer_id
            elif entry.round_sequence < round_.sequence:
                history.append(
                    PriorOutcome(
                        question_id=entry.question_id,
                        round_id=entry.round_id,
                        round_sequence=entry.round_sequence,
                        status=entry.status,
                        answer_notes=entry.answer_notes,
                    )
                )
        # A final round has nobody to meet next; "who will I meet next" is known for the rounds
        # before the last one with a panel.
        known = round_.kind == RoundKind.FINAL or last_panel.get(round_.application_id, 0) > round_.sequence
        states[round_.id] = RoundStates(frozenset(pinned), at_end, assigned, history, known, marked)
    return states


# --- debriefs of earlier rounds ("Last time") ---------------------------------------------------


class EarlierRow(NamedTuple):
    """A person of a round with their current debrief (their highest revision)."""

    interviewer_id: uuid.UUID
    round_id: uuid.UUID
    round_sequence: int
    application_id: uuid.UUID
    name: str
    email: str | None
    impression: int | None
    cared_about: str | None
    next_steps: str | None


def _current_revisions() -> Any:
    return (
        select(
            col(DebriefRevision.interviewer_id).label("interviewer_id"),
            func.max(col(DebriefRevision.revision)).label("revision"),
        )
        .group_by(col(DebriefRevision.interviewer_id))
        .subquery("current_revisions")
    )


def earlier_debriefs(db: Session, rounds: Sequence[Round]) -> dict[uuid.UUID, list[Earlier]]:
    """Per application, the people of its rounds up to the latest of `rounds` who have a debrief,
    each with their current one, in one statement (debriefs/carry_over.py then finds the same person)."""
    found: dict[uuid.UUID, list[Earlier]] = defaultdict(list)
    if not rounds:
        return found
    current = _current_revisions()
    columns = labelled(
        EarlierRow,
        {
            "interviewer_id": col(Interviewer.id),
            "round_id": col(Round.id),
            "round_sequence": col(Round.sequence),
            "application_id": col(Round.application_id),
            "name": col(Interviewer.name),
            "email": col(Interviewer.email),
            "impression": col(DebriefRevision.impression),
            "cared_about": col(DebriefRevision.cared_about),
            "next_steps": col(DebriefRevision.next_steps),
        },
    )
    stmt = (
        select(*columns)
        .select_from(DebriefRevision)
        .join(
            current,
            and_(
                current.c.interviewer_id == col(DebriefRevision.interviewer_id),
                current.c.revision == col(DebriefRevision.revision),
            ),
        )
        .join(Interviewer, col(Interviewer.id) == col(DebriefRevision.interviewer_id))
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .where(
            col(Round.application_id).in_(sorted({r.application_id for r in rounds})),
            col(Round.sequence) < max(r.sequence for r in rounds),
        )
    )
    for row in map(EarlierRow._make, plain_rows(db, stmt)):
        found[row.application_id].append(
            Earlier(
                interviewer_id=row.interviewer_id,
                round_id=row.round_id,
                round_sequence=row.round_sequence,
                name=row.name,
                email=row.email,
                impression=row.impression,
                cared_about=row.cared_about,
                next_steps=row.next_steps,
            )
        )
    return found
