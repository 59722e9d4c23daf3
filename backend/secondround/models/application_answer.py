import uuid
from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from secondround.models.base import created_at_field, owner_fk, updated_at_field


class ApplicationAnswer(SQLModel, table=True):
    """Your prepared answer to a question for one application: it wins over the question's own
    (the bank's) in that application's plans, and nowhere else."""

    __tablename__ = "application_answers"
    __table_args__ = (
        Index("ix_application_answers_application_keyset", "application_id", "created_at", "question_id"),
        Index("ix_application_answers_question", "question_id"),
        Index("ix_application_answers_owner_updated", "owner_id", "updated_at"),
    )

    application_id: uuid.UUID = Field(foreign_key="applications.id", ondelete="CASCADE", primary_key=True)
    question_id: uuid.UUID = Field(foreign_key="questions.id", ondelete="CASCADE", primary_key=True)
    owner_id: uuid.UUID = owner_fk()
    answer: str = Field(sa_type=Text, nullable=False)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
