"""Prepared answers per application, and starter tips that are not answers.

An answer written for one application (`application_answers`) wins in that application's plans
and nowhere else: before, writing "why us rather than a competitor" for one company changed the
bank's question and every other company's plan showed it.

The starter kit's advice on answering ("Situation, task, what I did, ...") was stored as the
question's prepared answer, so the readiness checklist counted it as prepared from the first
minute. It moves to the new `tip` column wherever the answer is still exactly the starter text;
an answer the user changed is their own words and stays. Those rows get a new `updated_at` (their
plans and ETags change). The downgrade puts the tips back where no answer was written since.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:10:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in accounts/starter_kit.py on the day of this revision (a migration must not import app code
# that may change later): the advice every account was given as its prepared answers.
STARTER_TIPS = (
    "Situation, task, what I did, measurable result; then what I learned.",
    "Pick one real deadline; show how you cut scope, communicated early and delivered.",
    "Listen and learn the systems, deliver one small win, then propose one improvement.",
    "Growth that fits this company's direction: deeper expertise, then more responsibility.",
    "Name something specific from your company research: product, mission, recent news.",
    "Show you listened, focused on the shared goal, and kept the relationship.",
    "A concrete skill, how you learned it, and where you have already used it.",
    "Give a researched range for this role and location; say you are flexible on the total package.",
    "State your notice period honestly; offer to be flexible where you can.",
    "Be honest but positive: mention what you still need to learn (e.g. the package).",
)

questions = sa.table(
    'questions',
    sa.column('prepared_answer', sa.Text), sa.column('tip', sa.Text),
    sa.column('updated_at', sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    op.create_table(
        'application_answers',
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('question_id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['application_id'], ['applications.id'],
            name=op.f('fk_application_answers_application_id_applications'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_application_answers_owner_id_users'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_application_answers_question_id_questions'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('application_id', 'question_id', name=op.f('pk_application_answers')),
    )
    with op.batch_alter_table('application_answers', schema=None) as batch_op:
        batch_op.create_index(
            'ix_application_answers_application_keyset', ['application_id', 'created_at', 'question_id'], unique=False
        )
        batch_op.create_index('ix_application_answers_owner_updated', ['owner_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_application_answers_question', ['question_id'], unique=False)

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tip', sa.Text(), nullable=True))

    op.execute(
        questions.update()
        .where(questions.c.prepared_answer.in_(STARTER_TIPS))
        .values(tip=questions.c.prepared_answer, prepared_answer=None, updated_at=datetime.now(UTC))
    )


def downgrade() -> None:
    op.execute(
        questions.update()
        .where(questions.c.tip.is_not(None), questions.c.prepared_answer.is_(None))
        .values(prepared_answer=questions.c.tip, updated_at=datetime.now(UTC))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('tip')

    with op.batch_alter_table('application_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_application_answers_question')
        batch_op.drop_index('ix_application_answers_owner_updated')
        batch_op.drop_index('ix_application_answers_application_keyset')
    op.drop_table('application_answers')
