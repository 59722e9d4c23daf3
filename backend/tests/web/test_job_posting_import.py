"""Paste a job posting on the Applications screen: the page's HTML (or its JSON-LD) is previewed as
the application it makes, with the description made safe, then saved; the same posting again opens
the application you already had. At 375 and 1280 px."""

import json

from playwright.sync_api import Page, expect

from tests.web.conftest import check_screen, screenshot, sign_in_as_new_user

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior backend engineer",
    "hiringOrganization": {"@id": "#org"},
    "url": "https://jobs.example.com/halvorsen/senior-backend-engineer-with-a-rather-long-address-4012345",
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Oslo", "addressCountry": "NO"}},
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 30, "maxValue": 40, "unitText": "HOUR"},
    },
    "datePosted": "2026-11-20",
    "validThrough": "2026-12-31T23:59:00+01:00",
    "description": (
        "&lt;h2&gt;The role&lt;/h2&gt;&lt;p&gt;You build &lt;b&gt;payments&lt;/b&gt; &amp;amp; ledgers.&lt;/p&gt;"
        "&lt;script&gt;window.__pwned = 1&lt;/script&gt;"
        '&lt;img src=x onerror="window.__pwned = 2"&gt;'
        '&lt;p&gt;&lt;a href="javascript:window.__pwned=3" onclick="window.__pwned=4"&gt;Apply&lt;/a&gt; '
        'or see &lt;a href="https://halvorsen.example/jobs"&gt;all jobs&lt;/a&gt;&lt;/p&gt;'
        "&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;&lt;li&gt;PostgreSQL&lt;/li&gt;&lt;/ul&gt;"
    ),
}
GRAPH = {
    "@context": "https://schema.org",
    "@graph": [{"@type": "Organization", "@id": "#org", "name": "Halvorsen Research"}, POSTING],
}
PAGE = (
    "<!doctype html><html><head><title>Senior backend engineer</title>"
    '<script type="application/ld+json">{"@type": "BreadcrumbList"</script>'
    f'<script type="application/ld+json">{json.dumps(GRAPH)}</script>'
    "</head><body><h1>Senior backend engineer</h1><p>Apply now"
)


def open_import(page: Page):
    page.get_by_text("Paste a job posting", exact=True).click()
    return page.get_by_label("The posting's page (HTML) or its JSON-LD")


def test_paste_preview_save_and_find_again(web_page: Page, web_url, viewport):
    page = web_page
    name = viewport[0]
    sign_in_as_new_user(page, web_url)
    box = open_import(page)

    # Something that is not a posting: the server's sentence, nothing saved.
    box.fill("<html><body><p>Just a page</p></body></html>")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("alert")).to_have_text(
        "The page holds no schema.org JobPosting in its JSON-LD, so there is nothing to import."
    )

    box.fill(PAGE)
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_test_id("posting-preview")
    expect(preview).to_contain_text("Halvorsen Research")
    expect(preview).to_contain_text("Senior backend engineer")
    expect(preview).to_contain_text("Oslo, NO")
    expect(preview).to_contain_text("62,400–83,200 EUR a year")
    expect(preview).to_contain_text("20 Nov 2026")
    expect(preview).to_contain_text("31 Dec 2026")
    expect(preview).to_contain_text("counting 2,080 hours in a year")
    description = preview.get_by_test_id("preview-description")
    expect(description.get_by_role("heading", name="The role")).to_be_visible()
    expect(description).to_contain_text("You build payments & ledgers.")
    expect(description.get_by_role("link", name="all jobs")).to_have_attribute("href", "https://halvorsen.example/jobs")
    for selector in ("script", "img", "[onclick]", "[onerror]", "a[href^='javascript']"):
        assert description.locator(selector).count() == 0, selector
    assert page.evaluate("() => window.__pwned") is None
    check_screen(page, f"import-posting-preview-{name}")
    assert page.evaluate("() => window.__pwned") is None

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Halvorsen Research")).to_be_visible()
    details = page.get_by_role("complementary", name="Details")
    expect(details).to_contain_text("20 Nov 2026")
    expect(details).to_contain_text("31 Dec 2026")
    expect(details.get_by_test_id("job-description")).to_contain_text("You build payments & ledgers.")
    expect(page.get_by_test_id("already-had")).to_have_count(0)
    assert page.evaluate("() => window.__pwned") is None
    check_screen(page, f"import-posting-saved-{name}")
    saved_url = page.url

    # The same posting again, as JSON-LD this time: the preview says you have it; Open it goes there.
    page.goto("/")
    box = open_import(page)
    box.fill(json.dumps(GRAPH, indent=2))
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_test_id("posting-preview")
    expect(preview.get_by_role("status")).to_contain_text("You already have this one")
    page.get_by_role("button", name="Open it").click()
    expect(page.get_by_test_id("already-had")).to_have_text("You already had this one, so nothing new was saved.")
    assert page.url.split("?")[0] == saved_url
    screenshot(page, f"import-posting-already-{name}")
    page.goto("/")
    expect(page.get_by_role("link", name="Halvorsen Research")).to_have_count(1)
