"""What the app holds for its requests (settings, database engine and probe, sign-in counters), read
through one typed accessor, `app_state(request.app)`, instead of untyped `app.state.<name>` lookups.
main.py makes it once per app."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.applications import Starlette

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from secondround.accounts.credential_cache import CredentialCache
    from secondround.accounts.throttle import SignInLimits
    from secondround.api.credential_budget import CredentialBudget
    from secondround.config import Settings
    from secondround.db.failures import DatabaseProbe
    from secondround.db.session import Database

_KEY = "secondround"


@dataclass
class AppState:
    settings: Settings
    database: Database
    db_probe: DatabaseProbe
    sign_in_limits: SignInLimits
    credentials: CredentialCache
    credential_budget: CredentialBudget
    # Every route's path pattern and methods, made at the first 405 (api/problem_handlers.py).
    methods_by_path: list[tuple[re.Pattern[str], set[str]]] | None = None

    @property
    def engine(self) -> Engine:
        """A sync engine on the app's database, for tools and tests (requests use `database`)."""
        return self.database.engine


def install_app_state(app: Starlette, state: AppState) -> None:
    setattr(app.state, _KEY, state)


def app_state(app: Starlette) -> AppState:
    state: AppState = getattr(app.state, _KEY)
    return state
