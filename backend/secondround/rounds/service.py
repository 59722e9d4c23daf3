"""Rounds: numbering, local times, outcomes and follow-ups. Flushes, never commits."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.activity import record as activity
from secondround.activity.service import occurred_at_of
from secondround.api.pagination import Keyset, ListQuery
from secondround.api.problems import InvalidInput
from secondround.applications.schemas import ApplicationRead
from secondround.db.caps import ensure_room
from secondround.db.ownership import apply_changes
from secondround.db.queries import changed_since
from secondround.db.types import utcnow
from secondround.helpers import local_time
from secondround.helpers.vocabulary import ActivityKind, ApplicationStatus, Channel, Outcome
from secondround.interviewers import service as interviewers
from secondround.interviewers.schemas import InterviewerCreate
from secondround.models import Application, Interviewer, Role, Round
from secondround.rounds import date_rules
from secondround.rounds.follow_up import APPLICATION_STATUS_AFTER, default_follow_up_on
from secondround.rounds.schemas import FollowUpRequest, PanelMemberCreate, RoundCreate, RoundRead, RoundUpdate
from secondround.webhooks import events as webhook_events

keyset = Keyset("rounds", col(Round.sequence), col(Round.id))


def list_statement(application_id: uuid.UUID, *, updated_after: datetime | None) -> Any:
    return select(Round).where(
        col(Round.application_id) == application_id, *changed_since(col(Round.updated_at), updated_after)
    )


def list_page(db: Session, application: Application, query: ListQuery) -> tuple[list[Round], str | None]:
    return keyset.fetch(db, list_statement(application.id, updated_after=query.updated_after), query)


account_keyset = Keyset("account-rounds", col(Round.created_at), col(Round.id))


def list_account_page(
    db: Session, owner_id: uuid.UUID, application_id: uuid.UUID | None, query: ListQuery
) -> tuple[list[Round], str | None]:
    """A page of every round of the account (or of one of its applications), oldest first."""
    if application_id is not None:
        owned = select(col(Application.id)).where(
            col(Application.id) == application_id, col(Application.owner_id) == owner_id
        )
        if db.execute(owned).first() is None:
            raise InvalidInput(
                "application_id",
                f"must be one of your applications; there is no application with id {application_id}",
                type="unknown_application",
                location="query",
            )
    statement = select(Round).where(
        col(Round.owner_id) == owner_id,
        *([col(Round.application_id) == application_id] if application_id is not None else []),
        *changed_since(col(Round.updated_at), query.updated_after),
    )
    return account_keyset.fetch(db, statement, query)


def _place_in_time(changes: dict[str, Any], zone_name: str) -> dict[str, Any]:
    """The changes with a wall-clock `scheduled_at` (no offset) read as an instant in `zone_name`,
    before anything is written: a time the clocks skip, or one that happens twice, is a 422."""
    start = changes.get("scheduled_at")
    if not isinstance(start, datetime) or start.tzinfo is not None:
        return changes
    try:
        return changes | {"scheduled_at": local_time.from_local(start, zone_name)}
    except local_time.LocalTimeError as exc:
        raise InvalidInput("scheduled_at", str(exc), type="local_time") from None


def _check_dates(round_: Round | None, changes: dict[str, Any], account_zone: str) -> None:
    """Refuse a decision or follow-up date before the interview, whichever of them the request
    changes (rounds/date_rules.py says why, and what happens when the round moves)."""
    if not {"scheduled_at", "decision_expected_by", "follow_up_on"} & changes.keys():
        return

    def after(name: str) -> Any:
        return changes[name] if name in changes else getattr(round_, name, None)

    # A follow-up date the rule derives is after the decision date: only one the user chose counts.
    chosen_follow_up = round_ is not None and round_.follow_up_on_is_manual and "follow_up_on" not in changes
    found = date_rules.conflict(
        scheduled_at=after("scheduled_at"),
        dates={
            "decision_expected_by": after("decision_expected_by"),
            "follow_up_on": round_.follow_up_on if chosen_follow_up and round_ else changes.get("follow_up_on"),
        },
        changed=set(changes),
        zone_name=account_zone,
    )
    if found is not None:
        raise InvalidInput(found.field, found.message, type="date_before_interview")


def _apply_follow_up_rules(round_: Round, changes: dict[str, Any]) -> None:
    if "follow_up_on" in changes:
        round_.follow_up_on_is_manual = changes["follow_up_on"] is not None
    previous = round_.follow_up_on
    for name, value in changes.items():
        setattr(round_, name, value)
    if not round_.follow_up_on_is_manual:
        round_.follow_up_on = default_follow_up_on(round_.outcome, round_.decision_expected_by)
    if round_.follow_up_on != previous and round_.follow_up_on is not None:
        # A new follow-up date puts the round back on the due list when it comes; a date that
        # goes away (a decision came) keeps the record that you did follow up.
        round_.followed_up_at = None


def _move_application(application: Application, outcome: str | None) -> None:
    new_status = APPLICATION_STATUS_AFTER.get(Outcome(outcome)) if outcome else None
    if new_status is not None and application.status != new_status:
        application.status = new_status
        application.updated_at = utcnow()


def _round_events(db: Session, round_: Round, kind: str, *, outcome_recorded: bool) -> None:
    """The round's webhook events: created or updated, and outcome_recorded when a decision came."""
    data = webhook_events.data_of(RoundRead, round_)
    webhook_events.record(db, round_.owner_id, "round.created" if kind == "created" else "round.updated", data)
    if outcome_recorded:
        webhook_events.record(db, round_.owner_id, "round.outcome_recorded", data)


