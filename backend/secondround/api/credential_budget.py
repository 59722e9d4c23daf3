"""The request budget of each bearer credential: a token from /auth/token, a personal API key, or any
other kind kept in `access_tokens` (an OAuth access token too). Counted by the credential's id, per
minute, with the sign-in limits' machinery (api/rate_limit.py): in process memory, or in Redis
(shared by every API process) when configured. Over budget: a 429 problem with Retry-After."""

import uuid

from anyio import to_thread
from fastapi import Request

from secondround.api.problems import TooManyRequests
from secondround.api.rate_limit import RateLimiter, note, per_minute, retry_after
from secondround.config import Settings

POLICY_NAME = "per-credential"


class CredentialBudget:
    def __init__(self, settings: Settings) -> None:
        self.policies = (per_minute(POLICY_NAME, settings.rate_limit_per_minute),)
        self.limiter = RateLimiter(settings.redis_url, key_prefix=settings.redis_key_prefix)

    async def spend(self, request: Request, credential_id: uuid.UUID) -> None:
        """Count one request of the credential; refuse it once the minute's budget is spent."""
        key = ("credential", credential_id.hex)
        if self.limiter.shared:  # a network call: made in a worker thread, off the event loop
            usages = await to_thread.run_sync(self.limiter.hit, self.policies, *key)
        else:
            usages = self.limiter.hit(self.policies, *key)
        headers = note(request.state, self.policies, usages)
        wait = retry_after(usages)
        if wait is not None:
            quota = self.policies[0].quota
            raise TooManyRequests(
                f"This credential has made its {quota} requests of the last minute; try again in {wait} seconds.",
                headers={**headers, "Retry-After": str(wait)},
            )
