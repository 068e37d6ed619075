# The press office's commands. `make run` and `make test` are all a new
# machine needs; see README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# Python 3.12 or newer: $(PYTHON) if given, else the newest on PATH, else pyenv's.
define find_python
	if [ -n "$(PYTHON)" ]; then candidates="$(PYTHON)"; \
	else \
	  pyenv_root=$$(pyenv root 2>/dev/null || echo "$$HOME/.pyenv"); \
	  candidates="python3.14 python3.13 python3.12 python3 $$(ls -d $$pyenv_root/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV)"; \
	fi; \
	for candidate in $$candidates; do \
	  if command -v "$$candidate" >/dev/null 2>&1 && \
	     "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    echo "$$candidate"; exit 0; \
	  fi; \
	done; \
	if [ -n "$(PYTHON)" ]; then \
	  echo "PYTHON=$(PYTHON) is not a Python 3.12 or newer that can run here (Django 6.1 needs 3.12+)." >&2; \
	else \
	  echo "No Python 3.12 or newer found (tried python3.14 ... python3 and pyenv)." >&2; \
	  echo "Install one (e.g. 'pyenv install 3.13') or point to it: make run PYTHON=/path/to/python3.13" >&2; \
	fi; \
	exit 1
endef

.PHONY: help run serve test lint format bench demo clean

help:
	@echo "make run     set up, migrate, load the demo and serve http://127.0.0.1:$(PORT)"
	@echo "make test    install the test tools and run the whole suite"
	@echo "make lint    ruff, as CI runs it"
	@echo "make format  let ruff format and sort imports"
	@echo "make serve   the same site under gunicorn, production-like (DEBUG off, hashed static)"
	@echo "             (both start the tasks worker that makes pictures' renditions)"
	@echo "make bench   measure pages, press-kit ZIP and renditions (needs wrk, curl) into benchmarks/RESULTS.md"
	@echo "make demo    migrate and load the demo catalogue only"
	@echo "make clean   remove the virtual environment, database, media and collected static"

# The virtual environment, rebuilt if it was made with a Python older than 3.12.
$(BIN)/python:
	@python=$$($(find_python)) || exit 1; \
	echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	"$$python" -m venv --clear $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

.PHONY: venv
venv: $(BIN)/python
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "$(VENV) uses $$($(BIN)/python --version); remaking it with Python 3.12+"; \
	  rm -rf $(VENV); $(MAKE) --no-print-directory $(BIN)/python; }

# Installs are stamped, so that they rerun only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | venv
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | venv
	$(BIN)/python -m pip install --quiet ".[test,lint]"
	@touch $@ $(VENV)/.installed-run

# The interface's translations: each language's catalogue (config/locale/<language>/
# LC_MESSAGES/django.po, kept in git) compiled into the .mo file Django reads.
CATALOGUES := $(wildcard config/locale/*/LC_MESSAGES/django.po)
COMPILED := $(CATALOGUES:.po=.mo)

%.mo: %.po | $(VENV)/.installed-run
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

.PHONY: messages
# After changing the interface's wording: gather its messages into every catalogue
# for translation (tests/test_i18n.py fails while one has a message untranslated).
messages: $(VENV)/.installed-run
	$(BIN)/pybabel extract --mapping-file config/babel.cfg --sort-by-file --no-wrap \
	  --keywords gettext_lazy --keywords ngettext_lazy:1,2 --keywords pgettext_lazy:1c,2 \
	  --keywords npgettext_lazy:1c,2,3 --keywords gettext_noop \
	  --project "Press office" --output-file config/locale/django.pot config presskit festivals templates
	$(BIN)/pybabel update --input-file config/locale/django.pot --output-dir config/locale \
	  --domain django --no-fuzzy-matching --ignore-obsolete --no-wrap
	rm config/locale/django.pot

# The tasks worker, which makes pictures' renditions, runs beside the site
# and stops with it; at a lower priority, so that pages keep their speed
# while 24-megapixel stills are resized.
WORKER := nice -n 10 $(MANAGE) db_worker --no-reload

# The site's own address (canonical links, feeds, calendars, the demo's login
# address) follows the port it is served on, unless DJANGO_SITE_URL says otherwise.
run serve demo: export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)

demo: $(VENV)/.installed-run $(COMPILED)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo

run: demo
	@$(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production settings on SQLite, for load tests: DEBUG off, WhiteNoise serving
# hashed files, gunicorn as config/gunicorn.py sets it up (a threaded worker per
# core). Plain HTTP on loopback.
serve: export DJANGO_SETTINGS_MODULE = config.settings.prod
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_HTTPS ?= false
serve: $(VENV)/.installed-run $(COMPILED)
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then \
	  [ -f .secret_key ] || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key; \
	fi
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat .secret_key)} $(MANAGE) migrate --no-input
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat .secret_key)} $(MANAGE) seed_demo
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat .secret_key)} $(MANAGE) collectstatic --no-input --verbosity 0
	@export DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}; \
	$(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/gunicorn config.wsgi --config config/gunicorn.py --bind 127.0.0.1:$(PORT)

# Pages under wrk against a bare Django project, the press-kit ZIP against
# nginx, the renditions against Pillow and vipsthumbnail, an embargo-lift
# stampede, renders under load, the PostgreSQL pool and fault drills (Redis,
# PostgreSQL, a full disk, a missing file), all through `make serve`; writes
# benchmarks/RESULTS.md. Installs the Debian packages it needs (wrk,
# nginx-light, libvips-tools, curl, redis-server) when run as root, else names them.
# BENCH_ONLY="pages kit renditions stampede busy pool drills" runs some parts alone.
bench: $(VENV)/.installed-run $(COMPILED)
	BENCH_ONLY="$(BENCH_ONLY)" $(BIN)/python benchmarks/run.py

test: $(VENV)/.installed-test $(COMPILED)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles .secret_key .pytest_cache $(COMPILED)
