from fastapi import APIRouter, Response, status

from secondround.api.etag import IfMatch, guarded, set_etag, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.interviewers import service
from secondround.interviewers.deps import InterviewerToChange, OwnedInterviewer
from secondround.interviewers.schemas import (
    InterviewerCreate,
    InterviewerOrder,
    InterviewerPage,
    InterviewerRead,
    InterviewerUpdate,
)
from secondround.rounds.deps import OwnedRound

round_interviewers_router = APIRouter(
    prefix="/rounds/{round_id}/interviewers", tags=["interviewers"], responses=problem_responses(401, 403, 404, 422)
)
router = APIRouter(prefix="/interviewers", tags=["interviewers"], responses=problem_responses(401, 403, 404, 422))


@round_interviewers_router.get(
    "", response_model=InterviewerPage, responses={**response_headers(200, "Link"), **problem_responses(400)}
)
async def list_interviewers(
    round_: OwnedRound,
    db: DbSession,
    query: ListQueryDep,
) -> Response:
    """The people you meet in this round, in meeting order."""
    rows, next_cursor = await db.run(service.list_page, round_, query)
    return serialized(InterviewerPage.of(rows, next_cursor), query.response)


@round_interviewers_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InterviewerRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_interviewer(
    round_: OwnedRound, body: InterviewerCreate, db: DbSession, response: Response, caps: CapsDep
) -> InterviewerRead:
    """Add someone you will meet in this round. Without `order` they come after the last one; their
    role decides which of your questions they get in the plan."""
    interviewer = await db.run(service.create, round_, body, cap=caps.interviewers_per_round)
    with_headers(response, interviewer, interviewer.id, location=f"/api/v1/interviewers/{interviewer.id}")
    return InterviewerRead.model_validate(interviewer)


@round_interviewers_router.get("/order", response_model=InterviewerOrder, responses=response_headers(200, "ETag"))
async def get_interviewer_order(round_: OwnedRound, db: DbSession, response: Response) -> InterviewerOrder:
    """The panel's meeting order as a list of ids, with the `ETag` that `PUT` takes as `If-Match`."""
    order = await db.run(service.current_order, round_)
    set_etag(response, order.etag)
    return InterviewerOrder.model_validate(order, from_attributes=True)


@round_interviewers_router.put(
    "/order",
    response_model=InterviewerOrder,
    responses={**response_headers(200, "ETag"), **problem_responses(412, 413)},
)
async def put_interviewer_order(
    round_: OwnedRound, body: InterviewerOrder, db: DbSession, response: Response, if_match: IfMatch = None
) -> InterviewerOrder:
    """Reorder the panel in one call: every interviewer of the round exactly once, first met first.
    Their `order` becomes 0, 1, 2... in that order. A list that leaves someone out, names someone
    twice or names someone from elsewhere is a 422 that says who, and changes nothing."""
    order = await db.run(service.reorder, round_, body.interviewer_ids, if_match)
    set_etag(response, order.etag)
    return InterviewerOrder.model_validate(order, from_attributes=True)


@router.get("/{interviewer_id}", response_model=InterviewerRead, responses=response_headers(200, "ETag"))
async def get_interviewer(interviewer: OwnedInterviewer, response: Response) -> Response:
    """One interviewer, with its `ETag`."""
    with_headers(response, interviewer, interviewer.id)
    return serialized(InterviewerRead.model_validate(interviewer), response)


@router.patch(
    "/{interviewer_id}",
    response_model=InterviewerRead,
    responses={**response_headers(200, "ETag"), **problem_responses(412, 413)},
)
async def update_interviewer(
    interviewer: InterviewerToChange,
    body: InterviewerUpdate,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> InterviewerRead:
    """Change only the fields sent; `null` clears an optional field (`question_minutes: null` lets the
    plan suggest them). An `order` another person holds moves them, and everyone after them, one
    place later."""
    guarded(interviewer, interviewer.id, if_match)
    interviewer = await db.run(service.update, interviewer, body)
    with_headers(response, interviewer, interviewer.id)
    return InterviewerRead.model_validate(interviewer)


@router.delete("/{interviewer_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(412))
async def delete_interviewer(interviewer: OwnedInterviewer, db: DbSession, if_match: IfMatch = None) -> None:
    """Remove the interviewer from the round; the others keep their order."""
    guarded(interviewer, interviewer.id, if_match)
    await db.run(service.delete, interviewer)
