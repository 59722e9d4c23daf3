"""A schema.org JobPosting, found in JSON-LD or in a saved page, mapped to an application's fields.

Pure: no database, no HTTP. The page's JSON-LD is read by extruct (its JSON-LD syntax only, one
script at a time so one broken script does not hide the others); the JSON-LD is then walked
without recursion (arrays, `@graph`, nesting) for the first node typed JobPosting, and `@id`
references are followed to the nodes they name. Every value is checked for its type: a wrong one is
left out with a sentence in `warnings`, never guessed at. See docs/decisions.md, "Job posting import".
"""

import html
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlsplit

import lxml.etree
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

from secondround.postings.html_markdown import description_markdown

# A saved page is read up to this size (UTF-8 bytes of the `html` text); the request as a whole is
# allowed a little more (config: max_import_body_bytes).
MAX_HTML_BYTES = 2 * 1024 * 1024
# The JSON-LD walk stops descending below this depth and after this many values.
MAX_DEPTH = 64
MAX_NODES = 200_000
SHORT = 200  # the columns of company, position, location and source
LONG = 100_000  # description and notes
URL_MAX = 2048

# A year's worth of each unit (schema.org unitText), for a yearly range: 40 hours a week and
# 5 days a week, 52 weeks, 12 months.
YEARLY_FACTORS = {"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1}
UNIT_WORDS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
MAX_YEARLY = 1_000_000_000_000  # the salary fields' cap
YEARS = (1970, 2200)  # the years a stored date may have
HTTP_SCHEMES = ("http", "https")
_PRINTABLE_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))


class NoJobPosting(ValueError):  # noqa: N818 - a domain outcome, not an error of the code
    """The input holds no schema.org JobPosting (or none with a title and a company)."""


class PostingTooLarge(ValueError):  # noqa: N818
    """The saved page is larger than MAX_HTML_BYTES."""


@dataclass
class MappedPosting:
    """What an application made from the posting would hold, and what was left out or converted."""

    company: str
    position: str
    job_url: str | None = None
    location: str | None = None
    source: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    posted_on: date | None = None
    closes_on: date | None = None
    description: str | None = None
    notes: str | None = None
    warnings: list[str] = field(default_factory=list)

    def application_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "warnings"}


# ---------------------------------------------------------------------------------------- finding


def json_ld_in_html(page: str) -> list[Any]:
    """Every JSON-LD value the page's `<script type="application/ld+json">` elements hold, read by
    extruct; a script whose JSON is broken beyond extruct's repairs is skipped."""
    if len(page.encode("utf-8", "surrogatepass")) > MAX_HTML_BYTES:
        raise PostingTooLarge(
            f"The page is larger than {MAX_HTML_BYTES // (1024 * 1024)} MB; "
            "save only the job posting's page, or paste its JSON-LD."
        )
    if not page.strip():
        return []
    try:
        # Bytes, so a page that declares its encoding in an XML prolog is read too.
        tree = parse_html(page.encode("utf-8", "replace"), encoding="UTF-8")
    except (lxml.etree.ParserError, ValueError):
        return []
    if tree is None:
        return []
    extractor = JsonLdExtractor()
    found: list[Any] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found.extend(extractor.extract_items(script))
        except (ValueError, RecursionError, TypeError):
            continue  # broken JSON in this script; the others may still hold the posting
    return found


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", node.get("type"))
    kinds = kind if isinstance(kind, list) else [kind]
    # "JobPosting", "schema:JobPosting" and "https://schema.org/JobPosting" alike.
    return [k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds if isinstance(k, str)]


