"""The SSRF guard: with private addresses not allowed (the default), a webhook URL whose host is or
resolves to a loopback, private, link-local, multicast, reserved or unspecified address is refused
when it is saved (a 422 in plain words) and again when an event is sent."""

import ipaddress

import pytest

from secondround.api.app_state import app_state
from secondround.main import create_app
from secondround.webhooks.address_guard import is_internal
from tests.support.assertions import assert_problem
from tests.support.builders import create_application
from tests.support.serving import new_client, serve
from tests.support.webhook_receiver import new_receiver, serving
from tests.support.webhook_worker import drive

HOOKS = "/api/v1/webhooks"

REFUSED = [
    "http://127.0.0.1/hook",
    "http://127.1.2.3:8080/hook",
    "http://10.0.0.5/hook",
    "http://172.16.0.1/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.0.1/hook",  # carrier-grade NAT
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",  # multicast
    "http://240.0.0.1/hook",  # reserved
    "http://[::1]/hook",
    "http://[::]/hook",
    "http://[::ffff:127.0.0.1]/hook",  # IPv4-mapped IPv6
    "http://[::ffff:a9fe:a9fe]/hook",  # 169.254.169.254, mapped
    "http://[fe80::1]/hook",  # link-local
    "http://[fc00::1]/hook",  # unique local
    "http://[ff02::1]/hook",  # multicast
    "http://[2002:7f00:1::]/hook",  # 6to4 around 127.0.0.1
    "http://localhost:8000/hook",  # a name that resolves to loopback
    "http://LocalHost/hook",
]


@pytest.fixture(scope="module")
def guarded_url(settings):
    """The app served with the guard on, on the same database as the rest of the run."""
    guarded = create_app(settings.model_copy(update={"webhook_allow_private": False}))
    with serve(guarded) as url:
        yield url
    app_state(guarded).database.dispose_sync()


def test_internal_addresses_are_refused_at_creation_in_plain_words(guarded_url, user):
    with new_client(guarded_url) as client:
        client.headers["Authorization"] = f"Bearer {user.token}"
        for url in REFUSED:
            problem = assert_problem(client.post(HOOKS, json={"url": url}), 422)
            error = problem["errors"][0]
            assert error["field"] == "url" and error["type"] == "webhook_url", (url, problem)
            assert "private or internal network" in problem["detail"], (url, problem["detail"])
        hook = user.post(HOOKS, json={"url": "http://127.0.0.1:9/hook"}).json()  # the main app allows it
        problem = assert_problem(client.patch(f"{HOOKS}/{hook['id']}", json={"url": "http://10.1.1.1/"}), 422)
        assert "private or internal network" in problem["detail"]
        assert_problem(client.post(HOOKS, json={"url": "http://user:pw@example.com/hook"}), 422)


def test_public_addresses_pass():
    for text in ("93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"):
        assert not is_internal(ipaddress.ip_address(text)), text
    for text in ("127.0.0.1", "::ffff:10.0.0.1", "169.254.169.254", "fd00::1", "::"):
        assert is_internal(ipaddress.ip_address(text)), text


def test_an_address_is_checked_again_when_an_event_is_sent(settings, user):
    """Saved while private addresses were allowed (or a name that resolved elsewhere then): the
    worker, with the guard on, refuses to post and records why; the receiver gets nothing."""
    receiver = new_receiver()
    with serving(receiver):
        hook = user.post(HOOKS, json={"url": receiver.url}).json()
        create_application(user)
        log = f"{HOOKS}/{hook['id']}/deliveries"
        drive(
            settings,
            lambda: len(user.get(log).json()["items"]) >= 1,
            webhook_allow_private=False,
            webhook_retry_schedule="60",
        )
    attempt = user.get(log).json()["items"][0]
    assert attempt["status_code"] is None and attempt["succeeded"] is False
    assert "private or internal network" in attempt["error"]
    assert receiver.received == []
