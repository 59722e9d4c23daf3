import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, uuid_pk


class AccessToken(SQLModel, table=True):
    """A credential: a bearer token, a web session, or a personal API key. Only its hash is stored.

    An OAuth app's access token is a bearer credential with scopes like a key (oauth/); its refresh
    token is stored here too but is never accepted as a bearer credential.

    A personal API key is a long-lived bearer token with a name, scopes and an identifying prefix
    (docs/decisions.md, "Personal API keys"); it resolves exactly as a token does.
    """

    __tablename__ = "access_tokens"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = owner_fk()
    token_hash: str = Field(sa_type=String(64), unique=True, nullable=False)
    # "bearer", "session", "api_key", or an OAuth app's "oauth" (access) and "oauth_refresh" token
    kind: str = Field(sa_type=String(16), nullable=False)
    created_at: datetime = created_at_field()
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # None: a key that never expires
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Personal API keys only.
    name: str | None = Field(default=None, sa_type=String(100))
    key_prefix: str | None = Field(default=None, sa_type=String(32), unique=True)
    scopes: str | None = Field(default=None, sa_type=String(32))  # "read" or "read write"
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # OAuth tokens only: the app they were issued to, and the grant (one authorization and every
    # token refreshed from it) they belong to, revoked together when a used token comes back.
    client_id: str | None = Field(default=None, sa_type=String(64), index=True)
    grant_id: uuid.UUID | None = Field(default=None, index=True)
