# Two commands for a fresh machine (Python 3.11): `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test model evaluate evaluate-real evaluate-ner gazetteer report benchmark clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

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
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real --split blind
	$(BIN)/akteursnetz evaluate data/gold/real.jsonl --pred build/real --split dev

## NER scores on the official GermEval 2014 test set (needs ../shared)
evaluate-ner: $(STAMP)
	$(BIN)/akteursnetz evaluate-ner

## retrain the shipped NER model from ../shared/data/ner (long: hours on one core)
model: $(STAMP)
	$(BIN)/pip install --quiet -e ".[train]"
	$(BIN)/akteursnetz train-ner --shared ../shared --work build/ner --model-dir models/de_akteursnetz_ner

## rebuild pipeline/data/gazetteer.json from ../shared/data/gazetteer
gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py --shared ../shared

report: $(STAMP)
	$(BIN)/akteursnetz report --out data/processed

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build .pytest_cache
