"""The daily reminder's words: what is overdue or due today (follow-ups), who is still to be thanked
for a round of the last 24 hours, and which offers need an answer (overdue, today, or within the
next days). Pure: plain values in, a subject, a text and an HTML body out, or None when there is
nothing to say; no database, no HTTP, no clock (`today` comes in)."""

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from secondround.helpers.local_time import format_date
from secondround.mail.content import Mail

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_ITEMS = 20  # per section: a longer list says how many more there are


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    company: str
    position: str
    round_label: str  # "Second interview"
    follow_up_on: date
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ThankYouItem:
    company: str
    position: str
    round_label: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OfferItem:
    company: str
    position: str
    stage: str  # "verbal" or "written"
    respond_by: date


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    name: str | None
    today: date
    app_url: str  # the web app, without a trailing slash
    unsubscribe_url: str  # the web app's page that stops the reminder
    one_click_url: str  # the API's RFC 8058 one-click address (List-Unsubscribe)
    follow_ups: Sequence[FollowUpItem] = field(default_factory=tuple)
    thank_yous: Sequence[ThankYouItem] = field(default_factory=tuple)
    offers: Sequence[OfferItem] = field(default_factory=tuple)


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _names(names: Sequence[str]) -> str:
    names = [_clean(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _short_date(day: date) -> str:
    """ "Friday 4 December", the year left out (the mail is about these days)."""
    return format_date(day).rsplit(" ", 1)[0]


def _where(company: str, position: str) -> str:
    return f"{_clean(company)} ({_clean(position)})"


def _days(n: int) -> str:
    return _count(n, "day", "days")


def _follow_up_line(item: FollowUpItem, today: date) -> str:
    late = (today - item.follow_up_on).days
    when = "It is due today." if late <= 0 else f"It was due on {_short_date(item.follow_up_on)}, {_days(late)} ago."
    who = f" Whom to call: {_names(item.people)}." if item.people else ""
    return f"Follow up on the {_clean(item.round_label).lower()} at {_where(item.company, item.position)}. {when}{who}"


def _thank_you_line(item: ThankYouItem) -> str:
    return (
        f"Thank {_names(item.names)} for the {_clean(item.round_label).lower()} at "
        f"{_where(item.company, item.position)}: a short note within 24 hours of the round."
    )


def _offer_line(item: OfferItem, today: date) -> str:
    what = "verbal offer" if item.stage == "verbal" else "written offer"
    left = (item.respond_by - today).days
    if left < 0:
        when = f"the date to answer was {_short_date(item.respond_by)}, {_days(-left)} ago; answer or ask for more time"
    elif left == 0:
        when = "answer it today"
    else:
        when = f"answer it by {_short_date(item.respond_by)}, in {_days(left)}"
    return f"The {what} from {_where(item.company, item.position)}: {when}."


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: tuple[str, ...]
    link: str


def _bounded(lines: list[str]) -> tuple[str, ...]:
    if len(lines) <= MAX_ITEMS:
        return tuple(lines)
    rest = len(lines) - MAX_ITEMS
    return (*lines[:MAX_ITEMS], f"And {rest} more: see them all in secondround.")


def sections(facts: ReminderFacts) -> list[Section]:
    overdue = sorted((f for f in facts.follow_ups if f.follow_up_on < facts.today), key=lambda f: f.follow_up_on)
    today = [f for f in facts.follow_ups if f.follow_up_on >= facts.today]
    offers = sorted(facts.offers, key=lambda o: o.respond_by)
    found = [
        Section("Follow-ups overdue", _bounded([_follow_up_line(f, facts.today) for f in overdue]), "/follow-ups"),
        Section("Follow-ups due today", _bounded([_follow_up_line(f, facts.today) for f in today]), "/follow-ups"),
        Section("Thank-you notes to send", _bounded([_thank_you_line(t) for t in facts.thank_yous]), "/"),
        Section("Offers to answer", _bounded([_offer_line(o, facts.today) for o in offers]), "/offers"),
    ]
    return [s for s in found if s.lines]


def subject(facts: ReminderFacts) -> str:
    parts = []
    if facts.follow_ups:
        parts.append(_count(len(facts.follow_ups), "follow-up", "follow-ups"))
    notes = sum(len(t.names) for t in facts.thank_yous)
    if notes:
        parts.append(_count(notes, "thank-you note", "thank-you notes"))
    if facts.offers:
        parts.append(_count(len(facts.offers), "offer to answer", "offers to answer"))
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return f"Today, {_short_date(facts.today)}: {listed}"


def build(facts: ReminderFacts) -> Mail | None:
    """The reminder for `facts.today`, or None when nothing is due."""
    found = sections(facts)
    if not found:
        return None
    greeting = f"Good morning {_clean(facts.name)}," if facts.name and _clean(facts.name) else "Good morning,"
    lead = f"Here is what is waiting for you today, {format_date(facts.today)}."
    footer = (
        "You get this mail because the daily reminder is on for your account. "
        "To stop it, open the link below or turn it off in Settings."
    )
    text = [greeting, "", lead, ""]
    for section in found:
        text.append(section.title)
        text += [f"- {line}" for line in section.lines]
        text += [f"Open: {facts.app_url}{section.link}", ""]
    text += ["--", footer, f"Stop the daily reminder: {facts.unsubscribe_url}", f"Settings: {facts.app_url}/settings"]

    e = html.escape
    parts = [f"<p>{e(greeting)}</p>", f"<p>{e(lead)}</p>"]
    for section in found:
        parts.append(f'<h2 style="font-size:16px">{e(section.title)}</h2>')
        parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in section.lines) + "</ul>")
        parts.append(f'<p><a href="{e(facts.app_url + section.link)}">Open in secondround</a></p>')
    parts.append(
        f'<hr><p style="font-size:12px;color:#555">{e(footer)} '
        f'<a href="{e(facts.unsubscribe_url)}">Stop the daily reminder</a> · '
        f'<a href="{e(facts.app_url + "/settings")}">Settings</a></p>'
    )
    body_html = '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' + "".join(parts)
    body_html += "</body></html>"
    headers = {"List-Unsubscribe": f"<{facts.one_click_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return Mail(subject=subject(facts), text="\n".join(text) + "\n", html=body_html, headers=headers)
