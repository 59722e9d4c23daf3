"""The pure reading of a job posting (secondround/postings/parse.py and html_markdown.py): where a
JobPosting hides (@graph, arrays, nesting, @id references, pages with broken scripts), how each
field maps, what a wrong type becomes, and that hostile input never yields an active description."""

import json
from datetime import date

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from secondround.postings.html_markdown import html_to_markdown
from secondround.postings.parse import (
    MAX_HTML_BYTES,
    NoJobPosting,
    PostingTooLarge,
    job_postings,
    map_posting,
    read_posting,
)

pytestmark = pytest.mark.pure

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Backend engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme"},
    "url": "https://jobs.example.com/acme/backend",
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Berlin",
            "addressRegion": "BE",
            "addressCountry": "DE",
        },
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 75000, "unitText": "YEAR"},
    },
    "datePosted": "2026-11-20",
    "validThrough": "2026-12-31T23:59:59+01:00",
    "description": "<p>You will build our <b>payments</b> API.</p><ul><li>Python</li><li>PostgreSQL</li></ul>",
}


def page(*scripts: str, body: str = "<h1>Job</h1>") -> str:
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return f"<!doctype html><html><head><title>Job</title>{tags}</head><body>{body}</body></html>"


def with_(**changes) -> dict:
    return {**POSTING, **changes}


