import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from secondround.api.etag import check_if_match, etag_of
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput
from secondround.contacts import service as contacts
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.interviewers.schemas import InterviewerCreate, InterviewerUpdate
from secondround.models import Interviewer, Role, Round

# The highest `order` a client may send; shifting others past it renumbers the panel instead.
MAX_ORDER = 1000
keyset = Keyset("interviewers", col(Interviewer.order), col(Interviewer.id))


@dataclass(frozen=True)
class PanelOrder:
    """A round's meeting order, and its version (the ETag `PUT .../order` takes as If-Match)."""

    interviewer_ids: list[uuid.UUID]
    etag: str


def list_statement(round_id: uuid.UUID, *, updated_after: datetime | None) -> Any:
    return select(Interviewer).where(
        col(Interviewer.round_id) == round_id, *changed_since(col(Interviewer.updated_at), updated_after)
    )


def list_page(db: Session, round_: Round, query: ListQuery) -> tuple[list[Interviewer], str | None]:
    return keyset.fetch(db, list_statement(round_.id, updated_after=query.updated_after), query)


def _check_role(db: Session, owner_id: uuid.UUID, role_id: uuid.UUID | None) -> None:
    if role_id is None:
        return
    found = db.execute(
        select(col(Role.id))
        .where(col(Role.id) == role_id, col(Role.owner_id) == owner_id)
        .with_for_update(read=True, key_share=True)  # FOR KEY SHARE
    ).first()
    if found is None:
        raise InvalidInput(
            "role_id", f"must be one of your roles; there is no role with id {role_id}", type="unknown_role"
        )


def create(db: Session, round_: Round, body: InterviewerCreate, *, cap: int) -> Interviewer:
    _check_role(db, round_.owner_id, body.role_id)
    # Locks the round too, so two people added at once neither pass the cap nor get the same place.
    detail = f"A round holds at most {cap} interviewers; remove one to add another."
    ensure_room(db, parent=Round.id, parent_id=round_.id, child=Interviewer.round_id, limit=cap, detail=detail)
    if body.order is None:
        last = db.execute(
            select(func.max(col(Interviewer.order))).where(col(Interviewer.round_id) == round_.id)
        ).scalar()
        order = 0 if last is None else last + 1
    else:
        order = _make_room(db, round_.id, body.order, moving=None)
    interviewer = Interviewer(owner_id=round_.owner_id, round_id=round_.id, **(body.model_dump() | {"order": order}))
    if body.contact_id is not None:
        contacts.check_owned(db, round_.owner_id, body.contact_id)
    else:
        contacts.link_interviewer(db, interviewer, contacts.company_of_round(db, round_.id))
    db.add(interviewer)
    db.flush()
    return interviewer


def _panel(db: Session, round_id: uuid.UUID) -> list[Interviewer]:
    """The round's interviewers in meeting order, locked for this writing request (the round is locked
    first by every caller, so writers queue there)."""
    return list(
        db.scalars(
            select(Interviewer)
            .where(col(Interviewer.round_id) == round_id)
            .order_by(col(Interviewer.order), col(Interviewer.id))
            .with_for_update(key_share=True)  # FOR NO KEY UPDATE, as core.resources.get_owned
            .execution_options(populate_existing=True)
        )
    )


def _make_room(db: Session, round_id: uuid.UUID, place: int, *, moving: Interviewer | None) -> int:
    """Free `order` = `place` for a person being added (moving=None) or moved there: when another person
    holds it, they and everyone after them move one place later (an insertion, never a duplicate).
    Returns the order the person gets: `place`, unless the shift would pass MAX_ORDER, when the whole
    panel is renumbered 0, 1, 2... with the person inserted at that place."""
    others = [p for p in _panel(db, round_id) if p is not moving]
    if all(p.order != place for p in others):
        return place
    behind = [p for p in others if p.order >= place]
    if max(p.order for p in behind) < MAX_ORDER:
        for person in behind:
            apply_changes(db, person, {"order": person.order + 1})
        return place
    before = [p for p in others if p.order < place]
    for index, person in enumerate(before):
        if person.order != index:
            apply_changes(db, person, {"order": index})
    for index, person in enumerate(behind, start=len(before) + 1):  # len(before): the person placed
        if person.order != index:
            apply_changes(db, person, {"order": index})
    return len(before)


def _breaks_by_place(panel: Sequence[Interviewer]) -> list[int]:
    return [p.break_after_minutes for p in panel]


