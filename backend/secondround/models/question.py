import uuid
from datetime import datetime

from sqlalchemy import Index, Integer, Text, false
from sqlmodel import Field, SQLModel

from secondround.db.types import EnumText
from secondround.helpers.vocabulary import Category, Direction
from secondround.models.base import created_at_field, owner_fk, updated_at_field, uuid_pk


class Question(SQLModel, table=True):
    __tablename__ = "questions"
    __table_args__ = (
        Index("ix_questions_owner_keyset", "owner_id", "created_at", "id"),
        Index("ix_questions_owner_direction_keyset", "owner_id", "direction", "archived", "created_at", "id"),
        Index("ix_questions_owner_updated", "owner_id", "updated_at"),
        # An application's own questions in list order (and the cascade when it is deleted).
        Index("ix_questions_application_keyset", "application_id", "created_at", "id"),
    )

    id: uuid.UUID = uuid_pk()
    owner_id: uuid.UUID = owner_fk()
    # None: in the bank, for every application. Set: written for that one application only.
    application_id: uuid.UUID | None = Field(default=None, foreign_key="applications.id", ondelete="CASCADE")
    direction: Direction = Field(sa_type=EnumText(Direction, 10), nullable=False)
    text: str = Field(sa_type=Text, nullable=False)
    category: Category = Field(sa_type=EnumText(Category, 40), nullable=False)
    importance: int = Field(sa_type=Integer, nullable=False)
    minutes: int = Field(default=2, sa_type=Integer, nullable=False)
    # Your own answer, in your words (for every application; an application's own answer wins there).
    prepared_answer: str | None = Field(default=None, sa_type=Text)
    # Advice on how to answer (the starter kit's): shown beside the question, never counted as an answer.
    tip: str | None = Field(default=None, sa_type=Text)
    notes: str | None = Field(default=None, sa_type=Text)
    archived: bool = Field(default=False, nullable=False)
    # Asked in every round: an answer in an earlier round never settles it (next steps, decision date).
    recurring: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": false()})
    # Belongs to the closing block, asked last of the last decision-maker.
    at_end: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": false()})
    # Asks who you will meet next: planned only while no later round of the application has a panel.
    asks_next_panel: bool = Field(default=False, nullable=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class QuestionTargetRole(SQLModel, table=True):
    """Roles a question is meant for; none means any role. Rows go when either side goes."""

    __tablename__ = "question_target_roles"
    __table_args__ = (Index("ix_question_target_roles_role", "role_id"),)

    question_id: uuid.UUID = Field(foreign_key="questions.id", ondelete="CASCADE", primary_key=True)
    role_id: uuid.UUID = Field(foreign_key="roles.id", ondelete="CASCADE", primary_key=True)
