"""Verified credentials, remembered per process so a signed-in read does not build the account and
token rows again on every request.

Every use still asks the database one light question, by the token's hash: is the token live (not
revoked, not expired), and is the account's version (`updated_at`) the one remembered? So a sign-out,
a revocation or a change to the account made by any process takes effect at the next request, with
no invalidation messages between processes. What the cache saves is loading and building the two
rows through the ORM (in-process on SQLite: 2,040 us against 388 us for the light question).

Only reading requests use it: a write locks and changes these rows, so it loads them into its own
session (accounts/deps.py). The remembered rows are detached and only ever read.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from secondround.models import AccessToken, User


@dataclass(frozen=True)
class Verified:
    user: User
    token: AccessToken
    user_version: datetime


class CredentialCache:
    """At most `size` verified credentials, least recently used dropped first."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._entries: OrderedDict[str, Verified] = OrderedDict()
        self._lock = Lock()  # SQLite writes resolve in worker threads

    def get(self, digest: str) -> Verified | None:
        with self._lock:
            found = self._entries.get(digest)
            if found is not None:
                self._entries.move_to_end(digest)
            return found

    def put(self, digest: str, verified: Verified) -> None:
        with self._lock:
            self._entries[digest] = verified
            self._entries.move_to_end(digest)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def drop(self, digest: str) -> None:
        with self._lock:
            self._entries.pop(digest, None)

    def __len__(self) -> int:
        return len(self._entries)
