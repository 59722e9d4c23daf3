import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.fields import SearchText
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.helpers.vocabulary import Category, Direction
from secondround.questions import service
from secondround.questions.deps import OwnedQuestion
from secondround.questions.schemas import QuestionCreate, QuestionPage, QuestionRead, QuestionUpdate
from secondround.questions.scope import QuestionScope

router = APIRouter(prefix="/questions", tags=["questions"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=QuestionPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_questions(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    direction: Annotated[
        Direction | None, Query(description="Only questions you ask, or only those you expect.")
    ] = None,
    category: Annotated[Category | None, Query(description="Only this category.")] = None,
    q: Annotated[SearchText | None, Query(description="Search the question text (case-insensitive).")] = None,
    archived: Annotated[bool | None, Query(description="true: only archived; false: only active.")] = None,
    scope: Annotated[
        QuestionScope | None,
        Query(
            description="`bank`: only the questions for every application; `application`: only those written for "
            "one application; `all` (the default): both."
        ),
    ] = None,
    application_id: Annotated[
        uuid.UUID | None,
        Query(description="Only the questions written for this application of yours (not the bank's)."),
    ] = None,
) -> Response:
    """Your questions, oldest first: the bank (for every application) and those written for one application."""
    filters = service.QuestionFilters(direction, category, q, archived, scope, application_id)
    rows, next_cursor = await db.run(service.list_questions, user.id, filters, query)
    return serialized(QuestionPage.of(rows, next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=QuestionRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_question(
    body: QuestionCreate, user: CurrentUser, db: DbSession, response: Response, caps: CapsDep
) -> QuestionRead:
    """Add a question: one to `ask`, or one you `expect` to be asked (with your answer); to your bank, or with
    `application_id` to one application only."""
    question = await db.run(service.create, user.id, body, cap=caps.questions_per_account)
    with_headers(response, question, question.id, location=f"/api/v1/questions/{question.id}")
    return QuestionRead.model_validate(question)


@router.get(
    "/{question_id}", response_model=QuestionRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
async def get_question(question: OwnedQuestion, db: DbSession, response: Response) -> Response:
    """One question of your bank, with its `ETag`."""
    found = await db.run(service.get, question)
    with_headers(response, found, found.id)
    return serialized(QuestionRead.model_validate(found), response)


@router.patch(
    "/{question_id}",
    response_model=QuestionRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 409, 412, 413)},
)
async def update_question(
    question: OwnedQuestion, body: QuestionUpdate, db: DbSession, response: Response, if_match: IfMatch = None
) -> QuestionRead:
    """Change only the fields sent; `archived: true` keeps the question but leaves it out of new plans."""
    guarded(question, question.id, if_match)
    updated = await db.run(service.update, question, body)
    with_headers(response, updated, updated.id)
    return QuestionRead.model_validate(updated)


@router.delete("/{question_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_question(question: OwnedQuestion, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete a question; its entries in rounds go with it."""
    guarded(question, question.id, if_match)
    await db.run(service.delete, question)
