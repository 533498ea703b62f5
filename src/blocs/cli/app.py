"""The `blocs` command group and its sub-groups; commands register themselves on them."""

from __future__ import annotations

from typing import Annotated

import typer

from blocs import __version__
from blocs.cli.console import out

app = typer.Typer(
    name="blocs",
    help="Turn news about international security into evidence-linked event data.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(help="Export records from the store.", no_args_is_help=True)
eval_app = typer.Typer(help="Score blocs against gold data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"blocs {__version__}")
        raise typer.Exit(0)
