# The two commands of the README: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= blocs.duckdb
REPORT ?= report

.PHONY: demo test lint typecheck pytest install clean browser serve bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/blocs ingest examples --db $(DB) --no-progress
	$(BIN)/blocs articles --db $(DB) --limit 10
	$(BIN)/blocs events --db $(DB) --min-confidence 0.6 --limit 15
	$(BIN)/blocs report --db $(DB) --out $(REPORT) > /dev/null
	@echo "report: $(abspath $(REPORT))/index.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

# End to end (clean -> extract -> store) on 2,000 pages against the naive path; PAGES=N for less.
# Then the alignment model's queries over ten million synthetic events; EVENTS=N for less.
PAGES ?= 2000
EVENTS ?= 10000000
bench: $(STAMP)
	$(BIN)/python bench/throughput.py --pages $(PAGES)
	$(BIN)/python bench/analytics.py --events $(EVENTS)

# Debian's chromium for the browser tests (they skip without it); needs root.
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium chromium-driver)

serve: $(STAMP)
	$(BIN)/blocs serve --db $(DB)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache src/*.egg-info
