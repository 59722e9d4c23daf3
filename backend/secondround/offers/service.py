"""Offers: record a verbal offer, then the written one (the verbal terms stay in `history`), compare
the open ones, and accept or decline, which records the application's outcome. Flushes, never commits."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.activity import record as activity
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import Conflict, InvalidInput
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import (
    ActivityKind,
    ApplicationStatus,
    OfferPeriod,
    OfferStage,
    OfferStatus,
    Outcome,
)
from secondround.models import Application, Offer, Round, User
from secondround.offers import comparison
from secondround.offers.next_step import OfferFacts, day_words, next_step
from secondround.offers.schemas import (
    OfferApplication,
    OfferComparison,
    OfferComparisonRow,
    OfferCreate,
    OfferRead,
    OfferUpdate,
)
from secondround.questions.service import check_application
from secondround.rounds.follow_up import today_in

keyset = Keyset("offers", col(Offer.created_at), col(Offer.id))
MAX_OFFERS_PER_APPLICATION = 20
TERMS = ("stage", "base_amount", "currency", "period", "bonus", "equity", "benefits")
# What an application's status becomes when you settle its offer.
ACCEPTED_STATUS = ApplicationStatus.ACCEPTED
DECLINED_STATUS = ApplicationStatus.WITHDRAWN


def today_of(user: User) -> date:
    return today_in(user.time_zone, utcnow())


def read_of(offer: Offer, today: date) -> OfferRead:
    facts = OfferFacts(offer.stage, offer.status, offer.respond_by, offer.asked_in_writing_at)
    fields = {name: getattr(offer, name) for name in OfferRead.model_fields if name not in ("next_step",)}
    return OfferRead.model_validate({**fields, "next_step": next_step(facts, today)})


def list_page(
    db: Session, owner_id: uuid.UUID, query: ListQuery, *, status: OfferStatus | None, application_id: uuid.UUID | None
) -> tuple[list[Offer], str | None]:
    stmt = select(Offer).where(
        col(Offer.owner_id) == owner_id, *changed_since(col(Offer.updated_at), query.updated_after)
    )
    if status is not None:
        stmt = stmt.where(col(Offer.status) == status)
    if application_id is not None:
        stmt = stmt.where(col(Offer.application_id) == application_id)
    return keyset.fetch(db, stmt, query)


def _check_dates(offered_on: date, start_date: date | None, respond_by: date | None, asked: datetime | None) -> None:
    made = day_words(offered_on)
    if respond_by is not None and respond_by < offered_on:
        raise InvalidInput(
            "respond_by", f"The date to respond by cannot be before the offer was made ({made}).", type="offer_dates"
        )
    if start_date is not None and start_date < offered_on:
        raise InvalidInput(
            "start_date", f"The start date cannot be before the offer was made ({made}).", type="offer_dates"
        )
    if asked is not None and asked.date() < offered_on:
        raise InvalidInput(
            "asked_in_writing_at",
            f"You cannot have asked for the offer in writing before it was made ({made}).",
            type="offer_dates",
        )


def _mark_application(
    db: Session, application_id: uuid.UUID, status: ApplicationStatus, *, only_from: set[ApplicationStatus]
) -> None:
    application = db.get(Application, application_id)
    if application is not None and application.status in only_from:
        before = application.status
        apply_changes(db, application, {"status": status})
        activity.status_changed(db, application, before)


def _log(db: Session, offer: Offer, text: str) -> None:
    """An offer_event entry in the application's activity log (activity/record.py)."""
    activity.append(
        db, owner_id=offer.owner_id, application_id=offer.application_id, kind=ActivityKind.OFFER_EVENT, text=text
    )


def _figures(offer: Offer) -> str:
    return f"{offer.base_amount:,} {offer.currency} a {offer.period}"


