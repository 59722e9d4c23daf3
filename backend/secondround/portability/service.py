"""Export and import of a whole account: reading it into a document, and writing a document into it.

The document itself, its checks and the id plan are pure (document.py, remap.py, spreadsheet.py);
this module only reads and writes rows. An import runs in the request's one transaction, under the
account's lock (accounts/deps.py): it all happens, or nothing does. Flushes, never commits.
"""

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from secondround.api.problems import Conflict, InvalidInput, LimitReached, PayloadTooLarge
from secondround.applications.schemas import ApplicationRead
from secondround.db.caps import Caps
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import Category
from secondround.models import (
    Application,
    ApplicationAnswer,
    Interviewer,
    Question,
    QuestionTargetRole,
    Role,
    Round,
    RoundQuestion,
    User,
    Webhook,
)
from secondround.portability.document import (
    FORMAT,
    VERSION,
    ExportDocument,
    ExportedAccount,
    ExportedAnswer,
    ExportedApplication,
    ExportedInterviewer,
    ExportedQuestion,
    ExportedRole,
    ExportedRound,
    ExportedRoundQuestion,
    header_of,
)
from secondround.portability.remap import DocumentRefused, Existing, ImportPlan, check, plan
from secondround.portability.schemas import ImportCounts, ImportSummary
from secondround.rounds.schemas import RoundRead
from secondround.webhooks import events as webhook_events


def _rows(db: Session, model: Any, *where: Any) -> list[Any]:
    order = [col(model.created_at)] + [c for c in model.__table__.primary_key.columns]
    return list(db.execute(select(model).where(*where).order_by(*order)).scalars())


def export_document(db: Session, user: User) -> ExportDocument:
    """Everything `user` made, as a version-1 document (oldest first in each list)."""
    owner = user.id
    targets: dict[uuid.UUID, list[uuid.UUID]] = {}
    for question_id, role_id in db.execute(
        select(col(QuestionTargetRole.question_id), col(QuestionTargetRole.role_id))
        .join(Question, col(Question.id) == col(QuestionTargetRole.question_id))
        .where(col(Question.owner_id) == owner)
        .order_by(col(QuestionTargetRole.question_id), col(QuestionTargetRole.role_id))
    ):
        targets.setdefault(question_id, []).append(role_id)

    def dump(model: Any, row: Any, **extra: Any) -> Any:
        fields = set(model.model_fields) - set(extra)
        return model.model_construct(**{name: getattr(row, name) for name in fields}, **extra)

    return ExportDocument.model_construct(
        format=FORMAT,
        version=VERSION,
        exported_at=utcnow(),
        account=ExportedAccount.model_construct(display_name=user.display_name, time_zone=user.time_zone),
        roles=[
            dump(ExportedRole, r, focus={Category(k): v for k, v in r.focus.items()})
            for r in _rows(db, Role, col(Role.owner_id) == owner)
        ],
        questions=[
            dump(ExportedQuestion, q, target_role_ids=targets.get(q.id, []))
            for q in _rows(db, Question, col(Question.owner_id) == owner)
        ],
        applications=[dump(ExportedApplication, a) for a in _rows(db, Application, col(Application.owner_id) == owner)],
        rounds=[dump(ExportedRound, r) for r in _rows(db, Round, col(Round.owner_id) == owner)],
        interviewers=[dump(ExportedInterviewer, p) for p in _rows(db, Interviewer, col(Interviewer.owner_id) == owner)],
        round_questions=[
            dump(ExportedRoundQuestion, e) for e in _rows(db, RoundQuestion, col(RoundQuestion.owner_id) == owner)
        ],
        application_answers=[
            dump(ExportedAnswer, a) for a in _rows(db, ApplicationAnswer, col(ApplicationAnswer.owner_id) == owner)
        ],
    )


# ---------------------------------------------------------------------------------------------- import


def read_document(raw: object) -> ExportDocument:
    """The document in a parsed JSON body, or a 422 that says what is wrong with it: another format,
    a version this server cannot read, or fields that are not valid."""
    found_format, found_version = header_of(raw)
    if found_format != FORMAT:
        raise InvalidInput(
            "format",
            f"This is not a secondround export: its format must be {FORMAT!r}. "
            "Download one with GET /api/v1/export (Settings, Your data).",
            type="wrong_format",
        )
    if isinstance(found_version, int) and not isinstance(found_version, bool) and found_version > VERSION:
        raise InvalidInput(
            "version",
            f"This document was made by a newer secondround: version {found_version}; "
            f"this server reads version {VERSION}.",
            type="version_too_new",
        )
    if found_version != VERSION:
        raise InvalidInput(
            "version",
            f"The document's version must be a whole number from 1 up; this server reads version {VERSION}.",
        )
    try:
        return ExportDocument.model_validate(raw)
    except ValidationError as exc:
        # The same 422 as a request body that fails validation (api/problem_handlers.py).
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False, include_context=True)]
        raise RequestValidationError(errors) from None


