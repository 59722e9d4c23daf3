"""Concurrent writers: numbering stays gap-free and unique, and nobody gets a 500 or a lock error.

SQLite writers take the write lock up front (BEGIN IMMEDIATE) and queue on the busy timeout;
PostgreSQL writers lock the parent row. Either way, parallel requests must all succeed.
"""

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import PASSWORD, create_application, create_round, new_client, unique_email

WRITERS = 12


def _in_parallel(base_url: str, token: str, calls: list[tuple[str, str, dict]]) -> list:
    def send(call: tuple[str, str, dict]):
        method, url, body = call
        with new_client(base_url) as c:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return c.request(method, url, json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def test_parallel_rounds_get_distinct_consecutive_sequences(base_url, user):
    application = create_application(user)
    url = f"/api/v1/applications/{application['id']}/rounds"
    responses = _in_parallel(base_url, user.token, [("POST", url, {"kind": "other"})] * WRITERS)
    assert [r.status_code for r in responses] == [201] * WRITERS, [r.text for r in responses if r.status_code != 201]
    assert sorted(r.json()["sequence"] for r in responses) == list(range(1, WRITERS + 1))


def test_parallel_interviewers_get_distinct_places_and_reads_go_on(base_url, user):
    round_ = create_round(user, create_application(user)["id"])
    url = f"/api/v1/rounds/{round_['id']}/interviewers"
    calls = [("POST", url, {"name": f"Person {i}"}) for i in range(WRITERS)]
    calls += [("GET", f"/api/v1/rounds/{round_['id']}", None)] * 4  # readers among the writers
    responses = _in_parallel(base_url, user.token, calls)
    writes, reads = responses[:WRITERS], responses[WRITERS:]
    assert all(r.status_code == 201 for r in writes), [r.text for r in writes if r.status_code != 201]
    assert all(r.status_code == 200 for r in reads)
    assert sorted(r.json()["order"] for r in writes) == list(range(WRITERS))


def test_parallel_registrations_of_one_email_give_one_account_and_409s(base_url):
    email = unique_email("race")
    calls = [("POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD})] * 6
    statuses = sorted(r.status_code for r in _in_parallel(base_url, "", calls))
    assert statuses == [201] + [409] * 5, statuses
