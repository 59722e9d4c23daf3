"""A logging filter that lets a burst of errors through and then counts instead of writing.

Under attack or when a resource runs out, the same warning can fire thousands of times a second;
written out, it fills the disk and buries the first, useful line. Each logger gets `burst` records
per `period` seconds; the rest are dropped and the next record that gets through says how many.
"""

import logging
import threading
import time


class RateLimitFilter(logging.Filter):
    def __init__(self, burst: int = 20, period: float = 10.0) -> None:
        super().__init__()
        self.burst = burst
        self.period = period
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int, int]] = {}  # logger -> (window start, passed, dropped)

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            start, passed, dropped = self._windows.get(record.name, (now, 0, 0))
            if now - start >= self.period:
                start, passed = now, 0
            if passed >= self.burst:
                self._windows[record.name] = (start, passed, dropped + 1)
                return False
            self._windows[record.name] = (start, passed + 1, 0)
        if dropped:
            record.msg = f"{record.msg} [{dropped} similar records suppressed]"
        return True


def limit_log_rate(*logger_names: str, burst: int = 20, period: float = 10.0) -> None:
    """Attach one rate limit to each named logger (once, however often this is called)."""
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimitFilter) for f in logger.filters):
            logger.addFilter(RateLimitFilter(burst, period))
