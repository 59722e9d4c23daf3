"""Is the candidate ready for this round? A checklist derived from the data (docs/product.md#readiness).

Pure: plain frozen dataclasses in (`RoundFacts`, built by the service from the round, its
application and its plan), a `Checklist` out; no database, no HTTP, and no clock (`now` is an
input). Nine items, always in the same order (`KEYS`); each is done or not, and when it is not,
`next_step` says in plain words what to do, naming the person or the question concerned. Two more
come after them when they apply (`AFTER_KEYS`, docs/product.md#debriefs): earlier rounds' people
without a debrief (only while some are), and, once the round is over, the thank-you notes.

An empty panel is not an error: the items about people say "add the panel first" and are not
done, since nothing about the people you will meet can be ready before you know who they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from secondround.helpers.vocabulary import Category, Outcome, RoundStatus


class ReadinessKey(StrEnum):
    COMPANY_RESEARCH = "company_research"
    PANEL_NAMED = "panel_named"
    GREETINGS = "greetings"
    EVERYONE_HAS_A_QUESTION = "everyone_has_a_question"
    CLOSING_PLANNED = "closing_planned"
    EXPECTED_ANSWERS_PREPARED = "expected_answers_prepared"
    SALARY_RESEARCHED = "salary_researched"
    PLACE_SET = "place_set"
    DECISION_DATE_ASKED = "decision_date_asked"
    EARLIER_ROUNDS_DEBRIEFED = "earlier_rounds_debriefed"
    THANK_YOU_NOTES_SENT = "thank_you_notes_sent"


# The items every round has, in order; AFTER_KEYS follow when they apply.
AFTER_KEYS: tuple[ReadinessKey, ...] = (ReadinessKey.EARLIER_ROUNDS_DEBRIEFED, ReadinessKey.THANK_YOU_NOTES_SENT)
KEYS: tuple[ReadinessKey, ...] = tuple(k for k in ReadinessKey if k not in AFTER_KEYS)

LABELS: dict[ReadinessKey, str] = {
    ReadinessKey.COMPANY_RESEARCH: "Company research written",
    ReadinessKey.PANEL_NAMED: "Everyone on the panel has a name, title and role",
    ReadinessKey.GREETINGS: "A greeting for each person",
    ReadinessKey.EVERYONE_HAS_A_QUESTION: "A question for each person",
    ReadinessKey.CLOSING_PLANNED: "The closing is planned",
    ReadinessKey.EXPECTED_ANSWERS_PREPARED: "Answers ready for what they will ask",
    ReadinessKey.SALARY_RESEARCHED: "Salary range researched",
    ReadinessKey.PLACE_SET: "Place or video link set",
    ReadinessKey.DECISION_DATE_ASKED: "Decision date asked",
    ReadinessKey.EARLIER_ROUNDS_DEBRIEFED: "Earlier rounds' people debriefed",
    ReadinessKey.THANK_YOU_NOTES_SENT: "Thank-you notes sent",
}

_COMPENSATION = Category.COMPENSATION.value
_ADD_PANEL_FIRST = "Add the people you will meet first"


# --- input -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Expected:
    """A question this person will likely ask you (the plan's `expect`)."""

    question_id: object  # compared only; any hashable id
    text: str
    category: str
    prepared_answer: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """One person on the panel, in meeting order, with what the plan gives them."""

    name: str
    title: str | None
    has_role: bool
    greeting: str | None
    planned_categories: tuple[str, ...]  # the categories of the questions planned for them, in order
    closing: bool  # some of their planned questions are the closing block
    expect: tuple[Expected, ...] = ()


@dataclass(frozen=True, slots=True)
class RoundFacts:
    company: str
    company_research: str | None
    salary_min: int | None
    salary_max: int | None
    location: str | None
    status: str  # a RoundStatus value
    outcome: str  # an Outcome value
    scheduled_at: datetime | None  # timezone-aware
    duration_minutes: int | None
    decision_expected_by: date | None
    panel: Sequence[Person]
    now: datetime  # timezone-aware
    # People of the application's earlier rounds (met, not cancelled) with no debrief: "Dana (round 1)".
    earlier_undebriefed: tuple[str, ...] = ()
    # The people of this round to thank (cancelled meetings aside), and those not marked thanked yet.
    to_thank: tuple[str, ...] = ()
    not_thanked: tuple[str, ...] = ()


# --- output ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: ReadinessKey
    label: str
    done: bool
    next_step: str | None  # None exactly when done


@dataclass(frozen=True, slots=True)
class Checklist:
    items: tuple[ChecklistItem, ...]  # in KEYS order, then those of AFTER_KEYS that apply

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)


