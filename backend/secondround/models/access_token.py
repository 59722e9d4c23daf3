import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, uuid_pk


class AccessToken(SQLModel, table=True):
    """A bearer token or a web session. Only the token's hash is stored."""

    __tablename__ = "access_tokens"

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = owner_fk()
    token_hash: str = Field(sa_type=String(64), unique=True, nullable=False)
    kind: str = Field(sa_type=String(16), nullable=False)  # "bearer" or "session"
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
