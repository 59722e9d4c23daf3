"""From one round to the next: the people you were told you will meet next become the next round's
panel (docs/decisions.md, "From round 1 to round 2"). Flushes, never commits.

The next round is the application's first round after this one; when there is none it is made
(unscheduled, in this round's zone), so the answer to "who will I meet next?" is kept as people,
not as a note to type again. Once that round has a panel, the plan stops asking who comes next."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from secondround.api.problems import Conflict, InvalidInput
from secondround.helpers.vocabulary import RoundKind
from secondround.interviewers import service as interviewers
from secondround.interviewers.schemas import InterviewerCreate
from secondround.models import Application, Interviewer, Role, Round
from secondround.rounds import service as rounds
from secondround.rounds.schemas import NextPanelCreate, RoundCreate

# The kind a new next round gets, from the kind of the round before it.
_NEXT_KIND = {RoundKind.SCREEN: RoundKind.FIRST, RoundKind.FIRST: RoundKind.SECOND}


@dataclass(frozen=True)
class NextPanel:
    round: Round
    round_created: bool
    added: list[Interviewer]
    already_there: list[str]


def _check_roles(db: Session, round_: Round, body: NextPanelCreate) -> None:
    """Every role named must be the caller's: a 422 on the person's `role_id` otherwise."""
    named = {p.role_id for p in body.people if p.role_id is not None}
    owned = (
        set(
            db.execute(
                select(col(Role.id))
                .where(col(Role.owner_id) == round_.owner_id, col(Role.id).in_(sorted(named, key=str)))
                .with_for_update(read=True, key_share=True)  # FOR KEY SHARE: not deleted meanwhile
            ).scalars()
        )
        if named
        else set()
    )
    for index, person in enumerate(body.people):
        if person.role_id is not None and person.role_id not in owned:
            raise InvalidInput(
                f"people.{index}.role_id",
                f"must be one of your roles; there is no role with id {person.role_id}",
                type="unknown_role",
            )


def _next_round(db: Session, round_: Round) -> Round | None:
    return db.scalars(
        select(Round)
        .where(col(Round.application_id) == round_.application_id, col(Round.sequence) > round_.sequence)
        .order_by(col(Round.sequence))
        .limit(1)
    ).first()


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def add_next_panel(
    db: Session,
    round_: Round,
    body: NextPanelCreate,
    *,
    rounds_cap: int,
    interviewers_cap: int,
) -> NextPanel:
    """Add the people to the next round's panel (made when missing), after anyone already on it;
    a name already on that panel is not added twice. The application is locked (the caller's
    `RoundToChange`), so two such requests queue and never make two next rounds."""
    if round_.kind == RoundKind.FINAL:
        raise Conflict("This is the final round: there is no next round to meet people in.")
    _check_roles(db, round_, body)
    application = db.get_one(Application, round_.application_id)  # locked first, by RoundToChange
    following = _next_round(db, round_)
    created = following is None
    if following is None:
        following = rounds.create(
            db,
            application,
            RoundCreate(kind=_NEXT_KIND.get(RoundKind(round_.kind), RoundKind.OTHER), time_zone=round_.time_zone),
            cap=rounds_cap,
            account_zone=round_.time_zone,
        )
    present = {
        _key(name)
        for name in db.execute(select(col(Interviewer.name)).where(col(Interviewer.round_id) == following.id)).scalars()
    }
    added: list[Interviewer] = []
    already_there: list[str] = []
    for person in body.people:
        if _key(person.name) in present:
            already_there.append(person.name)
            continue
        present.add(_key(person.name))
        added.append(
            interviewers.create(
                db,
                following,
                InterviewerCreate(name=person.name, title=person.title, role_id=person.role_id),
                cap=interviewers_cap,
            )
        )
    return NextPanel(following, created, added, already_there)
