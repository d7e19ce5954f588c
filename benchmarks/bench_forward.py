"""The app's masked-LM pass against the forward a user would write, at 62 and 512 tokens.

Baseline: ``AutoModelForMaskedLM.from_pretrained(folder)`` with the library's default
(SDPA) attention and ``model(**inputs)`` under ``torch.inference_mode()``. Second
reference: the Hugging Face ``fill-mask`` pipeline on the same text with the same masks.
The app's pass is ``masked_lm.run`` on a model from ``load_model``, with the request's
defaults (hidden states and the head check). The three run one after the other in every
repeat, so all see the same machine load.
"""

from __future__ import annotations

import dataclasses
import time

from bench_report import Row
from tiny_models import NOTEBOOK_TEXT

#: the notebook's 17 masked positions in its 62-token paragraph
NOTEBOOK_MASK = (3, 4, 8, 9, 12, 14, 23, 25, 29, 31, 32, 35, 37, 43, 48, 54, 56)
LONG_TEXT = " ".join([NOTEBOOK_TEXT] * 10)  # cut at the model's 512 tokens


def masked_text(tokenizer, text: str, ids: list[int]) -> str:
    """``text`` up to the last token of ``ids``, each masked token's characters replaced by
    the mask token, so the pipeline tokenizes the same tokens with the same masks."""
    encoded = tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=len(ids))
    offsets = encoded["offset_mapping"]
    last = max(i for i, (a, b) in enumerate(offsets) if b > a)
    out = text[: offsets[last][1]]
    for position in sorted((i for i, t in enumerate(ids) if t == tokenizer.mask_token_id),
                           reverse=True):
        start, end = offsets[position]
        out = out[:start] + tokenizer.mask_token + out[end:]
    return out


class Jobs:
    """The three ways to run one masked input, at one length."""

    def __init__(self, baseline, tokenizer, pipe, loaded, request) -> None:
        import torch

        from mlm_desktop.core.analyses import masked_lm

        self.torch, self.masked_lm = torch, masked_lm
        self.model, self.pipe, self.loaded, self.request = baseline, pipe, loaded, request
        self.window_request = dataclasses.replace(
            request, head_check_later=True, output_hidden_states=False)
        result = masked_lm.run(loaded, request)  # its masks, drawn once
        ids = [int(t) for t in result.masked_input_ids]
        self.tokens = len(ids)
        self.masks = len(result.prediction_positions)
        self.inputs = {"input_ids": torch.tensor([ids]),
                       "attention_mask": torch.ones(1, len(ids), dtype=torch.long)}
        self.text = masked_text(tokenizer, request.text, ids)
        self.pipe_tokens = len(tokenizer(self.text)["input_ids"])

    def bare(self) -> None:
        with self.torch.inference_mode():
            self.model(**self.inputs)

    def app(self) -> None:
        self.masked_lm.run(self.loaded, self.request)

    def window(self) -> None:
        """The pass as the window asks for it: the head check follows it, no hidden states
        (their panel is behind a tab on a first run)."""
        self.masked_lm.run(self.loaded, self.window_request)

    def pipeline(self) -> None:
        self.pipe(self.text)


def forward_flops(model, inputs) -> int:
    """Floating-point operations of one ``model(**inputs)``, as torch counts them."""
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with counter, torch.inference_mode():
        model(**inputs)
    return int(counter.get_total_flops())


def matmul_peak():
    """A job: one fp32 product of two 2048 × 2048 matrices; its GFLOP/s is the machine's peak."""
    import torch

    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)

    def job() -> None:
        torch.mm(a, b)

    return job, 2 * 2048**3


def _timed(job) -> float:
    start = time.perf_counter()
    job()
    return (time.perf_counter() - start) * 1000


def forward_rows(folder: str, repeats: dict[int, int]) -> list[Row]:
    """Rows at 62 and 512 tokens; ``repeats`` maps each length to its number of repeats."""
    import torch
    from transformers import AutoModelForMaskedLM, AutoTokenizer, pipeline

    from mlm_desktop.core import AnalysisRequest, load_model

    tokenizer = AutoTokenizer.from_pretrained(folder)
    baseline = AutoModelForMaskedLM.from_pretrained(folder)
    baseline.eval()
    pipe = pipeline("fill-mask", model=baseline, tokenizer=tokenizer, device=torch.device("cpu"))
    loaded = load_model(folder, device="cpu")
    requests = {62: AnalysisRequest(NOTEBOOK_TEXT, mask_positions=NOTEBOOK_MASK),
                512: AnalysisRequest(LONG_TEXT, random_probability=0.15, seed=0)}
    peak, peak_flops = matmul_peak()
    rows: list[Row] = []
    for length, request in requests.items():
        jobs = Jobs(baseline, tokenizer, pipe, loaded, request)
        flops = forward_flops(baseline, jobs.inputs)
        times: dict[str, list[float]] = {"bare": [], "window": [], "app": [], "pipeline": [],
                                         "peak": []}
        for _ in range(2):  # warm-up
            jobs.bare(), jobs.window(), jobs.app(), jobs.pipeline(), peak()
        for _ in range(repeats[length]):
            for name in times:
                times[name].append(_timed(peak if name == "peak" else getattr(jobs, name)))
        speed = [flops / ms / 1e6 for ms in times["bare"]]
        peaks = [peak_flops / ms / 1e6 for ms in times["peak"]]
        where = f"{jobs.tokens} tokens, {jobs.masks} masks"
        extra = "" if jobs.pipe_tokens == jobs.tokens else f" (it reads {jobs.pipe_tokens} tokens)"
        rows += [
            Row(f"baseline: bare `model(**inputs)`, SDPA, {where}", times["bare"]),
            Row(f"app's masked-LM pass as the window asks (head check after it), {where}",
                times["window"], baseline=times["bare"], target=("ratio", 1.05)),
            Row(f"app's masked-LM pass with hidden states and the head check inside, {where}",
                times["app"], baseline=times["bare"]),
            Row(f"`fill-mask` pipeline, {where}{extra}", times["pipeline"],
                baseline=times["bare"]),
            Row(f"bare forward's speed ({flops / 1e9:.1f} GFLOP), against fp32 matrix-product "
                "peak (2048²)", speed, unit="GFLOP/s", baseline=peaks),
        ]
    return rows


def model_load_row(source: str, repeats: int) -> tuple[Row, float]:
    """``load_model`` of ``source`` in a warm process (imports done, files in the page cache)."""
    from mlm_desktop.core import load_model

    load_model(source, device="cpu")  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_model(source, device="cpu")
        times.append(time.perf_counter() - start)
    return Row("model load alone: `load_model` of the bundled model, warm process", times,
               unit="s"), sorted(times)[len(times) // 2]
