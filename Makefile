# archiver: make demo | make test | make lint | make bench | make archive | make verify
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint bench

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/archiver demo --output packages

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check archiver tests
	$(BIN)/ruff format --check archiver tests
