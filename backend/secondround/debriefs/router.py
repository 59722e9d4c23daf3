from typing import Any

from fastapi import APIRouter, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, set_etag, with_headers
from secondround.api.openapi import response_headers
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.caps import CapsDep
from secondround.db.session import DbSession
from secondround.debriefs import service
from secondround.debriefs.schemas import DebriefPut, DebriefQuestionCreate, DebriefRead
from secondround.interviewers.deps import InterviewerToChange, OwnedInterviewer
from secondround.questions.schemas import QuestionRead

router = APIRouter(
    prefix="/interviewers/{interviewer_id}/debrief",
    tags=["debriefs"],
    responses=problem_responses(401, 403, 404, 422),
)


@router.get("", response_model=DebriefRead, responses=response_headers(200, "ETag"))
async def get_debrief(interviewer: OwnedInterviewer, db: DbSession, response: Response) -> Response:
    """Your debrief of this person: the current version and the ones before it (404 before the first)."""
    debrief = await db.run(service.get, interviewer)
    set_etag(response, debrief.etag)
    return serialized(debrief, response)


PUT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **response_headers(200, "ETag"),
    201: {
        "model": DebriefRead,
        "description": "Created: the first debrief of this person",
        "headers": response_headers(201, "Location", "ETag")[201]["headers"],
    },
    **problem_responses(412, 413),
}


@router.put("", response_model=DebriefRead, responses=PUT_RESPONSES)
async def put_debrief(
    interviewer: InterviewerToChange,
    body: DebriefPut,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    if_match: IfMatch = None,
) -> Response:
    """Write the debrief right after the round: how it went (1 to 5), what they said about next
    steps, what they cared about, what surprised you. The whole debrief each time: the version
    before is kept (`earlier`), never overwritten; the same debrief again adds no version. A date
    they named fills the round's `decision_expected_by` when it is empty (`decision_date_note` says
    what happened). 201 for the first one."""
    debrief, created = await db.run(service.write, interviewer, body, if_match, account_zone=user.time_zone)
    set_etag(response, debrief.etag)
    if created:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = f"/api/v1/interviewers/{interviewer.id}/debrief"
    return serialized(debrief, response)


@router.post(
    "/questions",
    status_code=status.HTTP_201_CREATED,
    response_model=QuestionRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_debrief_question(
    interviewer: OwnedInterviewer, body: DebriefQuestionCreate, db: DbSession, response: Response, caps: CapsDep
) -> QuestionRead:
    """Turn a topic they raised into a question for the next round, in one call: a question of this
    round's application, to ask people with this person's role (anyone, when they have none), of
    the category their role weighs most unless you name one."""
    question = await db.run(
        service.create_question, interviewer, body.text, body.category, cap=caps.questions_per_account
    )
    with_headers(response, question, question.id, location=f"/api/v1/questions/{question.id}")
    return QuestionRead.model_validate(question)
