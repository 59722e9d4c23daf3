"""The Contacts screen at phone and desktop widths: the list with where you met each person and
tap-to-call links, search, a contact's page (the rounds across applications, the activity with them,
details edited and deleted), and the way in from a round's people and a follow-up's call card."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from tests.web.conftest import api, check_screen, screenshot, sign_in_as_new_user


def _met_twice(page: Page, web_url: str) -> dict:
    """Dana met in round 1 at Initech and again in the second round of another Initech application."""
    first = api(page, web_url, "POST", "/applications", {"company": "Initech", "position": "Data analyst"})
    second = api(page, web_url, "POST", "/applications", {"company": "Initech", "position": "Senior data analyst"})
    long_ago = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    recently = (datetime.now(UTC) - timedelta(days=6)).isoformat()
    early = api(
        page, web_url, "POST", f"/applications/{first['id']}/rounds", {"kind": "first", "scheduled_at": long_ago}
    )
    late = api(
        page,
        web_url,
        "POST",
        f"/applications/{second['id']}/rounds",
        {
            "kind": "second",
            "scheduled_at": recently,
            "decision_expected_by": (datetime.now(UTC) - timedelta(days=2)).date().isoformat(),
        },
    )
    person = {
        "name": "Dana Ortega",
        "email": "dana@initech.example.com",
        "phone": "+1 555 0100 x 12",
        "title": "Recruiter",
    }
    api(page, web_url, "POST", f"/rounds/{early['id']}/interviewers", person)
    dana = api(page, web_url, "POST", f"/rounds/{late['id']}/interviewers", {**person, "title": None})
    api(
        page,
        web_url,
        "POST",
        f"/applications/{second['id']}/activity",
        {
            "kind": "email",  # an email, not a call: the follow-up call is still due
            "interviewer_id": dana["id"],
            "text": "Dana wrote that the team decides on Friday.",
        },
    )
    api(
        page,
        web_url,
        "POST",
        "/contacts",
        {"name": "Rita Moreno", "company": "Globex", "email": "rita@globex.example.com"},
    )
    return {"dana": dana, "late": late, "second": second}


def test_contacts_list_search_and_a_contacts_page(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    made = _met_twice(page, web_url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    page.get_by_role("heading", level=1, name="Contacts").wait_for()
    contacts = page.get_by_role("list", name="Contacts")
    expect(contacts.get_by_role("listitem")).to_have_count(2)
    dana = contacts.get_by_role("listitem").filter(has_text="Dana Ortega")
    expect(dana).to_contain_text("Initech · Recruiter")
    expect(dana).to_contain_text("Last met: Second interview (round 1) · Initech, Senior data analyst")
    expect(dana).to_contain_text("Met in 2 rounds.")
    expect(dana).to_contain_text("Last in touch")
    expect(dana.get_by_role("link", name="Call +1 555 0100 x 12")).to_have_attribute("href", "tel:+15550100;ext=12")
    expect(dana.get_by_role("link", name="Email Dana Ortega")).to_have_attribute(
        "href", "mailto:dana@initech.example.com"
    )
    # In touch most recently first; Rita, added by hand, was never met in a round.
    expect(contacts.get_by_role("listitem").first).to_contain_text("Dana Ortega")
    expect(contacts.get_by_role("listitem").last).to_contain_text("Not met in a round yet.")
    check_screen(page, f"contacts-list-{viewport[0]}")

    page.get_by_label("Search by name or company").fill("globex")
    expect(contacts.get_by_role("listitem")).to_have_count(1)
    expect(contacts).to_contain_text("Rita Moreno")
    page.get_by_label("Search by name or company").fill("nobody here")
    expect(page.get_by_text("Nobody matches")).to_be_visible()
    page.get_by_label("Search by name or company").fill("")

    dana.get_by_role("link", name="Dana Ortega", exact=True).click()
    page.get_by_role("heading", level=1, name="Dana Ortega").wait_for()
    met = page.get_by_role("region", name="Where you met")
    expect(met.get_by_role("listitem")).to_have_count(2)
    expect(
        met.get_by_role("link", name="First interview (round 1) · Initech, Data analyst", exact=False)
    ).to_be_visible()
    activity = page.get_by_role("region", name="Activity with Dana Ortega")
    expect(activity).to_contain_text("Dana wrote that the team decides on Friday.")
    expect(
        page.get_by_role("region", name="Reach Dana Ortega").get_by_role("link", name="Call +1 555 0100 x 12")
    ).to_be_visible()
    check_screen(page, f"contact-page-{viewport[0]}")

    # Edit the details: a new number, a profile link, a note. A bad link is refused in plain words.
    details = page.get_by_role("form", name="Details of Dana Ortega")
    details.get_by_label("Phone").fill("+44 20 7946 0000")
    details.get_by_label("Profile link").fill("https://www.linkedin.com/in/dana-ortega")
    details.get_by_label("Notes").fill("Prefers calls before noon.")
    details.get_by_role("button", name="Save changes").click()
    expect(details.get_by_text("Saved.")).to_be_visible()
    reach = page.get_by_role("region", name="Reach Dana Ortega")
    expect(reach.get_by_role("link", name="Call +44 20 7946 0000")).to_have_attribute("href", "tel:+442079460000")
    expect(reach.get_by_role("link", name="Profile of Dana Ortega", exact=False)).to_have_attribute(
        "href", "https://www.linkedin.com/in/dana-ortega"
    )
    page.reload()
    expect(page.get_by_label("Notes")).to_have_value("Prefers calls before noon.")
    check_screen(page, f"contact-page-edited-{viewport[0]}")

    # From the round's people, the name opens the contact.
    page.goto(f"/rounds/{made['late']['id']}")
    people = page.get_by_role("link", name="Dana Ortega, contact page")
    people.scroll_into_view_if_needed()
    screenshot(page, f"contacts-from-round-{viewport[0]}", full_page=False)
    people.click()
    page.get_by_role("heading", level=1, name="Dana Ortega").wait_for()
    # From the follow-up's call card too.
    page.goto("/follow-ups")
    item = page.locator("li.bank-item", has=page.get_by_text("Initech"))
    expect(item.get_by_role("link", name="Dana Ortega", exact=True)).to_have_attribute(
        "href", f"/contacts/{made['dana']['contact_id']}"
    )
    check_screen(page, f"contacts-from-follow-ups-{viewport[0]}")
    item.get_by_role("link", name="Dana Ortega", exact=True).click()
    page.get_by_role("heading", level=1, name="Dana Ortega").wait_for()


def test_adding_and_deleting_a_contact_and_the_empty_state(web_page: Page, web_url, viewport):
    page = web_page
    sign_in_as_new_user(page, web_url)
    page.goto("/contacts")
    expect(page.get_by_text("No contacts yet")).to_be_visible()
    check_screen(page, f"contacts-empty-{viewport[0]}")
    page.get_by_role("button", name="Add a contact").click()
    form = page.get_by_role("form", name="Add a contact")
    form.get_by_label("Name").fill("Sam Lee")
    form.get_by_label("Company").fill("Hooli")
    form.get_by_label("Profile link").fill("not a link")
    form.get_by_role("button", name="Save the contact").click()
    # The browser keeps a link that is no web address from being sent, as the API would refuse it.
    expect(form.locator("input[name=profile_url]:invalid")).to_have_count(1)
    expect(page.get_by_role("heading", level=1, name="Contacts")).to_be_visible()
    check_screen(page, f"contacts-add-{viewport[0]}")
    form.get_by_label("Profile link").fill("")
    form.get_by_label("Phone").fill("+1 555 0199")
    form.get_by_role("button", name="Save the contact").click()
    page.get_by_role("heading", level=1, name="Sam Lee").wait_for()
    expect(page.get_by_text("Not in any round yet.", exact=False)).to_be_visible()
    expect(page.get_by_text("Nothing logged with them yet")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete Sam Lee").click()
    page.get_by_role("heading", level=1, name="Contacts").wait_for()
    expect(page.get_by_text("No contacts yet")).to_be_visible()
    # A contact that is gone says so in plain words.
    page.goto("/contacts/00000000-0000-4000-8000-000000000000")
    expect(page.get_by_text("It may have been deleted, or the link is wrong.")).to_be_visible()
