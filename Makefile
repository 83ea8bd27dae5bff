# archiver: make demo | make test | make lint | make bench | make archive | make verify
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
COMPILED := $(VENV)/.compiled-stamp
SOURCES := $(wildcard archiver/*.py archiver/*/*.py)

.PHONY: install demo test lint bench

install: $(STAMP) $(COMPILED)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# An editable install leaves archiver uncompiled; where PYTHONDONTWRITEBYTECODE is set,
# every run would compile it again (0.07 s per start), and its regexes too (0.2 s; see
# archiver/regex_cache.py). Compile both here, again whenever a source file changes.
$(COMPILED): $(STAMP) $(SOURCES)
	$(BIN)/python -m compileall -q archiver
	$(BIN)/python -m archiver.regex_cache
	touch $(COMPILED)

demo: install
	$(BIN)/archiver demo --output packages

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check archiver tests
	$(BIN)/ruff format --check archiver tests

# --- benchmarks (not run by CI; each compares against a named baseline in the same run) -------
# The extraction benchmarks need trafilatura's evaluation set: ARCHIVER_EVAL_DATA=DIR, else
# ../shared/eval/trafilatura-evaldata when present; without it they say so and exit 0.
EVAL_DATA ?= $(or $(ARCHIVER_EVAL_DATA),../shared/eval/trafilatura-evaldata)
.PHONY: bench-extract bench-metadata bench-dumps bench-rules bench-verify bench-memory bench-startup

bench: bench-extract bench-dumps bench-rules bench-verify bench-batch bench-item-cpu bench-memory bench-startup

bench-extract: install
	$(BIN)/python tests/benchmarks/bench_extract.py --dataset '$(EVAL_DATA)'

bench-metadata: install
	$(BIN)/python tests/benchmarks/bench_metadata.py --dataset '$(EVAL_DATA)'

bench-dumps: install
	$(BIN)/python tests/benchmarks/bench_dumps.py --dataset '$(EVAL_DATA)'

bench-rules: install
	$(BIN)/python tests/benchmarks/bench_dumps.py --speed

bench-verify: install
	$(BIN)/python tests/benchmarks/bench_verify.py

bench-memory: install
	$(BIN)/python tests/benchmarks/bench_hostile_memory.py

# What a batch spends before its first item, against the baseline's imports.
bench-startup: install
	$(BIN)/python tests/benchmarks/bench_startup.py

# --- batches: make archive / make verify / make bench-batch (see README "Batch runs") --------
INBOX ?= inbox
PACKAGES ?= packages
ARCHIVER ?= $(BIN)/archiver
# Worker processes: JOBS=N, else make's own -jN (`make -j2 archive`), else 1; a bare -j: all CPUs.
JOBS ?= $(if $(filter -j,$(MAKEFLAGS)),,$(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1))
ARCHIVE_INBOX := $(patsubst %/,%,$(INBOX))
ARCHIVE_STAMPS := $(PACKAGES)/.stamps
ARCHIVE_QUEUE := $(ARCHIVE_STAMPS)/queue.list
ARCHIVE_ODD_LIST := $(ARCHIVE_STAMPS)/odd-names.list
# make cannot track names holding whitespace or any of : ; # % $ \ * ? [ ] | ( ): those inputs
# go to `archiver batch` in a list on every run (it skips them by content hash when unchanged).
ARCHIVE_ODD := '*[][[:space:]:;\#%$$\\*?|()]*'
ARCHIVE_FIND := find '$(ARCHIVE_INBOX)' -mindepth 1 -name '.*' -prune -o -type f
ARCHIVE_NEEDS := $(if $(filter $(BIN)/archiver,$(ARCHIVER)),install)

.PHONY: archive verify bench-batch bench-item-cpu

ifneq ($(filter archive,$(MAKECMDGOALS)),)
# Decided by make alone (no Python): one stamp per input, dated like the input when packaged.
_ := $(shell mkdir -p '$(ARCHIVE_INBOX)' '$(ARCHIVE_STAMPS)' && : > '$(ARCHIVE_QUEUE)' && \
	$(ARCHIVE_FIND) -path $(ARCHIVE_ODD) -print > '$(ARCHIVE_ODD_LIST)')
ARCHIVE_INPUTS := $(shell $(ARCHIVE_FIND) ! -path $(ARCHIVE_ODD) -print)
ARCHIVE_DONE := $(patsubst $(ARCHIVE_INBOX)/%,$(ARCHIVE_STAMPS)/%.done,$(ARCHIVE_INPUTS))
endif

# Out-of-date inputs are only queued here (no process started); one `archiver batch` with
# JOBS workers then packages the queue and stamps each input that ends packaged.
archive: $(ARCHIVE_NEEDS) $(ARCHIVE_DONE)
	@if [ -s '$(ARCHIVE_QUEUE)' ] || [ -s '$(ARCHIVE_ODD_LIST)' ]; then \
	  $(ARCHIVER) batch @'$(ARCHIVE_QUEUE)' @'$(ARCHIVE_ODD_LIST)' -o '$(PACKAGES)' \
	    $(if $(JOBS),--jobs $(JOBS)) --report '$(ARCHIVE_STAMPS)/report.jsonl' \
	    --stamp-root '$(ARCHIVE_INBOX)' --stamp-dir '$(ARCHIVE_STAMPS)'; \
	else echo "make archive: nothing new in $(ARCHIVE_INBOX)"; fi

$(ARCHIVE_DONE): $(ARCHIVE_STAMPS)/%.done: $(ARCHIVE_INBOX)/%
	$(file >>$(ARCHIVE_QUEUE),$(abspath $<))

verify: $(ARCHIVE_NEEDS)
	$(ARCHIVER) verify '$(PACKAGES)'

bench-batch: install
	$(BIN)/python tests/benchmarks/bench_batch.py

# CPU per item in one process, archiver against the same baseline, interleaved item by item.
bench-item-cpu: install
	$(BIN)/python tests/benchmarks/bench_item_cpu.py

# Long fuzzing of the bag readers and the HTML extractor (hypothesis; CI runs 25 examples).
.PHONY: fuzz
fuzz: install
	ARCHIVER_FUZZ_EXAMPLES=$${ARCHIVER_FUZZ_EXAMPLES:-3000} $(BIN)/python -m pytest -q tests/fuzz -p no:cacheprovider
