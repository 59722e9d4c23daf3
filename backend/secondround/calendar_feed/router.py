from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.openapi import HEADERS
from secondround.api.problems import problem_responses
from secondround.calendar_feed import service
from secondround.calendar_feed.schemas import CalendarTokenRead
from secondround.db.session import DbSession

router = APIRouter(tags=["calendar"])

CALENDAR_MEDIA_TYPE = "text/calendar; charset=utf-8"


@router.post(
    "/me/calendar-token",
    status_code=status.HTTP_201_CREATED,
    response_model=CalendarTokenRead,
    responses={201: {"headers": {"Cache-Control": HEADERS["Cache-Control"]}}, **problem_responses(401, 403)},
)
async def issue_calendar_token(
    user: CurrentUser, db: DbSession, request: Request, response: Response
) -> CalendarTokenRead:
    """Issue a new secret feed URL (201). The previous URL, if any, stops working at once.

    The token is shown only in this response; the server keeps only its hash.
    """
    token = await db.run(service.issue_token, user)
    response.headers.update(service.NO_STORE)
    feed_url = request.url_for("get_calendar_feed").include_query_params(token=token)
    return CalendarTokenRead(token=token, feed_url=str(feed_url))


@router.get(
    "/calendar.ics",
    response_class=Response,
    responses={
        200: {
            "description": "The iCalendar (RFC 5545) document.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
            "headers": {name: HEADERS[name] for name in ("Cache-Control", "Content-Disposition", "ETag")},
        },
        304: {"description": "Unchanged since the `If-None-Match` tag.", "headers": {"ETag": HEADERS["ETag"]}},
        **problem_responses(404, 422),
    },
)
async def get_calendar_feed(
    db: DbSession,
    request: Request,
    token: Annotated[
        str | None,
        Query(description="The secret from POST /me/calendar-token; the name spelled exactly `token`, once."),
    ] = None,
) -> Response:
    """Your private calendar feed, for subscription from a calendar app: a VEVENT per scheduled round
    (with a reminder the day before) and a VTODO per pending follow-up.

    Calendar apps cannot send headers, so the token in the query string is the only credential.
    A missing, wrong or rotated token gets a 404 problem (never a 401), which does not tell whether
    the token ever existed.
    """
    # The web app is served from this origin.
    answer = await db.run(
        service.feed,
        request.scope["query_string"],
        app_base=str(request.base_url).rstrip("/"),
        if_none_match=request.headers.get("if-none-match"),
    )
    return Response(
        content=answer.body,
        status_code=200 if answer.body is not None else 304,
        media_type=CALENDAR_MEDIA_TYPE,
        headers={**service.NO_STORE, "ETag": answer.etag, "Content-Disposition": 'inline; filename="secondround.ics"'},
    )
