"""The `secondround` command: run the server, migrate, run the worker, and use your account from a terminal.

One module per command group: `server_commands` (serve, migrate, worker), `account` (login, logout),
`reading` (applications, plan, follow-ups), `transfer` (export, import, import-posting, import-invite)
and `assistant` (mcp). The client commands talk HTTP to the API (`client.py`), never to the database,
so they work against any server you can reach. Exit codes are in `errors.py`.
"""

import typer

from secondround.cli import account, assistant, reading, server_commands, transfer
from secondround.cli.errors import CliError, ExitCode, say_error

app = typer.Typer(
    name="secondround",
    help="Prepare later interview rounds from the terminal: serve the app, or read and change your account "
    "through its API (sign in once with `secondround login`, or set SECONDROUND_URL and SECONDROUND_API_KEY).\n\n"
    "Exit codes: 0 done, 1 the server refused the request, 2 the command was used wrongly, "
    "3 the server could not be reached, 4 not signed in.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for group in (server_commands, account, reading, transfer, assistant):
    group.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return its exit code (the console script exits with it).

    Typer prints usage errors itself (exit 2); a `CliError` from a command is written as the plain
    sentence it carries, with its exit code, never as a traceback."""
    try:
        app(args=argv, prog_name="secondround", standalone_mode=True)
    except CliError as error:
        say_error(str(error))
        return int(error.code)
    except SystemExit as done:
        code = done.code
        if code is None:
            return int(ExitCode.OK)
        if isinstance(code, int):
            return code
        say_error(str(code))
        return int(ExitCode.REFUSED)
    return int(ExitCode.OK)


__all__ = ["app", "main"]
