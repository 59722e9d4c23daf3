"""The delivery worker: claims due rows of the outbox, posts them, records every attempt, schedules
retries, and once in a while turns follow-up dates that arrived into `follow_up.due` events.

Claiming is a short transaction that moves each claimed row's `next_attempt_at` a lease into the
future (longer than an attempt can take), so no other worker sees it while it is being posted; on
PostgreSQL the claim reads with `FOR UPDATE SKIP LOCKED`, so any number of workers (in API
processes or `python -m secondround.worker`) share the outbox and never post one row twice at
once. SQLite serialises writers, so its claims cannot overlap either, but one worker is the
supported setup there (README, "Webhooks"). A worker that dies mid-attempt leaves its rows to be
posted again when the lease ends: delivery is at least once, and `webhook-id` lets a receiver
drop a repeat.
"""

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, delete, exists, or_, select, text
from sqlmodel import Session, col

from secondround.config import Settings
from secondround.db.session import Database
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import Outcome
from secondround.models import Round, User, Webhook, WebhookAttempt, WebhookDelivery, WebhookFollowUpSent
from secondround.rounds.follow_up import today_in
from secondround.rounds.schemas import RoundRead
from secondround.webhooks import events, sender

log = logging.getLogger("secondround.webhooks")

BATCH_SIZE = 20
JITTER = 0.1  # each retry waits its scheduled delay, plus or minus 10 %
FOLLOW_UP_LOOKBACK_DAYS = 30  # a follow-up date older than this when first seen is not announced
FOLLOW_UP_SCAN_LOCK = 0x5EC0_0D01  # the advisory lock only one PostgreSQL worker holds while scanning
PRUNE_BATCH = 1_000  # finished deliveries removed per scan: short transactions, the rest next time
SHUTDOWN_GRACE_SECONDS = 5.0  # attempts under way when the worker is told to stop get this long
GONE_REASON = "The endpoint answered 410 Gone, so sending was paused."


@dataclass(frozen=True)
class Claim:
    delivery_id: uuid.UUID
    webhook_id: uuid.UUID
    url: str
    secret: str
    message_id: str
    event_type: str
    payload: str
    attempt: int


def retry_delay(delays: list[float], attempt: int, rand: random.Random | None = None) -> float | None:
    """Seconds before the retry that follows attempt number `attempt` (1 = the first try), with
    jitter; None when the schedule is used up."""
    if attempt > len(delays):
        return None
    spread = (rand or random).uniform(1 - JITTER, 1 + JITTER)
    return delays[attempt - 1] * spread


def anything_due(db: Session) -> bool:
    """A cheap read first: an idle worker must not take SQLite's write lock every poll."""
    found = db.execute(
        select(col(WebhookDelivery.id))
        .where(col(WebhookDelivery.state) == events.PENDING, col(WebhookDelivery.next_attempt_at) <= utcnow())
        .limit(1)
    ).first()
    return found is not None


def claim(db: Session, limit: int, lease_seconds: float) -> list[Claim]:
    now = utcnow()
    statement = (
        select(WebhookDelivery, col(Webhook.url), col(Webhook.secret))
        .join(Webhook, col(Webhook.id) == col(WebhookDelivery.webhook_id))
        .where(
            col(WebhookDelivery.state) == events.PENDING,
            col(WebhookDelivery.next_attempt_at) <= now,
            col(Webhook.active).is_(True),
        )
        .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=WebhookDelivery)
    claims = []
    for delivery, url, secret in db.execute(statement).all():
        delivery.attempts += 1
        delivery.next_attempt_at = now + timedelta(seconds=lease_seconds)
        db.add(delivery)
        claims.append(
            Claim(
                delivery.id,
                delivery.webhook_id,
                url,
                secret,
                delivery.message_id,
                delivery.event_type,
                delivery.payload,
                delivery.attempts,
            )
        )
    db.flush()
    return claims


