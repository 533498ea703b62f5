"""Write the held-out event set's documents as JSONL for `blocs extract` / `blocs eval events`.

The pages' text is third-party copyright and stays out of this repository: it is read from
the extraction benchmark beside the clone (`../shared/eval/extraction/ground-truth.json`),
and `eval/heldout/documents.tsv` gives each page's publication date.

    .venv/bin/python scripts/heldout_documents.py /tmp/heldout.jsonl
    .venv/bin/blocs eval events --gold eval/heldout/gold.jsonl /tmp/heldout.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "eval" / "heldout"
GROUND_TRUTH = REPO.parent / "shared" / "eval" / "extraction" / "ground-truth.json"


def write_documents(out: Path, ground_truth: Path = GROUND_TRUTH) -> int:
    """Write one {"id", "text", "date"} line per page of documents.tsv; return the count."""
    pages = json.loads(ground_truth.read_text(encoding="utf-8"))
    with (HELDOUT / "documents.tsv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t"))
    with out.open("w", encoding="utf-8") as sink:
        for row in rows:
            text = pages[row["page_id"]]["articleBody"]
            record = {"id": row["page_id"], "text": text, "date": row["date"]}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--ground-truth", type=Path, default=GROUND_TRUTH)
    args = parser.parse_args()
    count = write_documents(args.out, args.ground_truth)
    print(f"{count} documents -> {args.out}")


if __name__ == "__main__":
    main()
