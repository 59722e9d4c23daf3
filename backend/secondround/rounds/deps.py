"""Dependencies of the round endpoints: `OwnedRound` is the round named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Round
from secondround.rounds import service


def owned_round(round_id: uuid.UUID, user: CurrentUser, session: DbSession) -> Round:
    return get_owned(session, Round, round_id, user.id, "round")


OwnedRound = Annotated[Round, Depends(owned_round)]


def round_to_change(round_id: uuid.UUID, user: CurrentUser, session: DbSession) -> Round:
    service.lock_application_of(session, round_id, user.id)  # the outcome may move the application
    return owned_round(round_id, user, session)