def rendered(markdown: str) -> lxml.html.HtmlElement:
    """The description as the most trusting renderer shows it: raw HTML on, every link accepted."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return lxml.html.fragment_fromstring(md.render(markdown) or "<p></p>", create_parent="div")


def assert_inert(markdown: str) -> None:
    tree = rendered(markdown)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in {"script", "style", "iframe", "img", "object", "embed", "svg"}, markdown
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), markdown
            assert name in {"href", "title"}, (name, markdown)
            if name == "href":
                assert value.lower().startswith(("http://", "https://", "mailto:")), (value, markdown)


# ------------------------------------------------------------------------------------------- finding


def test_a_plain_posting_maps_every_field():
    mapped = read_posting(POSTING)
    assert (mapped.company, mapped.position) == ("Acme", "Backend engineer")
    assert mapped.job_url == "https://jobs.example.com/acme/backend"
    assert mapped.source == "jobs.example.com"
    assert mapped.location == "Berlin, BE, DE"
    assert (mapped.salary_min, mapped.salary_max, mapped.salary_currency) == (60000, 75000, "EUR")
    assert (mapped.posted_on, mapped.closes_on) == (date(2026, 11, 20), date(2026, 12, 31))
    assert mapped.description == "You will build our **payments** API.\n\n- Python\n- PostgreSQL"
    assert mapped.notes is None and mapped.warnings == []


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, POSTING]},
        [{"@type": "BreadcrumbList"}, POSTING],
        {"@type": "WebPage", "mainEntity": {"@type": "ItemPage", "about": [POSTING]}},
        {**POSTING, "@type": ["JobPosting", "Thing"]},
        {**POSTING, "@type": "https://schema.org/JobPosting"},
        {**POSTING, "@type": "schema:JobPosting"},
    ],
    ids=["graph", "array", "nested", "type-list", "type-iri", "type-prefixed"],
)
def test_the_posting_is_found_wherever_the_document_holds_it(document):
    mapped = read_posting(document)
    assert (mapped.company, mapped.position) == ("Acme", "Backend engineer")


def test_references_by_id_are_followed_in_a_graph():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {**POSTING, "hiringOrganization": {"@id": "https://acme.example/#org"}},
            {"@type": "Organization", "@id": "https://acme.example/#org", "name": "Acme GmbH"},
        ],
    }
    assert read_posting(graph).company == "Acme GmbH"


def test_the_first_posting_in_document_order_wins():
    second = with_(title="Second")
    assert read_posting([POSTING, second]).position == "Backend engineer"
    postings, _ = job_postings({"@graph": [POSTING, second]})
    assert [p["title"] for p in postings] == ["Backend engineer", "Second"]


def test_a_page_with_broken_and_unrelated_scripts_still_gives_its_posting():
    html = page(
        "{this is not json",
        json.dumps({"@type": "Organization", "name": "Other"}),
        "<!-- a comment -->\n" + json.dumps({"@graph": [POSTING]}),
        body="<div><p>unclosed <b>tags<div></span>",
    )
    mapped = read_posting({"html": html})
    assert (mapped.company, mapped.position) == ("Acme", "Backend engineer")


def test_html_entities_in_a_pages_description_are_read_once():
    escaped = "&lt;p&gt;Fish &amp;amp; chips &lt;b&gt;daily&lt;/b&gt;&lt;/p&gt;"
    mapped = read_posting({"html": page(json.dumps(with_(description=escaped)))})
    assert mapped.description == "Fish \\& chips **daily**"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"@type": "Organization", "name": "Acme"}, "The JSON-LD holds no schema.org JobPosting"),
        ({}, "The JSON-LD holds no schema.org JobPosting"),
        ({"html": "<html><body>No data here</body></html>"}, "The page holds no schema.org JobPosting"),
        ({"html": ""}, "The page holds no schema.org JobPosting"),
        ({"html": page("{broken")}, "The page holds no schema.org JobPosting"),
        ({"html": 42}, "The html field must be the page's HTML as text."),
        (with_(title=None), "The job posting has no title"),
        (with_(hiringOrganization={"@type": "Organization"}), "names no hiring organisation"),
        (with_(hiringOrganization=["", {"name": "  "}]), "names no hiring organisation"),
    ],
    ids=[
        "other-type",
        "empty",
        "page-without",
        "empty-page",
        "broken-script",
        "html-not-text",
        "no-title",
        "no-org",
        "blank-org",
    ],
)
def test_no_job_posting_says_so_in_a_sentence(body, says):
    with pytest.raises(NoJobPosting) as raised:
        read_posting(body)
    message = str(raised.value)
    assert says in message and message.endswith(".")


def test_a_page_over_two_megabytes_is_refused_before_parsing():
    huge = page(json.dumps(POSTING), body="x" * MAX_HTML_BYTES)
    with pytest.raises(PostingTooLarge, match="larger than 2 MB"):
        read_posting({"html": huge})
    # Just under the cap is read.
    near = page(json.dumps(POSTING), body="x" * (MAX_HTML_BYTES - 2000))
    assert read_posting({"html": near}).position == "Backend engineer"


def test_deeply_nested_json_ld_costs_no_recursion():
    deep: dict = POSTING
    for _ in range(10_000):
        deep = {"@type": "Thing", "child": deep}
    with pytest.raises(NoJobPosting):  # beyond the walk's depth, so not found; but no RecursionError
        read_posting(deep)
    script = "[" * 50_000 + "]" * 50_000
    with pytest.raises(NoJobPosting):
        read_posting({"html": page(script)})


# ------------------------------------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ({"minValue": 30, "maxValue": 40}, "HOUR", (62400, 83200)),
        ({"value": 400}, "DAY", (104000, 104000)),
        ({"minValue": 1000, "maxValue": 1250}, "WEEK", (52000, 65000)),
        ({"minValue": "5000", "maxValue": "6000.50"}, "month", (60000, 72006)),
        ({"minValue": 90000, "maxValue": 80000}, "YEAR", (80000, 90000)),
        ({"value": 55000}, None, (55000, 55000)),
    ],
    ids=["hour", "day", "week", "month-as-text", "reversed", "no-unit-is-yearly"],
)
def test_salaries_become_a_yearly_range(value, unit, expected):
    quantity = {"@type": "QuantitativeValue", **value} | ({"unitText": unit} if unit else {})
    mapped = read_posting(with_(baseSalary={"@type": "MonetaryAmount", "currency": "usd", "value": quantity}))
    assert (mapped.salary_min, mapped.salary_max, mapped.salary_currency) == (*expected, "USD")
    if unit and unit.upper() != "YEAR":
        assert any("shown per year" in w for w in mapped.warnings)


def test_a_salary_without_a_sane_yearly_figure_is_kept_with_its_unit_in_the_notes():
    salary = {"currency": "EUR", "value": {"minValue": 500, "maxValue": 800, "unitText": "PROJECT"}}
    mapped = read_posting(with_(baseSalary=salary))
    assert mapped.salary_min is None and mapped.salary_max is None and mapped.salary_currency is None
    assert mapped.notes == "Salary in the posting: 500–800 EUR per project."
    assert any("kept in the notes" in w for w in mapped.warnings)


@pytest.mark.parametrize(
    "salary",
    [
        "50k",
        {"currency": "EUR", "value": "50k"},
        {"currency": "EUR", "value": {"minValue": "50k", "maxValue": 60000}},
        {"currency": "EUR", "value": {"value": True}},
        {"currency": "EUR", "value": {"value": ["a"]}},
        {"currency": "EUR", "value": {"value": "NaN"}},
        {"currency": "EUR", "value": {"value": "1e999999"}},
        12345,
    ],
    ids=["string", "value-string", "min-string", "boolean", "list", "nan", "exponent", "bare-number"],
)
def test_a_salary_of_the_wrong_type_is_left_out_with_a_warning(salary):
    mapped = read_posting(with_(baseSalary=salary))
    assert (mapped.salary_min, mapped.salary_max) == (None, None)
    assert len(mapped.warnings) == 1 and "left out" in mapped.warnings[0]


def test_an_absurd_salary_is_not_stored_as_a_yearly_one():
    salary = {"currency": "EUR", "value": {"value": 10**12, "unitText": "HOUR"}}
    mapped = read_posting(with_(baseSalary=salary))
    assert mapped.salary_max is None and mapped.notes and "per hour" in mapped.notes


def test_a_bad_currency_is_left_out_but_the_range_kept():
    mapped = read_posting(with_(baseSalary={"currency": "€uro", "value": {"value": 50000, "unitText": "YEAR"}}))
    assert (mapped.salary_min, mapped.salary_currency) == (50000, None)
    assert "ISO 4217" in mapped.warnings[0]


@pytest.mark.parametrize(
    ("posting", "location"),
    [
        (with_(jobLocationType="TELECOMMUTE", jobLocation=None), "Remote"),
        (
            with_(
                jobLocationType=["TELECOMMUTE"],
                jobLocation=None,
                applicantLocationRequirements=[{"@type": "Country", "name": "Germany"}, {"name": "Austria"}],
            ),
            "Remote (Germany, Austria)",
        ),
        (with_(jobLocationType="TELECOMMUTE"), "Remote; Berlin, BE, DE"),
        (
            with_(
                jobLocation=[
                    {"address": {"addressLocality": "Paris", "addressCountry": {"@type": "Country", "name": "FR"}}},
                    {"address": "Lyon, France"},
                    {"address": {"addressLocality": "Paris", "addressCountry": "FR"}},
                ]
            ),
            "Paris, FR; Lyon, France",
        ),
        (with_(jobLocation={"address": {"addressLocality": 42}}), "42"),
        (with_(jobLocation=None), None),
    ],
    ids=["remote", "remote-countries", "remote-and-office", "many-places", "number", "none"],
)
def test_locations(posting, location):
    assert read_posting(posting).location == location


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://x.example/a",
        "https://",
        "//x.example/a",
        42,
        "h" * 3000,
    ],
)
def test_a_url_that_is_not_a_web_address_is_left_out(url):
    mapped = read_posting(with_(url=url))
    assert mapped.job_url is None and mapped.source is None
    assert "not a web address" in mapped.warnings[0]


def test_a_url_with_spaces_or_other_scripts_is_percent_encoded():
    mapped = read_posting(with_(url=" https://jobs.example.com/développeur senior?x=<b> "))
    assert mapped.job_url == "https://jobs.example.com/d%C3%A9veloppeur%20senior?x=<b>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-11-20T08:00:00Z", date(2026, 11, 20)),
        (["2026-01-02"], date(2026, 1, 2)),
    ],
)
def test_dates_are_read_as_written(value, expected):
    assert read_posting(with_(datePosted=value)).posted_on == expected


@pytest.mark.parametrize("value", ["yesterday", "1900-01-01", "3000-01-01", 20261120, {"a": 1}])
def test_a_bad_date_is_left_out(value):
    mapped = read_posting(with_(validThrough=value))
    assert mapped.closes_on is None and "closing date" in mapped.warnings[0]


def test_long_and_dirty_text_is_clipped_and_cleaned():
    mapped = read_posting(with_(title="A\x00B\u200b\x07 " + "x" * 300, hiringOrganization="Acme &amp; Co\n"))
    # Control characters part words (as a line break would); invisible format characters go.
    assert mapped.position.startswith("A B x") and len(mapped.position) == 200 and mapped.position.endswith("…")
    assert mapped.company == "Acme & Co"
    assert len(read_posting(with_(description="<p>word </p>" * 30_000)).description or "") <= 100_000


def test_the_description_of_the_wrong_type_is_left_out():
    mapped = read_posting(with_(description={"text": "x"}))
    assert mapped.description is None and "not text" in mapped.warnings[0]


def test_map_posting_needs_no_graph():
    assert map_posting(POSTING).company == "Acme"


# ----------------------------------------------------------------------------------------- description

HOSTILE = [
    "<p>Hi</p><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<p onclick="steal()">Click</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "<style>body{display:none}</style>text",
    '<iframe src="https://evil.example"></iframe>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "[click](javascript:alert(1))",
    "<p>[click](javascript:alert(1))</p>",
    "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    "<p>a <b>b <i>c</b> d</p> <div><ul><li>x<li>y</ol>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!-- <script>alert(1)</script> -->",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<a href="https://ok.example" onmouseover="x()">fine</a>',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_descriptions_are_inert(hostile):
    markdown = html_to_markdown(hostile)
    assert "<script" not in markdown.lower()
    assert_inert(markdown)


def test_safe_links_and_formatting_survive():
    md = html_to_markdown(
        '<h2>About</h2><p>See <a href="https://acme.example/about?a=1&b=(2)">our site</a> or '
        '<a href="mailto:jobs@acme.example">mail</a>. <em>Now</em>.</p><ol><li>One</li><li>Two</li></ol>'
    )
    assert md == (
        "## About\n\nSee [our site](https://acme.example/about?a=1&b=%282%29) or [mail](mailto:jobs@acme.example). "
        "_Now_.\n\n1. One\n2. Two"
    )
    tree = rendered(md)
    assert [a.get("href") for a in tree.iter("a")] == [
        "https://acme.example/about?a=1&b=%282%29",
        "mailto:jobs@acme.example",
    ]


def test_plain_text_keeps_its_paragraphs_and_shows_markdown_characters_as_written():
    md = html_to_markdown("First line\nsecond * line\n\n1. not a list\n- nor this # or that")
    assert rendered(md).text_content().split() == "First line second * line 1. not a list - nor this # or that".split()
    assert not list(rendered(md).iter("ol", "ul", "li", "em", "h1"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "/",
                "a",
                "script",
                "img",
                " ",
                "=",
                '"',
                "'",
                "on",
                "error",
                "href",
                "javascript:",
                "&lt;",
                "&#",
                "x",
                "[",
                "]",
                "(",
                ")",
                "!",
                "\n",
                "p",
                "b",
                "li",
                "ul",
                "style",
                "src",
                "svg",
                "*",
                "`",
                "\\",
            ]
        ),  # fmt: skip
        max_size=60,
    ).map("".join)
)
def test_no_soup_of_html_pieces_makes_an_active_description(soup):
    assert_inert(html_to_markdown(soup))
