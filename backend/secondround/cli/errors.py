"""Exit codes, the errors commands raise, and the console that messages go to.

Messages (progress, confirmations, errors) go to stderr; results go to stdout, so `--json` output
can be piped into another program whatever else is said.
"""

from enum import IntEnum

from rich.console import Console
from rich.markup import escape


class ExitCode(IntEnum):
    OK = 0
    REFUSED = 1  # the API answered with a problem (a 4xx or 5xx other than 401)
    USAGE = 2  # the command was used wrongly (also what Typer uses for usage errors)
    UNREACHABLE = 3  # no answer from the server: wrong URL, server down, timeout
    NOT_SIGNED_IN = 4  # no API key, or the server did not accept it (401)


class CliError(Exception):
    """A failure a command saw coming: written as its plain sentence, the process exits with `code`."""

    def __init__(self, message: str, code: ExitCode = ExitCode.REFUSED) -> None:
        super().__init__(message)
        self.code = code


# Created on first use: the width and colour detection look at the stream as it is then.
_stderr: Console | None = None
_stdout: Console | None = None


def messages() -> Console:
    global _stderr
    if _stderr is None:
        _stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    return _stderr


def results() -> Console:
    global _stdout
    if _stdout is None:
        _stdout = Console(highlight=False)
    return _stdout


def say(message: str) -> None:
    """A message for the person at the terminal (stderr), never part of the result."""
    messages().print(escape(message))


def say_error(message: str) -> None:
    messages().print(f"[bold red]Error:[/bold red] {escape(message)}")
