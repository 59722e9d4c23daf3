"""The plan's wording: short, plain sentences a career coach would say.

Kept apart from the engine so the words can be reviewed (and changed) without touching the
placement rules. Every function returns a lower-case sentence fragment without a full stop,
so the web app can show them as a bullet list or join them.
"""

from __future__ import annotations

from secondround.helpers.vocabulary import Category

CATEGORY_WORDS: dict[str, str] = {
    Category.JOB_DESCRIPTION: "the job description",
    Category.EVALUATION_PROCESS: "how your work will be evaluated",
    Category.PROFESSIONAL_DEVELOPMENT: "professional development",
    Category.ORGANIZATION_VISION: "the organization's vision",
    Category.TEAMWORK: "teamwork",
    Category.DEADLINES_EFFICIENCY: "deadlines and efficiency",
    Category.LONG_TERM_GOALS: "long-term goals",
    Category.SKILLS_EXPERIENCE: "skills and experience",
    Category.LOGISTICS: "logistics",
    Category.COMPENSATION: "salary and benefits",
}

PINNED = "pinned for this round"
SALARY_LAST = "salary kept to the end, with the last person who can discuss it"
NO_PANEL = "no one is on the panel for this round yet"
TARGETS_NOT_ON_PANEL = "targets roles not on this panel"


def category_words(category: str) -> str:
    return CATEGORY_WORDS.get(category) or category.replace("_", " ")


def weight_words(weight: float) -> str:
    """0.9 -> "0.9", 1 -> "1.0", 0.75 -> "0.75": short, but always visibly a weight."""
    text = f"{weight:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _role_phrase(role_name: str | None) -> str:
    """ "Supervisor" -> "the supervisor", "HR" -> "HR" (acronyms keep their case, no article)."""
    name = (role_name or "").strip()
    if not name:
        return "their role"
    if len(name) > 1 and name.isupper():
        return name
    if name[0].isupper() and (len(name) == 1 or not name[1].isupper()):
        name = name[0].lower() + name[1:]
    return f"the {name}"


def _possessive(phrase: str) -> str:
    if phrase == "their role":
        return "their role's"
    return phrase + ("'" if phrase.endswith("s") else "'s")


def focus_match(role_name: str | None, category: str, weight: float) -> str:
    role = _possessive(_role_phrase(role_name))
    return f"matches {role} focus on {category_words(category)} (weight {weight_words(weight)})"


def no_role(person: str, weight: float) -> str:
    who = f" for {person.strip()}" if person.strip() else ""
    return f"no role set{who}, so a general question (neutral weight {weight_words(weight)})"


def marked_for(role_name: str | None) -> str:
    return f"you marked it for {_role_phrase(role_name)}"


def carried_forward(round_sequence: int) -> str:
    return f"asked in round {round_sequence} but not answered yet"


def rated(importance: int) -> str:
    return f"you rated it {importance} of 5"


def answered_in(round_sequence: int) -> str:
    return f"answered in round {round_sequence}"


# --- why something was left out ----------------------------------------------------------


def nobody_covers(category: str) -> str:
    return f"no one on this panel has a role that covers {category_words(category)}"


def targets_do_not_cover(category: str) -> str:
    return f"the roles it is marked for on this panel do not cover {category_words(category)}"


def no_time_left(minutes: int) -> str:
    return f"no time left with anyone eligible (needs {minutes} min)"


def too_long(minutes: int, longest: int) -> str:
    if longest <= 0:
        return f"you have no question time with anyone who can take it (needs {minutes} min)"
    return f"needs {minutes} min, more than the {longest} min you have with anyone who can take it"


def salary_last(person: str, deciding: bool, last: bool) -> str:
    """Where salary sits on this person's card: at the end of your time with them."""
    who = person.strip() or "them"
    if deciding and not last:
        return f"salary kept to the end of your time with {who}, the last decision-maker who can discuss it"
    if deciding:
        return f"salary kept to the end, with {who}, the last decision-maker who can discuss it"
    return SALARY_LAST


def _salary_holder(person: str, deciding: bool) -> str:
    who = person.strip() or "the last interviewer"
    return f"{who}, the last decision-maker who can discuss it" if deciding else f"{who}, the last eligible interviewer"


def salary_full(person: str, deciding: bool, minutes: int, available: int) -> str:
    head = f"salary kept for {_salary_holder(person, deciding)}, but"
    if available <= 0:
        return f"{head} you have no question time with them"
    if minutes > available:
        return f"{head} it needs {minutes} min and you have {available} min with them"
    return f"{head} their time is full (needs {minutes} min)"


def pinned_but(reason: str) -> str:
    return f"{PINNED}, but {reason}"


# --- the user's own placements -----------------------------------------------------------


def closing(person: str, deciding: bool, decider: str | None) -> str:
    """The closing is asked of the last person you meet; say who decides when it is someone else."""
    who = person.strip() or "them"
    if deciding:
        return f"closing: asked last, of {who}, the last person you meet, who decides"
    if decider is not None:
        return (
            f"closing: asked last, of {who}, the last person you meet ({decider.strip() or 'someone earlier'} decides)"
        )
    return f"closing: asked last, of {who}, the last person you meet (no one on the panel decides)"


def closing_by_hand(person: str, last: bool) -> str:
    who = person.strip() or "this person"
    if last:
        return f"closing: you gave it to {who}, to ask before you leave"
    return f"closing: you gave it to {who}, to ask at the end of your time with them"


def closing_spare(minutes: int) -> str:
    return f"the closing takes {minutes} min of the round's spare time"


def spare_time(minutes: int) -> str:
    return f"asked in {minutes} min of the round's spare time, rather than left out"


def recorded_with(person: str) -> str:
    who = person.strip() or "this person"
    return f"recorded with {who} in this round: it stays with them"


EVERYONE_CANCELLED = "everyone on this panel cancelled"


def closing_too_long(minutes: int, available: int) -> str:
    return f"the closing block needs {minutes} min, more than the {available} min you have with them"


def assigned_to(person: str) -> str:
    who = person.strip() or "this person"
    return f"you gave it to {who}"


def assigned_full(person: str, minutes: int, left: int) -> str:
    who = person.strip() or "the person you chose"
    return f"you gave it to {who}, who has {left} min left (it needs {minutes} min)"


def recurring(round_sequence: int | None) -> str:
    if round_sequence is None:
        return "asked every round"
    return f"asked every round (answered in round {round_sequence})"


def pinned_again(round_sequence: int) -> str:
    return f"answered in round {round_sequence}, asked again because you pinned it"


NEXT_PANEL_KNOWN = "you already know who you will meet next (a later round has its panel)"
ARCHIVED = "it is archived: restore it to plan it"


def taken_by_closing(minutes: int, person: str, reserved: int) -> str:
    who = person.strip() or "the closing person"
    return f"{no_time_left(minutes)}: the closing block and your own picks take {reserved} min of {who}'s time"


def salary_taken_by_closing(person: str, deciding: bool, reserved: int) -> str:
    return (
        f"salary kept for {_salary_holder(person, deciding)}, but the closing block and your own picks "
        f"take {reserved} min of their time"
    )
