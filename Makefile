# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
SHARED ?= ../shared

.PHONY: run test lint typecheck contract pytest bench install install-dev clean demo serve browser vendor

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## run: create the venv, install, replay the January 2026 H200 scenario, say how to serve it
run: install
	$(BIN)/clearance demo
	@echo
	@echo "The dashboard and the HTTP API on the demo data: this scenario's timeline played into a"
	@echo "fresh SQLite ledger, then the URL and a token per role (admin first) are printed:"
	@echo "    $(BIN)/clearance serve --demo      # then open http://127.0.0.1:8000/ and sign in"

## serve: the dashboard and API on the demo data (the scenario loaded into a fresh ledger)
serve: install
	$(BIN)/clearance serve --demo

demo: run

## test: install dev tools; ruff, mypy, the layer contract, then the whole pytest suite
test: install-dev lint typecheck contract browser pytest

lint: install-dev
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: install-dev
	$(BIN)/mypy

contract: install-dev
	$(BIN)/lint-imports

# The browser tests drive Debian's chromium; install it when missing and we may (else they skip).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 \
		&& apt-get install -y -qq chromium >/dev/null 2>&1)); } \
		|| echo "note: chromium is not installed; the browser tests will skip"

## vendor: re-fetch the dashboard's CSS/JS from npm (records versions and checksums)
vendor: install-dev
	$(PY) tools/vendor_assets.py
	$(PY) tools/vendor_assets.py --check

# The PostgreSQL tests run when a server answers on 127.0.0.1:5432 (CI always has one).
pytest: install-dev
	@if [ -z "$$CLEARANCE_TEST_DATABASE_URL" ] && $(PY) -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))" 2>/dev/null; then \
		export CLEARANCE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test; \
		echo "PostgreSQL found: CLEARANCE_TEST_DATABASE_URL=$$CLEARANCE_TEST_DATABASE_URL"; \
	fi; \
	CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(BIN)/pytest

## bench: decisions per second, screening quality/speed, the HTTP service (SQLite; PostgreSQL with 2 workers), cold CLI timings (reads ../shared/data
## when present), and the ledger: durable submissions/s (SQLite; PostgreSQL beside pgbench)
bench: install-dev
	CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(PY) -m bench.decisions
	CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(PY) -m bench.screening
	CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(PY) -m bench.service --workers 2
	@if $(PY) -c "import sys; from bench.ledger import PG_URL, server_answers; sys.exit(not server_answers(PG_URL))"; then \
		CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(PY) -m bench.service --workers 2 \
			--postgres "$$($(PY) -c 'from bench.ledger import PG_URL; print(PG_URL)')"; \
	else echo "note: no PostgreSQL answers; the service bench on PostgreSQL is skipped"; fi
	CLEARANCE_SHARED_DATA=$${CLEARANCE_SHARED_DATA:-$(SHARED)/data} $(PY) -m bench.cli_cold
	@command -v pgbench >/dev/null || { command -v apt-get >/dev/null && \
		(apt-get install -y -q postgresql-client >/dev/null 2>&1 || \
		 sudo apt-get install -y -q postgresql-client >/dev/null 2>&1) || \
		echo "note: pgbench not installed; the ledger bench skips the pgbench column"; }
	$(PY) -m bench.ledger

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis test-artifacts
