"""Forward-pass speed in GFLOP/s against the machine's matrix-multiply peak, and, on a GPU,
fp16 and bf16 against fp32: speed and agreement of the top-k.

    python benchmarks/precision_and_flops.py [--device cpu|cuda] [--repeats 10]

Speed: a bert-base-sized model (12 layers, 768 wide, bert-base-uncased's vocabulary,
random weights built here) loaded through the app's loader, on the notebook's paragraph
(62 tokens) and on a 512-token text, timed as a bare ``model(**inputs)`` forward and as
the app's masked-LM pass (``masked_lm.run``), side by side, medians with min and max.
The forward's floating-point operations are counted by torch's ``FlopCounterMode``;
the peak is the median of square matrix products (4096 on a GPU, 2048 on the CPU).

Agreement: the bundled demo model (trained weights, so its top-k means something) on the
notebook's paragraph with its 17 masks, each precision against fp32 on the same device:
the share of masked positions whose top-1 agrees, the mean overlap of the top-5, and the
largest difference of a top-5 probability.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from tiny_models import BERT_VOCAB, NOTEBOOK_TEXT  # noqa: E402

from mlm_desktop.core import AnalysisRequest, load_model  # noqa: E402
from mlm_desktop.core.analyses import masked_lm  # noqa: E402
from mlm_desktop.core.loading import quiet_library_output  # noqa: E402
from mlm_desktop.core.resources import BUNDLED_MODEL  # noqa: E402

MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)
DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def _sync(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def timed(fn, device: str, repeats: int) -> tuple[float, float, float]:
    """Median, min and max milliseconds of ``fn`` after two warm-up calls."""
    for _ in range(2):
        fn()
    _sync(device)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        _sync(device)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def matmul_peak(device: str, dtype: torch.dtype, repeats: int) -> float:
    """GFLOP/s of an n×n×n product (n = 4096 on a GPU, 2048 on the CPU)."""
    n = 4096 if device == "cuda" else 2048
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    ms, _lo, _hi = timed(lambda: a @ b, device, repeats)
    return 2 * n**3 / (ms / 1000) / 1e9


def forward_flops(model, inputs) -> int:
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        model(**inputs)
    return int(counter.get_total_flops())


def build_base_sized(folder: Path) -> Path:
    from transformers import BertConfig, BertForMaskedLM, BertTokenizer

    tokenizer = BertTokenizer(vocab=str(BERT_VOCAB), do_lower_case=True)
    tokenizer.model_max_length = 512
    torch.manual_seed(0)
    BertForMaskedLM(BertConfig(vocab_size=tokenizer.vocab_size)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def long_text(tokenizer, tokens: int = 510) -> str:
    words = (NOTEBOOK_TEXT + " ") * 12
    ids = tokenizer(words, add_special_tokens=False)["input_ids"][:tokens]
    return tokenizer.decode(ids)


def speed_rows(loaded, device: str, label: str, repeats: int, peak: float) -> list[str]:
    rows = []
    tok = loaded.tokenizer
    for name, text in (("62 tokens", NOTEBOOK_TEXT), ("512 tokens", long_text(tok))):
        inputs = {k: v.to(device) for k, v in tok(text, return_tensors="pt").items()}
        flops = forward_flops(loaded.model, inputs)
        with torch.no_grad():
            bare = timed(lambda inputs=inputs: loaded.model(**inputs), device, repeats)
        request = AnalysisRequest(text, mask_positions=MASK, output_hidden_states=False)
        analysis = timed(lambda request=request: masked_lm.run(loaded, request), device, repeats)
        gflops = flops / (bare[0] / 1000) / 1e9
        rows.append(
            f"| {device} {label} | {name} | {bare[0]:.1f} ({bare[1]:.1f}–{bare[2]:.1f}) | "
            f"{analysis[0]:.1f} ({analysis[1]:.1f}–{analysis[2]:.1f}) | {analysis[0] / bare[0]:.2f} | "
            f"{flops / 1e9:.1f} | {gflops:.0f} | {100 * gflops / peak:.0f}% |"
        )
    return rows


def agreement_rows(device: str) -> list[str]:
    reference = load_model(str(BUNDLED_MODEL), device=device)
    reference.model.float()
    request = AnalysisRequest(NOTEBOOK_TEXT, mask_positions=MASK, top_k=5, output_hidden_states=False)
    base = masked_lm.run(reference, request)
    rows = []
    for label, dtype in DTYPES.items():
        if label == "fp32":
            continue
        other = dataclasses.replace(reference, model=reference.model.to(dtype))
        got = masked_lm.run(other, request)
        reference.model.float()
        pos = base.mask_positions
        top1 = float((base.top_ids[pos, 0] == got.top_ids[pos, 0]).mean())
        overlap = statistics.mean(
            len(set(base.top_ids[p, :5].tolist()) & set(got.top_ids[p, :5].tolist())) / 5 for p in pos
        )
        diff = float(abs(base.top_probs[pos, :5] - got.top_probs[pos, :5]).max())
        rows.append(f"| {device} {label} vs fp32 | {len(pos)} | {top1:.3f} | {overlap:.3f} | {diff:.2e} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    quiet_library_output()
    device = args.device
    name = torch.cuda.get_device_name() if device == "cuda" else "CPU"
    print(f"device: {device} ({name}), torch {torch.__version__}, threads {torch.get_num_threads()}")
    labels = list(DTYPES) if device == "cuda" else ["fp32"]
    peaks = {label: matmul_peak(device, DTYPES[label], args.repeats) for label in labels}
    for label, peak in peaks.items():
        print(f"matrix-multiply peak {label}: {peak:.0f} GFLOP/s")
    print()
    print("| device, precision | length | bare forward ms (min–max) | masked-LM pass ms (min–max) "
          "| ratio | GFLOP per forward | GFLOP/s | of peak |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load_model(str(build_base_sized(Path(tmp) / "m")), device=device)
        for label in labels:
            loaded.model.to(DTYPES[label])
            for row in speed_rows(loaded, device, label, args.repeats, peaks[label]):
                print(row, flush=True)
    if device == "cuda":
        print()
        print("| precision | masked positions | top-1 agrees | top-5 overlap | max |Δ| top-5 probability |")
        print("|---|---|---|---|---|")
        for row in agreement_rows(device):
            print(row)


if __name__ == "__main__":
    main()
