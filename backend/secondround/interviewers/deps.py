"""Dependencies of the interviewer endpoints: `OwnedInterviewer` is the interviewer named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.interviewers import service
from secondround.models import Interviewer


def owned_interviewer(interviewer_id: uuid.UUID, user: CurrentUser, session: DbSession) -> Interviewer:
    return get_owned(session, Interviewer, interviewer_id, user.id, "interviewer")


OwnedInterviewer = Annotated[Interviewer, Depends(owned_interviewer)]


def interviewer_to_change(interviewer_id: uuid.UUID, user: CurrentUser, session: DbSession) -> Interviewer:
    service.lock_round_of(session, interviewer_id, user.id)  # a new order may move the others
    return owned_interviewer(interviewer_id, user, session)
