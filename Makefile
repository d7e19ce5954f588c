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

.PHONY: install system-deps run test lint bench screenshot translations clean icons install-desktop uninstall-desktop check-pipx

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

# Qt's X11 plugin needs a few xcb libraries, a machine without a screen needs Xvfb, and the
# Chinese interface a font with Chinese characters, emoji a colour emoji font (without them they
# show as boxes).
# As root with apt-get they are installed when missing; elsewhere a hint names them.
QT_XCB_PLUGIN = $(VENV)/lib/python*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so
QT_X11_PACKAGES = libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 \
	libfontconfig1 libdbus-1-3

system-deps: install
	@missing=""; \
	if ldd $(QT_XCB_PLUGIN) 2>/dev/null | grep -q "not found"; then missing="$(QT_X11_PACKAGES)"; fi; \
	if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && ! command -v xvfb-run >/dev/null; then \
		missing="$$missing xvfb xauth"; fi; \
	if ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing="$$missing fonts-noto-cjk"; fi; \
	if ! fc-list : family 2>/dev/null | grep -qi emoji; then missing="$$missing fonts-noto-color-emoji"; fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing system packages for the window: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "the window needs these system packages: $$missing"; \
		fi; \
	fi

# Opens the window; on a machine without a screen it runs under Xvfb.
run: install system-deps
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null; then \
		xvfb-run -a $(BIN)/mlm-desktop $(ARGS); \
	else \
		$(BIN)/mlm-desktop $(ARGS); \
	fi

test: install
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check mlm_desktop tests benchmarks tools
	$(BIN)/lint-imports

# One table of the app's speed, written to benchmarks/RESULTS.md and the README (ARGS=--quick: a smoke test).
# The other scripts in benchmarks/ each look closer at one thing; run them by hand
# (score_vs_minicons.py needs `pip install -e ".[bench]"`).
bench: install
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/suite.py $(ARGS)

screenshot: install
	QT_QPA_PLATFORM=offscreen $(BIN)/mlm-desktop --screenshot docs/screenshot.png $(ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/mlm-desktop --screenshot docs/screenshot-zh_CN.png --language zh_CN $(ARGS)

# The interface's translations: pyside6-lupdate gathers each area's strings into its .ts file
# (stale entries dropped), the translators fill them in, and pyside6-lrelease compiles every .ts
# of a language into the one .qm the app loads (committed, so that an install needs no build).
I18N := resources/i18n
LANGUAGES := zh_CN
LUPDATE := $(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none
translations: install
	@for lang in $(LANGUAGES); do \
		$(LUPDATE) mlm_desktop/app -ts $(I18N)/app_$$lang.ts && \
		$(LUPDATE) mlm_desktop/panels -ts $(I18N)/panels_$$lang.ts && \
		$(LUPDATE) mlm_desktop/core -ts $(I18N)/core_$$lang.ts && \
		$(BIN)/pyside6-lrelease $(I18N)/*_$$lang.ts -qm $(I18N)/mlm_desktop_$$lang.qm || exit 1; \
	done

# The application icon's PNGs (resources/icons/mlm-desktop-<size>.png), rendered from its SVG by Qt.
icons: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/render_icons.py

# The menu entry and icons for this user, in $$XDG_DATA_HOME (default ~/.local/share); the entry
# runs `mlm-desktop`, so install the app first (`pipx install .`, see the README).
install-desktop:
	$(PYTHON) tools/desktop_entry.py install

uninstall-desktop:
	$(PYTHON) tools/desktop_entry.py uninstall

# `pipx install .` into a throw-away PIPX_HOME, then the installed app run from outside the checkout.
check-pipx:
	bash tools/check_pipx_install.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
