import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, Index, Numeric, String, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText, UTCDateTime
from secondround.helpers.vocabulary import OfferPeriod, OfferStage, OfferStatus
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Offer(SQLModel, table=True):
    """A job offer for an application: verbal first, then written. `history` keeps every earlier set
    of terms (the verbal figures when the written offer came), so nothing said is overwritten."""

    __tablename__ = "offers"
    __table_args__ = (
        Index("ix_offers_owner_keyset", "owner_id", "created_at", "id"),
        Index("ix_offers_owner_updated", "owner_id", "updated_at"),
        Index("ix_offers_owner_status_respond_by", "owner_id", "status", "respond_by", "id"),
        Index("ix_offers_application", "application_id"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    application_id: uuid.UUID = Field(foreign_key="applications.id", ondelete="CASCADE", nullable=False)
    stage: OfferStage = Field(sa_type=EnumText(OfferStage, 10), nullable=False)
    status: OfferStatus = Field(sa_type=EnumText(OfferStatus, 10), nullable=False)
    base_amount: Decimal = Field(sa_type=Numeric(14, 2), nullable=False)
    currency: str = Field(sa_type=String(3), nullable=False)
    period: OfferPeriod = Field(sa_type=EnumText(OfferPeriod, 10), nullable=False)
    bonus: Decimal | None = Field(default=None, sa_type=Numeric(14, 2))
    equity: str | None = Field(default=None, sa_type=Text)
    benefits: str | None = Field(default=None, sa_type=Text)
    offered_on: date = Field(sa_type=Date, nullable=False)
    start_date: date | None = Field(default=None, sa_type=Date)
    respond_by: date | None = Field(default=None, sa_type=Date)
    asked_in_writing_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    history: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON, nullable=False)
    notes: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
