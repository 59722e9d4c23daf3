"""Entity tags for optimistic concurrency: `ETag` out, `If-Match` in."""

import hashlib
from datetime import datetime
from typing import Annotated, Any, Protocol

from fastapi import Header, Response

from secondround.api.problems import PreconditionFailed


class Versioned(Protocol):
    updated_at: datetime


def etag_of(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:24]
    return f'"{digest}"'


def weak_etag_of(*parts: object) -> str:
    """A weak tag (RFC 9110, 8.8.1): for answers equal in meaning but not byte for byte, such as a plan
    whose `generated_at` is the time it was served."""
    return "W/" + etag_of(*parts)


def resource_etag(row: Versioned, key: object) -> str:
    return etag_of(key, row.updated_at.isoformat())


IfMatch = Annotated[
    str | None,
    Header(max_length=2000, description="Apply only if the resource still has this ETag (else 412)."),
]


def check_if_match(if_match: str | None, current: str) -> None:
    """Refuse the write when the client's copy is stale (RFC 9110, strong comparison)."""
    if if_match is None:
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if "*" in candidates or current in candidates:
        return
    raise PreconditionFailed(f"The resource has changed; its current ETag is {current}. Fetch it and retry.")


def set_etag(response: Response, etag: str) -> None:
    response.headers["ETag"] = etag


def guarded(row: Any, key: Any, if_match: str | None) -> None:
    """Enforce If-Match against the row's current ETag."""
    check_if_match(if_match, resource_etag(row, key))


def with_headers(response: Response, row: Any, key: Any, *, location: str | None = None) -> None:
    response.headers["ETag"] = resource_etag(row, key)
    if location is not None:
        response.headers["Location"] = location
