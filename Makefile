# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV := DJANGO_DEBUG=1

.PHONY: run test lint install install-dev migrate seed messages serve bench clean

# Running the site needs requirements.txt; testing and linting also requirements-dev.txt (which includes it).
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(DEV) $(PY) manage.py migrate --noinput

seed: migrate
	$(DEV) $(PY) manage.py seed

# prepare: migrate and seed in one process, taking turns with any other `make run` or `make serve` starting at once.
run: install
	$(DEV) $(PY) manage.py prepare
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, spread over the machine's cores (pytest-xdist; tests marked xdist_group share a worker);
# PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto --dist loadgroup
test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh docs/screenshots/: the browser tests photograph every page kind in every language.
.PHONY: screenshots
screenshots: install-dev
	SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -n 0 pages/tests/test_browser_pages.py accounts/tests/test_browser_sign_in.py

# Style and structure: ruff (lint, format) and import-linter, on contracts built from INSTALLED_APPS (ecomkb/layers.py).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m ecomkb.layers

# Translators: after editing locale/*/LC_MESSAGES/django.po, rebuild the .mo files
# (pure Python, via Babel; GNU gettext is not needed).
messages: install
	$(PY) manage.py buildcatalogs

# Production: gunicorn, debug off, static files through whitenoise (docs/operations.md).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; same database as `make run` unless DATABASE_URL.
serve: install
	$(PY) manage.py prepare
	PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# Every page kind uncached at 10k/100k records (SQLite) and 10k/100k/1M (PostgreSQL at 127.0.0.1:5432);
# docs/benchmarks.md. GROWTH_ARGS (e.g. "--repeat 10") is passed to both runs.
.PHONY: bench-growth
bench-growth: install-dev
	$(PY) bench/growth.py --databases sqlite --sizes 10000,100000 $(GROWTH_ARGS)
	$(PY) bench/growth.py --databases postgres --sizes 10000,100000,1000000 $(GROWTH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .import_linter_cache

# Lighthouse scores for every kind of page (installs Lighthouse from npm into tools/lighthouse/node_modules).
.PHONY: lighthouse
lighthouse: install
	$(PY) scripts/lighthouse.py --port $(PORT)

# Varnish (deploy/varnish.vcl) on $(PORT) in front of `make serve` on a port of its own (APP_PORT, default: a free
# one), with the same environment; both in the foreground: Ctrl-C stops both. docs/operations.md.
.PHONY: serve-cached
serve-cached: install
	$(PY) deploy/serve_cached.py
