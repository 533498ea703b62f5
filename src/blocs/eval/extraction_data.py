"""Readers for the article-extraction benchmark folder (`ground-truth.json`, `html/`,
`reference_outputs/`), as laid out in `shared/eval/extraction/`."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from blocs.errors import EvalError


def _read_json(path: Path) -> object:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError as exc:
        raise EvalError(f"{path}: file not found; pass the benchmark folder with --bench") from exc
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: not readable as JSON ({exc})") from exc


def _bodies(data: object, path: Path) -> dict[str, str]:
    if isinstance(data, dict) and set(data) == {"version", "output"}:
        data = data["output"]
    if not isinstance(data, dict):
        raise EvalError(f"{path}: expected an object of page id -> {{'articleBody': ...}}")
    return {str(k): str((v or {}).get("articleBody") or "") for k, v in data.items()}


def load_gold(bench_dir: Path) -> dict[str, str]:
    """Page id -> gold article body."""
    path = bench_dir / "ground-truth.json"
    return _bodies(_read_json(path), path)


def load_gold_urls(bench_dir: Path) -> dict[str, str]:
    """Page id -> the page's URL, as recorded in the ground truth."""
    path = bench_dir / "ground-truth.json"
    data = _read_json(path)
    if not isinstance(data, dict):
        raise EvalError(f"{path}: expected an object of page id -> record")
    return {str(k): str((v or {}).get("url") or "") for k, v in data.items()}


def load_reference_output(bench_dir: Path, name: str) -> dict[str, str]:
    """Page id -> body predicted by a reference extractor (e.g. `html-text`)."""
    path = bench_dir / "reference_outputs" / f"{name}.json.gz"
    return _bodies(_read_json(path), path)


def iter_html_pages(bench_dir: Path) -> Iterator[tuple[str, str]]:
    """(page id, HTML) for every page of the benchmark, in sorted id order."""
    html_dir = bench_dir / "html"
    if not html_dir.is_dir():
        raise EvalError(f"{html_dir}: no such folder; pass the benchmark folder with --bench")
    for path in sorted(html_dir.glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            yield path.name.removesuffix(".html.gz"), fh.read()
