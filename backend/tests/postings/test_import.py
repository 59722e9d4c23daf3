"""POST /api/v1/applications/import (and /import/preview) over HTTP, on SQLite and PostgreSQL: a
JobPosting as JSON-LD or in a saved page makes an application (201 with Location); the same posting
URL again returns it (200); no posting, a page too large, or a full account writes nothing."""

import json
import uuid

import pytest

from tests.postings.test_parse import POSTING, page
from tests.support.assertions import assert_problem
from tests.support.parallel import Call, in_parallel, no_server_errors

APPS = "/api/v1/applications"
IMPORT = f"{APPS}/import"
PREVIEW = f"{APPS}/import/preview"


def posting(**changes) -> dict:
    return {**POSTING, "url": f"https://jobs.example.com/{uuid.uuid4().hex[:8]}", **changes}


def test_json_ld_makes_an_application_then_the_same_url_finds_it(user):
    body = posting()
    created = user.post(IMPORT, json=body)
    assert created.status_code == 201, created.text
    app = created.json()
    assert created.headers["location"] == f"{APPS}/{app['id']}" and created.headers["etag"]
    assert {k: app[k] for k in ("company", "position", "job_url", "location", "source", "status")} == {
        "company": "Acme",
        "position": "Backend engineer",
        "job_url": body["url"],
        "location": "Berlin, BE, DE",
        "source": "jobs.example.com",
        "status": "wishlist",
    }
    assert (app["salary_min"], app["salary_max"], app["salary_currency"]) == (60000, 75000, "EUR")
    assert (app["posted_on"], app["closes_on"]) == ("2026-11-20", "2026-12-31")
    assert app["description"] == "You will build our **payments** API.\n\n- Python\n- PostgreSQL"
    assert user.get(f"{APPS}/{app['id']}").json() == app

    again = user.post(IMPORT, json={**body, "title": "Changed title"})
    assert again.status_code == 200 and "location" not in again.headers
    assert again.json() == app  # the existing one, untouched
    assert len(user.get(APPS).json()["items"]) == 1


def test_a_saved_page_with_a_graph_and_entities_is_imported(user):
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Halvorsen &amp; Co"},
            posting(
                hiringOrganization={"@id": "#org"},
                description="&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                baseSalary={"currency": "GBP", "value": {"minValue": 25, "maxValue": 30, "unitText": "HOUR"}},
            ),
        ],
    }
    html = page("{broken", json.dumps(graph), body="<p>Apply <b>now")
    r = user.post(IMPORT, json={"html": html})
    assert r.status_code == 201, r.text
    app = r.json()
    assert app["company"] == "Halvorsen & Co"
    assert app["description"] == "Fish \\& chips"
    assert (app["salary_min"], app["salary_max"], app["salary_currency"]) == (52000, 62400, "GBP")


def test_preview_shows_what_would_be_saved_and_saves_nothing(user):
    body = posting(baseSalary={"currency": "EUR", "value": {"value": 4000, "unitText": "MONTH"}}, url="javascript:x")
    r = user.post(PREVIEW, json=body)
    assert r.status_code == 200, r.text
    preview = r.json()
    assert preview["existing_id"] is None and preview["existing"] is None
    draft = preview["application"]
    assert (draft["company"], draft["salary_min"], draft["job_url"], draft["status"]) == (
        "Acme",
        48000,
        None,
        "wishlist",
    )
    assert any("per month" in w for w in preview["warnings"]) and any("web address" in w for w in preview["warnings"])
    assert user.get(APPS).json()["items"] == []

    saved = user.post(IMPORT, json=posting(url="https://jobs.example.com/known")).json()
    preview = user.post(PREVIEW, json=posting(url="https://jobs.example.com/known")).json()
    assert preview["existing_id"] == saved["id"] and preview["existing"]["id"] == saved["id"]


def test_an_application_typed_in_with_the_same_url_is_found(user):
    url = "https://jobs.example.com/typed"
    typed = user.post(APPS, json={"company": "Acme", "position": "Typed", "job_url": url}).json()
    r = user.post(IMPORT, json=posting(url=url))
    assert r.status_code == 200 and r.json()["id"] == typed["id"]


def test_postings_without_a_url_are_each_new(user):
    body = {k: v for k, v in POSTING.items() if k != "url"}
    assert [user.post(IMPORT, json=body).status_code for _ in range(2)] == [201, 201]


