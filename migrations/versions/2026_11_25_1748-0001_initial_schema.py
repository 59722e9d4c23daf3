"""Initial schema: accounts, tokens, applications, rounds, interviewers, roles, questions.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 17:48:03.820286
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=True),
    sa.Column('calendar_token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('calendar_token_hash', name=op.f('uq_users_calendar_token_hash')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('access_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_access_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_access_tokens_token_hash'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('job_url', sa.String(length=2048), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('salary_min', sa.BigInteger(), nullable=True),
    sa.Column('salary_max', sa.BigInteger(), nullable=True),
    sa.Column('salary_currency', sa.String(length=3), nullable=True),
    sa.Column('company_research', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_applications_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_owner_keyset', ['owner_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_applications_owner_status_keyset', ['owner_id', 'status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_applications_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('importance', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('prepared_answer', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_questions_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index('ix_questions_owner_direction_keyset', ['owner_id', 'direction', 'archived', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_questions_owner_keyset', ['owner_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_questions_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table('roles',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('goals', sa.Text(), nullable=True),
    sa.Column('focus', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_roles_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles')),
    sa.UniqueConstraint('owner_id', 'name', name='uq_roles_owner_name')
    )
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.create_index('ix_roles_owner_keyset', ['owner_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_roles_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table('question_target_roles',
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('role_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_target_roles_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_question_target_roles_role_id_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'role_id', name=op.f('pk_question_target_roles'))
    )
    with op.batch_alter_table('question_target_roles', schema=None) as batch_op:
        batch_op.create_index('ix_question_target_roles_role', ['role_id'], unique=False)

    op.create_table('rounds',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('application_id', sa.Uuid(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('scheduled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=2048), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('decision_expected_by', sa.Date(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('follow_up_on_is_manual', sa.Boolean(), nullable=False),
    sa.Column('followed_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('follow_up_note', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_rounds_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_rounds_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rounds')),
    sa.UniqueConstraint('application_id', 'sequence', name='uq_rounds_application_sequence')
    )
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.create_index('ix_rounds_application_keyset', ['application_id', 'sequence', 'id'], unique=False)
        batch_op.create_index('ix_rounds_owner_follow_up', ['owner_id', 'follow_up_on', 'id'], unique=False)
        batch_op.create_index('ix_rounds_owner_scheduled', ['owner_id', 'scheduled_at'], unique=False)
        batch_op.create_index('ix_rounds_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table('interviewers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('round_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('role_id', sa.Uuid(), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('profile_url', sa.String(length=2048), nullable=True),
    sa.Column('greeting', sa.String(length=200), nullable=True),
    sa.Column('order', sa.Integer(), nullable=False),
    sa.Column('question_minutes', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_interviewers_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_interviewers_role_id_roles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_interviewers_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviewers'))
    )
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.create_index('ix_interviewers_owner_updated', ['owner_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_interviewers_role', ['role_id'], unique=False)
        batch_op.create_index('ix_interviewers_round_keyset', ['round_id', 'order', 'id'], unique=False)

    op.create_table('round_questions',
    sa.Column('round_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answer_notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_round_questions_owner_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_round_questions_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['rounds.id'], name=op.f('fk_round_questions_round_id_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'question_id', name=op.f('pk_round_questions'))
    )
    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.create_index('ix_round_questions_owner_updated', ['owner_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_round_questions_question', ['question_id'], unique=False)
        batch_op.create_index('ix_round_questions_round_keyset', ['round_id', 'created_at', 'question_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('round_questions', schema=None) as batch_op:
        batch_op.drop_index('ix_round_questions_round_keyset')
        batch_op.drop_index('ix_round_questions_question')
        batch_op.drop_index('ix_round_questions_owner_updated')

    op.drop_table('round_questions')
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.drop_index('ix_interviewers_round_keyset')
        batch_op.drop_index('ix_interviewers_role')
        batch_op.drop_index('ix_interviewers_owner_updated')

    op.drop_table('interviewers')
    with op.batch_alter_table('rounds', schema=None) as batch_op:
        batch_op.drop_index('ix_rounds_owner_updated')
        batch_op.drop_index('ix_rounds_owner_scheduled')
        batch_op.drop_index('ix_rounds_owner_follow_up')
        batch_op.drop_index('ix_rounds_application_keyset')

    op.drop_table('rounds')
    with op.batch_alter_table('question_target_roles', schema=None) as batch_op:
        batch_op.drop_index('ix_question_target_roles_role')

    op.drop_table('question_target_roles')
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.drop_index('ix_roles_owner_updated')
        batch_op.drop_index('ix_roles_owner_keyset')

    op.drop_table('roles')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index('ix_questions_owner_updated')
        batch_op.drop_index('ix_questions_owner_keyset')
        batch_op.drop_index('ix_questions_owner_direction_keyset')

    op.drop_table('questions')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_owner_updated')
        batch_op.drop_index('ix_applications_owner_status_keyset')
        batch_op.drop_index('ix_applications_owner_keyset')

    op.drop_table('applications')
    op.drop_table('access_tokens')
    op.drop_table('users')
