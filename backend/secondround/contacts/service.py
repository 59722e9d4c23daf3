"""Contacts: people across applications, and the link from each interviewer to one. Flushes, never commits."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput
from secondround.contacts import matching
from secondround.contacts.schemas import ContactCreate, ContactUpdate
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since, contains
from secondround.models import ActivityEntry, Application, Contact, Interviewer, Role, Round, User

keyset = Keyset("contacts", col(Contact.created_at), col(Contact.id))
MAX_CONTACTS_PER_ACCOUNT = 5000
DETAIL_ACTIVITY = 100


def list_statement(owner_id: uuid.UUID, *, q: str | None, updated_after: datetime | None) -> Any:
    stmt = select(Contact).where(
        col(Contact.owner_id) == owner_id, *changed_since(col(Contact.updated_at), updated_after)
    )
    if q:
        stmt = stmt.where(
            or_(contains(col(Contact.name), q), contains(col(Contact.company), q), contains(col(Contact.email), q))
        )
    return stmt


def list_page(
    db: Session, owner_id: uuid.UUID, q: str | None, query: ListQuery
) -> tuple[list["ListedContact"], str | None]:
    rows, next_cursor = keyset.fetch(db, list_statement(owner_id, q=q, updated_after=query.updated_after), query)
    return summaries(db, owner_id, rows), next_cursor


def _room(db: Session, owner_id: uuid.UUID) -> None:
    detail = f"An account holds at most {MAX_CONTACTS_PER_ACCOUNT} contacts; delete some to add more."
    ensure_room(
        db, parent=User.id, parent_id=owner_id, child=Contact.owner_id, limit=MAX_CONTACTS_PER_ACCOUNT, detail=detail
    )


def create(db: Session, owner_id: uuid.UUID, body: ContactCreate) -> Contact:
    _room(db, owner_id)
    contact = Contact(owner_id=owner_id, **body.model_dump())
    db.add(contact)
    db.flush()
    return contact


def update(db: Session, contact: Contact, body: ContactUpdate) -> Contact:
    return apply_changes(db, contact, body.model_dump(exclude_unset=True))


def delete(db: Session, contact: Contact) -> None:
    """The contact goes; the interviewers and entries that named them stay, without the link."""
    db.delete(contact)
    db.flush()


@dataclass(frozen=True)
class Appearance:
    interviewer_id: uuid.UUID
    round_id: uuid.UUID
    round_sequence: int
    round_kind: str
    scheduled_at: datetime | None
    application_id: uuid.UUID
    company: str
    position: str
    role_name: str | None
    contact_id: uuid.UUID


def _appearances(owner_id: uuid.UUID, contact_ids: list[uuid.UUID]) -> Any:
    return (
        select(
            col(Interviewer.id),
            col(Round.id),
            col(Round.sequence),
            col(Round.kind),
            col(Round.scheduled_at),
            col(Application.id),
            col(Application.company),
            col(Application.position),
            col(Role.name),
            col(Interviewer.contact_id),
        )
        .join(Round, col(Round.id) == col(Interviewer.round_id))
        .join(Application, col(Application.id) == col(Round.application_id))
        .outerjoin(Role, col(Role.id) == col(Interviewer.role_id))
        .where(col(Interviewer.contact_id).in_(contact_ids), col(Interviewer.owner_id) == owner_id)
        .order_by(col(Round.created_at), col(Round.id), col(Interviewer.id))
    )


def appearances(db: Session, contact: Contact) -> list[Appearance]:
    return [Appearance(*row) for row in db.execute(_appearances(contact.owner_id, [contact.id])).all()]


def _latest(found: list[Appearance]) -> Appearance:
    """The round met last: by its time when it has one (those without come first), else as added."""
    timed = [a for a in found if a.scheduled_at is not None]
    return max(timed, key=lambda a: a.scheduled_at) if timed else found[-1]  # type: ignore[arg-type,return-value]


@dataclass(frozen=True)
class ListedContact:
    contact: Contact
    meetings: int
    last_met: Appearance | None
    last_activity_at: datetime | None


def summaries(db: Session, owner_id: uuid.UUID, contacts: list[Contact]) -> list[ListedContact]:
    """Where and when you met each contact, and your latest entry with them: three statements a page."""
    ids = [c.id for c in contacts]
    if not ids:
        return []
    met: dict[uuid.UUID, list[Appearance]] = {}
    for row in db.execute(_appearances(owner_id, ids)).all():
        appearance = Appearance(*row)
        met.setdefault(appearance.contact_id, []).append(appearance)
    latest: dict[uuid.UUID, datetime] = {}
    named = (
        select(col(ActivityEntry.contact_id), func.max(col(ActivityEntry.occurred_at)))
        .where(col(ActivityEntry.owner_id) == owner_id, col(ActivityEntry.contact_id).in_(ids))
        .group_by(col(ActivityEntry.contact_id))
    )
    with_person = (
        select(col(Interviewer.contact_id), func.max(col(ActivityEntry.occurred_at)))
        .join(Interviewer, col(Interviewer.id) == col(ActivityEntry.interviewer_id))
        .where(col(ActivityEntry.owner_id) == owner_id, col(Interviewer.contact_id).in_(ids))
        .group_by(col(Interviewer.contact_id))
    )
    for statement in (named, with_person):
        for contact_id, at in db.execute(statement).all():
            if at is not None and (contact_id not in latest or at > latest[contact_id]):
                latest[contact_id] = at
    return [
        ListedContact(c, len(met.get(c.id, [])), _latest(met[c.id]) if c.id in met else None, latest.get(c.id))
        for c in contacts
    ]


def activity(db: Session, contact: Contact) -> tuple[list[ActivityEntry], bool]:
    """The contact's entries, newest first: those naming them, and those with a person linked to them."""
    people = select(col(Interviewer.id)).where(col(Interviewer.contact_id) == contact.id)
    stmt = (
        select(ActivityEntry)
        .where(
            col(ActivityEntry.owner_id) == contact.owner_id,
            or_(col(ActivityEntry.contact_id) == contact.id, col(ActivityEntry.interviewer_id).in_(people)),
        )
        .order_by(col(ActivityEntry.occurred_at).desc(), col(ActivityEntry.id).desc())
        .limit(DETAIL_ACTIVITY + 1)
    )
    rows = list(db.execute(stmt).scalars())
    return rows[:DETAIL_ACTIVITY], len(rows) > DETAIL_ACTIVITY


