"""Prepared answers written for one application (docs/product.md#questions-to-expect): the bank's
question keeps its own answer for every application, and this one wins in the application's plans.
Flushes, never commits."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, tuple_
from sqlmodel import Session, col

from secondround.api.etag import guarded
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, PreconditionFailed
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.models import Application, ApplicationAnswer, Question
from secondround.questions.scope import usable_in

keyset = Keyset("application-answers", col(ApplicationAnswer.created_at), col(ApplicationAnswer.question_id))


def _answers() -> Any:
    """Answers with their question's text, labelled as `ApplicationAnswerRead`'s fields."""
    return select(
        col(ApplicationAnswer.application_id).label("application_id"),
        col(ApplicationAnswer.question_id).label("question_id"),
        col(Question.direction).label("direction"),
        col(Question.text).label("text"),
        col(ApplicationAnswer.answer).label("answer"),
        col(ApplicationAnswer.created_at).label("created_at"),
        col(ApplicationAnswer.updated_at).label("updated_at"),
    ).join(Question, col(Question.id) == col(ApplicationAnswer.question_id))


def list_statement(application_id: uuid.UUID, *, updated_after: datetime | None) -> Any:
    return _answers().where(
        col(ApplicationAnswer.application_id) == application_id,
        *changed_since(col(ApplicationAnswer.updated_at), updated_after),
    )


def list_statement_for_answers(keys: list[tuple[uuid.UUID, uuid.UUID]]) -> Any:
    """The answers named by (application_id, question_id), as the list reads them (the change feed)."""
    return _answers().where(tuple_(col(ApplicationAnswer.application_id), col(ApplicationAnswer.question_id)).in_(keys))


def list_answers(db: Session, application: Application, query: ListQuery) -> tuple[list[Row], str | None]:
    """A page of the application's own answers, oldest first, and the cursor of the next one."""
    return keyset.fetch(db, list_statement(application.id, updated_after=query.updated_after), query)


def _read(db: Session, application_id: uuid.UUID, question_id: uuid.UUID) -> Row:
    stmt = _answers().where(
        col(ApplicationAnswer.application_id) == application_id, col(ApplicationAnswer.question_id) == question_id
    )
    return db.execute(stmt).one()


def _check_usable(application: Application, question: Question) -> None:
    if not usable_in(question.application_id, application.id):
        raise Conflict(
            f"Question {question.id} was written for another application: an application can have answers "
            "to the bank's questions and its own only."
        )


def get(db: Session, application: Application, question: Question) -> Row | None:
    """The application's answer to the question; None when it has none (the route says 404)."""
    if db.get(ApplicationAnswer, (application.id, question.id)) is None:
        return None
    return _read(db, application.id, question.id)


def write(
    db: Session, application: Application, question: Question, answer: str, if_match: str | None
) -> tuple[Row, bool]:
    """Set the application's answer (honouring If-Match); returns it and whether it was created."""
    _check_usable(application, question)
    row = db.get(ApplicationAnswer, (application.id, question.id))
    if row is not None:
        guarded(row, (application.id, question.id), if_match)
    elif if_match is not None:
        raise PreconditionFailed("If-Match was sent, but this application has no answer of its own to it yet.")
    created = row is None
    if row is None:
        now = utcnow()
        db.add(
            ApplicationAnswer(
                application_id=application.id,
                question_id=question.id,
                owner_id=application.owner_id,
                answer=answer,
                created_at=now,
                updated_at=now,
            )
        )
        db.flush()
    else:
        apply_changes(db, row, {"answer": answer})
    return _read(db, application.id, question.id), created


def delete(db: Session, application: Application, question: Question, if_match: str | None) -> bool:
    """Delete the application's answer (the question's own applies again); False when there was none."""
    row = db.get(ApplicationAnswer, (application.id, question.id))
    if row is None:
        return False
    guarded(row, (application.id, question.id), if_match)
    db.delete(row)
    db.flush()
    return True
