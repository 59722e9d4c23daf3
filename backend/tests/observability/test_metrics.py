"""Prometheus metrics at /metrics when SECONDROUND_METRICS=true: requests per route template with
their latency, the admission gauges, the pool and the webhook outbox, read at each scrape."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from secondround.api.app_state import app_state
from secondround.main import create_app
from tests.support.accounts import register_user
from tests.support.serving import serve


def _value(text: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` of a Prometheus text page (labels in any order)."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        match = re.fullmatch(rf"{re.escape(name)}(?:\{{(.*)\}})? (\S+)", line)
        if not match:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or ""))
        if found == labels:
            return float(match.group(2))
    raise AssertionError(f"no sample {name}{labels} in:\n{text[:3000]}")


def test_metrics_are_off_unless_asked_for(client):
    answer = client.get("/metrics")
    assert "text/plain" not in answer.headers.get("content-type", "")
    assert "secondround_http_requests_total" not in answer.text


def test_requests_per_route_admission_pool_and_outbox(settings):
    app = create_app(settings.model_copy(update={"metrics": True}))
    try:
        with serve(app) as base_url:
            user = register_user(base_url, "metrics")
            hook = user.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hooks"})
            assert hook.status_code == 201, hook.text
            created = user.post("/api/v1/applications", json={"company": "Acme", "position": "Engineer"})
            assert created.status_code == 201
            for _ in range(2):
                assert user.get(f"/api/v1/applications/{created.json()['id']}").status_code == 200
            assert user.get(f"/api/v1/applications/{'0' * 8}-0000-4000-8000-{'0' * 12}").status_code == 404

            # A request in progress while Prometheus scrapes: its body arrives only after the scrape.
            scraped, admitted = threading.Event(), threading.Event()

            def slow_body():
                admitted.wait(5)
                yield b'{"company": "Slow", '
                scraped.wait(10)
                yield b'"position": "Engineer"}'

            def send_slowly():
                return user.post(
                    "/api/v1/applications", content=slow_body(), headers={"Content-Type": "application/json"}
                )

            with ThreadPoolExecutor(1) as pool:
                slow = pool.submit(send_slowly)
                admitted.set()
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    page = httpx.get(f"{base_url}/metrics", timeout=10)
                    if _value(page.text, "secondround_admission_in_progress") == 1:
                        break
                    time.sleep(0.05)
                scraped.set()
                assert slow.result().status_code == 201
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/plain")
            text = page.text
            route = "/api/v1/applications/{application_id}"
            # One series per route template (never per id), by status.
            assert _value(text, "secondround_http_requests_total", handler=route, method="GET", status="200") == 2
            assert _value(text, "secondround_http_requests_total", handler=route, method="GET", status="404") == 1
            assert created.json()["id"] not in text
            assert _value(text, "secondround_http_request_duration_seconds_count", handler=route, method="GET") == 3
            assert "secondround_http_request_duration_seconds_bucket" in text
            # The slow request held one of the slots the setting allows (a scrape takes none).
            assert _value(text, "secondround_admission_slots") == settings.max_active_requests
            assert _value(text, "secondround_admission_in_progress") == 1
            assert _value(text, "secondround_admission_waiting") == 0
            assert _value(text, "secondround_db_pool_size") >= 1
            assert _value(text, "secondround_db_pool_in_use") >= 0
            # The test app runs no delivery worker: the new application's event waits in the outbox.
            assert _value(text, "secondround_webhook_outbox_pending") >= 1
            assert _value(text, "secondround_webhook_outbox_oldest_due_seconds") >= 0
            assert "/metrics" not in re.findall(r'handler="([^"]*)"', text)
            after = httpx.get(f"{base_url}/metrics", timeout=10).text
            assert _value(after, "secondround_admission_in_progress") == 0
            assert (
                _value(
                    after,
                    "secondround_http_requests_total",
                    handler="/api/v1/applications",
                    method="POST",
                    status="201",
                )
                == 2
            )
    finally:
        app_state(app).database.dispose_sync()
