import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import UTCDateTime
from secondround.models.base import created_at_field, owner_fk, uuid_pk


class OAuthClient(SQLModel, table=True):
    """A third-party app registered by a user (docs/decisions.md, "OAuth for third-party apps").

    Public clients (no secret) must use PKCE; a confidential client's secret is stored only as a
    SHA-256 hash. Apps the operator configures (SECONDROUND_OAUTH_CLIENTS) are not rows here.
    """

    __tablename__ = "oauth_clients"
    __table_args__ = (Index("ix_oauth_clients_owner_keyset", "owner_id", "created_at", "id"),)

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    client_id: str = Field(sa_type=String(64), unique=True, nullable=False)
    name: str = Field(sa_type=String(100), nullable=False)
    redirect_uris: str = Field(sa_type=Text, nullable=False)  # one per line
    secret_hash: str | None = Field(default=None, sa_type=String(64))  # None: a public client
    created_at: datetime = created_at_field()


class OAuthCode(SQLModel, table=True):
    """An authorization code, by its hash: bound to its client, user, redirect URI, scopes and PKCE
    challenge; redeemed once (`used_at`), and a second redemption revokes what the first issued."""

    __tablename__ = "oauth_codes"
    __table_args__ = (Index("ix_oauth_codes_user_id", "user_id"),)

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = owner_fk()
    code_hash: str = Field(sa_type=String(64), unique=True, nullable=False)
    client_id: str = Field(sa_type=String(64), nullable=False)
    redirect_uri: str | None = Field(default=None, sa_type=Text)  # None: the request named none
    scopes: str = Field(sa_type=String(32), nullable=False)
    code_challenge: str | None = Field(default=None, sa_type=String(128))
    code_challenge_method: str | None = Field(default=None, sa_type=String(8))
    grant_id: uuid.UUID = Field(nullable=False)  # the token family this code starts
    created_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    # Authlib's AuthorizationCodeMixin (oauth/server.py reads the PKCE fields by name).
    def get_redirect_uri(self) -> str | None:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scopes
