# One command runs the stack (`make run`), another the tests (`make test`).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY310 := $(shell scripts/find-python310)
RASA_ARGS := --config bot/config.yml --domain bot/domain.yml --data nlu stories

.PHONY: install run test lint model validate nlu-report nlu-languages nlu-heldout bench clean

$(BIN)/.installed: pyproject.toml constraints.txt
	@test -n "$(PY310)" || { echo "Python 3.10 is required"; exit 1; }
	test -x $(BIN)/python || $(PY310) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<25" wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -m pip check
	touch $@

install: $(BIN)/.installed

# Trains only when the training data changed (fingerprint in models/roadside.sha256).
model: install
	$(BIN)/python -c "from cli.stack import ensure_model; ensure_model()"

# `make run RASA_SERVERS=2 WEB_WORKERS=4`: two Rasa servers (each with its own action server), four web workers.
RASA_SERVERS ?= 1
WEB_WORKERS ?= 2

run: install
	$(BIN)/roadside run --rasa-servers $(RASA_SERVERS) --web-workers $(WEB_WORKERS) $(RUN_ARGS)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy server storage webhooks bot cli console facts messaging catalog
	$(BIN)/lint-imports
	$(BIN)/hadolint deploy/Dockerfile

validate: install
	$(BIN)/rasa data validate $(RASA_ARGS) --fail-on-warnings

nlu-report: install
	$(BIN)/rasa test nlu --config bot/config.yml --nlu nlu --cross-validation --folds 3 --out results/nlu

# Cross-validated intent F1 per language (en, vi, id, ru) and overall; CPU heavy, run niced.
nlu-languages: install
	nice -n 10 $(BIN)/python scripts/nlu_by_language.py --folds 3 --out results/nlu_by_language.json

nlu-heldout: model
	$(BIN)/python scripts/nlu_heldout.py --out results/nlu_heldout.json

# Short smoke runs; each module takes options for longer ones (see its docstring).
bench: install
	$(BIN)/python -m bench.tracker_store
	$(BIN)/python -m bench.privacy_streams
	$(BIN)/python -m bench.sms_load $(BENCH_ARGS)
	$(BIN)/python -m bench.sms_paths
	$(BIN)/python -m bench.soak --seconds 60 --rate 5 --warmup 10
	$(BIN)/python -m bench.turn_profile --turns 20

clean:
	rm -rf $(VENV) models results .run
