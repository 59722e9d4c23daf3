from fastapi import APIRouter, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import with_headers
from secondround.api.openapi import response_headers
from secondround.api.problems import problem_responses
from secondround.applications.schemas import ApplicationRead
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.postings import service
from secondround.postings.schemas import ApplicationDraft, JobPostingDocument, JobPostingPreview

router = APIRouter(prefix="/applications", tags=["applications"], responses=problem_responses(401, 403, 422))

# The paths that take a saved page, larger than other bodies (middleware/body_limit.py).
IMPORT_PATHS = ("/api/v1/applications/import", "/api/v1/applications/import/preview")


@router.post(
    "/import",
    response_model=ApplicationRead,
    status_code=status.HTTP_200_OK,
    responses={
        **response_headers(200, "ETag", description="You already had an application for this posting URL"),
        201: {
            "model": ApplicationRead,
            "description": "Created",
            "headers": response_headers(201, "Location", "ETag")[201]["headers"],
        },
        **problem_responses(413),
    },
)
async def import_application(
    body: JobPostingDocument, user: CurrentUser, db: DbSession, response: Response, caps: CapsDep
) -> ApplicationRead:
    """Make an application from a schema.org JobPosting (JSON-LD, or a saved page that embeds it):
    201 with `Location`. The same posting URL again returns the application you already have, with
    200. It starts as `wishlist`; a salary per hour, day, week or month is converted to a year
    (2080 hours, 260 days, 52 weeks, 12 months). No JobPosting in the body: a 422
    `/problems/no-job-posting`. Nothing is saved on any error."""
    application, created = await db.run(service.import_posting, user.id, body.root, cap=caps.applications_per_account)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    location = f"/api/v1/applications/{application.id}" if created else None
    with_headers(response, application, application.id, location=location)
    return ApplicationRead.model_validate(application)


@router.post(
    "/import/preview",
    response_model=JobPostingPreview,
    status_code=status.HTTP_200_OK,
    responses=problem_responses(413),
)
async def preview_application_import(body: JobPostingDocument, user: CurrentUser, db: DbSession) -> JobPostingPreview:
    """What importing this body would save, without saving: the application's fields, your existing
    application for the same posting URL if there is one, and what was converted or left out."""
    posting, create, existing = await db.run(service.preview, user.id, body.root)
    return JobPostingPreview(
        application=ApplicationDraft.model_validate(create.model_dump()),
        existing_id=existing.id if existing else None,
        existing=ApplicationRead.model_validate(existing) if existing else None,
        warnings=posting.warnings,
    )
