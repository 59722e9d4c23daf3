from fastapi import APIRouter

from secondround.core.db import SessionDep
from secondround.core.errors import problem_responses
from secondround.core.types import utcnow
from secondround.readiness import service
from secondround.readiness.schemas import RoundReadiness
from secondround.rounds.router import OwnedRound

router = APIRouter(tags=["readiness"], responses=problem_responses(401, 404, 422))


@router.get("/rounds/{round_id}/readiness", response_model=RoundReadiness)
def get_round_readiness(round_: OwnedRound, session: SessionDep) -> RoundReadiness:
    """Are you ready for this round? Nine checks in a fixed order (research, the panel's names,
    titles and roles, greetings, a question for each person, the closing, prepared answers, the
    salary range, the place, the decision date), each done or not, with what to do next."""
    return service.round_readiness(session, round_, utcnow())
