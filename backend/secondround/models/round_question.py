import uuid
from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText
from secondround.helpers.vocabulary import RoundQuestionStatus
from secondround.models.base import created_at_field, owner_fk, updated_at_field


class RoundQuestion(SQLModel, table=True):
    """A question's state within one round: pinned, asked, answered... and the notes taken."""

    __tablename__ = "round_questions"
    __table_args__ = (
        Index("ix_round_questions_round_keyset", "round_id", "created_at", "question_id"),
        Index("ix_round_questions_question", "question_id"),
        Index("ix_round_questions_owner_updated", "owner_id", "updated_at"),
        Index("ix_round_questions_interviewer", "interviewer_id"),
        Index("ix_round_questions_marked_for", "marked_for_interviewer_id"),
    )

    round_id: uuid.UUID = Field(foreign_key="rounds.id", ondelete="CASCADE", primary_key=True)
    question_id: uuid.UUID = Field(foreign_key="questions.id", ondelete="CASCADE", primary_key=True)
    owner_id: uuid.UUID = owner_fk()
    pinned: bool = Field(default=False, nullable=False)
    status: RoundQuestionStatus = Field(
        default=RoundQuestionStatus.PLANNED, sa_type=EnumText(RoundQuestionStatus, 20), nullable=False
    )
    answer_notes: str | None = Field(default=None, sa_type=Text)
    # None follows the question's own at_end; True/False overrides it for this round.
    at_end: bool | None = Field(default=None)
    # Given by hand to this person of the round; the engine's choice never overrides it.
    interviewer_id: uuid.UUID | None = Field(default=None, foreign_key="interviewers.id", ondelete="SET NULL")
    # Who it was marked asked, answered or skipped with: it stays on their card (docs/decisions.md).
    marked_for_interviewer_id: uuid.UUID | None = Field(
        default=None, foreign_key="interviewers.id", ondelete="SET NULL"
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