def create(db: Session, user: User, body: OfferCreate) -> Offer:
    check_application(db, user.id, body.application_id)
    ensure_room(
        db,
        parent=Application.id,
        parent_id=body.application_id,
        child=Offer.application_id,
        limit=MAX_OFFERS_PER_APPLICATION,
        detail=f"An application holds at most {MAX_OFFERS_PER_APPLICATION} offers; delete old ones to add more.",
    )
    fields = body.model_dump()
    fields["offered_on"] = fields["offered_on"] or today_of(user)
    _check_dates(fields["offered_on"], body.start_date, body.respond_by, body.asked_in_writing_at)
    offer = Offer(owner_id=user.id, status=OfferStatus.OPEN, history=[], **fields)
    db.add(offer)
    db.flush()
    _log(db, offer, f"{str(offer.stage).capitalize()} offer: {_figures(offer)}.")
    # An offer moves an application still in the running to `offer`; a settled one stays as it is.
    _mark_application(
        db,
        body.application_id,
        ApplicationStatus.OFFER,
        only_from={ApplicationStatus.WISHLIST, ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEWING},
    )
    return offer


def _terms(offer: Offer) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in TERMS}


def _as_json(terms: dict[str, Any], replaced_at: datetime) -> dict[str, Any]:
    out = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in terms.items()}
    return {**out, "replaced_at": replaced_at.isoformat()}


def update(db: Session, offer: Offer, body: OfferUpdate) -> Offer:
    changes = body.model_dump(exclude_unset=True)
    before = _terms(offer)
    if before.get("stage") == OfferStage.WRITTEN and changes.get("stage") == OfferStage.VERBAL:
        raise InvalidInput("stage", "A written offer cannot go back to being verbal.", type="offer_stage")
    after = {**before, **{k: v for k, v in changes.items() if k in TERMS}}
    _check_dates(
        changes.get("offered_on", offer.offered_on),
        changes.get("start_date", offer.start_date),
        changes.get("respond_by", offer.respond_by),
        changes.get("asked_in_writing_at", offer.asked_in_writing_at),
    )
    if changes.get("status") == OfferStatus.OPEN and offer.status != OfferStatus.OPEN:
        changes["responded_at"] = None
    if _differ(before, after):
        # The earlier terms go to history (a new list: JSON columns see assignment, not mutation).
        changes["history"] = [*offer.history, _as_json(before, utcnow())]
    updated = apply_changes(db, offer, changes)
    if _differ(before, after):
        became_written = before.get("stage") != OfferStage.WRITTEN and after.get("stage") == OfferStage.WRITTEN
        what = "The offer came in writing" if became_written else "The offer's terms changed"
        _log(db, updated, f"{what}: {_figures(updated)}.")
    return updated


def _differ(before: dict[str, Any], after: dict[str, Any]) -> bool:
    def norm(v: Any) -> Any:
        return Decimal(v) if isinstance(v, Decimal | int | float) and not isinstance(v, bool) else v

    return any(norm(before[k]) != norm(after[k]) for k in TERMS)


def delete(db: Session, offer: Offer) -> None:
    db.delete(offer)
    db.flush()


def _settle(db: Session, offer: Offer, status: OfferStatus) -> None:
    if offer.status != OfferStatus.OPEN:
        raise Conflict(f"This offer is already {offer.status.value}; reopen it (status open) to decide again.")
    apply_changes(db, offer, {"status": status, "responded_at": utcnow()})
    _log(db, offer, f"Offer {status.value}: {_figures(offer)}.")


def _close_pending_rounds(db: Session, application_id: uuid.UUID, outcome: Outcome) -> None:
    """The application's rounds still waiting for a decision get `outcome`: their reminders end."""
    rounds = db.execute(
        select(Round).where(col(Round.application_id) == application_id, col(Round.outcome) == Outcome.PENDING)
    ).scalars()
    for round_ in rounds:
        before = round_.outcome
        apply_changes(db, round_, {"outcome": outcome})
        activity.outcome_recorded(db, round_, before)


