"""External ids and the upsert: PUT /applications/by-external-id/{source}/{external_id} makes an
application (201) or updates it (200), once even when sent twice at once; If-Match guards it; ids
with slashes, unicode or 255 characters work, longer ones are a 422; the pair is unique per account."""

import uuid
from urllib.parse import quote

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_round
from tests.support.parallel import Call, in_parallel, no_server_errors

APPS = "/api/v1/applications"
BODY = {"company": "Acme", "position": "Backend engineer"}


def upsert_url(source: str, external_id: str) -> str:
    return f"{APPS}/by-external-id/{source}/{quote(external_id, safe='')}"


def test_put_creates_then_updates_only_the_fields_sent(user):
    url = upsert_url("greenhouse", "4012345")
    created = user.put(url, json={**BODY, "description": "## Role", "applied_on": "2026-12-01"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"{APPS}/{body['id']}"
    assert (body["source"], body["external_id"], body["applied_on"]) == ("greenhouse", "4012345", "2026-12-01")
    # The user's own notes and status survive the next sync.
    assert user.patch(f"{APPS}/{body['id']}", json={"notes": "Mine", "status": "interviewing"}).status_code == 200
    updated = user.put(url, json={**BODY, "position": "Staff engineer"})
    assert updated.status_code == 200 and "location" not in updated.headers
    got = updated.json()
    assert got["id"] == body["id"] and got["position"] == "Staff engineer"
    assert (got["notes"], got["status"], got["description"]) == ("Mine", "interviewing", "## Role")
    listed = user.get(APPS, params={"source": "greenhouse", "external_id": "4012345"}).json()["items"]
    assert [a["id"] for a in listed] == [body["id"]]
    assert user.get(APPS, params={"source": "greenhouse", "external_id": "4012346"}).json()["items"] == []


def test_if_match_guards_the_update_and_refuses_a_create(user):
    url = upsert_url("lever", "a-1")
    assert_problem(user.put(url, json=BODY, headers={"If-Match": '"nope"'}), 412)
    created = user.put(url, json=BODY)
    etag = created.headers["etag"]
    assert_problem(user.put(url, json={**BODY, "company": "B"}, headers={"If-Match": '"stale"'}), 412)
    ok = user.put(url, json={**BODY, "company": "B"}, headers={"If-Match": etag})
    assert ok.status_code == 200 and ok.json()["company"] == "B"
    assert len(user.get(APPS).json()["items"]) == 1


@pytest.mark.parametrize(
    "external_id",
    ["a/b/c", "ü-пример-例え-🚀", "x" * 255, "  spaced  ", "%2F..%2F", "../../etc/passwd", "?q=1#frag"],
    ids=["slashes", "unicode", "255", "spaces", "encoded", "traversal", "query-chars"],
)
def test_hostile_external_ids_round_trip_exactly(user, external_id):
    url = upsert_url("board", external_id)
    created = user.put(url, json=BODY)
    assert created.status_code == 201, created.text
    assert created.json()["external_id"] == external_id
    assert user.put(url, json=BODY).status_code == 200  # found again by the same id
    listed = user.get(APPS, params={"source": "board", "external_id": external_id}).json()["items"]
    assert [a["id"] for a in listed] == [created.json()["id"]]


@pytest.mark.parametrize(
    ("source", "external_id"),
    [("board", "x" * 256), ("Greenhouse", "1"), ("s" * 51, "1"), ("board", "\u200b"), ("board", "a\x01")],
    ids=["id-too-long", "source-upper-case", "source-too-long", "invisible-id", "control-char"],
)
def test_bad_sources_and_ids_name_nothing(user, source, external_id):
    """A path that cannot name an application is a 404, as an id that cannot be one (decisions.md)."""
    r = user.put(f"{APPS}/by-external-id/{source}/{quote(external_id, safe='/')}", json=BODY)
    assert assert_problem(r, 404)["detail"].startswith("No application can have this")
    assert user.get(APPS).json()["items"] == []


def test_parallel_puts_with_the_same_ids_make_one_application(base_url, user):
    url = upsert_url("greenhouse", f"race-{uuid.uuid4().hex[:6]}")
    responses = in_parallel(base_url, [Call("PUT", url, user.token, BODY) for _ in range(10)])
    no_server_errors(responses)
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 9 + [201], codes
    assert len({r.json()["id"] for r in responses}) == 1
    assert len(user.get(APPS).json()["items"]) == 1


def test_the_pair_is_unique_per_account_and_other_accounts_are_untouched(user, other_user):
    mine = user.put(upsert_url("greenhouse", "7"), json=BODY)
    theirs = other_user.put(upsert_url("greenhouse", "7"), json={**BODY, "company": "Theirs"})
    assert mine.status_code == theirs.status_code == 201 and mine.json()["id"] != theirs.json()["id"]
    assert user.get(f"{APPS}/{mine.json()['id']}").json()["company"] == "Acme"
    # A second application of mine cannot take the same pair.
    other = create_application(user)
    r = user.patch(f"{APPS}/{other['id']}", json={"source": "greenhouse", "external_id": "7"})
    assert "source and external id" in assert_problem(r, 409)["detail"]
    dup = user.post(APPS, json={**BODY, "source": "greenhouse", "external_id": "7"})
    assert_problem(dup, 409)
    # Without a source an external id is not unique (it names nothing).
    for _ in range(2):
        assert user.post(APPS, json={**BODY, "external_id": "7"}).status_code == 201


def test_rounds_take_a_source_and_external_id_unique_per_account(user):
    application = create_application(user)
    round_ = create_round(user, application["id"], source="greenhouse", external_id="interview-9")
    assert (round_["source"], round_["external_id"]) == ("greenhouse", "interview-9")
    again = user.post(f"{APPS}/{application['id']}/rounds", json={"source": "greenhouse", "external_id": "interview-9"})
    assert_problem(again, 409)
    assert_problem(user.post(f"{APPS}/{application['id']}/rounds", json={"source": "Not a slug"}), 422)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    "salary < 50k & > 40k",
]


def test_a_description_is_kept_as_written(user):
    """Stored and returned as sent (lossless: `a < b` stays); made safe where it is shown
    (tests/web/test_application_description.py)."""
    for text in HOSTILE:
        r = user.post(APPS, json={**BODY, "description": text, "applied_on": "2026-11-30"})
        assert r.status_code == 201 and r.json()["description"] == text


def test_applied_on_is_a_date_in_the_usual_years(user):
    assert_problem(user.post(APPS, json={**BODY, "applied_on": "1969-12-31"}), 422)
    assert_problem(user.post(APPS, json={**BODY, "applied_on": "yesterday"}), 422)
    app = user.post(APPS, json={**BODY, "applied_on": "2026-12-03"}).json()
    cleared = user.patch(f"{APPS}/{app['id']}", json={"applied_on": None}).json()
    assert cleared["applied_on"] is None


def test_a_source_named_answers_is_still_the_upsert(user):
    """/applications/by-external-id/answers/{x} also has the shape of an application's answer
    (/applications/{id}/answers/{question_id}); no application id is "by-external-id", so it is the
    upsert (openapi/.redocly.lint-ignore.yaml says why the linter's warning is ignored)."""
    url = upsert_url("answers", "q-17")
    created = user.put(url, json=BODY)
    assert created.status_code == 201, created.text
    assert (created.json()["source"], created.json()["external_id"]) == ("answers", "q-17")
    assert user.put(url, json={**BODY, "position": "Lead"}).status_code == 200
