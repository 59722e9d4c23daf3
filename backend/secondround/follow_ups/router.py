from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import col

from secondround.accounts.deps import CurrentUser
from secondround.api.openapi import response_headers
from secondround.api.pagination import Keyset, ListQueryDep
from secondround.api.problems import problem_responses
from secondround.db.session import DbSession
from secondround.db.types import utcnow
from secondround.follow_ups import service
from secondround.follow_ups.schemas import (
    FollowUpApplication,
    FollowUpInterviewer,
    FollowUpPage,
    FollowUpRead,
    FollowUpRound,
    FollowUpWhen,
)
from secondround.models import Application, Interviewer, Round
from secondround.rounds.follow_up import today_in

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"], responses=problem_responses(401, 403, 422))
keyset = Keyset("follow-ups", col(Round.follow_up_on), col(Round.id))


def _item(round_: Round, application: Application, interviewers: list[Interviewer]) -> FollowUpRead:
    return FollowUpRead(
        round=FollowUpRound.model_validate(round_),
        application=FollowUpApplication.model_validate(application),
        interviewers=[FollowUpInterviewer.model_validate(i) for i in interviewers],
    )


@router.get("", response_model=FollowUpPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
def list_follow_ups(
    user: CurrentUser,
    session: DbSession,
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
) -> FollowUpPage:
    """Rounds whose outcome is still pending and that have a follow-up date, soonest first, each with
    its application and its interviewers in meeting order: whom to call, and about what."""
    today = today_in(user.time_zone, utcnow())
    stmt = service.list_statement(user.id, when=when, today=today, updated_after=query.updated_after)
    rows, next_cursor = keyset.fetch(session, stmt, query)
    interviewers = service.interviewers_by_round(session, user.id, [round_.id for round_, _ in rows])
    return FollowUpPage(
        items=[_item(round_, application, interviewers.get(round_.id, [])) for round_, application in rows],
        next_cursor=next_cursor,
    )
