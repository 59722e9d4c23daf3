"""The prep sheet, complete: everything the user recorded about the round and its people, in
Markdown and as self-contained printable HTML (same content), with local times; the choice between
them by `Accept`."""

import re
import uuid
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from secondround.api.negotiation import choose
from secondround.plans import prep_sheet, prep_sheet_html, prep_sheet_markdown
from secondround.plans.schemas import (
    BacklogEntryRead,
    ExcludedEntryRead,
    ExpectedQuestionRead,
    InterviewerPlanRead,
    PlannedQuestionRead,
    RoundPlanRead,
    RunSheetRead,
)
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round, roles_by_name

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


class _Text(HTMLParser):
    """The text a reader sees, plus every tag and attribute, to check what the HTML can do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag) -> None:
        self._in_style = False

    def handle_data(self, data) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def visible_text(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def _question(text: str, **fields) -> PlannedQuestionRead:
    return PlannedQuestionRead(
        question_id=uuid.uuid4(),
        text=text,
        category=fields.pop("category", "job_description"),
        minutes=fields.pop("minutes", 2),
        score=0.8,
        pinned=fields.pop("pinned", False),
        reasons=fields.pop("reasons", ["matches the supervisor's focus on the job description"]),
        **{"closing": False, "assigned": False, "recurring": False} | fields,
    )


def _person(name: str, **fields) -> InterviewerPlanRead:
    defaults = dict(
        interviewer_id=uuid.uuid4(),
        name=name,
        title=None,
        greeting=None,
        role_id=None,
        role_name=None,
        goals=None,
        email=None,
        phone=None,
        profile_url=None,
        notes=None,
        minutes_available=10,
        minutes_planned=0,
        question_minutes_suggested=False,
        meeting_minutes=None,
        meeting_minutes_estimated=False,
        break_after_minutes=0,
        starts_at=None,
        ends_at=None,
        deciding=False,
        questions=[],
        expect=[],
    )
    return InterviewerPlanRead.model_validate(defaults | fields)


def _sample_plan() -> RoundPlanRead:
    dana = _person(
        "Dana Ortega",
        title="Head of analytics",
        greeting="Ms. Ortega",
        role_name="Supervisor",
        goals="Deadlines and efficiency.",
        email="dana@acme.example",
        phone="+49 30 1234-567",
        profile_url="https://www.linkedin.com/in/dana-ortega",
        notes="Built the data team in 2021.\nLikes concrete numbers.",
        minutes_planned=4,
        questions=[_question("What would a typical week look like?", pinned=True)],
        expect=[
            ExpectedQuestionRead(
                question_id=uuid.uuid4(),
                text="Tell me about a project you are proud of.",
                category="skills_experience",
                score=0.9,
                prepared_answer="The churn model: reporting went from days to hours.",
                prepared_answer_source="application",
                tip=None,
            ),
            ExpectedQuestionRead(
                question_id=uuid.uuid4(),
                text="Why do you want to leave?",
                category="long_term_goals",
                score=0.5,
                prepared_answer=None,
                prepared_answer_source=None,
                tip="Say what you want to move towards, not what you leave.",
            ),
        ],
    )
    olu = _person("Olu Bakare", role_name="Owner / executive", questions=[_question("What is the salary range?")])
    return RoundPlanRead(
        round_id=uuid.uuid4(),
        generated_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
        time_zone="Europe/Oslo",
        run_sheet=RunSheetRead(
            starts_at=None, ends_at=None, duration_minutes=None, planned_minutes=0, overrun_minutes=0, warnings=[]
        ),
        interviewers=[dana, olu],
        closing_interviewer_id=olu.interviewer_id,
        backlog_total=1,
        backlog=[BacklogEntryRead(question_id=uuid.uuid4(), text="How is success measured?", reason="no time left")],
        excluded=[
            ExcludedEntryRead(
                question_id=uuid.uuid4(),
                text="What are the working hours?",
                reason="already answered in round 1",
                round_id=uuid.uuid4(),
                round_sequence=1,
                answer_notes=None,
            )
        ],
    )


FACTS = prep_sheet.SheetFacts(
    company="Halvorsen Research",
    position="Data analyst",
    kind="second",
    sequence=2,
    scheduled_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    duration_minutes=120,
    location="https://meet.example/halvorsen",
    company_research="Founded in **1999**; a [site](https://halvorsen.example).",
    time_zone="Europe/Berlin",
)


def test_both_sheets_carry_everything_you_recorded_in_local_time():
    sheet = prep_sheet.build(_sample_plan(), FACTS)
    markdown = prep_sheet_markdown.render(sheet)
    html = prep_sheet_html.render(sheet)
    text = visible_text(html)
    expected = [
        "Second interview at Halvorsen Research: Data analyst",
        # 09:00 UTC is 10:00 in Berlin in December; the zone is named.
        "Tuesday 1 December 2026, 10:00–12:00 CET (Europe/Berlin) (120 min)",
        "https://meet.example/halvorsen",
        "Ms. Ortega",
        "Deadlines and efficiency.",
        "https://www.linkedin.com/in/dana-ortega",
        "dana@acme.example",
        "+49 30 1234-567",
        "Built the data team in 2021.",
        "Likes concrete numbers.",
        "What would a typical week look like?",
        "Why: matches the supervisor's focus on the job description.",
        "Tell me about a project you are proud of.",
        # The answer that applies, saying whose it is; a tip is shown, and is not an answer.
        "Your answer for Halvorsen Research: The churn model: reporting went from days to hours.",
        "Why do you want to leave?",
        prep_sheet.NO_ANSWER_YET,
        "Tip: Say what you want to move towards, not what you leave.",
        "What is the salary range?",
        "How is success measured?",
        "What are the working hours?",
        "Times are in Europe/Berlin. Made Monday 30 November 2026, 09:00 CET (Europe/Berlin).",
    ]
    for piece in expected:
        assert piece in markdown, piece
        assert piece in text, piece
    assert "UTC" not in text and "UTC" not in markdown
    # The same order in both: people in meeting order, then what is left and what is settled.
    for document in (markdown, text):
        assert (
            document.index("Dana Ortega")
            < document.index("Olu Bakare")
            < document.index("If there is time left")
            < document.index("Already settled")
        )
    # Links: the profile and the place as pages, the email as mailto, the phone as tel.
    assert "<https://www.linkedin.com/in/dana-ortega>" in markdown and "<dana@acme.example>" in markdown
    hrefs = [dict(attrs).get("href") for tag, attrs in parse(html).tags if tag == "a"]
    assert {
        "https://www.linkedin.com/in/dana-ortega",
        "mailto:dana@acme.example",
        "tel:+49301234567",
        "https://meet.example/halvorsen",
        "https://halvorsen.example",
    } <= set(hrefs)
    # The research keeps its formatting in HTML.
    assert "<strong>1999</strong>" in html


def test_the_html_is_one_self_contained_document():
    html = prep_sheet_html.render(prep_sheet.build(_sample_plan(), FACTS))
    parsed = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    tags = [tag for tag, _ in parsed.tags]
    # Nothing that loads or runs anything: no script, stylesheet link, image, frame, font or form.
    assert not {"script", "link", "img", "iframe", "object", "embed", "form", "base", "svg"} & set(tags)
    assert tags.count("style") == 1 and "".join(parsed.styles) == prep_sheet_html.STYLE
    assert not [a for _, attrs in parsed.tags for a, _ in attrs if a in ("style", "src") or a.startswith("on")]
    assert "url(" not in prep_sheet_html.STYLE and "@import" not in prep_sheet_html.STYLE
    # Printing: each person after the first starts a page; the paper size is the printer's (A4 or Letter).
    page_rule = re.search(r"@page\{[^}]*\}", prep_sheet_html.STYLE)
    assert ".person~.person{break-before:page}" in prep_sheet_html.STYLE and page_rule and "size" not in page_rule[0]
    assert html.count('<section class="person">') == 2


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "text/markdown"),
        ("", "text/markdown"),
        ("*/*", "text/markdown"),
        ("text/*", "text/markdown"),
        ("text/markdown", "text/markdown"),
        ("text/html", "text/html"),
        ("text/markdown, text/html", "text/markdown"),
        ("text/html, text/markdown", "text/markdown"),  # a tie goes to the default
        ("text/markdown;q=0.5, text/html", "text/html"),
        ("TEXT/HTML", "text/html"),
        (BROWSER_ACCEPT, "text/html"),
        ("text/html;q=0, */*", "text/markdown"),
        ("application/json", None),
        ("text/plain", None),
        ("text/markdown;q=0, text/html;q=0", None),
        ("*/*;q=0", None),
        ("garbage", "text/markdown"),  # nothing readable: as if no Accept was sent
        ("text/html;q=nonsense", "text/markdown"),
    ],
)
def test_accept_chooses_the_representation(accept, chosen):
    assert choose(accept, ("text/markdown", "text/html")) == chosen


def test_the_endpoint_negotiates_and_refuses_what_it_cannot_send(user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    markdown = user.get(url)
    assert markdown.status_code == 200 and markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.headers["vary"] == "Accept"
    html = user.get(url, headers={"Accept": BROWSER_ACCEPT})
    assert html.status_code == 200 and html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["vary"] == "Accept" and html.text.startswith("<!DOCTYPE html>")
    # Its own policy: the inline style by hash only, nothing else loads, only the app may frame it.
    policy = html.headers["content-security-policy"]
    assert policy == prep_sheet_html.csp()
    assert f"style-src '{prep_sheet_html.STYLE_HASH}'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'self'" in policy
    problem = assert_problem(user.get(url, headers={"Accept": "application/json"}), 406)
    assert problem["type"] == "/problems/not-acceptable" and "text/markdown or text/html" in problem["detail"]
    assert user.get("/problems/not-acceptable").status_code == 200
    # The round's owner only, whatever the format.
    other = create_round(user, create_application(user)["id"])["id"]
    assert user.get(f"/api/v1/rounds/{other}/prep-sheet", headers={"Accept": "text/html"}).status_code == 200


def test_someone_elses_sheet_is_a_404_in_any_format(user, other_user):
    url = f"/api/v1/rounds/{create_round(user, create_application(user)['id'])['id']}/prep-sheet"
    for accept in ("text/html", "text/markdown", "application/json"):
        assert_problem(other_user.get(url, headers={"Accept": accept}), 404)


def test_the_plan_carries_what_you_recorded_about_each_person(user):
    round_ = create_round(user, create_application(user)["id"])
    supervisor = roles_by_name(user)["Supervisor"]
    create_interviewer(
        user,
        round_["id"],
        name="Dana Ortega",
        role_id=supervisor["id"],
        email="dana@acme.example",
        profile_url="https://www.linkedin.com/in/dana-ortega",
        notes="Built the data team in 2021.\nLikes concrete numbers.",
    )
    create_interviewer(user, round_["id"], name="Kim Lee")
    dana, kim = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()["interviewers"]
    assert (dana["email"], dana["profile_url"]) == ("dana@acme.example", "https://www.linkedin.com/in/dana-ortega")
    assert dana["notes"] == "Built the data team in 2021.\nLikes concrete numbers."
    assert (kim["email"], kim["phone"], kim["profile_url"], kim["notes"]) == (None, None, None, None)

    # Both sheets over HTTP print them.
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    markdown = user.get(url).text
    text = visible_text(user.get(url, headers={"Accept": "text/html"}).text)
    for piece in ("dana@acme.example", "https://www.linkedin.com/in/dana-ortega", "Likes concrete numbers."):
        assert piece in markdown and piece in text
    assert "**Your notes:** Built the data team in 2021. Likes concrete numbers." in markdown


def test_an_expected_question_without_an_answer_prompts_you_to_prepare_one(user):
    round_ = create_round(user, create_application(user)["id"])
    create_interviewer(user, round_["id"], name="Dana Ortega", role_id=roles_by_name(user)["Supervisor"]["id"])
    create_question(
        user, direction="expect", text="Walk me through your CV.", category="skills_experience", importance=5
    )
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    markdown = user.get(url).text
    assert re.search(r"- Walk me through your CV\. \(.*\)\n    - \*\*No answer prepared yet", markdown)
    html = user.get(url, headers={"Accept": "text/html"}).text
    assert '<p class="missing">No answer prepared yet: write one down before the interview.</p>' in html


def test_local_times_and_the_run_sheet_on_both_sheets(user):
    roles = roles_by_name(user)
    round_ = create_round(
        user,
        create_application(user, company="Halvorsen Research", position="Data analyst")["id"],
        kind="second",
        scheduled_at="2026-12-01T10:00:00",  # a wall-clock time, read in the round's zone
        time_zone="Europe/Berlin",
        duration_minutes=120,
    )
    create_interviewer(
        user,
        round_["id"],
        name="Dana Ortega",
        title="Head of analytics",
        role_id=roles["Supervisor"]["id"],
        phone="+49 30 1234-567",
        meeting_minutes=40,
        break_after_minutes=5,
    )
    create_interviewer(
        user, round_["id"], name="Olu Bakare", role_id=roles["Owner / executive"]["id"], break_after_minutes=10
    )
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    markdown = user.get(url).text
    html = user.get(url, headers={"Accept": "text/html"}).text
    text = visible_text(html)
    for piece in (
        "Tuesday 1 December 2026, 10:00–12:00 CET (Europe/Berlin) (120 min)",
        # The run sheet: Dana for the 40 minutes set, a break, then Olu for the rest of the round
        # (estimated); no break after the last person.
        "10:00–10:40 (40 min)",
        "Dana Ortega, Head of analytics",
        "then a 5 min break",
        "10:45–12:00 (75 min, estimated)",
        "+49 30 1234-567",
        "Times are in Europe/Berlin.",
    ):
        assert piece in markdown, piece
        assert piece in text, piece
    assert "- 10:00–10:40 (40 min): Dana Ortega, Head of analytics (then a 5 min break)" in markdown
    assert "- 10:45–12:00 (75 min, estimated): Olu Bakare\n" in markdown
    assert "- **When:** 10:00–10:40 (40 min)" in markdown and "10 min break" not in markdown
    assert "UTC" not in markdown and "09:00" not in markdown
    assert 'href="tel:+49301234567"' in html
    # The day's times first, then the research, then the people.
    assert markdown.index("## Run sheet") < markdown.index("## 1. Dana Ortega")
    assert text.index("Run sheet") < text.index("1. Dana Ortega")


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("+49 30 1234-567", "tel:+49301234567"),
        ("(030) 123 45", "tel:03012345"),
        ("+49 30 1234 x 12", "tel:+49301234;ext=12"),  # the extension is not dialled as part of the number
        ("030 123 ext. 7", "tel:030123;ext=7"),
        ("12", None),  # too short to be a number anyone can call
    ],
)
def test_a_phone_number_becomes_a_tel_link(phone, uri):
    details = (
        prep_sheet.build(_sample_plan().model_copy(update={"interviewers": [_person("Dana", phone=phone)]}), FACTS)
        .people[0]
        .details
    )
    assert [(d.text, d.href) for d in details if d.label == "Phone"] == [(phone, uri)]


NEXT_PANEL = "Who will I meet next, and what are their roles?"
DECISION = "What are the next steps after today, and when can I expect to hear from you?"
HOURS = "What are the working hours, and how does remote or on-site work happen here?"


def _seed_panel(user, round_id: str) -> None:
    roles = roles_by_name(user)
    for name, role in (("Dana Ortega", "Supervisor"), ("Luis Ferrer", "Owner / executive"), ("Kim Lee", "Co-worker")):
        create_interviewer(user, round_id, name=name, role_id=roles[role]["id"], question_minutes=10)


def _bank(user) -> dict[str, dict]:
    return {q["text"]: q for q in user.get("/api/v1/questions", params={"limit": 200}).json()["items"]}


def _section(markdown: str, heading: str) -> str:
    """One person's section of the Markdown sheet: from their heading to the next `## `."""
    start = markdown.index(heading)
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def test_the_closing_block_is_marked_apart_with_the_last_person(user):
    round_ = create_round(user, create_application(user)["id"])
    _seed_panel(user, round_["id"])
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    markdown = user.get(url).text
    assert "(Owner / executive, decides)" in _section(markdown, "## 2. Luis Ferrer")
    last = _section(markdown, "## 3. Kim Lee")
    # The last person's own questions, then the closing block under its heading, numbered on, the
    # decision date last; nobody else has one.
    asked, closing = last.split("### To close, at the end")
    assert "### Ask, in this order" in asked and NEXT_PANEL not in asked and DECISION not in asked
    last_asked = max(int(n) for n in re.findall(r"^(\d+)\. ", asked, re.MULTILINE))
    assert re.search(rf"^{last_asked + 1}\. {re.escape(NEXT_PANEL)} · 1 min$", closing, re.MULTILINE)
    assert re.search(rf"^{last_asked + 2}\. {re.escape(DECISION)} · 1 min$", closing, re.MULTILINE)
    assert closing.index(NEXT_PANEL) < closing.index(DECISION) < closing.index("### Be ready for")
    assert markdown.count("### To close, at the end") == 1
    # The HTML: the same block, boxed, in the owner's section, after their questions.
    html = user.get(url, headers={"Accept": "text/html"}).text
    sections = re.findall(r'<section class="person">.*?</section>', html)
    assert [('class="closing"' in s) for s in sections] == [False, False, True]
    block = re.search(r'<div class="closing"><h3>To close, at the end</h3><ol start="(\d+)">(.*?)</ol></div>', html)
    assert block and int(block[1]) == last_asked + 1
    assert block[2].index(NEXT_PANEL) < block[2].index(DECISION)
    assert sections[2].index("Ask, in this order") < sections[2].index("To close, at the end")


