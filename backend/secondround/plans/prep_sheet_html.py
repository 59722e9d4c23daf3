"""The prep sheet as one self-contained HTML document for printing: the same content as the Markdown
sheet, inline CSS, nothing loaded from anywhere (no script, font, image or stylesheet request).

Every user text is escaped with `html.escape`; the company research is the user's Markdown, rendered
by markdown-it after plans/safe_markdown.py, then cleaned again by nh3 to formatting tags, with
`href` kept only for http, https and mailto. Its one `<style>` block is constant, so the response's
Content-Security-Policy admits it by hash (`csp()`), and scripts, images and frames stay forbidden.
"""

import base64
import hashlib
from html import escape

import nh3
from markdown_it import MarkdownIt

from secondround.plans.prep_sheet import NO_ANSWER_YET, Detail, PrepSheet, SheetPerson, SheetQuestion
from secondround.plans.safe_markdown import sanitize_markdown

# Tags the research may keep once rendered; no image (it would be a request), no attribute but a link's.
RESEARCH_TAGS = frozenset(
    {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code"}
    | {"a", "b", "strong", "i", "em", "u", "s", "del", "sub", "sup"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Screen: a readable column that also fits 375 px. Paper: A4 or Letter (the printer's choice, so
# no `size`), each person on a page of their own, links followed by their address.
STYLE = """
:root{color-scheme:light;--ink:#1d2433;--soft:#5b6478;--line:#d8dce5;--accent:#1f5f5b;--warn:#8a4b00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
main{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 2rem}
h1{font-size:1.45rem;line-height:1.25;margin:0 0 .35rem}
h2{font-size:1.15rem;margin:0 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--ink)}
h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--soft);margin:1rem 0 .4rem}
p{margin:0 0 .5rem}
a{color:var(--accent)}
section{margin:0 0 1.6rem}
.rest h2~h2{margin-top:1.2rem}
.facts{color:var(--soft);margin-bottom:1.2rem}
.role{font-weight:400;color:var(--soft)}
.slot{display:inline-block;font-variant-numeric:tabular-nums;font-weight:600;background:#e5f0ee;
border-radius:4px;padding:0 .4rem;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.15rem .9rem;margin:0 0 .6rem}
dt{font-weight:600}
dd{margin:0}
.notes{white-space:pre-line;border-left:3px solid var(--line);padding-left:.7rem}
ol,ul{margin:0 0 .6rem;padding-left:1.4rem}
li{margin:0 0 .45rem}
.meta,.why{color:var(--soft)}
.why{font-size:.9em;margin:0}
.closing{border:1px solid var(--ink);border-radius:6px;padding:.2rem .9rem .4rem}
.closing h3{color:var(--ink)}
.answer{margin:0;font-size:.92em}
.missing{margin:0;font-size:.92em;font-weight:600;color:var(--warn)}
.settled-notes{margin:0;font-size:.92em;white-space:pre-line}
table{border-collapse:collapse;width:100%;margin:0 0 .6rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem .3rem 0;border-bottom:1px solid var(--line)}
td:first-child{white-space:nowrap;width:1%;padding-right:1.2rem;font-variant-numeric:tabular-nums}
.warning{color:var(--warn);font-weight:600}
.research{border-left:3px solid var(--line);padding-left:.8rem}
.research h1,.research h2,.research h3{font-size:1rem;border:0;text-transform:none;letter-spacing:0;color:var(--ink)}
footer{color:var(--soft);font-size:.85em;border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.3rem}
tbody,tr,td{display:block}td:first-child{width:auto;border:0;padding-bottom:0;font-weight:600}}
@page{margin:15mm 14mm}
@media print{
body{font-size:10.5pt}
main{max-width:none;padding:0}
.person~.person{break-before:page}
h2,h3{break-after:avoid}
li,tr,dl,.closing{break-inside:avoid}
a{color:inherit;text-decoration:none}
a[href^="http"]:not(.plain)::after{content:" (" attr(href) ")";color:var(--soft);font-size:.85em}
.slot{background:none;border:1px solid var(--ink)}
}
""".strip()

STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()


def csp() -> str:
    """The response's policy: nothing may load or run; the one style block by its hash. The web app's
    print view (same origin) may frame it, nobody else may."""
    return f"default-src 'none'; style-src '{STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"


_research_markdown = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # A relative or empty `href` (left where a bad destination was removed) would reopen this page:
    # only an absolute address with an allowed scheme stays a link.
    if tag == "a" and attribute == "href":
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        return value if scheme in LINK_SCHEMES else None
    return value


def research_html(markdown: str) -> str:
    """The user's research as safe HTML: sanitised Markdown, rendered, then cleaned once more."""
    rendered = _research_markdown.render(sanitize_markdown(markdown))
    return nh3.clean(
        rendered,
        tags=set(RESEARCH_TAGS),
        attributes={"a": {"href"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        attribute_filter=_absolute_links_only,
    )


def _e(text: str) -> str:
    return escape(text, quote=True)


def _link(text: str, href: str | None) -> str:
    if href is None:
        return _e(text)
    plain = ' class="plain"' if text == href else ""  # paper shows the address once, not twice
    return f'<a href="{_e(href)}"{plain} target="_blank" rel="noopener noreferrer">{_e(text)}</a>'


def _detail(detail: Detail) -> str:
    return f"<dt>{_e(detail.label)}</dt><dd>{_link(detail.text, detail.href)}</dd>"


def _questions(questions: list[SheetQuestion], start: int = 1) -> str:
    items = []
    for q in questions:
        marks = "".join(f" · {_e(m)}" for m in q.marks)
        items.append(
            f'<li><p>{_e(q.text)} <span class="meta">· {q.minutes} min{marks}</span></p>'
            f'<p class="why">Why: {_e(q.why)}.</p></li>'
        )
    opening = f'<ol start="{start}">' if start != 1 else "<ol>"
    return opening + "".join(items) + "</ol>"


def _person(person: SheetPerson) -> str:
    title = f", {_e(person.title)}" if person.title else ""
    about = [part for part in (person.role_name and _e(person.role_name), person.deciding and "decides") if part]
    role = f' <span class="role">({", ".join(about)})</span>' if about else ""
    parts = [f'<section class="person"><h2>{person.number}. {_e(person.name)}{title}{role}</h2>']
    if person.time:
        parts.append(f'<p class="slot">{_e(person.time)}</p>')
    parts.append("<dl>" + "".join(_detail(d) for d in person.details) + "</dl>")
    if person.notes:
        parts.append(f'<h3>Your notes</h3><p class="notes">{_e(person.notes)}</p>')
    if person.questions:
        parts.append("<h3>Ask, in this order</h3>" + _questions(person.questions))
    elif not person.closing:
        parts.append("<p>No question of yours fits this person's role and time.</p>")
    if person.closing:
        parts.append(
            '<div class="closing"><h3>To close, at the end</h3>'
            + _questions(person.closing, start=len(person.questions) + 1)
            + "</div>"
        )
    if person.expect:
        items = []
        for expected in person.expect:
            answer = (
                f'<p class="answer">{_e(expected.answer_label)}: {_e(expected.answer)}</p>'
                if expected.answer
                else f'<p class="missing">{_e(NO_ANSWER_YET)}</p>'
            )
            if expected.tip:
                answer += f'<p class="meta">Tip: {_e(expected.tip)}</p>'

            items.append(
                f'<li><p>{_e(expected.text)} <span class="meta">({_e(expected.category)})</span></p>{answer}</li>'
            )
        parts.append("<h3>Be ready for</h3><ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def render(sheet: PrepSheet) -> str:
    heading = f"{sheet.kind_label} at {sheet.company}: {sheet.position}"
    facts = [_e(f) for f in sheet.facts]
    if sheet.location_href and facts:
        facts[-1] = _link(sheet.facts[-1], sheet.location_href)
    body = [f"<header><h1>{_e(heading)}</h1>", f'<p class="facts">{" · ".join(facts)}</p></header>']
    if sheet.run_sheet or sheet.run_sheet_warnings:
        rows = "".join(
            f"<tr><td>{_e(r.time)}</td><td>{_e(r.who)}"
            + (f' <span class="meta">({_e(r.note)})</span>' if r.note else "")
            + "</td></tr>"
            for r in sheet.run_sheet
        )
        table = f"<table><tbody>{rows}</tbody></table>" if rows else ""
        warnings = "".join(f'<p class="warning">{_e(w)}</p>' for w in sheet.run_sheet_warnings)
        body.append(f"<section><h2>Run sheet</h2>{table}{warnings}</section>")
    if sheet.research:
        body.append(
            '<section><h2>What you know about the company</h2><div class="research">'
            f"{research_html(sheet.research)}</div></section>"
        )
    if not sheet.people:
        body.append("<p>No interviewers yet: add the people you will meet to get a plan.</p>")
    body += [_person(p) for p in sheet.people]
    rest = []
    if sheet.backlog or sheet.backlog_more:
        items = "".join(
            f"<li>{_e(text)} <span class='meta'>({_e(reason)})</span></li>" for text, reason in sheet.backlog
        )
        if sheet.backlog_more:
            items += f"<li>...and {sheet.backlog_more} more in the backlog.</li>"
        rest.append(f"<h2>If there is time left</h2><ul>{items}</ul>")
    if sheet.settled:
        items = "".join(
            f"<li><p>{_e(x.text)} <span class='meta'>({_e(x.where)})</span></p>"
            + (f'<p class="settled-notes">What you noted: {_e(x.notes)}</p>' if x.notes else "")
            + "</li>"
            for x in sheet.settled
        )
        rest.append(f"<h2>Already settled</h2><ul>{items}</ul>")
    if rest:
        body.append('<section class="rest">' + "".join(rest) + "</section>")
    body.append(f"<footer>Times are in {_e(sheet.time_zone)}. Made {_e(sheet.generated)}.</footer>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Prep sheet: {_e(heading)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
