"""SIGTERM (what `docker stop` and an orchestrator send) lets the requests under way finish: a write
whose body is still arriving when the signal comes is answered 201 and kept, new connections are
refused, and the server shuts down cleanly."""

import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import create_engine, text

from secondround.config import Settings
from tests.support.accounts import PASSWORD, unique_email
from tests.support.servers import running_server


def test_a_write_under_way_at_sigterm_is_finished_and_kept(database, tmp_path):
    company = f"Graceful {uuid.uuid4().hex[:8]}"
    with running_server(database.url, tmp_path / "server.log") as server:
        client = httpx.Client(base_url=server.base_url, timeout=30)
        email = unique_email("graceful")
        assert client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
        token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        signalled = threading.Event()

        def body():
            yield f'{{"company": "{company}", '.encode()
            signalled.wait(10)
            time.sleep(0.5)  # the server is shutting down by now
            yield b'"position": "Engineer"}'

        with ThreadPoolExecutor(1) as pool:
            write = pool.submit(
                client.post, "/api/v1/applications", content=body(), headers={"Content-Type": "application/json"}
            )
            time.sleep(0.5)  # the request has started
            server.process.send_signal(signal.SIGTERM)
            signalled.set()
            answer = write.result()
        assert answer.status_code == 201, answer.text
        # uvicorn re-raises the signal once it has shut down, as a process stopped by SIGTERM should.
        assert server.process.wait(timeout=20) in (0, -signal.SIGTERM), server.log_text()[-2000:]
        assert "Application shutdown complete" in server.log_text()
        try:
            httpx.get(f"{server.base_url}/api/v1/health", timeout=2)
            raise AssertionError("the stopped server still answered")
        except httpx.ConnectError:
            pass
        client.close()

    engine = create_engine(Settings(database_url=database.url).sqlalchemy_url)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM applications WHERE company = :c"), {"c": company}).scalar()
    engine.dispose()
    assert kept == 1
