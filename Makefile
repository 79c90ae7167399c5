# KAM Lab: two commands on a fresh machine.
#   make lab    start the course in JupyterLab on 127.0.0.1 (make lab-zh: 简体中文版)
#   make test   run the whole test suite
# For instructors: make instructor (JupyterLab with Formgrader and the course's exchange),
# make hub (a class on JupyterHub on this machine), make bundle (what a class trainee gets).
# Each creates .venv on first use and installs what it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
ASSIGNMENT ?= ex02_key_accounts
HUB_PORT ?= 8000
HUB_STATE ?= .hub
INSTRUCTOR ?= kamteacher
TRAINEES ?= kamtrainee01,kamtrainee02
PROXY  := hub/node_modules/.bin/configurable-http-proxy

.PHONY: lab lab-zh instructor hub hub-users bundle proxy test test-fast lint editions exercises bench grade clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m tools.lab_settings
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m tools.lab_settings
	touch $(VENV)/.installed $(VENV)/.installed-hub $@

$(VENV)/.installed-hub: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[hub]'
	$(BIN)/python -m tools.lab_settings
	touch $(VENV)/.installed $@

lab: $(VENV)/.installed
	$(BIN)/python -m tools.lab --port $(PORT)

# The 简体中文 edition: Chinese notebooks, JupyterLab's menus in Chinese, kamlib in Chinese.
lab-zh: $(VENV)/.installed
	$(BIN)/python -m tools.lab --port $(PORT) --language zh

# The instructor's JupyterLab: runs in the nbgrader course (exercises/), so Formgrader lists
# its assignments and the exchange is the one its config names (created, mode 1777).
instructor: $(VENV)/.installed
	$(BIN)/python -m tools.instructor --port $(PORT)

# A class on JupyterHub on this machine (as root): accounts from HUB's PAM, the proxy from npm
# (into hub/node_modules), state in $(HUB_STATE). Create the accounts first with make hub-users.
hub: $(VENV)/.installed-hub $(PROXY)
	$(BIN)/python -m tools.hub start --port $(HUB_PORT) --state $(HUB_STATE) \
	  --instructor $(INSTRUCTOR) --trainees $(TRAINEES)

# System accounts for the class, random passwords written to $(HUB_STATE)-passwords.txt (mode 600).
hub-users: $(VENV)/.installed
	$(BIN)/python -m tools.hub adduser --instructor $(INSTRUCTOR) --trainees $(TRAINEES) \
	  --passwords $(HUB_STATE)-passwords.txt

# What a class trainee receives: lectures, released exercises, a kamlib wheel (no instructor material).
bundle: $(VENV)/.installed
	$(BIN)/python -m tools.bundle --tar

# configurable-http-proxy, from npm into hub/node_modules (the lock file's version); skipped
# with a note where npm is missing (the hub tests then say so).
proxy: $(PROXY)
$(PROXY): hub/package.json hub/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd hub && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.bin/configurable-http-proxy; \
	else echo "npm not found: the JupyterHub tests will be skipped (apt-get install nodejs npm)"; fi

# Both run on every core (pytest-xdist), one worker more than cores: much of the suite waits on
# kernels, servers and browsers (2 cores: 574 s with 2 workers, 510 s with 3, 612 s with 4).
# test-fast does not wait, so one worker per core (52 s against 57 s with one more).
# Tests that share a server, a graded course or a hub stay on one worker (tests/conftest.py).
# XDIST= FAST_XDIST= run them in one process.
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
XDIST ?= -n $(WORKERS) --dist loadgroup
FAST_XDIST ?= -n auto --dist loadgroup

# Byte-code goes to a private temporary folder, even where PYTHONDONTWRITEBYTECODE is set:
# kamlib is installed editable, so without it every worker, kernel and nbgrader run compiles
# kamlib and the tests again. Not beside the sources, and not in .venv, which the grading
# sandbox shows to a trainee's kernel (the keys' byte-code must stay out of its sight).
PYCACHE ?= $(or $(TMPDIR),/tmp)/kamlab-pycache-$(shell id -u)
TEST_ENV = PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(PYCACHE)

test: $(VENV)/.installed-dev $(PROXY)
	$(BIN)/python -m ruff check .
	install -d -m 700 $(PYCACHE)
	$(TEST_ENV) $(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# The quick loop (no notebooks, nbgrader CLI, hub or browser); hypothesis draws fewer examples.
test-fast: $(VENV)/.installed-dev
	install -d -m 700 $(PYCACHE)
	$(TEST_ENV) $(BIN)/python -m pytest $(FAST_XDIST) -m "not slow and not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/python -m ruff check .

# After editing a bilingual source (course/bilingual/, exercises/bilingual/): write the generated
# cells, build the English and Chinese editions, regenerate release/ and solutions/ with nbgrader.
editions: $(VENV)/.installed-dev
	$(BIN)/python -m tools.nav
	$(BIN)/python -m tools.exercises render
	$(BIN)/python -m tools.editions build
	$(BIN)/python -m tools.exercises regenerate

exercises: editions

# Performance: import time, notebook run time vs kernel start, widget latency,
# autograde time; prints a table and writes benchmarks/README.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Autograde a class on every core (same grades as `nbgrader autograde`), in the sandbox;
# lists who is flagged or ungraded and why. Then: nbgrader export, python -m kamgrade report.
grade: $(VENV)/.installed-dev
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m kamgrade autograde $(ASSIGNMENT) $(GRADE_ARGS)

clean-venv:
	rm -rf $(VENV)
