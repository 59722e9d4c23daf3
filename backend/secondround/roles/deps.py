"""Dependencies of the role endpoints: `OwnedRole` is the role named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Role


async def owned_role(role_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Role:
    return await db.run(get_owned, Role, role_id, user.id, "role")


OwnedRole = Annotated[Role, Depends(owned_role)]
