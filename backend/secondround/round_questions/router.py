import uuid

from fastapi import APIRouter, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.core.db import SessionDep
from secondround.core.errors import problem_responses
from secondround.core.etag import IfMatch
from secondround.core.pagination import Keyset, ListQueryDep
from secondround.core.resources import get_owned, with_headers
from secondround.models import Question, RoundQuestion
from secondround.round_questions import service
from secondround.round_questions.schemas import RoundQuestionPage, RoundQuestionPut, RoundQuestionRead
from secondround.rounds.router import OwnedRound

router = APIRouter(
    prefix="/rounds/{round_id}/questions", tags=["round-questions"], responses=problem_responses(401, 403, 404, 422)
)
keyset = Keyset("round-questions", RoundQuestion.created_at, RoundQuestion.question_id)


@router.get("", response_model=RoundQuestionPage, responses=problem_responses(400))
def list_round_questions(
    round_: OwnedRound,
    session: SessionDep,
    query: ListQueryDep,
) -> RoundQuestionPage:
    """Questions with a state in this round (pinned, asked, answered, skipped) and your notes."""
    stmt = service.list_statement(round_.id, updated_after=query.updated_after)
    rows, next_cursor = keyset.fetch(session, stmt, query)
    return RoundQuestionPage(items=[service.to_read(row[0], row) for row in rows], next_cursor=next_cursor)


@router.put(
    "/{question_id}",
    response_model=RoundQuestionRead,
    responses={
        201: {"model": RoundQuestionRead, "description": "Created: the question had no entry in this round"},
        **problem_responses(412, 413),
    },
    status_code=status.HTTP_200_OK,
)
def put_round_question(
    round_: OwnedRound,
    question_id: uuid.UUID,
    body: RoundQuestionPut,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> RoundQuestionRead:
    """Pin a question for this round or record what happened to it. 201 when the entry is new."""
    question = get_owned(session, Question, question_id, user.id, "question")
    entry, created = service.put(session, round_, question, body.model_dump(), if_match)
    key = (round_.id, question.id)
    if created:
        response.status_code = status.HTTP_201_CREATED
    with_headers(
        response, entry, key, location=f"/api/v1/rounds/{round_.id}/questions/{question.id}" if created else None
    )
    return service.to_read(entry, question)