def job_postings(data: Any) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The JobPosting nodes in `data`, in document order, and every node with an `@id` by its id.
    Walked with a stack, not recursion: deep nesting costs no stack and is cut at MAX_DEPTH."""
    postings: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack and seen < MAX_NODES:
        value, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, dict):
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1:
                by_id.setdefault(node_id, value)
            if "JobPosting" in _types(value):
                postings.append(value)
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        stack.extend((child, depth + 1) for child in reversed(children))
    return postings, by_id


# ---------------------------------------------------------------------------------------- values


def _clean(text: str) -> str:
    """One line of text: control and invisible format characters dropped, whitespace squeezed."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    kept = "".join(c for c in kept if unicodedata.category(c) != "Cf")
    return " ".join(kept.split())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Reader:
    def __init__(self, by_id: dict[str, dict[str, Any]], warnings: list[str]) -> None:
        self.by_id = by_id
        self.warnings = warnings

    def node(self, value: Any) -> Any:
        """`value`, or the node it references by `@id` ({"@id": "#org"}); a list gives its first."""
        if isinstance(value, list):
            value = next((v for v in value if v not in (None, "", [], {})), None)
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return self.by_id.get(value["@id"], value)
        return value

    def text(self, value: Any) -> str | None:
        """Text from a string, a number, a node's `name`, or the first of a list; else None."""
        value = self.node(value)
        if isinstance(value, dict):
            value = self.node(value.get("name"))
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, str):
            return None
        text = _clean(html.unescape(value)) if "&" in value else _clean(value)
        return text or None


