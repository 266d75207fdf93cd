# `make run`: set everything up and serve the demo site on http://127.0.0.1:8000/ (SQLite).
# `make test`: the whole suite (ruff, Django checks, pytest, browser tests included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup demo lint format bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

.env:
	cp .env.example .env

setup: $(STAMP) .env
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: setup
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_TESTING=1 $(PY) manage.py check
	DJANGO_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The load benchmark (bench/README.md): the data first, once, with manage.py bench_data.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_REDIS ?= redis://127.0.0.1:6379/5
BENCH_SQLITE ?= sqlite:///var/bench.sqlite3
bench: $(STAMP)
	$(PY) bench/run.py --database $(BENCH_POSTGRES) --redis $(BENCH_REDIS)
	$(PY) bench/run.py --database $(BENCH_SQLITE)

clean:
	rm -rf $(VENV) var
