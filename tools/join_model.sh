#!/bin/sh
# Rebuild the model folder that tools/gpu_train.sh sent back in chunks:
#   sh tools/join_model.sh FILES_DIR [DEST]      (DEST default build/gpu-model)
# Checks the digest and adds the bundled model's tokenizer files.
set -eu
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" "$(dirname "$0")/model_chunks.py" join "$1" "${2:-build/gpu-model}"
