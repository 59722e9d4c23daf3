"""contacts/matching.py: which contact an interviewer is (pure)."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondround.contacts.matching import Sighting, best_match, name_key, same_person

pytestmark = pytest.mark.pure


@dataclass
class Known:
    name: str
    email: str | None
    company: str | None


def test_email_wins_over_name():
    by_name = Known("Dana", None, "Initech")
    by_email = Known("D. Ortega", "dana@initech.example.com", "Initech")
    assert best_match(Sighting("Dana", "DANA@initech.example.com", "Initech"), [by_name, by_email]) is by_email


def test_two_addresses_are_two_people_even_with_one_name():
    assert (
        best_match(Sighting("Dana", "a@x.example.com", "Initech"), [Known("Dana", "b@x.example.com", "Initech")])
        is None
    )
    assert best_match(Sighting("Dana", None, "Initech"), [Known("Dana", "b@x.example.com", "Initech")]) is not None


def test_another_company_is_another_person():
    assert best_match(Sighting("Dana", None, "Globex"), [Known("Dana", None, "Initech")]) is None


def test_the_oldest_of_equals_is_chosen():
    first, second = Known("Dana", None, "Initech"), Known("Dana", None, "Initech")
    assert best_match(Sighting("dana", None, "initech"), [first, second]) is first


names = st.text(st.characters(categories=["L", "Zs"]), min_size=1, max_size=30)


@given(names, names)
def test_case_and_spacing_never_make_two_people(name, company):
    spaced = "  " + "  ".join(name.split()) + " "
    # Case as casefold() reads it (upper() would turn a Turkish dotless i into a plain I).
    assert same_person(Sighting(spaced.casefold(), None, company.casefold()), name, None, company)
    assert name_key(name) == name_key(name_key(name))
