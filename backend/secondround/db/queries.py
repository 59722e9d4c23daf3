"""Small query-building helpers the services share."""

from datetime import datetime
from typing import Any


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