def finish(db: Session, done: list[tuple[Claim, sender.AttemptResult]], delays: list[float]) -> None:
    """Record each attempt and decide what comes next: delivered, a retry later, or given up."""
    for item, result in done:
        delivery = db.get(WebhookDelivery, item.delivery_id)
        if delivery is None:
            continue  # the webhook was deleted while its event was in flight
        db.add(
            WebhookAttempt(
                webhook_id=item.webhook_id,
                delivery_id=item.delivery_id,
                message_id=item.message_id,
                event_type=item.event_type,
                attempt=item.attempt,
                attempted_at=result.attempted_at,
                duration_ms=result.duration_ms,
                status_code=result.status_code,
                error=result.error,
            )
        )
        delay = retry_delay(delays, item.attempt)
        if result.succeeded:
            delivery.state, delivery.next_attempt_at = events.DELIVERED, None
        elif result.status_code == 410:
            delivery.state, delivery.next_attempt_at = events.FAILED, None
            hook = db.get(Webhook, item.webhook_id)
            if hook is not None and hook.active:
                hook.active, hook.disabled_reason, hook.updated_at = False, GONE_REASON, utcnow()
                db.add(hook)
        elif delay is None:
            delivery.state, delivery.next_attempt_at = events.FAILED, None
        else:
            delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)
        db.add(delivery)
    db.flush()


def release(db: Session, claims: list[Claim]) -> None:
    """Hand claimed deliveries back (shutdown): due again at once, with the attempt not counted, so
    another worker posts them now rather than when the lease ends."""
    for item in claims:
        delivery = db.get(WebhookDelivery, item.delivery_id)
        if delivery is None or delivery.state != events.PENDING or delivery.attempts != item.attempt:
            continue  # deleted, or already taken on by someone else
        delivery.attempts -= 1
        delivery.next_attempt_at = utcnow()
        db.add(delivery)
    db.flush()


def announce_due_follow_ups(db: Session, limit: int = 500) -> int:
    """Record `follow_up.due` for every round whose follow-up date has arrived in its account's zone
    and was not announced yet (a new date makes it due again); returns how many."""
    if db.get_bind().dialect.name == "postgresql":
        got = db.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": FOLLOW_UP_SCAN_LOCK}).scalar()
        if not got:
            return 0  # another worker is scanning
    now = utcnow()
    latest = now.date() + timedelta(days=1)  # no zone is more than a day ahead of UTC
    earliest = now.date() - timedelta(days=FOLLOW_UP_LOOKBACK_DAYS)
    wants = and_(
        col(Webhook.owner_id) == col(Round.owner_id),
        col(Webhook.active).is_(True),
        or_(col(Webhook.events).is_(None), col(Webhook.events).contains("follow_up.due")),
    )
    rows = db.execute(
        select(Round, col(User.time_zone), col(WebhookFollowUpSent.follow_up_on))
        .join(User, col(User.id) == col(Round.owner_id))
        .outerjoin(WebhookFollowUpSent, col(WebhookFollowUpSent.round_id) == col(Round.id))
        .where(
            col(Round.outcome) == Outcome.PENDING,
            col(Round.followed_up_at).is_(None),
            col(Round.follow_up_on).is_not(None),
            col(Round.follow_up_on) <= latest,
            col(Round.follow_up_on) >= earliest,
            or_(
                col(WebhookFollowUpSent.follow_up_on).is_(None),
                col(WebhookFollowUpSent.follow_up_on) != col(Round.follow_up_on),
            ),
            exists().where(wants),
        )
        .order_by(col(Round.follow_up_on), col(Round.id))
        .limit(limit)
    ).all()
    announced = 0
    for round_, zone_name, sent_on in rows:
        due_on: date = round_.follow_up_on
        if today_in(zone_name, now) < due_on:
            continue  # not yet the day where the person lives
        events.record(db, round_.owner_id, "follow_up.due", events.data_of(RoundRead, round_))
        if sent_on is None:
            db.add(WebhookFollowUpSent(round_id=round_.id, follow_up_on=due_on))
        else:
            mark = db.get_one(WebhookFollowUpSent, round_.id)
            mark.follow_up_on = due_on
            db.add(mark)
        announced += 1
    db.flush()
    return announced


def prune_finished(db: Session, retention_days: int, limit: int = PRUNE_BATCH) -> int:
    """Delete deliveries that ended (delivered, or given up) more than `retention_days` ago, with
    their attempts: the delivery log keeps a month, the outbox does not grow for ever. A pending
    delivery is never removed, however old. Returns how many deliveries went."""
    cutoff = utcnow() - timedelta(days=retention_days)
    ids = list(
        db.execute(
            select(col(WebhookDelivery.id))
            .where(col(WebhookDelivery.state).in_(("delivered", "failed")), col(WebhookDelivery.created_at) < cutoff)
            .order_by(col(WebhookDelivery.created_at))
            .limit(limit)
        ).scalars()
    )
    if ids:
        # Attempts first: the foreign key cascades on PostgreSQL, but say it rather than rely on it.
        db.execute(delete(WebhookAttempt).where(col(WebhookAttempt.delivery_id).in_(ids)))
        db.execute(delete(WebhookDelivery).where(col(WebhookDelivery.id).in_(ids)))
    return len(ids)


