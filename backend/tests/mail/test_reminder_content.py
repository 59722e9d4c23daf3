"""The reminder's words, the account mails and the unsubscribe token, without a database or a server."""

import uuid
from datetime import date

import pytest

from secondround.mail import links, messages
from secondround.mail.reminder import MAX_ITEMS, FollowUpItem, OfferItem, ReminderFacts, ThankYouItem, build

pytestmark = pytest.mark.pure

TODAY = date(2026, 12, 4)  # a Friday


def facts(**fields) -> ReminderFacts:
    return ReminderFacts(
        name=fields.pop("name", "Ana"),
        today=TODAY,
        app_url="https://app.example",
        unsubscribe_url="https://app.example/unsubscribe?token=t",
        one_click_url="https://app.example/api/v1/mail/unsubscribe?token=t",
        **fields,
    )


def test_nothing_due_is_no_mail():
    assert build(facts()) is None


def test_each_section_in_plain_sentences():
    mail = build(
        facts(
            follow_ups=[
                FollowUpItem("Acme", "Engineer", "Second interview", date(2026, 12, 2), ("Maria Jensen", "Ole Hansen")),
                FollowUpItem("Globex", "Analyst", "First interview", TODAY),
            ],
            thank_yous=[ThankYouItem("Initech", "Lead", "Final interview", ("Kari", "Per", "Liv"))],
            offers=[
                OfferItem("Umbrella", "CTO", "verbal", date(2026, 12, 3)),
                OfferItem("Hooli", "SRE", "written", TODAY),
                OfferItem("Pied Piper", "Dev", "written", date(2026, 12, 6)),
            ],
        )
    )
    assert mail is not None
    assert mail.subject == "Today, Friday 4 December: 2 follow-ups, 3 thank-you notes and 3 offers to answer"
    assert mail.text.splitlines()[:3] == [
        "Good morning Ana,",
        "",
        "Here is what is waiting for you today, Friday 4 December 2026.",
    ]
    lines = mail.text.splitlines()
    assert (
        "- Follow up on the second interview at Acme (Engineer). It was due on Wednesday 2 December, 2 days ago. "
        "Whom to call: Maria Jensen and Ole Hansen." in lines
    )
    assert "- Follow up on the first interview at Globex (Analyst). It is due today." in lines
    assert (
        "- Thank Kari, Per and Liv for the final interview at Initech (Lead): "
        "a short note within 24 hours of the round." in lines
    )
    assert (
        "- The verbal offer from Umbrella (CTO): the date to answer was Thursday 3 December, 1 day ago; "
        "answer or ask for more time." in lines
    )
    assert "- The written offer from Hooli (SRE): answer it today." in lines
    assert "- The written offer from Pied Piper (Dev): answer it by Sunday 6 December, in 2 days." in lines
    titles = [
        line
        for line in lines
        if line in ("Follow-ups overdue", "Follow-ups due today", "Thank-you notes to send", "Offers to answer")
    ]
    assert titles == ["Follow-ups overdue", "Follow-ups due today", "Thank-you notes to send", "Offers to answer"]
    assert "Stop the daily reminder: https://app.example/unsubscribe?token=t" in lines
    assert mail.headers == {
        "List-Unsubscribe": "<https://app.example/api/v1/mail/unsubscribe?token=t>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_html_is_escaped_and_text_has_no_control_characters():
    mail = build(facts(name="<b>Ana</b>", follow_ups=[FollowUpItem("A&B <Co>", "Dev\r\nBcc: x@y", "Interview", TODAY)]))
    assert mail is not None and mail.html is not None
    assert "&lt;b&gt;Ana&lt;/b&gt;" in mail.html and "A&amp;B &lt;Co&gt;" in mail.html
    assert "<b>" not in mail.html
    assert "Dev Bcc: x@y" in mail.text and "\r" not in mail.subject


def test_without_a_name_and_long_lists_are_bounded():
    many = [FollowUpItem(f"Co {n}", "Dev", "Interview", TODAY) for n in range(MAX_ITEMS + 5)]
    mail = build(facts(name=None, follow_ups=many))
    assert mail is not None
    assert mail.text.startswith("Good morning,\n")
    assert "- And 5 more: see them all in secondround." in mail.text.splitlines()
    assert mail.subject.endswith(f"{MAX_ITEMS + 5} follow-ups")


def test_account_mails():
    reset = messages.password_reset(link="https://app.example/reset-password?token=srr_x", minutes=30)
    assert reset.subject == "Choose a new secondround password"
    assert "https://app.example/reset-password?token=srr_x\n" in reset.text and "for 30 minutes" in reset.text
    notice = messages.email_changed(
        old="a@example.com", new="b@example.com", when="Friday 4 December 2026, 09:00 UTC", reset_link="L"
    )
    assert notice.text.startswith(
        "The sign-in email of your secondround account was changed from a@example.com to b@example.com on "
        "Friday 4 December 2026, 09:00 UTC.\n"
    )


def test_the_unsubscribe_token_is_the_account_signed():
    account = uuid.uuid4()
    token = links.unsubscribe_token("secret-one", account)
    assert links.account_of("secret-one", token) == account
    assert links.account_of("secret-two", token) is None, "another server key voids it"
    assert links.account_of("secret-one", token[:-2]) is None
    other = links.unsubscribe_token("secret-one", uuid.uuid4())
    forged = token.split(".")[0] + "." + other.split(".")[1]
    assert links.account_of("secret-one", forged) is None
    for junk in ("", ".", "abc", "é.é", "!!!.???"):
        assert links.account_of("secret-one", junk) is None
