# KAM Lab: two commands on a fresh machine.
#   make lab    start the course in JupyterLab on 127.0.0.1
#   make test   run the whole test suite
# Each creates .venv on first use and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
ASSIGNMENT ?= ex02_key_accounts

.PHONY: lab test test-fast lint exercises bench grade clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python tools/lab_settings.py
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python tools/lab_settings.py
	touch $(VENV)/.installed $@

lab: $(VENV)/.installed
	$(BIN)/python tools/lab.py --port $(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/python -m ruff check .

# Regenerate exercises/release/ and solutions/ from exercises/source/ with nbgrader.
exercises: $(VENV)/.installed-dev
	$(BIN)/python tools/exercises.py regenerate

# Performance: import time, notebook run time vs kernel start, widget latency,
# autograde time; prints a table and writes benchmarks/README.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Autograde a class on every core (same grades as `nbgrader autograde`), in the sandbox;
# prints who is held for review. Then: nbgrader export, tools/grade.py report.
grade: $(VENV)/.installed-dev
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python tools/grade.py autograde $(ASSIGNMENT) $(GRADE_ARGS)

clean-venv:
	rm -rf $(VENV)
