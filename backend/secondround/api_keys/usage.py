"""When each API key was last used, written at most once a minute per key and process: a key used
by a busy integration must not turn every read into a write."""

import uuid
from collections import OrderedDict
from threading import Lock

from secondround.api.app_state import AppState
from secondround.api_keys import service
from secondround.db.types import utcnow

EVERY_SECONDS = 60.0


class RecentUse:
    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._written: OrderedDict[uuid.UUID, float] = OrderedDict()
        self._lock = Lock()

    def due(self, key_id: uuid.UUID, now: float) -> bool:
        """True (and noted) when the key's last use has not been written for a minute."""
        with self._lock:
            last = self._written.get(key_id)
            if last is not None and now - last < EVERY_SECONDS:
                return False
            self._written[key_id] = now
            self._written.move_to_end(key_id)
            while len(self._written) > self._size:
                self._written.popitem(last=False)
            return True


recent_use = RecentUse()


async def write_last_use(state: AppState, key_id: uuid.UUID) -> None:
    """After a reading request's response: note the use in a short transaction of its own."""
    db = state.database.session(writes=True)
    try:
        await db.run(service.mark_used, key_id, utcnow())
    except Exception:
        await db.rollback_and_close()  # a busy database loses one "last used" stamp, nothing else
        return
    await db.commit_and_close()
