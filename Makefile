# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test setup system lint bench worker clean-db

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

# Development settings: a random secret key, DEBUG on. Production never uses this file.
.env:
	@printf 'DJANGO_SECRET_KEY=dev-%s\nDJANGO_DEBUG=true\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(40))')" > .env
	@echo "已生成开发用 .env"

setup: $(BIN)/.installed .env

system:
	@scripts/setup_system.sh

run: system setup
	$(BIN)/python manage.py migrate --noinput
	@test -f var/fonts/manifest.json || $(BIN)/python manage.py prepare_document_fonts
	$(BIN)/python manage.py load_demo --if-empty
	@$(BIN)/python manage.py demo_users
	@echo "门户地址：http://$(HOST):$(PORT)/  （后台任务进程随之启动，用于大批量导入和PDF生成）"
	@$(BIN)/python manage.py db_worker --interval 1 > .worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

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
