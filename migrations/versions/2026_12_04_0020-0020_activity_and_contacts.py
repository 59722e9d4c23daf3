"""An activity log per application, and contacts across applications.

Every round's recorded follow-up (`followed_up_at`, `follow_up_note`) becomes a `call` entry of its
application's log, so the history is kept as the log grows. Every interviewer gets a contact: one
per email address within an account, else one per name within an application's company (case and
surrounding spaces aside), so the person met in round 1 is the same contact in round 3.

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-04 00:20:00.000000
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'contacts',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=True),
        sa.Column('phone', sa.String(length=50), nullable=True),
        sa.Column('profile_url', sa.String(length=2048), nullable=True),
        sa.Column('company', sa.String(length=200), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_contacts_owner_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts')),
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_owner_keyset', ['owner_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_contacts_owner_updated', ['owner_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_contacts_owner_email', ['owner_id', 'email'], unique=False)

    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_interviewers_contact_id_contacts'), 'contacts', ['contact_id'], ['id'], ondelete='SET NULL'
        )
        batch_op.create_index('ix_interviewers_contact', ['contact_id'], unique=False)

    op.create_table(
        'activity_entries',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=False),
        sa.Column('application_id', sa.Uuid(), nullable=False),
        sa.Column('round_id', sa.Uuid(), nullable=True),
        sa.Column('interviewer_id', sa.Uuid(), nullable=True),
        sa.Column('contact_id', sa.Uuid(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('next_follow_up_on', sa.Date(), nullable=True),
        sa.Column('revisions', sa.JSON(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ['owner_id'], ['users.id'], name=op.f('fk_activity_entries_owner_id_users'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['application_id'],
            ['applications.id'],
            name=op.f('fk_activity_entries_application_id_applications'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['round_id'], ['rounds.id'], name=op.f('fk_activity_entries_round_id_rounds'), ondelete='SET NULL'
        ),
        sa.ForeignKeyConstraint(
            ['interviewer_id'],
            ['interviewers.id'],
            name=op.f('fk_activity_entries_interviewer_id_interviewers'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['contact_id'], ['contacts.id'], name=op.f('fk_activity_entries_contact_id_contacts'), ondelete='SET NULL'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_entries')),
    )
    with op.batch_alter_table('activity_entries', schema=None) as batch_op:
        batch_op.create_index(
            'ix_activity_entries_application_keyset', ['application_id', 'occurred_at', 'id'], unique=False
        )
        batch_op.create_index('ix_activity_entries_owner_updated', ['owner_id', 'updated_at'], unique=False)
        batch_op.create_index('ix_activity_entries_round_kind', ['round_id', 'kind', 'occurred_at'], unique=False)
        batch_op.create_index('ix_activity_entries_contact', ['contact_id', 'occurred_at', 'id'], unique=False)
        batch_op.create_index('ix_activity_entries_interviewer', ['interviewer_id'], unique=False)

    _calls_from_follow_ups()
    _contacts_from_interviewers()


def _calls_from_follow_ups() -> None:
    bind = op.get_bind()
    rounds = sa.table(
        'rounds',
        sa.column('id', sa.Uuid),
        sa.column('owner_id', sa.Uuid),
        sa.column('application_id', sa.Uuid),
        sa.column('followed_up_at', sa.DateTime(timezone=True)),
        sa.column('follow_up_note', sa.Text),
    )
    entries = sa.table(
        'activity_entries',
        *(sa.column(name, sa.Uuid) for name in ('id', 'owner_id', 'application_id', 'round_id')),
        sa.column('kind', sa.String),
        sa.column('occurred_at', sa.DateTime(timezone=True)),
        sa.column('text', sa.Text),
        sa.column('revisions', sa.JSON),
        sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('updated_at', sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    found = bind.execute(
        sa.select(
            rounds.c.id, rounds.c.owner_id, rounds.c.application_id, rounds.c.followed_up_at, rounds.c.follow_up_note
        ).where(rounds.c.followed_up_at.is_not(None))
    ).all()
    rows = [
        {
            'id': uuid.uuid4(),
            'owner_id': owner_id,
            'application_id': application_id,
            'round_id': round_id,
            'kind': 'call',
            'occurred_at': followed_up_at,
            'text': note or '',
            'revisions': [],
            'created_at': now,
            'updated_at': now,
        }
        for round_id, owner_id, application_id, followed_up_at, note in found
    ]
    if rows:
        bind.execute(sa.insert(entries), rows)


def _key(text: str | None) -> str:
    return ' '.join((text or '').split()).casefold()


def _contacts_from_interviewers() -> None:
    bind = op.get_bind()
    people = sa.table(
        'interviewers',
        sa.column('id', sa.Uuid),
        sa.column('owner_id', sa.Uuid),
        sa.column('round_id', sa.Uuid),
        sa.column('name', sa.String),
        sa.column('title', sa.String),
        sa.column('email', sa.String),
        sa.column('phone', sa.String),
        sa.column('profile_url', sa.String),
        sa.column('contact_id', sa.Uuid),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    rounds = sa.table('rounds', sa.column('id', sa.Uuid), sa.column('application_id', sa.Uuid))
    applications = sa.table('applications', sa.column('id', sa.Uuid), sa.column('company', sa.String))
    contacts = sa.table(
        'contacts',
        sa.column('id', sa.Uuid),
        sa.column('owner_id', sa.Uuid),
        *(sa.column(name, sa.String) for name in ('name', 'email', 'phone', 'profile_url', 'company', 'title')),
        sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('updated_at', sa.DateTime(timezone=True)),
    )
    found = bind.execute(
        sa.select(
            people.c.id,
            people.c.owner_id,
            people.c.name,
            people.c.title,
            people.c.email,
            people.c.phone,
            people.c.profile_url,
            applications.c.company,
        )
        .join(rounds, rounds.c.id == people.c.round_id)
        .join(applications, applications.c.id == rounds.c.application_id)
        .order_by(people.c.created_at, people.c.id)  # the first met gives the contact its details
    ).all()
    now = datetime.now(UTC)
    made: dict[tuple, dict] = {}
    links: list[dict] = []
    for person_id, owner_id, name, title, email, phone, profile_url, company in found:
        email = email.lower() if email else None
        by_name = (owner_id, 'name', _key(name), _key(company))
        contact = made.get((owner_id, 'email', email)) if email else None
        if contact is None:
            # The same name at the same company is the same person, unless both have other addresses.
            named = made.get(by_name)
            if named is not None and (email is None or named['email'] is None):
                contact = named
        if contact is None:
            contact = {
                'id': uuid.uuid4(),
                'owner_id': owner_id,
                'name': name,
                'email': email,
                'phone': phone,
                'profile_url': profile_url,
                'company': company,
                'title': title,
                'created_at': now,
                'updated_at': now,
            }
        else:  # a later sighting fills in what the first did not say
            for field, value in (('email', email), ('phone', phone), ('profile_url', profile_url), ('title', title)):
                if contact[field] is None and value is not None:
                    contact[field] = value
        if contact['email']:
            made.setdefault((owner_id, 'email', contact['email']), contact)
        made.setdefault(by_name, contact)
        links.append({'person_id': person_id, 'linked': contact['id']})
    unique = list({c['id']: c for c in made.values()}.values())
    if unique:
        bind.execute(sa.insert(contacts), unique)
    if links:
        bind.execute(
            sa.update(people).where(people.c.id == sa.bindparam('person_id')).values(contact_id=sa.bindparam('linked')),
            links,
        )


def downgrade() -> None:
    with op.batch_alter_table('activity_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_entries_interviewer')
        batch_op.drop_index('ix_activity_entries_contact')
        batch_op.drop_index('ix_activity_entries_round_kind')
        batch_op.drop_index('ix_activity_entries_owner_updated')
        batch_op.drop_index('ix_activity_entries_application_keyset')
    op.drop_table('activity_entries')
    with op.batch_alter_table('interviewers', schema=None) as batch_op:
        batch_op.drop_index('ix_interviewers_contact')
        batch_op.drop_constraint(batch_op.f('fk_interviewers_contact_id_contacts'), type_='foreignkey')
        batch_op.drop_column('contact_id')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_owner_email')
        batch_op.drop_index('ix_contacts_owner_updated')
        batch_op.drop_index('ix_contacts_owner_keyset')
    op.drop_table('contacts')
