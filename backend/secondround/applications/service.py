import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput
from secondround.applications.schemas import ApplicationCreate, ApplicationRead, ApplicationUpdate, check_salary_range
from secondround.db.caps import ensure_room
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
) -> tuple[list[Any], str | None]:
    stmt = list_statement(
        owner_id, status=status, job_url=job_url, source=source, q=q, updated_after=query.updated_after
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
    application = apply_changes(db, application, changes)
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
