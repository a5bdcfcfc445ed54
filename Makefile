# robocampus: the two set-up commands are `make demo` and `make test`.
# Both create .venv on first use; nothing is installed outside it (front-end
# packages go to frontend/node_modules).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
MANAGE := $(BIN)/python manage.py
# The PostgreSQL server the web tests also run on when it is reachable
# (pytest-django creates and drops its own test database there).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
ASSETS := src/robocampus/static/robocampus/dist/lab.js
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/build.mjs frontend/package-lock.json

.PHONY: demo serve test test-postgres bench lint format assets messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# One stamp per set of extras, rebuilt when pyproject.toml changes.
$(VENV)/.installed-runtime: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[dev,bench]'
	touch $@

# three.js and CodeMirror from the npm registry, bundled by esbuild into
# static files that whitenoise serves: no page loads anything from outside.
$(ASSETS): $(FRONTEND_SOURCES)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && node build.mjs
	touch $@

assets: $(ASSETS)

demo: $(VENV)/.installed-runtime $(ASSETS)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(BIN)/robocampus warm-up
	@echo "robocampus is at http://127.0.0.1:8000  (Ctrl-C stops it)"
	$(BIN)/gunicorn robocampus.site.wsgi --bind 127.0.0.1:8000 --workers 2 --timeout 120

test: $(VENV)/.installed-test $(ASSETS)
	$(BIN)/ruff check src tests bench
	$(BIN)/robocampus warm-up
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-postgres

# The web tests again on PostgreSQL, when a server answers at POSTGRES_URL.
test-postgres: $(VENV)/.installed-test
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$(POSTGRES_URL)" 2>/dev/null; then \
		echo "== web tests on PostgreSQL ($(POSTGRES_URL))"; \
		DATABASE_URL="$(POSTGRES_URL)" $(BIN)/python -m pytest tests/web -q; \
	else \
		echo "== PostgreSQL not reachable at $(POSTGRES_URL): the web tests ran on SQLite only"; \
	fi

bench: $(VENV)/.installed-test
	$(BIN)/robocampus warm-up
	$(BIN)/python -m bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# Regenerate the message catalogue after changing UI strings (needs GNU
# gettext); the compiled .mo files are committed so set-up does not need it.
messages: $(VENV)/.installed-test
	cd src/robocampus && ../../$(BIN)/python ../../manage.py makemessages --locale ko --locale en --ignore 'sim/*' --no-obsolete
	cd src/robocampus && ../../$(BIN)/python ../../manage.py compilemessages

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build src/*.egg-info var frontend/node_modules src/robocampus/static/robocampus/dist
