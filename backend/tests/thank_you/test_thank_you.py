"""Thank-you notes (issue 19, item 4): a draft per person after the round, from the debrief, the
questions asked and the notes; marked sent once, with the words as sent; readiness says who is left."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_question, create_round

NOW = datetime.now(UTC).replace(microsecond=0)


def _notes(user, round_: dict) -> dict:
    r = user.get(f"/api/v1/rounds/{round_['id']}/thank-you-notes")
    assert r.status_code == 200, r.text
    return r.json()


def _sent_url(round_: dict, person: dict) -> str:
    return f"/api/v1/rounds/{round_['id']}/thank-you-notes/{person['id']}/sent"


def _round(user, start: datetime | None, **fields):
    application = create_application(user, company="Northwind", position="Data analyst")
    extra = {"scheduled_at": start.isoformat(), "duration_minutes": 60} if start else {}
    return create_round(user, application["id"], **extra, **fields)


def test_before_the_round_the_drafts_are_shown_with_a_plain_explanation_and_cannot_be_marked_sent(user):
    round_ = _round(user, NOW + timedelta(days=1))
    dana = create_interviewer(user, round_["id"], name="Dana Ortega", email="dana@northwind.example.com")
    body = _notes(user, round_)
    assert body["window"] == "not_yet" and body["explanation"].startswith("Thank-you notes open after the round")
    assert [n["name"] for n in body["notes"]] == ["Dana Ortega"] and body["not_thanked"] == ["Dana Ortega"]
    problem = assert_problem(user.post(_sent_url(round_, dana), json={}), 409)
    assert "open after the round" in problem["detail"]


def test_after_the_round_a_draft_per_person_from_what_was_recorded(user):
    round_ = _round(user, NOW - timedelta(hours=3))
    dana = create_interviewer(
        user, round_["id"], name="Dana Ortega", greeting="Ms. Ortega", email="dana@northwind.example.com"
    )
    create_interviewer(user, round_["id"], name="Cancelled Person", cancelled=True)
    question = create_question(user, text="What does success look like in six months?")
    r = user.put(
        f"/api/v1/rounds/{round_['id']}/questions/{question['id']}",
        json={"status": "answered", "answer_notes": "the billing migration", "marked_for_interviewer_id": dana["id"]},
    )
    assert r.status_code in (200, 201), r.text
    user.put(f"/api/v1/interviewers/{dana['id']}/debrief", json={"cared_about": "on-call", "next_steps": "CTO call"})

    body = _notes(user, round_)
    assert body["window"] == "open" and body["late_after"] is not None
    (note,) = body["notes"]  # the cancelled meeting has none
    assert note["subject"] == "Thank you: Data analyst interview at Northwind"
    assert note["body"].startswith("Dear Ms. Ortega,")
    assert "on-call" in note["body"] and "the billing migration" in note["body"] and "CTO call" in note["body"]
    parts = urlsplit(note["mailto"])
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and parts.path == "dana@northwind.example.com"
    assert query["subject"] == [note["subject"]] and query["body"] == [note["body"].replace("\n", "\r\n")]
    assert note["sent"] is None


def test_marking_sent_keeps_the_words_as_sent_and_a_repeat_changes_nothing(user):
    round_ = _round(user, NOW - timedelta(hours=30))
    dana = create_interviewer(user, round_["id"], name="Dana")
    olu = create_interviewer(user, round_["id"], name="Olu")
    assert _notes(user, round_)["window"] == "late"

    sent_at = (NOW - timedelta(hours=1)).isoformat()
    r = user.post(
        _sent_url(round_, dana), json={"subject": "Thanks!", "body": "Dear Dana,\nThank you.", "sent_at": sent_at}
    )
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["subject"] == "Thanks!" and first["body"] == "Dear Dana,\nThank you."
    assert first["round_id"] == round_["id"] and r.headers["etag"] == first["etag"]
    assert datetime.fromisoformat(first["sent_at"]) == datetime.fromisoformat(sent_at)

    r = user.post(_sent_url(round_, dana), json={"subject": "Other"})
    assert r.status_code == 200 and r.json() == first

    # Left out: the draft's words, now.
    r = user.post(_sent_url(round_, olu), json={})
    assert r.status_code == 201 and r.json()["body"].startswith("Dear Olu,")
    body = _notes(user, round_)
    assert body["not_thanked"] == [] and body["notes"][0]["sent"] == first

    # The application's log has one entry per note sent (the repeat added none), when it was sent.
    log = user.get(f"/api/v1/applications/{round_['application_id']}/activity", params={"kind": "thank_you"})
    entries = log.json()["items"]
    assert sorted(e["interviewer_id"] for e in entries) == sorted([dana["id"], olu["id"]])
    dana_entry = next(e for e in entries if e["interviewer_id"] == dana["id"])
    assert dana_entry["text"] == "Thank-you note sent to Dana: Thanks!" and dana_entry["channel"] == "email"
    assert datetime.fromisoformat(dana_entry["occurred_at"]) == datetime.fromisoformat(sent_at)


def test_marking_sent_for_someone_of_another_round_or_account_is_404(user, other_user):
    round_ = _round(user, NOW - timedelta(hours=3))
    elsewhere = _round(user, NOW - timedelta(hours=3))
    stranger = create_interviewer(user, elsewhere["id"])
    assert_problem(user.post(_sent_url(round_, stranger), json={}), 404)
    dana = create_interviewer(user, round_["id"])
    assert_problem(other_user.post(_sent_url(round_, dana), json={}), 404)
    assert_problem(other_user.get(f"/api/v1/rounds/{round_['id']}/thank-you-notes"), 404)


def test_readiness_after_the_round_lists_who_has_not_been_thanked(user):
    round_ = _round(user, NOW - timedelta(hours=3))
    dana = create_interviewer(user, round_["id"], name="Dana")
    create_interviewer(user, round_["id"], name="Olu")

    def item():
        items = {i["key"]: i for i in user.get(f"/api/v1/rounds/{round_['id']}/readiness").json()["items"]}
        return items["thank_you_notes_sent"]

    found = item()
    assert not found["done"] and found["next_step"].startswith("Send a thank-you note to Dana and Olu")
    assert user.post(_sent_url(round_, dana), json={}).status_code == 201
    assert item()["next_step"].startswith("Send a thank-you note to Olu")

    # Before a round, the item is not on its list.
    upcoming = _round(user, NOW + timedelta(days=3))
    create_interviewer(user, upcoming["id"])
    keys = [i["key"] for i in user.get(f"/api/v1/rounds/{upcoming['id']}/readiness").json()["items"]]
    assert "thank_you_notes_sent" not in keys and len(keys) == 9
