from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.activity import service as activity_service
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.fields import SearchText
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.contacts import service
from secondround.contacts.deps import OwnedContact
from secondround.contacts.schemas import (
    ContactAppearance,
    ContactCreate,
    ContactDetail,
    ContactListItem,
    ContactPage,
    ContactRead,
    ContactUpdate,
)
from secondround.db.session import DbSession

router = APIRouter(prefix="/contacts", tags=["contacts"], responses=problem_responses(401, 403, 422))


@router.get("", response_model=ContactPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_contacts(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    q: Annotated[SearchText | None, Query(description="Search name, company or email (case-insensitive).")] = None,
) -> Response:
    """Your contacts, oldest first: the people you met across applications, and any you added, each
    with how many rounds you met them in, the latest of those, and when you were last in touch."""
    rows, next_cursor = await db.run(service.list_page, user.id, q, query)
    items = [
        ContactListItem.model_validate(
            {
                **ContactRead.model_validate(row.contact).model_dump(exclude={"etag", "tel_uri", "mailto_uri"}),
                "meetings": row.meetings,
                "last_met": ContactAppearance.model_validate(row.last_met) if row.last_met else None,
                "last_activity_at": row.last_activity_at,
            }
        )
        for row in rows
    ]
    return serialized(ContactPage.of(items, next_cursor), query.response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ContactRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(413)},
)
async def create_contact(body: ContactCreate, user: CurrentUser, db: DbSession, response: Response) -> ContactRead:
    """Add a contact by hand. Interviewers get theirs by themselves (see `contact_id` on interviewers)."""
    contact = await db.run(service.create, user.id, body)
    with_headers(response, contact, contact.id, location=f"/api/v1/contacts/{contact.id}")
    return ContactRead.model_validate(contact)


@router.get(
    "/{contact_id}",
    response_model=ContactDetail,
    responses={**response_headers(200, "ETag"), **problem_responses(404)},
)
async def get_contact(contact: OwnedContact, db: DbSession, response: Response) -> Response:
    """One contact, with the rounds and applications where you met them and their activity entries."""
    found = await db.run(service.detail, contact)
    with_headers(response, contact, contact.id)
    read = ContactDetail.model_validate(
        {
            **ContactRead.model_validate(contact).model_dump(exclude={"etag", "tel_uri", "mailto_uri"}),
            "appearances": [ContactAppearance.model_validate(a) for a in found.appearances],
            "activity": await db.run(activity_service.readable, found.activity),
            "activity_more": found.activity_more,
        }
    )
    return serialized(read, response)


@router.patch(
    "/{contact_id}",
    response_model=ContactRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 412, 413)},
)
async def update_contact(
    contact: OwnedContact, body: ContactUpdate, db: DbSession, response: Response, if_match: IfMatch = None
) -> ContactRead:
    """Change only the fields sent; `null` clears an optional field."""
    guarded(contact, contact.id, if_match)
    contact = await db.run(service.update, contact, body)
    with_headers(response, contact, contact.id)
    return ContactRead.model_validate(contact)


@router.delete("/{contact_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_contact(contact: OwnedContact, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete the contact. Interviewers and activity entries that named them stay, without the link."""
    guarded(contact, contact.id, if_match)
    await db.run(service.delete, contact)
