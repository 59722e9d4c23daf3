"""Dependencies of the interviewer endpoints: `OwnedInterviewer` is the interviewer named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py).

Lock order: the round before its interviewers (parent, then children), as creating, reordering and
deleting the round do. A change that may move the others (`order`) takes the round first:
`InterviewerToChange`."""

import uuid
from typing import Annotated

from fastapi import Depends
from sqlmodel import col

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned, lock_parent_of
from secondround.db.session import DbSession
from secondround.models import Interviewer, Round


async def owned_interviewer(interviewer_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Interviewer:
    return await db.run(get_owned, Interviewer, interviewer_id, user.id, "interviewer")


OwnedInterviewer = Annotated[Interviewer, Depends(owned_interviewer)]


async def interviewer_to_change(interviewer_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Interviewer:
    await db.run(
        lock_parent_of,
        parent=col(Round.id),
        parent_owner=col(Round.owner_id),
        link=col(Interviewer.round_id),
        child_key=col(Interviewer.id),
        child_id=interviewer_id,
        owner_id=user.id,
    )  # a new order may move the others
    return await owned_interviewer(interviewer_id, user, db)


InterviewerToChange = Annotated[Interviewer, Depends(interviewer_to_change)]
