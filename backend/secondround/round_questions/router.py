from typing import Any

from fastapi import APIRouter, Response, status
from sqlalchemy import Row

from secondround.api.etag import IfMatch, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.questions.deps import OwnedQuestion
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


@router.get("", response_model=RoundQuestionPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_round_questions(round_: OwnedRound, db: DbSession, query: ListQueryDep) -> Response:
    """Questions with a state in this round (pinned, asked, answered, skipped) and your notes."""
    rows, next_cursor = await db.run(service.list_entries, round_, query)
    return serialized(RoundQuestionPage.of(rows, next_cursor), query.response)


ENTRY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **response_headers(200, "ETag"),
    201: {
        "model": RoundQuestionRead,
        "description": "Created: the question had no entry in this round",
        "headers": response_headers(201, "Location", "ETag")[201]["headers"],
    },
    **problem_responses(409, 412, 413),
}


def _entry_response(response: Response, entry: Row, created: bool) -> Response:
    if created:
        response.status_code = status.HTTP_201_CREATED
    location = f"/api/v1/rounds/{entry.round_id}/questions/{entry.question_id}" if created else None
    with_headers(response, entry, (entry.round_id, entry.question_id), location=location)
    return serialized(RoundQuestionRead.model_validate(entry), response)


# The round comes before the question in each signature: its lock is taken first (rounds/deps.py).
@router.put("/{question_id}", response_model=RoundQuestionRead, responses=ENTRY_RESPONSES)
async def put_round_question(
    round_: OwnedRound,
    question: OwnedQuestion,
    body: RoundQuestionPut,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    """Set the whole state of a question in this round: fields left out take their defaults (so a
    PUT without `pinned` unpins). 201 when the entry is new. To change one field, use PATCH."""
    entry, created = await db.run(service.write, round_, question, body, if_match)
    return _entry_response(response, entry, created)


@router.patch("/{question_id}", response_model=RoundQuestionRead, responses=ENTRY_RESPONSES)
async def patch_round_question(
    round_: OwnedRound,
    question: OwnedQuestion,
    body: RoundQuestionPatch,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    """Change only the fields sent: pin a question before the interview, record its `status` and
    your `answer_notes` after it. An entry that does not exist yet is created (201) from the
    defaults plus what you sent."""
    entry, created = await db.run(service.write, round_, question, body, if_match)
    return _entry_response(response, entry, created)