def test_a_question_you_gave_to_someone_says_so(user):
    round_ = create_round(user, create_application(user)["id"])
    _seed_panel(user, round_["id"])
    kim = user.get(f"/api/v1/rounds/{round_['id']}/interviewers").json()["items"][2]
    hours = _bank(user)[HOURS]
    r = user.put(f"/api/v1/rounds/{round_['id']}/questions/{hours['id']}", json={"interviewer_id": kim["id"]})
    assert r.status_code == 201, r.text
    url = f"/api/v1/rounds/{round_['id']}/prep-sheet"
    assert f"{HOURS} (given to them by you) · 1 min" in _section(user.get(url).text, "## 3. Kim Lee")
    assert (
        f'{HOURS} <span class="meta">· 1 min · given to them by you</span>'
        in user.get(url, headers={"Accept": "text/html"}).text
    )


def test_what_earlier_rounds_answered_comes_with_your_notes(user):
    application = create_application(user)
    first = create_round(user, application["id"])
    second = create_round(user, application["id"])
    _seed_panel(user, second["id"])
    bank = _bank(user)
    notes = "Four days in the office, Fridays at home.\nCore hours 10 to 4."
    for text, body in (
        (HOURS, {"status": "answered", "answer_notes": notes}),
        ("What would a typical week look like for me in this role?", {"status": "answered"}),
        (DECISION, {"status": "answered", "answer_notes": "Within two weeks."}),
    ):
        r = user.put(f"/api/v1/rounds/{first['id']}/questions/{bank[text]['id']}", json=body)
        assert r.status_code == 201, r.text
    url = f"/api/v1/rounds/{second['id']}/prep-sheet"
    markdown = user.get(url).text
    settled = markdown[markdown.index("## Already settled") :]
    assert (
        f"- {HOURS}: answered in round 1\n"
        "    - What you noted: Four days in the office, Fridays at home. Core hours 10 to 4.\n"
    ) in settled
    # Answered without notes: listed, with nothing made up.
    assert "- What would a typical week look like for me in this role?: answered in round 1\n" in settled
    # The decision date is asked every round: never settled by round 1's answer, it closes again.
    assert DECISION not in settled and DECISION in _section(markdown, "## 3. Kim Lee")
    html = user.get(url, headers={"Accept": "text/html"}).text
    rest = html[html.index("<h2>Already settled</h2>") :]
    assert f"{HOURS} <span class='meta'>(answered in round 1)</span>" in rest
    # In HTML the notes keep their line break.
    assert '<p class="settled-notes">What you noted: Four days in the office, Fridays at home.\nCore hours' in rest
