"""A worker told to stop while a receiver is not answering hands its claimed deliveries back: due
at once, the attempt not counted, so another worker posts them now instead of after the lease."""

import asyncio
import socket
import threading
import uuid

from sqlmodel import Session, select

from secondround.db.session import Database, DatabaseLimits
from secondround.db.types import utcnow
from secondround.models import WebhookDelivery
from secondround.webhooks import worker as delivery
from secondround.webhooks.worker import DeliveryWorker
from tests.support.builders import create_application
from tests.support.event_loop import run_async
from tests.support.webhook_receiver import new_receiver, serving
from tests.support.webhook_worker import drive, worker_settings

HOOKS = "/api/v1/webhooks"


def _silent_receiver() -> tuple[socket.socket, threading.Event]:
    """Accepts connections and reads, never answers: an attempt to it lasts its whole timeout."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connected = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            connected.set()

    threading.Thread(target=accept, daemon=True).start()
    return listener, connected


def test_a_stopped_worker_hands_its_claims_back_and_another_delivers_them(settings, user, monkeypatch):
    monkeypatch.setattr(delivery, "SHUTDOWN_GRACE_SECONDS", 0.5)
    listener, connected = _silent_receiver()
    port = listener.getsockname()[1]
    hook = user.post(HOOKS, json={"url": f"http://127.0.0.1:{port}/hooks", "events": ["application.created"]})
    assert hook.status_code == 201, hook.text
    create_application(user, company="Shutdown Co")
    chosen = worker_settings(settings, webhook_timeout_seconds=30)  # lease: 90 s

    async def stop_mid_attempt() -> tuple[int, float]:
        database = Database(chosen.sqlalchemy_url, DatabaseLimits(pool_size=2))
        stop = asyncio.Event()
        try:
            run = asyncio.ensure_future(DeliveryWorker(database, chosen).run(stop))
            while not connected.is_set():  # the attempt is under way
                await asyncio.sleep(0.02)
            started = asyncio.get_running_loop().time()
            stop.set()
            await asyncio.wait_for(run, 10)
            return 0, asyncio.get_running_loop().time() - started
        finally:
            await database.dispose()

    try:
        _, took = run_async(stop_mid_attempt())
    finally:
        listener.close()
    assert took < 3, f"the worker took {took:.1f} s to stop"
    database = Database(settings.sqlalchemy_url)
    with Session(database.engine) as db:
        rows = db.exec(select(WebhookDelivery).where(WebhookDelivery.webhook_id == uuid.UUID(hook.json()["id"]))).all()
        assert len(rows) == 1
        handed_back = rows[0]
        assert handed_back.state == "pending" and handed_back.attempts == 0
        assert handed_back.next_attempt_at is not None and handed_back.next_attempt_at <= utcnow()

    # The endpoint moves to a receiver that answers; the next worker posts the event at once.
    receiver = new_receiver()
    with serving(receiver):
        etag = user.get(f"{HOOKS}/{hook.json()['id']}").headers["ETag"]
        moved = user.patch(f"{HOOKS}/{hook.json()['id']}", json={"url": receiver.url}, headers={"If-Match": etag})
        assert moved.status_code == 200, moved.text
        receiver.secret = None
        drive(settings, lambda: len(receiver.delivered) == 1, timeout=10)
    assert len(receiver.received) == 1
    database.dispose_sync()
