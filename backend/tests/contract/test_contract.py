"""The OpenAPI document says what the server does: what it refuses, the headers it sends, the
problem types it answers with, and how a generated client finds and calls it."""

import re

import pytest

from secondround.api.problems import problem_types
from tests.support.accounts import unique_email
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_question, create_round, create_world
from tests.support.routes import api_routes


@pytest.fixture
def user(module_user):
    return module_user


@pytest.fixture(scope="module")
def world(module_user):
    return create_world(module_user)


@pytest.fixture(scope="module")
def spec(app) -> dict:
    return app.openapi()


def operations(spec: dict):
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            yield path, method, op


def schema_of(spec: dict, name: str) -> dict:
    return spec["components"]["schemas"][name]


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# 1. What the schema lets through is what the server accepts.


def test_parameters_are_never_declared_nullable(spec):
    """A query or header value cannot be null, so If-Match and filters are plain strings."""
    for path, method, op in operations(spec):
        for parameter in op.get("parameters", []):
            assert "anyOf" not in parameter["schema"], (method, path, parameter["name"])
    if_match = next(
        p
        for p in spec["paths"]["/api/v1/applications/{application_id}"]["patch"]["parameters"]
        if p["name"] == "if-match"
    )
    assert if_match["schema"]["type"] == "string"


def test_date_bounds_are_valid_json_schema_and_explained_to_people(spec, user):
    assert not [node for node in walk(spec) if "ge" in node or "le" in node]
    decision = schema_of(spec, "RoundCreate")["properties"]["decision_expected_by"]["anyOf"][0]
    assert decision["format"] == "date" and re.match(decision["pattern"], "2026-12-04")
    assert not re.match(decision["pattern"], "0001-01-01") and not re.match(decision["pattern"], "3000-01-01")
    # Issue 15: 1970 to 2200, as the 422 says; 1900-01-02 and 2999-12-30 were stored before.
    for outside in ("1900-01-02", "1969-12-31", "2201-01-01", "2999-12-30"):
        assert not re.match(decision["pattern"], outside)
    assert re.match(decision["pattern"], "1970-01-01") and re.match(decision["pattern"], "2200-12-31")
    application = create_application(user)
    for field, value in [
        ("decision_expected_by", "1899-12-31"),
        ("decision_expected_by", "2999-12-30"),
        ("scheduled_at", "1900-01-02T10:00:00Z"),
        ("scheduled_at", "2999-12-30T10:00"),
        ("follow_up_on", "2201-01-01"),
    ]:
        r = user.post(f"/api/v1/applications/{application['id']}/rounds", json={field: value})
        problem = assert_problem(r, 422)
        assert "between the years 1970 and 2200" in problem["errors"][0]["message"], (field, value, problem)
        assert "datetime" not in problem["detail"]
    wall_clock = schema_of(spec, "RoundCreate")["properties"]["scheduled_at"]["anyOf"]
    assert all(not re.match(p["pattern"], "2999-12-30T10:00") for p in wall_clock if "pattern" in p)
    # Each bound is accepted (apart: a decision date before the interview is refused, rounds/date_rules.py).
    bounds = ({"scheduled_at": "2200-12-31T10:00", "time_zone": "Europe/Oslo"}, {"decision_expected_by": "1970-01-01"})
    for ok in bounds:
        assert user.post(f"/api/v1/applications/{application['id']}/rounds", json=ok).status_code == 201


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/applications", {"company": "A", "position": "B", "salary_min": False}, "salary_min"),
        ("/api/v1/applications", {"company": "A", "position": "B", "salary_max": "100"}, "salary_max"),
        ("/api/v1/questions", {"direction": "ask", "text": "Q?", "category": "teamwork", "archived": 0}, "archived"),
        (
            "/api/v1/questions",
            {"direction": "ask", "text": "Q?", "category": "teamwork", "archived": "yes"},
            "archived",
        ),
        (
            "/api/v1/questions",
            {"direction": "ask", "text": "Q?", "category": "teamwork", "importance": True},
            "importance",
        ),
        ("/api/v1/roles", {"name": "R", "focus": {"teamwork": True}}, "focus.teamwork"),
    ],
)
def test_booleans_are_not_integers_and_integers_not_booleans(user, url, body, field):
    problem = assert_problem(user.post(url, json=body), 422)
    assert [e["field"] for e in problem["errors"]] == [field]


