"""The compose stack's commands on this machine (no Docker here): prestart, two API replicas and the
worker started from docker/compose.yaml's commands and environment, against a scratch PostgreSQL
database and the local Redis, behind a local nginx running docker/nginx/secondround.conf.template with
a certificate from docker/make-cert.sh. What the proxy, the headers and the worker must do, end to end."""

import subprocess
import time
import uuid

import httpx
import pytest
import redis

from tests.support.accounts import PASSWORD, unique_email
from tests.support.databases import DATABASE_KIND, postgres_database
from tests.support.deploy import (
    NGINX_MISSING,
    compose_service,
    local_argv,
    local_redis_url,
    nginx_binary,
    running_stack,
    stack_env,
)
from tests.support.webhook_receiver import new_receiver, serving

pytestmark = [
    pytest.mark.skipif(DATABASE_KIND != "postgres", reason="the stack runs on PostgreSQL: the PostgreSQL pass"),
    pytest.mark.skipif(nginx_binary() is None, reason=NGINX_MISSING),
    pytest.mark.skipif(local_redis_url() is None, reason="no Redis answers on 127.0.0.1:6379 (the stack uses it)"),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    with postgres_database(folder, "stack") as db:
        settings = stack_env(
            db.url,
            local_redis_url(),
            SECONDROUND_WEBHOOK_ALLOW_PRIVATE="true",  # the receiver is on loopback
            SECONDROUND_WEBHOOK_POLL_SECONDS="0.2",
        )
        with running_stack(folder, settings) as running:
            yield running


def _sign_in(client: httpx.Client) -> str:
    email = unique_email("stack")
    assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return email


def test_https_through_the_proxy_reaches_both_replicas(stack):
    with stack.nginx.client() as client:
        ready = client.get("/api/v1/health/ready")
        assert ready.status_code == 200 and ready.json()["status"] == "ready", ready.text
        assert ready.headers["strict-transport-security"].startswith("max-age=")
        assert "server" not in ready.headers or "nginx/" not in ready.headers["server"]
        # A path of this test's own (the app's 404), so each replica's access log shows what nginx sent it.
        marker = f"/api/v1/spread-{uuid.uuid4().hex[:8]}"
        for _ in range(20):
            assert client.get(marker).status_code == 404
    time.sleep(0.2)
    for api in stack.apis:  # each access log (text or JSON) names the path it served
        assert marker in api.log_text(), f"nginx sent {api.name} nothing"
    plain = httpx.get(f"{stack.nginx.http_url}/api/v1/health?x=1", follow_redirects=False)
    assert plain.status_code == 308
    assert plain.headers["location"] == "https://127.0.0.1/api/v1/health?x=1"


def test_request_ids_pass_through_the_proxy_and_metrics_stay_inside(stack):
    with stack.nginx.client() as client:
        chosen = client.get("/api/v1/health", headers={"X-Request-ID": "support-ticket-4711"})
        assert chosen.headers["x-request-id"] == "support-ticket-4711"
        made = client.get("/api/v1/health").headers["x-request-id"]
        assert len(made) == 32 and int(made, 16) >= 0  # nginx's own $request_id, kept by the API
        assert client.get("/metrics").status_code == 404
    time.sleep(0.2)
    assert "support-ticket-4711" in stack.api_log() and made in stack.api_log()


def test_the_api_sees_the_client_address_and_ignores_one_the_client_makes_up(stack):
    spoofed = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    with stack.nginx.client() as client:
        assert client.get("/api/v1/health", headers={"X-Forwarded-For": spoofed}).status_code == 200
    time.sleep(0.2)
    assert spoofed not in stack.api_log()  # nginx replaced it with the real peer
    # The mechanism is live: from the trusted proxy address (loopback here) the header is believed.
    direct = httpx.get(f"{stack.apis[0].base_url}/api/v1/health", headers={"X-Forwarded-For": spoofed})
    assert direct.status_code == 200
    time.sleep(0.2)
    assert spoofed in stack.apis[0].log_text()  # the access log names the client it believed


def test_a_browser_session_over_https_gets_a_secure_cookie_and_can_write(stack):
    with stack.nginx.client() as client:
        email = unique_email("cookie")
        assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
        login = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code in (200, 204), login.text
        assert "secure" in login.headers["set-cookie"].lower()  # the API knows it is behind HTTPS
        # The Origin check compares with scheme://host:port as the browser sees them.
        created = client.post(
            "/api/v1/applications",
            json={"company": "Proxy Co", "position": "Engineer"},
            headers={"Origin": stack.nginx.https_url},
        )
        assert created.status_code == 201, created.text


def test_responses_are_compressed_and_sign_in_counts_go_to_redis(stack):
    with stack.nginx.client() as client:
        _sign_in(client)
        listed = client.get("/api/v1/questions", params={"limit": 100}, headers={"Accept-Encoding": "gzip"})
        assert listed.status_code == 200
        assert listed.headers["content-encoding"] == "gzip"
        assert len(listed.json()["items"]) > 5
    store = redis.Redis.from_url(stack.env["SECONDROUND_REDIS_URL"])
    keys = store.keys(stack.env["SECONDROUND_REDIS_KEY_PREFIX"] + "*")
    assert keys, "no rate-limit counter reached Redis"


def test_the_worker_delivers_a_webhook_made_through_the_proxy(stack):
    assert stack.worker is not None and stack.worker.process.poll() is None
    receiver = new_receiver()
    with serving(receiver), stack.nginx.client() as client:
        _sign_in(client)
        hook = client.post("/api/v1/webhooks", json={"url": receiver.url})
        assert hook.status_code == 201, hook.text
        receiver.secret = hook.json()["secret"]
        client.post("/api/v1/applications", json={"company": "Hook Co", "position": "Engineer"}).raise_for_status()
        received = receiver.wait_for(1, timeout=20)
    assert received[0].verified


def test_the_api_health_check_command_passes_on_a_replica(stack):
    check = compose_service("api")["healthcheck"]["test"][1:]
    argv = local_argv(check)
    argv[-1] = argv[-1].replace("http://127.0.0.1:8000", stack.apis[0].base_url or "")
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
