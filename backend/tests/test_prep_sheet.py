"""The prep sheet, complete: everything the user recorded about the round and its people, in
Markdown and as self-contained printable HTML, with local times."""

from tests.conftest import create_application, create_interviewer, create_round, roles_by_name


def test_the_plan_carries_what_you_recorded_about_each_person(user):
    round_ = create_round(user, create_application(user)["id"])
    supervisor = roles_by_name(user)["Supervisor"]
    create_interviewer(
        user,
        round_["id"],
        name="Dana Ortega",
        role_id=supervisor["id"],
        email="dana@acme.example",
        profile_url="https://www.linkedin.com/in/dana-ortega",
        notes="Built the data team in 2021.\nLikes concrete numbers.",
    )
    create_interviewer(user, round_["id"], name="Kim Lee")
    dana, kim = user.get(f"/api/v1/rounds/{round_['id']}/plan").json()["interviewers"]
    assert (dana["email"], dana["profile_url"]) == ("dana@acme.example", "https://www.linkedin.com/in/dana-ortega")
    assert dana["notes"] == "Built the data team in 2021.\nLikes concrete numbers."
    assert (kim["email"], kim["phone"], kim["profile_url"], kim["notes"]) == (None, None, None, None)
