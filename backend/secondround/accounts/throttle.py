"""Sign-in throttling: attempts on /auth/token, /auth/login and /auth/register are counted per client
address and per account (the email tried), and refused with 429 once either limit is reached."""

import hashlib
import ipaddress
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, Request, Response

from secondround.api.app_state import app_state
from secondround.api.problems import TooManyRequests
from secondround.api.rate_limit import Policy, RateLimiter, note, parse_policies, retry_after
from secondround.config import Settings


class SignInLimits:
    """The app's sign-in policies and the counters behind them (one per app, in api/app_state.py)."""

    def __init__(self, settings: Settings) -> None:
        self.by_address = parse_policies("address", settings.auth_address_rate_limit)
        self.by_account = parse_policies("account", settings.auth_rate_limit)
        self.limiter = RateLimiter(settings.redis_url, key_prefix=settings.redis_key_prefix)


def client_address(request: Request) -> str:
    """The socket peer, as uvicorn reports it: with --proxy-headers it is the X-Forwarded-For address
    when the peer is a trusted proxy (FORWARDED_ALLOW_IPS), and the peer itself otherwise. An IPv6
    client usually holds a whole /64, so that is what is counted."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def account_key(email: str) -> str:
    # Hashed so the shared store never holds email addresses.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


class SignInAttempt:
    """One sign-in or registration attempt; each `count_*` may refuse it with a 429 problem."""

    def __init__(self, limits: SignInLimits, response: Response, request: Request) -> None:
        self._limits = limits
        self._response = response
        self._request = request

    def count_address(self, address: str) -> None:
        self._count(self._limits.by_address, "address", address)

    async def count_sensitive_change(self, email: str, account_id: object, fields: set[str]) -> None:
        """A profile change that checks the current password (a new password or email, or a
        `current_password` sent at all) is a sign-in attempt: on the address, on the account's
        email, and on the account itself (a changed email must not start a fresh budget)."""
        if fields & {"current_password", "password", "email"}:
            await self._count_from_async(self._limits.by_address, "address", client_address(self._request))
            await self.count_account(email)
            await self._count_from_async(self._limits.by_account, "account", account_key(f"id:{account_id}"))

    async def count_account(self, email: str) -> None:
        await self._count_from_async(self._limits.by_account, "account", account_key(email))

    async def _count_from_async(self, policies: tuple[Policy, ...], scope: str, key: str) -> None:
        # From an async route: a shared (Redis) counter is a network call, made in a worker thread.
        if self._limits.limiter.shared:
            await to_thread.run_sync(self._count, policies, scope, key)
        else:
            self._count(policies, scope, key)

    def _count(self, policies: tuple[Policy, ...], scope: str, key: str) -> None:
        usages = self._limits.limiter.hit(policies, "sign-in", scope, key)
        # Every answer of the request carries the fields, a 401 or 422 problem as well as a success
        # (middleware/http_fields.py writes them), with the per-credential budget's when there is one.
        headers = note(self._request.state, policies, usages)
        wait = retry_after(usages)
        if wait is not None:
            whose = "from your address" if scope == "address" else "for this account"
            raise TooManyRequests(
                f"Too many sign-in attempts {whose}; try again in {wait} seconds.",
                headers={**headers, "Retry-After": str(wait)},
            )


def sign_in_attempt(request: Request, response: Response) -> SignInAttempt:
    """Counts the attempt against the client's address before the body is even validated;
    the route counts it against the account once it knows the email. A sync dependency, so FastAPI
    runs it in a worker thread: counting may call Redis."""
    attempt = SignInAttempt(app_state(request.app).sign_in_limits, response, request)
    attempt.count_address(client_address(request))
    return attempt


SignInThrottle = Annotated[SignInAttempt, Depends(sign_in_attempt)]


async def password_check_attempt(request: Request, response: Response) -> SignInAttempt:
    """For a password change: checking `current_password` is a sign-in attempt on the account
    (counted by the route only when the body carries one)."""
    return SignInAttempt(app_state(request.app).sign_in_limits, response, request)


PasswordCheckThrottle = Annotated[SignInAttempt, Depends(password_check_attempt)]
