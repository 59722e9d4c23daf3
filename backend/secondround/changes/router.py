from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.app_state import app_state
from secondround.api.etag import etag_of
from secondround.api.openapi import response_headers
from secondround.api.pagination import MAX_LIMIT
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.changes import feed
from secondround.changes.schemas import ChangePage
from secondround.db.session import DbSession

router = APIRouter(prefix="/changes", tags=["changes"], responses=problem_responses(401, 403, 422))

AfterParam = Annotated[
    str | None,
    Query(
        max_length=1000,
        description="`next_cursor` (or an item's `cursor`) from the last call; leave out to read from the start.",
    ),
]
FeedLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Changes per call, 1 to 200.")]


@router.get("", response_model=ChangePage, responses={**response_headers(200, "Link"), **problem_responses(400, 410)})
async def list_changes(
    request: Request,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    after: AfterParam = None,
    limit: FeedLimit = 100,
) -> Response:
    """Every create, update and delete of your account's resources, in an order no later commit slips
    in front of: an account's changes, its roles, applications, questions, rounds, interviewers, round
    questions, application answers, contacts, activity entries, debriefs, thank-you notes marked sent,
    offers and practice cards (deleting an application lists the deletion of its rounds and everything
    under them too). Each created or updated item carries the resource as it is now.

    Read from the start (no `after`) to copy the whole account; then call again with `next_cursor`
    at once while `has_more`, and later to poll. Deletions, and changes replaced by a later change of
    the same resource, are kept for 30 days (`SECONDROUND_CHANGE_RETENTION_DAYS`): a cursor older than
    that is a 410 `/problems/cursor-expired`; discard your copy and read from the start again."""
    settings = app_state(request.app).settings
    page = await db.run(
        feed.read,
        user.id,
        secret=settings.secret_key,
        after=after,
        limit=limit,
        retention_days=settings.change_retention_days,
    )
    # The tag leaves out `next_cursor`: at the end of the feed it carries the instant of the read, and
    # a copy whose cursor is a little older is just as good (If-None-Match gives a 304 to a poll that
    # finds nothing new).
    response.headers["ETag"] = etag_of("changes", page.model_dump_json(include={"items", "has_more"}))
    if page.has_more:
        response.headers["Link"] = f'<{request.url.include_query_params(after=page.next_cursor)}>; rel="next"'
    return serialized(page, response)
