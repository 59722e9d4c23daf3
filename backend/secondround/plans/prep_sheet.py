"""The plan as a printable Markdown prep sheet. Pure: shapes text, knows nothing of HTTP or SQL."""

from datetime import datetime

from secondround.planning import category_words
from secondround.plans.safe_markdown import escape_inline as _md
from secondround.plans.safe_markdown import sanitize_markdown
from secondround.plans.schemas import RoundPlan
from secondround.vocabulary import ROUND_KIND_LABELS

# A printed sheet lists at most this many backlog questions (fewer if the plan was asked for fewer).
SHEET_BACKLOG = 25


def _when(moment: datetime | None, duration: int | None) -> str | None:
    if moment is None:
        return None
    text = moment.strftime("%A %d %B %Y, %H:%M UTC")
    return f"{text} ({duration} min)" if duration else text


def render(
    plan: RoundPlan,
    *,
    company: str,
    position: str,
    kind: str,
    sequence: int,
    scheduled_at: datetime | None,
    duration_minutes: int | None,
    location: str | None,
    company_research: str | None,
) -> str:
    lines = [f"# {ROUND_KIND_LABELS.get(kind, 'Interview')} at {_md(company)}: {_md(position)}", ""]
    facts = [f"Round {sequence}"]
    if when := _when(scheduled_at, duration_minutes):
        facts.append(when)
    if location:
        facts.append(_md(location))
    lines += [" · ".join(facts), ""]
    if company_research and company_research.strip():
        # The user's own Markdown notes keep their formatting; raw HTML and unsafe links do not survive.
        lines += ["## What you know about the company", "", sanitize_markdown(company_research.strip()).strip(), ""]

    if not plan.interviewers:
        lines += ["No interviewers yet: add the people you will meet to get a plan.", ""]
    for number, person in enumerate(plan.interviewers, start=1):
        heading = f"## {number}. {_md(person.name)}"
        if person.title:
            heading += f", {_md(person.title)}"
        if person.role_name:
            heading += f" ({_md(person.role_name)})"
        lines += [heading, ""]
        if person.greeting:
            lines.append(f"- **Greet them:** {_md(person.greeting)}")
        if person.goals:
            lines.append(f"- **What they care about:** {_md(person.goals)}")
        lines.append(
            f"- **Your time for questions:** {person.minutes_planned} of {person.minutes_available} min planned"
        )
        lines.append("")
        if person.questions:
            lines += ["### Ask, in this order", ""]
            for i, q in enumerate(person.questions, start=1):
                pin = " (pinned)" if q.pinned else ""
                lines.append(f"{i}. {_md(q.text)}{pin} · {q.minutes} min")
                lines.append(f"    - Why: {_md('; '.join(q.reasons))}.")
            lines.append("")
        else:
            lines += ["No question of yours fits this person's role and time.", ""]
        if person.expect:
            lines += ["### Be ready for", ""]
            for expected in person.expect:
                lines.append(f"- {_md(expected.text)} ({category_words(expected.category)})")
                if expected.prepared_answer:
                    lines.append(f"    - Your answer: {_md(expected.prepared_answer)}")
            lines.append("")

    if plan.backlog_total:
        lines += ["## If there is time left", ""]
        shown = plan.backlog[:SHEET_BACKLOG]
        lines += [f"- {_md(b.text)}: {_md(b.reason)}" for b in shown]
        if plan.backlog_total > len(shown):
            lines.append(f"- ...and {plan.backlog_total - len(shown)} more in the backlog.")
        lines.append("")
    if plan.excluded:
        lines += ["## Already settled", ""]
        lines += [f"- {_md(x.text)}: {_md(x.reason)}" for x in plan.excluded]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