def test_the_url_is_matched_per_account(user, other_user):
    body = posting()
    mine = user.post(IMPORT, json=body)
    theirs = other_user.post(IMPORT, json=body)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    preview = other_user.post(PREVIEW, json=body).json()
    assert preview["existing_id"] == theirs.json()["id"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            {"@type": "Organization", "name": "Acme"},
            "The JSON-LD holds no schema.org JobPosting, so there is nothing to import.",
        ),
        ({"html": "<html><body><p>Just a page</p></body></html>"}, "The page holds no schema.org JobPosting"),
        ({"html": page("{not json")}, "The page holds no schema.org JobPosting"),
        ({**POSTING, "title": ""}, "The job posting has no title, so there is no position to save."),
        ({**POSTING, "hiringOrganization": None}, "names no hiring organisation"),
    ],
    ids=["other-type", "plain-page", "broken-json-ld", "no-title", "no-company"],
)
@pytest.mark.parametrize("path", [IMPORT, PREVIEW])
def test_no_job_posting_is_a_422_that_says_so_and_writes_nothing(user, body, says, path):
    problem = assert_problem(user.post(path, json=body), 422)
    assert problem["type"] == "/problems/no-job-posting" and says in problem["detail"]
    assert user.get(APPS).json()["items"] == []


@pytest.mark.parametrize("body", [[POSTING], "posting", 42, None])
def test_a_body_that_is_not_an_object_is_refused(user, body):
    assert_problem(user.post(IMPORT, json=body), 422)
    assert user.get(APPS).json()["items"] == []


def test_a_page_over_two_megabytes_is_refused_and_says_why(user):
    big = page(json.dumps(posting()), body="<p>" + "x" * (2 * 1024 * 1024) + "</p>")
    problem = assert_problem(user.post(IMPORT, json={"html": big}), 413)
    assert "2 MB" in problem["detail"]
    # A body over the import route's own limit is refused before it is read, with the same advice.
    huge = page(json.dumps(posting()), body="<p>" + "x" * (4 * 1024 * 1024) + "</p>")
    problem = assert_problem(user.post(IMPORT, json={"html": huge}), 413)
    assert "job posting import takes a page of up to 2 MB" in problem["detail"]
    assert user.get(APPS).json()["items"] == []
    # Just under 2 MB is imported (over the 1 MiB other routes take).
    near = page(json.dumps(posting()), body="<p>" + "x" * (2 * 1024 * 1024 - 5000) + "</p>")
    assert user.post(IMPORT, json={"html": near}).status_code == 201
    # Other routes keep their own limit.
    assert_problem(user.post(APPS, json={"company": "A", "position": "B", "notes": "x" * (1024 * 1024)}), 413)


def test_hostile_posting_is_stored_inert(user):
    body = posting(
        title="<script>alert(1)</script>Engineer",
        description='<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p><script>steal()</script>'
        "<img src=x onerror=alert(1)><style>*{}</style>",
        url="https://jobs.example.com/x y",
    )
    r = user.post(IMPORT, json=body)
    assert r.status_code == 201, r.text
    app = r.json()
    assert app["description"] == "Hi there"
    assert app["position"] == "<script>alert(1)</script>Engineer"  # plain text, shown as text
    assert app["job_url"] == "https://jobs.example.com/x%20y"


def test_a_full_account_writes_nothing(app, settings, user):
    from secondround.api.app_state import app_state

    state = app_state(app)
    before = state.settings.max_applications_per_account
    user.post(APPS, json={"company": "A", "position": "B"})
    state.settings.max_applications_per_account = 1
    try:
        r = user.post(IMPORT, json=posting())
    finally:
        state.settings.max_applications_per_account = before
    assert_problem(r, 422)
    assert len(user.get(APPS).json()["items"]) == 1


def test_parallel_imports_of_one_url_make_one_application(base_url, user):
    body = posting()
    responses = in_parallel(base_url, [Call("POST", IMPORT, user.token, body) for _ in range(8)])
    no_server_errors(responses)
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 7 + [201], codes
    assert len({r.json()["id"] for r in responses}) == 1
    assert len(user.get(APPS).json()["items"]) == 1


def test_the_new_dates_can_be_set_and_cleared_like_other_fields(user):
    app = user.post(APPS, json={"company": "A", "position": "B", "posted_on": "2026-11-01", "closes_on": "2026-12-01"})
    assert app.status_code == 201 and (app.json()["posted_on"], app.json()["closes_on"]) == ("2026-11-01", "2026-12-01")
    changed = user.patch(f"{APPS}/{app.json()['id']}", json={"closes_on": None})
    assert changed.json()["closes_on"] is None and changed.json()["posted_on"] == "2026-11-01"
    bad = user.patch(f"{APPS}/{app.json()['id']}", json={"closes_on": "1800-01-01"})
    assert "Closes on" in assert_problem(bad, 422)["detail"]


def test_deeply_nested_json_is_refused_or_searched_without_a_server_error(user):
    # Too deep for the JSON parser: a 400 problem. Deep but parseable: searched to a depth, then 422.
    too_deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    r = user.post(IMPORT, content=too_deep, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422) and r.headers["content-type"].startswith("application/problem+json")
    deep: dict = posting()
    for _ in range(500):
        deep = {"@type": "Thing", "child": deep}
    assert_problem(user.post(IMPORT, json=deep), 422)
    assert user.get(APPS).json()["items"] == []
