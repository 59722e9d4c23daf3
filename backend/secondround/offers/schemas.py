import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from secondround.api.fields import Day, Instant, LongText, MediumText, WriteModel, absent
from secondround.api.pagination import Page
from secondround.api.representation import VersionedRead
from secondround.helpers.vocabulary import ApplicationStatus, OfferPeriod, OfferStage, OfferStatus
from secondround.offers.currencies import is_currency


def _known_currency(code: str) -> str:
    if not is_currency(code):
        raise ValueError(f"{code} is not an ISO 4217 currency code (for example EUR, USD or GBP).")
    return code


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


Amount = Annotated[
    Decimal,
    Field(gt=0, max_digits=14, decimal_places=2, description="An amount in `currency`, more than 0, up to 2 decimals."),
    AfterValidator(_cents),
]
OfferCurrency = Annotated[
    str,
    StringConstraints(to_upper=True, pattern=r"^[A-Za-z]{3}$"),
    AfterValidator(_known_currency),
    Field(description="ISO 4217 code, e.g. EUR.", examples=["EUR"]),
]
# Who may set the status directly: accepting and declining are actions of their own (they record the
# application's outcome), so a PATCH may only reopen an offer or say the company withdrew it.
PatchableStatus = Literal["open", "withdrawn"]


class OfferCreate(WriteModel):
    """A new offer for one of your applications. `respond_by` and `start_date` must not be before
    `offered_on` (422, in words)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "application_id": "0b5f3e9e-3f1e-4c52-9a55-0b8d5e1c2a10",
                    "stage": "verbal",
                    "base_amount": 72000,
                    "currency": "EUR",
                    "respond_by": "2026-12-11",
                }
            ]
        }
    )

    application_id: uuid.UUID
    stage: OfferStage = OfferStage.VERBAL
    base_amount: Amount
    currency: OfferCurrency
    period: OfferPeriod = OfferPeriod.YEAR
    bonus: Amount | None = Field(default=None, description="Yearly bonus in `currency`.")
    equity: MediumText | None = Field(
        default=None, description="The equity offered, in words (e.g. 0.1% over 4 years)."
    )
    benefits: LongText | None = None
    offered_on: Day | None = Field(default=None, description="The day the offer was made; today when left out.")
    start_date: Day | None = None
    respond_by: Day | None = Field(default=None, description="The day they want your answer by.")
    asked_in_writing_at: Instant | None = Field(default=None, description="When you asked for the offer in writing.")
    notes: LongText | None = None


class OfferUpdate(WriteModel):
    """Only the fields sent change. Moving `stage` from `verbal` to `written` (or changing a figure)
    keeps the earlier terms in `history`. `status` may be set to `open` or `withdrawn` here; accept
    and decline have their own actions."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"stage": "written", "base_amount": 74000, "respond_by": "2026-12-11"}]}
    )

    stage: OfferStage = absent()
    status: PatchableStatus = absent()
    base_amount: Amount = absent()
    period: OfferPeriod = absent()
    bonus: Amount | None = None
    equity: MediumText | None = None
    benefits: LongText | None = None
    currency: OfferCurrency = absent()
    offered_on: Day = absent()
    start_date: Day | None = None
    respond_by: Day | None = None
    asked_in_writing_at: Instant | None = None
    notes: LongText | None = None


class OfferDecision(WriteModel):
    """Accepting or declining an offer."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"decline_others": True}]})

    decline_others: bool = Field(
        default=False,
        description="Accepting only: also decline your other open offers and withdraw their applications, "
        "which ends their reminders. Left out, the others stay as they are.",
    )


class OfferTerms(BaseModel):
    """One earlier set of terms, as they stood until `replaced_at`."""

    stage: OfferStage
    base_amount: Decimal
    currency: str
    period: OfferPeriod
    bonus: Decimal | None
    equity: str | None
    benefits: str | None
    replaced_at: datetime = Field(description="When these terms were replaced by newer ones.")


class OfferApplication(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    company: str
    position: str
    status: ApplicationStatus


class OfferRead(VersionedRead):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    stage: OfferStage
    status: OfferStatus
    base_amount: Decimal
    currency: str
    period: OfferPeriod
    bonus: Decimal | None
    equity: str | None
    benefits: str | None
    offered_on: date
    start_date: date | None
    respond_by: date | None
    asked_in_writing_at: datetime | None
    responded_at: datetime | None = Field(description="When you accepted or declined it.")
    notes: str | None
    history: list[OfferTerms] = Field(description="Earlier terms, oldest first: nothing said is overwritten.")
    next_step: str = Field(description="What to do next, in plain words.", examples=["Ask for it in writing"])
    created_at: datetime
    updated_at: datetime


class OfferPage(Page[OfferRead]):
    pass


class OfferComparisonRow(BaseModel):
    offer_id: uuid.UUID
    application: OfferApplication
    stage: OfferStage
    currency: str
    base_amount: Decimal
    period: OfferPeriod
    yearly_base: Decimal = Field(description="`base_amount` for a year (12 months, 52 weeks or 2,080 hours).")
    yearly_bonus: Decimal | None
    yearly_total: Decimal = Field(description="Yearly base plus yearly bonus, in `currency`; equity not counted.")
    equity: str | None
    benefits: str | None
    start_date: date | None
    respond_by: date | None
    researched_min: int | None = Field(description="The lowest yearly salary you researched for the application.")
    researched_max: int | None
    researched_currency: str | None
    against_research: str = Field(description="Where the yearly base sits in your researched range, in words.")
    next_step: str


class OfferComparison(BaseModel):
    offers: list[OfferComparisonRow] = Field(
        description="Your open offers, the highest yearly total first per currency."
    )
    currencies: list[str]
    note: str | None = Field(description="Said when the offers are in different currencies: nothing is converted.")
