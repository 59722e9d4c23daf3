"""The number of SQL statements a list request runs does not grow with the page size (no N+1)."""

import pytest

from tests.support.builders import create_application, create_interviewer, create_question, create_role, create_round
from tests.support.serving import counting_statements


@pytest.fixture(scope="module")
def lists(module_user) -> dict[str, str]:
    """Six lists with more than two items each, questions with target roles among them."""
    u = module_user
    application = create_application(u)
    round_ = create_round(u, application["id"])
    roles = [create_role(u) for _ in range(8)]
    for i in range(8):
        create_application(u)
        create_round(u, application["id"])
        create_interviewer(u, round_["id"], role_id=roles[i]["id"])
        question = create_question(u, target_role_ids=[roles[i]["id"], roles[(i + 1) % 8]["id"]])
        assert u.put(f"/api/v1/rounds/{round_['id']}/questions/{question['id']}", json={}).status_code == 201
    return {
        "applications": "/api/v1/applications",
        "questions": "/api/v1/questions",
        "roles": "/api/v1/roles",
        "rounds": f"/api/v1/applications/{application['id']}/rounds",
        "interviewers": f"/api/v1/rounds/{round_['id']}/interviewers",
        "round questions": f"/api/v1/rounds/{round_['id']}/questions",
    }


@pytest.mark.parametrize("name", ["applications", "questions", "roles", "rounds", "interviewers", "round questions"])
def test_statements_per_list_request_do_not_grow_with_the_page(app, module_user, lists, name):
    counts = {}
    # Signed-in reads remember the verified credential (accounts/credential_cache.py): a first read
    # loads it once, so both counted requests start from the same, remembered state.
    assert module_user.get("/api/v1/me").status_code == 200
    for limit in (2, 50):
        with counting_statements(app) as statements:
            r = module_user.get(lists[name], params={"limit": limit})
        assert r.status_code == 200, r.text
        served = len(r.json()["items"])
        assert (served == 2) if limit == 2 else (served >= 8), served
        counts[limit] = len(statements)
    assert counts[2] == counts[50], f"{name}: {counts[2]} statements for 2 items, {counts[50]} for 50"
    assert counts[50] <= 6, f"{name}: {counts[50]} statements for one list request"