@dataclass(frozen=True)
class ImportLimits:
    """How much one document may hold (413 beyond), from the account caps (db/caps.py)."""

    caps: Caps

    def refuse_oversized(self, doc: ExportDocument) -> None:
        c = self.caps
        bank_or_own = len(doc.questions)
        checks = [
            (len(doc.applications), c.applications_per_account, "applications", "applications"),
            (bank_or_own, c.questions_per_account, "questions", "questions"),
            (len(doc.roles), c.roles_per_account, "roles", "roles"),
        ]
        per_application = Counter(r.application_id for r in doc.rounds)
        if per_application:
            checks.append(
                (max(per_application.values()), c.rounds_per_application, "rounds", "rounds in one application")
            )
        per_round = Counter(p.round_id for p in doc.interviewers)
        if per_round:
            checks.append((max(per_round.values()), c.interviewers_per_round, "people", "people in one round"))
        for count, cap, _kind, what in checks:
            if count > cap:
                raise PayloadTooLarge(
                    f"The document holds {count} {what}; an account may hold at most {cap}, so it cannot be imported."
                )


def _existing(db: Session, owner: uuid.UUID) -> Existing:
    roles = {
        name: id_ for id_, name in db.execute(select(col(Role.id), col(Role.name)).where(col(Role.owner_id) == owner))
    }
    bank: dict[tuple[str, str], list[uuid.UUID]] = {}
    for id_, direction, text in db.execute(
        select(col(Question.id), col(Question.direction), col(Question.text))
        .where(col(Question.owner_id) == owner, col(Question.application_id).is_(None))
        .order_by(col(Question.created_at), col(Question.id))
    ):
        bank.setdefault((str(direction), text), []).append(id_)
    return Existing(roles=roles, bank=bank)


def _count(db: Session, model: Any, owner: uuid.UUID) -> int:
    return db.execute(select(func.count()).select_from(model).where(col(model.owner_id) == owner)).scalar_one()


def _refuse_over_caps(db: Session, owner: uuid.UUID, ids: ImportPlan, caps: Caps) -> None:
    for model, kind, cap in (
        (Application, "applications", caps.applications_per_account),
        (Question, "questions", caps.questions_per_account),
        (Role, "roles", caps.roles_per_account),
    ):
        adding = ids.created[kind]
        if adding and _count(db, model, owner) + adding > cap:
            raise LimitReached(
                f"Importing would add {adding} {kind} to the {_count(db, model, owner)} you have; "
                f"an account may hold at most {cap}."
            )


def _refuse_taken_external_ids(db: Session, owner: uuid.UUID, doc: ExportDocument) -> None:
    for model, items, what in (
        (Application, doc.applications, "An application"),
        (Round, doc.rounds, "A round"),
    ):
        wanted = {(i.source, i.external_id) for i in items if i.source is not None and i.external_id is not None}
        if not wanted:
            continue
        taken = db.execute(
            select(col(model.source), col(model.external_id)).where(
                col(model.owner_id) == owner, col(model.external_id).in_([e for _s, e in wanted])
            )
        ).all()
        clash = sorted(wanted & {(s, e) for s, e in taken})
        if clash:
            source, external_id = clash[0]
            raise Conflict(
                f"{what} with the external id {external_id!r} from {source!r} is in your account already, and the "
                "document has it too: importing it again would make a second copy. Delete yours first, or "
                "remove the external id from the document."
            )


def _settings_change(user: User, doc: ExportDocument) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if doc.account.display_name is not None and doc.account.display_name != user.display_name:
        changes["display_name"] = doc.account.display_name
    if doc.account.time_zone != user.time_zone:
        changes["time_zone"] = doc.account.time_zone
    return changes


def _set(row: Any, values: dict[str, Any]) -> None:
    """A merged row takes the document's values; what the document leaves empty keeps the row's."""
    changed = False
    for name, value in values.items():
        if value is not None and getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated_at = utcnow()


def import_document(db: Session, user: User, raw: object, caps: Caps, *, dry_run: bool) -> ImportSummary:
    doc = read_document(raw)
    ImportLimits(caps).refuse_oversized(doc)
    try:
        check(doc)
    except DocumentRefused as refused:
        raise InvalidInput(refused.field, refused.message, type="invalid_reference") from None
    owner = user.id
    ids = plan(doc, _existing(db, owner))
    _refuse_over_caps(db, owner, ids, caps)
    _refuse_taken_external_ids(db, owner, doc)
    settings = _settings_change(user, doc)
    summary = ImportSummary(
        dry_run=dry_run,
        created=ImportCounts(**{k: ids.created[k] for k in ImportCounts.model_fields}),
        merged_roles=ids.merged_counts["roles"],
        merged_questions=ids.merged_counts["questions"],
        settings_changed=sorted(settings),
    )
    if not dry_run:
        made = _write(db, user, doc, ids, settings)
        _announce(db, owner, made)
    return summary


