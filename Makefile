# Two commands matter: `make run` (the product on the sample articles) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run api test test-slow install lock browser model index eval bench clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# llama-cpp-python (a test dependency) compiles llama.cpp: for any x86-64 CPU, not just this one.
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Rewrite constraints.txt from the venv, after deliberately upgrading a package in it.
lock: $(STAMP)
	{ sed -n '1,3p' constraints.txt; $(BIN)/pip freeze --exclude-editable | sed 's/+cpu$$//'; } > constraints.tmp && mv constraints.tmp constraints.txt

model: install
	$(BIN)/rag prepare-model

index: model
	$(BIN)/rag ingest data/articles

# The API on :8000 (docs at /docs) and the chat on :8501, over the sample articles.
run: index
	$(BIN)/rag ask "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"
	$(BIN)/rag serve

api: index
	$(BIN)/uvicorn api.main:app --host 127.0.0.1 --port 8000

# The end-to-end chat tests drive Debian's Chromium (Playwright's own download fails offline).
browser:
	@test -x /usr/bin/chromium || { 	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); 	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: install browser
	$(BIN)/python -m pytest

test-slow: install browser
	$(BIN)/python -m pytest -m slow

# Each prints its figures (README, "Measured"); ann_scale's 1M-vector run takes ~10 minutes.
bench: model
	$(BIN)/python -m benchmarks.ask_latency
	$(BIN)/python -m benchmarks.ingest_throughput
	$(BIN)/python -m benchmarks.api_load
	$(BIN)/python -m benchmarks.ann_scale

eval: model
	mkdir -p var && $(BIN)/rag eval ../shared/data/xquad-vi/xquad.vi.json --unanswerable data/eval/unanswerable.vi.json --json var/eval-xquad.json

clean:
	rm -rf var .pytest_cache
