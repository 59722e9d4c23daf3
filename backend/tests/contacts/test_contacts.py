"""/api/v1/contacts, and interviewers linked to the contact they are across rounds and applications."""

from tests.support.assertions import assert_problem
from tests.support.builders import create_application, create_interviewer, create_round

URL = "/api/v1/contacts"


def test_crud_with_etags_and_ownership(user, other_user):
    r = user.post(URL, json={"name": "Dana Ortega", "email": "Dana@Initech.example.com", "phone": "+1 555 0100 x 12"})
    assert r.status_code == 201, r.text
    contact = r.json()
    assert r.headers["Location"] == f"{URL}/{contact['id']}" and r.headers["ETag"] == contact["etag"]
    assert contact["email"] == "dana@initech.example.com"
    got = user.get(f"{URL}/{contact['id']}").json()
    assert got["appearances"] == [] and got["activity"] == [] and got["activity_more"] is False
    assert got["etag"] == contact["etag"]
    assert_problem(user.patch(f"{URL}/{contact['id']}", json={"title": "VP"}, headers={"If-Match": '"stale"'}), 412)
    changed = user.patch(
        f"{URL}/{contact['id']}", json={"title": "VP", "phone": None}, headers={"If-Match": contact["etag"]}
    )
    assert changed.status_code == 200 and changed.json()["title"] == "VP" and changed.json()["phone"] is None
    for call in (
        other_user.get(f"{URL}/{contact['id']}"),
        other_user.patch(f"{URL}/{contact['id']}", json={"title": "x"}),
        other_user.delete(f"{URL}/{contact['id']}"),
    ):
        assert_problem(call, 404)
    assert other_user.get(URL).json()["items"] == []
    assert [c["id"] for c in user.get(URL, params={"q": "initech"}).json()["items"]] == [contact["id"]]
    assert user.delete(f"{URL}/{contact['id']}").status_code == 204
    assert_problem(user.get(f"{URL}/{contact['id']}"), 404)


def test_the_same_person_in_round_one_and_round_three_is_one_contact(user):
    application = create_application(user, company="Initech")
    first, _, third = (create_round(user, application["id"]) for _ in range(3))
    met = create_interviewer(user, first["id"], name="Dana Ortega", email="dana@initech.example.com")
    again = create_interviewer(user, third["id"], name="Dana O.", email="DANA@initech.example.com")
    assert met["contact_id"] and again["contact_id"] == met["contact_id"]
    # Without an email: the same name at the same company (any case, extra spaces) is the same person.
    bill = create_interviewer(user, first["id"], name="Bill  Lumbergh")
    assert create_interviewer(user, third["id"], name="bill lumbergh")["contact_id"] == bill["contact_id"]
    # The same name at another company is someone else.
    elsewhere = create_round(user, create_application(user, company="Globex")["id"])
    assert create_interviewer(user, elsewhere["id"], name="Bill Lumbergh")["contact_id"] != bill["contact_id"]
    # A later sighting teaches the contact a phone number it did not have; it never overwrites.
    create_interviewer(user, third["id"], name="Pat", email="pat@initech.example.com", phone="+1 555 0101")
    dana = user.get(f"{URL}/{met['contact_id']}").json()
    assert dana["company"] == "Initech" and dana["name"] == "Dana Ortega"
    assert [(a["round_id"], a["round_sequence"]) for a in dana["appearances"]] == [(first["id"], 1), (third["id"], 3)]
    assert {a["application_id"] for a in dana["appearances"]} == {application["id"]}


def test_editing_an_interviewers_email_finds_the_contact_again_and_contact_id_can_be_chosen(user, other_user):
    application = create_application(user, company="Initech")
    round_ = create_round(user, application["id"])
    dana = create_interviewer(user, round_["id"], name="Dana", email="dana@initech.example.com")
    stranger = create_interviewer(user, round_["id"], name="Someone")
    assert stranger["contact_id"] != dana["contact_id"]
    r = user.patch(f"/api/v1/interviewers/{stranger['id']}", json={"email": "dana@initech.example.com"})
    assert r.status_code == 200 and r.json()["contact_id"] == dana["contact_id"]
    chosen = user.post(URL, json={"name": "Chosen"}).json()
    r = user.patch(f"/api/v1/interviewers/{stranger['id']}", json={"contact_id": chosen["id"]})
    assert r.status_code == 200 and r.json()["contact_id"] == chosen["id"]
    theirs = other_user.post(URL, json={"name": "Not yours"}).json()
    r = user.patch(f"/api/v1/interviewers/{stranger['id']}", json={"contact_id": theirs["id"]})
    assert assert_problem(r, 422)["errors"][0]["field"] == "contact_id"
    r = user.post(f"/api/v1/rounds/{round_['id']}/interviewers", json={"name": "X", "contact_id": theirs["id"]})
    assert assert_problem(r, 422)["errors"][0]["field"] == "contact_id"
    # Deleting a contact keeps the interviewer, without the link.
    assert user.delete(f"{URL}/{chosen['id']}").status_code == 204
    assert user.get(f"/api/v1/interviewers/{stranger['id']}").json()["contact_id"] is None