def _application_event(db: Session, application: Application, status_before: str) -> None:
    if application.status != status_before:  # the round moved the application along
        webhook_events.record(
            db, application.owner_id, "application.updated", webhook_events.data_of(ApplicationRead, application)
        )


def _owned_roles(db: Session, owner_id: uuid.UUID) -> list[Role]:
    """The owner's roles, held (FOR KEY SHARE) so none is deleted before the people that name it are written."""
    return list(
        db.scalars(
            select(Role)
            .where(col(Role.owner_id) == owner_id)
            .order_by(col(Role.created_at), col(Role.id))
            .with_for_update(read=True, key_share=True)
        )
    )


def panel_roles(db: Session, owner_id: uuid.UUID, people: list[PanelMemberCreate]) -> list[uuid.UUID | None]:
    """Each person's role id: the `role_id` sent (one of the owner's), or the owner's role whose name is
    `role` (case-insensitively). A 422 on that person's field otherwise, before anything is written."""
    if not people:
        return []
    roles = _owned_roles(db, owner_id)
    by_id = {role.id for role in roles}
    by_name = {role.name.casefold(): role.id for role in roles}
    found: list[uuid.UUID | None] = []
    for index, person in enumerate(people):
        if person.role_id is not None and person.role_id not in by_id:
            raise InvalidInput(
                f"interviewers.{index}.role_id",
                f"must be one of your roles; there is no role with id {person.role_id}",
                type="unknown_role",
            )
        if person.role is not None and person.role.casefold() not in by_name:
            names = ", ".join(role.name for role in roles[:10]) or "none yet"
            raise InvalidInput(
                f"interviewers.{index}.role",
                f"{person.name} has the role {person.role!r}, but you have no role of that name (your roles: {names}).",
                type="unknown_role",
            )
        found.append(person.role_id if person.role is None else by_name[person.role.casefold()])
    return found


def add_panel(
    db: Session, round_: Round, people: list[PanelMemberCreate], role_ids: list[uuid.UUID | None], *, cap: int
) -> list[Interviewer]:
    """The people, made on the round's panel in the order given (roles checked by `panel_roles`)."""
    made = []
    for person, role_id in zip(people, role_ids, strict=True):
        fields = person.model_dump(exclude={"role"}) | {"role_id": role_id}
        made.append(interviewers.create(db, round_, InterviewerCreate.model_validate(fields), cap=cap))
    return made


def create_with_panel(
    db: Session, application: Application, body: RoundCreate, *, cap: int, panel_cap: int, account_zone: str
) -> tuple[Round, list[Interviewer]]:
    """A round and its panel in one transaction: a person that cannot be added (an unknown role, the
    cap) is a 422 and the request's transaction is rolled back, round included."""
    role_ids = panel_roles(db, application.owner_id, body.interviewers)
    round_ = create(db, application, body, cap=cap, account_zone=account_zone)
    return round_, add_panel(db, round_, body.interviewers, role_ids, cap=panel_cap)


