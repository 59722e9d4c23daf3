"""Thank-you notes drafted from what you recorded: the debrief, the questions you asked the person
and your notes on their answers. Pure: plain values in, a subject, a body and a `mailto:` URL out;
no database, no HTTP, no clock, no external service.

Bounded whatever was recorded: every piece quoted from your notes is one line of at most
`QUOTE_LIMIT` characters, at most `MAX_TOPICS` topics are named, the body is at most `BODY_LIMIT`
characters and the subject at most `SUBJECT_LIMIT`, so the `mailto:` URL stays short enough for
mail apps and phones to open. Control characters (tab and line breaks aside in the body) never
reach the draft.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

QUOTE_LIMIT = 120
MAX_TOPICS = 2
SUBJECT_LIMIT = 150
BODY_LIMIT = 1500

# C0 controls, DEL and C1 controls; line breaks are handled before (the body keeps "\n" only).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question you asked this person in the round, with what you noted about their answer."""

    text: str
    answer_notes: str | None


@dataclass(frozen=True, slots=True)
class NoteFacts:
    person_name: str
    greeting: str | None  # how to address them ("Ms. Ortega"); else their first name
    email: str | None
    company: str
    position: str
    your_name: str | None
    cared_about: str | None
    next_steps: str | None
    asked: Sequence[AskedQuestion] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str
    mailto: str


def clean_line(text: str) -> str:
    """One line: control characters and line breaks become spaces, runs of spaces one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def shorten(text: str, limit: int) -> str:
    """`text` as one clean line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = clean_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _addressed(facts: NoteFacts) -> str:
    if facts.greeting and clean_line(facts.greeting):
        return shorten(facts.greeting, 80)
    first = clean_line(facts.person_name).split(" ")[0] if clean_line(facts.person_name) else ""
    return shorten(first, 80) or "there"


def _topic(text: str) -> str:
    return shorten(text, QUOTE_LIMIT).rstrip("?!.")


def _topics(facts: NoteFacts) -> list[str]:
    """What to mention, most personal first: what they cared about, then the questions you asked."""
    topics: list[str] = []
    if facts.cared_about and clean_line(facts.cared_about):
        topics.append(_topic(facts.cared_about))
    for question in facts.asked:
        notes = question.answer_notes and clean_line(question.answer_notes)
        topic = _topic(notes) if notes else _topic(question.text)
        if topic and topic.casefold() not in {t.casefold() for t in topics}:
            topics.append(topic)
        if len(topics) >= MAX_TOPICS:
            break
    return topics[:MAX_TOPICS]


def subject(facts: NoteFacts) -> str:
    position = shorten(facts.position, 60)
    company = shorten(facts.company, 60)
    return shorten(f"Thank you: {position} interview at {company}", SUBJECT_LIMIT)


def body(facts: NoteFacts) -> str:
    company = shorten(facts.company, 80)
    position = shorten(facts.position, 80)
    lines = [f"Dear {_addressed(facts)},", ""]
    lines.append(f"Thank you for taking the time to talk with me about the {position} role at {company}.")
    topics = _topics(facts)
    if len(topics) == 1:
        lines.append(f"I especially enjoyed our conversation about {topics[0]}.")
    elif topics:
        lines.append(f"I especially enjoyed our conversation about {topics[0]}, and about {topics[1]}.")
    lines.append("")
    lines.append(
        f"It made me even more interested in joining {company}, and I am confident I could contribute to the team."
    )
    if facts.next_steps and clean_line(facts.next_steps):
        lines.append(f"You mentioned the next steps: {shorten(facts.next_steps, QUOTE_LIMIT).rstrip('.')}.")
        lines.append("I look forward to hearing from you.")
    else:
        lines.append("I look forward to hearing about the next steps.")
    lines += ["", "Best regards,"]
    if facts.your_name and clean_line(facts.your_name):
        lines.append(shorten(facts.your_name, 80))
    text = "\n".join(lines)
    return text if len(text) <= BODY_LIMIT else text[: BODY_LIMIT - 1].rstrip() + "…"


def mailto(email: str | None, subject_text: str, body_text: str) -> str:
    """A `mailto:` URL (RFC 6068): the address, subject and body percent-encoded as UTF-8, line
    breaks as %0D%0A. Without an address, the mail app asks for one."""
    to = quote(email, safe="@") if email else ""
    crlf = body_text.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(subject_text, safe='')}&body={quote(crlf, safe='')}"


def draft(facts: NoteFacts) -> Draft:
    s, b = subject(facts), body(facts)
    return Draft(subject=s, body=b, mailto=mailto(facts.email, s, b))
