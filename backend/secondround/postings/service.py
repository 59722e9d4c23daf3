"""Importing a job posting: read it (postings/parse.py), find the application already made from the
same posting URL, or make one. Two imports of one URL at once make one application: the account's
write lock is held before looking, so the second waits and then finds it."""

import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.problems import NoJobPostingFound, PayloadTooLarge
from secondround.applications import service as applications
from secondround.applications.schemas import ApplicationCreate
from secondround.changes.capture import lock_account
from secondround.helpers.off_loop import off_the_loop
from secondround.helpers.vocabulary import ApplicationStatus
from secondround.models import Application
from secondround.postings.parse import MappedPosting, NoJobPosting, PostingTooLarge, read_posting

# An imported posting is one you found: you have not applied yet.
IMPORTED_STATUS = ApplicationStatus.WISHLIST


def mapped(body: Any) -> tuple[MappedPosting, ApplicationCreate]:
    """The posting in `body` and the application it makes, or the problem that says why not."""
    try:
        # Reading a 2 MB page or a long description is CPU work: off the event loop (helpers/off_loop.py).
        posting = off_the_loop(read_posting, body)
    except PostingTooLarge as exc:
        raise PayloadTooLarge(str(exc)) from None
    except NoJobPosting as exc:
        raise NoJobPostingFound(str(exc)) from None
    try:
        create = ApplicationCreate.model_validate({**posting.application_fields(), "status": IMPORTED_STATUS})
    except ValidationError as exc:  # never seen: parse.py cleans and clips every value first
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise NoJobPostingFound(f"The job posting's {where} cannot be saved: {first['msg']}.") from None
    return posting, create


def by_job_url(db: Session, owner_id: uuid.UUID, job_url: str) -> Application | None:
    """The owner's first application for this posting URL (exact), if any."""
    stmt = (
        select(Application)
        .where(col(Application.owner_id) == owner_id, col(Application.job_url) == job_url)
        .order_by(col(Application.created_at), col(Application.id))
        .limit(1)
    )
    return db.execute(stmt).scalars().first()


def preview(db: Session, owner_id: uuid.UUID, body: Any) -> tuple[MappedPosting, ApplicationCreate, Application | None]:
    posting, create = mapped(body)
    existing = by_job_url(db, owner_id, create.job_url) if create.job_url else None
    return posting, create, existing


def import_posting(db: Session, owner_id: uuid.UUID, body: Any, *, cap: int) -> tuple[Application, bool]:
    """The application for the posting in `body`: the existing one for its URL (False), or a new one
    (True). Nothing is written when the posting cannot be read."""
    _, create = mapped(body)
    if create.job_url:
        # The account's write lock (every authenticated write takes it first, accounts/deps.py; taken
        # here too so this check never depends on that): a parallel import of the same URL waits, then
        # finds the application this one made. SQLite's writers are serialised already.
        lock_account(db, owner_id)
        existing = by_job_url(db, owner_id, create.job_url)
        if existing is not None:
            return existing, False
    return applications.create(db, owner_id, create, cap=cap), True
