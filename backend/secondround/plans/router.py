from typing import Annotated

from fastapi import APIRouter, Query, Response

from secondround.core.db import SessionDep
from secondround.core.errors import problem_responses
from secondround.plans import prep_sheet, service
from secondround.plans.schemas import RoundPlan
from secondround.rounds.router import OwnedRound

router = APIRouter(prefix="/rounds/{round_id}", tags=["plans"], responses=problem_responses(401, 404, 422))

MARKDOWN = "text/markdown; charset=utf-8"


BacklogLimit = Annotated[
    int,
    Query(
        ge=0,
        le=service.MAX_BACKLOG_LIMIT,
        description="How many backlog entries to list (the first ones); `backlog_total` counts them all.",
    ),
]


@router.get("/plan", response_model=RoundPlan)
def get_round_plan(
    round_: OwnedRound, session: SessionDep, backlog_limit: BacklogLimit = service.DEFAULT_BACKLOG_LIMIT
) -> RoundPlan:
    """Which of your questions to ask whom, in what order, in the time you have with each person;
    what each person will likely ask you; and what was left out, with the reasons. JSON only: the
    printable version is `GET /api/v1/rounds/{round_id}/prep-sheet`."""
    return service.plan_round(session, round_, backlog_limit=backlog_limit)


@router.get(
    "/prep-sheet",
    response_class=Response,
    responses={
        200: {
            "description": "The prep sheet as Markdown (CommonMark).",
            "content": {"text/markdown": {"schema": {"type": "string"}}},
        }
    },
)
def get_prep_sheet(
    round_: OwnedRound, session: SessionDep, backlog_limit: BacklogLimit = service.DEFAULT_BACKLOG_LIMIT
) -> Response:
    """The plan as a printable Markdown prep sheet: for each interviewer, how to greet them, what
    they care about, your questions in order with the reason for each, and what they will likely
    ask you, with your prepared answers."""
    plan = service.plan_round(session, round_, backlog_limit=backlog_limit)
    application = service.application_of(session, round_)
    sheet = prep_sheet.render(
        plan,
        company=application.company,
        position=application.position,
        kind=round_.kind,
        sequence=round_.sequence,
        scheduled_at=round_.scheduled_at,
        duration_minutes=round_.duration_minutes,
        location=round_.location,
        company_research=application.company_research,
    )
    return Response(sheet, media_type=MARKDOWN)