def create(db: Session, application: Application, body: RoundCreate, *, cap: int, account_zone: str) -> Round:
    # A round keeps the zone it was scheduled in: the one sent, else the account's at this moment.
    fields = body.model_dump(exclude={"interviewers"})
    fields["time_zone"] = body.time_zone or account_zone
    fields = _place_in_time(fields, fields["time_zone"])
    _check_dates(None, fields, account_zone)
    # The application row is locked (OwnedApplication in a writing request: FOR NO KEY UPDATE on
    # PostgreSQL, SQLite's write lock) and was read again under that lock, so parallel creates queue
    # there and each reads the number the one before it left.
    detail = f"An application holds at most {cap} rounds; delete one to add another."
    ensure_room(
        db, parent=Application.id, parent_id=application.id, child=Round.application_id, limit=cap, detail=detail
    )
    # Numbers are never given twice, not even the last one after its round is deleted (decisions.md).
    sequence = application.next_round_sequence
    application.next_round_sequence = sequence + 1
    status_before = application.status
    round_ = Round(
        owner_id=application.owner_id,
        application_id=application.id,
        sequence=sequence,
        kind=body.kind,
        status=body.status,
        outcome=body.outcome,
    )
    _apply_follow_up_rules(round_, fields)
    db.add(round_)
    if application.status in (ApplicationStatus.WISHLIST, ApplicationStatus.APPLIED):
        # A scheduled interview means the application is in the interviewing stage.
        application.status = ApplicationStatus.INTERVIEWING
        application.updated_at = utcnow()
    _move_application(application, body.outcome)
    db.add(application)
    db.flush()
    # The log says what happened, in the order it happened: the outcome, then what it moved.
    activity.outcome_recorded(db, round_, None)
    activity.status_changed(db, application, status_before)
    _round_events(db, round_, "created", outcome_recorded=round_.outcome != Outcome.PENDING)
    _application_event(db, application, status_before)
    return round_


def update(db: Session, round_: Round, body: RoundUpdate, *, account_zone: str) -> Round:
    changes = body.model_dump(exclude_unset=True)
    changes = _place_in_time(changes, changes.get("time_zone", round_.time_zone))
    _check_dates(round_, changes, account_zone)
    outcome_changed = "outcome" in changes and changes["outcome"] != round_.outcome
    # The application was locked before this round (rounds/deps.py, round_to_change). Read before the
    # round changes: reading it may flush the session, and a flushed change no longer counts as one
    # in apply_changes (the round would keep its version).
    application = db.get_one(Application, round_.application_id) if outcome_changed else None
    version = round_.updated_at
    outcome_before = round_.outcome
    _apply_follow_up_rules(round_, changes)
    if application is not None:
        status_before = application.status
        _move_application(application, round_.outcome)
        db.add(application)
    round_ = apply_changes(db, round_, {})
    if outcome_changed:
        activity.outcome_recorded(db, round_, outcome_before)
    if application is not None:
        activity.status_changed(db, application, status_before)
    if round_.updated_at != version:  # a PATCH that changes nothing is no event
        _round_events(db, round_, "updated", outcome_recorded=outcome_changed and round_.outcome != Outcome.PENDING)
    if application is not None:
        _application_event(db, application, status_before)
    return round_


def record_follow_up(db: Session, round_: Round, body: FollowUpRequest | None, *, account_zone: str) -> Round:
    """A follow-up is a `call` entry of the application's log, now; the round's follow-up state
    follows it (activity/record.py, call_sets_follow_up)."""
    note = body.note if body is not None else None
    next_on = body.next_follow_up_on if body is not None else None
    occurred_at = occurred_at_of(body.occurred_at if body is not None else None, account_zone, utcnow())
    if next_on is not None and next_on < local_time.local_date(occurred_at, account_zone):
        day = local_time.format_date(local_time.local_date(occurred_at, account_zone))
        raise InvalidInput(
            "next_follow_up_on", f"must not be before the day of the call ({day})", type="date_before_call"
        )
    entry = activity.append(
        db,
        owner_id=round_.owner_id,
        application_id=round_.application_id,
        kind=ActivityKind.CALL,
        text=note or "",
        occurred_at=occurred_at,
        round_id=round_.id,
        channel=Channel.PHONE,
        next_follow_up_on=next_on,
    )
    round_ = activity.call_sets_follow_up(db, round_, entry)
    _round_events(db, round_, "updated", outcome_recorded=False)
    return round_


def delete(db: Session, round_: Round) -> None:
    owner_id, data = round_.owner_id, {"id": str(round_.id), "application_id": str(round_.application_id)}
    db.delete(round_)
    db.flush()
    webhook_events.record(db, owner_id, "round.deleted", data)
