"""``mlm-desktop predict`` with input a user can type: one plain line, exit 2, no model needed.

Input is checked before the model is loaded, so most cases here name a model
folder that does not exist: the message must be about the input, not the model.
"""

import json
import os
import subprocess
import sys

import pytest

from mlm_desktop.cli import main, predict_parser
from mlm_desktop.core.options import MAX_SEED, MAX_TOKENS, MAX_TOP_K

NO_MODEL = "/nonexistent/model-folder"


def _one_line_error(capsys, args):
    code = main(["predict", "--model", NO_MODEL, *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "unexpected error" not in err
    return err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--text", "hi", "--seed", "18446744073709551616", "--mask-random", "0.5"],
         f"seed must be a whole number from 0 to {MAX_SEED}, got 18446744073709551616"),
        (["--text", "hi", "--seed", "-1", "--mask-random", "0.5"],
         f"seed must be a whole number from 0 to {MAX_SEED}"),
        (["--text", "hi", "--seed", "1.5", "--mask-random", "0.5"], "seed must be a whole number"),
        (["--text", "hi", "--seed", "9" * 5000, "--mask-random", "0.5"],
         "seed must be a whole number"),
        (["--text", "hi", "--seed", "3"], "--seed only applies to --mask-random"),
        (["--text", "hi", "--mask", "2-1"], "empty range 2-1"),
        (["--text", "hi", "--mask", "1-20000000"], f"from 0 to {MAX_TOKENS - 1}, got 20000000"),
        (["--text", "hi", "--mask", "1-10000000000"], f"from 0 to {MAX_TOKENS - 1}"),
        (["--text", "hi", "--mask", "10000000000"], f"from 0 to {MAX_TOKENS - 1}"),
        (["--text", "hi", "--mask", "-3"], "invalid mask positions"),
        (["--text", "hi", "--mask", "1-2-3"], "invalid mask positions"),
        (["--text", "hi", "--mask", "1.5"], "invalid mask positions"),
        (["--text", "hi", "--mask", "9" * 5000], "invalid mask positions"),
        (["--text", "hi", "--top-k", "0"], f"top-k must be a whole number from 1 to {MAX_TOP_K}"),
        (["--text", "hi", "--top-k", "3000000000"], f"from 1 to {MAX_TOP_K}"),
        (["--text", "hi", "--top-k", "many"], "top-k must be a whole number"),
        (["--text", "hi", "--mask-random", "nan"], "mask probability must be a number between 0 and 1"),
        (["--text", "hi", "--mask-random", "-0.5"], "mask probability must be a number between 0 and 1"),
        (["--text", "caf\udce9 au lait"], "the text is not valid UTF-8 (byte 0xE9 at character 3)"),
        (["--text", "\udcff"], "the text is not valid UTF-8 (byte 0xFF at character 0)"),
        (["--text", ""], "the text is empty"),
        (["--text", " \n\t "], "the text is empty"),
        ([], "no text given"),
        (["--text", "hi", "--text-file", "x"], "not allowed with argument"),
        (["--text", "hi", "--device", "tpu"], "invalid choice: 'tpu'"),
        (["--text", "hi", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_input_is_refused_before_the_model_loads(capsys, args, message):
    assert message in _one_line_error(capsys, args)


def test_text_file_that_is_empty_is_refused_before_the_model_loads(capsys, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    assert "the text is empty" in _one_line_error(capsys, ["--text-file", str(path)])


def test_text_file_that_is_not_utf8_is_refused(capsys, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café".encode("latin-1"))
    assert "is not UTF-8 text" in _one_line_error(capsys, ["--text-file", str(path)])


def test_text_file_that_is_a_folder_is_refused(capsys, tmp_path):
    assert "is a folder" in _one_line_error(capsys, ["--text-file", str(tmp_path)])


def test_overlapping_ranges_build_no_big_list():
    parser = predict_parser()
    args = parser.parse_args(["--text", "x", "--mask", ",".join(["0-99999"] * 50)])
    assert len(args.mask) == MAX_TOKENS
    assert args.mask == sorted(set(args.mask))


def test_mask_positions_sorted_and_unique():
    args = predict_parser().parse_args(["--text", "x", "--mask", "8, 3-5,4"])
    assert args.mask == [3, 4, 5, 8]


def test_json_reports_no_seed_when_no_random_draw(capsys, tiny_bert_dir):
    code = main(["predict", "--model", str(tiny_bert_dir), "--text", "the cat sat.",
                 "--mask", "2", "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["seed"] is None


def test_help_says_which_model_predict_uses(capsys):
    with pytest.raises(SystemExit):
        predict_parser().parse_args(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "the window's last model" not in help_text
    assert "bert-base-uncased if it is in the local Hugging Face cache" in help_text
    assert "bundled demo model" in help_text
    assert "does not reopen the model used last" in help_text


def test_keyboard_interrupt_exits_130_quietly(capsys, monkeypatch):
    import mlm_desktop.core

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mlm_desktop.core, "load_model", interrupted)
    assert main(["predict", "--model", NO_MODEL, "--text", "hi"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_invalid_utf8_argv_bytes_exit_2_in_a_real_process(tmp_path):
    """Python hands bytes that are not UTF-8 to argv as lone surrogates."""
    env = dict(os.environ, PYTHONUTF8="1", LC_ALL="C.UTF-8")
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"mlm_desktop", b"predict", b"--model",
         NO_MODEL.encode(), b"--text", b"caf\xe9"],
        capture_output=True, timeout=120, env=env,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "the text is not valid UTF-8 (byte 0xE9 at character 3)" in err
    assert len(err.strip().splitlines()) == 1


def test_thousands_of_overlapping_ranges_merge_into_each_position_once():
    from mlm_desktop.cli_args import parse_positions

    argument = ",".join(f"{i}-99999" for i in range(1, 8000))  # about 95 KB
    assert parse_positions(argument) == list(range(1, 100_000))
    assert parse_positions("9,3,1-2,2-5,7-8,4") == [1, 2, 3, 4, 5, 7, 8, 9]
