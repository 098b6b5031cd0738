# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run dev test setup system lint bench worker clean-db

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

# A random secret key for this machine. DEBUG is not set here: `make run` serves with DEBUG off as
# production does, `make dev` turns it on for its own process. Production never uses this file.
.env:
	@printf 'DJANGO_SECRET_KEY=dev-%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(40))')" > .env
	@echo "已生成开发用 .env"

setup: $(BIN)/.installed .env

system:
	@scripts/setup_system.sh

# The portal as production serves it: gunicorn, DEBUG off, WhiteNoise, the task worker; a short Chinese
# progress of the setup (scripts/run_portal.sh). Ctrl-C stops the server and the worker.
run:
	@MAKE="$(MAKE)" HOST=$(HOST) PORT=$(PORT) scripts/run_portal.sh

# For engineers: Django's development server with DEBUG on (auto-reload, debug pages), the worker beside it.
dev: system setup
	$(BIN)/python manage.py migrate --noinput
	@test -f var/fonts/manifest.json || $(BIN)/python manage.py prepare_document_fonts
	$(BIN)/python manage.py load_demo --if-empty
	@$(BIN)/python manage.py demo_users
	@mkdir -p var/log
	@DJANGO_DEBUG=true DJANGO_SECURE=false $(BIN)/python manage.py db_worker --interval 1 > var/log/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  DJANGO_DEBUG=true DJANGO_SECURE=false $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	@scripts/setup_system.sh --browser --strict
	DJANGO_SECURE=false $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmarks against the database in DATABASE_URL (docs/performance.md); seed it first with
# `manage.py seed_scale` for the province-scale figures.
bench: setup
	DJANGO_DEBUG=false DJANGO_SECURE=false $(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/load.py

worker: setup
	$(BIN)/python manage.py db_worker
