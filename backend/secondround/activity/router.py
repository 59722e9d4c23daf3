from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.activity import service
from secondround.activity.deps import OwnedActivity
from secondround.activity.schemas import ActivityCreate, ActivityPage, ActivityRead, ActivityUpdate
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.applications.deps import OwnedApplication
from secondround.db.session import DbSession
from secondround.helpers.vocabulary import ActivityKind

application_activity_router = APIRouter(
    prefix="/applications/{application_id}/activity",
    tags=["activity"],
    responses=problem_responses(401, 403, 404, 422),
)
router = APIRouter(prefix="/activity", tags=["activity"], responses=problem_responses(401, 403, 404, 422))


@application_activity_router.get(
    "", response_model=ActivityPage, responses={**response_headers(200, "Link"), **problem_responses(400)}
)
async def list_activity(
    application: OwnedApplication,
    db: DbSession,
    query: ListQueryDep,
    kind: Annotated[ActivityKind | None, Query(description="Only entries of this kind.")] = None,
) -> Response:
    """The application's activity log, newest first (by `occurred_at`): calls, emails, notes, and the
    status and outcome changes the server wrote as they happened."""
    rows, next_cursor = await db.run(service.list_page, application, kind, query)
    return serialized(ActivityPage.of(rows, next_cursor), query.response)


@application_activity_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ActivityRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_activity(
    application: OwnedApplication, body: ActivityCreate, user: CurrentUser, db: DbSession, response: Response
) -> ActivityRead:
    """Append an entry. A `call` with a `round_id` is that round's latest follow-up (unless an entry of
    a later call exists): its text becomes the round's `follow_up_note`, and its `next_follow_up_on`
    the round's `follow_up_on`; without a next date the round counts as followed up."""
    entry = await db.run(service.create, application, body, account_zone=user.time_zone)
    with_headers(response, entry, entry.id, location=f"/api/v1/activity/{entry.id}")
    return (await db.run(service.readable, [entry]))[0]


@router.get("/{activity_id}", response_model=ActivityRead, responses=response_headers(200, "ETag"))
async def get_activity(entry: OwnedActivity, db: DbSession, response: Response) -> Response:
    """One entry, with its `ETag` and its earlier texts (`revisions`)."""
    with_headers(response, entry, entry.id)
    return serialized((await db.run(service.readable, [entry]))[0], response)


@router.patch(
    "/{activity_id}",
    response_model=ActivityRead,
    responses={**response_headers(200, "ETag"), **problem_responses(412, 413)},
)
async def update_activity(
    entry: OwnedActivity, body: ActivityUpdate, db: DbSession, response: Response, if_match: IfMatch = None
) -> ActivityRead:
    """Correct an entry's text. Nothing is overwritten: the earlier text goes to `revisions` with the
    time it was replaced, and `edited` becomes true. The other fields of an entry never change (the
    log is append-only; there is no DELETE: add a note that says what was wrong)."""
    guarded(entry, entry.id, if_match)
    entry = await db.run(service.update, entry, body)
    with_headers(response, entry, entry.id)
    return (await db.run(service.readable, [entry]))[0]
