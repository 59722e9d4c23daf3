"""Conditional GETs and HEAD (middleware/http_fields.py), walked over every GET route of the app so
a route added later is covered: HEAD answers as GET does without the body; every successful GET has
an ETag and `If-None-Match` with it gives a 304 with no body; a list's tag follows its items and its
`next_cursor`."""

from urllib.parse import urlsplit

import pytest

from tests.support.builders import create_application, create_world
from tests.support.routes import api_routes

# Fields a HEAD must answer exactly as its GET (RFC 9110, 9.3.2).
MIRRORED = ("etag", "content-type", "content-length", "link", "cache-control", "vary")


@pytest.fixture(scope="module")
def world(module_user):
    return create_world(module_user)


@pytest.fixture(scope="module")
def get_urls(app, world, module_user) -> list[str]:
    """Every GET route's URL for this world's objects, the calendar feed with its secret."""
    feed = module_user.post("/api/v1/me/calendar-token").json()["feed_url"]
    feed_url = urlsplit(feed)
    urls = [r.url(world.path_ids) for r in api_routes(app) if r.method == "GET"]
    return [f"{feed_url.path}?{feed_url.query}" if u == "/api/v1/calendar.ics" else u for u in urls]


def test_head_answers_every_get_route_as_get_does_without_a_body(module_user, get_urls):
    for url in get_urls:
        got, head = module_user.get(url), module_user.client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        for name in MIRRORED:
            assert head.headers.get(name) == got.headers.get(name), (url, name)


def test_every_successful_get_has_an_etag_and_answers_if_none_match_with_304(module_user, get_urls):
    tagged = 0
    for url in get_urls:
        got = module_user.get(url)
        if got.status_code != 200 or url.startswith("/api/v1/health"):
            continue
        etag = got.headers["etag"]
        tagged += 1
        for method in ("GET", "HEAD"):
            unchanged = module_user.client.request(method, url, headers={"If-None-Match": etag})
            assert unchanged.status_code == 304, (method, url, unchanged.text)
            assert unchanged.content == b"" and unchanged.headers["etag"] == etag, url
            assert "content-type" not in unchanged.headers, url
        # Weak comparison, a list of tags, and `*`; another tag gets the whole body again.
        for listed in (f'"other", W/{etag.removeprefix("W/")}', "*"):
            assert module_user.get(url, headers={"If-None-Match": listed}).status_code == 304, (url, listed)
        other = module_user.get(url, headers={"If-None-Match": '"not-this-one"'})
        assert other.status_code == 200 and other.headers["etag"] == etag and other.content, url
    # resources, lists, the plan, readiness (one and all), the prep sheet, the calendar feed ...
    assert tagged >= 20, get_urls


def test_a_list_tag_changes_with_an_item_and_with_the_next_cursor(make_user):
    user = make_user("list-etag")
    first = create_application(user, company="First Co", position="Analyst")
    page = user.get("/api/v1/applications", params={"limit": 1})
    assert page.json()["next_cursor"] is None
    tag = page.headers["etag"]

    changed = user.patch(f"/api/v1/applications/{first['id']}", json={"company": "First & Co"})
    assert changed.status_code == 200, changed.text
    after_edit = user.get("/api/v1/applications", params={"limit": 1}, headers={"If-None-Match": tag})
    assert after_edit.status_code == 200 and after_edit.headers["etag"] != tag
    tag = after_edit.headers["etag"]

    create_application(user, company="Second Co", position="Analyst")  # the first page now has a next page
    more = user.get("/api/v1/applications", params={"limit": 1}, headers={"If-None-Match": tag})
    assert more.status_code == 200 and more.json()["next_cursor"] is not None
    assert more.json()["items"] == after_edit.json()["items"] and more.headers["etag"] != tag


def test_a_prep_sheet_has_one_tag_per_representation(module_user, world):
    url = f"/api/v1/rounds/{world.round['id']}/prep-sheet"
    markdown = module_user.get(url, headers={"Accept": "text/markdown"})
    html = module_user.get(url, headers={"Accept": "text/html"})
    assert markdown.headers["etag"] != html.headers["etag"]
    assert (
        module_user.get(url, headers={"Accept": "text/html", "If-None-Match": markdown.headers["etag"]}).status_code
        == 200
    )
