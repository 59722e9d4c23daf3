"""Meeting order: PUT /rounds/{id}/interviewers/order, insertion on a taken `order`, and races of both."""

import pytest

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round
from tests.support.parallel import Call, in_parallel, no_server_errors, statuses


def _panel(user, round_id: str, *names: str) -> list[dict]:
    return [create_interviewer(user, round_id, name=name) for name in names]


def _names(user, round_id: str) -> list[tuple[str, int]]:
    items = user.get(f"/api/v1/rounds/{round_id}/interviewers").json()["items"]
    return [(i["name"], i["order"]) for i in items]


@pytest.fixture
def round_(user) -> dict:
    return create_round(user, create_application(user)["id"])


def test_put_order_reorders_in_one_call_with_etags(user, round_):
    dana, olu, kim = _panel(user, round_["id"], "Dana", "Olu", "Kim")
    url = f"/api/v1/rounds/{round_['id']}/interviewers/order"
    got = user.get(url)
    assert got.status_code == 200 and got.json() == {"interviewer_ids": [dana["id"], olu["id"], kim["id"]]}
    etag = got.headers["etag"]

    wanted = [kim["id"], dana["id"], olu["id"]]
    r = user.put(url, json={"interviewer_ids": wanted}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json() == {"interviewer_ids": wanted} and r.headers["etag"] != etag
    assert user.get(url).headers["etag"] == r.headers["etag"]
    assert _names(user, round_["id"]) == [("Kim", 0), ("Dana", 1), ("Olu", 2)]
    # The plan follows the new order.
    plan = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()
    assert [p["name"] for p in plan["interviewers"]] == ["Kim", "Dana", "Olu"]
    # Only the people whose place changed changed (their ETags move with them).
    assert user.get(f"/api/v1/interviewers/{kim['id']}").json()["updated_at"] != kim["updated_at"]

    # The old ETag is stale now: 412, nothing changes.
    assert_problem(
        user.put(url, json={"interviewer_ids": [dana["id"], olu["id"], kim["id"]]}, headers={"If-Match": etag}), 412
    )
    assert _names(user, round_["id"]) == [("Kim", 0), ("Dana", 1), ("Olu", 2)]
    # The same order again is the same version.
    same = user.put(url, json={"interviewer_ids": wanted}, headers={"If-Match": r.headers["etag"]})
    assert same.status_code == 200 and same.headers["etag"] == r.headers["etag"]


def test_put_order_must_name_the_panel_exactly_once(user, other_user, round_):
    dana, olu, kim = _panel(user, round_["id"], "Dana", "Olu", "Kim")
    stranger = create_interviewer(other_user, create_round(other_user, create_application(other_user)["id"])["id"])
    url = f"/api/v1/rounds/{round_['id']}/interviewers/order"
    before = user.get(url).json()
    for ids, words in [
        ([dana["id"], olu["id"]], ["missing Kim"]),
        ([dana["id"], olu["id"], kim["id"], dana["id"]], [f"named more than once: {dana['id']}"]),
        ([dana["id"], olu["id"], kim["id"], stranger["id"]], [f"not interviewers of this round: {stranger['id']}"]),
        ([dana["id"], dana["id"], stranger["id"]], ["missing Olu", "Kim", "not interviewers", "more than once"]),
        ([], ["missing Dana", "Olu", "Kim"]),
    ]:
        problem = assert_problem(user.put(url, json={"interviewer_ids": ids}), 422)
        assert problem["errors"][0]["field"] == "interviewer_ids", problem
        assert problem["errors"][0]["type"] == "not_the_panel"
        assert all(w in problem["detail"] for w in words), (words, problem["detail"])
        assert user.get(url).json() == before
    for body in [{}, {"interviewer_ids": ["not-a-uuid"]}, {"interviewer_ids": None}, {"ids": []}]:
        assert_problem(user.put(url, json=body), 422)
    # Another user's round is not there at all.
    assert_problem(other_user.put(url, json={"interviewer_ids": before["interviewer_ids"]}), 404)
    assert_problem(other_user.get(url), 404)


def test_an_empty_panel_has_an_empty_order(user, round_):
    url = f"/api/v1/rounds/{round_['id']}/interviewers/order"
    assert user.get(url).json() == {"interviewer_ids": []}
    assert user.put(url, json={"interviewer_ids": []}).status_code == 200


def test_a_taken_order_on_create_or_patch_is_an_insertion(user, round_):
    dana, olu, kim = _panel(user, round_["id"], "Dana", "Olu", "Kim")
    create_interviewer(user, round_["id"], name="Ana", order=1)
    assert _names(user, round_["id"]) == [("Dana", 0), ("Ana", 1), ("Olu", 2), ("Kim", 3)]
    # A free place is taken as it is; nobody moves.
    create_interviewer(user, round_["id"], name="Zoe", order=9)
    assert _names(user, round_["id"])[-1] == ("Zoe", 9)
    # Moving Kim to place 0: Kim takes it, everyone from 0 on moves one later.
    r = user.patch(f"/api/v1/interviewers/{kim['id']}", json={"order": 0})
    assert r.status_code == 200 and r.json()["order"] == 0
    assert _names(user, round_["id"]) == [("Kim", 0), ("Dana", 1), ("Ana", 2), ("Olu", 3), ("Zoe", 10)]
    # Patching one's own place changes nothing else.
    assert user.patch(f"/api/v1/interviewers/{kim['id']}", json={"order": 0}).json()["order"] == 0
    assert _names(user, round_["id"]) == [("Kim", 0), ("Dana", 1), ("Ana", 2), ("Olu", 3), ("Zoe", 10)]


def test_an_insertion_that_would_pass_the_last_place_renumbers_the_panel(user, round_):
    create_interviewer(user, round_["id"], name="Dana", order=999)
    create_interviewer(user, round_["id"], name="Olu", order=1000)
    ana = create_interviewer(user, round_["id"], name="Ana", order=1000)
    assert ana["order"] == 1
    assert _names(user, round_["id"]) == [("Dana", 0), ("Ana", 1), ("Olu", 2)]


# --- races (real HTTP, parallel requests; PostgreSQL shows what SQLite serialises anyway) ----------

WRITERS = 8


def test_parallel_creates_at_one_place_never_share_an_order(base_url, user, round_):
    _panel(user, round_["id"], "Dana", "Olu")
    url = f"/api/v1/rounds/{round_['id']}/interviewers"
    calls = [Call("POST", url, user.token, {"name": f"New {i}", "order": 0}) for i in range(WRITERS)]
    responses = in_parallel(base_url, calls)
    assert statuses(responses) == {201: WRITERS}, [r.text for r in responses]
    orders = [order for _name, order in _names(user, round_["id"])]
    assert len(orders) == len(set(orders)) == WRITERS + 2
    assert [name for name, _order in _names(user, round_["id"])][-2:] == ["Dana", "Olu"]


def test_parallel_moves_and_reorders_never_deadlock_or_share_an_order(base_url, user, round_):
    people = _panel(user, round_["id"], *[f"P{i}" for i in range(6)])
    ids = [p["id"] for p in people]
    order_url = f"/api/v1/rounds/{round_['id']}/interviewers/order"
    calls = [Call("PATCH", f"/api/v1/interviewers/{p['id']}", user.token, {"order": 0}) for p in people]
    calls += [Call("PUT", order_url, user.token, {"interviewer_ids": ids[i:] + ids[:i]}) for i in range(4)]
    calls += [Call("POST", f"/api/v1/rounds/{round_['id']}/interviewers", user.token, {"name": "Late", "order": 2})]
    responses = in_parallel(base_url, calls)
    no_server_errors(responses)
    # A reorder that ran after the late create no longer names the whole panel: 422, not a wrong order.
    assert set(statuses(responses)) <= {200, 201, 422}, [r.text for r in responses]
    assert all(r.status_code in (200, 201) for r in responses[:6] + responses[-1:])
    orders = [order for _name, order in _names(user, round_["id"])]
    assert len(orders) == len(set(orders)) == 7
