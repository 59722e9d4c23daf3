import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from secondround.api.fields import Instant, LabelText, WriteModel
from secondround.api.pagination import Page

Scope = Literal["read", "write"]


class ApiKeyCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Job board sync", "scopes": ["read", "write"], "expires_at": None}]}
    )

    name: LabelText = Field(description="What the key is for, so you recognise it in the list.")
    scopes: list[Scope] = Field(
        default=["read"],
        min_length=1,
        description="`read` lets the key read everything in the account; `write` also lets it make changes "
        "(a key with `write` can always read).",
    )
    expires_at: Instant | None = Field(
        default=None, description="When the key stops working; leave out (or null) for a key that does not expire."
    )


class ApiKeyRead(BaseModel):
    id: uuid.UUID
    name: str
    prefix: str = Field(description="The key's identifying part (its first characters), safe to show and log.")
    scopes: list[Scope]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None = Field(description="Roughly when the key was last used (to the minute).")


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(
        description="The whole key, shown this once: store it now. Send it as `Authorization: Bearer <key>`."
    )


class ApiKeyPage(Page[ApiKeyRead]):
    pass
