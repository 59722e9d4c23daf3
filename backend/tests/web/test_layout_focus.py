"""Layout and focus at phone width (issue 16, item 8): nothing wider than the screen however long
the words, no label cut off, focus kept on what the user moved, and a warning before unsaved edits
are dropped. The Roles screen shows its preview beside (desktop) or above (phone) the sliders."""

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.web.conftest import DESKTOP, PHONE, api, new_page, screenshot, sign_in_as_new_user
from tests.web.test_screens import seed_round

LONG = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"

# Every element whose right edge passes the viewport, unless a scrolling or clipping box holds it.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) continue;
    let holder = el.parentElement, held = false;
    while (holder && holder !== document.body) {
      const style = getComputedStyle(holder);
      if (style.overflowX !== "visible" && holder.getBoundingClientRect().right <= width + 0.5) { held = true; break; }
      holder = holder.parentElement;
    }
    if (!held) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
  }
  return out.slice(0, 15);
}"""

# Labels whose text does not fit: a select too narrow for the option it shows, or a label, button,
# legend or heading that clips its own text.
CUT_OFF = """() => {
  const out = [];
  const canvas = document.createElement("canvas").getContext("2d");
  for (const select of document.querySelectorAll("select")) {
    const box = select.getBoundingClientRect();
    if (box.width === 0) continue;
    const style = getComputedStyle(select);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const option = select.options[select.selectedIndex];
    if (!option) continue;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    const need = canvas.measureText(option.text).width;
    if (need > room + 1)
      out.push(`select#${select.id} "${option.text}" needs ${Math.round(need)}, has ${Math.round(room)}`);
  }
  const labels = "label, button, legend, summary, h1, h2, h3, th, a.btn, .badge, .nav__link";
  for (const el of document.querySelectorAll(labels)) {
    if (el.closest(".visually-hidden")) continue;
    if (el.getBoundingClientRect().width === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1)
      out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return out;
}"""


def misfits(page: Page, where: str, labels: bool = True) -> list[str]:
    """What does not fit the screen's width as it is now (and, with `labels`, any label cut off)."""
    found = []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        found.append(f"{where}: the page is {width}px wide")
    found += [f"{where}: {e} passes the right edge" for e in page.evaluate(OVERFLOWING)]
    if labels:
        found += [f"{where}: {e} is cut off" for e in page.evaluate(CUT_OFF)]
    return found


def fill_long_words(page: Page) -> None:
    """Type a long unbroken word into every text field shown (not saved: the layout must hold)."""
    fields = page.locator("main input[type=text]:visible, main input:not([type]):visible, main textarea:visible")
    for i in range(fields.count()):
        field = fields.nth(i)
        if field.is_editable():
            field.fill(LONG)


def seed_long_words(page: Page, web_url: str) -> tuple[dict, dict]:
    roles = {r["name"]: r["id"] for r in api(page, web_url, "GET", "/roles")["items"]}
    app = api(page, web_url, "POST", "/applications", {"company": LONG, "position": LONG, "location": LONG})
    round_ = api(page, web_url, "POST", f"/applications/{app['id']}/rounds", {"kind": "second", "location": LONG})
    api(
        page,
        web_url,
        "POST",
        f"/rounds/{round_['id']}/interviewers",
        {"name": LONG, "title": LONG, "greeting": f"Hello {LONG}", "role_id": roles["Supervisor"]},
    )
    api(
        page,
        web_url,
        "POST",
        "/questions",
        {
            "direction": "ask",
            "text": f"What about {LONG}?",
            "category": "skills_experience",
            "importance": 5,
            "application_id": app["id"],
        },
    )
    return app, round_


def test_nothing_is_wider_than_a_phone_with_long_words(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url)
    app, round_ = seed_long_words(page, web_url)
    screens = [
        ("/", "applications"),
        (f"/applications/{app['id']}", "application"),
        (f"/rounds/{round_['id']}", "round"),
        (f"/rounds/{round_['id']}/interview", "interview"),
        ("/questions", "questions"),
        ("/roles", "roles"),
        ("/follow-ups", "follow-ups"),
        ("/settings", "settings"),
    ]
    problems = []
    for path, name in screens:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        # Open what is folded or behind an Edit button, so its fields are measured too.
        for button in page.get_by_role("button", name="Edit").all()[:3]:
            if button.is_visible():
                button.click()
        fill_long_words(page)
        screenshot(page, f"long-words-{name}-phone")
        # A select showing a 70-letter word is cut, as it must be: labels are checked with real words below.
        problems += misfits(page, name, labels=False)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_label_is_cut_off(browser: Browser, web_url: str, size: dict):
    context, page, console = new_page(browser, web_url, size)
    sign_in_as_new_user(page, web_url)
    app, round_ = seed_round(page, web_url)
    api(page, web_url, "PATCH", f"/applications/{app['id']}", {"status": "interviewing"})
    problems = []
    for path, name in [
        ("/", "applications"),
        (f"/applications/{app['id']}", "application"),
        (f"/rounds/{round_['id']}", "round"),
        ("/questions", "questions"),
        ("/roles", "roles"),
        ("/follow-ups", "follow-ups"),
        ("/settings", "settings"),
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        # What is folded is measured unfolded (the placement of each question, the archived column).
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => (d.open = true))")
        problems += misfits(page, name)
        if name == "applications":
            page.get_by_role("button", name="Table").click()
            problems += misfits(page, "applications table")
        if name == "round" and size == PHONE:
            # The button that stuck out of its card at 375 px.
            add = page.get_by_role("button", name="Add a question for this application").bounding_box()
            card = page.locator("section", has=page.get_by_role("heading", name="Questions for Acme")).bounding_box()
            assert add and card and add["x"] + add["width"] <= card["x"] + card["width"], (add, card)
    context.close()
    assert problems == [], "\n".join(problems)
    assert console == []


def test_focus_stays_on_the_person_moved_with_the_arrows(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url)
    _, round_ = seed_round(page, web_url)
    api(page, web_url, "POST", f"/rounds/{round_['id']}/interviewers", {"name": "Mia Chen"})
    page.goto(f"/rounds/{round_['id']}")
    panel = page.get_by_role("list", name="Panel in meeting order")
    expect(panel.locator(".person__name")).to_have_text(["Dana Ortega", "Luis Ferrer", "Mia Chen"])

    # From the keyboard: Mia moves up once; focus stays on her "earlier" arrow.
    page.get_by_role("button", name="Move Mia Chen earlier").focus()
    page.keyboard.press("Enter")
    expect(panel.locator(".person__name")).to_have_text(["Dana Ortega", "Mia Chen", "Luis Ferrer"])
    expect(page.get_by_role("button", name="Move Mia Chen earlier")).to_be_focused()
    # Up again, to the top: that arrow is now disabled, so focus goes to her other arrow. The arrows
    # are disabled while a reorder is on its way, so each press waits for the last one to be saved.
    expect(page.get_by_role("button", name="Move Mia Chen earlier")).to_be_enabled()
    page.keyboard.press("Enter")
    expect(panel.locator(".person__name")).to_have_text(["Mia Chen", "Dana Ortega", "Luis Ferrer"])
    expect(page.get_by_role("button", name="Move Mia Chen later")).to_be_focused()
    # And down once: still hers.
    expect(page.get_by_role("button", name="Move Mia Chen later")).to_be_enabled()
    page.keyboard.press("Enter")
    expect(panel.locator(".person__name")).to_have_text(["Dana Ortega", "Mia Chen", "Luis Ferrer"])
    expect(page.get_by_role("button", name="Move Mia Chen later")).to_be_focused()
    expect(page.get_by_role("button", name="Move Mia Chen later")).to_be_enabled()  # saved
    assert [
        p["name"]
        for p in sorted(
            api(page, web_url, "GET", f"/rounds/{round_['id']}/interviewers")["items"], key=lambda p: p["order"]
        )
    ] == ["Dana Ortega", "Mia Chen", "Luis Ferrer"]


def test_focus_stays_on_the_menu_of_a_card_moved_to_another_stage(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url)
    api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Engineer"})
    page.reload()
    menu = page.get_by_label("Move Acme to")
    menu.focus()
    menu.select_option("interviewing")
    column = page.locator("section.column", has=page.get_by_role("heading", name="Interviewing"))
    expect(column.get_by_role("link", name="Acme")).to_be_visible()
    expect(page.get_by_label("Move Acme to")).to_be_focused()
    expect(page.get_by_label("Move Acme to")).to_be_enabled()
    expect(page.get_by_label("Move Acme to")).to_be_focused()


def test_unsaved_edits_are_not_dropped_without_a_word(phone: Page, web_url: str):
    page = phone
    sign_in_as_new_user(page, web_url)
    app = api(page, web_url, "POST", "/applications", {"company": "Acme", "position": "Engineer"})
    page.goto(f"/applications/{app['id']}")
    page.get_by_role("button", name="Edit").first.click()
    page.get_by_role("textbox", name="Company", exact=True).fill("Acme Robotics")
    asked: list[str] = []

    def answer(accept: bool):
        def handle(dialog: Dialog) -> None:
            asked.append(f"{dialog.type}: {dialog.message}")
            dialog.accept() if accept else dialog.dismiss()

        return handle

    # A link of the app (the main navigation): asked, and "no" keeps the user and the edit.
    page.once("dialog", answer(False))
    page.get_by_role("link", name="Questions").click()
    assert asked == ["confirm: You have unsaved changes in “Edit details”. Leave without saving them?"]
    expect(page.get_by_role("textbox", name="Company", exact=True)).to_have_value("Acme Robotics")
    assert page.url.endswith(f"/applications/{app['id']}")

    # Cancel asks too; "yes" drops the edit.
    page.once("dialog", answer(True))
    page.get_by_role("button", name="Cancel").click()
    assert len(asked) == 2
    expect(page.get_by_role("textbox", name="Company", exact=True)).to_have_count(0)
    assert api(page, web_url, "GET", f"/applications/{app['id']}")["company"] == "Acme"

    # Saved edits leave without a question.
    page.get_by_role("button", name="Edit").first.click()
    page.get_by_role("textbox", name="Company", exact=True).fill("Acme Robotics")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("textbox", name="Company", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Questions").click()
    expect(page.get_by_role("heading", level=1, name="Question bank")).to_be_visible()
    assert len(asked) == 2

    # Closing the tab or reloading with an edit open: the browser asks (beforeunload).
    page.go_back()
    page.get_by_role("button", name="Edit").first.click()
    page.get_by_role("textbox", name="Position", exact=True).fill("Staff engineer")
    page.once("dialog", answer(True))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked[-1].startswith("beforeunload")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_roles_preview_is_beside_or_above_the_sliders(browser: Browser, web_url: str, size: dict):
    context, page, console = new_page(browser, web_url, size)
    sign_in_as_new_user(page, web_url)
    seed_round(page, web_url)
    page.goto("/roles")
    preview = page.get_by_role("region", name="Plan preview")
    expect(preview.get_by_text("Dana Ortega", exact=False).first).to_be_visible()
    first_slider = page.locator(".slider").first.bounding_box()
    box = preview.bounding_box()
    assert box and first_slider
    if size == DESKTOP:
        assert box["x"] >= first_slider["x"] + first_slider["width"] - 1, "beside, to the right"
        assert box["y"] < first_slider["y"]
    else:
        assert box["y"] + box["height"] <= first_slider["y"], "above the sliders"
    # Moving the last slider, the preview is still in sight.
    last = page.locator(".slider input[type=range]").last
    last.scroll_into_view_if_needed()
    last.focus()
    page.keyboard.press("ArrowRight")
    box = preview.bounding_box()
    assert box and box["y"] + 40 < size["height"] and box["y"] + box["height"] > 0, box
    screenshot(page, f"roles-{'phone' if size == PHONE else 'desktop'}", full_page=False)
    context.close()
    assert console == []
