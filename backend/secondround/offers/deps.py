"""`OwnedOffer`: the offer named in the path, if it is the caller's (else 404)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Offer


async def owned_offer(offer_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Offer:
    return await db.run(get_owned, Offer, offer_id, user.id, "offer")


OwnedOffer = Annotated[Offer, Depends(owned_offer)]
