"""OAuth apps: clients registered by users or configured by the operator, and the apps a user has
connected. Flushes, never commits. The protocol itself is in oauth/server.py (Authlib)."""

import re
import secrets
import uuid
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import Session, col

from secondround.accounts.credentials import token_hash
from secondround.api.etag import etag_of
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, InvalidInput, NotFound
from secondround.config import Settings
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.models import AccessToken, OAuthClient, OAuthCode
from secondround.oauth.clients import (
    SCOPES,
    USER_CLIENT_PREFIX,
    Client,
    parse_configured_clients,
    redirect_uri_problem,
)
from secondround.oauth.schemas import OAuthClientCreate

OAUTH_KINDS = ("oauth", "oauth_refresh")
MAX_CLIENTS_PER_ACCOUNT = 20
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
keyset = Keyset("oauth_clients", col(OAuthClient.created_at), col(OAuthClient.id))


def as_client(row: OAuthClient) -> Client:
    return Client(
        client_id=row.client_id,
        name=row.name,
        redirect_uris=row.redirect_uris.split("\n"),
        secret_hash=row.secret_hash,
        owner_id=row.owner_id,
        created_at=row.created_at,
    )


def as_read(row: OAuthClient) -> dict:
    return {
        "client_id": row.client_id,
        "name": row.name,
        "redirect_uris": row.redirect_uris.split("\n"),
        "confidential": row.secret_hash is not None,
        "created_at": row.created_at,
    }


def client_etag(row: OAuthClient) -> str:
    """Its version: a registration never changes once made."""
    return etag_of(row.id, row.created_at.isoformat())


def find_client(db: Session, settings: Settings, client_id: str) -> Client | None:
    """Any app by its client_id: the operator's first, then those users registered."""
    for configured in parse_configured_clients(settings.oauth_clients):
        if configured.client_id == client_id:
            return configured
    if not client_id.startswith(USER_CLIENT_PREFIX) or not _plausible(client_id):
        return None
    row = db.scalars(select(OAuthClient).where(col(OAuthClient.client_id) == client_id)).first()
    return as_client(row) if row is not None else None


_CLIENT_ID = re.compile(r"^[A-Za-z0-9._~-]{1,64}$")


def _plausible(client_id: str) -> bool:
    """Could be a client_id at all (a NUL or a 5,000-character id is simply not one: 404, not a 500)."""
    return bool(_CLIENT_ID.match(client_id))


def _own(owner_id: uuid.UUID):
    return select(OAuthClient).where(col(OAuthClient.owner_id) == owner_id)


def list_clients(db: Session, owner_id: uuid.UUID, query: ListQuery) -> tuple[list[OAuthClient], str | None]:
    statement = _own(owner_id).where(*changed_since(col(OAuthClient.created_at), query.updated_after))
    return keyset.fetch(db, statement, query)


def get_client(db: Session, owner_id: uuid.UUID, client_id: str) -> OAuthClient:
    if not _plausible(client_id):
        raise NotFound("There is no such app among the ones you registered.")
    row = db.scalars(_own(owner_id).where(col(OAuthClient.client_id) == client_id)).first()
    if row is None:
        raise NotFound("There is no such app among the ones you registered.")
    return row


def create_client(db: Session, owner_id: uuid.UUID, body: OAuthClientCreate) -> tuple[OAuthClient, str | None]:
    uris = list(dict.fromkeys(body.redirect_uris))
    for index, uri in enumerate(uris):
        if problem := redirect_uri_problem(uri):
            raise InvalidInput(f"redirect_uris.{index}", problem, type="redirect_uri_refused")
    count = db.scalar(select(func.count()).select_from(_own(owner_id).subquery())) or 0
    if count >= MAX_CLIENTS_PER_ACCOUNT:
        raise Conflict(f"An account registers at most {MAX_CLIENTS_PER_ACCOUNT} apps; delete one you no longer use.")
    client_id = USER_CLIENT_PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(20))
    secret = f"srcs_{secrets.token_urlsafe(32)}" if body.confidential else None
    row = OAuthClient(
        owner_id=owner_id,
        client_id=client_id,
        name=body.name,
        redirect_uris="\n".join(uris),
        secret_hash=token_hash(secret) if secret else None,
        created_at=utcnow(),
    )
    db.add(row)
    db.flush()
    return row, secret


def _retire(db: Session, client_id: str, user_id: uuid.UUID | None = None) -> int:
    """Revoke the app's tokens and unused codes (for one user, or for everyone); how many tokens."""
    now = utcnow()
    tokens = update(AccessToken).where(
        col(AccessToken.client_id) == client_id,
        col(AccessToken.kind).in_(OAUTH_KINDS),
        col(AccessToken.revoked_at).is_(None),
    )
    codes = update(OAuthCode).where(col(OAuthCode.client_id) == client_id, col(OAuthCode.used_at).is_(None))
    if user_id is not None:
        tokens = tokens.where(col(AccessToken.user_id) == user_id)
        codes = codes.where(col(OAuthCode.user_id) == user_id)
    revoked = db.execute(tokens.values(revoked_at=now))
    db.execute(codes.values(used_at=now))
    return int(getattr(revoked, "rowcount", 0) or 0)


def delete_client(db: Session, row: OAuthClient) -> None:
    """The app is gone for everyone who connected it: its tokens stop working at once."""
    _retire(db, row.client_id)
    db.execute(delete(OAuthCode).where(col(OAuthCode.client_id) == row.client_id))
    db.delete(row)
    db.flush()


def _live_tokens(user_id: uuid.UUID):
    return (
        col(AccessToken.user_id) == user_id,
        col(AccessToken.kind).in_(OAUTH_KINDS),
        col(AccessToken.revoked_at).is_(None),
        or_(col(AccessToken.expires_at).is_(None), col(AccessToken.expires_at) > utcnow()),
    )


def connected_apps(db: Session, settings: Settings, user_id: uuid.UUID) -> list[dict]:
    """The apps holding a live token of the account, oldest connection first."""
    rows = db.execute(
        select(
            col(AccessToken.client_id),
            func.min(col(AccessToken.created_at)).label("connected_at"),
            func.max(col(AccessToken.last_used_at)).label("last_used_at"),
            func.max(col(AccessToken.scopes)).label("scopes"),  # "read write" sorts after "read"
        )
        .where(*_live_tokens(user_id))
        .group_by(col(AccessToken.client_id))
        .order_by(func.min(col(AccessToken.created_at)))
    ).all()
    apps = []
    for row in rows:
        client = find_client(db, settings, row.client_id or "")
        if client is None:  # its registration was deleted (its tokens with it)
            continue
        connected_at: datetime = row.connected_at
        apps.append(
            {
                "client_id": client.client_id,
                "name": client.name,
                "scopes": [s for s in SCOPES if s in (row.scopes or "read").split()],
                "connected_at": connected_at,
                "last_used_at": row.last_used_at,
            }
        )
    return apps


def disconnect(db: Session, user_id: uuid.UUID, client_id: str) -> None:
    if not _plausible(client_id):
        raise NotFound("There is no such connected app: it may have been disconnected already.")
    live = db.scalar(select(func.count()).where(*_live_tokens(user_id), col(AccessToken.client_id) == client_id))
    if not live:
        raise NotFound("There is no such connected app: it may have been disconnected already.")
    _retire(db, client_id, user_id)
    db.flush()
