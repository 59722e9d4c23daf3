"""The server's "today", held still for a test: a run that crosses midnight cannot see two days."""

from datetime import UTC, datetime

import pytest

# Noon UTC of the day the run started: the same date in the test and in the server.
NOON = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


@pytest.fixture
def follow_ups_at_noon(monkeypatch) -> datetime:
    """The follow-up list's clock (the app runs in this process) reads NOON."""
    monkeypatch.setattr("secondround.follow_ups.service.utcnow", lambda: NOON)
    return NOON
