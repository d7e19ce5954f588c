#!/usr/bin/env python3
"""Ship a save_pretrained model folder through a small-file channel, and rebuild it.

``export(model_dir, dest)`` copies config.json and model.safetensors split into
chunks of at most 15 MiB (``model.safetensors.part-aa``, ``-ab``, ... the names
``split -b 15M`` gives) plus ``model.sha256`` (the whole file's digest, written
last, so a run killed while exporting leaves a detectable mismatch).  Each new
export replaces the previous one in place.

``join(src, dest, tokenizer_dir)`` concatenates the chunks, checks the digest
and adds the tokenizer files from tokenizer_dir (the bundled model's, which
training does not change), giving a loadable folder.

Usage:
    python tools/model_chunks.py join OUT_FILES_DIR build/gpu-model [--tokenizer resources/models/minilm-l6-mlm-en]
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import os
import shutil
import string
import sys

CHUNK = 15 * 1024 * 1024
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")
BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models",
                       "minilm-l6-mlm-en")


def _suffixes():
    for a in string.ascii_lowercase:
        for b in string.ascii_lowercase:
            yield a + b


def _write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def export(model_dir, dest, chunk=CHUNK):
    """Split model_dir's weights into dest; returns the chunk file names."""
    os.makedirs(dest, exist_ok=True)
    data = open(os.path.join(model_dir, "model.safetensors"), "rb").read()
    stale = os.path.join(dest, "model.sha256")
    if os.path.exists(stale):
        os.remove(stale)
    names = []
    for start, suffix in zip(range(0, len(data), chunk), _suffixes(), strict=False):
        names.append(f"model.safetensors.part-{suffix}")
        _write(os.path.join(dest, names[-1]), data[start:start + chunk])
    for old in glob.glob(os.path.join(dest, "model.safetensors.part-*")):
        if os.path.basename(old) not in names and not old.endswith(".tmp"):
            os.remove(old)
    shutil.copyfile(os.path.join(model_dir, "config.json"), os.path.join(dest, "config.json"))
    _write(stale, (hashlib.sha256(data).hexdigest() + "\n").encode())
    return names


def join(src, dest, tokenizer_dir=BUNDLED):
    """Rebuild a loadable model folder in dest from an export in src."""
    parts = sorted(glob.glob(os.path.join(src, "model.safetensors.part-??")))
    if not parts:
        raise SystemExit(f"no model.safetensors.part-?? files in {src}")
    data = b"".join(open(p, "rb").read() for p in parts)
    want = open(os.path.join(src, "model.sha256")).read().split()[0]
    if hashlib.sha256(data).hexdigest() != want:
        raise SystemExit("the chunks do not match model.sha256 (an export was interrupted)")
    os.makedirs(dest, exist_ok=True)
    _write(os.path.join(dest, "model.safetensors"), data)
    shutil.copyfile(os.path.join(src, "config.json"), os.path.join(dest, "config.json"))
    for name in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(tokenizer_dir, name), os.path.join(dest, name))
    return dest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["export", "join"])
    ap.add_argument("src", help="export: model folder; join: folder with the chunks")
    ap.add_argument("dest")
    ap.add_argument("--tokenizer", default=BUNDLED, help="join: folder to take the tokenizer files from")
    args = ap.parse_args(argv)
    if args.action == "export":
        print("\n".join(export(args.src, args.dest)))
    else:
        print(f"joined into {join(args.src, args.dest, args.tokenizer)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
