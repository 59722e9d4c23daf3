"""Who is the same person across an application's rounds, and the one line a debrief leaves for
the next time you meet them ("Last time (round 1): impression 4/5, cared about on-call").

Pure: plain values in, plain values out; no database, no HTTP, no clock.

The same person (docs/decisions.md): within one application, the same email (letter case aside);
when either of the two has no email, the same name (letter case and spacing aside). Two people
with different emails are different people even with one name.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# A summary is one line on a phone card and on the printed sheet.
SUMMARY_LIMIT = 160


@dataclass(frozen=True, slots=True)
class Earlier:
    """A person met in an earlier round, with their current debrief."""

    interviewer_id: Any
    round_id: Any
    round_sequence: int
    name: str
    email: str | None
    impression: int | None
    cared_about: str | None
    next_steps: str | None


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def same_person(name: str, email: str | None, other_name: str, other_email: str | None) -> bool:
    if email and other_email:
        return email.casefold() == other_email.casefold()
    return _name_key(name) == _name_key(other_name)


def last_time(name: str, email: str | None, sequence: int, earlier: Iterable[Earlier]) -> Earlier | None:
    """The latest earlier round's debrief of this person (rounds before `sequence` only)."""
    found = [e for e in earlier if e.round_sequence < sequence and same_person(name, email, e.name, e.email)]
    return max(found, key=lambda e: (e.round_sequence, str(e.interviewer_id)), default=None)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word to at most `limit` characters with an ellipsis."""
    flat = _one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def summary(found: Earlier) -> str:
    parts = []
    if found.impression is not None:
        parts.append(f"impression {found.impression}/5")
    if found.cared_about and found.cared_about.strip():
        parts.append(f"cared about {_one_line(found.cared_about)}")
    if not parts and found.next_steps and found.next_steps.strip():
        parts.append(f"said about next steps: {_one_line(found.next_steps)}")
    said = ", ".join(parts) if parts else "debriefed, nothing noted"
    return shorten(f"Last time (round {found.round_sequence}): {said}", SUMMARY_LIMIT)
