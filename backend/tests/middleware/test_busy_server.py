"""A busy server is not a dead database: only the database's own answer makes the server refuse
requests (db/failures.py DatabaseProbe, middleware/admission.py)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from secondround.db.failures import PROBE_LIMITS, DatabaseProbe
from secondround.db.session import create_db_engine
from tests.support.accounts import register_user
from tests.support.builders import create_application, create_interviewer, create_round, roles_by_name
from tests.support.event_loop import run_async
from tests.support.servers import running_server


def test_a_probe_that_outlasts_our_patience_is_inconclusive_not_down(database):
    engine = create_db_engine(database.url, PROBE_LIMITS, pooled=False)
    probe = DatabaseProbe(engine, timeout=0.05)
    ask = probe._ask

    def slow_ask():  # what a starved worker thread looks like from the event loop
        time.sleep(0.3)
        return ask()

    probe._ask = slow_ask  # type: ignore[method-assign]

    async def scenario():
        impatient = await probe.check()
        assert not impatient.ok and not impatient.down
        assert "did not answer within 0.05 s" in impatient.detail
        assert not probe.recently_down(within=2)
        answer = await probe.evidence()  # the same probe, waited for: the database is fine
        assert answer.ok and answer.revision
        assert not probe.recently_down(within=2)

    try:
        run_async(scenario())
    finally:
        engine.dispose()


def test_a_database_that_refuses_the_connection_is_down_on_its_own_evidence():
    engine = create_db_engine("postgresql+psycopg://postgres@127.0.0.1:1/nothing", PROBE_LIMITS, pooled=False)
    probe = DatabaseProbe(engine, timeout=5)

    async def scenario():
        result = await probe.check()
        assert result.down and not result.ok
        assert "unreachable" in result.detail
        assert probe.recently_down(within=2)
        again = await probe.evidence()  # reused for a moment: a down database is not hammered
        assert again is result

    try:
        run_async(scenario())
    finally:
        engine.dispose()


def _heavy_account(base_url: str, people: int) -> tuple[httpx.Client, str]:
    """An account whose round plan takes real CPU to compute (the plan cache is off on the server)."""
    user = register_user(base_url, "heavy")
    roles = list(roles_by_name(user).values())
    application = create_application(user)
    round_ = create_round(user, application["id"], duration_minutes=240)
    for i in range(people):
        create_interviewer(user, round_["id"], name=f"Person {i}", role_id=roles[i % len(roles)]["id"])
    return user.client, f"/api/v1/rounds/{round_['id']}/plan"


@pytest.mark.serial
def test_a_cpu_bound_server_serves_another_account_with_no_503(database, tmp_path):
    # Stall checks after 0.1 s, and a readiness patience of 1 ms that a probe under load always
    # misses: when one such wall-clock miss counted as "database down" (refusing everyone for 2 s),
    # the bystander got 503s here.
    settings = dict(
        plan_cache_size=0, stall_check_seconds=0.1, readiness_timeout_seconds=0.001, max_requests_per_account=6
    )
    with running_server(database.url, tmp_path / "server.log", **settings) as server:
        heavy = [_heavy_account(server.base_url, people=40) for _ in range(2)]
        bystander = register_user(server.base_url, "bystander")
        create_application(bystander)

        stop = threading.Event()
        heavy_seconds: list[float] = []
        heavy_statuses: list[int] = []

        def hammer(client: httpx.Client, path: str) -> None:
            while not stop.is_set():
                started = time.monotonic()
                status = client.get(path).status_code
                heavy_seconds.append(time.monotonic() - started)
                heavy_statuses.append(status)

        with ThreadPoolExecutor(max_workers=10) as pool:
            for client, path in heavy:
                for _ in range(5):  # within the account's limit of 6
                    pool.submit(hammer, client, path)
            try:
                time.sleep(1.0)
                bystander_statuses = []
                deadline = time.monotonic() + 8
                while time.monotonic() < deadline:
                    bystander_statuses.append(bystander.get("/api/v1/applications").status_code)
                    time.sleep(0.05)
            finally:
                stop.set()

    assert set(bystander_statuses) == {200}, bystander_statuses
    assert set(heavy_statuses) == {200}, sorted(set(heavy_statuses))
    # The heavy requests really ran past the stall check, so the server asked the database, many times.
    stalled = [s for s in heavy_seconds if s > 0.1]
    assert len(stalled) >= 20, sorted(heavy_seconds)[-5:]
    print(
        f"{len(heavy_seconds)} heavy requests, {len(stalled)} past the stall check, slowest {max(heavy_seconds):.2f} s"
    )  # noqa: E501
