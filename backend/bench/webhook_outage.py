"""The webhook worker against a receiver that is down for a while: the closing evidence of issue 17.

    python -m bench.webhook_outage [--down SECONDS] [--schedule 1,2,4,8,16,32] [--database-url URL]

Starts the API (`python -m secondround.server`, its in-process worker off) and the worker as its own
process (`python -m secondround.worker`) on a fresh SQLite database (or the PostgreSQL URL given),
registers an account with a webhook to a receiver on loopback that is not listening, makes a few
changes, brings the receiver up after `--down` seconds, waits until every event has arrived, and
prints each event's attempts (as the delivery log shows them) and what the receiver verified.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx

from secondround.db.migrations import upgrade
from tests.support.webhook_receiver import free_port, new_receiver, serving


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.webhook_outage", description=__doc__.splitlines()[0])
    parser.add_argument("--down", type=float, default=20.0, help="seconds the receiver stays down")
    parser.add_argument("--schedule", default="1,2,4,8,16,32", help="SECONDROUND_WEBHOOK_RETRY_SCHEDULE")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="webhook-outage-"))
    url = args.database_url or f"sqlite:///{folder / 'outage.db'}"
    upgrade(url.replace("postgresql://", "postgresql+psycopg://"))
    env = {
        **os.environ,
        "SECONDROUND_DATABASE_URL": url,
        "SECONDROUND_WEBHOOK_WORKER_IN_PROCESS": "false",
        "SECONDROUND_WEBHOOK_ALLOW_PRIVATE": "true",  # the receiver is on loopback
        "SECONDROUND_WEBHOOK_RETRY_SCHEDULE": args.schedule,
        "SECONDROUND_WEBHOOK_POLL_SECONDS": "0.2",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    api = subprocess.Popen(
        [sys.executable, "-m", "secondround.server", "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env,
    )
    worker = subprocess.Popen([sys.executable, "-m", "secondround.worker"], env=env, stderr=subprocess.DEVNULL)
    try:
        client = httpx.Client(base_url=base, timeout=10)
        wait_until(lambda: _answers(client), 20, "the API")
        email, password = f"outage-{int(time.time())}@example.com", "correct horse battery staple"
        assert client.post("/api/v1/auth/register", json={"email": email, "password": password}).status_code == 201
        token = client.post("/api/v1/auth/token", data={"username": email, "password": password}).json()
        client.headers["Authorization"] = f"Bearer {token['access_token']}"

        receiver = new_receiver()  # its port is chosen; nothing listens yet
        hook = client.post("/api/v1/webhooks", json={"url": receiver.url}).json()
        receiver.secret = hook["secret"]
        started = time.monotonic()
        app = client.post("/api/v1/applications", json={"company": "Outage Co", "position": "Engineer"}).json()
        rnd = client.post(f"/api/v1/applications/{app['id']}/rounds", json={"kind": "second"}).json()
        client.patch(f"/api/v1/rounds/{rnd['id']}", json={"outcome": "next_round"})
        print(f"receiver down for {args.down:g} s; retry schedule {args.schedule} s; worker: its own process")
        time.sleep(max(0.0, args.down - (time.monotonic() - started)))
        with serving(receiver):
            up_at = time.monotonic() - started
            print(f"receiver up at {up_at:.1f} s")
            log = f"/api/v1/webhooks/{hook['id']}/deliveries"

            def all_delivered() -> bool:
                items = client.get(log, params={"limit": 200}).json()["items"]
                ids = {a["event_id"] for a in items}
                return len(ids) > 0 and ids == {a["event_id"] for a in items if a["succeeded"]}

            wait_until(all_delivered, sum(float(s) for s in args.schedule.split(",")) * 1.2 + 30, "every event")
        attempts = list(reversed(client.get(log, params={"limit": 200}).json()["items"]))
        first = datetime.fromisoformat(attempts[0]["attempted_at"])
        by_event: dict[str, list[dict]] = {}
        for a in attempts:
            by_event.setdefault(a["event_id"], []).append(a)
        for event_id, tries in by_event.items():
            steps = ", ".join(
                f"#{t['attempt']} +{(datetime.fromisoformat(t['attempted_at']) - first).total_seconds():.1f}s "
                f"{t['status_code'] or 'refused'}"
                for t in tries
            )
            print(f"  {tries[0]['event_type']:24} {event_id}: {steps}")
        received = receiver.received
        ids = [r.headers["webhook-id"] for r in received]
        print(
            f"events {len(by_event)}, attempts {len(attempts)} "
            f"({sum(1 for a in attempts if not a['succeeded'])} failed while down), "
            f"received {len(received)}, distinct webhook-ids {len(set(ids))}, "
            f"signatures verified {sum(r.verified for r in received)}/{len(received)}, "
            f"types {sorted({json.loads(r.body)['type'] for r in received})}"
        )
    finally:
        worker.terminate()
        api.terminate()
        worker.wait(10)
        api.wait(10)


def _answers(client: httpx.Client) -> bool:
    try:
        return client.get("/api/v1/health").status_code == 200
    except httpx.HTTPError:
        return False


if __name__ == "__main__":
    main()