def accept(db: Session, user: User, offer: Offer, *, decline_others: bool) -> Offer:
    """Accept the offer: its application is `accepted`. With `decline_others`, your other open offers
    are declined and their applications withdrawn (their rounds' reminders end with them)."""
    _settle(db, offer, OfferStatus.ACCEPTED)
    _mark_application(db, offer.application_id, ACCEPTED_STATUS, only_from=set(ApplicationStatus) - {ACCEPTED_STATUS})
    if decline_others:
        others = db.execute(
            select(Offer)
            .where(col(Offer.owner_id) == user.id, col(Offer.status) == OfferStatus.OPEN, col(Offer.id) != offer.id)
            .order_by(col(Offer.id))
            .with_for_update(key_share=True)
        ).scalars()
        for other in list(others):
            apply_changes(db, other, {"status": OfferStatus.DECLINED, "responded_at": utcnow()})
            _log(db, other, f"Offer declined (another was accepted): {_figures(other)}.")
            if other.application_id != offer.application_id:
                _mark_application(
                    db, other.application_id, DECLINED_STATUS, only_from=set(ApplicationStatus) - {ACCEPTED_STATUS}
                )
                _close_pending_rounds(db, other.application_id, Outcome.WITHDRAWN)
    return offer


def decline(db: Session, offer: Offer) -> Offer:
    """Decline the offer: its application is withdrawn, unless another offer of it was accepted or is
    still open."""
    _settle(db, offer, OfferStatus.DECLINED)
    still = db.execute(
        select(col(Offer.id)).where(
            col(Offer.application_id) == offer.application_id,
            col(Offer.id) != offer.id,
            col(Offer.status).in_([OfferStatus.OPEN, OfferStatus.ACCEPTED]),
        )
    ).first()
    if still is None:
        _mark_application(
            db, offer.application_id, DECLINED_STATUS, only_from=set(ApplicationStatus) - {ACCEPTED_STATUS}
        )
    return offer


def compare(db: Session, user: User) -> OfferComparison:
    """Your open offers side by side, each against the salary range you researched for its application."""
    today = today_of(user)
    rows = db.execute(
        select(Offer, Application)
        .join(Application, col(Application.id) == col(Offer.application_id))
        .where(col(Offer.owner_id) == user.id, col(Offer.status) == OfferStatus.OPEN)
        .order_by(col(Offer.created_at), col(Offer.id))
    ).all()
    out: list[OfferComparisonRow] = []
    for offer, application in rows:
        yearly_base = comparison.yearly(offer.base_amount, offer.period)
        yearly_bonus = None if offer.bonus is None else comparison.yearly(offer.bonus, OfferPeriod.YEAR)
        researched = comparison.ResearchedRange(
            application.salary_min, application.salary_max, application.salary_currency
        )
        facts = OfferFacts(offer.stage, offer.status, offer.respond_by, offer.asked_in_writing_at)
        out.append(
            OfferComparisonRow(
                offer_id=offer.id,
                application=OfferApplication.model_validate(application),
                stage=offer.stage,
                currency=offer.currency,
                base_amount=offer.base_amount,
                period=offer.period,
                yearly_base=yearly_base,
                yearly_bonus=yearly_bonus,
                yearly_total=yearly_base + (yearly_bonus or 0),
                equity=offer.equity,
                benefits=offer.benefits,
                start_date=offer.start_date,
                respond_by=offer.respond_by,
                researched_min=application.salary_min,
                researched_max=application.salary_max,
                researched_currency=application.salary_currency,
                against_research=comparison.against_range(yearly_base, offer.currency, researched),
                next_step=next_step(facts, today),
            )
        )
    out.sort(key=lambda r: (r.currency, -r.yearly_total))
    currencies = sorted({r.currency for r in out})
    return OfferComparison(offers=out, currencies=currencies, note=comparison.currencies_note(currencies))
