"""A scheduled interview from another system made into a round with its panel, or the round an
earlier import made brought up to date (matched by source and external id). Flushes, never commits:
the request's one transaction makes it all or nothing."""

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.etag import guarded
from secondround.api.problems import Conflict, InvalidInput, PreconditionFailed
from secondround.db.ownership import apply_changes
from secondround.helpers.vocabulary import RoundStatus
from secondround.interviewers import service as interviewers
from secondround.interviewers.schemas import InterviewerCreate
from secondround.models import Application, Interviewer, Role, Round
from secondround.round_imports import interview, role_guess
from secondround.round_imports.interview import ImportedInterview, ImportedPerson
from secondround.rounds import service as rounds
from secondround.rounds.schemas import RoundCreate, RoundUpdate

SOURCE_LABELS = {"greenhouse": "Greenhouse", "ics": "the calendar invitation"}


@dataclass(frozen=True)
class Guess:
    interviewer: Interviewer
    role: Role
    guessed_from: str
    words: str


@dataclass
class ImportOutcome:
    round: Round
    created: bool
    panel: list[Interviewer] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    guessed: list[Guess] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Account:
    id: uuid.UUID
    email: str
    time_zone: str


def _existing(db: Session, owner_id: uuid.UUID, source: str, external_id: str) -> Round | None:
    return db.scalars(
        select(Round)
        .where(col(Round.owner_id) == owner_id, col(Round.source) == source, col(Round.external_id) == external_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).first()


def _round_fields(found: ImportedInterview, account_zone: str, remarks: list[str]) -> dict[str, Any]:
    zone_name, remark = interview.zone_for(found.start, found.zone_name, account_zone)
    if remark:
        remarks.append(remark)
    fields: dict[str, Any] = {"time_zone": zone_name, "duration_minutes": found.duration_minutes}
    if found.start is not None:
        fields["scheduled_at"] = found.start.isoformat()
    elif found.all_day is not None:
        fields["scheduled_at"] = f"{found.all_day.isoformat()}T00:00"
        remarks.append(
            "An all-day event: the round is set to midnight at the start of that day; set its time when you know it."
        )
    location = interview.location_text(found.location, found.video_url)
    if location is not None:
        fields["location"] = location
    return fields


def _validated(model: type[RoundCreate] | type[RoundUpdate], fields: dict[str, Any]) -> Any:
    """The round's fields as the round endpoints take them; a value they refuse (a start in year 1200)
    is a 422 that says where it came from."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error.get("loc", ("body",))[0])
        raise InvalidInput(
            name,
            f"The interview's {name.replace('_', ' ')} cannot be used: {error.get('msg', 'not valid')}.",
            type="import_value",
        ) from None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _match(panel: list[Interviewer], person: ImportedPerson) -> Interviewer | None:
    if person.email:
        for member in panel:
            if member.email and member.email.casefold() == person.email.casefold():
                return member
    for member in panel:
        if _key(member.name) == _key(person.name):
            return member
    return None


def _guess(
    person: ImportedPerson, title: str | None, alone: bool, roles: dict[str, Role]
) -> tuple[Role, str, str] | None:
    """The account's role for a new person: from their title, else their name as the source wrote it
    ("Talent team"), else (the only person on the panel) the interview's name ("Recruiter screen")."""
    texts = [person.title, person.name] + ([title] if alone else [])
    for text in texts:
        found = role_guess.guess(text)
        if found is None or text is None:
            continue
        role = role_guess.pick_role(found.key, roles)
        if isinstance(role, Role):
            return role, text, found.phrase
    return None


def _person_create(person: ImportedPerson, role_id: uuid.UUID | None, remarks: list[str]) -> InterviewerCreate:
    fields = {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "role_id": role_id,
        "cancelled": person.declined,
    }
    try:
        return InterviewerCreate.model_validate(fields)
    except ValidationError:
        remarks.append(f"{person.name}'s email address ({person.email}) is not one mail can reach; it was left out.")
        return InterviewerCreate.model_validate(fields | {"email": None})


def _update_panel(
    db: Session,
    round_: Round,
    found: ImportedInterview,
    people: list[ImportedPerson],
    outcome: ImportOutcome,
    *,
    cap: int,
) -> None:
    panel = list(
        db.scalars(
            select(Interviewer)
            .where(col(Interviewer.round_id) == round_.id)
            .order_by(col(Interviewer.order), col(Interviewer.id))
            .with_for_update(key_share=True)
        )
    )
    roles = {
        role.name.casefold(): role for role in db.scalars(select(Role).where(col(Role.owner_id) == round_.owner_id))
    }
    matched: set[uuid.UUID] = set()
    for person in people:
        member = _match(panel, person)
        if member is not None:
            # Known already: what you recorded with them (role, notes, minutes, questions) stays.
            matched.add(member.id)
            changes: dict[str, Any] = {}
            if person.declined != member.cancelled:
                changes["cancelled"] = person.declined
            if person.email and not member.email:
                changes["email"] = _person_create(person, None, outcome.remarks).email
            if changes:
                apply_changes(db, member, changes)
            continue
        guess = _guess(person, found.title, len(people) == 1, roles)
        made = interviewers.create(
            db, round_, _person_create(person, guess[0].id if guess else None, outcome.remarks), cap=cap
        )
        panel.append(made)
        matched.add(made.id)
        outcome.added.append(made.name)
        if guess is not None:
            outcome.guessed.append(Guess(made, guess[0], guess[1], guess[2]))
    gone = [member.name for member in panel if member.id not in matched]
    if gone and not outcome.created:
        outcome.remarks.append(
            f"No longer on the invitation, kept on the panel as you may have added them: {', '.join(gone[:10])}."
        )


def import_interview(
    db: Session,
    application: Application,
    account: Account,
    found: ImportedInterview,
    if_match: str | None,
    *,
    rounds_cap: int,
    panel_cap: int,
) -> ImportOutcome:
    people, left_out = interview.leave_out(found.people, account.email)
    if len(people) > interview.MAX_PEOPLE:
        raise InvalidInput(
            "body",
            f"The invitation lists {len(people)} people besides you; one import takes at most "
            f"{interview.MAX_PEOPLE}. Is it an interview?",
            type="too_many_people",
        )
    remarks = list(found.remarks)
    fields = _round_fields(found, account.time_zone, remarks)
    existing = _existing(db, account.id, found.source, found.external_id)
    if existing is not None and existing.application_id != application.id:
        raise Conflict(
            f"This interview was imported before into another of your applications (round {existing.sequence} "
            "there); import it there, or delete that round first."
        )
    if existing is None:
        if if_match is not None:
            raise PreconditionFailed(
                "No round was imported from this interview yet, so If-Match cannot match; "
                "leave If-Match out to create it."
            )
        create = fields | {
            "kind": interview.kind_for(found.title),
            "status": found.status or RoundStatus.PLANNED,
            "notes": found.title,
            "source": found.source,
            "external_id": found.external_id,
        }
        round_ = rounds.create(
            db, application, _validated(RoundCreate, create), cap=rounds_cap, account_zone=account.time_zone
        )
        outcome = ImportOutcome(round_, True, left_out=left_out, remarks=remarks)
    else:
        guarded(existing, existing.id, if_match)
        status = found.status
        if status is None and existing.status == RoundStatus.CANCELLED:
            status = RoundStatus.PLANNED  # invited again after a cancellation
        changes = fields | ({"status": status} if status is not None else {})
        if found.start is None and found.all_day is None:
            changes.pop("scheduled_at", None)
        round_ = rounds.update(db, existing, _validated(RoundUpdate, changes), account_zone=account.time_zone)
        outcome = ImportOutcome(round_, False, left_out=left_out, remarks=remarks)
    _update_panel(db, round_, found, people, outcome, cap=panel_cap)
    db.flush()
    outcome.panel = list(
        db.scalars(
            select(Interviewer)
            .where(col(Interviewer.round_id) == round_.id)
            .order_by(col(Interviewer.order), col(Interviewer.id))
        )
    )
    return outcome
