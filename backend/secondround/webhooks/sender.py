"""One delivery attempt: sign the body per Standard Webhooks and POST it to the checked address.

The host is resolved and checked again (address_guard) right before the attempt, and the connection
goes to that very address, with the name in the Host header and in TLS (SNI and the certificate
check), so DNS cannot point the request elsewhere between check and use. Redirects are never
followed (a 3xx is a failed attempt); timeouts are short; the answer's body is not read.
"""

import time
from dataclasses import dataclass
from datetime import datetime

import httpx
from standardwebhooks.webhooks import Webhook as Signer

from secondround.db.types import utcnow
from secondround.webhooks import address_guard

USER_AGENT = "secondround-webhooks/1"


@dataclass(frozen=True)
class AttemptResult:
    attempted_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def signed_headers(secret: str, message_id: str, body: str, at: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers for this attempt (same id on every attempt, its own time)."""
    signature = Signer(secret).sign(msg_id=message_id, timestamp=at, data=body)
    return {"webhook-id": message_id, "webhook-timestamp": str(int(at.timestamp())), "webhook-signature": signature}


def _host_header(target: address_guard.Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "The endpoint did not answer in time."
    if isinstance(exc, httpx.ConnectError):
        return "Could not connect to the endpoint."
    if isinstance(exc, httpx.TransportError):
        return "The connection to the endpoint failed."
    return "The attempt failed."


async def attempt(
    client: httpx.AsyncClient, url: str, secret: str, message_id: str, body: str, *, allow_private: bool
) -> AttemptResult:
    at = utcnow()
    started = time.monotonic()

    def result(status_code: int | None, error: str | None) -> AttemptResult:
        return AttemptResult(at, int((time.monotonic() - started) * 1000), status_code, error)

    try:
        target = await address_guard.check(url, allow_private=allow_private)
    except address_guard.RefusedAddress as refused:
        return result(None, str(refused)[:300])
    headers = {
        "Host": _host_header(target),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(secret, message_id, body, at),
    }
    # The URL keeps its path and query; only the host becomes the address that was checked.
    request_url = httpx.URL(url).copy_with(host=target.address)
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        request = client.build_request(
            "POST", request_url, content=body.encode(), headers=headers, extensions=extensions
        )
        response = await client.send(request, stream=True, follow_redirects=False)
        await response.aclose()  # the answer's body is not needed, nor read
    except Exception as exc:  # any failure to reach the endpoint is an attempt that failed, never a crash
        return result(None, _describe(exc))
    return result(response.status_code, None)


def new_client(timeout: float) -> httpx.AsyncClient:
    """One client per worker: short timeouts, no proxies from the environment, no redirects."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT},
    )
