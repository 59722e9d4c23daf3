import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from secondround.accounts.schemas import MeRead
from secondround.activity.schemas import ActivityRead
from secondround.answers.schemas import ApplicationAnswerRead
from secondround.applications.schemas import ApplicationRead
from secondround.contacts.schemas import ContactRead
from secondround.debriefs.schemas import DebriefRead
from secondround.interviewers.schemas import InterviewerRead
from secondround.offers.schemas import OfferRead
from secondround.practice.schemas import PracticeReviewRead
from secondround.questions.schemas import QuestionRead
from secondround.roles.schemas import RoleRead
from secondround.round_questions.schemas import RoundQuestionRead
from secondround.rounds.schemas import RoundRead
from secondround.thank_you.schemas import ThankYouSentRead


class Resource(StrEnum):
    ACCOUNT = "account"
    ROLE = "role"
    APPLICATION = "application"
    QUESTION = "question"
    ROUND = "round"
    INTERVIEWER = "interviewer"
    ROUND_QUESTION = "round_question"
    APPLICATION_ANSWER = "application_answer"
    CONTACT = "contact"
    ACTIVITY_ENTRY = "activity_entry"
    DEBRIEF = "debrief"
    THANK_YOU_NOTE = "thank_you_note"
    OFFER = "offer"
    PRACTICE_CARD = "practice_card"


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


ResourceData = (
    MeRead
    | RoleRead
    | ApplicationRead
    | QuestionRead
    | RoundRead
    | InterviewerRead
    | RoundQuestionRead
    | ApplicationAnswerRead
    | ContactRead
    | ActivityRead
    | DebriefRead
    | ThankYouSentRead
    | OfferRead
    | PracticeReviewRead
)


class ChangeRead(BaseModel):
    cursor: str = Field(description="Resume after this change: pass it as `after`.")
    resource: Resource
    id: uuid.UUID = Field(
        description="The resource's id; for a `round_question`, an `application_answer` or a `practice_card`, "
        "the question's; for a `debrief` or a `thank_you_note`, the interviewer's."
    )
    parent_id: uuid.UUID | None = Field(
        description="For a `round_question` or a `thank_you_note` the round's id, for an `application_answer` "
        "the application's; otherwise null."
    )
    action: Action
    occurred_at: datetime
    data: ResourceData | None = Field(
        description="The resource as it is now (when the feed is read, not as it was at this change), as its "
        "own GET returns it; null for a deletion, and for a change of a resource deleted since (its deletion "
        "comes later in the feed)."
    )


class ChangePage(BaseModel):
    items: list[ChangeRead]
    next_cursor: str = Field(
        description="Pass it as `after` on the next call; when `has_more` is false, poll with it later."
    )
    has_more: bool = Field(description="More changes are ready now: ask again at once with `next_cursor`.")
