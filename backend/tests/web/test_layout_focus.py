"""Layout and focus at phone width (issue 16, item 8): nothing wider than the screen however long
the words, no label cut off, focus kept on what the user moved, and a warning before unsaved edits
are dropped. The Roles screen shows its preview beside (desktop) or above (phone) the sliders."""

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import DESKTOP, PHONE, screenshot, sign_in_as_new_user
from tests.web.test_screens import api, seed_round

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


def test_nothing_is_wider_than_a_phone_with_long_words(page: Page, web_url: str):
    page.set_viewport_size(PHONE)
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
def test_no_label_is_cut_off(page: Page, web_url: str, size: dict):
    page.set_viewport_size(size)
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
    assert problems == [], "\n".join(problems)
