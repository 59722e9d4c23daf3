"""Applications: fields, create/read/update/delete, ETags, and the cascade to rounds and below."""

import uuid

import pytest
from sqlalchemy import func, select

from secondround.api.app_state import app_state
from secondround.models import RoundQuestion
from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round

FIELDS = {
    "id",
    "external_id",
    "description",
    "applied_on",
    "posted_on",
    "closes_on",
    "company",
    "position",
    "job_url",
    "location",
    "source",
    "status",
    "salary_min",
    "salary_max",
    "salary_currency",
    "company_research",
    "notes",
    "created_at",
    "updated_at",
    "etag",
}


@pytest.fixture
def user(module_user):
    """Tests here only ever look at what they made themselves, so one account serves them all."""
    return module_user


FULL = {
    "company": "Initech",
    "position": "Backend engineer",
    "job_url": "https://jobs.example.com/42",
    "location": "Lisbon",
    "source": "A job board",
    "status": "interviewing",
    "salary_min": 50_000,
    "salary_max": 65_000,
    "salary_currency": "eur",
    "company_research": "# Initech\nMakes TPS reports.",
    "notes": "Referred by Sam.",
}


def test_create_returns_201_location_etag_and_exact_fields(user):
    r = user.post("/api/v1/applications", json=FULL)
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == FIELDS
    assert r.headers["location"] == f"/api/v1/applications/{body['id']}"
    assert r.headers["etag"].startswith('"')
    assert uuid.UUID(body["id"])
    assert {k: body[k] for k in FULL} == FULL | {"salary_currency": "EUR"}

    got = user.get(r.headers["location"])
    assert got.status_code == 200 and got.json() == body
    assert got.headers["etag"] == r.headers["etag"]


def test_defaults(user):
    body = create_application(user)
    assert body["status"] == "applied"
    assert all(
        body[k] is None
        for k in (
            "job_url",
            "location",
            "source",
            "salary_min",
            "salary_max",
            "salary_currency",
            "company_research",
            "notes",
        )
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"company": ""}, "company"),
        ({"company": "   "}, "company"),
        ({"position": None}, "position"),
        ({"status": "hired"}, "status"),
        ({"job_url": "javascript:alert(1)"}, "job_url"),
        ({"salary_min": -1}, "salary_min"),
        ({"salary_min": 10**30}, "salary_min"),
        ({"salary_currency": "euro"}, "salary_currency"),
        ({"company": "x" * 201}, "company"),
        ({"notes": "a\x00b"}, "notes"),
    ],
)
def test_create_validates_fields(user, fields, field):
    marker = f"Invalid {uuid.uuid4().hex}"
    r = user.post("/api/v1/applications", json={"company": "Acme", "position": marker, **fields})
    problem = assert_problem(r, 422)
    assert any(e["field"] == field for e in problem["errors"]), problem
    assert user.get("/api/v1/applications", params={"q": marker}).json()["items"] == []


def test_salary_range_must_be_ordered(user):
    assert_problem(
        user.post("/api/v1/applications", json={"company": "A", "position": "B", "salary_min": 9, "salary_max": 1}), 422
    )
    application = create_application(user, salary_min=10, salary_max=20)
    url = f"/api/v1/applications/{application['id']}"
    problem = assert_problem(user.patch(url, json={"salary_min": 30}), 422)
    assert problem["errors"][0]["field"] == "salary_min"
    assert user.patch(url, json={"salary_min": 15, "salary_max": 15}).status_code == 200


def test_patch_changes_only_the_fields_sent(user):
    application = create_application(user, **FULL)
    url = f"/api/v1/applications/{application['id']}"
    r = user.patch(url, json={"status": "offer", "notes": None})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "offer" and body["notes"] is None
    assert {k: body[k] for k in FIELDS - {"status", "notes", "updated_at", "etag"}} == {
        k: application[k] for k in FIELDS - {"status", "notes", "updated_at", "etag"}
    }
    assert body["updated_at"] > application["updated_at"]
    assert r.headers["etag"] == user.get(url).headers["etag"]


