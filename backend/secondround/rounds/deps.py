"""Dependencies of the round endpoints: `OwnedRound` is the round named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py).

Lock order: parent before child (application, then round, then its interviewers), the order a
DELETE of the application takes them by cascade. A write that may change the parent as well (an
outcome moves the application's status) takes the parent's lock first: `RoundToChange`."""

import uuid
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session, col, select

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Application, Round


def owned_round(round_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Round:
    return get_owned(db, Round, round_id, user.id, "round")


OwnedRound = Annotated[Round, Depends(owned_round)]


def lock_application_of(db: Session, round_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    """Lock the application before its round, in the order its deletion locks them (parent, then
    children): a change of outcome writes the application too, and taking the round first would
    deadlock with a concurrent DELETE of the application (PostgreSQL)."""
    application_id = select(col(Round.application_id)).where(col(Round.id) == round_id).scalar_subquery()
    db.execute(
        select(col(Application.id))
        .where(col(Application.id) == application_id, col(Application.owner_id) == owner_id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE, as db/ownership.get_owned
    )


def round_to_change(round_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Round:
    lock_application_of(db, round_id, user.id)  # the outcome may move the application
    return owned_round(round_id, user, db)


RoundToChange = Annotated[Round, Depends(round_to_change)]
