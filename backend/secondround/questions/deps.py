"""Dependencies of the question endpoints: `OwnedQuestion` is the question named in the path, if it is
the caller's (else 404, never 403: another account's rows do not exist for you). A writing request
holds the row's lock from here on (db/ownership.py)."""

import uuid
from typing import Annotated

from fastapi import Depends

from secondround.accounts.deps import CurrentUser
from secondround.db.ownership import get_owned
from secondround.db.session import DbSession
from secondround.models import Question


async def owned_question(question_id: uuid.UUID, user: CurrentUser, db: DbSession) -> Question:
    return await db.run(get_owned, Question, question_id, user.id, "question")


OwnedQuestion = Annotated[Question, Depends(owned_question)]