def test_lax_mode_stays_where_json_has_no_type_of_its_own(user):
    # 5.0 is an integer in JSON; dates and enums arrive as text.
    r = user.post("/api/v1/applications", json={"company": "A", "position": "B", "salary_min": 5.0})
    assert r.status_code == 201 and r.json()["salary_min"] == 5


@pytest.mark.parametrize("text", ["   ", "\t\n", "\u3000"])
def test_blank_text_is_refused_as_the_schema_says(spec, user, text):
    assert_problem(user.post("/api/v1/applications", json={"company": text, "position": "B"}), 422)
    pattern = schema_of(spec, "ApplicationCreate")["properties"]["company"]["pattern"]
    assert not re.search(pattern, text) and re.search(pattern, " Acme ")


def test_nul_is_refused_and_the_document_says_so(spec, user):
    assert_problem(user.post("/api/v1/applications", json={"company": "a\x00b", "position": "B"}), 422)
    assert "NUL" in spec["info"]["description"]


# Issue 15: every C0 control character and DEL but tab and line breaks, in every kind of text.
CONTROLS = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_are_refused_in_every_text(spec, user, char):
    for body in (
        {"company": f"a{char}b", "position": "B"},
        {"company": "A", "position": "B", "location": f"Os{char}lo"},
        {"company": "A", "position": "B", "notes": f"line one\nline{char}two"},
    ):
        problem = assert_problem(user.post("/api/v1/applications", json=body), 422)
        assert "control character" in problem["errors"][0]["message"]
    assert "control character" in " ".join(spec["info"]["description"].split())


def test_tab_and_line_breaks_are_still_text(user):
    r = user.post("/api/v1/applications", json={"company": "A\tB", "position": "B", "notes": "one\r\ntwo\nthree"})
    assert r.status_code == 201, r.text


# U+200B zero-width space, U+3164 Hangul filler, U+2800 blank Braille pattern, tag characters,
# U+FEFF, U+2060 word joiner, a lone combining mark, and a mix with whitespace.
INVISIBLE = ["\u200b", "\u3164", "\u2800", "\U000e0041\U000e0042", "\ufeff", "\u2060", "\u0301", " \u200b\u3164 "]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_only_names_count_as_blank(user, text):
    assert_problem(user.post("/api/v1/applications", json={"company": text, "position": "B"}), 422)
    assert_problem(user.post("/api/v1/roles", json={"name": text, "focus": {"teamwork": 1.0}}), 422)
    # With something visible it is a name.
    assert user.post("/api/v1/applications", json={"company": f"A{text}", "position": "B"}).status_code == 201


@pytest.mark.parametrize("domain", ["example.test", "printer.local", "localhost", "x.invalid", "y.onion"])
def test_special_use_email_domains_are_refused_as_the_schema_says(spec, client, domain):
    email = f"ana@{domain}"
    r = client.post("/api/v1/auth/register", json={"email": email, "password": "a long passphrase"})
    assert_problem(r, 422)
    pattern = schema_of(spec, "RegisterRequest")["properties"]["email"]["pattern"]
    assert not re.search(pattern, email) and re.search(pattern, unique_email())


def test_a_bad_cursor_is_a_documented_400(spec, app, user):
    for route in api_routes(app):
        op = spec["paths"][route.path][route.method.lower()]
        if any(p["name"] == "cursor" for p in op.get("parameters", [])):
            assert "400" in op["responses"], route
    assert_problem(user.get("/api/v1/applications", params={"cursor": "not-a-cursor"}), 400)


