from typing import Any

from fastapi import APIRouter, Response, status
from sqlalchemy import Row

from secondround.answers import service
from secondround.answers.schemas import ApplicationAnswerPage, ApplicationAnswerPut, ApplicationAnswerRead
from secondround.api.etag import IfMatch, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import NotFound, problem_responses
from secondround.api.representation import serialized
from secondround.applications.deps import OwnedApplication
from secondround.db.session import DbSession
from secondround.models import Application, Question
from secondround.questions.deps import OwnedQuestion

router = APIRouter(
    prefix="/applications/{application_id}/answers",
    tags=["application-answers"],
    responses=problem_responses(401, 403, 404, 422),
)


@router.get(
    "", response_model=ApplicationAnswerPage, responses={**response_headers(200, "Link"), **problem_responses(400)}
)
async def list_application_answers(application: OwnedApplication, db: DbSession, query: ListQueryDep) -> Response:
    """The answers you wrote for this application only, oldest first."""
    rows, next_cursor = await db.run(service.list_answers, application, query)
    return serialized(ApplicationAnswerPage.of(rows, next_cursor), query.response)


def _answer_response(response: Response, answer: Row, created: bool = False) -> Response:
    if created:
        response.status_code = status.HTTP_201_CREATED
    location = f"/api/v1/applications/{answer.application_id}/answers/{answer.question_id}" if created else None
    with_headers(response, answer, (answer.application_id, answer.question_id), location=location)
    return serialized(ApplicationAnswerRead.model_validate(answer), response)


def _none(application: Application, question: Question) -> NotFound:
    return NotFound(f"Application {application.id} has no answer of its own to question {question.id}.")


# The application comes before the question in each signature: its lock is taken first.
@router.get(
    "/{question_id}",
    response_model=ApplicationAnswerRead,
    responses={**response_headers(200, "ETag")},
)
async def get_application_answer(
    application: OwnedApplication, question: OwnedQuestion, db: DbSession, response: Response
) -> Response:
    """Your answer to this question for this application only (404 when it has none: the question's
    own answer applies)."""
    answer = await db.run(service.get, application, question)
    if answer is None:
        raise _none(application, question)
    return _answer_response(response, answer)


PUT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **response_headers(200, "ETag"),
    201: {
        "model": ApplicationAnswerRead,
        "description": "Created: the application had no answer of its own to this question",
        "headers": response_headers(201, "Location", "ETag")[201]["headers"],
    },
    **problem_responses(409, 412, 413),
}


@router.put("/{question_id}", response_model=ApplicationAnswerRead, responses=PUT_RESPONSES)
async def put_application_answer(
    application: OwnedApplication,
    question: OwnedQuestion,
    body: ApplicationAnswerPut,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    """Write your answer for this application only: its plans and prep sheets show it instead of the
    question's own answer (`prepared_answer_source: "application"`); other applications keep theirs.
    201 when it is new. A question written for another application is a 409."""
    answer, created = await db.run(service.write, application, question, body.answer, if_match)
    return _answer_response(response, answer, created)


@router.delete("/{question_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(412))
async def delete_application_answer(
    application: OwnedApplication, question: OwnedQuestion, db: DbSession, if_match: IfMatch = None
) -> None:
    """Delete this application's own answer: the question's answer (the bank's) applies again."""
    if not await db.run(service.delete, application, question, if_match):
        raise _none(application, question)
