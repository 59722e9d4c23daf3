"""Column types and request field types shared by every resource."""

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in and out, stored as UTC on every engine.

    SQLite has no time zone type and would silently drop the offset, so values are
    normalised to UTC before they are written and marked UTC when read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the database layer")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _to_utc(value: datetime) -> datetime:
    # One representation per instant (so a resource reads back as it was written, under one ETag);
    # an instant whose UTC time falls outside years 1-9999 cannot be stored, so it is a 422, not a 500.
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range") from None


def _looks_numeric(value: object) -> bool:
    if isinstance(value, int | float):
        return True
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def _iso_text_only(example: str):
    def check(value: object) -> object:
        # Pydantic would read a bare number as a Unix timestamp; the contract is ISO 8601 text.
        if _looks_numeric(value):
            raise ValueError(f"must be ISO 8601 text, e.g. {example}")
        return value

    return BeforeValidator(check)


# A point in time from a client: ISO 8601 text with an offset (naive times are refused), stored as UTC.
Instant = Annotated[AwareDatetime, _iso_text_only("2026-12-01T10:00:00+01:00"), AfterValidator(_to_utc)]
# A calendar date from a client, as ISO 8601 text.
Day = Annotated[date, _iso_text_only("2026-12-04"), Field(ge=date(1900, 1, 1), le=date(2999, 12, 31))]


def no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text; refusing it everywhere keeps the engines alike.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _text(max_length: int, min_length: int = 1):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(no_nul),
    ]


# Required short text: names, titles, companies. Blank is refused.
ShortText = _text(200)
# Optional free text: notes, research, answers. Up to 100k characters.
LongText = _text(100_000, min_length=0)
MediumText = _text(2_000, min_length=0)
UrlText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2048, pattern=r"^https?://\S+$"),
    AfterValidator(no_nul),
]
SearchText = _text(200)


class WriteModel(BaseModel):
    """Base of every request body: unknown fields, and fields the server owns, are refused (422)."""

    model_config = ConfigDict(extra="forbid")