def test_contact_shows_its_activity_across_applications(user):
    first_app, second_app = create_application(user, company="Initech"), create_application(user, company="Initech")
    person = create_interviewer(
        user, create_round(user, first_app["id"])["id"], name="Dana", email="d@initech.example.com"
    )
    later = create_interviewer(
        user, create_round(user, second_app["id"])["id"], name="Dana", email="d@initech.example.com"
    )
    assert later["contact_id"] == person["contact_id"]
    url = f"/api/v1/applications/{first_app['id']}/activity"
    call = user.post(url, json={"kind": "call", "interviewer_id": person["id"], "occurred_at": "2026-11-01T10:00:00Z"})
    note = user.post(
        f"/api/v1/applications/{second_app['id']}/activity", json={"kind": "note", "contact_id": person["contact_id"]}
    )
    user.post(url, json={"kind": "note", "text": "Not about Dana"})
    detail = user.get(f"{URL}/{person['contact_id']}").json()
    assert [e["id"] for e in detail["activity"]] == [note.json()["id"], call.json()["id"]]
    assert {a["application_id"] for a in detail["appearances"]} == {first_app["id"], second_app["id"]}


def test_cursor_pages(user):
    made = [user.post(URL, json={"name": f"Person {i}"}).json()["id"] for i in range(5)]
    seen, cursor = [], None
    while True:
        r = user.get(URL, params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        seen += [c["id"] for c in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == made


def test_a_profile_link_that_does_not_open_is_refused(user):
    r = user.post(URL, json={"name": "X", "profile_url": "http://[oops"})
    assert assert_problem(r, 422)["errors"][0]["field"] == "profile_url"


def test_the_list_says_where_you_met_each_contact_last_and_when_you_were_last_in_touch(user):
    roles = {r["name"]: r for r in user.get("/api/v1/roles", params={"limit": 200}).json()["items"]}
    hr = next(r for name, r in roles.items() if "HR" in name or "hr" in name.lower())
    first_app = create_application(user, company="Initech", position="Engineer")
    second_app = create_application(user, company="Initech", position="Lead engineer")
    early = create_round(user, first_app["id"], scheduled_at="2026-10-01T09:00:00Z")
    late = create_round(user, second_app["id"], kind="second", scheduled_at="2026-11-20T09:00:00Z")
    person = create_interviewer(user, late["id"], name="Dana", email="d@initech.example.com", role_id=hr["id"])
    create_interviewer(user, early["id"], name="Dana", email="d@initech.example.com")
    hand = user.post(URL, json={"name": "Rita", "company": "Globex"}).json()
    user.post(
        f"/api/v1/applications/{first_app['id']}/activity",
        json={"kind": "call", "interviewer_id": person["id"], "occurred_at": "2026-11-02T10:00:00Z"},
    )
    user.post(
        f"/api/v1/applications/{first_app['id']}/activity",
        json={"kind": "email", "contact_id": person["contact_id"], "occurred_at": "2026-11-25T10:00:00Z"},
    )

    items = {c["id"]: c for c in user.get(URL).json()["items"]}
    dana = items[person["contact_id"]]
    assert dana["meetings"] == 2
    last = dana["last_met"]
    assert (last["round_id"], last["round_sequence"], last["round_kind"]) == (late["id"], 1, "second")
    assert (last["company"], last["position"], last["role_name"]) == ("Initech", "Lead engineer", hr["name"])
    assert dana["last_activity_at"].startswith("2026-11-25T10:00:00")
    rita = items[hand["id"]]
    assert (rita["meetings"], rita["last_met"], rita["last_activity_at"]) == (0, None, None)
    assert rita["etag"] == user.get(f"{URL}/{hand['id']}").headers["etag"]
    # The search finds them by company too.
    assert [c["name"] for c in user.get(URL, params={"q": "globex"}).json()["items"]] == ["Rita"]


def test_a_contact_carries_tap_to_call_and_email_links(user):
    made = user.post(
        URL, json={"name": "Dana", "phone": "+1 (555) 0100 x 12", "email": "dana+jobs@initech.example.com"}
    )
    assert made.status_code == 201, made.text
    for shown in (made.json(), user.get(f"{URL}/{made.json()['id']}").json(), user.get(URL).json()["items"][0]):
        assert shown["tel_uri"] == "tel:+15550100;ext=12"
        assert shown["mailto_uri"] == "mailto:dana%2Bjobs@initech.example.com"
    bare = user.post(URL, json={"name": "Nobody"}).json()
    assert (bare["tel_uri"], bare["mailto_uri"]) == (None, None)


def test_a_page_of_the_list_costs_the_same_statements_for_3_or_30_people_met(app, user):
    from tests.support.serving import counting_statements

    def statements_for_list() -> int:
        with counting_statements(app) as seen:
            r = user.get(URL, params={"limit": 200})
        assert r.status_code == 200, r.text
        return len(seen)

    application = create_application(user, company="Umbrella")
    round_ = create_round(user, application["id"])
    for n in range(3):
        create_interviewer(user, round_["id"], name=f"Person {n}")
    statements_for_list()  # the first read of the token's account may cost one more (its cache)
    few = statements_for_list()
    for n in range(3, 30):
        person = create_interviewer(user, round_["id"], name=f"Person {n}")
        user.post(
            f"/api/v1/applications/{application['id']}/activity",
            json={"kind": "note", "contact_id": person["contact_id"]},
        )
    assert len(user.get(URL, params={"limit": 200}).json()["items"]) == 30
    assert statements_for_list() == few
