# Two commands for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo serve test lint worker beat eval bench bench-web clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet ".[test,dev]"
	touch $@

# The NL Design System CSS comes from npm (Debian's nodejs and npm); `npm ci` installs the
# locked versions and frontend/build.mjs writes static/nlds/components.css (gitignored).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/nlds/components.css: node_modules/.installed frontend/build.mjs
	npm run --silent build

install: $(VENV)/.installed static/nlds/components.css

# Install, migrate a SQLite database, load demo data and serve on 127.0.0.1:8000 (DEBUG off,
# so our own 404/500 pages show, as the public sees them) with Celery
# tasks in-process.
demo: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data --if-empty
	DEBUG=false $(PY) manage.py runserver 127.0.0.1:8000

serve: install
	$(PY) manage.py runserver 127.0.0.1:8000

# Install and run the whole suite. With DATABASE_URL / CELERY_BROKER_URL set (as .ci/run
# does) it runs against PostgreSQL and Redis with a real worker; with CI=true a missing
# service fails the integration tests instead of skipping them.
test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest

# The same checks as the pre-commit hooks (.pre-commit-config.yaml), on the whole tree.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

worker: install
	$(VENV)/bin/celery -A griffie worker --loglevel=INFO --concurrency=2

beat: install
	$(VENV)/bin/celery -A griffie beat --loglevel=INFO

eval: install
	$(PY) -m tests.corpus.eval --out eval-out

bench: install
	$(PY) manage.py bench_anonymise

# Uses a throw-away PostgreSQL database (the command fills it with 10,000 documents).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/griffie_bench
bench-web: install
	psql "$(BENCH_DATABASE_URL)" -c 'SELECT 1' >/dev/null 2>&1 \
	  || psql "$(dir $(BENCH_DATABASE_URL))postgres" -c 'CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))'
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_web $(BENCH_WEB_ARGS)

clean:
	rm -rf $(VENV) var eval-out bench-out node_modules static/nlds
