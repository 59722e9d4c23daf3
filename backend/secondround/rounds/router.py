import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.applications.deps import OwnedApplication
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.interviewers.schemas import InterviewerRead
from secondround.rounds import next_panel, service
from secondround.rounds.deps import OwnedRound, RoundToChange
from secondround.rounds.schemas import (
    FollowUpRequest,
    NextPanelCreate,
    NextPanelRead,
    RoundCreate,
    RoundPage,
    RoundRead,
    RoundUpdate,
)

PANEL_LINK = {
    "description": 'The round\'s panel (the people made with it): `</api/v1/rounds/{id}/interviewers>; rel="related"` '
    "(RFC 8288).",
    "schema": {"type": "string"},
}


def with_panel_link(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    return {
        code: {**entry, "headers": {**entry.get("headers", {}), "Link": PANEL_LINK}}
        for code, entry in responses.items()
    }


application_rounds_router = APIRouter(
    prefix="/applications/{application_id}/rounds", tags=["rounds"], responses=problem_responses(401, 403, 404, 422)
)
router = APIRouter(prefix="/rounds", tags=["rounds"], responses=problem_responses(401, 403, 404, 422))


@application_rounds_router.get(
    "", response_model=RoundPage, responses={**response_headers(200, "Link"), **problem_responses(400)}
)
async def list_rounds(application: OwnedApplication, db: DbSession, query: ListQueryDep) -> Response:
    """The application's interview rounds in sequence order."""
    rows, next_cursor = await db.run(service.list_page, application, query)
    return serialized(RoundPage.of(rows, next_cursor), query.response)


@application_rounds_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=RoundRead,
    responses={**with_panel_link(response_headers(201, "Location", "ETag")), **problem_responses(413)},
)
async def create_round(
    application: OwnedApplication,
    body: RoundCreate,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    caps: CapsDep,
) -> RoundRead:
    """Add the next round; its `sequence` is assigned (1, 2, ...; a deleted round's number is never
    given again). Its `time_zone` is the one sent, else the account's. A `decision_expected_by` or
    `follow_up_on` before the day of `scheduled_at` is a 422 naming both dates in your account's zone.

    With `interviewers`, its panel is made in the same transaction (each person's role by `role_id`
    or by name in `role`). The answer is the round as `GET /rounds/{id}` shows it; its people are at
    `GET /rounds/{id}/interviewers`, which the `Link` field names (`rel="related"`). One person that
    cannot be added (a role you do not have, say) is a 422 naming that person's field, and nothing
    is made."""
    round_, _panel = await db.run(
        service.create_with_panel,
        application,
        body,
        cap=caps.rounds_per_application,
        panel_cap=caps.interviewers_per_round,
        account_zone=user.time_zone,
    )
    with_headers(response, round_, round_.id, location=f"/api/v1/rounds/{round_.id}")
    response.headers["Link"] = f'</api/v1/rounds/{round_.id}/interviewers>; rel="related"'
    return RoundRead.model_validate(round_)


@router.get("", response_model=RoundPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_all_rounds(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    application_id: Annotated[
        uuid.UUID | None, Query(description="Only the rounds of this application of yours.")
    ] = None,
) -> Response:
    """Every round of your account, oldest first (by when it was added), across applications. With
    `updated_after`, only rounds changed since: an integration's incremental sync. Deleted rounds are
    not listed; the change feed (`GET /changes`) reports deletions."""
    rows, next_cursor = await db.run(service.list_account_page, user.id, application_id, query)
    return serialized(RoundPage.of(rows, next_cursor), query.response)


@router.get("/{round_id}", response_model=RoundRead, responses=response_headers(200, "ETag"))
async def get_round(round_: OwnedRound, response: Response) -> Response:
    """One round, with its `ETag`."""
    with_headers(response, round_, round_.id)
    return serialized(RoundRead.model_validate(round_), response)


@router.patch(
    "/{round_id}",
    response_model=RoundRead,
    responses={**response_headers(200, "ETag"), **problem_responses(409, 412, 413)},
)
async def update_round(
    round_: RoundToChange,
    body: RoundUpdate,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> RoundRead:
    """Change a round; recording an `outcome` also moves the application's status.

    A `decision_expected_by` or `follow_up_on` before the day of the interview is a 422 naming both
    dates in your account's zone; so is moving `scheduled_at` later than a decision or follow-up date
    the round already has (change or clear that date first, or in the same request). Marking the
    round `completed` before its start is accepted (it may have been moved earlier)."""
    guarded(round_, round_.id, if_match)
    round_ = await db.run(service.update, round_, body, account_zone=user.time_zone)
    with_headers(response, round_, round_.id)
    return RoundRead.model_validate(round_)


@router.delete("/{round_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(412))
async def delete_round(round_: OwnedRound, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete the round with its interviewers and round questions."""
    guarded(round_, round_.id, if_match)
    await db.run(service.delete, round_)


@router.post(
    "/{round_id}/follow-up",
    response_model=RoundRead,
    responses={**response_headers(200, "ETag"), **problem_responses(412, 413)},
)
async def record_follow_up(
    round_: OwnedRound,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    body: FollowUpRequest | None = None,
    if_match: IfMatch = None,
) -> RoundRead:
    """Record that you followed up (e.g. phoned): this appends a `call` entry to the application's
    activity log (`GET /applications/{application_id}/activity`), and the round's follow-up state
    follows its latest call. Without `next_follow_up_on` the round leaves the due list until a new
    date is set; with it, the round is due again on that day. Kept for clients written before the
    log; `POST /applications/{application_id}/activity` with `kind: call` does the same and more."""
    guarded(round_, round_.id, if_match)
    round_ = await db.run(service.record_follow_up, round_, body, account_zone=user.time_zone)
    with_headers(response, round_, round_.id)
    return RoundRead.model_validate(round_)


@router.post(
    "/{round_id}/next-panel",
    response_model=NextPanelRead,
    responses={
        200: {"description": "Added to the next round, which already existed"},
        201: {
            "model": NextPanelRead,
            "description": "The next round did not exist: it was made for these people",
            "headers": response_headers(201, "Location")[201]["headers"],
        },
        **problem_responses(409, 413),
    },
)
async def add_next_panel(
    round_: RoundToChange, body: NextPanelCreate, db: DbSession, response: Response, caps: CapsDep
) -> Response:
    """The answer to "who will I meet next?" as people: they join the panel of the application's next
    round (made, unscheduled and in this round's zone, when there is none yet; 201 then), after anyone
    already on it. A name already on that panel is not added twice (`already_there`). Once the next
    round has a panel, this round's plan no longer asks who comes next. A final round is a 409."""
    result = await db.run(
        next_panel.add_next_panel,
        round_,
        body,
        rounds_cap=caps.rounds_per_application,
        interviewers_cap=caps.interviewers_per_round,
    )
    if result.round_created:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = f"/api/v1/rounds/{result.round.id}"
    read = NextPanelRead(
        round=RoundRead.model_validate(result.round),
        round_created=result.round_created,
        added=[InterviewerRead.model_validate(p) for p in result.added],
        already_there=result.already_there,
    )
    return serialized(read, response)
