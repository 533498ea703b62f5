"""The scale tests use the corpus and store snapshot of tests/pipeline (`same_rows`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "pipeline"))
