"""Checking an export document and planning its import: pure (no database, no HTTP).

`check` refuses a document whose references dangle or whose items repeat; `plan` decides, for every
export-local id, the id it gets in the account: a new one, or (roles and bank questions) the id of
what the account has already under the same name, so the starter roles and starter bank every
account gets at registration are merged instead of duplicated (docs/decisions.md, "Export and import").
"""

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from secondround.portability.document import ExportDocument

T = TypeVar("T")


class DocumentRefused(Exception):
    """The document cannot be imported as it is: `field` says where (a JSON path), `message` why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _first_repeat(items: Iterable[T], key: Callable[[T], Hashable]) -> tuple[int, T] | None:
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        k = key(item)
        if k in seen:
            return index, item
        seen.add(k)
    return None


def _no_repeats(kind: str, items: list[T], key: Callable[[T], Hashable], what: Callable[[T], str]) -> None:
    found = _first_repeat(items, key)
    if found is not None:
        index, item = found
        raise DocumentRefused(f"{kind}.{index}", f"The document has {what(item)} twice.")


def check(doc: ExportDocument) -> None:
    """Refuse (DocumentRefused) repeated items and references to items the document does not hold."""
    _no_repeats("roles", doc.roles, lambda r: r.id, lambda r: f"the role id {r.id}")
    _no_repeats("roles", doc.roles, lambda r: r.name, lambda r: f"a role named {r.name!r}")
    _no_repeats("questions", doc.questions, lambda q: q.id, lambda q: f"the question id {q.id}")
    _no_repeats("applications", doc.applications, lambda a: a.id, lambda a: f"the application id {a.id}")
    _no_repeats(
        "applications",
        [a for a in doc.applications if a.source is not None and a.external_id is not None],
        lambda a: (a.source, a.external_id),
        lambda a: f"an application with the external id {a.external_id!r} from {a.source!r}",
    )
    _no_repeats("rounds", doc.rounds, lambda r: r.id, lambda r: f"the round id {r.id}")
    _no_repeats(
        "rounds",
        doc.rounds,
        lambda r: (r.application_id, r.sequence),
        lambda r: f"round number {r.sequence} of one application",
    )
    _no_repeats(
        "rounds",
        [r for r in doc.rounds if r.source is not None and r.external_id is not None],
        lambda r: (r.source, r.external_id),
        lambda r: f"a round with the external id {r.external_id!r} from {r.source!r}",
    )
    _no_repeats("interviewers", doc.interviewers, lambda p: p.id, lambda p: f"the person id {p.id}")
    _no_repeats(
        "round_questions",
        doc.round_questions,
        lambda e: (e.round_id, e.question_id),
        lambda e: f"the question {e.question_id} in round {e.round_id}",
    )
    _no_repeats(
        "application_answers",
        doc.application_answers,
        lambda a: (a.application_id, a.question_id),
        lambda a: f"an answer to the question {a.question_id} for application {a.application_id}",
    )

    roles = {r.id for r in doc.roles}
    applications = {a.id for a in doc.applications}
    question_app = {q.id: q.application_id for q in doc.questions}
    round_app = {r.id: r.application_id for r in doc.rounds}
    person_round = {p.id: p.round_id for p in doc.interviewers}

    def missing(path: str, what: str, ref: uuid.UUID) -> DocumentRefused:
        return DocumentRefused(path, f"It refers to {what} {ref}, which the document does not hold.")

    for i, a in enumerate(doc.applications):
        if a.salary_min is not None and a.salary_max is not None and a.salary_min > a.salary_max:
            raise DocumentRefused(f"applications.{i}.salary_min", "The lowest salary is more than the highest.")
    for i, q in enumerate(doc.questions):
        if q.application_id is not None and q.application_id not in applications:
            raise missing(f"questions.{i}.application_id", "the application", q.application_id)
        for j, role in enumerate(q.target_role_ids):
            if role not in roles:
                raise missing(f"questions.{i}.target_role_ids.{j}", "the role", role)
        _no_repeats(f"questions.{i}.target_role_ids", q.target_role_ids, lambda r: r, lambda r: f"the role {r}")
    for i, r in enumerate(doc.rounds):
        if r.application_id not in applications:
            raise missing(f"rounds.{i}.application_id", "the application", r.application_id)
    for i, p in enumerate(doc.interviewers):
        if p.round_id not in round_app:
            raise missing(f"interviewers.{i}.round_id", "the round", p.round_id)
        if p.role_id is not None and p.role_id not in roles:
            raise missing(f"interviewers.{i}.role_id", "the role", p.role_id)
    for i, e in enumerate(doc.round_questions):
        if e.round_id not in round_app:
            raise missing(f"round_questions.{i}.round_id", "the round", e.round_id)
        if e.question_id not in question_app:
            raise missing(f"round_questions.{i}.question_id", "the question", e.question_id)
        own = question_app[e.question_id]
        if own is not None and own != round_app[e.round_id]:
            raise DocumentRefused(
                f"round_questions.{i}.question_id",
                "It puts a question written for one application in a round of another.",
            )
        for name in ("interviewer_id", "marked_for_interviewer_id"):
            person = getattr(e, name)
            if person is None:
                continue
            if person not in person_round:
                raise missing(f"round_questions.{i}.{name}", "the person", person)
            if person_round[person] != e.round_id:
                raise DocumentRefused(f"round_questions.{i}.{name}", "It names a person of another round.")
    for i, ans in enumerate(doc.application_answers):
        if ans.application_id not in applications:
            raise missing(f"application_answers.{i}.application_id", "the application", ans.application_id)
        if ans.question_id not in question_app:
            raise missing(f"application_answers.{i}.question_id", "the question", ans.question_id)
        own = question_app[ans.question_id]
        if own is not None and own != ans.application_id:
            raise DocumentRefused(
                f"application_answers.{i}.question_id",
                "It answers a question written for one application in another application.",
            )


@dataclass(frozen=True)
class Existing:
    """What the account holds already that an import merges with: its roles by name, and its bank
    questions (no application) by direction and text, oldest first."""

    roles: dict[str, uuid.UUID]
    bank: dict[tuple[str, str], list[uuid.UUID]]


@dataclass
class ImportPlan:
    ids: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # export-local id -> id in the account
    merged: set[uuid.UUID] = field(default_factory=set)  # export-local ids of merged roles and questions
    created: Counter[str] = field(default_factory=Counter)
    merged_counts: Counter[str] = field(default_factory=Counter)

    def new(self, kind: str, old: uuid.UUID | None = None) -> uuid.UUID:
        made = uuid.uuid4()
        if old is not None:
            self.ids[old] = made
        self.created[kind] += 1
        return made


def plan(doc: ExportDocument, existing: Existing) -> ImportPlan:
    """New ids for everything but roles with a name the account has and bank questions with a
    direction and text it has: those map to the account's own (each account question at most once)."""
    out = ImportPlan()
    for role in doc.roles:
        if role.name in existing.roles:
            out.ids[role.id] = existing.roles[role.name]
            out.merged.add(role.id)
            out.merged_counts["roles"] += 1
        else:
            out.new("roles", role.id)
    free: dict[tuple[str, str], list[uuid.UUID]] = defaultdict(list, {k: list(v) for k, v in existing.bank.items()})
    for question in doc.questions:
        key = (str(question.direction), question.text)
        if question.application_id is None and free[key]:
            out.ids[question.id] = free[key].pop(0)
            out.merged.add(question.id)
            out.merged_counts["questions"] += 1
        else:
            out.new("questions", question.id)
    for kind in ("applications", "rounds", "interviewers"):
        for item in getattr(doc, kind):
            out.new(kind, item.id)
    out.created["round_questions"] += len(doc.round_questions)
    out.created["application_answers"] += len(doc.application_answers)
    return out
