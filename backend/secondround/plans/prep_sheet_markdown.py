"""The prep sheet as Markdown (CommonMark), safe in any viewer: short texts escaped, the company
research sanitised (plans/safe_markdown.py), links only to http(s) pages and email addresses."""

from secondround.plans.prep_sheet import NO_ANSWER_YET, PrepSheet, SheetPerson, SheetQuestion
from secondround.plans.safe_markdown import escape_inline as _md
from secondround.plans.safe_markdown import sanitize_markdown


def _link(text: str, href: str | None) -> str:
    # An autolink needs no escaping inside; prep_sheet only gives http(s) and mailto destinations,
    # printable ASCII without spaces or angle brackets.
    if href and href.startswith(("http://", "https://", "mailto:")) and not any(c in href for c in " <>\\"):
        return f"<{href.removeprefix('mailto:')}>" if href.startswith("mailto:") else f"<{href}>"
    return _md(text)


def _questions(questions: list[SheetQuestion], start: int = 1) -> list[str]:
    lines = []
    for i, q in enumerate(questions, start=start):
        marks = "".join(f" ({m})" for m in q.marks)
        lines.append(f"{i}. {_md(q.text)}{marks} · {q.minutes} min")
        # Nested lines are indented by four spaces, which every Markdown renderer nests (three do not).
        lines.append(f"    - Why: {_md(q.why)}.")
    return lines


def _person(person: SheetPerson) -> list[str]:
    heading = f"## {person.number}. {_md(person.name)}"
    if person.title:
        heading += f", {_md(person.title)}"
    about = [part for part in (person.role_name and _md(person.role_name), person.deciding and "decides") if part]
    if about:
        heading += f" ({', '.join(about)})"
    lines = [heading, ""]
    if person.time:
        lines.append(f"- **When:** {_md(person.time)}")
    lines += [f"- **{d.label}:** {_link(d.text, d.href)}" for d in person.details]
    if person.notes:
        lines.append(f"- **Your notes:** {_md(person.notes)}")
    lines.append("")
    if person.questions:
        lines += ["### Ask, in this order", "", *_questions(person.questions), ""]
    elif not person.closing:
        lines += ["No question of yours fits this person's role and time.", ""]
    if person.closing:
        lines += ["### To close, at the end", "", *_questions(person.closing, start=len(person.questions) + 1), ""]
    if person.expect:
        lines += ["### Be ready for", ""]
        for expected in person.expect:
            lines.append(f"- {_md(expected.text)} ({expected.category})")
            answer = (
                f"{_md(expected.answer_label)}: {_md(expected.answer)}" if expected.answer else f"**{NO_ANSWER_YET}**"
            )
            lines.append(f"    - {answer}")
            if expected.tip:
                lines.append(f"    - Tip: {_md(expected.tip)}")
        lines.append("")
    return lines


def render(sheet: PrepSheet) -> str:
    lines = [f"# {sheet.kind_label} at {_md(sheet.company)}: {_md(sheet.position)}", ""]
    facts = [_md(f) for f in sheet.facts]
    if sheet.location_href and facts:
        facts[-1] = _link(sheet.facts[-1], sheet.location_href)
    lines += [" · ".join(facts), ""]
    if sheet.run_sheet or sheet.run_sheet_warnings:
        lines += ["## Run sheet", ""]
        for row in sheet.run_sheet:
            note = f" ({row.note})" if row.note else ""
            lines.append(f"- {_md(row.time)}: {_md(row.who)}{note}")
        lines += [f"- **Note:** {_md(w)}" for w in sheet.run_sheet_warnings]
        lines.append("")

    if sheet.research:
        # The user's own Markdown notes keep their formatting; raw HTML and unsafe links do not survive.
        lines += ["## What you know about the company", "", sanitize_markdown(sheet.research).strip(), ""]
    if not sheet.people:
        lines += ["No interviewers yet: add the people you will meet to get a plan.", ""]
    for person in sheet.people:
        lines += _person(person)

    if sheet.backlog or sheet.backlog_more:
        lines += ["## If there is time left", ""]
        lines += [f"- {_md(text)}: {_md(reason)}" for text, reason in sheet.backlog]
        if sheet.backlog_more:
            lines.append(f"- ...and {sheet.backlog_more} more in the backlog.")
        lines.append("")
    if sheet.settled:
        lines += ["## Already settled", ""]
        for entry in sheet.settled:
            lines.append(f"- {_md(entry.text)}: {_md(entry.where)}")
            if entry.notes:
                lines.append(f"    - What you noted: {_md(entry.notes)}")
        lines.append("")
    lines += [f"Times are in {_md(sheet.time_zone)}. Made {_md(sheet.generated)}.", ""]
    return "\n".join(lines).rstrip() + "\n"
