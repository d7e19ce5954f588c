#!/usr/bin/env bash
# Checks that `pipx install .` gives a working `mlm-desktop`: pipx itself goes into a throw-away
# virtual environment, the app into a throw-away PIPX_HOME, and the installed command runs from
# outside the checkout (so the demo model, the sample text and the icons must come from the
# installed package). Usage: bash tools/check_pipx_install.sh   (or: make check-pipx)
#
# TORCH_SPEC picks the torch build installed first (default: the CPU build, as in the README);
# PIPX_PIP_ARGS passes extra pip arguments: where pip finds no CPU build of torch by itself, the
# README's PIPX_PIP_ARGS="--extra-index-url https://download.pytorch.org/whl/cpu".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
TORCH_SPEC="${TORCH_SPEC:-torch==2.13.0+cpu}"
WORK="$(mktemp -d /tmp/mlm-desktop-pipx.XXXXXX)"
export PIPX_HOME="$WORK/pipx-home" PIPX_BIN_DIR="$WORK/bin" PIPX_MAN_DIR="$WORK/man"

# a copy of the tracked files (and new ones not ignored), so the build leaves nothing in the checkout
SOURCE="$WORK/source"
mkdir -p "$SOURCE"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$SOURCE")

"$PYTHON" -m venv "$WORK/pipx-venv"
"$WORK/pipx-venv/bin/python" -m pip install --quiet pipx
PIPX="$WORK/pipx-venv/bin/pipx"
"$PIPX" install "$SOURCE" --preinstall "$TORCH_SPEC" ${PIPX_PIP_ARGS:+--pip-args="$PIPX_PIP_ARGS"}

APP="$PIPX_BIN_DIR/mlm-desktop"
cd "$WORK"   # outside the checkout
"$APP" --help > "$WORK/help.txt"
grep -q "predict" "$WORK/help.txt"
echo "torch in the app's environment: $("$PIPX_HOME/venvs/mlm-desktop/bin/python" -c 'import torch; print(torch.__version__)')"
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" XDG_CONFIG_HOME="$WORK/config" MLM_DESKTOP_DATA_DIR="$WORK/data" \
    HF_HUB_OFFLINE=1 "$APP" --screenshot "$WORK/x.png"
test -s "$WORK/x.png"
"$APP" predict --text "The capital of France is [MASK]." --json > "$WORK/predict.json"
grep -q "minilm-l6-mlm-en" "$WORK/predict.json"
echo "pipx install works: $APP (screenshot $WORK/x.png)"
if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi
