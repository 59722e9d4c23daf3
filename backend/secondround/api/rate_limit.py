"""Rate limits with the `limits` library, and their IETF RateLimit / RateLimit-Policy header fields.

Counters live in process memory, or in Redis when a URL is given, so that several API processes
enforce one limit. A Redis outage never fails a request: each process falls back to its own
in-memory counters (the same limits, counted per process) and tries Redis again a few seconds later.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, cast

from limits import RateLimitItem, RateLimitItemPerMinute, parse_many
from limits.errors import StorageError
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger("secondround.rate_limit")

# A Redis that does not answer within this long counts as down; a request never waits much longer.
REDIS_TIMEOUT_SECONDS = 0.5
# After a Redis failure, counters stay local this long before Redis is tried again.
REDIS_RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class Policy:
    """One limit, e.g. 10 per 60 s, named for the RateLimit header fields."""

    name: str
    item: RateLimitItem

    @property
    def quota(self) -> int:
        return self.item.amount

    @property
    def window(self) -> int:
        return self.item.get_expiry()


def parse_policies(scope: str, notation: str) -> tuple[Policy, ...]:
    """`10/minute;100/hour` (the `limits` notation) -> policies named `scope-60s`, `scope-3600s`.
    Raises ValueError on a notation `limits` cannot read."""
    items = parse_many(notation)
    if not items:
        raise ValueError(f"no rate limit in {notation!r}")
    return tuple(Policy(f"{scope}-{item.get_expiry()}s", item) for item in items)


@dataclass(frozen=True)
class Usage:
    policy: Policy
    remaining: int
    reset_seconds: int
    exceeded: bool


class RateLimiter:
    """Moving-window counters (`limits`), in memory or in Redis with an in-memory fallback."""

    def __init__(self, redis_url: str | None = None, *, key_prefix: str = "secondround") -> None:
        self._local = MovingWindowRateLimiter(MemoryStorage())
        self._shared: MovingWindowRateLimiter | None = None
        if redis_url:
            # storage_from_string is typed for both the sync and the asyncio storages; a redis:// URL
            # gives the sync one.
            storage = cast(
                Storage,
                storage_from_string(
                    redis_url,
                    key_prefix=key_prefix,
                    wrap_exceptions=True,
                    socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                    socket_timeout=REDIS_TIMEOUT_SECONDS,
                    retry=Retry(NoBackoff(), 0),  # type: ignore[arg-type]  # passed to redis-py; fail fast, the fallback takes over
                ),
            )
            self._shared = MovingWindowRateLimiter(storage)
        self._shared_down_until = 0.0
        self._lock = threading.Lock()

    @property
    def shared(self) -> bool:
        return self._shared is not None

    def _strategy(self) -> tuple[MovingWindowRateLimiter, bool]:
        if self._shared is not None and time.monotonic() >= self._shared_down_until:
            return self._shared, True
        return self._local, False

    def _shared_failed(self, exc: Exception) -> None:
        with self._lock:
            was_up = self._shared_down_until <= time.monotonic()
            self._shared_down_until = time.monotonic() + REDIS_RETRY_SECONDS
        if was_up:  # once per outage window, not once per request
            log.warning("rate-limit store unreachable, counting in this process for now: %s", exc)

    def hit(self, policies: tuple[Policy, ...], *identifiers: str) -> list[Usage]:
        """Count one attempt against each policy, stopping at the first one that is exhausted."""
        strategy, is_shared = self._strategy()
        try:
            return self._hit(strategy, policies, identifiers)
        except StorageError as exc:
            if not is_shared:
                raise
            self._shared_failed(exc)
            return self._hit(self._local, policies, identifiers)

    @staticmethod
    def _hit(strategy: MovingWindowRateLimiter, policies: tuple[Policy, ...], identifiers: tuple[str, ...]):
        usages = []
        now = time.time()
        for policy in policies:
            allowed = strategy.hit(policy.item, *identifiers)
            stats = strategy.get_window_stats(policy.item, *identifiers)
            reset = min(policy.window, max(0, math.ceil(stats.reset_time - now)))  # never past the window
            usages.append(Usage(policy, stats.remaining, reset, exceeded=not allowed))
            if not allowed:
                break
        return usages


def policy_header(policies: list[Policy]) -> str:
    """RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers): `"name";q=10;w=60, ...`."""
    return ", ".join(f'"{p.name}";q={p.quota};w={p.window}' for p in policies)


def usage_header(usages: list[Usage]) -> str:
    """RateLimit: what is left of each policy, `"name";r=9;t=60, ...`."""
    return ", ".join(f'"{u.policy.name}";r={u.remaining};t={u.reset_seconds}' for u in usages)


def per_minute(name: str, amount: int) -> Policy:
    return Policy(name, RateLimitItemPerMinute(amount))


# Where a request keeps what it was counted against (in Starlette's request state, a dict in the ASGI
# scope), so that one middleware (middleware/http_fields.py) writes the fields on whatever answers it.
STATE_KEY = "rate_limits"


@dataclass
class Counted:
    """Every policy a request was counted against, and what is left of each."""

    policies: list[Policy] = field(default_factory=list)
    usages: list[Usage] = field(default_factory=list)

    def headers(self) -> dict[str, str]:
        if not self.policies:
            return {}
        # One item per policy: a policy counted twice (the sign-in limit, on an email and on an
        # account id) is reported by its tighter count.
        tightest: dict[str, Usage] = {}
        for usage in self.usages:
            seen = tightest.get(usage.policy.name)
            if seen is None or (usage.remaining, -usage.reset_seconds) < (seen.remaining, -seen.reset_seconds):
                tightest[usage.policy.name] = usage
        return {"RateLimit-Policy": policy_header(self.policies), "RateLimit": usage_header(list(tightest.values()))}


def note(state: Any, policies: tuple[Policy, ...], usages: list[Usage]) -> dict[str, str]:
    """Record a count on the request (`request.state`); returns the fields as they now stand."""
    counted: Counted | None = getattr(state, STATE_KEY, None)
    if counted is None:
        counted = Counted()
        setattr(state, STATE_KEY, counted)
    counted.policies += [p for p in policies if p not in counted.policies]
    counted.usages += usages
    return counted.headers()


def retry_after(usages: list[Usage]) -> int | None:
    """Seconds until every exhausted policy has room again; None when none is exhausted."""
    waits = [u.reset_seconds for u in usages if u.exceeded]
    return max(1, max(waits)) if waits else None
