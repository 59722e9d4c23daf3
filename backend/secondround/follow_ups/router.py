import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.follow_ups import service
from secondround.follow_ups.schemas import CallScriptRead, FollowUpPage, FollowUpWhen
from secondround.rounds.deps import OwnedRound

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"], responses=problem_responses(401, 403, 422))
round_call_script_router = APIRouter(
    prefix="/rounds/{round_id}/call-script", tags=["follow-ups"], responses=problem_responses(401, 403, 404, 422)
)


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


@round_call_script_router.get("", response_model=CallScriptRead)
async def get_call_script(
    round_: OwnedRound,
    user: CurrentUser,
    db: DbSession,
    interviewer_id: Annotated[
        uuid.UUID | None,
        Query(description="Whom to call: one of the round's people. Left out: the first person you met."),
    ] = None,
) -> Response:
    """Whom to call about the round (with `tel:` and `mailto:` links) and a short script: their name,
    what you discussed with them (the round's questions marked asked or answered with them), the
    decision date they gave, your last call, and what to ask. Log the call with
    `POST /applications/{application_id}/activity` (`kind: call`)."""
    plan = await db.run(service.plan_call, user, round_, interviewer_id)
    person, script = plan.person, plan.script
    read = CallScriptRead(
        round_id=plan.round_id,
        interviewer_id=person.id if person else None,
        contact_id=person.contact_id if person else None,
        name=person.name if person else None,
        title=person.title if person else None,
        phone=person.phone if person else None,
        tel_uri=plan.tel_uri,
        email=person.email if person else None,
        mailto_uri=plan.mailto_uri,
        opening=script.opening,
        discussed=script.discussed,
        decision=script.decision,
        asks=script.asks,
        closing=script.closing,
        lines=script.lines,
    )
    return Response(read.model_dump_json(), media_type="application/json")
