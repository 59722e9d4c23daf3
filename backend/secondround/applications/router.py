from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.fields import ExternalId, SearchText, SourceSlug, UrlText
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.applications import service
from secondround.applications.deps import OwnedApplication
from secondround.applications.schemas import (
    ApplicationCreate,
    ApplicationPage,
    ApplicationRead,
    ApplicationUpdate,
    ApplicationUpsert,
)
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.helpers.vocabulary import ApplicationStatus
from secondround.models import Application

router = APIRouter(prefix="/applications", tags=["applications"], responses=problem_responses(401, 403, 422))


def _location(application: Application) -> str:
    return f"/api/v1/applications/{application.id}"


@router.get("", response_model=ApplicationPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_applications(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    status: Annotated[ApplicationStatus | None, Query(description="Only this status.")] = None,
    job_url: Annotated[
        UrlText | None,
        Query(description="Only the application for this job posting (exact URL), e.g. to avoid a duplicate."),
    ] = None,
    source: Annotated[
        SearchText | None, Query(description="Only applications from this source (exact, any case).")
    ] = None,
    q: Annotated[SearchText | None, Query(description="Search company or position (case-insensitive).")] = None,
    external_id: Annotated[
        ExternalId | None, Query(description="Only the application with this external id (exact; with `source`).")
    ] = None,
) -> Response:
    """Your applications, oldest first, optionally filtered. Filters combine (all must match)."""
    rows, next_cursor = await db.run(
        service.list_page, user.id, query, status=status, job_url=job_url, source=source, q=q, external_id=external_id
    )
    return serialized(ApplicationPage.of(rows, next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_application(
    body: ApplicationCreate, user: CurrentUser, db: DbSession, response: Response, caps: CapsDep
) -> ApplicationRead:
    """Record an application. It starts as `applied` unless you send another `status`."""
    application = await db.run(service.create, user.id, body, cap=caps.applications_per_account)
    with_headers(response, application, application.id, location=_location(application))
    return ApplicationRead.model_validate(application)


@router.put(
    "/by-external-id/{source}/{external_id:path}",
    response_model=ApplicationRead,
    status_code=status.HTTP_200_OK,
    responses={
        **response_headers(200, "ETag", description="Updated"),
        201: {
            "model": ApplicationRead,
            "description": "Created",
            "headers": response_headers(201, "Location", "ETag")[201]["headers"],
        },
        **problem_responses(409, 412, 413),
    },
)
async def upsert_application(
    source: Annotated[SourceSlug, Path(description="The system the id comes from, e.g. `greenhouse`.")],
    external_id: Annotated[
        ExternalId,
        Path(description="Your id for the application, percent-encoded (a `/` in it may also be sent as is)."),
    ],
    body: ApplicationUpsert,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    caps: CapsDep,
    if_match: IfMatch = None,
) -> ApplicationRead:
    """Create or update the application you know by your own id: 201 with `Location` when it is new,
    200 when it existed. An update changes only the fields sent; `If-Match` guards it (412), and
    with no such application yet, `If-Match` is a 412 too. Safe to send twice at once: one
    application is made."""
    application, created = await db.run(
        service.upsert, user.id, source, external_id, body, if_match, cap=caps.applications_per_account
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    with_headers(response, application, application.id, location=_location(application) if created else None)
    return ApplicationRead.model_validate(application)


@router.get(
    "/{application_id}",
    response_model=ApplicationRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404)},
)
async def get_application(application: OwnedApplication, response: Response) -> Response:
    """One application, with its `ETag` for a later conditional update."""
    with_headers(response, application, application.id)
    return serialized(ApplicationRead.model_validate(application), response)


@router.patch(
    "/{application_id}",
    response_model=ApplicationRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 409, 412, 413)},
)
async def update_application(
    application: OwnedApplication,
    body: ApplicationUpdate,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> ApplicationRead:
    """Change only the fields sent; `null` clears an optional field."""
    guarded(application, application.id, if_match)
    application = await db.run(service.update, application, body)
    with_headers(response, application, application.id)
    return ApplicationRead.model_validate(application)


@router.delete("/{application_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_application(application: OwnedApplication, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete the application with its rounds, their interviewers and round questions."""
    guarded(application, application.id, if_match)
    await db.run(service.delete, application)
