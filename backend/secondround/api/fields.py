"""Request field types shared by every resource: text, instants, dates, emails, zones."""

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
)

from secondround.helpers import local_time


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


def _iso_text_only(example: str) -> BeforeValidator:
    def check(value: object) -> object:
        # Pydantic would read a bare number as a Unix timestamp; the contract is ISO 8601 text.
        if _looks_numeric(value):
            raise ValueError(f"must be ISO 8601 text, e.g. {example}")
        return value

    return BeforeValidator(check)


# Dates and times a client stores lie in years 1970 to 2200: wide enough for any interview (issue
# 15: what a feed, a sheet or a plan costs must not grow with a date centuries away), and far from
# the edges where an offset pushes a time out of the representable range. JSON Schema has no
# bounds for date strings, so the contract states them as a pattern on the year as written.
_STORED_YEAR = r"(19[7-9][0-9]|20[0-9][0-9]|21[0-9][0-9]|2200)"
STORED_YEARS = (1970, 2200, rf"^{_STORED_YEAR}-")
# A filter (`updated_after`) may reach further, short of the overflow at the year 9999.
FILTER_YEARS = (1900, 9899, r"^(19|[2-8][0-9]|9[0-8])[0-9][0-9]-")


def _years(first: int, last: int, pattern: str, what: str) -> list[Any]:
    def within(value: date) -> date:
        if not first <= value.year <= last:
            raise ValueError(f"must be between the years {first} and {last}")
        return value

    return [
        Field(json_schema_extra={"pattern": pattern}, description=f"{what}, years {first} to {last}."),
        AfterValidator(within),
    ]


_INSTANT_EXAMPLE = "2026-12-01T10:00:00+01:00"
# A point in time from a client: ISO 8601 text with an offset (naive times are refused), stored as UTC.
Instant = Annotated[
    AwareDatetime,
    _iso_text_only(_INSTANT_EXAMPLE),
    *_years(*STORED_YEARS, "ISO 8601 with an offset"),
    AfterValidator(_to_utc),
]
# The same, with the offset it was sent with kept (an importer reads where the time was written).
OffsetInstant = Annotated[
    AwareDatetime,
    _iso_text_only(_INSTANT_EXAMPLE),
    *_years(*STORED_YEARS, "ISO 8601 with an offset"),
]
# The same, as a filter on a list.
FilterInstant = Annotated[
    AwareDatetime,
    _iso_text_only(_INSTANT_EXAMPLE),
    *_years(*FILTER_YEARS, "ISO 8601 with an offset"),
    AfterValidator(_to_utc),
]
# A start time from a client: an instant (ISO 8601 with an offset, as Instant), or a wall-clock time
# without one ("2026-12-01T10:00"), which the round's service reads in the round's time zone
# (local_time.from_local refuses DST gaps and asks about overlaps). The contract says both: a
# `date-time`, or the strict wall-clock pattern below (spaces, week dates and the like are refused).
WALL_CLOCK_PATTERN = rf"^{_STORED_YEAR}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}(\.[0-9]{{1,6}})?)?$"
# Read with any year, so a year outside the window gets the message that names the window.
_WALL_CLOCK = re.compile(WALL_CLOCK_PATTERN.replace(_STORED_YEAR, "[0-9]{4}"))
_AWARE = TypeAdapter(AwareDatetime)
_INSTANT_OR_WALL_CLOCK = (
    f"must be ISO 8601 with an offset ({_INSTANT_EXAMPLE}), or a wall-clock time without one "
    "(2026-12-01T10:00), read in the round's time zone"
)


def _instant_or_wall_clock(value: object) -> datetime:
    if not isinstance(value, str) or _looks_numeric(value):
        raise ValueError(_INSTANT_OR_WALL_CLOCK)
    if _WALL_CLOCK.match(value):
        return datetime.fromisoformat(value)  # naive: the service gives it the round's zone
    try:
        return _AWARE.validate_python(value)
    except ValidationError:
        raise ValueError(_INSTANT_OR_WALL_CLOCK) from None


def _instant_in_range(value: datetime) -> datetime:
    return _to_utc(value) if value.tzinfo is not None else value


