import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, and_, text
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText
from secondround.helpers.vocabulary import ApplicationStatus
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Application(SQLModel, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_owner_keyset", "owner_id", "created_at", "id"),
        Index("ix_applications_owner_status_keyset", "owner_id", "status", "created_at", "id"),
        Index("ix_applications_owner_updated", "owner_id", "updated_at"),
        # A job board's own id for the application: one per owner and source (PUT .../by-external-id).
        Index(
            "uq_applications_owner_source_external_id",
            "owner_id",
            "source",
            "external_id",
            unique=True,
            postgresql_where=and_(text("source IS NOT NULL"), text("external_id IS NOT NULL")),
            sqlite_where=and_(text("source IS NOT NULL"), text("external_id IS NOT NULL")),
        ),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    company: str = Field(sa_type=String(200), nullable=False)
    position: str = Field(sa_type=String(200), nullable=False)
    job_url: str | None = Field(default=None, sa_type=String(2048))
    location: str | None = Field(default=None, sa_type=String(200))
    source: str | None = Field(default=None, sa_type=String(200))
    external_id: str | None = Field(default=None, sa_type=String(255))
    status: ApplicationStatus = Field(sa_type=EnumText(ApplicationStatus, 20), nullable=False)
    salary_min: int | None = Field(default=None, sa_type=BigInteger)
    salary_max: int | None = Field(default=None, sa_type=BigInteger)
    salary_currency: str | None = Field(default=None, sa_type=String(3))
    company_research: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    description: str | None = Field(default=None, sa_type=Text)
    applied_on: date | None = Field(default=None, sa_type=Date)
    # From an imported job posting (schema.org datePosted and validThrough), or typed in.
    posted_on: date | None = Field(default=None, sa_type=Date)
    closes_on: date | None = Field(default=None, sa_type=Date)
    # The `sequence` the next round gets: numbers only grow, so a deleted round's is never given again.
    next_round_sequence: int = Field(
        default=1, sa_type=Integer, nullable=False, sa_column_kwargs={"server_default": "1"}
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
