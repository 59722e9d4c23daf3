"""The words of the account mails: a password reset link, and the notice that the sign-in email
changed (sent to the old address). Pure: plain values in, a Mail out."""

from secondround.mail.content import Mail


def password_reset(*, link: str, minutes: int) -> Mail:
    text = (
        "Someone, probably you, asked to choose a new password for the secondround account that uses this email.\n"
        "\n"
        f"Choose a new password here (the link works once, for {minutes} minutes):\n"
        f"{link}\n"
        "\n"
        "Choosing one signs you out everywhere else. If you did not ask for this, ignore this mail: "
        "your password stays as it is.\n"
    )
    return Mail(subject="Choose a new secondround password", text=text)


def email_changed(*, old: str, new: str, when: str, reset_link: str) -> Mail:
    text = (
        f"The sign-in email of your secondround account was changed from {old} to {new} on {when}.\n"
        "\n"
        "If you made this change, there is nothing to do: this address gets no more mail from secondround.\n"
        "\n"
        "If you did not, someone who knows your password has your account. Ask for a password reset "
        f"for {new} at {reset_link} only if you can read that address; otherwise write to the people who run "
        "this secondround service, from this address.\n"
    )
    return Mail(subject="Your secondround sign-in email was changed", text=text)