_LOCAL_OR_INSTANT = Annotated[
    datetime,
    BeforeValidator(_instant_or_wall_clock),
    *_years(*STORED_YEARS, "ISO 8601"),
    AfterValidator(_instant_in_range),
]

# One flat anyOf, null included: generated clients type a nested anyOf as an opaque value and then
# cannot serialise the datetime they are given (openapi-python-client sent a raw datetime to json).
OptionalLocalOrInstant = Annotated[
    _LOCAL_OR_INSTANT | None,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date-time", "pattern": STORED_YEARS[2]},
                {"type": "string", "pattern": WALL_CLOCK_PATTERN},
                {"type": "null"},
            ],
            "examples": [_INSTANT_EXAMPLE, "2026-12-01T10:00"],
        }
    ),
]


# A calendar date from a client, as ISO 8601 text.
Day = Annotated[date, _iso_text_only("2026-12-04"), *_years(*STORED_YEARS, "ISO 8601 date")]


def no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text; refusing it everywhere keeps the engines alike.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# C0 control characters and DEL, tab, line feed and carriage return aside: no person types them,
# terminals act on them, and RFC 5545 forbids them in a calendar's text (a strict calendar app
# drops the whole feed). Passwords keep only the NUL rule: they are never shown, and an account
# whose password holds one must still be able to sign in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found is None:
        return value
    if found[0] == "\x00":
        raise ValueError("must not contain NUL characters")
    raise ValueError(
        f"must not contain control characters (found U+{ord(found[0]):04X}); only tab and line breaks are allowed"
    )


# Characters that show nothing, beyond whitespace: format characters (zero-width space and joiners,
# bidi marks, tag characters: Unicode category Cf), marks with no letter to sit on (Mn, Me), and the
# letters and symbols that are blank by design (Hangul fillers, the blank Braille pattern).
_BLANK_BY_DESIGN = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"})


def is_invisible(text: str) -> bool:
    """True when `text` would show as nothing at all (empty, or only the characters above)."""
    return all(c in _BLANK_BY_DESIGN or unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in text)


def not_invisible(value: str) -> str:
    if is_invisible(value):
        raise ValueError("must not be blank (it holds only invisible characters)")
    return value


# Unicode White_Space, spelled out: Python's str.strip, ECMA-262's \s and Rust's \s each differ a
# little (e.g. U+001D), so the server trims exactly these and the pattern below names the same set.
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _strip(value: object) -> object:
    # The limits then apply to the trimmed text.
    return value.strip(WHITESPACE) if isinstance(value, str) else value


# Required text must hold something other than whitespace; the pattern (unanchored) says so. No
# text may hold NUL: the API description says it once, because a pattern for it on every long text
# made generating test data ten times slower for every client fuzzer and schema-driven tool.
NOT_BLANK_PATTERN = f"[^{WHITESPACE}]"


_TRIMMED = BeforeValidator(_strip)  # after the constraints in an Annotated list, so it runs before them
_NOT_BLANK = Field(json_schema_extra={"pattern": NOT_BLANK_PATTERN})
_NO_NUL = AfterValidator(no_control)  # NUL and every other control character but tab and line breaks
_VISIBLE = AfterValidator(not_invisible)

# Required short text: names, titles, companies. Blank (or invisible) is refused; surrounding
# whitespace is trimmed.
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200), _TRIMMED, _NOT_BLANK, _NO_NUL, _VISIBLE]
# A credential's or an app's name (API keys, OAuth apps): their columns hold 100 characters.
LabelText = Annotated[str, StringConstraints(min_length=1, max_length=100), _TRIMMED, _NOT_BLANK, _NO_NUL, _VISIBLE]
# Required text of a question.
QuestionText = Annotated[
    str, StringConstraints(min_length=1, max_length=2_000), _TRIMMED, _NOT_BLANK, _NO_NUL, _VISIBLE
]
# Optional free text: notes, research, answers. Up to 100k characters.
LongText = Annotated[str, StringConstraints(max_length=100_000), _TRIMMED, _NO_NUL]
MediumText = Annotated[str, StringConstraints(max_length=2_000), _TRIMMED, _NO_NUL]
# Required free text: an answer written for one application (to clear it, delete it).
RequiredLongText = Annotated[
    str, StringConstraints(min_length=1, max_length=100_000), _TRIMMED, _NOT_BLANK, _NO_NUL, _VISIBLE
]
# http(s) URLs in printable ASCII (RFC 3986: other characters are percent-encoded).
UrlText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2048, pattern=r"^https?://[!-~]+$"),
    BeforeValidator(_strip),
]
# A phone number: digits with the usual separators, an optional leading + and an optional extension
# ("x 12", "ext. 12"); at least one digit. Trimmed like other text.
PhoneText = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=50, pattern=r"^\+?[0-9 ()./-]*[0-9][0-9 ()./-]*( ?(ext\.?|x) ?[0-9]{1,6})?$"
    ),
    BeforeValidator(_strip),
    Field(description="Digits, spaces and ( ) . / -, an optional leading +, an extension as 'x 12'; up to 50."),
]
SearchText = ShortText


