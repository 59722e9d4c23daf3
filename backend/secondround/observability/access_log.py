"""One access-log line per request: method, path (token parameters masked), status, duration,
bytes sent, the client, and the account once a credential named one (never the credential).

Outside every other middleware, so refusals (429, 503, 413) are logged with the time they took.
The line goes to the `secondround.access` logger as structured fields; `--no-access-log` on the
server turns it off.
"""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.server.log_redaction import redact_tokens

log = logging.getLogger("secondround.access")


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp, *, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.enabled or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, sent = 500, 0

        async def counting_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            path = scope.get("path", "")
            query = scope.get("query_string", b"").decode("latin-1")
            target = redact_tokens(f"{path}?{query}" if query else path)
            client = scope.get("client")
            account = scope.get("state", {}).get("account_id")
            log.info(
                "%s %s %d",
                scope.get("method", ""),
                target,
                status,
                extra={
                    "method": scope.get("method", ""),
                    "path": target,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "bytes": sent,
                    "client": client[0] if client else None,
                    "account_id": str(account) if account is not None else None,
                },
            )
