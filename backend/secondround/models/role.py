import uuid
from datetime import datetime

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Role(SQLModel, table=True):
    """An interviewer role: what such a person wants to learn, and their weight per category."""

    __tablename__ = "roles"
    __table_args__ = (
        UniqueConstraint("owner_id", "name", name="uq_roles_owner_name"),
        Index("ix_roles_owner_keyset", "owner_id", "created_at", "id"),
        Index("ix_roles_owner_updated", "owner_id", "updated_at"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    name: str = Field(sa_type=String(200), nullable=False)
    goals: str | None = Field(default=None, sa_type=Text)
    focus: dict[str, float] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    # A deciding role (supervisor, owner) gets the closing block when such a person is on the panel.
    deciding: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
