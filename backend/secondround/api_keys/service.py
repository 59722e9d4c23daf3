"""Personal API keys: made, listed, revoked, and marked as used. Flushes, never commits.

A key is `srk_<12 identifying characters>_<43-character secret>`: the identifying part (`prefix`)
is stored and shown so the user can tell keys apart and a leaked key can be recognised; only a
SHA-256 hash of the whole key is stored, so it resolves like any bearer token
(accounts/service.resolve_token) and a changed character anywhere makes it unknown (401).
"""

import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from secondround.accounts.credentials import token_hash
from secondround.api.etag import etag_of
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, InvalidInput, NotFound
from secondround.api_keys.schemas import ApiKeyCreate
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.models import AccessToken

KIND = "api_key"
MAX_KEYS_PER_ACCOUNT = 50
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: the prefix is read by people
keyset = Keyset("api_keys", col(AccessToken.created_at), col(AccessToken.id))


def new_key() -> tuple[str, str]:
    """(the whole key, its identifying prefix)."""
    prefix = "srk_" + "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


def scopes_of(key: AccessToken) -> list[str]:
    return (key.scopes or "read").split()


def as_read(key: AccessToken) -> dict:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.key_prefix,
        "scopes": scopes_of(key),
        "created_at": key.created_at,
        "expires_at": key.expires_at,
        "last_used_at": key.last_used_at,
    }


def _live(owner_id: uuid.UUID):
    return select(AccessToken).where(
        col(AccessToken.user_id) == owner_id,
        col(AccessToken.kind) == KIND,
        col(AccessToken.revoked_at).is_(None),
    )


def list_keys(db: Session, owner_id: uuid.UUID, query: ListQuery) -> tuple[list[AccessToken], str | None]:
    """A page of the account's keys that are not revoked (expired ones included, so they can be
    tidied), oldest first; `updated_after` keeps those made or used since."""
    since = func.coalesce(col(AccessToken.last_used_at), col(AccessToken.created_at))
    statement = _live(owner_id).where(*changed_since(since, query.updated_after))
    return keyset.fetch(db, statement, query)


def key_etag(key: AccessToken) -> str:
    """Its version: a key changes only when it is used (its `last_used_at`)."""
    return etag_of(key.id, key.created_at.isoformat(), key.last_used_at.isoformat() if key.last_used_at else "")


def _count(db: Session, owner_id: uuid.UUID) -> int:
    return db.scalar(select(func.count()).select_from(_live(owner_id).subquery())) or 0


def get_key(db: Session, owner_id: uuid.UUID, key_id: uuid.UUID) -> AccessToken:
    key = db.scalars(_live(owner_id).where(col(AccessToken.id) == key_id)).first()
    if key is None:
        raise NotFound("There is no such API key: it may have been revoked.")
    return key


def create_key(db: Session, owner_id: uuid.UUID, body: ApiKeyCreate) -> tuple[AccessToken, str]:
    now = utcnow()
    if body.expires_at is not None and body.expires_at <= now + timedelta(minutes=1):
        raise InvalidInput("expires_at", "The expiry must be in the future.", type="date_in_the_past")
    if _count(db, owner_id) >= MAX_KEYS_PER_ACCOUNT:
        raise Conflict(f"An account holds at most {MAX_KEYS_PER_ACCOUNT} API keys; revoke one you no longer use.")
    key, prefix = new_key()
    scopes = sorted(set(body.scopes) | {"read"})  # a key that may write may also read
    row = AccessToken(
        user_id=owner_id,
        token_hash=token_hash(key),
        kind=KIND,
        name=body.name,
        key_prefix=prefix,
        scopes=" ".join(scopes),
        expires_at=body.expires_at,
        created_at=now,
    )
    db.add(row)
    db.flush()
    return row, key


def revoke_key(db: Session, key: AccessToken) -> None:
    key.revoked_at = utcnow()
    db.add(key)
    db.flush()


def mark_used(db: Session, key_id: uuid.UUID, at: datetime) -> None:
    db.execute(update(AccessToken).where(col(AccessToken.id) == key_id).values(last_used_at=at))
