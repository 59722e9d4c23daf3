from fastapi import APIRouter, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.stats import service
from secondround.stats.schemas import StatsRead

router = APIRouter(prefix="/stats", tags=["stats"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=StatsRead)
async def get_stats(user: CurrentUser, db: DbSession, response: Response) -> Response:
    """How many applications, rounds, offers and outcomes you have, and the median days from an
    application (its `applied_on`, else the day you recorded it) to its first round, its second round
    and its first offer. A round counts on its scheduled day, else the day you added it."""
    return serialized(await db.run(service.stats, user), response)