def _number(value: Any) -> Decimal | None:
    """A JSON number, or text that is one ("65000", "65000.00"); anything else (true, "50k") is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "") if value.count(",") and "." not in value else value.strip()
        if not text or len(text) > 30 or not all(c in "0123456789.+-" for c in text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _day(value: Any, what: str, warnings: list[str]) -> date | None:
    if value in (None, "", []):
        return None
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, str):
        text = value.strip()
        try:
            day = datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and YEARS[0] <= day.year <= YEARS[1]:
            return day
    warnings.append(f"The {what} ({_shown(value)}) is not a date in a year from 1970 to 2200, so it was left out.")
    return None


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return "“" + _clip(_clean(str(text)), 60) + "”"


def _url(value: Any, reader: _Reader) -> str | None:
    value = reader.node(value)
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if value in (None, ""):
        return None
    text = _clean(value) if isinstance(value, str) else None
    if text:
        # Spaces and non-ASCII characters (an IRI) percent-encoded, as a browser sends them.
        text = quote(text, safe=_PRINTABLE_ASCII)
        parts = urlsplit(text)
        if parts.scheme.lower() in HTTP_SCHEMES and parts.netloc and len(text) <= URL_MAX:
            return text
    reader.warnings.append(f"The posting's link ({_shown(value)}) is not a web address, so it was left out.")
    return None


def _location(posting: dict[str, Any], reader: _Reader) -> str | None:
    places: list[str] = []
    raw = posting.get("jobLocation")
    for place in raw if isinstance(raw, list) else [raw]:
        place = reader.node(place)
        if isinstance(place, str):
            text = reader.text(place)
        elif isinstance(place, dict):
            address = reader.node(place.get("address"))
            if isinstance(address, dict):
                bits = [reader.text(address.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")]
                text = ", ".join(dict.fromkeys(b for b in bits if b)) or None
            else:
                text = reader.text(address) or reader.text(place.get("name"))
        else:
            text = None
        if text and text not in places:
            places.append(text)
    kinds = posting.get("jobLocationType")
    remote = any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].upper() == "TELECOMMUTE"
        for k in (kinds if isinstance(kinds, list) else [kinds])
    )
    if remote:
        required = posting.get("applicantLocationRequirements")
        texts = [reader.text(r) for r in (required if isinstance(required, list) else [required])]
        regions = [r for r in texts if r]
        places.insert(0, f"Remote ({', '.join(regions)})" if regions else "Remote")
    return _clip("; ".join(places), SHORT) if places else None


def _salary(posting: dict[str, Any], mapped: MappedPosting, reader: _Reader) -> None:
    raw = posting.get("baseSalary")
    if raw in (None, "", [], {}):
        return
    amount = reader.node(raw)
    if not isinstance(amount, dict):
        reader.warnings.append(f"The salary ({_shown(amount)}) is not a schema.org MonetaryAmount, so it was left out.")
        return
    currency = amount.get("currency")
    value = reader.node(amount.get("value"))
    unit_source: dict[str, Any] = value if isinstance(value, dict) else amount
    if isinstance(value, dict):
        low, high, single = value.get("minValue"), value.get("maxValue"), value.get("value")
    else:
        low, high, single = amount.get("minValue"), amount.get("maxValue"), value
    numbers = [_number(v) for v in (low, high, single)]
    given = [v for v in (low, high, single) if v not in (None, "")]
    bad = [v for v, n in zip((low, high, single), numbers, strict=True) if v not in (None, "") and n is None]
    if bad:
        reader.warnings.append(f"The salary ({_shown(bad[0])}) is not a number, so it was left out.")
        return
    if not given:
        return
    lowest = numbers[0] if numbers[0] is not None else numbers[2] if numbers[2] is not None else numbers[1]
    highest = numbers[1] if numbers[1] is not None else numbers[2] if numbers[2] is not None else numbers[0]
    assert lowest is not None and highest is not None
    if lowest > highest:
        lowest, highest = highest, lowest
    code = currency.strip().upper() if isinstance(currency, str) else None
    if code is not None and not (len(code) == 3 and code.isascii() and code.isalpha()):
        reader.warnings.append(f"The currency ({_shown(currency)}) is not an ISO 4217 code, so it was left out.")
        code = None
    unit_text = unit_source.get("unitText", amount.get("unitText"))
    unit = unit_text.strip().upper() if isinstance(unit_text, str) and unit_text.strip() else "YEAR"
    factor = YEARLY_FACTORS.get(unit)
    shown_range = f"{_plain(lowest)}" if lowest == highest else f"{_plain(lowest)}–{_plain(highest)}"
    per = UNIT_WORDS.get(unit, _clip(_clean(str(unit_text)).lower(), 40))
    if factor is None or lowest < 0 or highest * factor > MAX_YEARLY:
        # Not a yearly figure we can stand behind: kept as written, in the notes.
        mapped.notes = f"Salary in the posting: {shown_range} {code or ''} per {per}.".replace("  ", " ")
        reader.warnings.append(
            f"The salary is given per {per}, which has no sane yearly equivalent; it is kept in the notes."
        )
        return
    mapped.salary_min = int((lowest * factor).to_integral_value())
    mapped.salary_max = int((highest * factor).to_integral_value())
    mapped.salary_currency = code
    if factor != 1:
        reader.warnings.append(
            f"The salary was given per {per} ({shown_range}); it is shown per year, "
            f"counting {factor:,} {per}s in a year."
        )


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"


def map_posting(posting: dict[str, Any], by_id: dict[str, dict[str, Any]] | None = None) -> MappedPosting:
    """The application fields of one JobPosting node; NoJobPosting when it has no title or company."""
    warnings: list[str] = []
    reader = _Reader(by_id or {}, warnings)
    position = reader.text(posting.get("title")) or reader.text(posting.get("name"))
    company = reader.text(posting.get("hiringOrganization"))
    if not position:
        raise NoJobPosting("The job posting has no title, so there is no position to save.")
    if not company:
        raise NoJobPosting("The job posting names no hiring organisation, so there is no company to save.")
    mapped = MappedPosting(company=_clip(company, SHORT), position=_clip(position, SHORT), warnings=warnings)
    mapped.job_url = _url(posting.get("url"), reader)
    if mapped.job_url:
        host = urlsplit(mapped.job_url).hostname
        mapped.source = _clip(host, SHORT) if host else None
    mapped.location = _location(posting, reader)
    _salary(posting, mapped, reader)
    mapped.posted_on = _day(posting.get("datePosted"), "date posted", warnings)
    mapped.closes_on = _day(posting.get("validThrough"), "closing date", warnings)
    description = reader.node(posting.get("description"))
    if isinstance(description, str) and description.strip():
        markdown, cut = description_markdown(description, LONG)
        if cut:
            warnings.append("The description was longer than 100,000 characters; the end was cut.")
        mapped.description = markdown or None
    elif description not in (None, ""):
        warnings.append("The description is not text, so it was left out.")
    return mapped


def read_posting(body: Any) -> MappedPosting:
    """The first JobPosting in a request body: `{"html": "..."}` for a saved page, any other JSON
    object for JSON-LD. NoJobPosting or PostingTooLarge, with a sentence to show, when there is none."""
    if isinstance(body, dict) and set(body) == {"html"}:
        if not isinstance(body["html"], str):
            raise NoJobPosting("The html field must be the page's HTML as text.")
        data: Any = json_ld_in_html(body["html"])
        where = "The page holds no schema.org JobPosting in its JSON-LD"
    else:
        data = body
        where = "The JSON-LD holds no schema.org JobPosting"
    postings, by_id = job_postings(data)
    if not postings:
        raise NoJobPosting(f"{where}, so there is nothing to import.")
    return map_posting(postings[0], by_id)