def _keep_breaks_in_place(db: Session, round_id: uuid.UUID, breaks: Sequence[int]) -> None:
    """A break belongs to the gap in the day, not to the person: after a reorder, the person in each
    place gets the break that place had, so every break stays where it was in time."""
    for person, minutes in zip(_panel(db, round_id), breaks, strict=False):
        if person.break_after_minutes != minutes:
            apply_changes(db, person, {"break_after_minutes": minutes})


def update(db: Session, interviewer: Interviewer, body: InterviewerUpdate) -> Interviewer:
    changes = body.model_dump(exclude_unset=True)
    if "role_id" in changes:
        _check_role(db, interviewer.owner_id, changes["role_id"])
    if "contact_id" in changes:
        contacts.check_owned(db, interviewer.owner_id, changes["contact_id"])
    elif any(name in changes and changes[name] != getattr(interviewer, name) for name in ("name", "email")):
        # A new email or name may be someone else: find the contact again.
        for name in ("name", "email"):
            if name in changes:
                setattr(interviewer, name, changes[name])
        contacts.link_interviewer(db, interviewer, contacts.company_of_round(db, interviewer.round_id))
    if "order" in changes and changes["order"] != interviewer.order:
        breaks = _breaks_by_place(_panel(db, interviewer.round_id))
        changes["order"] = _make_room(db, interviewer.round_id, changes["order"], moving=interviewer)
        # The person's break moves to their new place only when they send one with the move.
        chosen = changes.pop("break_after_minutes", None)
        apply_changes(db, interviewer, changes)
        _keep_breaks_in_place(db, interviewer.round_id, breaks)
        if chosen is not None:
            apply_changes(db, interviewer, {"break_after_minutes": chosen})
        return interviewer
    return apply_changes(db, interviewer, changes)


def order_etag(round_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> str:
    # The order is what it says: the same people in the same order is the same version.
    return etag_of("interviewer-order", round_id, *ids)


def current_order(db: Session, round_: Round) -> PanelOrder:
    ids = list(
        db.scalars(
            select(col(Interviewer.id))
            .where(col(Interviewer.round_id) == round_.id)
            .order_by(col(Interviewer.order), col(Interviewer.id))
        )
    )
    return PanelOrder(ids, order_etag(round_.id, ids))


def _some(items: Sequence[str], shown: int = 5) -> str:
    # A list of a thousand stray ids would make a message nobody reads.
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _differences(panel: Sequence[Interviewer], ids: Sequence[uuid.UUID]) -> str | None:
    """What keeps `ids` from naming each person of the panel exactly once, in words; None if nothing."""
    known = {p.id for p in panel}
    missing = [p for p in panel if p.id not in set(ids)]
    extra = [i for i in dict.fromkeys(ids) if i not in known]
    twice = [i for i, n in Counter(ids).items() if n > 1 and i in known]
    parts = []
    if missing:
        parts.append("missing " + _some([f"{p.name} ({p.id})" for p in missing]))
    if extra:
        parts.append("not interviewers of this round: " + _some([str(i) for i in extra]))
    if twice:
        parts.append("named more than once: " + _some([str(i) for i in twice]))
    if not parts:
        return None
    return f"must name each of the round's {len(panel)} people exactly once; " + "; ".join(parts)


def reorder(db: Session, round_: Round, ids: Sequence[uuid.UUID], if_match: str | None) -> PanelOrder:
    """Give the panel the meeting order `ids` (0, 1, 2...), in one transaction with every row locked.

    The caller locked the round (a writing request's get_owned), so creates, moves and other
    reorders of this round queue behind this one, and the If-Match check sees the order it changes."""
    panel = _panel(db, round_.id)
    check_if_match(if_match, order_etag(round_.id, [p.id for p in panel]))
    if (problem := _differences(panel, ids)) is not None:
        raise InvalidInput("interviewer_ids", problem, type="not_the_panel")
    breaks = _breaks_by_place(panel)
    place = {interviewer_id: index for index, interviewer_id in enumerate(ids)}
    for person in panel:
        if person.order != place[person.id]:
            apply_changes(db, person, {"order": place[person.id]})
    _keep_breaks_in_place(db, round_.id, breaks)
    return PanelOrder(list(ids), order_etag(round_.id, ids))


def delete(db: Session, interviewer: Interviewer) -> None:
    db.delete(interviewer)
    db.flush()
