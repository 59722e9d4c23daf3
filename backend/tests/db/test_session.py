"""How the app's database connections are set up (db/session.py), read back from a served connection."""

import pytest
from sqlalchemy import text

from secondround.api.app_state import app_state


def test_sqlite_syncs_every_commit(app, database, user):
    """synchronous=FULL: an acknowledged write survives a power cut (NORMAL may lose the last ones)."""
    if database.kind != "sqlite":
        pytest.skip("a SQLite setting")
    assert user.get("/api/v1/me").status_code == 200  # the pool holds connections the server used
    with app_state(app).engine.connect() as connection:
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
