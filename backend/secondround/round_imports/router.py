import json
from typing import Any

from fastapi import APIRouter, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, with_headers
from secondround.api.media_types import JSON, media_type_of, reads
from secondround.api.openapi import document_body_model, response_headers
from secondround.api.problems import InvalidInput, MalformedJson, problem_responses
from secondround.api.representation import serialized
from secondround.applications.deps import OwnedApplication
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.interviewers.schemas import InterviewerRead
from secondround.round_imports import greenhouse, ics, service
from secondround.round_imports.interview import ImportedInterview, InterviewImportError
from secondround.round_imports.schemas import GreenhouseScheduledInterview, GuessedRole, RoundImportRead
from secondround.rounds.schemas import RoundRead

CALENDAR = "text/calendar"
ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Recruiting//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:4ba5c9a1e0b8@acme.example.com\r\nDTSTAMP:20261120T090000Z\r\n"
    "DTSTART;TZID=Europe/Oslo:20261203T140000\r\nDTEND;TZID=Europe/Oslo:20261203T150000\r\n"
    "SUMMARY:Technical interview\r\nLOCATION:https://meet.google.com/abc-defg-hij\r\n"
    "ORGANIZER;CN=Kate Austen:mailto:kate@acme.example.com\r\n"
    "ATTENDEE;CN=Dana Ortega (Engineering manager):mailto:dana@acme.example.com\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)

router = APIRouter(
    prefix="/applications/{application_id}/rounds", tags=["rounds"], responses=problem_responses(401, 403, 404, 422)
)


def _greenhouse(body: bytes) -> ImportedInterview:
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        raise MalformedJson("The request body is not valid JSON.") from None
    try:
        return greenhouse.read(GreenhouseScheduledInterview.model_validate(parsed))
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)]
        ) from None


def _calendar(body: bytes) -> ImportedInterview:
    try:
        return ics.parse(body)
    except InterviewImportError as exc:
        raise InvalidInput("body", str(exc), type="unreadable_calendar") from None


REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A Greenhouse Harvest scheduled interview as JSON, or an .ics invitation (one event).",
        "content": {
            JSON: {"schema": document_body_model(GreenhouseScheduledInterview)},
            CALENDAR: {
                "schema": {"type": "string", "minLength": 1},
                "example": ICS_EXAMPLE,
            },
        },
    }
}


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    response_model=RoundImportRead,
    responses={
        **response_headers(201, "Location", "ETag", description="A round was made from the interview"),
        200: {
            "model": RoundImportRead,
            "description": "An earlier import of the same interview was brought up to date",
            "headers": response_headers(200, "ETag")[200]["headers"],
        },
        **problem_responses(409, 412, 413),
    },
    openapi_extra=REQUEST_BODY,
)
@reads(JSON, CALENDAR)
async def import_round(
    application: OwnedApplication,
    request: Request,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    caps: CapsDep,
    if_match: IfMatch = None,
) -> Response:
    """Add a scheduled interview from elsewhere as a round with its panel, in one transaction.

    **JSON** (`application/json`): a Greenhouse Harvest scheduled interview. Its `id` becomes the
    round's `external_id` with source `greenhouse`. **An .ics invitation** (`text/calendar`): the
    event's UID with source `ics`; one event per file (more is a 422), the attendees are the panel
    (you, by your account's email, are left out), METHOD:CANCEL or STATUS:CANCELLED cancels the round.

    The start gives `scheduled_at`, the end `duration_minutes`, the place and the video link
    `location`; the zone is the account's unless the start names another (docs/decisions.md). Roles
    are guessed from titles (`guessed_roles` says which, from what). The same interview again (same
    source and id) updates that round (200): its time, place and status, and the panel by email or
    name, keeping what you recorded with each person; new people are added. `If-Match` is checked
    against the round when it exists."""
    body = await request.body()
    kind = media_type_of(request.headers.get("content-type", ""))
    if not body:
        raise InvalidInput(
            "body", "Send the scheduled interview: Greenhouse JSON or an .ics invitation.", type="missing"
        )
    found = _calendar(body) if kind == CALENDAR else _greenhouse(body)
    account = service.Account(user.id, user.email, user.time_zone)
    outcome = await db.run(
        service.import_interview,
        application,
        account,
        found,
        if_match,
        rounds_cap=caps.rounds_per_application,
        panel_cap=caps.interviewers_per_round,
    )
    round_ = outcome.round
    with_headers(response, round_, round_.id, location=f"/api/v1/rounds/{round_.id}" if outcome.created else None)
    read = RoundImportRead(
        round=RoundRead.model_validate(round_),
        created=outcome.created,
        interviewers=[InterviewerRead.model_validate(p) for p in outcome.panel],
        added=outcome.added,
        guessed_roles=[
            GuessedRole(
                interviewer_id=g.interviewer.id,
                interviewer=g.interviewer.name,
                role_id=g.role.id,
                role=g.role.name,
                guessed_from=g.guessed_from,
                words=g.words,
            )
            for g in outcome.guessed
        ],
        left_out=outcome.left_out,
        remarks=outcome.remarks,
    )
    return serialized(read, response, status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK)
