import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, uuid_pk


class AccessToken(SQLModel, table=True):
    """A credential: a bearer token, a web session, or a personal API key. Only its hash is stored.

    A personal API key is a long-lived bearer token with a name, scopes and an identifying prefix
    (docs/decisions.md, "Personal API keys"); it resolves exactly as a token does.
    """

    __tablename__ = "access_tokens"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = owner_fk()
    token_hash: str = Field(sa_type=String(64), unique=True, nullable=False)
    kind: str = Field(sa_type=String(16), nullable=False)  # "bearer", "session" or "api_key"
    created_at: datetime = created_at_field()
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # None: a key that never expires
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Personal API keys only.
    name: str | None = Field(default=None, sa_type=String(100))
    key_prefix: str | None = Field(default=None, sa_type=String(32), unique=True)
    scopes: str | None = Field(default=None, sa_type=String(32))  # "read" or "read write"
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
