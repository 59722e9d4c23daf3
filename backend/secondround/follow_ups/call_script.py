"""The call script for a follow-up: whom to call, what to say. Pure: no database, no HTTP.

Built from the round: the person's name (their greeting when they gave one), what you discussed with
them (the round's questions marked asked or answered with them), the decision date they gave, and
what is left to ask. The web app's Follow-ups screen shows it; an integration gets the same words
from `GET /api/v1/rounds/{round_id}/call-script`.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from secondround.helpers import local_time
from secondround.plans import prep_sheet

# Topics named in the script: enough to remind, short enough to read out.
MAX_TOPICS = 3


@dataclass(frozen=True)
class CallFacts:
    person_name: str | None  # None: nobody recorded; the script then speaks to "the hiring team"
    greeting: str | None
    company: str
    position: str
    round_label: str  # "Second interview"
    interview_day: date | None
    decision_expected_by: date | None
    discussed: list[str] = field(default_factory=list)  # question texts, in the order asked
    last_call_on: date | None = None
    last_call_text: str | None = None
    today: date | None = None


@dataclass(frozen=True)
class CallScript:
    opening: str
    discussed: list[str]
    decision: str | None
    asks: list[str]
    closing: str
    lines: list[str]  # the whole script, in the order you say it


def _topic(text: str) -> str:
    """A question you asked, as you asked it (quoted in the script: a question turned into a clause
    reads wrongly, "we talked about how is the team organised"), at most 120 characters."""
    words = " ".join(text.split())
    return words if len(words) <= 120 else words[:119].rstrip() + "…"


def build(facts: CallFacts) -> CallScript:
    whom = facts.greeting or facts.person_name or "there"
    when = f" on {local_time.format_date(facts.interview_day)}" if facts.interview_day else ""
    opening = (
        f"Hello {whom}, this is a follow-up on the {facts.position} role at {facts.company}: "
        f"we spoke at the {facts.round_label.lower()}{when}."
    )
    topics = [_topic(text) for text in facts.discussed if text.strip()][:MAX_TOPICS]
    lines = [opening]
    if topics:
        which = "my question" if len(topics) == 1 else "my questions"
        quoted = ", ".join(f"“{t}”" for t in topics)
        lines.append(f"Thank you again for our conversation, and for answering {which}: {quoted}")
    decision = None
    asks: list[str] = []
    if facts.decision_expected_by is not None:
        day = local_time.format_date(facts.decision_expected_by)
        passed = facts.today is not None and facts.decision_expected_by < facts.today
        decision = (
            f"You mentioned a decision by {day}; I wanted to hear where things stand."
            if passed
            else f"You mentioned a decision by {day}; I wanted to check that is still the plan."
        )
        lines.append(decision)
    else:
        asks.append("When do you expect to make a decision?")
    if facts.last_call_on is not None:
        said = f" ({facts.last_call_text.strip()})" if facts.last_call_text and facts.last_call_text.strip() else ""
        lines.append(
            f"When we last spoke on {local_time.format_date(facts.last_call_on)}{said}, you said you would be in touch."
        )
    asks += [
        "Is there anything else you need from me?",
        "What are the next steps, and whom should I contact about them?",
    ]
    lines += asks
    closing = "Thank you for your time; I am still very interested in the role."
    lines.append(closing)
    return CallScript(opening, topics, decision, asks, closing, lines)


def mailto_uri(email: str | None, position: str) -> str | None:
    """A mailto: URI (RFC 6068) with a subject, or None without an address."""
    if not email:
        return None
    return f"mailto:{quote(email, safe='@')}?subject={quote('Following up: ' + position)}"


def tel_uri(phone: str | None) -> str | None:
    """A tel: URI as the prep sheet makes it (an extension as `;ext=`), or None."""
    return prep_sheet._tel(phone) if phone else None