# --- the rules ---------------------------------------------------------------------------


def _written(text: str | None) -> bool:
    return bool(text and text.strip())


def _names(names: Sequence[str]) -> str:
    """'Dana', 'Dana and Olu', 'Dana, Olu and 2 others': short enough for one line."""
    if len(names) <= 2:
        return " and ".join(names)
    rest = len(names) - 2
    return f"{names[0]}, {names[1]} and {rest} other{'s' if rest > 1 else ''}"


def _quote(text: str, limit: int = 80) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _company_research(facts: RoundFacts) -> str | None:
    if _written(facts.company_research):
        return None
    return (
        f"Write your company research for {facts.company}: what they do, recent news, "
        "and what they expect of this role."
    )


def _panel_named(facts: RoundFacts) -> str | None:
    if not facts.panel:
        return (
            "Add the people you will meet, with their names, titles and roles. Not known yet? "
            "Ask your first interviewer who you will meet next."
        )
    missing = []
    for person in facts.panel:
        parts = [part for part, ok in (("a title", _written(person.title)), ("a role", person.has_role)) if not ok]
        if parts:
            missing.append(f"{' and '.join(parts)} for {person.name}")
    if not missing:
        return None
    more = len(missing) - 2
    said = " and ".join(missing[:2]) + (f" (and {more} more {'person' if more == 1 else 'people'})" if more > 0 else "")
    return f"Add {said}."


def _greetings(facts: RoundFacts) -> str | None:
    if not facts.panel:
        return f"{_ADD_PANEL_FIRST}, then how to greet each of them."
    without = [p.name for p in facts.panel if not _written(p.greeting)]
    return f"Add a greeting for {_names(without)}." if without else None


def _everyone_has_a_question(facts: RoundFacts) -> str | None:
    if not facts.panel:
        return f"{_ADD_PANEL_FIRST}: each then gets the questions their role cares about."
    without = [p.name for p in facts.panel if not p.planned_categories]
    if not without:
        return None
    return (
        f"No question fits {_names(without)} yet: give them more minutes for your questions or a role, "
        "or add a question for this application."
    )


def _closing_planned(facts: RoundFacts) -> str | None:  # docs/product.md#the-closing
    if not facts.panel:
        return f"{_ADD_PANEL_FIRST}: the closing goes to the last decision-maker you meet."
    if any(p.closing for p in facts.panel):
        return None
    return (
        "Plan how to close: mark a question such as “What are the next steps, and when can I expect to "
        "hear from you?” to ask at the end."
    )


def _expected_answers(facts: RoundFacts) -> str | None:  # docs/product.md#questions-to-expect
    if not facts.panel:
        return f"{_ADD_PANEL_FIRST} to see what each of them will likely ask you."
    seen: set[object] = set()
    unprepared: list[tuple[Expected, str]] = []
    for person in facts.panel:
        for question in person.expect:
            if question.question_id in seen:
                continue
            seen.add(question.question_id)
            if not _written(question.prepared_answer):
                unprepared.append((question, person.name))
    if not unprepared:
        return None
    question, name = unprepared[0]
    more = len(unprepared) - 1
    tail = f", and to {more} more question{'s' if more > 1 else ''}" if more else ""
    return f"Prepare an answer to {_quote(question.text)} ({name} will likely ask it){tail}."


def _compensation_planned(facts: RoundFacts) -> bool:  # docs/product.md#salary
    # Asked by you or likely asked of you: either way you need the range before you walk in.
    return any(
        _COMPENSATION in p.planned_categories or any(e.category == _COMPENSATION for e in p.expect) for p in facts.panel
    )


def _salary_researched(facts: RoundFacts) -> str | None:
    if not _compensation_planned(facts) or facts.salary_min is not None or facts.salary_max is not None:
        return None
    return "Salary will come up: research the usual range for this role and place, and add it to the application."


