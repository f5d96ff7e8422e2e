# Two commands for a fresh machine (Python 3.11): `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# exact versions and hashes (Python 3.11): the package, its test extra; + the train extra
LOCK       := requirements/lock.txt
LOCK_TRAIN := requirements/lock-train.txt
UV         := uv==0.13.8
COMPILE     = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal --python-version 3.11 --extra test

.PHONY: run test model train-deps lock lock-upgrade evaluate evaluate-real evaluate-ner gazetteer report benchmark clean

# the locked versions, with the pip that ships with Python (no pip upgrade needed), then the package itself.
# The lock is complete (every dependency pinned), so pip installs it as it stands (--no-deps) and `pip check`
# confirms it is consistent: pip's resolver would otherwise look past a pin for an extra such as smart-open[http]
# and stop at the newest release's missing hash.
$(STAMP): pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r $(LOCK)
	$(BIN)/pip check
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

## the training extra (spacy-lookups-data), locked like the rest
train-deps: $(STAMP)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r $(LOCK_TRAIN)
	$(BIN)/pip check

## after a change of pyproject.toml's dependencies: re-resolve, keeping the pinned versions where they still fit
lock: $(STAMP)
	$(BIN)/pip install --quiet $(UV)
	$(COMPILE) -o $(LOCK)
	$(COMPILE) --extra train -o $(LOCK_TRAIN)

## move every pin to the newest release (then `make run` and commit data/processed: pictures may change)
lock-upgrade: $(STAMP)
	$(BIN)/pip install --quiet $(UV)
	$(COMPILE) --upgrade -o $(LOCK)
	$(COMPILE) --upgrade --extra train -o $(LOCK_TRAIN)

## run the pipeline on the bundled sample: data/raw -> data/processed
run: $(STAMP)
	$(BIN)/akteursnetz run data/raw --out data/processed

## run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## extraction scores against the project's gold annotations (sample corpus, then the four held-out sets)
evaluate: run
	$(BIN)/akteursnetz evaluate data/gold/sample.jsonl --pred data/processed
	$(BIN)/akteursnetz run data/heldout --out build/heldout --no-pictures
	$(BIN)/akteursnetz evaluate data/gold/heldout.jsonl --pred build/heldout
	$(BIN)/akteursnetz run data/heldout2 --out build/heldout2 --no-pictures
	$(BIN)/akteursnetz evaluate data/gold/heldout2.jsonl --pred build/heldout2
	$(BIN)/akteursnetz run data/heldout3 --out build/heldout3 --no-pictures
	$(BIN)/akteursnetz evaluate data/gold/heldout3.jsonl --pred build/heldout3
	$(BIN)/akteursnetz run data/heldout4 --out build/heldout4 --no-pictures
	$(BIN)/akteursnetz evaluate data/gold/heldout4.jsonl --pred build/heldout4

## extraction scores on the published reports (texts restored in data/real/texts, see data/real/README.md)
evaluate-real: $(STAMP)
	-$(BIN)/python scripts/real_corpus.py check
	$(BIN)/akteursnetz run data/real/texts --out build/real --no-pictures
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real --present-only
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real --present-only --split blind
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real --present-only --split dev

## NER scores on the official GermEval 2014 test set (needs ../shared)
evaluate-ner: $(STAMP)
	$(BIN)/akteursnetz evaluate-ner

## retrain the shipped NER model from ../shared (vector corpus, floret vectors, NER training; about 1 to 1.5 hours on 2 cores)
model: train-deps
	$(BIN)/akteursnetz train-ner --shared ../shared --work build/ner --model-dir models/de_akteursnetz_ner

## rebuild pipeline/data/gazetteer.json from ../shared/data/gazetteer
gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py --shared ../shared

report: $(STAMP)
	$(BIN)/akteursnetz report --out data/processed

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_workers.py --json benchmarks/results/workers.json

clean:
	rm -rf $(VENV) build .pytest_cache
