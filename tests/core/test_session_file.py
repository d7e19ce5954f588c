"""The session file: versioned JSON, each corruption refused or ignored with a plain note."""

from __future__ import annotations

import json

import pytest

from mlm_desktop.core.options import DEFAULT_OPTIONS, MAX_SEED, AnalysisOptions
from mlm_desktop.core.session_file import (
    FORMAT,
    VERSION,
    NewerSessionError,
    SessionFileError,
    SessionState,
    dumps,
    loads,
)
from mlm_desktop.core.stored_options import checked_options

STATE = SessionState(
    text="Paris is the capital of 👍 France.",
    mask_spans=frozenset({(0, 5, 0), (24, 25, 1)}),
    options=AnalysisOptions(top_k=9, whole_word=True, mask_probability=0.3, seed=MAX_SEED),
    model="/models/tiny bert",
    device="cpu",
    open_panels=("tokens", "predictions"),
)


def _file(**changes) -> str:
    data = json.loads(dumps(STATE))
    data.update(changes)
    return json.dumps(data)


def test_a_session_round_trips_through_its_file():
    text = dumps(STATE)
    data = json.loads(text)
    assert (data["format"], data["version"]) == (FORMAT, VERSION) == ("mlm-desktop-session", 1)
    read = loads(text)
    assert read.state == STATE and read.notes == []


def test_open_panels_this_window_lacks_are_left_out():
    read = loads(dumps(STATE), panel_ids=frozenset({"tokens", "lossChart"}))
    assert read.state.open_panels == ("tokens",) and read.notes == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "not valid JSON"),
        ("{ this is not json", "not valid JSON"),
        ("[1, 2, 3]", "not an MLM Desktop session"),
        ('{"format": "something-else", "version": 1}', "not an MLM Desktop session"),
        (_file(version="1"), "not a version number"),
        (_file(version=0), "not a version number"),
        (_file(text=["not", "text"]), "text is not a string"),
        (_file(text="\ud800 lone surrogate"), "not valid Unicode"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ],
    ids=["empty", "not-json", "json-array", "other-format", "version-string", "version-zero",
         "text-not-string", "lone-surrogate", "nested-100000-deep"],
)
def test_a_file_that_is_not_a_usable_session_is_refused_plainly(text, words):
    with pytest.raises(SessionFileError, match=words):
        loads(text)


def test_a_session_of_a_newer_version_is_refused_as_newer():
    with pytest.raises(NewerSessionError, match="newer MLM Desktop"):
        loads(_file(version=VERSION + 1, text="from the future"))


@pytest.mark.parametrize(
    ("changes", "note"),
    [
        ({"mask_spans": [[0, 500, 0]]}, "masks"),
        ({"mask_spans": [[5, 0, 0]]}, "masks"),
        ({"mask_spans": [[0, 5]]}, "masks"),
        ({"mask_spans": [["0", "5", "0"]]}, "masks"),
        ({"mask_spans": [[0, 5, 1e999]]}, "masks"),
        ({"mask_spans": "0-5"}, "masks"),
        ({"mask_spans": [7]}, "masks"),
        ({"options": [1, 2]}, "options"),
        ({"options": {"top_k": 3000000000}}, "top-k 3000000000"),
        ({"options": {"seed": 99999999999}}, "seed 99999999999"),
        ({"options": {"seed": True}}, "seed True"),
        ({"options": {"mask_probability": "lots"}}, "mask probability lots"),
        ({"model": 42}, "model 42"),
        ({"model": "  "}, "model"),
        ({"device": "tpu"}, "device tpu"),
        ({"open_panels": "tokens"}, "open panels"),
    ],
    ids=["span-past-text", "span-reversed", "span-two-numbers", "span-strings", "span-1e999",
         "spans-string", "span-not-list", "options-list", "top-k-3e9", "seed-1e11", "seed-bool",
         "probability-word", "model-number", "model-blank", "device-tpu", "open-panels-string"],
)
def test_a_field_that_cannot_be_used_takes_its_default_and_is_named(changes, note):
    read = loads(_file(**changes))
    assert len(read.notes) == 1 and note in read.notes[0]
    assert read.state.text == STATE.text  # the rest of the session is kept
    field = next(iter(changes))
    default = SessionState()
    if field == "options":  # the whole set replaced: the other options are missing
        assert read.state.options == DEFAULT_OPTIONS
    elif field == "mask_spans":
        assert read.state.mask_spans == frozenset()
    else:
        assert getattr(read.state, field) == getattr(default, field)


def test_stored_option_strings_are_read_like_an_ini_file_gives_them():
    options, notes = checked_options(
        {"top_k": "7", "whole_word": "true", "mask_probability": "0.25", "seed": "12"}
    )
    assert options == AnalysisOptions(top_k=7, whole_word=True, mask_probability=0.25, seed=12)
    assert notes == []
    options, notes = checked_options({"top_k": "1_000", "seed": "1e3", "whole_word": "maybe"})
    assert options == DEFAULT_OPTIONS and len(notes) == 3
