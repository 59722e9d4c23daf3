"""What goes on the prep sheet, in what order and in which words: one content model that the Markdown
and the HTML renderers both print, so the two never say different things.

Pure: plain data in, plain text out (nothing is escaped here; each renderer escapes for its format).
Times are shown on the round's local clock (helpers/local_time.py), never in UTC unless the round is.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from secondround.answers.schemas import AnswerSource
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ROUND_KIND_LABELS
from secondround.plan_engine import category_words
from secondround.plans.schemas import ExpectedQuestionRead, InterviewerPlanRead, PlannedQuestionRead, RoundPlanRead

# A printed sheet lists at most this many backlog questions (fewer if the plan was asked for fewer).
SHEET_BACKLOG = 25

NO_ANSWER_YET = "No answer prepared yet: write one down before the interview."
# Links the sheet makes: only these schemes, whatever the stored text says.
_WEB = re.compile(r"https?://[!-~]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_DIALLED = re.compile(r"[^0-9+]")
_EXTENSION = re.compile(r"\s?(?:ext\.?|x)\s?([0-9]{1,6})$", re.IGNORECASE)


@dataclass(frozen=True)
class SheetFacts:
    """The round and application facts the sheet prints besides the plan."""

    company: str
    position: str
    kind: str
    sequence: int
    scheduled_at: datetime | None
    duration_minutes: int | None
    location: str | None
    company_research: str | None
    time_zone: str


@dataclass(frozen=True)
class Detail:
    """One labelled line about a person ("Greet them: Ms. Ortega"); `href` when the text is a link."""

    label: str
    text: str
    href: str | None = None


@dataclass(frozen=True)
class SheetQuestion:
    text: str
    minutes: int
    marks: tuple[str, ...]  # "pinned", "given to them by you"
    why: str


@dataclass(frozen=True)
class SheetExpected:
    text: str
    category: str
    answer: str | None  # None: the sheet prompts you to prepare one
    answer_label: str = "Your answer"  # says whose: "Your answer for Northwind", "Your general answer"
    tip: str | None = None  # advice on answering (never an answer), shown beside it


@dataclass(frozen=True)
class SheetPerson:
    number: int
    name: str
    title: str | None
    role_name: str | None
    deciding: bool
    time: str | None  # "10:00–10:40 (40 min)", local
    details: list[Detail]
    notes: str | None  # your notes, kept with their line breaks
    questions: list[SheetQuestion]
    closing: list[SheetQuestion]  # the closing block: asked last, after everything else
    expect: list[SheetExpected]


@dataclass(frozen=True)
class RunSheetRow:
    time: str
    who: str
    note: str | None = None  # "break 5 min"


@dataclass(frozen=True)
class Settled:
    text: str
    where: str  # "answered in round 1"
    notes: str | None  # what you wrote down about the answer


@dataclass(frozen=True)
class PrepSheet:
    kind_label: str
    company: str
    position: str
    facts: list[str]  # "Round 2", the local date and time, the place
    location_href: str | None
    research: str | None  # the user's Markdown, unsanitised: each renderer cleans it for its format
    run_sheet: list[RunSheetRow]
    run_sheet_warnings: list[str]
    people: list[SheetPerson]
    backlog: list[tuple[str, str]]  # (question, reason)
    backlog_more: int
    settled: list[Settled]
    time_zone: str
    generated: str = field(default="")


def web_link(url: str | None) -> str | None:
    """`url` when it is an http(s) address a browser opens as a page, else None (no other scheme is linked)."""
    return url if url and _WEB.fullmatch(url) else None


def _tel(phone: str) -> str | None:
    """A tel: URI (RFC 3966) for a number as the API stores it: digits and a leading +, with an
    extension ("x 12", "ext. 12") as `;ext=12` rather than glued onto the number."""
    found = _EXTENSION.search(phone)
    number, extension = (phone[: found.start()], found[1]) if found else (phone, None)
    dialled = _DIALLED.sub("", number)
    if len(dialled.lstrip("+")) < 3:
        return None
    return f"tel:{dialled};ext={extension}" if extension else f"tel:{dialled}"


def _when(facts: SheetFacts) -> str | None:
    start, zone = facts.scheduled_at, facts.time_zone
    if start is None:
        return None
    if facts.duration_minutes:
        end = start + timedelta(minutes=facts.duration_minutes)
        times = local_time.format_time_range(start, end, zone)
        return (
            f"{local_time.format_day(start, zone)}, {times} {local_time.zone_label(start, zone)}"
            f" ({facts.duration_minutes} min)"
        )
    return local_time.format_when(start, zone, name_zone=True)


def _slot(person: InterviewerPlanRead, zone: str) -> str | None:
    """ "10:00–10:40 (40 min)" on the round's clock; "(40 min, estimated)" when you did not set the length."""
    start, end = person.starts_at, person.ends_at
    if start is None:
        return None
    if end is None:
        return local_time.format_time(start, zone)
    minutes = int((end - start).total_seconds() // 60)
    estimated = ", estimated" if person.meeting_minutes_estimated else ""
    return f"{local_time.format_time_range(start, end, zone)} ({minutes} min{estimated})"


def _question(q: PlannedQuestionRead) -> SheetQuestion:
    marks = []
    if q.pinned:
        marks.append("pinned")
    if q.assigned:
        marks.append("given to them by you")
    return SheetQuestion(text=q.text, minutes=q.minutes, marks=tuple(marks), why="; ".join(q.reasons))


def _details(person: InterviewerPlanRead) -> list[Detail]:
    details = []
    if person.greeting:
        details.append(Detail("Greet them", person.greeting))
    if person.last_time is not None:
        said = person.last_time.summary.partition("): ")[2] or person.last_time.summary
        details.append(Detail(f"Last time (round {person.last_time.round_sequence})", said))
    if person.goals:
        details.append(Detail("What they care about", person.goals))
    if person.profile_url:
        details.append(Detail("Profile", person.profile_url, web_link(person.profile_url)))
    if person.email:
        mail = f"mailto:{person.email}" if _EMAIL.fullmatch(person.email) else None
        details.append(Detail("Email", person.email, mail))
    if person.phone:
        details.append(Detail("Phone", person.phone, _tel(person.phone)))
    planned = f"{person.minutes_planned} of {person.minutes_available} min planned"
    if person.question_minutes_suggested:
        planned += " (suggested from the meeting's length)"
    details.append(Detail("Your time for questions", planned))
    return details


def _expected(expected: ExpectedQuestionRead, company: str) -> SheetExpected:
    """What they will likely ask, with the answer that applies and whose it is (docs/product.md#questions-to-expect)."""
    answer = expected.prepared_answer.strip() if expected.prepared_answer else ""
    label = (
        f"Your answer for {company}"
        if expected.prepared_answer_source == AnswerSource.APPLICATION
        else "Your general answer (every application)"
    )
    tip = expected.tip.strip() if expected.tip else ""
    return SheetExpected(expected.text, category_words(expected.category), answer or None, label, tip or None)


def _person(number: int, person: InterviewerPlanRead, zone: str, company: str) -> SheetPerson:
    return SheetPerson(
        number=number,
        name=person.name,
        title=person.title,
        role_name=person.role_name,
        deciding=person.deciding,
        time=_slot(person, zone),
        details=_details(person),
        notes=person.notes.strip() if person.notes and person.notes.strip() else None,
        questions=[_question(q) for q in person.questions if not q.closing],
        closing=[_question(q) for q in person.questions if q.closing],
        expect=[_expected(e, company) for e in person.expect],
    )


def _run_sheet(plan: RoundPlanRead, zone: str) -> list[RunSheetRow]:
    rows = []
    for person in plan.interviewers:
        slot = _slot(person, zone)
        if slot is None:
            return []  # a run sheet with holes would mislead: the people's sections say what is known
        who = ", ".join(part for part in (person.name, person.title) if part)
        last = person is plan.interviewers[-1]  # a break after the panel is not part of the day
        pause = person.break_after_minutes if not last else 0
        rows.append(RunSheetRow(slot, who, f"then a {pause} min break" if pause else None))
    return rows


def _settled(plan: RoundPlanRead) -> list[Settled]:
    settled = []
    for x in plan.excluded:
        notes = x.answer_notes.strip() if x.answer_notes else ""
        settled.append(Settled(text=x.text, where=f"answered in round {x.round_sequence}", notes=notes or None))
    return settled


def build(plan: RoundPlanRead, facts: SheetFacts) -> PrepSheet:
    zone = facts.time_zone
    lines = [f"Round {facts.sequence}"]
    if when := _when(facts):
        lines.append(when)
    if facts.location:
        lines.append(facts.location)
    shown = plan.backlog[:SHEET_BACKLOG]
    research = facts.company_research.strip() if facts.company_research else ""
    return PrepSheet(
        kind_label=ROUND_KIND_LABELS.get(facts.kind, "Interview"),
        company=facts.company,
        position=facts.position,
        facts=lines,
        location_href=web_link(facts.location),
        research=research or None,
        run_sheet=_run_sheet(plan, zone),
        run_sheet_warnings=list(plan.run_sheet.warnings),
        people=[_person(n, p, zone, facts.company) for n, p in enumerate(plan.interviewers, start=1)],
        backlog=[(b.text, b.reason) for b in shown],
        backlog_more=max(plan.backlog_total - len(shown), 0),
        settled=_settled(plan),
        time_zone=zone,
        generated=local_time.format_when(plan.generated_at, zone, name_zone=True),
    )