def _json_integer(value: object) -> object:
    # Lax mode would read true as 1 and "5" as 5; in a JSON body an integer is a JSON number.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON number, not " + ("a boolean" if isinstance(value, bool) else "text"))
    return value


def _json_boolean(value: object) -> object:
    # Lax mode would read 0 as false and "yes" as true; in a JSON body a boolean is true or false.
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


# Integers, numbers and booleans in request bodies: only their own JSON type, while the rest of the
# body keeps Pydantic's lax mode (ISO dates and enum strings arrive as text). Put JSON_NUMBER after
# any bounds: `Annotated[int, Field(ge=0), JSON_NUMBER]`.
JSON_NUMBER = BeforeValidator(_json_integer)
BodyBool = Annotated[bool, BeforeValidator(_json_boolean)]


# An email address as email-validator accepts it, stored lower-cased. It refuses the special-use
# domains of RFC 6761 and its successors (nobody can receive mail there); the pattern says so.
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
Email = Annotated[
    EmailStr,
    StringConstraints(max_length=320),
    Field(
        json_schema_extra={
            "pattern": r"^[^@\s]+@(?![^@]*\.(?:" + "|".join(SPECIAL_USE_DOMAINS) + r")$)[^@\s]+\.[^@\s]+$"
        },
        description="An email address. Special-use domains (" + ", ".join(f".{d}" for d in SPECIAL_USE_DOMAINS) + ") "
        "cannot receive mail and are refused.",
    ),
    AfterValidator(str.lower),
]


def absent() -> Any:
    """Default of a PATCH field that may be left out but not set to null: its type refuses null, and
    a left-out field is never read (updates apply `model_dump(exclude_unset=True)`)."""
    return Field(default=None)


class WriteModel(BaseModel):
    """Base of every request body: unknown fields, and fields the server owns, are refused (422)."""

    model_config = ConfigDict(extra="forbid")


def _zone_name(value: str) -> str:
    return local_time.check_zone(value)


# An IANA time zone name as the pinned tzdata knows it ("Europe/Oslo"; links such as "US/Eastern"
# are kept as written). Offsets and "local" are refused: they have no daylight-saving rules.
TimeZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=local_time.ZONE_MAX_LENGTH),
    BeforeValidator(_strip),
    AfterValidator(_zone_name),
    Field(
        description="An IANA time zone name such as Europe/Oslo or America/New_York (tzdata "
        f"{local_time.TZDATA_VERSION}; links such as US/Eastern are accepted and kept as written). "
        "UTC offsets (+01:00) and abbreviations are not zones and are refused.",
        examples=["Europe/Oslo"],
    ),
]


# External ids (issue 17): what another system calls an object, so it can find and update it again.
# The source is a short lower-case slug naming that system (`greenhouse`); the id is kept exactly as
# sent (no trimming: it must match what the other system sends next time), 1 to 255 characters of
# any script, slashes included, but no control characters and not blank.
SourceSlug = Annotated[
    str,
    StringConstraints(min_length=1, max_length=50, pattern=r"^[a-z0-9][a-z0-9._-]*$"),
    Field(description="The system an external id comes from, as a short lower-case slug, e.g. `greenhouse`."),
]
ExternalId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=255),
    _NOT_BLANK,
    _NO_NUL,
    _VISIBLE,
    Field(description="The object's id in the system named by `source` (kept exactly as sent), e.g. `4012345`."),
]