# 2. What the server sends is in the contract.


def test_resource_headers_are_declared(spec):
    for path, method, op in operations(spec):
        responses = op["responses"]
        if method == "post" and "201" in responses and path != "/api/v1/me/calendar-token":
            assert "Location" in responses["201"].get("headers", {}), path
        if method == "get" and op["operationId"].endswith("-list"):
            assert "Link" in responses["200"]["headers"], path
        if method in ("get", "patch") and "{" in path.rsplit("/", 1)[-1]:
            assert "ETag" in responses["200"]["headers"], (method, path)
        for code in ("429", "503"):
            if code in responses:
                assert "Retry-After" in responses[code]["headers"], (method, path)


def test_headers_sent_on_reads_are_declared(spec, app, user, world):
    """Walk every GET: an ETag, Link or Location the server sends is declared on that response."""
    for route in api_routes(app):
        if route.method != "GET" or route.path.endswith("calendar.ics"):
            continue
        r = user.get(route.url(world.path_ids), params={"limit": 1} if route.name.startswith("list") else None)
        declared = spec["paths"][route.path]["get"]["responses"][str(r.status_code)].get("headers", {})
        for header in ("ETag", "Link", "Location"):
            if header.lower() in r.headers:
                assert header in declared, (route.path, header)


def test_busy_answers_are_declared_everywhere(spec):
    for path, method, op in operations(spec):
        assert "503" in op["responses"], (method, path)
        if not path.startswith("/api/v1/health"):
            assert "Retry-After" in op["responses"]["429"]["headers"], (method, path)


def test_creates_link_to_the_operations_on_what_they_created(spec):
    links = spec["paths"]["/api/v1/applications"]["post"]["responses"]["201"]["links"]
    assert {"applications-get", "applications-update", "applications-delete", "rounds-create"} <= set(links)
    assert links["applications-get"]["parameters"] == {"application_id": "$response.body#/id"}
    for path, _method, op in operations(spec):
        if op["operationId"].endswith("-create") and "{" not in path.rsplit("/", 1)[-1]:
            assert op["responses"]["201"].get("links"), path


def test_problem_types_are_listed_and_each_has_a_page(spec, client):
    enum = schema_of(spec, "Problem")["properties"]["type"]["enum"]
    assert set(enum) == {"about:blank"} | {f"/problems/{slug}" for slug in problem_types()}
    assert {"/problems/validation-error", "/problems/not-found", "/problems/malformed-json"} <= set(enum)
    for uri in enum[1:]:
        page = client.get(uri)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), uri
        assert "<h1>" in page.text and "HTTP status" in page.text
    assert_problem(client.get("/problems/no-such-problem"), 404)


# 3. A client generator finds its way.


def test_public_operations_say_so_and_the_rest_name_their_schemes(spec):
    public = {p + ":" + m for p, m, op in operations(spec) if op["security"] == []}
    assert public == {
        "/api/v1/auth/register:post",
        "/api/v1/auth/login:post",
        "/api/v1/auth/token:post",
        # A password reset starts from a forgotten password, and its link is the credential.
        "/api/v1/auth/password-reset:post",
        "/api/v1/auth/password-reset/confirm:post",
        # The reminder's unsubscribe link works without signing in (RFC 8058 one-click); its token says whose.
        "/api/v1/mail/unsubscribe:post",
        "/api/v1/calendar.ics:get",
        # The export document's JSON Schema: documentation, like the OpenAPI document.
        "/api/v1/export/schema.json:get",
        # OAuth apps authenticate themselves (client_id, a secret or PKCE), not an account.
        "/api/v1/oauth/token:post",
        "/api/v1/oauth/revoke:post",
        "/api/v1/health:get",
        "/api/v1/health/ready:get",
    }


