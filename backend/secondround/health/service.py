"""Is the service ready to serve? The database answers, and its schema is at the latest migration."""

from dataclasses import dataclass

from secondround.api.app_state import AppState
from secondround.db.failures import unavailable
from secondround.db.migrations import head_revision


@dataclass(frozen=True)
class Ready:
    database: str  # the engine's dialect: sqlite or postgresql
    migration: str


async def check_ready(state: AppState) -> Ready:
    """Ready, or a 503 problem saying why not. The probe runs on a fresh connection in its own
    threads, with its own deadline (db/failures.py), so this answers within two seconds."""
    result = await state.db_probe.check()
    if not result.ok:
        raise unavailable(f"Not ready: {result.detail}.")
    current, head = result.revision, head_revision()
    if current != head:
        raise unavailable(
            f"The database schema is at {current or 'nothing'}, not at {head}: "
            "run the migrations (alembic upgrade head)."
        )
    return Ready(database=state.database.dialect_name, migration=head)
