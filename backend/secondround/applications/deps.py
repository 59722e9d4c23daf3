"""Dependencies of the application endpoints: `OwnedApplication` is the application named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Application


async def owned_application(application_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Application:
    return await db.run(get_owned, Application, application_id, user.id, "application")


OwnedApplication = Annotated[Application, Depends(owned_application)]
