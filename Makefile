# The two commands: `make run` and `make test`. Both create the virtual environment and
# install the pinned requirements first, so they work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The embedded default is development mode (SQLite, jobs without Redis, demo data).
export DEBUG ?= true

.PHONY: run test smoke install lint format bench messages messages-todo readability

$(VENV)/installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	DEMO_AUTHENTICATOR_CODE=000000 $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint --quiet

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite runs in two pytest-xdist workers, each with a test database and a Redis database
# of its own (tests/conftest.py); `make test PYTEST_WORKERS=0` runs it in one process.
PYTEST_WORKERS ?= 2

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The production stack without docker (tools/smoke.py): migrate, two gunicorn, two workers,
# a beat, driven over HTTP, a worker killed mid-payout, then a restore drill. Needs DATABASE_URL
# and REDIS_URL (PostgreSQL and Redis, as .ci/run exports them); uses a database of its own.
smoke: install
	$(BIN)/python tools/smoke.py

# Council-scale benchmark on PostgreSQL (see docs/performance.md); not part of `make test`.
bench: install
	tools/bench.sh

# Welsh (docs/welsh.md): refresh the catalogues from the code and compile them; then
# `make messages-todo` lists the strings that still need Welsh (new or changed ones).
messages: install
	$(BIN)/python manage.py makemessages --locale cy --add-location file --no-obsolete \
		--ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*" --ignore "tools/*"
	$(BIN)/python tools/library_messages.py
	$(BIN)/python manage.py compilemessages --locale cy --ignore ".venv"

messages-todo: install
	$(BIN)/python tools/messages_todo.py

# Readability of the portal's own hints and easy read texts (docs/readability.md).
readability: install
	$(VENV)/bin/python tools/readability.py
