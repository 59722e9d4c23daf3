"""The plan's backlog is bounded: `backlog_total` counts it, `backlog` lists the first
`backlog_limit` (default 50, at most 500) in the engine's order; the prep sheet is bounded too."""

import pytest

from secondround.accounts.starter_kit import QUESTIONS
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_question, create_round

STARTER_ASKS = sum(1 for q in QUESTIONS if q.direction == "ask")
EXTRA = 60


@pytest.fixture(scope="module")
def big_backlog(module_user):
    """A round nobody sits on: every `ask` question of the bank lands in the backlog."""
    for n in range(EXTRA):
        create_question(module_user, text=f"Extra question {n:02d}", importance=1 + n % 5)
    round_ = create_round(module_user, create_application(module_user)["id"])
    return module_user, f"/api/v1/rounds/{round_['id']}/plan", STARTER_ASKS + EXTRA


def test_the_default_lists_the_first_50_and_counts_them_all(big_backlog):
    user, url, total = big_backlog
    plan = user.get(url).json()
    assert plan["backlog_total"] == total > 50
    assert len(plan["backlog"]) == 50
    everything = user.get(url, params={"backlog_limit": 500}).json()
    assert everything["backlog_total"] == total == len(everything["backlog"])
    assert plan["backlog"] == everything["backlog"][:50]  # the first ones, in the engine's order


@pytest.mark.parametrize("limit", [0, 1, 7])
def test_backlog_limit_picks_how_many(big_backlog, limit):
    user, url, total = big_backlog
    plan = user.get(url, params={"backlog_limit": limit}).json()
    assert plan["backlog_total"] == total and len(plan["backlog"]) == limit


@pytest.mark.parametrize("limit", [-1, 501, "many"])
def test_backlog_limit_out_of_range_is_a_422(big_backlog, limit):
    user, url, _total = big_backlog
    problem = assert_problem(user.get(url, params={"backlog_limit": limit}), 422)
    assert problem["errors"][0]["field"] == "backlog_limit"


def test_the_prep_sheet_lists_a_bounded_backlog_and_says_how_many_more(big_backlog):
    user, url, total = big_backlog
    sheet = user.get(url.replace("/plan", "/prep-sheet")).text
    backlog = sheet.split("## If there is time left", 1)[1].split("\n## ", 1)[0]
    items = [line for line in backlog.splitlines() if line.startswith("- ")]
    assert len(items) == 26 and items[-1] == f"- ...and {total - 25} more in the backlog."
    short = user.get(url.replace("/plan", "/prep-sheet"), params={"backlog_limit": 2}).text
    items = [line for line in short.split("## If there is time left", 1)[1].splitlines() if line.startswith("- ")]
    assert len(items) == 3 and items[-1] == f"- ...and {total - 2} more in the backlog."


def test_the_openapi_document_declares_the_bound(app):
    spec = app.openapi()
    for path in ("/api/v1/rounds/{round_id}/plan", "/api/v1/rounds/{round_id}/prep-sheet"):
        operation = spec["paths"][path]["get"]
        limit = next(p for p in operation["parameters"] if p["name"] == "backlog_limit")
        assert limit["in"] == "query" and not limit.get("required", False)
        assert (limit["schema"]["minimum"], limit["schema"]["maximum"], limit["schema"]["default"]) == (0, 500, 50)
    plan = spec["components"]["schemas"]["RoundPlanRead"]
    assert plan["properties"]["backlog_total"]["type"] == "integer" and "backlog_total" in plan["required"]
