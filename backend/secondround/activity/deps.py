"""`OwnedActivity` is the activity entry named in the path, if it is the caller's (else 404)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import ActivityEntry


async def owned_activity(activity_id: uuid.UUID, user: CurrentUser, db: DbSession) -> ActivityEntry:
    return await db.run(get_owned, ActivityEntry, activity_id, user.id, "activity entry")


OwnedActivity = Annotated[ActivityEntry, Depends(owned_activity)]
