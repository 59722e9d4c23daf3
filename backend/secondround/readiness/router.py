from fastapi import APIRouter, Response

from secondround.accounts.deps import CurrentUser
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.db.types import utcnow
from secondround.readiness import service
from secondround.readiness.schemas import ReadinessPage, RoundReadinessRead
from secondround.rounds.deps import OwnedRound

router = APIRouter(tags=["readiness"], responses=problem_responses(401, 404, 422))


@router.get("/rounds/{round_id}/readiness", response_model=RoundReadinessRead)
async def get_round_readiness(round_: OwnedRound, db: DbSession, response: Response) -> Response:
    """Are you ready for this round? Nine checks in a fixed order (research, the panel's names,
    titles and roles, greetings, a question for each person, the closing, prepared answers, the
    salary range, the place, the decision date), each done or not, with what to do next."""
    return serialized(await db.run(service.round_readiness, round_, utcnow()), response)


@router.get(
    "/readiness",
    response_model=ReadinessPage,
    responses={**response_headers(200, "Link"), **problem_responses(400)},
)
async def list_upcoming_readiness(user: CurrentUser, db: DbSession, query: ListQueryDep) -> Response:
    """Every upcoming round at a glance (planned, and not started more than a day ago), each with how
    many of its nine checks are done and the first thing left to do; in the order the rounds were
    added. One request for the whole application board. `updated_after` filters on the round's own
    changes; its readiness also moves with the panel, the application and the question bank."""
    summaries, next_cursor = await db.run(service.upcoming, user.id, query, utcnow())
    return serialized(ReadinessPage.of(summaries, next_cursor), query.response)
