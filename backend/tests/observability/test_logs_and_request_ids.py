"""The real server's log with SECONDROUND_LOG_FORMAT=json: one JSON object per line, a request id
taken from X-Request-ID (or made) and echoed, an access line with the duration and the account,
and never a password, a token or a feed secret."""

import json
import re

import httpx

from tests.support.accounts import PASSWORD, unique_email
from tests.support.servers import running_server


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_json_lines_with_request_ids_durations_and_accounts_and_no_secrets(database, tmp_path):
    with running_server(database.url, tmp_path / "json.log", access_log=True, log_format="json") as server:
        with httpx.Client(base_url=server.base_url, timeout=20) as client:
            email = unique_email("logs")
            assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
            answer = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
            token = answer.json()["access_token"]
            me = client.get(
                "/api/v1/me", headers={"Authorization": f"Bearer {token}", "X-Request-ID": "proxy-req-0001"}
            )
            assert me.status_code == 200 and me.headers["X-Request-ID"] == "proxy-req-0001"
            account_id = me.json()["id"]
            # A hostile id (spaces, a forged second line) is replaced by one of ours, not echoed.
            forged = client.get("/api/v1/health", headers={"X-Request-ID": 'x y {"level": "critical"}'})
            made = forged.headers["X-Request-ID"]
            assert re.fullmatch(r"[0-9a-f]{32}", made), made
            fresh = client.get("/api/v1/health").headers["X-Request-ID"]
            assert re.fullmatch(r"[0-9a-f]{32}", fresh) and fresh != made
            client.get("/api/v1/calendar.ics", params={"token": "srcal_s3cretfeedtoken"})

    text = server.log_text()
    lines = _lines(text)  # every line parses: nothing but JSON objects
    assert all({"event", "level", "logger", "timestamp"} <= set(line) for line in lines)
    access = [line for line in lines if line["logger"] == "secondround.access"]
    me_line = next(line for line in access if line["path"] == "/api/v1/me")
    assert me_line["request_id"] == "proxy-req-0001"
    assert me_line["account_id"] == account_id and me_line["status"] == 200
    assert me_line["method"] == "GET" and me_line["duration_ms"] > 0 and me_line["bytes"] > 0
    assert any(line["request_id"] == made for line in access)
    assert all(line["request_id"] for line in access)
    # Secrets never reach the log: not the password, the bearer token, nor the feed token.
    assert PASSWORD not in text and token not in text and "s3cretfeedtoken" not in text
    assert "REDACTED" in text
    assert any(line["event"].startswith("listening on http://") for line in lines)


def test_console_format_is_text_for_a_terminal(database, tmp_path):
    with running_server(database.url, tmp_path / "server.log", log_format="console") as server:
        httpx.get(f"{server.base_url}/api/v1/health", timeout=10)
    text = server.log_text()
    assert "listening on http://" in text
    assert not any(line.startswith("{") for line in text.splitlines())
