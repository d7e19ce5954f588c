# One command to set up and start the app, one to set up and run the tests.
# The virtual environment is created on first use and refreshed when pyproject.toml changes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The CPU build of torch; override (e.g. TORCH_SPEC="torch>=2.4,<3") for a CUDA build.
TORCH_SPEC ?= torch==2.13.0
TORCH_PIP_ARGS ?=

export QT_API := pyside6

.PHONY: install run test lint bench screenshot clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first, from the pinned spec, so the range in pyproject.toml is already met
	# and pip does not pull a multi-gigabyte CUDA build.
	$(BIN)/python -c "import torch" 2>/dev/null || \
		$(BIN)/python -m pip install --quiet $(TORCH_PIP_ARGS) "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Opens the window; on a machine without a screen it runs under Xvfb when available.
run: install
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null; then \
		xvfb-run -a $(BIN)/mlm-desktop $(ARGS); \
	else \
		$(BIN)/mlm-desktop $(ARGS); \
	fi

test: install
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check mlm_desktop tests benchmarks tools

bench: install
	$(BIN)/python benchmarks/analysis_vs_forward.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/gui_latency.py

screenshot: install
	QT_QPA_PLATFORM=offscreen $(BIN)/mlm-desktop --screenshot docs/screenshot.png $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
