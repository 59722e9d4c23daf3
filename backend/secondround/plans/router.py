from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from secondround.core.db import SessionDep
from secondround.core.errors import problem_responses
from secondround.plans import prep_sheet, service
from secondround.plans.schemas import RoundPlan
from secondround.rounds.router import OwnedRound

router = APIRouter(prefix="/rounds/{round_id}/plan", tags=["plans"], responses=problem_responses(401, 404, 422))

MARKDOWN = "text/markdown; charset=utf-8"


def _wants_markdown(format: str | None, accept: str | None) -> bool:
    if format is not None:
        return format == "markdown"
    return accept is not None and "text/markdown" in accept.lower()


@router.get(
    "",
    response_model=RoundPlan,
    responses={
        200: {
            "content": {"text/markdown": {"schema": {"type": "string"}}},
            "description": "The plan as JSON, or as a printable Markdown prep sheet.",
        }
    },
)
def get_round_plan(
    round_: OwnedRound,
    session: SessionDep,
    format: Annotated[
        Literal["json", "markdown"] | None,
        Query(description="`markdown` for a printable prep sheet; the same as sending `Accept: text/markdown`."),
    ] = None,
    accept: Annotated[str | None, Header(max_length=1000, include_in_schema=False)] = None,
) -> RoundPlan | Response:
    """Which of your questions to ask whom, in what order, in the time you have with each person;
    what each person will likely ask you; and what was left out, with the reasons."""
    plan = service.plan_round(session, round_)
    if not _wants_markdown(format, accept):
        return plan
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
    return Response(sheet, media_type=MARKDOWN, headers={"Vary": "Accept"})
