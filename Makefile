# Two commands: `make run` and `make test`. Everything else is their building blocks.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# `make serve`: nginx's port (gunicorn and the two uvicorn workers take the next three).
SERVE_PORT ?= 8080
# `make ci-extra`: the port of the end-to-end check of the production layout (and the next three).
SMOKE_PORT ?= 8240
# Installing without internet: `make wheelhouse` where there is internet, then copy the folder
# and install with OFFLINE=1 (`make run OFFLINE=1`, `make test OFFLINE=1`).
WHEELHOUSE ?= wheelhouse
ifeq ($(OFFLINE),1)
PIP_SOURCE := --no-index --find-links $(WHEELHOUSE)
endif

.PHONY: run test install install-test messages compilemessages migrate demo lint format clean \
	serve serve-stop wheelhouse offline-check ci-extra api-fuzz

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q $(PIP_SOURCE) --upgrade pip

# Stamps reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q $(PIP_SOURCE) .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q $(PIP_SOURCE) ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed compilemessages
install-test: $(VENV)/.installed-test compilemessages

compilemessages: | $(PY)
	@$(PY) -m babel.messages.frontend compile -d locale -D django

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo ""
	@echo "Yizhan is starting on http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Extract new strings (needs GNU gettext's xgettext, a developer tool only).
messages: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location --ignore=.venv --ignore=build --ignore=static

test: install-test lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

# The production layout on this machine (docs/deployment.md): nginx on SERVE_PORT, gunicorn,
# two uvicorn workers and the task worker, on PostgreSQL and Redis (DATABASE_URL, REDIS_URL,
# or ENV_FILE=path for a whole environment file). Ctrl-C or `make serve-stop` stops it.
serve: install
	$(PY) -m deploy.serve --port $(SERVE_PORT) $(if $(ENV_FILE),--env-file $(ENV_FILE))

serve-stop:
	$(PY) -m deploy.serve --stop

# Every wheel the product and its tests need, for machines without internet.
wheelhouse: $(WHEELHOUSE)/.complete

$(WHEELHOUSE)/.complete: pyproject.toml | $(PY)
	$(PY) -m pip wheel -q --wheel-dir $(WHEELHOUSE) ".[test]" pip "setuptools>=69" wheel
	rm -f $(WHEELHOUSE)/yizhan-*.whl
	@touch $@

# A fresh virtualenv installed from the wheelhouse alone: no index, no other wheel folder,
# no pip configuration, and a proxy that answers nothing.
OFFLINE_VENV := build/offline-venv
OFFLINE_ENV := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL \
	PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_FIND_LINKS=$(abspath $(WHEELHOUSE)) \
	http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
	HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
offline-check: wheelhouse
	rm -rf $(OFFLINE_VENV)
	$(PYTHON) -m venv $(OFFLINE_VENV)
	$(OFFLINE_ENV) $(OFFLINE_VENV)/bin/python -m pip install -q --upgrade pip
	$(OFFLINE_ENV) $(OFFLINE_VENV)/bin/python -m pip install -q ".[test]"
	$(OFFLINE_VENV)/bin/python -c 'import django; print("offline install: Django", django.get_version())'
	env -u DATABASE_URL -u REDIS_URL $(OFFLINE_VENV)/bin/python manage.py check
	rm -rf $(OFFLINE_VENV)

# CI's checks beyond the suite: the production layout end to end (deploy/smoke.py: it replaces
# the database yizhan_smoke on SMOKE_DATABASE_SERVER and flushes SMOKE_REDIS_URL's database),
# then an offline install.
SMOKE_DATABASE_SERVER ?= postgres://postgres@127.0.0.1:5432
SMOKE_REDIS_URL ?= redis://127.0.0.1:6379/6
ci-extra: install-test
	$(PY) -m deploy.smoke --port $(SMOKE_PORT) \
		--database-server $(SMOKE_DATABASE_SERVER) --redis-url $(SMOKE_REDIS_URL)
	$(MAKE) api-fuzz
	$(MAKE) offline-check

# Schemathesis over /api/schema/: fails on any 5xx or answer the schema does not describe.
# Bounded: API_FUZZ_EXAMPLES generated requests per operation (about a minute at 25).
API_FUZZ_EXAMPLES ?= 25
api-fuzz: install-test
	API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) timeout 900 $(PY) -m pytest -q -p no:cacheprovider \
		tools/api_fuzz.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles run build/offline-venv
