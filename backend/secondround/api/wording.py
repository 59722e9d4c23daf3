"""Words for people: the sentence a 422 gives for each field error, naming the field as the web app's
screens do ("Lowest salary must not be more than the highest salary.", "Name must not be empty.").

Pure: no database, no HTTP. `errors[].type` stays the stable code for programs; `errors[].message`
is the sentence made here, from a Pydantic error (its type and context, never its English) or from
a rule's fragment ("must be your current password to set a new password").
"""

import re
from collections.abc import Mapping
from typing import Any

# What each field is called on the screen that writes it. A field a screen never shows (a script's
# field, a query parameter) gets the words a person would use for it.
FIELD_LABELS: dict[str, str] = {
    # accounts
    "email": "Email",
    "password": "Password",
    "current_password": "Current password",
    "display_name": "Your name",
    "time_zone": "Time zone",
    "daily_reminder": "Send me the daily reminder",
    "reminder_hour": "Daily reminder from",
    "username": "Email",
    "grant_type": "Grant type",
    "scope": "Scope",
    "client_id": "Client ID",
    "client_secret": "Client secret",
    # applications
    "company": "Company",
    "position": "Position",
    "status": "Status",
    "job_url": "Job posting URL",
    "source": "Source",
    "salary_min": "Lowest salary",
    "salary_max": "Highest salary",
    "salary_currency": "Currency",
    "location": "Location",
    "notes": "Notes",
    "company_research": "Company research",
    "external_id": "External id",
    "description": "Job description",
    "applied_on": "Applied on",
    "posted_on": "Posted on",
    "closes_on": "Closes on",
    # rounds
    "kind": "Kind",
    "scheduled_at": "Date and time",
    "duration_minutes": "Length (minutes)",
    "outcome": "Outcome",
    "decision_expected_by": "Decision expected by",
    "follow_up_on": "Follow up on",
    "note": "Note",
    # interviewers
    "name": "Name",
    "title": "Title",
    "role_id": "Role",
    "phone": "Phone",
    "profile_url": "Profile link",
    "greeting": "Greeting",
    "order": "Place in the order",
    "meeting_minutes": "Meeting length (minutes)",
    "question_minutes": "Minutes for your questions",
    "break_after_minutes": "Break after (minutes)",
    # a round made with its people, and the round import (Greenhouse's words)
    "interviewers": "People",
    "role": "Role",
    "date_time": "Date and time",
    "date": "Date",
    "start": "Start",
    "end": "End",
    "video_conferencing_url": "Video call link",
    "external_event_id": "Calendar event id",
    "response_status": "Response",
    "created_at": "Created at",
    "updated_at": "Updated at",
    "interviewer_ids": "The order of the people",
    # debriefs and thank-you notes
    "impression": "How it went",
    "next_steps": "What they said about next steps",
    "cared_about": "What they cared about",
    "surprises": "Anything that surprised you",
    "decision_date_named": "Decision date they named",
    "replace_decision_expected_by": "Replace the round's date",
    "subject": "Subject",
    "body": "Note",
    "sent_at": "Sent at",
    # roles
    "goals": "What they want to learn",
    "focus": "Focus",
    "deciding": "Decides",
    # questions
    "text": "Question",
    "category": "Category",
    "direction": "Direction",
    "importance": "Importance",
    "minutes": "Minutes",
    "prepared_answer": "Your prepared answer",
    "answer": "Your answer",
    "recurring": "Recurring",
    "archived": "Archived",
    "asks_next_panel": "Asks who you meet next",
    "at_end": "Ask at the end",
    "target_role_ids": "Roles",
    "application_id": "Application",
    # round questions
    "pinned": "Must ask",
    "answer_notes": "What they answered",
    "interviewer_id": "Person",
    "marked_for_interviewer_id": "Marked with",
    "cancelled": "Cancelled",
    # export and import of an account
    "application_answers": "Answers per application",
    "round_questions": "Questions in rounds",
    "exported_at": "Exported at",
    "dry_run": "Only check",
    # activity log and contacts
    "occurred_at": "When",
    "channel": "How",
    "next_follow_up_on": "Next follow-up",
    "round_id": "Round",
    "contact_id": "Contact",
    # API keys
    "scopes": "What the key may do",
    "expires_at": "Stops working after",
    # webhooks
    "url": "URL",
    "events": "Events",
    "active": "Active",
    # OAuth apps (oauth/): registration, the consent page's request, the token and revocation forms
    "redirect_uris": "Redirect addresses",
    "confidential": "Has a server that keeps a secret",
    "response_type": "Response type",
    "redirect_uri": "Redirect address",
    "state": "State",
    "code_challenge": "PKCE challenge",
    "code_challenge_method": "PKCE method",
    "allow": "Allow",
    "code": "Authorization code",
    "code_verifier": "PKCE verifier",
    "refresh_token": "Refresh token",
    "token_type_hint": "Token type",
    # offers
    "stage": "Stage",
    "base_amount": "Base salary",
    "currency": "Currency",
    "period": "Paid per",
    "bonus": "Yearly bonus",
    "equity": "Equity",
    "benefits": "Benefits",
    "offered_on": "Offered on",
    "start_date": "Start date",
    "respond_by": "Respond by",
    "asked_in_writing_at": "Asked for it in writing",
    "decline_others": "Decline the other offers",
    # practice
    "question_id": "Question",
    "rating": "How it went",
    # query parameters and headers
    "limit": "Page size",
    "cursor": "Page cursor",
    "q": "Search",
    "updated_after": "Changed after",
    "when": "When",
    "backlog_limit": "Backlog size",
    "token": "Calendar link",
    "if-match": "If-Match",
}

