"""`OwnedContact` is the contact named in the path, if it is the caller's (else 404)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Contact


async def owned_contact(contact_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Contact:
    return await db.run(get_owned, Contact, contact_id, user.id, "contact")


OwnedContact = Annotated[Contact, Depends(owned_contact)]
