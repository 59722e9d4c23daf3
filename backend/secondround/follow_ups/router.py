from typing import Annotated

from fastapi import APIRouter, Query, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.follow_ups import service
from secondround.follow_ups.schemas import FollowUpPage, FollowUpWhen

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=FollowUpPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_follow_ups(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    when: Annotated[
        FollowUpWhen,
        Query(
            description="`due`: follow_up_on is today (in your account's time_zone) or earlier and you have "
            "not followed up yet; "
            "`upcoming`: follow_up_on is later than today and you have not followed up yet; "
            "`all`: every pending round with a follow-up date, followed up or not."
        ),
    ] = FollowUpWhen.DUE,
) -> Response:
    """Rounds whose outcome is still pending and that have a follow-up date, soonest first, each with
    its application and its interviewers in meeting order: whom to call, and about what."""
    rows, next_cursor = await db.run(service.list_page, user, when, query)
    return serialized(FollowUpPage.of(rows, next_cursor), query.response)
