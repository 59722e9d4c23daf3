import uuid
from typing import Any

from fastapi import APIRouter, Response, status
from sqlmodel import col

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import Keyset, ListQueryDep
from secondround.api.problems import problem_responses
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Question, Round, RoundQuestion
from secondround.round_questions import service
from secondround.round_questions.schemas import (
    RoundQuestionPage,
    RoundQuestionPatch,
    RoundQuestionPut,
    RoundQuestionRead,
)
from secondround.rounds.deps import OwnedRound

router = APIRouter(
    prefix="/rounds/{round_id}/questions", tags=["round-questions"], responses=problem_responses(401, 403, 404, 422)
)
keyset = Keyset("round-questions", col(RoundQuestion.created_at), col(RoundQuestion.question_id))


@router.get("", response_model=RoundQuestionPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
def list_round_questions(
    round_: OwnedRound,
    session: DbSession,
    query: ListQueryDep,
) -> RoundQuestionPage:
    """Questions with a state in this round (pinned, asked, answered, skipped) and your notes."""
    stmt = service.list_statement(round_.id, updated_after=query.updated_after)
    rows, next_cursor = keyset.fetch(session, stmt, query)
    return RoundQuestionPage.of(rows, next_cursor)


ENTRY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **response_headers(200, "ETag"),
    201: {
        "model": RoundQuestionRead,
        "description": "Created: the question had no entry in this round",
        "headers": response_headers(201, "Location", "ETag")[201]["headers"],
    },
    **problem_responses(409, 412, 413),
}


def _entry_response(
    response: Response, round_: Round, question: Question, entry: RoundQuestion, created: bool
) -> RoundQuestionRead:
    if created:
        response.status_code = status.HTTP_201_CREATED
    location = f"/api/v1/rounds/{round_.id}/questions/{question.id}" if created else None
    with_headers(response, entry, (round_.id, question.id), location=location)
    return service.to_read(entry, question)


@router.put("/{question_id}", response_model=RoundQuestionRead, responses=ENTRY_RESPONSES)
def put_round_question(
    round_: OwnedRound,
    question_id: uuid.UUID,
    body: RoundQuestionPut,
    user: CurrentUser,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> RoundQuestionRead:
    """Set the whole state of a question in this round: fields left out take their defaults (so a
    PUT without `pinned` unpins). 201 when the entry is new. To change one field, use PATCH."""
    question = get_owned(session, Question, question_id, user.id, "question")
    entry, created = service.put(session, round_, question, body.model_dump(), if_match)
    return _entry_response(response, round_, question, entry, created)


@router.patch("/{question_id}", response_model=RoundQuestionRead, responses=ENTRY_RESPONSES)
def patch_round_question(
    round_: OwnedRound,
    question_id: uuid.UUID,
    body: RoundQuestionPatch,
    user: CurrentUser,
    session: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> RoundQuestionRead:
    """Change only the fields sent: pin a question before the interview, record its `status` and
    your `answer_notes` after it. An entry that does not exist yet is created (201) from the
    defaults plus what you sent."""
    question = get_owned(session, Question, question_id, user.id, "question")
    entry, created = service.put(session, round_, question, body.model_dump(exclude_unset=True), if_match)
    return _entry_response(response, round_, question, entry, created)
