#!/bin/bash
# One GPU training run of the demo model, from the repository root:
#
#   OUT=/some/folder bash tools/gpu_train.sh
#
# Reads the corpus packed by tools/pack_gpu_corpus.py from $CARRY (default
# gpu_carry/), warm-starts from the bundled model, trains on CUDA (bf16 autocast,
# fused AdamW, batch 256 x 128 tokens, peak learning rate 5e-4 with warm-up,
# linear decay) for $MINUTES minutes of wall-clock time, with the whole Python
# process held to $TOTAL minutes (tokenising + training + evaluation).  Every
# 2 minutes and at the end the fp16 weights go to $OUT as <=15 MiB chunks
# (model.safetensors.part-aa..), with config.json and model.sha256; the log is
# $OUT/train.log and the figures $OUT/train_log.json: at most 8 files in all.
# Rebuild the model here with: sh tools/join_model.sh FILES_DIR build/gpu-model
set -uo pipefail
OUT=${OUT:?set OUT to the folder that comes back}
CARRY=${CARRY:-gpu_carry}
MINUTES=${MINUTES:-7}
TOTAL=${TOTAL:-8.7}
LR=${LR:-5e-4}
BATCH=${BATCH:-256}
DEVICE=${DEVICE:-cuda}
WORK=${WORK:-/tmp/demo-model-train}
PYTHON=${PYTHON:-python3}
mkdir -p "$OUT" "$WORK"
export TOKENIZERS_PARALLELISM=true HF_HUB_OFFLINE=1 HF_HUB_DISABLE_PROGRESS_BARS=1 PYTHONUNBUFFERED=1
{
    date -u
    nvidia-smi -L 2>/dev/null || true
    "$PYTHON" -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__)"
    ls -l "$CARRY"
    "$PYTHON" tools/train_mlm.py --device "$DEVICE" --train "$CARRY/train.txt.xz" \
        --eval-file tests/data/heldout_en.txt --eval-file "$CARRY/heldout_mixed.txt" --eval-lines 5000 \
        --out "$WORK/model" --export "$OUT" --minutes "$MINUTES" --total-minutes "$TOTAL" \
        --batch "$BATCH" --seq-len 128 --lr "$LR" --warmup 0.06 --schedule linear --bf16 \
        --save-every 2 --log-every 200 --seed 44 --threads 16 "$@"
    echo "exit status $?"
    date -u
} 2>&1 | tee "$OUT/train.log"