@pytest.mark.parametrize("body", [{"company": None}, {"status": None}, {"company": ""}])
def test_patch_refuses_null_or_blank_required_text(user, body):
    application = create_application(user)
    url = f"/api/v1/applications/{application['id']}"
    assert_problem(user.patch(url, json=body), 422)
    assert user.get(url).json() == application


def test_if_match_on_patch_and_delete(user):
    application = create_application(user)
    url = f"/api/v1/applications/{application['id']}"
    etag = user.get(url).headers["etag"]

    assert_problem(user.patch(url, json={"notes": "x"}, headers={"If-Match": '"stale"'}), 412)
    assert user.get(url).json()["notes"] is None
    r = user.patch(url, json={"notes": "x"}, headers={"If-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag
    assert_problem(user.patch(url, json={"notes": "y"}, headers={"If-Match": etag}), 412)  # now stale
    assert_problem(user.delete(url, headers={"If-Match": etag}), 412)
    assert user.get(url).status_code == 200
    assert user.delete(url, headers={"If-Match": r.headers["etag"]}).status_code == 204
    assert_problem(user.get(url), 404)


def test_delete_returns_204_and_then_404(user):
    url = f"/api/v1/applications/{create_application(user)['id']}"
    r = user.delete(url)
    assert r.status_code == 204 and r.content == b""
    assert_problem(user.get(url), 404)
    assert_problem(user.delete(url), 404)
    assert_problem(user.patch(url, json={"notes": "x"}), 404)


def test_deleting_an_application_deletes_its_rounds_interviewers_and_round_questions(app, user):
    application = create_application(user)
    kept = create_application(user, company="Kept")
    rounds = [create_round(user, application["id"]) for _ in range(2)]
    kept_round = create_round(user, kept["id"])
    interviewers = [create_interviewer(user, r["id"]) for r in rounds]
    question = create_question(user)
    for r in rounds + [kept_round]:
        assert user.put(f"/api/v1/rounds/{r['id']}/questions/{question['id']}", json={}).status_code == 201

    assert user.delete(f"/api/v1/applications/{application['id']}").status_code == 204

    assert_problem(user.get(f"/api/v1/applications/{application['id']}/rounds"), 404)
    for r in rounds:
        assert_problem(user.get(f"/api/v1/rounds/{r['id']}"), 404)
        assert_problem(user.get(f"/api/v1/rounds/{r['id']}/questions"), 404)
    for i in interviewers:
        assert_problem(user.get(f"/api/v1/interviewers/{i['id']}"), 404)
    with app_state(app).engine.connect() as connection:
        left = connection.execute(
            select(func.count())
            .select_from(RoundQuestion)
            .where(RoundQuestion.round_id.in_([uuid.UUID(r["id"]) for r in rounds]))
        ).scalar()
    assert left == 0
    # The question itself and the other application's round entry stay.
    assert user.get(f"/api/v1/questions/{question['id']}").status_code == 200
    assert [e["question_id"] for e in user.get(f"/api/v1/rounds/{kept_round['id']}/questions").json()["items"]] == [
        question["id"]
    ]


def test_list_is_oldest_first_with_filters(make_user):
    user = make_user("lists")  # a fresh account, so the list holds exactly what this test made
    first = create_application(user, company="ACME Corp", position="Designer", status="wishlist")
    second = create_application(user, company="Globex", position="Acme liaison")
    third = create_application(user, company="100% Remote", position="Dev_ops", status="offer")

    def ids(**params):
        r = user.get("/api/v1/applications", params=params)
        assert r.status_code == 200, r.text
        return [a["id"] for a in r.json()["items"]]

    assert ids() == [first["id"], second["id"], third["id"]]
    assert ids(status="wishlist") == [first["id"]]
    assert ids(q="acme") == [first["id"], second["id"]]  # company or position, any case
    assert ids(q="%") == [third["id"]]  # LIKE wildcards are taken literally
    assert ids(q="_") == [third["id"]]
    assert ids(q="acme", status="applied") == [second["id"]]
    assert ids(q="nothing like it") == []
    assert_problem(user.get("/api/v1/applications", params={"status": "hired"}), 422)
