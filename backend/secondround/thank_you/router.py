import uuid

from fastapi import APIRouter, Response, status

from secondround.api.etag import with_headers
from secondround.api.openapi import response_headers
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.db.types import utcnow
from secondround.rounds.deps import OwnedRound
from secondround.thank_you import service
from secondround.thank_you.schemas import ThankYouNotesRead, ThankYouSentCreate, ThankYouSentRead

router = APIRouter(
    prefix="/rounds/{round_id}/thank-you-notes",
    tags=["thank-you-notes"],
    responses=problem_responses(401, 403, 404, 422),
)


@router.get("", response_model=ThankYouNotesRead)
async def draft_thank_you_notes(round_: OwnedRound, db: DbSession, response: Response) -> Response:
    """A thank-you note for each person you met in the round (cancelled meetings aside), drafted
    from your debrief of them, the questions you asked and your notes on their answers: subject,
    body and a `mailto:` link. Send them within 24 hours of the round: before it is over `window`
    is `not_yet` (the drafts are shown with a plain explanation), after 24 hours `late`."""
    notes = await db.run(service.notes, round_, utcnow())
    return serialized(notes, response)


@router.post(
    "/{interviewer_id}/sent",
    status_code=status.HTTP_201_CREATED,
    response_model=ThankYouSentRead,
    responses={
        200: {
            "model": ThankYouSentRead,
            "description": "Already marked sent: the first record, unchanged",
            "headers": response_headers(200, "ETag")[200]["headers"],
        },
        **response_headers(201, "Location", "ETag"),
        **problem_responses(409, 413),
    },
)
async def mark_thank_you_note_sent(
    round_: OwnedRound, interviewer_id: uuid.UUID, body: ThankYouSentCreate, db: DbSession, response: Response
) -> Response:
    """Mark the note to this person sent, with the words you sent (the draft's when left out) and
    when. Marking it again changes nothing and answers 200 with the first record. Before the round
    is over, or for a cancelled meeting, it is a 409."""
    sent, created = await db.run(service.mark_sent, round_, interviewer_id, body, utcnow())
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    with_headers(
        response, sent, sent.interviewer_id, location=f"/api/v1/rounds/{round_.id}/thank-you-notes" if created else None
    )
    return serialized(sent, response)