def test_servers_tags_descriptions_and_examples(spec):
    assert spec["servers"] == [{"url": "/", "description": "This server; paths start with /api/v1"}]
    assert spec["info"]["contact"] and spec["info"]["license"]
    tags = {t["name"]: t for t in spec["tags"]}
    for path, method, op in operations(spec):
        assert op["summary"] and op["description"], (method, path)
        assert set(op["tags"]) <= set(tags), (method, path)
        for media in op.get("requestBody", {}).get("content", {}).values():
            body = media["schema"]
            if body.get("type") == "string":  # a file sent as is (the round import's .ics): its example is the media's
                assert media.get("example"), (method, path)
                continue
            ref = body.get("$ref") or body.get("anyOf", [{}])[0].get("$ref")
            # A schema written in place (the one-click unsubscribe form) carries its examples itself.
            assert (schema_of(spec, ref.rsplit("/", 1)[-1]) if ref else body).get("examples"), (method, path)
    assert all(t["description"] for t in tags.values())


def test_login_and_token_say_who_they_are_for(spec):
    assert "For the web app in a browser" in spec["paths"]["/api/v1/auth/login"]["post"]["description"]
    assert "For scripts" in spec["paths"]["/api/v1/auth/token"]["post"]["description"]


# 4. The prep sheet has its own operation (Markdown, or HTML for printing); the plan is JSON only.


def test_plan_is_json_only_and_the_prep_sheet_is_markdown_or_html(spec):
    plan = spec["paths"]["/api/v1/rounds/{round_id}/plan"]["get"]
    assert list(plan["responses"]["200"]["content"]) == ["application/json"]
    assert [p["name"] for p in plan.get("parameters", [])] == ["round_id", "backlog_limit"]  # no format
    sheet = spec["paths"]["/api/v1/rounds/{round_id}/prep-sheet"]["get"]
    # Markdown first: the default, what a client that sends no Accept (or */*) gets.
    assert list(sheet["responses"]["200"]["content"]) == ["text/markdown", "text/html"]
    assert "Vary" in sheet["responses"]["200"]["headers"] and "406" in sheet["responses"]


# 5. PATCH on a round question changes only what is sent.


def test_pin_first_then_record_the_status_later(user):
    round_ = create_round(user, create_application(user)["id"])
    question = create_question(user)
    url = f"/api/v1/rounds/{round_['id']}/questions/{question['id']}"
    pinned = user.patch(url, json={"pinned": True})
    assert pinned.status_code == 201 and pinned.headers["location"] == url and pinned.headers["etag"]
    assert (pinned.json()["pinned"], pinned.json()["status"]) == (True, "planned")
    answered = user.patch(
        url, json={"status": "answered", "answer_notes": "Clear goals."}, headers={"If-Match": pinned.headers["etag"]}
    )
    assert answered.status_code == 200, answered.text
    assert (answered.json()["pinned"], answered.json()["status"]) == (True, "answered")
    assert_problem(user.patch(url, json={"status": "asked"}, headers={"If-Match": pinned.headers["etag"]}), 412)
    assert_problem(user.patch(url, json={"pinned": None}), 422)


# 7. Unknown query parameters are refused; applications filter on what integrators match.


def test_unknown_query_parameters_are_a_422_naming_them(app, user, world):
    for route in api_routes(app):
        if route.method != "GET":
            continue
        problem = assert_problem(user.get(route.url(world.path_ids), params={"colour": "blue"}), 422)
        assert [(e["field"], e["location"]) for e in problem["errors"]] == [("colour", "query")], route.path


def test_applications_filter_by_status_job_url_and_source(user):
    url = f"https://jobs.example.com/{unique_email('job')}"
    wanted = create_application(user, job_url=url, source="Job Board X", status="wishlist")
    create_application(user, job_url=url + "-other", source="Referral")

    def ids(**params) -> list[str]:
        r = user.get("/api/v1/applications", params={"limit": 200, **params})
        assert r.status_code == 200, r.text
        return [a["id"] for a in r.json()["items"]]

    assert ids(job_url=url) == [wanted["id"]]
    assert wanted["id"] in ids(source="job board x")
    assert ids(job_url=url, status="applied") == []
