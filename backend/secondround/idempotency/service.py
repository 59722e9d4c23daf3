"""The rules of `Idempotency-Key`, on plain sync sessions (no HTTP here; see install.py for the wiring).

A POST sent with a key reserves the key for its account in the request's own transaction (claim),
does its work, then writes the response it got into the same row (record) before the transaction
commits. So the key row and the change exist together or not at all: a crash, an error or a
rollback leaves neither, and a retry simply runs again. Until the row expires (24 hours), the same
key with the same request gets the stored response again; with another request, a 422 problem.

Two requests with one key at once: on PostgreSQL the first takes a transaction-level advisory
lock on (account, key); the second finds it taken and gets a 409 problem (the draft's "request
in progress") instead of a second object. SQLite runs one writing transaction at a time, so the
second waits for the first to commit and then gets its response replayed.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from secondround.api.problems import BadRequest, ProblemError
from secondround.db.types import utcnow
from secondround.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
LIFETIME = timedelta(hours=24)
MAX_LENGTH = 255
# The response headers a replay repeats (with the status and body).
KEPT_HEADERS = ("content-type", "location", "etag", "cache-control")
PURGE_BATCH = 100


class IdempotencyKeyReused(ProblemError):
    """This `Idempotency-Key` was already used, within the last 24 hours, for another request (another
    path or another body). Send a new key for a new request; send the same request to get its first
    response again."""

    status, slug = 422, "idempotency-key-reused"


class SecretShownOnce(ProblemError):
    """The request with this `Idempotency-Key` succeeded already, but its response held a secret that is
    shown only once (a new API key), so it is not sent again. The object it made is at `Location`; if the
    secret was lost, revoke that object and make a new one."""

    status, slug = 409, "secret-shown-once"


class IdempotencyKeyInUse(ProblemError):
    """A request with this `Idempotency-Key` is still being processed. Wait the number of seconds in
    `Retry-After` and send it again: you will get its response."""

    status, slug = 409, "idempotency-key-in-use"


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    headers: dict[str, str]
    body: bytes


class Replay(Exception):  # noqa: N818 (a signal, not an error: install.py answers with the stored response)
    def __init__(self, stored: StoredResponse) -> None:
        super().__init__("replay")
        self.stored = stored


def parse_key(raw: str) -> str:
    """The key from the header: a Structured Field string (`"abc"`, as the draft writes it) or the
    bare text (as most clients send it); 1 to 255 printable ASCII characters either way."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner, escaped, chars = value[1:-1], False, []
        for char in inner:
            if escaped or char != "\\":
                chars.append(char)
                escaped = False
            else:
                escaped = True
        value = "".join(chars)
    if not value.strip():
        problem = "is empty"
    elif len(value) > MAX_LENGTH:
        problem = f"is {len(value)} characters long"
    elif not all(" " <= c <= "~" for c in value):
        problem = "holds a character that is not printable ASCII"
    else:
        return value
    raise BadRequest(
        f"The {HEADER} header must be 1 to {MAX_LENGTH} printable ASCII characters (a UUID is a good key); "
        f"this one {problem}."
    )


def fingerprint(method: str, target: str, body: bytes) -> str:
    """sha256 of the canonical request: method, path with query, and the body (JSON with its keys
    sorted and no spacing, so the same object sent twice with other spacing or key order matches)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), target.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _lock_id(owner_id: uuid.UUID, key: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{owner_id}\n{key}".encode()).digest()[:8], "big", signed=True)


def _purge_expired(db: Session, owner_id: uuid.UUID, now) -> None:
    """Lazily forget the account's expired keys, a batch at a time; rows another request holds are skipped."""
    expired = (
        select(col(IdempotencyKey.key))
        .where(col(IdempotencyKey.owner_id) == owner_id, col(IdempotencyKey.expires_at) <= now)
        .limit(PURGE_BATCH)
        .with_for_update(skip_locked=True)
    )
    db.execute(
        delete(IdempotencyKey).where(col(IdempotencyKey.owner_id) == owner_id, col(IdempotencyKey.key).in_(expired))
    )


def claim(db: Session, owner_id: uuid.UUID, key: str, request_fingerprint: str) -> None:
    """Reserve `key` for this request in the session's transaction, or raise: Replay (the same request
    was answered already), IdempotencyKeyReused (another request had this key), IdempotencyKeyInUse."""
    now = utcnow()
    if db.get_bind().dialect.name == "postgresql":
        taken = db.execute(select(func.pg_try_advisory_xact_lock(_lock_id(owner_id, key)))).scalar_one()
        if not taken:
            raise IdempotencyKeyInUse(
                f"A request with this {HEADER} is still being processed; send it again in a moment "
                "to get its response.",
                headers={"Retry-After": "1"},
            )
    _purge_expired(db, owner_id, now)
    row = db.execute(
        select(IdempotencyKey).where(col(IdempotencyKey.owner_id) == owner_id, col(IdempotencyKey.key) == key)
    ).scalar_one_or_none()
    if row is not None and row.expires_at <= now:
        db.delete(row)
        db.flush()
        row = None
    if row is not None:
        if row.fingerprint != request_fingerprint:
            raise IdempotencyKeyReused(
                f"This {HEADER} was already used for another request (another path or body) in the last 24 hours; "
                "use a new key for a new request."
            )
        headers = json.loads(row.headers)
        if "no-store" in headers.get("cache-control", ""):
            kept = {"Location": headers["location"]} if "location" in headers else {}
            raise SecretShownOnce(
                f"The request with this {HEADER} succeeded already; its response held a secret that is shown "
                "only once, so it is not repeated.",
                headers={**kept, REPLAYED_HEADER: "true"},
            )
        raise Replay(StoredResponse(row.status_code, headers, row.body))
    db.add(
        IdempotencyKey(
            owner_id=owner_id, key=key, fingerprint=request_fingerprint, created_at=now, expires_at=now + LIFETIME
        )
    )
    db.flush()


def record(db: Session, owner_id: uuid.UUID, key: str, response: StoredResponse) -> None:
    """Keep the response with the claimed key, in the transaction that also holds the change."""
    row = db.get(IdempotencyKey, (owner_id, key))
    assert row is not None, "record() without claim()"
    row.status_code = response.status_code
    row.headers = json.dumps(response.headers, sort_keys=True)
    # A response marked no-store holds a secret shown once (an API key): only a hash of a secret is
    # ever stored, so its body is not kept and a replay says where the object is instead.
    secret = "no-store" in response.headers.get("cache-control", "")
    row.body = b"" if secret else response.body
    db.flush()


def forget(db: Session, owner_id: uuid.UUID, key: str) -> None:
    """Drop a claim whose response cannot be kept (a streamed body): the key then protects nothing."""
    db.execute(delete(IdempotencyKey).where(col(IdempotencyKey.owner_id) == owner_id, col(IdempotencyKey.key) == key))
