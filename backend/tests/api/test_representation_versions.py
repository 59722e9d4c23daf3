"""Every representation carries its version: `etag` in the body equals the ETag header, and a list
item's `etag` is the one its own GET answers with, so a client can write with If-Match from a list."""

from tests.support.builders import create_world

SINGLE = {
    "application": "/api/v1/applications/{application_id}",
    "round": "/api/v1/rounds/{round_id}",
    "interviewer": "/api/v1/interviewers/{interviewer_id}",
    "role": "/api/v1/roles/{role_id}",
    "question": "/api/v1/questions/{question_id}",
}
LISTS = {
    "application": "/api/v1/applications",
    "round": "/api/v1/applications/{application_id}/rounds",
    "interviewer": "/api/v1/rounds/{round_id}/interviewers",
    "role": "/api/v1/roles",
    "question": "/api/v1/questions",
    "round_question": "/api/v1/rounds/{round_id}/questions",
}


def test_single_reads_carry_the_etag_header_in_the_body(user):
    ids = create_world(user).path_ids
    for kind, path in SINGLE.items():
        r = user.get(path.format(**ids))
        assert r.status_code == 200, (kind, r.text)
        assert r.json()["etag"] == r.headers["ETag"], kind
    me = user.get("/api/v1/me")
    assert me.json()["etag"] == me.headers["ETag"]


def test_list_items_carry_the_version_their_own_read_answers_with(user):
    ids = create_world(user).path_ids
    for kind, path in LISTS.items():
        items = user.get(path.format(**ids)).json()["items"]
        assert items, kind
        item = items[-1]
        if kind == "round_question":  # no GET of its own: the entry's write answers with its version
            written = user.put(
                f"/api/v1/rounds/{ids['round_id']}/questions/{item['question_id']}",
                json={"answer_notes": "Noted."},
                headers={"If-Match": item["etag"]},
            )
            assert written.status_code == 200, written.text
            assert written.json()["etag"] == written.headers["ETag"] != item["etag"]
            continue
        single_ids = dict(ids)
        key = {
            "application": "application_id",
            "round": "round_id",
            "interviewer": "interviewer_id",
            "role": "role_id",
            "question": "question_id",
        }.get(kind)
        if key:
            single_ids[key] = item["id"]
        single = user.get(SINGLE[kind].format(**single_ids))
        assert item["etag"] == single.headers["ETag"], kind


def test_a_list_items_etag_is_accepted_as_if_match_and_goes_stale_after_a_write(user):
    ids = create_world(user).path_ids
    person = user.get(f"/api/v1/rounds/{ids['round_id']}/interviewers").json()["items"][0]
    first = user.patch(
        f"/api/v1/interviewers/{person['id']}", json={"title": "CTO"}, headers={"If-Match": person["etag"]}
    )
    assert first.status_code == 200, first.text
    assert first.json()["etag"] == first.headers["ETag"] != person["etag"]
    stale = user.patch(
        f"/api/v1/interviewers/{person['id']}", json={"title": "CEO"}, headers={"If-Match": person["etag"]}
    )
    assert stale.status_code == 412
