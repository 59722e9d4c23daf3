"""Owned rows: the lookup that answers 404 for another account's row, the write lock, and patches."""

import uuid
from typing import Any, TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from secondround.api.problems import NotFound
from secondround.db.session import writes
from secondround.db.types import utcnow

M = TypeVar("M", bound=SQLModel)

# FOR NO KEY UPDATE: excludes other writers of the row, but not inserts of rows that refer to it
# (their foreign key check takes FOR KEY SHARE), so writing a round does not hold up adding to it.
# A row a write merely refers to (a role given as role_id) is read FOR KEY SHARE
# (with_for_update(read=True, key_share=True)): it cannot be deleted meanwhile.
ROW_WRITE_LOCK = {"key_share": True}


def get_owned(db: Session, model: type[M], key: Any, owner_id: uuid.UUID, label: str) -> M:
    """The row if it exists and belongs to owner_id; otherwise 404, never 403 (no existence leak).

    A writing request locks the row (SELECT ... FOR NO KEY UPDATE on PostgreSQL; SQLite writers
    already hold the database's write lock), so its If-Match check and its write see the same
    version: a concurrent writer waits, then reads what this one committed (a new ETag, or no row).
    """
    if writes(db):
        row = db.get(model, key, with_for_update=ROW_WRITE_LOCK, populate_existing=True)
    else:
        row = db.get(model, key)
    if row is None or getattr(row, "owner_id", None) != owner_id:
        raise NotFound(f"No {label} with id {key if not isinstance(key, tuple) else key[-1]}.")
    return row


def lock_parent_of(
    db: Session, *, parent: Any, parent_owner: Any, link: Any, child_key: Any, child_id: Any, owner_id: uuid.UUID
) -> None:
    """Lock a child row's parent before the child: the lock order is parent, then children, the
    order a cascading DELETE of the parent takes them. For a write to the child that may change the
    parent or its other children too; taking the child first would deadlock with a concurrent change
    of the parent (PostgreSQL). Columns: `parent` the parent's id, `parent_owner` its owner, `link`
    the child's column pointing at the parent, `child_key` the child's id."""
    parent_id = select(link).where(child_key == child_id).scalar_subquery()
    db.execute(select(parent).where(parent == parent_id, parent_owner == owner_id).with_for_update(key_share=True))


def lock(db: Session, row: M) -> M:
    """Lock a row this writing request already loaded, and read it again as it is now."""
    db.refresh(row, with_for_update=ROW_WRITE_LOCK)
    return row


def apply_changes(db: Session, row: M, changes: dict[str, Any]) -> M:
    """Write `changes` to the row (and whatever the caller already set on it); `updated_at`, and so
    the ETag, moves only when some value really changed: an empty PATCH, or one that sends every
    field as it is, leaves the version alone."""
    for name, value in changes.items():
        setattr(row, name, value)
    # is_modified compares each attribute set since the row was loaded with its loaded value.
    if db.is_modified(row):
        row.updated_at = utcnow()
    db.add(row)
    try:
        db.flush()
    except StaleDataError:
        # Deleted by a concurrent request (or with its parent) after it was read: gone, not a 500.
        raise NotFound("It was deleted while this request was changing it.") from None
    return row