def _announce(db: Session, owner: uuid.UUID, made: list[Any]) -> None:
    """`application.created` and `round.created` for what the import made, to the account's active
    webhooks that take them (one look-up of the endpoints, not one per row). No `outcome_recorded`:
    an imported outcome is history, not news."""
    endpoints = db.execute(
        select(col(Webhook.id), col(Webhook.events)).where(
            col(Webhook.owner_id) == owner, col(Webhook.active).is_(True)
        )
    ).all()
    if not endpoints:
        return
    for row in made:
        if isinstance(row, Application):
            event, data = "application.created", webhook_events.data_of(ApplicationRead, row)
        elif isinstance(row, Round):
            event, data = "round.created", webhook_events.data_of(RoundRead, row)
        else:
            continue
        targets = [webhook_id for webhook_id, events in endpoints if webhook_events.takes(events, event)]
        if targets:
            webhook_events.enqueue(db, targets, event, data)


def _write(db: Session, user: User, doc: ExportDocument, ids: ImportPlan, settings: dict[str, Any]) -> list[Any]:
    """Write the document's rows; returns every row made (in order: applications before their rounds)."""
    # The session's identity map holds rows weakly: kept here, the new applications and rounds stay in
    # it, so the change feed's parent bumps (changes/capture.py) find them without a query per child.
    kept: list[Any] = []

    def add(rows: Iterable[Any]) -> None:
        made = list(rows)
        kept.extend(made)
        db.add_all(made)

    owner = user.id
    m = ids.ids
    if settings:
        _set(user, settings)
        db.add(user)

    merged_roles = {m[r.id]: r for r in doc.roles if r.id in ids.merged}
    for row in db.execute(select(Role).where(col(Role.id).in_(list(merged_roles)))).scalars():
        r = merged_roles[row.id]
        _set(row, {"goals": r.goals, "focus": {str(k): v for k, v in r.focus.items()} or None, "deciding": r.deciding})
    add(
        Role(
            id=m[r.id],
            owner_id=owner,
            name=r.name,
            goals=r.goals,
            focus={str(k): v for k, v in r.focus.items()},
            deciding=r.deciding,
            created_at=r.created_at,
        )
        for r in doc.roles
        if r.id not in ids.merged
    )
    last_sequence: dict[uuid.UUID, int] = {}
    for round_ in doc.rounds:
        last_sequence[round_.application_id] = max(last_sequence.get(round_.application_id, 0), round_.sequence)
    add(
        Application(
            id=m[a.id],
            owner_id=owner,
            **a.model_dump(exclude={"id", "updated_at"}),
            next_round_sequence=last_sequence.get(a.id, 0) + 1,
        )
        for a in doc.applications
    )
    db.flush()

    question_fields = {"id", "application_id", "target_role_ids", "updated_at", "created_at", "direction", "text"}
    merged_questions = {m[q.id]: q for q in doc.questions if q.id in ids.merged}
    for row in db.execute(select(Question).where(col(Question.id).in_(list(merged_questions)))).scalars():
        q = merged_questions[row.id]
        _set(row, q.model_dump(exclude=question_fields))
    if merged_questions:
        db.execute(delete(QuestionTargetRole).where(col(QuestionTargetRole.question_id).in_(list(merged_questions))))
    add(
        Question(
            id=m[q.id],
            owner_id=owner,
            application_id=m[q.application_id] if q.application_id else None,
            **q.model_dump(exclude=question_fields - {"created_at", "direction", "text"}),
        )
        for q in doc.questions
        if q.id not in ids.merged
    )
    db.flush()
    add(QuestionTargetRole(question_id=m[q.id], role_id=m[role]) for q in doc.questions for role in q.target_role_ids)
    add(
        Round(
            id=m[r.id],
            owner_id=owner,
            application_id=m[r.application_id],
            **r.model_dump(exclude={"id", "application_id", "updated_at"}),
        )
        for r in doc.rounds
    )
    db.flush()
    add(
        Interviewer(
            id=m[p.id],
            owner_id=owner,
            round_id=m[p.round_id],
            role_id=m[p.role_id] if p.role_id else None,
            **p.model_dump(exclude={"id", "round_id", "role_id", "updated_at"}),
        )
        for p in doc.interviewers
    )
    db.flush()

    def person(ref: uuid.UUID | None) -> uuid.UUID | None:
        return m[ref] if ref is not None else None

    add(
        RoundQuestion(
            round_id=m[e.round_id],
            question_id=m[e.question_id],
            owner_id=owner,
            interviewer_id=person(e.interviewer_id),
            marked_for_interviewer_id=person(e.marked_for_interviewer_id),
            **e.model_dump(
                exclude={"round_id", "question_id", "interviewer_id", "marked_for_interviewer_id", "updated_at"}
            ),
        )
        for e in doc.round_questions
    )
    add(
        ApplicationAnswer(
            application_id=m[a.application_id],
            question_id=m[a.question_id],
            owner_id=owner,
            answer=a.answer,
            created_at=a.created_at,
        )
        for a in doc.application_answers
    )
    db.flush()
    return kept
