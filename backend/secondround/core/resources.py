"""Small helpers every resource router and service shares: ownership lookups, patches, headers."""

import uuid
from datetime import datetime
from typing import Any, TypeVar

from fastapi import Response
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel

from secondround.core.db import writes
from secondround.core.errors import NotFound
from secondround.core.etag import check_if_match, resource_etag
from secondround.core.types import utcnow

M = TypeVar("M", bound=SQLModel)

# FOR NO KEY UPDATE: excludes other writers of the row, but not inserts of rows that refer to it
# (their foreign key check takes FOR KEY SHARE), so writing a round does not hold up adding to it.
# A row a write merely refers to (a role given as role_id) is read FOR KEY SHARE
# (with_for_update(read=True, key_share=True)): it cannot be deleted meanwhile.
ROW_WRITE_LOCK = {"key_share": True}


def get_owned(session: Session, model: type[M], key: Any, owner_id: uuid.UUID, label: str) -> M:
    """The row if it exists and belongs to owner_id; otherwise 404, never 403 (no existence leak).

    A writing request locks the row (SELECT ... FOR NO KEY UPDATE on PostgreSQL; SQLite writers
    already hold the database's write lock), so its If-Match check and its write see the same
    version: a concurrent writer waits, then reads what this one committed (a new ETag, or no row).
    """
    if writes(session):
        row = session.get(model, key, with_for_update=ROW_WRITE_LOCK, populate_existing=True)
    else:
        row = session.get(model, key)
    if row is None or getattr(row, "owner_id", None) != owner_id:
        raise NotFound(f"No {label} with id {key if not isinstance(key, tuple) else key[-1]}.")
    return row


def lock(session: Session, row: M) -> M:
    """Lock a row this writing request already loaded, and read it again as it is now."""
    session.refresh(row, with_for_update=ROW_WRITE_LOCK)
    return row


def apply_changes(session: Session, row: M, changes: dict[str, Any]) -> M:
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = utcnow()
    session.add(row)
    try:
        session.flush()
    except StaleDataError:
        # Deleted by a concurrent request (or with its parent) after it was read: gone, not a 500.
        raise NotFound("It was deleted while this request was changing it.") from None
    return row


def guarded(row: Any, key: Any, if_match: str | None) -> None:
    """Enforce If-Match against the row's current ETag."""
    check_if_match(if_match, resource_etag(row, key))


def with_headers(response: Response, row: Any, key: Any, *, location: str | None = None) -> None:
    response.headers["ETag"] = resource_etag(row, key)
    if location is not None:
        response.headers["Location"] = location


def columns(*attributes: Any) -> list[Any]:
    """Model attributes for `load_only`: SQLModel types them as their Python values, while
    SQLAlchemy wants mapped attributes; this says so once instead of at every call."""
    return list(attributes)


def changed_since(column: Any, updated_after: datetime | None) -> list[Any]:
    return [column > updated_after] if updated_after is not None else []


def contains(column: Any, text: str) -> Any:
    """Case-insensitive substring match with LIKE wildcards in the text taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")
