"""Which contact an interviewer is: pure rules, no database, no HTTP.

The same email address within an account is the same person. Without an email match, the same name
at the same company is the same person, unless both sides have an email address (then two
addresses say two people). Case and surrounding or repeated spaces do not count.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit


def name_key(text: str | None) -> str:
    """`text` compared as people read it: case and runs of spaces aside."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class Sighting:
    """What an interviewer record says about the person."""

    name: str
    email: str | None
    company: str | None


C = TypeVar("C")


def same_person(sighting: Sighting, name: str, email: str | None, company: str | None) -> bool:
    if sighting.email and email:
        return sighting.email.lower() == email.lower()
    return name_key(sighting.name) == name_key(name) and name_key(sighting.company) == name_key(company)


def best_match(sighting: Sighting, contacts: Iterable[C]) -> C | None:
    """The contact `sighting` is, if any (each has name, email, company): an email match first,
    else a name-and-company match; the first of `contacts` (give them oldest first) among equals."""
    listed = list(contacts)
    if sighting.email:
        for contact in listed:
            email = getattr(contact, "email", None)
            if email and email.lower() == sighting.email.lower():
                return contact
    for contact in listed:
        if same_person(
            sighting, getattr(contact, "name", ""), getattr(contact, "email", None), getattr(contact, "company", None)
        ):
            return contact
    return None


def opens_as_url(value: str | None) -> bool:
    """True when `value` splits as a URL (a stray `[` makes an address no browser opens)."""
    if not value:
        return False
    try:
        urlsplit(value)
    except ValueError:
        return False
    return True
