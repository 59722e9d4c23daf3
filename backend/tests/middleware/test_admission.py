"""The per-account limit of requests in progress (middleware/admission.py): six run at once, the
seventh is refused with a 429 at once, and every credential of one account counts toward the same
six. A request is held in progress by sending its headers and not yet its body."""

import secrets
import select
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from urllib.parse import urlsplit

import httpx

from secondround.config import Settings
from tests.support.accounts import PASSWORD, User
from tests.support.assertions import assert_problem
from tests.support.serving import new_client

LIMIT = 6  # the product's rule, spelled out here


def test_the_default_limit_is_six():
    assert Settings.model_fields["max_requests_per_account"].default == LIMIT


@contextmanager
def held(base_url: str, token: str) -> Iterator[socket.socket]:
    """A POST in progress for this bearer token: its headers sent, its body not (yet)."""
    url = urlsplit(base_url)
    with closing(socket.create_connection((url.hostname, url.port), timeout=10)) as sock:
        sock.sendall(
            b"POST /api/v1/applications HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\nAuthorization: Bearer " + token.encode() + b"\r\n\r\n"
        )
        yield sock


def answered(sock: socket.socket) -> bool:
    """The server has answered (refused) this held request, or closed it."""
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def hold_six(stack: ExitStack, base_url: str, token: str, probe) -> tuple[list[socket.socket], httpx.Response]:
    """Six requests of the account held in progress, proven by a probe's 429: only admitted requests
    count, and probes run one at a time, so a refused probe means six held requests were admitted.
    A held request that lost its place to a probe (and was refused) is held again."""
    holds = [stack.enter_context(held(base_url, token)) for _ in range(LIMIT)]
    deadline = time.monotonic() + 10
    while (r := probe()).status_code != 429:
        assert time.monotonic() < deadline, f"{LIMIT} requests in progress and the next one still runs: {r.text}"
        for sock in [s for s in holds if answered(s)]:
            holds.remove(sock)
            holds.append(stack.enter_context(held(base_url, token)))
        time.sleep(0.02)
    return holds, r


def eventually(send, status: int, within: float = 10) -> httpx.Response:
    """Send until the answer has this status (a released request finishes in its own time)."""
    deadline = time.monotonic() + within
    while True:
        r = send()
        if r.status_code == status or time.monotonic() > deadline:
            return r
        time.sleep(0.02)


def test_six_requests_run_at_once_and_the_seventh_is_refused(base_url, user: User):
    me = lambda: user.get("/api/v1/me")  # noqa: E731
    assert me().status_code == 200  # the token has named its account: every request now counts as the account's
    with ExitStack() as stack:
        holds, refused = hold_six(stack, base_url, user.token, me)
        problem = assert_problem(refused, 429)
        assert problem["type"] == "/problems/too-many-requests"
        assert f"{LIMIT} requests in progress" in problem["detail"]
        assert refused.headers["retry-after"] == "1"
        # The limit, in the RateLimit fields (draft-ietf-httpapi-ratelimit-headers): none left for a second.
        assert refused.headers["ratelimit-policy"] == f'"per-account-in-progress";q={LIMIT};w=1'
        assert refused.headers["ratelimit"] == '"per-account-in-progress";r=0;t=1'

        holds.pop().close()  # five held: one more request is the sixth, and runs
        assert eventually(me, 200).status_code == 200
    assert eventually(me, 200).status_code == 200  # all released


def test_every_credential_of_an_account_counts_toward_one_limit(base_url, user: User):
    """A bearer token and a cookie session of one account share the six."""
    with new_client(base_url) as browser:
        r = browser.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        # Each credential has named its account once (the middleware learns it from a finished request).
        assert browser.get("/api/v1/me").status_code == 200
        assert user.get("/api/v1/me").status_code == 200

        with ExitStack() as stack:
            _, refused = hold_six(stack, base_url, user.token, lambda: browser.get("/api/v1/me"))
            assert_problem(refused, 429)
        assert eventually(lambda: browser.get("/api/v1/me"), 200).status_code == 200


def test_credentials_that_name_no_account_count_by_address(base_url, user: User):
    """Issue 15: random bearer tokens from one address share the address's six; before, each was a
    client of its own (14 parallel requests with random tokens all ran)."""

    def stranger():
        return httpx.get(
            f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer sr_{secrets.token_urlsafe(16)}"}, timeout=10
        )

    assert user.get("/api/v1/me").status_code == 200  # this token has named its account
    with ExitStack() as stack:
        holds = [stack.enter_context(held(base_url, f"sr_{secrets.token_urlsafe(16)}")) for _ in range(LIMIT)]
        deadline = time.monotonic() + 10
        while (r := stranger()).status_code != 429:
            assert r.status_code == 401, r.text
            assert time.monotonic() < deadline, "six requests with unknown tokens in progress, and a seventh runs"
            for sock in [s for s in holds if answered(s)]:
                holds.remove(sock)
                holds.append(stack.enter_context(held(base_url, f"sr_{secrets.token_urlsafe(16)}")))
            time.sleep(0.02)
        assert_problem(r, 429)
        # A token that has named its account keeps its own six.
        assert user.get("/api/v1/me").status_code == 200
    assert eventually(stranger, 401).status_code == 401
