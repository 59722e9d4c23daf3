"""The pure parts of export and import: the id plan (merging by name), the checks, the spreadsheet cells."""

import uuid

import pytest

from secondround.portability.document import ExportDocument
from secondround.portability.remap import DocumentRefused, Existing, check, plan
from secondround.portability.spreadsheet import rows, safe_cell

pytestmark = pytest.mark.pure

STAMP = "2026-11-01T10:00:00Z"


def _question(text: str, application_id: str | None = None) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "application_id": application_id,
        "direction": "ask",
        "text": text,
        "category": "teamwork",
        "created_at": STAMP,
        "updated_at": STAMP,
    }


def _doc(**kinds: list) -> ExportDocument:
    return ExportDocument.model_validate(
        {"format": "secondround-export", "version": 1, "exported_at": STAMP, "account": {}, **kinds}
    )


def test_bank_questions_merge_one_to_one_and_own_questions_never_merge():
    app = {
        "id": str(uuid.uuid4()),
        "company": "A",
        "position": "B",
        "status": "applied",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    twice = [_question("Same?"), _question("Same?"), _question("Same?", app["id"])]
    role = {"id": str(uuid.uuid4()), "name": "HR", "created_at": STAMP, "updated_at": STAMP}
    doc = _doc(questions=twice, applications=[app], roles=[role])
    mine, hr = uuid.uuid4(), uuid.uuid4()
    ids = plan(doc, Existing(roles={"HR": hr}, bank={("ask", "Same?"): [mine]}))
    first, second, own = (uuid.UUID(q["id"]) for q in twice)
    assert ids.ids[first] == mine and first in ids.merged
    assert ids.ids[second] != mine and second not in ids.merged
    assert ids.ids[own] not in (mine, ids.ids[second]) and own not in ids.merged
    assert ids.ids[uuid.UUID(role["id"])] == hr
    assert (ids.created["questions"], ids.merged_counts["questions"], ids.merged_counts["roles"]) == (2, 1, 1)


def test_a_question_of_one_application_in_another_applications_answer_is_refused():
    apps = [
        {
            "id": str(uuid.uuid4()),
            "company": c,
            "position": "B",
            "status": "applied",
            "created_at": STAMP,
            "updated_at": STAMP,
        }
        for c in ("A", "C")
    ]
    own = _question("Only for A", apps[0]["id"])
    answer = {
        "application_id": apps[1]["id"],
        "question_id": own["id"],
        "answer": "x",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    with pytest.raises(DocumentRefused) as refused:
        check(_doc(applications=apps, questions=[own], application_answers=[answer]))
    assert refused.value.field == "application_answers.0.question_id"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+47 22 00 00 00", "'+47 22 00 00 00"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Acme", "Acme"),
        (None, ""),
        ("Zoë", "Zoë"),
    ],
)
def test_cells_a_spreadsheet_would_run_start_with_an_apostrophe(cell, shown):
    assert safe_cell(cell) == shown


def test_an_application_without_rounds_is_one_row():
    app = {
        "id": str(uuid.uuid4()),
        "company": "=cmd",
        "position": "B",
        "status": "wishlist",
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    header, row = rows(_doc(applications=[app]))
    assert len(row) == len(header) and row[0] == "'=cmd" and row[6] == "Wishlist" and row[7] == ""
