"""The ceilings the load benchmark compares the real endpoints with, served the same way.

Each app answers `GET /applications` with the same page of 50 applications the real list returns
(read from the JSON file named by SECONDROUND_BENCH_PAGE), with no database and no sign-in:

- `bare`: a raw ASGI callable sending the page's bytes, so only the server and HTTP are measured;
- `fastapi_async` and `fastapi_sync`: FastAPI endpoints (`async def` and `def`) returning the page
  from memory through the same response model as the real list, so FastAPI's own cost is measured.

The real list as a percentage of these shows what the database, sign-in and our code cost.
`python -m bench.ceilings NAME PORT` serves one of them exactly as `python -m secondround.server`
serves the API (same protocol limits, logging and access log), only with another app.
"""

import json
import os
import sys
from pathlib import Path

from fastapi import FastAPI

from secondround.applications.schemas import ApplicationPage

_page = json.loads(Path(os.environ["SECONDROUND_BENCH_PAGE"]).read_bytes())
_body = json.dumps(_page, separators=(",", ":")).encode()
_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(_body)).encode())]


async def bare(scope, receive, send) -> None:
    if scope["type"] == "lifespan":  # pragma: no cover - uvicorn's startup handshake
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": _headers})
    await send({"type": "http.response.body", "body": _body})


_in_memory = ApplicationPage.model_validate(_page)

fastapi_async = FastAPI()
fastapi_sync = FastAPI()


@fastapi_async.get("/api/v1/applications", response_model=ApplicationPage)
async def list_in_memory_async() -> ApplicationPage:
    return _in_memory


@fastapi_sync.get("/api/v1/applications", response_model=ApplicationPage)
def list_in_memory_sync() -> ApplicationPage:
    return _in_memory


def main(name: str, port: int) -> None:
    from secondround.config import get_settings
    from secondround.server import production
    from secondround.server.log_rate_limit import limit_log_rate

    settings = get_settings()
    built = production.build_server(settings, host="127.0.0.1")
    built.config.app = f"bench.ceilings:{name}"
    built.config.load()
    limit_log_rate("uvicorn.error", "asyncio", "secondround")
    built.run(sockets=[production.bind("127.0.0.1", port, settings.backlog)])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
