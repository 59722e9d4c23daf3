import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from secondround.accounts.deps import CurrentUser
from secondround.api.etag import IfMatch, guarded, with_headers
from secondround.api.openapi import response_headers
from secondround.api.pagination import ListQueryDep
from secondround.api.problems import problem_responses
from secondround.api.representation import serialized
from secondround.db.session import DbSession
from secondround.helpers.vocabulary import OfferStatus
from secondround.models import Offer
from secondround.offers import service
from secondround.offers.deps import OwnedOffer
from secondround.offers.schemas import OfferComparison, OfferCreate, OfferDecision, OfferPage, OfferRead, OfferUpdate

router = APIRouter(prefix="/offers", tags=["offers"], responses=problem_responses(401, 403, 422))


def _location(offer: Offer) -> str:
    return f"/api/v1/offers/{offer.id}"


@router.get("", response_model=OfferPage, responses={**response_headers(200, "Link"), **problem_responses(400)})
async def list_offers(
    user: CurrentUser,
    db: DbSession,
    query: ListQueryDep,
    status: Annotated[OfferStatus | None, Query(description="Only offers with this status.")] = None,
    application_id: Annotated[uuid.UUID | None, Query(description="Only this application's offers.")] = None,
) -> Response:
    """Your offers, oldest first, each with its next step."""
    rows, next_cursor = await db.run(service.list_page, user.id, query, status=status, application_id=application_id)
    today = service.today_of(user)
    return serialized(OfferPage.of([service.read_of(r, today) for r in rows], next_cursor), query.response)


@router.get("/compare", response_model=OfferComparison)
async def compare_offers(user: CurrentUser, db: DbSession, response: Response) -> Response:
    """Your open offers side by side: each base amount as a yearly figure in its own currency, against
    the salary range you researched for its application. Amounts in different currencies are not
    converted (`note` says so)."""
    return serialized(await db.run(service.compare, user), response)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OfferRead,
    responses={**response_headers(201, "Location", "ETag"), **problem_responses(409, 413)},
)
async def create_offer(body: OfferCreate, user: CurrentUser, db: DbSession, response: Response) -> OfferRead:
    """Record an offer (verbal unless you say `written`). An application still in the running moves to
    `offer`."""
    offer = await db.run(service.create, user, body)
    with_headers(response, offer, offer.id, location=_location(offer))
    return service.read_of(offer, service.today_of(user))


@router.get(
    "/{offer_id}", response_model=OfferRead, responses={**response_headers(200, "ETag"), **problem_responses(404)}
)
async def get_offer(offer: OwnedOffer, user: CurrentUser, response: Response) -> Response:
    """One offer with its earlier terms and its next step in plain words."""
    with_headers(response, offer, offer.id)
    return serialized(service.read_of(offer, service.today_of(user)), response)


@router.patch(
    "/{offer_id}",
    response_model=OfferRead,
    responses={**response_headers(200, "ETag"), **problem_responses(404, 409, 412, 413)},
)
async def update_offer(
    offer: OwnedOffer, body: OfferUpdate, user: CurrentUser, db: DbSession, response: Response, if_match: IfMatch = None
) -> OfferRead:
    """Change only the fields sent; `null` clears an optional field. The written offer after a verbal
    one: send `stage: "written"` with its figures; the verbal ones stay in `history`."""
    guarded(offer, offer.id, if_match)
    offer = await db.run(service.update, offer, body)
    with_headers(response, offer, offer.id)
    return service.read_of(offer, service.today_of(user))


@router.delete("/{offer_id}", status_code=status.HTTP_204_NO_CONTENT, responses=problem_responses(404, 412))
async def delete_offer(offer: OwnedOffer, db: DbSession, if_match: IfMatch = None) -> None:
    """Delete the offer and its history; the application's status stays as it is."""
    guarded(offer, offer.id, if_match)
    await db.run(service.delete, offer)


DECISION_RESPONSES = {**response_headers(200, "ETag"), **problem_responses(404, 409, 412)}


@router.post("/{offer_id}/accept", response_model=OfferRead, responses={**DECISION_RESPONSES, **problem_responses(413)})
async def accept_offer(
    offer: OwnedOffer,
    user: CurrentUser,
    db: DbSession,
    response: Response,
    body: OfferDecision | None = None,
    if_match: IfMatch = None,
) -> OfferRead:
    """Accept the offer: the application becomes `accepted`. Your other open offers and their
    reminders stay unless you send `decline_others: true`. An offer already decided is a 409."""
    guarded(offer, offer.id, if_match)
    decline_others = body.decline_others if body is not None else False
    offer = await db.run(service.accept, user, offer, decline_others=decline_others)
    with_headers(response, offer, offer.id)
    return service.read_of(offer, service.today_of(user))


@router.post("/{offer_id}/decline", response_model=OfferRead, responses=DECISION_RESPONSES)
async def decline_offer(
    offer: OwnedOffer, user: CurrentUser, db: DbSession, response: Response, if_match: IfMatch = None
) -> OfferRead:
    """Decline the offer: the application becomes `withdrawn` unless another offer of it is open or
    accepted. An offer already decided is a 409."""
    guarded(offer, offer.id, if_match)
    offer = await db.run(service.decline, offer)
    with_headers(response, offer, offer.id)
    return service.read_of(offer, service.today_of(user))