# Where one screen calls a field otherwise, by the resource the request writes (its collection in
# the path: /rounds/..., /applications/{id}/rounds).
FIELD_LABELS_BY_RESOURCE: dict[str, dict[str, str]] = {
    "rounds": {"location": "Place or video link", "status": "Round status", "notes": "Notes"},
    "roles": {"name": "Name"},
    "api-keys": {"name": "Key name"},
    "webhooks": {"url": "Endpoint URL", "description": "Description"},
    "oauth-clients": {"name": "App name"},
    "activity": {"text": "What happened", "kind": "Entry kind"},
    "contacts": {"name": "Name", "company": "Company", "title": "Title"},
}

_INDEX = re.compile(r"^\d+$|^\[key\]$")


def label(field: str, resource: str | None = None) -> str:
    """What the screen calls `field` (a dotted path: `focus.teamwork`, `target_role_ids.0`): the
    deepest part that has a name, else the field's own words with the underscores gone."""
    own = FIELD_LABELS_BY_RESOURCE.get(resource or "", {})
    parts = [p for p in field.split(".") if p and not _INDEX.match(p)]
    for part in reversed(parts):
        if part in own:
            return own[part]
        if part in FIELD_LABELS:
            return FIELD_LABELS[part]
    words = (parts[0] if parts else field).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "This field"


def sentence(field: str, fragment: str, resource: str | None = None) -> str:
    """A whole sentence: a fragment that starts lowercase ("must not be empty") follows the field's
    label; a fragment that is already a sentence is kept. Always ends with a full stop."""
    text = " ".join(fragment.split())
    if not text:
        text = "is not valid"
    if text[0].islower():
        text = f"{label(field, resource)} {text}"
    if text[-1] not in ".?!":
        text += "."
    return text


def _count(n: Any, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _choices(expected: Any) -> str:
    # Pydantic's ctx: "'a', 'b' or 'c'"; shown without the quotes.
    return str(expected).replace("'", "")


def _value_error(message: str) -> str:
    text = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if text.startswith("value is not a valid email address"):
        reason = text.partition(": ")[2].strip()
        return "is not an email address" + (f": {reason}" if reason else "")
    return text


def _fragment(kind: str, ctx: Mapping[str, Any], message: str) -> str:
    """What is wrong, in words, for a Pydantic error type; its own English is never used, except a
    rule's own message (a value error), which this project writes."""
    if kind in ("value_error", "assertion_error"):
        return _value_error(message)
    if kind == "missing":
        return "is required"
    if kind in ("string_too_short", "too_short"):
        least = ctx.get("min_length", 1)
        if least == 1:
            return "must not be empty"
        unit = ("character", "characters") if kind == "string_too_short" else ("item", "items")
        return f"must have at least {_count(least, *unit)}"
    if kind in ("string_too_long", "too_long"):
        unit = ("character", "characters") if kind == "string_too_long" else ("item", "items")
        return f"must have at most {_count(_number(ctx.get('max_length')), *unit)}"
    if kind == "string_pattern_mismatch":
        return "is not in the expected form"
    if kind in ("string_type", "string_sub_type", "string_unicode"):
        return "must be text"
    if kind in ("uuid_parsing", "uuid_type", "uuid_version"):
        return "is not an id this app gives"
    if kind in ("enum", "literal_error"):
        return f"must be one of {_choices(ctx.get('expected', ''))}"
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        return "must be a whole number"
    if kind in ("float_parsing", "float_type", "finite_number", "decimal_parsing", "decimal_type"):
        return "must be a number"
    if kind == "greater_than_equal":
        return f"must be at least {_number(ctx.get('ge'))}"
    if kind == "greater_than":
        return f"must be more than {_number(ctx.get('gt'))}"
    if kind == "less_than_equal":
        return f"must be at most {_number(ctx.get('le'))}"
    if kind == "less_than":
        return f"must be less than {_number(ctx.get('lt'))}"
    if kind == "multiple_of":
        return f"must be a multiple of {_number(ctx.get('multiple_of'))}"
    if kind in ("bool_parsing", "bool_type"):
        return "must be true or false"
    if kind in ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return "must be a date such as 2026-12-04"
    if kind in ("datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid"):
        return "must be a date and time such as 2026-12-01T10:00:00+01:00"
    if kind == "timezone_aware":
        return "must say its offset from UTC, e.g. 2026-12-01T10:00:00+01:00"
    if kind == "timezone_naive":
        return "must not carry an offset from UTC"
    if kind in ("list_type", "tuple_type", "set_type", "iterable_type"):
        return "must be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return "must be an object"
    if kind == "none_required":
        return "must be left out"
    if kind in ("url_parsing", "url_scheme", "url_type", "url_syntax_violation", "url_too_long"):
        return "must be a web address starting with http:// or https://"
    if kind in ("json_type", "json_invalid"):
        return "must be JSON"
    return "is not valid"


SERVER_OWNED_FIELDS = frozenset({"id", "owner_id", "created_at", "updated_at", "sequence"})


def pydantic_sentence(
    kind: str, field: str, location: str, ctx: Mapping[str, Any] | None, message: str, resource: str | None = None
) -> str:
    """The sentence for one Pydantic error on `field` (sent in `location`)."""
    if kind == "extra_forbidden":
        leaf = field.split(".")[-1]
        if location == "query":
            return f'There is no query parameter "{leaf}" here.'
        if leaf in SERVER_OWNED_FIELDS:
            return f'The server sets "{leaf}"; it cannot be written.'
        return f'There is no field "{leaf}" here.'
    if (
        location == "body"
        and field == "body"
        and kind in ("missing", "model_type", "model_attributes_type", "dict_type")
    ):
        # The whole body: missing, or not an object.
        return "The request needs a JSON object." if kind != "missing" else "The request needs a body."
    return sentence(field, _fragment(kind, ctx or {}, message), resource)
