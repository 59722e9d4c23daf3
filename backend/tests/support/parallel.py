"""Requests sent at once, each over its own connection, so they really overlap in the server."""

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

from tests.support.serving import new_client


@dataclass
class Call:
    method: str
    url: str
    token: str
    body: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)


def in_parallel(base_url: str, calls: list[Call]) -> list[httpx.Response]:
    """Send every call at once (each on its own connection); responses in the order of the calls.

    An account runs only a few requests at once; the rest get 429 and come back as told, like a
    well-behaved client (a 503 is not retried: it would hide a deadlock).
    """
    start = threading.Barrier(len(calls), timeout=60)

    def send(call: Call) -> httpx.Response:
        headers = {"Authorization": f"Bearer {call.token}", **call.headers}
        with new_client(base_url) as c:
            c.get("/api/v1/health")  # open the connection before the barrier, so the writes overlap
            start.wait()
            for _ in range(30):
                r = c.request(call.method, call.url, json=call.body, headers=headers)
                if r.status_code != 429:
                    break
                time.sleep(float(r.headers["retry-after"]) * random.uniform(0.2, 1.0))
            return r

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def statuses(responses: list[httpx.Response]) -> Counter:
    return Counter(r.status_code for r in responses)


def no_server_errors(responses: list[httpx.Response]) -> None:
    failed = [r.text for r in responses if r.status_code >= 500]
    assert not failed, failed
