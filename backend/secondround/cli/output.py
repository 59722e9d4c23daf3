"""What the client commands share: the `--json` option, JSON on stdout, and a progress display on
stderr for work that takes a while (shown only when stderr is a terminal)."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from secondround.cli.errors import messages

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON on stdout (messages stay on stderr), for scripts.")
]


def print_json(value: Any) -> None:
    """One JSON document on stdout (not through rich: no wrapping, no colour, exactly the data)."""
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@contextmanager
def progress(description: str, total: float | None = None) -> Iterator[tuple[Progress, Any]]:
    """A rich progress bar (a spinner when the total is unknown) on stderr while the block runs."""
    console = messages()
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f}{task.fields[unit]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=total, unit="")
        yield bar, task