def _salary_label(facts: RoundFacts) -> str | None:
    # Done because nothing asks for it yet: say so, rather than claim a range was researched.
    if not _compensation_planned(facts) and facts.salary_min is None and facts.salary_max is None:
        return "No salary question planned, so no range needed yet"
    return None


def _place_set(facts: RoundFacts) -> str | None:
    return None if _written(facts.location) else "Add the address, or the video link, to the round."


def round_is_over(facts: RoundFacts) -> bool:
    """Completed, or past its end (its start when it has no length): the decision date can be asked."""
    if facts.status == RoundStatus.COMPLETED:
        return True
    if facts.status != RoundStatus.PLANNED or facts.scheduled_at is None:
        return False
    return facts.scheduled_at + timedelta(minutes=facts.duration_minutes or 0) <= facts.now


def _decision_date_asked(facts: RoundFacts) -> str | None:  # docs/product.md#the-closing
    # A decision already recorded (an offer, a next round, a rejection) settles it as well.
    if facts.decision_expected_by is not None or facts.outcome != Outcome.PENDING:
        return None
    if facts.status == RoundStatus.CANCELLED:
        return "The round is cancelled. If it is set again, ask at its end when they will decide."
    if round_is_over(facts):
        return "Record when they said they will decide (Decision expected by); if you did not ask, ask now."
    return "At the end of the interview, ask when they will decide; record the date here afterwards."


def _earlier_debriefed(facts: RoundFacts) -> str | None:
    if not facts.earlier_undebriefed:
        return None
    return (
        f"Write a debrief for {_names(list(facts.earlier_undebriefed))}: what they cared about and said about "
        "next steps is shown on their card when you meet them again."
    )


def _thanked(facts: RoundFacts) -> str | None:
    if not facts.not_thanked:
        return None
    late = (
        facts.scheduled_at is not None
        and facts.scheduled_at + timedelta(minutes=facts.duration_minutes or 0, hours=24) <= facts.now
    )
    when = "a short note is still worth sending" if late else "within 24 hours of the round is best"
    return f"Send a thank-you note to {_names(list(facts.not_thanked))} ({when}): the drafts are under Thank-you notes."


def _applies(key: ReadinessKey, facts: RoundFacts) -> bool:
    """Whether an item of AFTER_KEYS is on this round's checklist."""
    if key == ReadinessKey.EARLIER_ROUNDS_DEBRIEFED:
        return bool(facts.earlier_undebriefed)
    return bool(facts.to_thank) and facts.status != RoundStatus.CANCELLED and round_is_over(facts)


_RULES = {
    ReadinessKey.COMPANY_RESEARCH: _company_research,
    ReadinessKey.PANEL_NAMED: _panel_named,
    ReadinessKey.GREETINGS: _greetings,
    ReadinessKey.EVERYONE_HAS_A_QUESTION: _everyone_has_a_question,
    ReadinessKey.CLOSING_PLANNED: _closing_planned,
    ReadinessKey.EXPECTED_ANSWERS_PREPARED: _expected_answers,
    ReadinessKey.SALARY_RESEARCHED: _salary_researched,
    ReadinessKey.PLACE_SET: _place_set,
    ReadinessKey.DECISION_DATE_ASKED: _decision_date_asked,
    ReadinessKey.EARLIER_ROUNDS_DEBRIEFED: _earlier_debriefed,
    ReadinessKey.THANK_YOU_NOTES_SENT: _thanked,
}


# Labels that say more than the fixed one in some states.
_LABELS = {ReadinessKey.SALARY_RESEARCHED: _salary_label}


def assess(facts: RoundFacts) -> Checklist:
    """The checklist for one round: each rule returns the next step, or None when its item is done."""
    items = []
    for key in KEYS + tuple(k for k in AFTER_KEYS if _applies(k, facts)):
        next_step = _RULES[key](facts)
        label = (_LABELS[key](facts) if key in _LABELS else None) or LABELS[key]
        items.append(ChecklistItem(key=key, label=label, done=next_step is None, next_step=next_step))
    return Checklist(items=tuple(items))
