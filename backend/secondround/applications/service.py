import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from secondround.activity import record as activity
from secondround.api.etag import guarded
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput, PreconditionFailed
from secondround.applications.schemas import (
    ApplicationCreate,
    ApplicationRead,
    ApplicationUpdate,
    ApplicationUpsert,
    check_salary_range,
)
from secondround.db.caps import ensure_room
from secondround.db.constraints import classify
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since, contains
from secondround.models import Application, User
from secondround.webhooks import events as webhook_events

# What a list shows, as plain columns: a page of rows needs no ORM objects (identity map, change
# tracking) and no owner_id, so reading the columns alone is about twice as fast.
LISTED_COLUMNS = [col(getattr(Application, name)) for name in ApplicationRead.model_fields]
keyset = Keyset("applications", col(Application.created_at), col(Application.id))


def list_statement(
    owner_id: uuid.UUID,
    *,
    status: str | None = None,
    job_url: str | None = None,
    source: str | None = None,
    external_id: str | None = None,
    q: str | None = None,
    updated_after: datetime | None = None,
) -> Any:
    stmt = select(*LISTED_COLUMNS).where(
        col(Application.owner_id) == owner_id, *changed_since(col(Application.updated_at), updated_after)
    )
    if status is not None:
        stmt = stmt.where(col(Application.status) == status)
    if job_url is not None:
        stmt = stmt.where(col(Application.job_url) == job_url)
    if source is not None:
        stmt = stmt.where(func.lower(col(Application.source)) == source.lower())
    if external_id is not None:
        stmt = stmt.where(col(Application.external_id) == external_id)
    if q:
        stmt = stmt.where(or_(contains(col(Application.company), q), contains(col(Application.position), q)))
    return stmt


def list_page(
    db: Session,
    owner_id: uuid.UUID,
    query: ListQuery,
    *,
    status: str | None,
    job_url: str | None,
    source: str | None,
    q: str | None,
    external_id: str | None = None,
) -> tuple[list[Any], str | None]:
    stmt = list_statement(
        owner_id,
        status=status,
        job_url=job_url,
        source=source,
        external_id=external_id,
        q=q,
        updated_after=query.updated_after,
    )
    return keyset.fetch(db, stmt, query)


def _check_salary_range(salary_min: int | None, salary_max: int | None) -> None:
    # Shown by the lowest salary: the field the web app puts the message beside.
    try:
        check_salary_range(salary_min, salary_max)
    except ValueError as exc:
        raise InvalidInput("salary_min", str(exc), type="salary_range") from None


def create(db: Session, owner_id: uuid.UUID, body: ApplicationCreate, *, cap: int) -> Application:
    detail = f"An account holds at most {cap} applications; delete old ones to add more."
    _check_salary_range(body.salary_min, body.salary_max)
    ensure_room(db, parent=User.id, parent_id=owner_id, child=Application.owner_id, limit=cap, detail=detail)
    application = Application(owner_id=owner_id, **body.model_dump())
    db.add(application)
    db.flush()
    webhook_events.record(db, owner_id, "application.created", webhook_events.data_of(ApplicationRead, application))
    return application


def update(db: Session, application: Application, body: ApplicationUpdate) -> Application:
    changes = body.model_dump(exclude_unset=True)
    _check_salary_range(
        changes.get("salary_min", application.salary_min), changes.get("salary_max", application.salary_max)
    )
    version = application.updated_at
    status_before = application.status
    application = apply_changes(db, application, changes)
    activity.status_changed(db, application, status_before)
    if application.updated_at != version:  # a PATCH that changes nothing is no event
        webhook_events.record(
            db, application.owner_id, "application.updated", webhook_events.data_of(ApplicationRead, application)
        )
    return application


def delete(db: Session, application: Application) -> None:
    # Rounds, their interviewers and round questions go with it (ON DELETE CASCADE): one event for all.
    owner_id, data = application.owner_id, {"id": str(application.id)}
    db.delete(application)
    db.flush()
    webhook_events.record(db, owner_id, "application.deleted", data)


EXTERNAL_ID_INDEX = "uq_applications_owner_source_external_id"


def _by_external_id(db: Session, owner_id: uuid.UUID, source: str, external_id: str) -> Application | None:
    """The owner's application with this source and external id, locked for this write."""
    stmt = (
        select(Application)
        .where(
            col(Application.owner_id) == owner_id,
            col(Application.source) == source,
            col(Application.external_id) == external_id,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.execute(stmt).scalar_one_or_none()


def upsert(
    db: Session,
    owner_id: uuid.UUID,
    source: str,
    external_id: str,
    body: ApplicationUpsert,
    if_match: str | None,
    *,
    cap: int,
) -> tuple[Application, bool]:
    """The application named by (source, external_id), made from `body` if there is none (True) or
    changed by the fields `body` sets (False). Two requests at once for a new pair: both try to
    insert, the unique index lets one through, and the other updates what the first made."""
    existing = _by_external_id(db, owner_id, source, external_id)
    if existing is None:
        if if_match is not None:
            raise PreconditionFailed(
                "There is no application with this source and external id yet, so If-Match cannot match; "
                "leave If-Match out to create it."
            )
        fields = {**body.model_dump(), "source": source, "external_id": external_id}
        try:
            with db.begin_nested():
                return create(db, owner_id, ApplicationCreate.model_validate(fields), cap=cap), True
        except IntegrityError as exc:
            if classify(exc) != ("unique", EXTERNAL_ID_INDEX):
                raise
        existing = _by_external_id(db, owner_id, source, external_id)
        if existing is None:  # never seen: the row that won the race was deleted at once
            raise PreconditionFailed("The application was created and deleted at the same time; retry.")
    guarded(existing, existing.id, if_match)
    return update(db, existing, ApplicationUpdate.model_validate(body.model_dump(exclude_unset=True))), False
