"""Loads the facts a round's plan is built from, in a fixed number of statements whatever the
number of rounds (the application board judges every upcoming round at once): the panels with
their roles, the question bank with its target roles, and each round's own entries with what
earlier rounds of its application recorded. Plain data out, ready for the run sheet and the
pure engine (plan_engine/); `plans/service.py` serves the plan from them.

Every query labels its columns as the fields of the row type it fills (`labelled`), so rows are
read by name, never by position.
"""

import uuid
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlmodel import Session, col

from secondround.helpers.vocabulary import RoundKind
from secondround.models import Interviewer, Question, QuestionTargetRole, Role, Round, RoundQuestion
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
    return [col(columns[name]).label(name) for name in fields]


class TargetRow(NamedTuple):
    question_id: uuid.UUID
    role_id: uuid.UUID


_TARGET_COLUMNS = labelled(
    TargetRow, {"question_id": QuestionTargetRole.question_id, "role_id": QuestionTargetRole.role_id}
)


class QuestionRow(NamedTuple):
    """A question of the bank as the engine takes it (`CandidateQuestion`), with its scope."""

    question_id: uuid.UUID
    text: str
    category: str
    direction: str
    importance: int
    minutes: int
    prepared_answer: str | None
    recurring: bool
    at_end: bool
    asks_next_panel: bool
    archived: bool
    application_id: uuid.UUID | None  # None: the bank's, for every application


# Plain columns, not ORM objects: a bank holds thousands of questions, and a NamedTuple made from
# each row is several times cheaper to read by name than the row itself.
_QUESTION_COLUMNS = labelled(
    QuestionRow,
    {
        "question_id": Question.id,
        "text": Question.text,
        "category": Question.category,
        "direction": Question.direction,
        "importance": Question.importance,
        "minutes": Question.minutes,
        "prepared_answer": Question.prepared_answer,
        "recurring": Question.recurring,
        "at_end": Question.at_end,
        "asks_next_panel": Question.asks_next_panel,
        "archived": Question.archived,
        "application_id": Question.application_id,
    },
)


def questions(
    db: Session, owner_id: uuid.UUID, application_ids: Collection[uuid.UUID], pinned: Collection[uuid.UUID]
) -> dict[uuid.UUID | None, list[CandidateQuestion]]:
    """The bank's questions (under None) and each given application's own (under its id)."""
    # The bank's and these applications' own; never a question written for another application.
    # Archived ones only when pinned, so the plan can say why it leaves them out (a pin is never dropped).
    in_use: ColumnElement[bool] = col(Question.archived).is_(False)
    if pinned:
        in_use = or_(in_use, col(Question.id).in_(sorted(pinned)))
    active = and_(
        col(Question.owner_id) == owner_id,
        in_use,
        or_(col(Question.application_id).is_(None), col(Question.application_id).in_(application_ids)),
    )
    targets: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    stmt = select(*_TARGET_COLUMNS).join(Question, col(Question.id) == col(QuestionTargetRole.question_id))
    for target in map(TargetRow._make, db.execute(stmt.where(active))):
        targets[target.question_id].add(target.role_id)
    scoped: dict[uuid.UUID | None, list[CandidateQuestion]] = defaultdict(list)
    for row in map(QuestionRow._make, db.execute(select(*_QUESTION_COLUMNS).where(active))):
        scoped[row.application_id].append(
            CandidateQuestion(
                question_id=row.question_id,
                text=row.text,
                category=row.category,
                direction=row.direction,
                importance=row.importance,
                minutes=row.minutes,
                target_role_ids=frozenset(targets.get(row.question_id, ())),
                prepared_answer=row.prepared_answer,
                recurring=row.recurring,
                at_end=row.at_end,
                asks_next_panel=row.asks_next_panel,
                archived=row.archived,
            )
        )
    return scoped


@dataclass(frozen=True)
class RoundStates:
    """A round's own entries (pins, closing overrides, hand picks) and what earlier rounds recorded."""

    pinned: frozenset[uuid.UUID]
    at_end: dict[uuid.UUID, bool]
    assigned: dict[uuid.UUID, uuid.UUID]
    history: list[PriorOutcome]
    next_panel_known: bool


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
    application_id: uuid.UUID


_ENTRY_COLUMNS = labelled(
    EntryRow,
    {
        "question_id": RoundQuestion.question_id,
        "round_id": RoundQuestion.round_id,
        "round_sequence": Round.sequence,
        "status": RoundQuestion.status,
        "pinned": RoundQuestion.pinned,
        "answer_notes": RoundQuestion.answer_notes,
        "at_end": RoundQuestion.at_end,
        "interviewer_id": RoundQuestion.interviewer_id,
        "application_id": Round.application_id,
    },
)


def round_states(db: Session, rounds: Sequence[Round]) -> dict[uuid.UUID, RoundStates]:
    """For each round: its entries, and what happened to questions in its application's earlier rounds."""
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
    for entry in map(EntryRow._make, db.execute(stmt)):
        by_application[entry.application_id].append(entry)
    # The last round of each application with anyone on its panel: "who will I meet next" is known
    # for the rounds before it.
    last_panel = {
        row.application_id: row.last_sequence
        for row in db.execute(
            select(
                col(Round.application_id).label("application_id"),
                func.max(col(Round.sequence)).label("last_sequence"),
            )
            .join(Interviewer, col(Interviewer.round_id) == col(Round.id))
            .where(col(Round.application_id).in_(application_ids))
            .group_by(col(Round.application_id))
        )
    }
    states = {}
    for round_ in rounds:
        pinned: set[uuid.UUID] = set()
        at_end: dict[uuid.UUID, bool] = {}
        assigned: dict[uuid.UUID, uuid.UUID] = {}
        history: list[PriorOutcome] = []
        for entry in by_application[round_.application_id]:
            if entry.round_id == round_.id:
                if entry.pinned:
                    pinned.add(entry.question_id)
                if entry.at_end is not None:
                    at_end[entry.question_id] = entry.at_end
                if entry.interviewer_id is not None:
                    assigned[entry.question_id] = entry.interviewer_id
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
        # A final round has nobody to meet next.
        known = round_.kind == RoundKind.FINAL or last_panel.get(round_.application_id, 0) > round_.sequence
        states[round_.id] = RoundStates(frozenset(pinned), at_end, assigned, history, known)
    return states
