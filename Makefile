# futoko_research — the two commands a user types are `make test` and `make run`.
# Both create .venv from the lock file (exact versions) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export OMP_NUM_THREADS ?= 1
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
# test workers (pytest-xdist); each test file runs whole on one worker, so module fixtures are built once
TEST_WORKERS ?= 2

.PHONY: test run lab lint lock bench clean

# setuptools' beta warnings and pip's index warnings are packaging noise on the normal path (issue 18):
# silenced for the install only (-qq still prints errors)
$(STAMP): export PYTHONWARNINGS := ignore
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade "pip>=24"
	$(BIN)/python -m pip install -qq --no-deps -r requirements.lock
	$(BIN)/python -m pip install -qq --no-deps --no-build-isolation -e .
	touch $(STAMP)

## make test: lint, then the test suite (fast tests and the notebook smoke test; < 10 min)
test: $(STAMP)
	$(BIN)/ruff check futoko_research tests benchmarks notebooks tools
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

## make run: the whole pipeline on data/raw -> data/processed and papermill/output, and the SYNTHETIC
## demo corpus (5 fiscal years) -> data/processed/demo and papermill/output/demo; only what changed reruns
run: $(STAMP)
	$(BIN)/futoko-research run --demo

## make lab: JupyterLab with the project's kernel, opened on notebooks/
## (as root, e.g. in a container, JupyterLab needs --allow-root; LAB_ARGS=--no-browser for a server only)
lab: $(STAMP)
	$(BIN)/python -c "from futoko_research.pipeline.kernel import ensure_kernelspec; ensure_kernelspec()"
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check futoko_research tests benchmarks notebooks tools

## make lock: refresh requirements.lock from the current .venv (maintainers only)
lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^futoko' -e '^-e' -e '^pip==' > requirements.lock

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_features.py

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/cache data/processed/.stamps \
		data/processed/demo papermill/output
