from typing import Annotated

from fastapi import APIRouter, Query, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import set_etag
from secondround.api.openapi import response_headers
from secondround.api.pagination import MAX_LIMIT
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.practice import service
from secondround.practice.schemas import PracticeQueue, PracticeReviewCreate, PracticeReviewRead

router = APIRouter(prefix="/practice", tags=["practice"], responses=problem_responses(401, 403, 422))


@router.get("/queue", response_model=PracticeQueue)
async def practice_queue(
    user: CurrentUser,
    db: DbSession,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many cards, 1 to 200.")] = 20,
) -> Response:
    """The questions to practise now, in order: what the people of your next rounds will likely ask
    first (from their plans), then the rest of the questions you expect, each with your prepared
    answer for that application if you wrote one. A card you practised comes back when FSRS says."""
    return serialized(await db.run(service.practice_queue, user, limit), response)


@router.post(
    "/reviews", response_model=PracticeReviewRead, responses={**response_headers(200, "ETag"), **problem_responses(413)}
)
async def review_question(body: PracticeReviewCreate, user: CurrentUser, db: DbSession, response: Response) -> Response:
    """Say how practising a question went (`again`, `hard`, `good` or `easy`): the answer says when
    to practise it next."""
    read = await db.run(service.review, user, body)
    set_etag(response, read.etag)
    return serialized(read, response)
