# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run dev test setup system lint bench worker clean-db lock audit

# Installs exactly the hash-locked versions (requirements-dev.lock: the app's requirements.lock plus the
# development tools), then checks offline that the lock still provides everything requirements*.txt
# ask for (a package added there without `make lock` fails here, not in production).
$(BIN)/.installed: requirements.lock requirements-dev.lock requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	@PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip install -q --no-index --dry-run -r requirements-dev.txt \
	  || { echo "requirements*.txt 中有锁文件没有的包或版本：请运行 make lock 并提交 *.lock" >&2; exit 1; }
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
dev: export CACHE_URL ?= filecache://$(CURDIR)/var/cache?max_entries=20000
dev: system setup
	@rm -rf var/cache
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

# Regenerate the hash locks from requirements*.txt (uv, every wheel's hash, Linux/macOS/Windows markers).
# Pins already in the locks are kept; `make lock LOCK_ARGS=--upgrade` refreshes every package, and
# `LOCK_ARGS="--upgrade-package weasyprint"` one of them. Then `make audit` (docs/security.md).
LOCK = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q --require-hashes -r requirements-dev.lock; }
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

# Known vulnerabilities (PyPI advisory database) of every locked package, production and development.
audit: setup
	$(BIN)/pip-audit --strict --disable-pip --require-hashes -r requirements.lock
	$(BIN)/pip-audit --strict --disable-pip --require-hashes -r requirements-dev.lock
