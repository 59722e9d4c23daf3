"""Dependencies of the interviewer endpoints: `OwnedInterviewer` is the interviewer named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py).

Lock order: the round before its interviewers (parent, then children), as creating, reordering and
deleting the round do. A change that may move the others (`order`) takes the round first:
`InterviewerToChange`."""

import uuid
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session, col, select

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Interviewer, Round


def owned_interviewer(interviewer_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Interviewer:
    return get_owned(db, Interviewer, interviewer_id, user.id, "interviewer")


OwnedInterviewer = Annotated[Interviewer, Depends(owned_interviewer)]


def lock_round_of(db: Session, interviewer_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    """Lock the round before its interviewer: a change of `order` moves the others too, and taking
    the person first would deadlock with a concurrent reorder of the round (PostgreSQL)."""
    round_id = select(col(Interviewer.round_id)).where(col(Interviewer.id) == interviewer_id).scalar_subquery()
    db.execute(
        select(col(Round.id))
        .where(col(Round.id) == round_id, col(Round.owner_id) == owner_id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE, as db/ownership.get_owned
    )


def interviewer_to_change(interviewer_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Interviewer:
    lock_round_of(db, interviewer_id, user.id)  # a new order may move the others
    return owned_interviewer(interviewer_id, user, db)


InterviewerToChange = Annotated[Interviewer, Depends(interviewer_to_change)]