@dataclass(frozen=True)
class ContactDetailData:
    contact: Contact
    appearances: list[Appearance]
    activity: list[ActivityEntry]
    activity_more: bool


def detail(db: Session, contact: Contact) -> ContactDetailData:
    entries, more = activity(db, contact)
    return ContactDetailData(contact, appearances(db, contact), entries, more)


# Linking interviewers -------------------------------------------------------------------------


def check_owned(db: Session, owner_id: uuid.UUID, contact_id: uuid.UUID) -> None:
    found = db.execute(
        select(col(Contact.id))
        .where(col(Contact.id) == contact_id, col(Contact.owner_id) == owner_id)
        .with_for_update(read=True, key_share=True)  # FOR KEY SHARE: it cannot go meanwhile
    ).first()
    if found is None:
        raise InvalidInput(
            "contact_id",
            f"must be one of your contacts; there is no contact with id {contact_id}",
            type="unknown_contact",
        )


def _candidates(db: Session, owner_id: uuid.UUID, sighting: matching.Sighting) -> list[Contact]:
    """The account's contacts that might be this person (same email, or the same company: names are
    compared in matching.py, spaces and case aside), oldest first."""
    terms = [func.lower(col(Contact.company)) == (sighting.company or "").strip().lower()]
    if sighting.email:
        terms.append(col(Contact.email) == sighting.email.lower())
    stmt = (
        select(Contact)
        .where(col(Contact.owner_id) == owner_id, or_(*terms))
        .order_by(col(Contact.created_at), col(Contact.id))
        .limit(1000)
    )
    return list(db.execute(stmt).scalars())


FILLED_FROM_INTERVIEWER = ("email", "phone", "profile_url", "title")


def _usable(name: str, value: str | None) -> str | None:
    """What a contact takes from an interviewer: a profile link only when it opens as a URL."""
    return value if name != "profile_url" or matching.opens_as_url(value) else None


def link_interviewer(db: Session, interviewer: Interviewer, company: str) -> Contact:
    """Give the interviewer the contact they are (contacts/matching.py), made from them when there is
    none yet; a match learns what it did not know (email, phone, profile, title), never overwritten."""
    sighting = matching.Sighting(interviewer.name, interviewer.email, company)
    contact = matching.best_match(sighting, _candidates(db, interviewer.owner_id, sighting))
    if contact is None:
        _room(db, interviewer.owner_id)
        contact = Contact(
            owner_id=interviewer.owner_id,
            name=interviewer.name,
            company=company,
            email=interviewer.email,
            phone=interviewer.phone,
            profile_url=_usable("profile_url", interviewer.profile_url),
            title=interviewer.title,
        )
        db.add(contact)
        db.flush()
    else:
        missing = {
            name: getattr(interviewer, name)
            for name in FILLED_FROM_INTERVIEWER
            if getattr(contact, name) is None and _usable(name, getattr(interviewer, name)) is not None
        }
        if missing:
            apply_changes(db, contact, missing)
    interviewer.contact_id = contact.id
    return contact


def company_of_round(db: Session, round_id: uuid.UUID) -> str:
    stmt = select(col(Application.company)).join(Round, col(Round.application_id) == col(Application.id))
    return str(db.execute(stmt.where(col(Round.id) == round_id)).scalar_one())
