"""`blocs validate`: the alignment model against data nobody here wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from blocs.cli.app import app
from blocs.cli.console import fail, out, print_field, print_json, table
from blocs.cli.options import JsonOption
from blocs.errors import BlocsError, EvalError

validate_app = typer.Typer(
    help="Validate alignment scores against external references.", no_args_is_help=True
)
app.add_typer(validate_app, name="validate")

DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        envvar="BLOCS_ALIGNMENT_DATA",
        help="Folder with the UNGA votes and ATOP pledge spells "
        "[default: $BLOCS_ALIGNMENT_DATA or ../shared/eval/alignment].",
        show_default=False,
    ),
]


@validate_app.command("alliances")
def validate_alliances_command(
    data: DataOption = Path("../shared/eval/alignment"), as_json: JsonOption = False
) -> None:
    """How well a label-free UNGA alignment score tells pairs with an ATOP defence pledge
    from the rest: parameters chosen on 2000-2012, ROC and PR AUC on 2013-2018."""
    from blocs.model.validate import validate_alliances

    try:
        if not data.is_dir():
            raise EvalError(
                f"{data}: no such folder; give --data DIR (the alignment folder of "
                "../shared/eval) or set $BLOCS_ALIGNMENT_DATA"
            )
        result = validate_alliances(data)
    except BlocsError as exc:
        raise fail(exc) from exc
    if as_json:
        print_json(result)
        return
    _print_report(result)


def _print_report(result: dict[str, Any]) -> None:
    lines = [
        ("score", result["score"]),
        ("train years", _span(result["train_years"])),
        ("test years", _span(result["test_years"])),
        ("chosen", ", ".join(f"{k}={v}" for k, v in result["chosen_parameters"].items())),
        (
            "test ROC AUC",
            f"{result['test_roc_auc']} (kappa alone {result['baseline_kappa_roc_auc']})",
        ),
        ("test PR AUC", f"{result['test_pr_auc']} (kappa alone {result['baseline_kappa_pr_auc']})"),
        ("positive rate", str(result["test_positive_rate"])),
        ("train ROC AUC", str(result["train_roc_auc"])),
    ]
    for key, value in lines:
        print_field(key, value, 14)
    per_year = result["per_year"]
    out.print(table(per_year, list(per_year[0]), title="test years"))
    components = [{"component": k, **v} for k, v in result["components"].items()]
    out.print(table(components, list(components[0]), title="each step alone (chosen parameters)"))
    groups = [{"pairs": k, **v} for k, v in result["subgroups"].items()]
    out.print(table(groups, list(groups[0]), title="subgroups, mean over test years"))
    stages = [
        {
            "stage": s["name"],
            "chosen": s["chosen"],
            "train_roc_auc": s["train_roc_auc"],
            "candidates": s["candidates"],
        }
        for s in result["selection"]["stages"]
    ]
    out.print(table(stages, list(stages[0]), title="parameter search on train years"))


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}"
