"""Guessing an interviewer's role from words in their job title (or an invitation's name for them).

Pure: no database, no HTTP. The table maps title words to the four starter roles
(accounts/starter_kit.py: Supervisor, Owner / executive, Co-worker, HR); the service then looks for
one of the account's roles by the names listed for that key, so a renamed or deleted role is simply
not guessed. The first phrase of the table found in the text wins: executives first (a "VP of
Engineering" is an executive), then HR words ("Recruiting manager" is HR), then titles that end in
"manager" without managing you (a product manager is a co-worker), then managers, then peers.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# (phrase, starter role key), in the order they are tried. Phrases are whole lower-case words.
KEYWORDS: tuple[tuple[str, str], ...] = (
    *(
        (phrase, "owner")
        for phrase in (
            "ceo",
            "cto",
            "cfo",
            "coo",
            "cpo",
            "chief",
            "founder",
            "co founder",
            "cofounder",
            "owner",
            "president",
            "vp",
            "svp",
            "evp",
            "vice president",
            "managing director",
            "executive",
        )
    ),
    *(
        (phrase, "hr")
        for phrase in (
            "recruiter",
            "recruiting",
            "recruitment",
            "talent",
            "sourcer",
            "hr",
            "human resources",
            "people partner",
            "people operations",
            "people ops",
            "hiring coordinator",
            "recruiting coordinator",
            "coordinator",
        )
    ),
    *(
        (phrase, "coworker")
        for phrase in ("product manager", "project manager", "program manager", "account manager", "product owner")
    ),
    *(
        (phrase, "supervisor")
        for phrase in (
            "hiring manager",
            "engineering manager",
            "manager",
            "head of",
            "head",
            "director",
            "team lead",
            "tech lead",
            "lead",
            "supervisor",
            "boss",
        )
    ),
    *(
        (phrase, "coworker")
        for phrase in (
            "engineer",
            "developer",
            "designer",
            "analyst",
            "scientist",
            "architect",
            "consultant",
            "specialist",
            "associate",
            "peer",
            "colleague",
            "teammate",
            "team member",
        )
    ),
)

# The names an account's role may have for each key (compared case-insensitively): the starter
# kit's name first, then names people commonly give such a role.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "owner": ("Owner / executive", "Executive", "Owner", "Founder"),
    "hr": ("HR", "Recruiter", "Human resources", "Talent"),
    "supervisor": ("Supervisor", "Hiring manager", "Manager"),
    "coworker": ("Co-worker", "Coworker", "Peer", "Colleague", "Team member"),
}

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class RoleGuess:
    key: str  # a key of ROLE_NAMES
    phrase: str  # the words that decided it, as the table writes them


def _words(text: str) -> str:
    return " " + _NOT_WORD.sub(" ", text.casefold()).strip() + " "


def guess(text: str | None) -> RoleGuess | None:
    """The starter role the text's words point to, or None when none of the table's phrases is in it."""
    if not text:
        return None
    words = _words(text[:1000])
    for phrase, key in KEYWORDS:
        if f" {phrase} " in words:
            return RoleGuess(key, phrase)
    return None


def pick_role(key: str, roles_by_name: Mapping[str, T]) -> T | None:
    """The account's role for a guessed key: the first of ROLE_NAMES[key] among `roles_by_name`
    (keyed by case-folded name), or None when the account has none of them."""
    for name in ROLE_NAMES.get(key, ()):
        found = roles_by_name.get(name.casefold())
        if found is not None:
            return found
    return None
