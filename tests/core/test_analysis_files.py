"""Writing the current analysis to files: JSON as ``predict --json``, NPZ arrays, CSV; text files read."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from mlm_desktop.core import AnalysisRequest, analyze
from mlm_desktop.core.analysis_files import (
    RESULT_ARRAYS,
    ExportError,
    analysis_arrays,
    table_csv,
    write_csv,
    write_json,
    write_npz,
)
from mlm_desktop.core.export import result_to_json
from mlm_desktop.core.text_file import TextFileError, read_text_file


@pytest.fixture(scope="module")
def result(tiny_bert, notebook_text):
    return analyze(tiny_bert, AnalysisRequest(notebook_text, mask_positions=(3, 4, 8),
                                              keep_full_logits=True))


def test_json_file_is_what_predict_json_prints(result, tmp_path):
    path = write_json(result, tmp_path / "analysis.json")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
        json.dumps(result_to_json(result)))


def test_npz_arrays_round_trip_equal_to_the_result(result, tmp_path):
    path = write_npz(result, tmp_path / "analysis.npz", layers=[0, 2])
    assert path.name == "analysis.npz"  # no second suffix added
    with np.load(path) as saved:
        for name in RESULT_ARRAYS:
            np.testing.assert_array_equal(saved[name], getattr(result, name), err_msg=name)
        np.testing.assert_array_equal(saved["full_logits"], result.full_logits)
        assert saved["tokens"].tolist() == list(result.tokens)
        np.testing.assert_array_equal(saved["hidden_states"], result.hidden_states[[0, 2]])
        assert saved["hidden_state_layers"].tolist() == [0, 2]
        # the default slice of the logits: masked positions by every candidate
        np.testing.assert_array_equal(saved["logits_shown"],
                                      result.candidate_logits[[3, 4, 8]])
        assert saved["logits_shown_positions"].tolist() == [3, 4, 8]
        np.testing.assert_array_equal(saved["logits_shown_ids"], result.candidate_ids)


def test_npz_holds_the_logits_slice_shown(result):
    ids = result.candidate_ids[[2, 0]].tolist()
    arrays = analysis_arrays(result, logits_positions=[8, 1], logits_ids=ids)
    expected = result.candidate_logits[np.ix_([8, 1], [2, 0])]
    np.testing.assert_array_equal(arrays["logits_shown"], expected)
    assert arrays["logits_shown_ids"].tolist() == ids
    assert arrays["hidden_states"].shape == result.hidden_states.shape  # every layer by default


def test_npz_refuses_a_layer_or_token_the_result_lacks(result):
    layers = result.hidden_states.shape[0]
    with pytest.raises(ExportError, match=f"layer {layers} is not in the result"):
        analysis_arrays(result, layers=[layers])
    with pytest.raises(ExportError, match="not among the result's candidates"):
        analysis_arrays(result, logits_ids=[-5])


def test_a_file_that_cannot_be_written_is_one_plain_error(result, tmp_path):
    with pytest.raises(ExportError, match="could not be written"):
        write_json(result, tmp_path / "no-such-folder" / "a.json")


def test_csv_round_trips_every_cell(tmp_path):
    rows = [["1", "Lincoln", 0.25], ["2", 'a "quoted", word', None]]
    text = table_csv(["rank", "token", "p"], rows)
    assert list(csv.reader(io.StringIO(text))) == [
        ["rank", "token", "p"], ["1", "Lincoln", "0.25"], ["2", 'a "quoted", word', ""]]
    path = write_csv(["a"], [["é,\n"]], tmp_path / "t.csv")
    with path.open(encoding="utf-8", newline="") as file:
        assert list(csv.reader(file)) == [["a"], ["é,\n"]]


def test_text_file_reads_utf8_and_drops_a_byte_order_mark(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffCafé 🙂\r\nline".encode())
    assert read_text_file(path) == "Café 🙂\r\nline"


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is not a text file"),
    ("caf\u00e9".encode("latin-1"), r"is not UTF-8 text \(byte 4, line 1\)"),
])
def test_a_binary_or_undecodable_file_is_refused_plainly(tmp_path, data, message):
    path = tmp_path / "b.dat"
    path.write_bytes(data)
    with pytest.raises(TextFileError, match=message):
        read_text_file(path)


def test_a_missing_file_or_a_folder_is_refused_plainly(tmp_path):
    with pytest.raises(TextFileError, match="could not be read"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(TextFileError, match="is a folder"):
        read_text_file(tmp_path)


def test_a_long_file_is_read_up_to_the_limit_without_splitting_a_character(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes("é".encode() * 10)
    assert read_text_file(path, max_bytes=5) == "éé"
