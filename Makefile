# zorglab — the two commands: `make serve` (run the suite) and `make test` (run every test).
# Both set up everything they need on a fresh machine (scripts/setup.sh).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SETUP := $(VENV)/.zorglab-installed
PORT ?= 5006
JOBS ?= 2

.PHONY: serve serve-room test lint reports lab bench setup clean

$(SETUP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

setup: $(SETUP)

## Serve both apps behind one index page on this computer (http://localhost:$(PORT)).
## `make serve ROOM=1` also lets participants' phones on the room's network join.
serve: $(SETUP)
	$(PY) -m zorglab.serve --port $(PORT) $(if $(ROOM),--room,) $(if $(PROCS),--procs $(PROCS),)

serve-room: $(SETUP)
	$(PY) -m zorglab.serve --port $(PORT) --room $(if $(PROCS),--procs $(PROCS),)

## Lint, type-check lib/ (mypy, settings in pyproject.toml), then the whole test suite (unit, property,
## notebooks, browser) in parallel;
## finally nbval runs top to bottom every notebook the suite does not already execute with papermill
## (tests/conftest.py: papermill_notebooks), so each notebook runs once.
test: $(SETUP)
	$(PY) -m ruff check lib panel_apps tests benchmarks scripts setup.py
	$(VENV)/bin/nbqa ruff notebooks/
	$(PY) -m mypy
	$(PY) -m pytest -n $(JOBS) --dist loadgroup
	$(PY) -m pytest -p tests.conftest --nbval-lax --nbval-current-env --nbval-kernel-startup-timeout=180 -q notebooks/

## Build every region report (HTML + CSV + Excel) into reports_out/.
reports: $(SETUP)
	$(PY) -m zorglab.services.reports --all --jobs $(JOBS) --out reports_out

## Open the lessons and notebooks in JupyterLab.
lab: $(SETUP)
	$(VENV)/bin/jupyter lab notebooks/

## Print the performance figures.
bench: $(SETUP)
	for f in benchmarks/bench_*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) reports_out .pytest_cache .ruff_cache .mypy_cache build dist
