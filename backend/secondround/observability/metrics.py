"""Prometheus metrics at `/metrics` (when `SECONDROUND_METRICS=true`).

Request rate and a latency histogram per route template come from
prometheus-fastapi-instrumentator; the gauges an operator sizes the service by are read when
Prometheus scrapes: requests admitted and waiting for a slot (middleware/admission.py), database
connections in use, the webhook outbox's depth and oldest due delivery, and the mail outbox's.
Each app has its own registry, so several apps in one process (the tests) never share or
double-register a metric.
The endpoint is not part of the API document; behind the proxy it is not reachable from outside
(docker/nginx.conf), since it tells how busy the service is.
"""

from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, generate_latest
from prometheus_fastapi_instrumentator import Instrumentator
from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.api.app_state import app_state
from secondround.db.types import utcnow
from secondround.mail import outbox as mail_outbox
from secondround.middleware.admission import AdmissionCounts
from secondround.models import WebhookDelivery
from secondround.webhooks import events

METRICS_PATH = "/metrics"


@dataclass
class ServiceMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        def gauge(name: str, documentation: str) -> Gauge:
            return Gauge(name, documentation, registry=self.registry)

        self.admitted = gauge("secondround_admission_in_progress", "Requests admitted and running.")
        self.waiting = gauge("secondround_admission_waiting", "Requests waiting for a free slot.")
        self.slots = gauge("secondround_admission_slots", "Requests that may run at once (the setting).")
        self.pool_in_use = gauge("secondround_db_pool_in_use", "Database connections checked out of the pool.")
        self.pool_size = gauge("secondround_db_pool_size", "Database connections the pool keeps.")
        self.outbox_pending = gauge("secondround_webhook_outbox_pending", "Webhook deliveries waiting to be sent.")
        self.outbox_oldest = gauge(
            "secondround_webhook_outbox_oldest_due_seconds",
            "How long the oldest due webhook delivery has waited (0 when none is due).",
        )
        self.mail_pending = gauge("secondround_mail_outbox_pending", "Mails waiting to be sent.")
        self.mail_oldest = gauge(
            "secondround_mail_outbox_oldest_due_seconds",
            "How long the oldest due mail has waited (0 when none is due).",
        )


def _outbox(db: Session) -> tuple[int, float]:
    now = utcnow()
    pending, oldest = db.execute(
        select(func.count(), func.min(col(WebhookDelivery.next_attempt_at))).where(
            col(WebhookDelivery.state) == events.PENDING
        )
    ).one()
    waited = (now - oldest).total_seconds() if oldest is not None and oldest <= now else 0.0
    return int(pending), waited


def install_metrics(app: FastAPI, counts: AdmissionCounts, slots: int) -> None:
    metrics = ServiceMetrics()
    metrics.slots.set(slots)
    Instrumentator(
        registry=metrics.registry,
        excluded_handlers=[METRICS_PATH],
        should_group_status_codes=False,
        should_group_untemplated=True,  # unknown paths are one series ("none"), not one per path
    ).instrument(app, metric_namespace="secondround")

    @app.get(METRICS_PATH, include_in_schema=False)
    async def prometheus_metrics(request: Request) -> Response:
        state = app_state(request.app)
        metrics.admitted.set(counts.admitted)
        metrics.waiting.set(counts.waiting)
        pool = state.database.request_engine.pool
        metrics.pool_in_use.set(getattr(pool, "checkedout", lambda: 0)())
        metrics.pool_size.set(getattr(pool, "size", lambda: 0)())
        db = state.database.session(writes=False)
        try:
            pending, oldest = await db.run(_outbox)
            mail_pending, mail_oldest = await db.run(mail_outbox.depth)
        finally:
            await db.rollback_and_close()
        metrics.outbox_pending.set(pending)
        metrics.outbox_oldest.set(oldest)
        metrics.mail_pending.set(mail_pending)
        metrics.mail_oldest.set(mail_oldest)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