async def _wait_or_stop(tasks: Sequence[asyncio.Future[Any]], stop: asyncio.Event | None, grace: float) -> None:
    """Wait for every task; once `stop` is set, wait at most `grace` seconds more."""
    if stop is None:
        await asyncio.wait(tasks)
        return
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while not stopping.done() and not all(t.done() for t in tasks):
            await asyncio.wait([*(t for t in tasks if not t.done()), stopping], return_when=asyncio.FIRST_COMPLETED)
        if not all(t.done() for t in tasks):
            await asyncio.wait([t for t in tasks if not t.done()], timeout=grace)
    finally:
        stopping.cancel()


class DeliveryWorker:
    """Posts the outbox. `run_once` does one round of work; `run` loops until `stop` is set."""

    def __init__(self, database: Database, settings: Settings, *, batch_size: int = BATCH_SIZE) -> None:
        self.database = database
        self.settings = settings
        self.batch_size = batch_size
        self.delays = settings.webhook_retry_delays
        # Longer than any attempt can take (resolution, connect, answer), so a claim never expires mid-attempt.
        self.lease_seconds = settings.webhook_timeout_seconds * 2 + 30
        self._next_scan = 0.0
        self._client: httpx.AsyncClient | None = None

    async def scan_follow_ups(self) -> int:
        return int(await self.database.in_transaction(announce_due_follow_ups))

    async def prune(self) -> int:
        return int(await self.database.in_transaction(prune_finished, self.settings.webhook_retention_days))

    async def run_once(self, stop: asyncio.Event | None = None) -> int:
        """Announce due follow-ups and prune finished deliveries (at most every
        `webhook_follow_up_scan_seconds`), then claim and post one batch; returns how many attempts
        were made. When `stop` is set meanwhile, the attempts under way get `SHUTDOWN_GRACE_SECONDS`
        to finish and the rest are handed back (`release`) for another worker."""
        if time.monotonic() >= self._next_scan:
            self._next_scan = time.monotonic() + self.settings.webhook_follow_up_scan_seconds
            await self.scan_follow_ups()
            await self.prune()
        if not await self.database.read(anything_due):
            return 0
        claims: list[Claim] = await self.database.in_transaction(claim, self.batch_size, self.lease_seconds)
        if not claims:
            return 0
        client = self._client or sender.new_client(self.settings.webhook_timeout_seconds)
        attempts = [
            asyncio.ensure_future(
                sender.attempt(
                    client, c.url, c.secret, c.message_id, c.payload, allow_private=self.settings.webhook_allow_private
                )
            )
            for c in claims
        ]
        try:
            await _wait_or_stop(attempts, stop, SHUTDOWN_GRACE_SECONDS)
        finally:
            for task in attempts:
                task.cancel()  # only those still running: shutting down, or this worker was cancelled
            await asyncio.gather(*attempts, return_exceptions=True)
            if self._client is None:
                await client.aclose()
        done = [(c, t.result()) for c, t in zip(claims, attempts, strict=True) if not t.cancelled()]
        handed_back = [c for c, t in zip(claims, attempts, strict=True) if t.cancelled()]
        if done:
            await self.database.in_transaction(finish, done, self.delays)
        if handed_back:
            await self.database.in_transaction(release, handed_back)
            log.info("handed %d webhook deliveries back on shutdown", len(handed_back))
        return len(done)

    async def run(self, stop: asyncio.Event) -> None:
        self._client = sender.new_client(self.settings.webhook_timeout_seconds)
        try:
            while not stop.is_set():
                try:
                    worked = await self.run_once(stop)
                except Exception:  # a database hiccup must not end the worker; try again shortly
                    log.exception("webhook delivery round failed")
                    worked = 0
                if worked:
                    continue
                try:
                    await asyncio.wait_for(stop.wait(), timeout=self.settings.webhook_poll_seconds)
                except TimeoutError:
                    pass
        finally:
            await self._client.aclose()
            self._client = None
