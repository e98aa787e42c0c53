# Two commands matter: `make run` (the product on the sample articles) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run api test test-slow install model index eval clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/rag prepare-model

index: model
	$(BIN)/rag ingest data/articles

run: index
	$(BIN)/rag ask "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"

api: index
	$(BIN)/uvicorn api.main:app --host 127.0.0.1 --port 8000

test: install
	$(BIN)/python -m pytest

test-slow: install
	$(BIN)/python -m pytest -m slow

eval: model
	mkdir -p var && $(BIN)/rag eval ../shared/data/xquad-vi/xquad.vi.json --unanswerable data/eval/unanswerable.vi.json --json var/eval-xquad.json

clean:
	rm -rf var .pytest_cache
