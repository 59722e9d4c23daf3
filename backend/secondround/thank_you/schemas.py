import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from secondround.api.fields import Instant, LongText, ShortText, WriteModel
from secondround.api.representation import VersionedRead
from secondround.thank_you.timing import NoteWindow


class ThankYouSentRead(VersionedRead):
    """A thank-you note you marked sent, with the words as sent."""

    model_config = ConfigDict(from_attributes=True)

    interviewer_id: uuid.UUID
    round_id: uuid.UUID
    sent_at: datetime
    subject: str
    body: str
    created_at: datetime = Field(description="When you marked it sent.")

    def etag_key(self) -> uuid.UUID:
        return self.interviewer_id


class ThankYouNoteRead(BaseModel):
    interviewer_id: uuid.UUID
    name: str
    email: str | None = Field(description="Where the note goes; null: the mail app asks for an address.")
    subject: str = Field(description="The draft's subject (at most 150 characters).")
    body: str = Field(description="The draft, from your debrief of them, the questions you asked and your notes.")
    mailto: str = Field(description="A `mailto:` URL with the subject and body percent-encoded (RFC 6068).")
    sent: ThankYouSentRead | None = Field(description="When you marked it sent, and what you sent; null: not yet.")


class ThankYouNotesRead(BaseModel):
    round_id: uuid.UUID
    window: NoteWindow = Field(
        description="`not_yet`: the round is not over (the drafts are shown, to send after it); `open`: over, less "
        "than 24 hours ago; `late`: over more than 24 hours ago (still worth sending)."
    )
    explanation: str = Field(description="The window in plain words.")
    opens_at: datetime | None = Field(description="The end of the round (UTC); null when it has no time.")
    late_after: datetime | None = Field(description="24 hours after the end of the round (UTC).")
    notes: list[ThankYouNoteRead] = Field(
        description="One draft per person met (cancelled meetings aside), in meeting order."
    )
    not_thanked: list[str] = Field(description="The names of the people whose note is not marked sent yet.")


class ThankYouSentCreate(WriteModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"subject": "Thank you: Engineer interview at Acme", "body": "Dear Dana, ..."}]}
    )

    subject: ShortText | None = Field(default=None, description="As you sent it; left out: the draft's.")
    body: LongText | None = Field(default=None, description="As you sent it; left out: the draft's.")
    sent_at: Instant | None = Field(default=None, description="When you sent it; left out: now.")
