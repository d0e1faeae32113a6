# Set-up and everyday commands. `make demo` and `make test` work on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-all train evaluate bench lexicon corpus clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	@for f in examples/*.txt examples/*.eml; do \
	  echo "== nextround analyze $$f"; $(BIN)/nextround analyze "$$f" || exit 1; echo; done

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m "slow or not slow"

corpus: $(STAMP)
	$(BIN)/python corpora/generate.py
	$(BIN)/python corpora/validate.py corpora/annotated/*.jsonl

lexicon: $(STAMP)
	$(BIN)/python scripts/build_lexicon.py

train: $(STAMP)
	$(BIN)/nextround train

evaluate: $(STAMP)
	$(BIN)/nextround evaluate

bench: $(STAMP)
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/batch.py

clean:
	rm -rf $(VENV) build src/*.egg-info
