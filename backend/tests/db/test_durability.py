"""Every write the server acknowledged survives a `kill -9` of the server in the middle of a stream of
writes (on the engine of this test run)."""

import threading
import time
import uuid

import httpx
import pytest

from tests.support.accounts import PASSWORD, unique_email
from tests.support.servers import running_server

# Bounds in seconds: run alone, after the parallel workers (make test), not beside a browser.
pytestmark = pytest.mark.serial

WRITERS = 4


def _token(base_url: str) -> str:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        email = unique_email("durable")
        assert c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
        return c.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()["access_token"]


def _all_companies(base_url: str, token: str) -> set[str]:
    companies: set[str] = set()
    with httpx.Client(base_url=base_url, timeout=30, headers={"Authorization": f"Bearer {token}"}) as c:
        params: dict = {"limit": 200}
        while True:
            page = c.get("/api/v1/applications", params=params)
            assert page.status_code == 200, page.text
            companies |= {a["company"] for a in page.json()["items"]}
            if not page.json()["next_cursor"]:
                return companies
            params["cursor"] = page.json()["next_cursor"]


def test_kill_9_mid_stream_loses_no_acknowledged_write(database, tmp_path):
    acknowledged: list[str] = []
    stop = threading.Event()

    def write(base_url: str, token: str) -> None:
        with httpx.Client(base_url=base_url, timeout=10, headers={"Authorization": f"Bearer {token}"}) as c:
            while not stop.is_set():
                company = f"Durable {uuid.uuid4().hex}"
                try:
                    r = c.post("/api/v1/applications", json={"company": company, "position": "x"})
                except httpx.HTTPError:
                    return  # the server is gone; what it did not answer may or may not be saved
                if 200 <= r.status_code < 300:
                    acknowledged.append(company)

    with running_server(database.url, tmp_path / "first.log") as server:
        token = _token(server.base_url)
        writers = [threading.Thread(target=write, args=(server.base_url, token)) for _ in range(WRITERS)]
        for w in writers:
            w.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        stop.set()
        for w in writers:
            w.join(15)

    assert len(acknowledged) >= 40
    with running_server(database.url, tmp_path / "second.log") as restarted:
        missing = set(acknowledged) - _all_companies(restarted.base_url, token)
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged writes were lost"
