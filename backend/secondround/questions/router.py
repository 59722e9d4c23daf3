import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlmodel import col

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.fields import SearchText
from secondround.api.openapi import response_headers
from secondround.api.pagination import Keyset, ListQueryDep
from secondround.api.problems import InvalidInput, problem_responses
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.helpers.vocabulary import Category, Direction
from secondround.models import Question
from secondround.questions import service
from secondround.questions.deps import OwnedQuestion
from secondround.questions.schemas import QuestionCreate, QuestionPage, QuestionRead, QuestionUpdate
from secondround.questions.scope import QuestionScope

router = APIRouter(prefix="/questions", tags=["questions"], responses=problem_responses(401, 403, 422))
keyset = Keyset("questions", col(Question.created_at), col(Question.id))


@router.get("", response_model=QuestionPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
def list_questions(
    user: CurrentUser,
    session: DbSession,
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
) -> QuestionPage:
    """Your questions, oldest first: the bank (for every application) and those written for one application."""
    if application_id is not None and scope not in (None, QuestionScope.APPLICATION):
        raise InvalidInput(
            "scope",
            "with application_id the list holds that application's own questions: leave scope out",
            location="query",
        )
    service.check_application(session, user.id, application_id, location="query")
    stmt = service.list_statement(
        user.id,
        direction=direction,
        category=category,
        q=q,
        archived=archived,
        scope=scope or QuestionScope.ALL,
        application_id=application_id,
        updated_after=query.updated_after,
    )
    rows, next_cursor = keyset.fetch(session, stmt, query)
    return QuestionPage(items=service.read_many(session, rows), next_cursor=next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=QuestionRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
def create_question(
    body: QuestionCreate, user: CurrentUser, session: DbSession, response: Response, caps: CapsDep
) -> QuestionRead:
    """Add a question: one to `ask`, or one you `expect` to be asked (with your answer); to your bank, or with
    `application_id` to one application only."""
    question = service.create(session, user.id, body.model_dump(), cap=caps.questions_per_account)
    with_headers(response, question, question.id, location=f"/api/v1/questions/{question.id}")
    return question


@router.get(
    "/{question_id}", response_model=QuestionRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
def get_question(question: OwnedQuestion, session: DbSession, response: Response) -> QuestionRead:
    """One question of your bank, with its `ETag`."""
    with_headers(response, question, question.id)
    return service.read_many(session, [question])[0]


@router.patch(
    "/{question_id}",
    response_model=QuestionRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 409, 412, 413)},
)
def update_question(
    question: OwnedQuestion, body: QuestionUpdate, session: DbSession, response: Response, if_match: IfMatch = None
) -> QuestionRead:
    """Change only the fields sent; `archived: true` keeps the question but leaves it out of new plans."""
    guarded(question, question.id, if_match)
    updated = service.update(session, question, body.model_dump(exclude_unset=True))
    with_headers(response, updated, updated.id)
    return updated


@router.delete("/{question_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
def delete_question(question: OwnedQuestion, session: DbSession, if_match: IfMatch = None) -> None:
    """Delete a question; its entries in rounds go with it."""
    guarded(question, question.id, if_match)
    service.delete(session, question)
