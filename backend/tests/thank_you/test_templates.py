"""The thank-you templates (thank_you/templates.py) and their window (thank_you/timing.py): pure,
bounded whatever was recorded, no control characters, and a `mailto:` URL that decodes back to the
draft (RFC 6068)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondround.debriefs import carry_over
from secondround.thank_you import templates
from secondround.thank_you.timing import NoteWindow, timing

pytestmark = pytest.mark.pure

DANA = templates.NoteFacts(
    person_name="Dana Ortega",
    greeting="Ms. Ortega",
    email="dana@northwind.example.com",
    company="Northwind",
    position="Data analyst",
    your_name="Alex Kim",
    cared_about="How I would handle on-call.",
    next_steps="A call with the CTO next week",
    asked=(templates.AskedQuestion("What does success look like in six months?", "Shipping the billing migration"),),
)


def _decoded(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True, strict_parsing=True).items()}
    return unquote(parts.path), query


def test_a_draft_names_the_person_what_they_cared_about_and_the_next_steps():
    draft = templates.draft(DANA)
    assert draft.subject == "Thank you: Data analyst interview at Northwind"
    assert draft.body.startswith("Dear Ms. Ortega,\n\n")
    assert "about How I would handle on-call, and about Shipping the billing migration." in draft.body
    assert "You mentioned the next steps: A call with the CTO next week." in draft.body
    assert draft.body.endswith("Best regards,\nAlex Kim")


def test_without_a_debrief_or_notes_the_draft_is_still_a_note():
    bare = templates.NoteFacts("Olu", None, None, "Acme", "Engineer", None, None, None)
    draft = templates.draft(bare)
    assert draft.body.startswith("Dear Olu,") and "I look forward to hearing about the next steps." in draft.body
    assert draft.mailto.startswith("mailto:?subject=")  # no address: the mail app asks for one


def test_the_mailto_url_decodes_back_to_the_draft_with_crlf_line_breaks():
    draft = templates.draft(DANA)
    to, query = _decoded(draft.mailto)
    assert to == "dana@northwind.example.com"
    assert query["subject"] == draft.subject
    assert query["body"] == draft.body.replace("\n", "\r\n")
    assert "%0D%0A" in draft.mailto and " " not in draft.mailto and "\n" not in draft.mailto


def test_reserved_characters_in_the_address_and_text_are_encoded():
    odd = templates.NoteFacts("A&B", None, "a+b&c=d@x.example.com", "R&D?#", "Dev", None, "50% & more", None)
    draft = templates.draft(odd)
    to, query = _decoded(draft.mailto)
    assert to == "a+b&c=d@x.example.com" and set(query) == {"subject", "body"}
    assert query["subject"] == draft.subject and "R&D?#" in query["subject"]


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3000)


@settings(max_examples=150, deadline=None)
@given(
    name=text,
    greeting=st.none() | text,
    company=text,
    position=text,
    cared=st.none() | text,
    steps=st.none() | text,
    asked=st.lists(st.tuples(text, st.none() | text), max_size=6),
    your_name=st.none() | text,
)
def test_any_recorded_text_gives_a_bounded_clean_draft(
    name, greeting, company, position, cared, steps, asked, your_name
):
    facts = templates.NoteFacts(
        name, greeting, None, company, position, your_name, cared, steps, [templates.AskedQuestion(*a) for a in asked]
    )
    draft = templates.draft(facts)
    assert len(draft.subject) <= templates.SUBJECT_LIMIT and len(draft.body) <= templates.BODY_LIMIT
    assert "\n" not in draft.subject
    for ch in draft.subject + draft.body.replace("\n", ""):
        assert not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), repr(ch)
    _, query = _decoded(draft.mailto)
    assert query["subject"] == draft.subject and query["body"] == draft.body.replace("\n", "\r\n")
    assert draft.mailto.isascii() and len(draft.mailto) < 20_000


@given(st.text(max_size=500), st.integers(min_value=10, max_value=200))
def test_shorten_is_one_line_within_the_limit(value, limit):
    out = templates.shorten(value, limit)
    assert len(out) <= limit and "\n" not in out and "\r" not in out


NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "start", "window"),
    [
        ("planned", NOW + timedelta(hours=1), NoteWindow.NOT_YET),
        ("planned", NOW - timedelta(hours=2), NoteWindow.OPEN),
        ("completed", NOW + timedelta(hours=1), NoteWindow.OPEN),  # you said it is over
        ("planned", NOW - timedelta(hours=26), NoteWindow.LATE),
        ("completed", None, NoteWindow.OPEN),
        ("planned", None, NoteWindow.NOT_YET),
        ("cancelled", NOW - timedelta(hours=2), NoteWindow.NOT_YET),
    ],
)
def test_the_window_opens_at_the_end_of_the_round_and_is_late_a_day_after(status, start, window):
    found = timing(status=status, scheduled_at=start, duration_minutes=60, now=NOW)
    assert found.window == window and found.explanation.endswith(".")
    if start is not None:
        assert found.opens_at == start + timedelta(minutes=60) and found.late_after == found.opens_at + timedelta(
            days=1
        )


def _earlier(name, email, sequence, impression=4, cared="on-call"):
    return carry_over.Earlier(f"{name}-{sequence}", "r", sequence, name, email, impression, cared, None)


def test_the_same_person_is_the_same_email_or_without_one_the_same_name():
    assert carry_over.same_person("Dana Ortega", "DANA@x.com", "D. Ortega", "dana@x.com")
    assert not carry_over.same_person("Dana Ortega", "dana@x.com", "Dana Ortega", "dana.o@x.com")
    assert carry_over.same_person("Dana  ortega", None, "dana Ortega", "dana@x.com")
    found = carry_over.last_time(
        "Dana Ortega",
        None,
        3,
        [_earlier("Dana Ortega", None, 1), _earlier("dana ortega", None, 2), _earlier("Dana Ortega", None, 3)],
    )
    assert found is not None and found.round_sequence == 2  # the latest earlier round, never this one
    assert carry_over.summary(found) == "Last time (round 2): impression 4/5, cared about on-call"
    long = carry_over.summary(_earlier("Dana", None, 1, None, "word " * 200))
    assert len(long) <= carry_over.SUMMARY_LIMIT and long.endswith("…")
