from pydantic import BaseModel, Field


class ImportCounts(BaseModel):
    """How many items of each kind an import makes (new rows in your account)."""

    roles: int
    questions: int
    applications: int
    rounds: int
    interviewers: int = Field(description="People you meet in rounds.")
    round_questions: int = Field(description="Questions' states in rounds (pinned, asked, answered, with notes).")
    application_answers: int = Field(description="Prepared answers written for one application.")


class ImportSummary(BaseModel):
    """What an import did, or (with `dry_run`) would do: nothing is written on a dry run."""

    dry_run: bool
    created: ImportCounts
    merged_roles: int = Field(
        description="Roles of the document with the name of one you have (the starter roles): yours is kept, "
        "with the document's values, instead of a second one."
    )
    merged_questions: int = Field(
        description="Bank questions of the document with the direction and text of one of yours (the starter "
        "bank): yours is kept, with the document's values, instead of a second one."
    )
    settings_changed: list[str] = Field(
        description="Account settings the document changes (`display_name`, `time_zone`)."
    )
