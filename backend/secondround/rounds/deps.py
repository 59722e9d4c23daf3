"""Dependencies of the round endpoints: `OwnedRound` is the round named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py).

Lock order: parent before child (application, then round, then its interviewers), the order a
DELETE of the application takes them by cascade. A write that may change the parent as well (an
outcome moves the application's status) takes the parent's lock first: `RoundToChange`."""

import uuid
from typing import Annotated

from fastapi import Depends
from sqlmodel import col

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned, lock_parent_of
from secondround.db.session import DbSession
from secondround.models import Application, Round


async def owned_round(round_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Round:
    return await db.run(get_owned, Round, round_id, user.id, "round")


OwnedRound = Annotated[Round, Depends(owned_round)]


async def round_to_change(round_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Round:
    await db.run(
        lock_parent_of,
        parent=col(Application.id),
        parent_owner=col(Application.owner_id),
        link=col(Round.application_id),
        child_key=col(Round.id),
        child_id=round_id,
        owner_id=user.id,
    )  # the outcome may move the application
    return await owned_round(round_id, user, db)


RoundToChange = Annotated[Round, Depends(round_to_change)]
