# futoko_research — the two commands a user types are `make test` and `make run`.
# Both create .venv from the lock file (exact versions) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export OMP_NUM_THREADS ?= 1
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: test test-all run lab lint lock bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## make test: lint, then the test suite (fast tests and the notebook smoke test; < 10 min)
test: $(STAMP)
	$(BIN)/ruff check futoko_research tests benchmarks notebooks tools
	$(BIN)/python -m pytest

## make run: the whole pipeline on data/raw -> data/processed and papermill/output
run: $(STAMP)
	$(BIN)/futoko-research run

## make lab: JupyterLab with the project's kernel, opened on notebooks/
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name futoko-research --display-name "futoko_research (.venv)"
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

lint: $(STAMP)
	$(BIN)/ruff check futoko_research tests benchmarks notebooks tools

## make lock: refresh requirements.lock from the current .venv (maintainers only)
lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^futoko' -e '^-e' -e '^pip==' > requirements.lock

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_features.py

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/cache papermill/output
