"""Bodies in a format the operation does not read are a 415 problem naming what it reads
(api/media_types.py); a 204 describes no content."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application
from tests.support.routes import api_routes, request_body_schema

OAUTH_FORMS = ("/api/v1/oauth/token", "/api/v1/oauth/revoke")


def test_every_operation_with_a_body_refuses_text_plain_with_415(app, module_user):
    walked = 0
    for route in api_routes(app):
        if request_body_schema(app, route) is None:
            continue
        url = route.url({name: "00000000-0000-0000-0000-000000000000" for name in route.path_params})
        r = module_user.client.request(route.method, url, content=b'{"a": 1}', headers={"Content-Type": "text/plain"})
        if url.startswith(OAUTH_FORMS):
            # RFC 6749 endpoints answer in their own words: OAuth client libraries read `error`.
            assert (r.status_code, r.json()["error"]) == (400, "invalid_request"), r.text
            continue
        problem = assert_problem(r, 415)
        assert problem["type"] == "/problems/unsupported-media-type" and "text/plain" in problem["detail"]
        expected = {"POST": "accept-post", "PATCH": "accept-patch"}.get(route.method)
        if expected:
            if route.path.endswith("/rounds/import"):  # Greenhouse JSON or an .ics invitation, and nothing else
                assert r.headers[expected] == "application/json, text/calendar"
            elif route.path.endswith("/mail/unsubscribe"):  # RFC 8058 one-click posts a form; the web app JSON
                assert r.headers[expected] == "application/x-www-form-urlencoded, application/json"
            else:
                assert r.headers[expected] in (
                    "application/json",
                    "application/x-www-form-urlencoded, multipart/form-data",
                )
        walked += 1
    assert walked >= 15


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "application/merge-patch+json"]
)
def test_json_in_any_json_spelling_is_read(module_user, content_type):
    application = create_application(module_user)
    r = module_user.patch(
        f"/api/v1/applications/{application['id']}", content=b'{"notes": "ok"}', headers={"Content-Type": content_type}
    )
    assert r.status_code == 200, r.text


def test_a_body_without_content_type_is_415(module_user):
    r = module_user.post("/api/v1/applications", content=b'{"company": "A", "position": "B"}')
    assert_problem(r, 415)
    assert r.headers["accept-post"] == "application/json"


def test_a_204_has_no_content_type(module_user):
    application = create_application(module_user)
    r = module_user.delete(f"/api/v1/applications/{application['id']}")
    assert r.status_code == 204 and r.content == b""
    assert "content-type" not in r.headers and "content-length" not in r.headers


def test_text_calendar_is_read_by_the_round_import_only(module_user):
    """The round import reads text/calendar; every other operation with a body refuses it (415)."""
    application = create_application(module_user)
    body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    headers = {"Content-Type": "text/calendar"}
    imported = module_user.post(
        f"/api/v1/applications/{application['id']}/rounds/import", content=body, headers=headers
    )
    assert_problem(imported, 422)  # read, and found to hold no event
    for url in (f"/api/v1/applications/{application['id']}/rounds", "/api/v1/applications"):
        assert_problem(module_user.post(url, content=body, headers=headers), 415)
