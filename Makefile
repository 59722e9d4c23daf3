# secondround: `make run` serves the API and web app; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev web browser test test-sqlite test-postgres install install-dev migrate openapi bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pins change.
$(VENV)/.installed: backend/requirements.txt backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r backend/requirements.txt
	$(BIN)/pip install --quiet --no-deps -e backend
	touch $@

$(VENV)/.installed-dev: backend/requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r backend/requirements-dev.txt
	touch $@

# The web app: npm ci when the lock changes, vite build when a source changes.
WEB_SOURCES := $(shell find frontend/src frontend/public frontend/sw -type f 2>/dev/null) frontend/index.html \
	frontend/vite.config.ts frontend/tsconfig.json
frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(WEB_SOURCES)
	cd frontend && npx vite build --logLevel warn
	touch $@

web: frontend/dist/index.html

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/alembic upgrade head

# As in production: header/body deadlines, a connection cap (python -m secondround.server --help).
run: migrate web
	$(BIN)/python -m secondround.server --host $(HOST) --port $(PORT)

# The API (reloading on change) and Vite's dev server with its proxy to it: open http://127.0.0.1:5173.
DEV_API_PORT ?= 8001
dev: migrate frontend/node_modules/.installed
	@trap 'kill $$api 2>/dev/null' EXIT; \
	SECONDROUND_ALLOWED_ORIGINS=http://127.0.0.1:5173,http://localhost:5173 \
		$(BIN)/uvicorn secondround.asgi:app --host 127.0.0.1 --port $(DEV_API_PORT) --reload --reload-dir backend & api=$$!; \
	cd frontend && SECONDROUND_API=http://127.0.0.1:$(DEV_API_PORT) npx vite --host 127.0.0.1 --port 5173 --strictPort

# Every test on SQLite, then on PostgreSQL: at SECONDROUND_TEST_POSTGRES_URL when set (.ci/run sets
# it), else in a scratch database on a PostgreSQL answering on 127.0.0.1:5432; when none answers, a
# loud notice at the end says the PostgreSQL pass did not run. The browser tests (marked `browser`)
# and the tests of code without a database (marked `pure`) do not depend on the engine: they run in
# the SQLite pass only.
# TEST_WORKERS parallel pytest-xdist workers, each with its own database (tests/support/databases.py);
# then the tests marked `serial` (bounds in seconds) alone, so no browser test shares the CPU with them.
TEST_WORKERS ?= 3
# The slowest tests of each pass, at the end of its output: where the run's time goes.
DURATIONS ?= --durations=15
PYTEST := ../$(BIN)/python -m pytest

test: install-dev web
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$SECONDROUND_TEST_POSTGRES_URL" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		cd backend && ../$(BIN)/python -m tests.support.local_postgres $(MAKE) --no-print-directory -C .. test-postgres; \
	fi

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used): install
# it when it is missing and this user can, else say how.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
		else \
			echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium fonts-noto-core"; exit 1; \
		fi; }

test-sqlite: install-dev web browser
	cd backend && SECONDROUND_TEST_DATABASE=sqlite $(PYTEST) -n $(TEST_WORKERS) --dist worksteal -m "not serial" $(DURATIONS)
	cd backend && SECONDROUND_TEST_DATABASE=sqlite $(PYTEST) -m serial $(DURATIONS)

test-postgres: install-dev
	cd backend && SECONDROUND_TEST_DATABASE=postgres $(PYTEST) -n $(TEST_WORKERS) --dist worksteal \
		-m "not browser and not serial and not pure" $(DURATIONS)
	cd backend && SECONDROUND_TEST_DATABASE=postgres $(PYTEST) -m "serial and not browser and not pure" $(DURATIONS)

openapi: install
	$(BIN)/python -m secondround.openapi_export > openapi/openapi.json

# The OpenAPI linters come from npm, pinned by openapi/package-lock.json.
openapi/node_modules/.package-lock.json: openapi/package-lock.json
	cd openapi && npm ci --no-audit --no-fund --loglevel=error

lint: install-dev openapi/node_modules/.package-lock.json
	cd backend && ../$(BIN)/ruff check secondround tests bench ../migrations/env.py && ../$(BIN)/ruff format --check secondround tests bench
	cd backend && ../$(BIN)/mypy
	$(BIN)/hadolint docker/Dockerfile
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker/compose.yaml
	cd openapi && npx --no-install redocly lint --config redocly.yaml openapi.json
	cd openapi && npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity warn openapi.json

bench: install-dev
	cd backend && ../$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data frontend/node_modules frontend/dist
