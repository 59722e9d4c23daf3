"""A question's state in one round: pinned, asked, answered or skipped, with your notes, the closing
override and who gets it (docs/product.md#the-plan)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, tuple_
from sqlmodel import Session, col

from secondround.api.etag import guarded
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, InvalidInput, PreconditionFailed
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import RoundQuestionStatus
from secondround.models import Interviewer, Question, Round, RoundQuestion
from secondround.questions.scope import usable_in
from secondround.round_questions.schemas import RoundQuestionPatch, RoundQuestionPut

keyset = Keyset("round-questions", col(RoundQuestion.created_at), col(RoundQuestion.question_id))


def _entries() -> Any:
    """Round entries with their question's text, labelled as `RoundQuestionRead`'s fields: each row
    maps onto one by name, not by position, and a list item reads exactly as a single entry."""
    return select(
        col(RoundQuestion.round_id).label("round_id"),
        col(RoundQuestion.question_id).label("question_id"),
        col(Question.direction).label("direction"),
        col(Question.text).label("text"),
        col(Question.category).label("category"),
        col(RoundQuestion.pinned).label("pinned"),
        col(RoundQuestion.status).label("status"),
        col(RoundQuestion.answer_notes).label("answer_notes"),
        col(RoundQuestion.at_end).label("at_end"),
        col(RoundQuestion.interviewer_id).label("interviewer_id"),
        col(RoundQuestion.marked_for_interviewer_id).label("marked_for_interviewer_id"),
        col(RoundQuestion.created_at).label("created_at"),
        col(RoundQuestion.updated_at).label("updated_at"),
    ).join(Question, col(Question.id) == col(RoundQuestion.question_id))


def list_statement(round_id: uuid.UUID, *, updated_after: datetime | None) -> Any:
    return _entries().where(
        col(RoundQuestion.round_id) == round_id, *changed_since(col(RoundQuestion.updated_at), updated_after)
    )


def list_statement_for_entries(keys: list[tuple[uuid.UUID, uuid.UUID]]) -> Any:
    """The entries named by (round_id, question_id), as the list reads them (the change feed)."""
    return _entries().where(tuple_(col(RoundQuestion.round_id), col(RoundQuestion.question_id)).in_(keys))


def list_entries(db: Session, round_: Round, query: ListQuery) -> tuple[list[Row], str | None]:
    """A page of the round's entries, oldest first, and the cursor of the next one."""
    return keyset.fetch(db, list_statement(round_.id, updated_after=query.updated_after), query)


def _entry(db: Session, round_id: uuid.UUID, question_id: uuid.UUID) -> Row:
    stmt = _entries().where(col(RoundQuestion.round_id) == round_id, col(RoundQuestion.question_id) == question_id)
    return db.execute(stmt).one()


def _check_interviewer(db: Session, round_: Round, interviewer_id: uuid.UUID, field: str = "interviewer_id") -> None:
    """A question can be given only to a person of this round. The row is held (FOR KEY SHARE) so
    deleting that person at the same time either comes first (422) or waits."""
    found = db.execute(
        select(col(Interviewer.id))
        .where(col(Interviewer.id) == interviewer_id, col(Interviewer.round_id) == round_.id)
        .with_for_update(read=True, key_share=True)
    ).first()
    if found is None:
        raise InvalidInput(
            field,
            f"must be a person of this round; there is no person with id {interviewer_id} in this round",
            type="unknown_interviewer",
        )


def _holder(db: Session, round_: Round, question_id: uuid.UUID) -> uuid.UUID | None:
    """Who the round's plan gives the question to right now (None: nobody, it is not planned)."""
    from secondround.plans.service import plan_round  # the plan reads entries: imported when marking only

    for person in plan_round(db, round_, backlog_limit=0).interviewers:
        if any(q.question_id == question_id for q in person.questions):
            return person.interviewer_id
    return None


def _record_who(db: Session, round_: Round, question_id: uuid.UUID, entry: RoundQuestion | None, state: dict) -> None:
    """A question marked asked, answered or skipped is recorded with a person (docs/decisions.md,
    "Marks stay with their person"): the one sent, else the one it already had, else the one the plan
    gives it to now. Back to planned, it belongs to no one and the plan places it again."""
    status = state.get("status", entry.status if entry is not None else RoundQuestionStatus.PLANNED)
    if status == RoundQuestionStatus.PLANNED:
        if (entry is not None and entry.marked_for_interviewer_id is not None) or "marked_for_interviewer_id" in state:
            state["marked_for_interviewer_id"] = None
        return
    if state.get("marked_for_interviewer_id") is not None:
        _check_interviewer(db, round_, state["marked_for_interviewer_id"], "marked_for_interviewer_id")
        return
    if entry is not None and entry.marked_for_interviewer_id is not None:
        state["marked_for_interviewer_id"] = entry.marked_for_interviewer_id
        return
    state["marked_for_interviewer_id"] = _holder(db, round_, question_id)


def write(
    db: Session, round_: Round, question: Question, body: RoundQuestionPut | RoundQuestionPatch, if_match: str | None
) -> tuple[Row, bool]:
    """Create or change the entry (honouring If-Match). A PUT body is the whole state (left-out
    fields take their defaults); a PATCH body only the fields sent (the rest keep their value, or
    their default on a new entry). Returns the entry as `RoundQuestionRead` reads it, and whether
    it was created."""
    state = body.model_dump(exclude_unset=isinstance(body, RoundQuestionPatch))
    if not usable_in(question.application_id, round_.application_id):
        raise Conflict(
            f"Question {question.id} was written for another application: a round can use the bank's questions "
            "and its own application's only."
        )
    if state.get("interviewer_id") is not None:
        _check_interviewer(db, round_, state["interviewer_id"])
    entry = db.get(RoundQuestion, (round_.id, question.id))
    if entry is not None:
        guarded(entry, (round_.id, question.id), if_match)
    elif if_match is not None:
        raise PreconditionFailed("If-Match was sent, but this question has no entry in the round yet.")
    _record_who(db, round_, question.id, entry, state)
    created = entry is None
    if entry is None:
        entry = RoundQuestion(
            round_id=round_.id, question_id=question.id, owner_id=round_.owner_id, created_at=utcnow(), **state
        )
        db.add(entry)
        db.flush()
    else:
        apply_changes(db, entry, state)
    return _entry(db, round_.id, question.id), created
