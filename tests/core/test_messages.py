"""Core messages keep the template and fields the window translates, and read as plain English."""

from __future__ import annotations

import json
import pickle

import pytest

from mlm_desktop.core.errors import InputError, ModelLoadError, user_message
from mlm_desktop.core.load_errors import check_local_source, explain_missing
from mlm_desktop.core.messages import QT_TRANSLATE_NOOP, Message, Template
from mlm_desktop.core.session_file import SessionFileError, loads
from mlm_desktop.core.validation import analysable_text


def test_a_marked_template_formats_into_a_message_that_is_its_english_text():
    template = QT_TRANSLATE_NOOP("core", "{n:,} of {total} tokens")
    assert isinstance(template, Template) and template == "{n:,} of {total} tokens"
    message = template.format(n=1200, total="all")
    assert message == "1,200 of all tokens" and isinstance(message, Message)
    assert message.template == "{n:,} of {total} tokens" and message.fields == {"n": 1200, "total": "all"}
    assert json.dumps([message]) == '["1,200 of all tokens"]'
    again = pickle.loads(pickle.dumps(message))
    assert again == message and again.template == message.template and again.fields == message.fields


def test_positional_fields_are_refused():
    with pytest.raises(TypeError):
        QT_TRANSLATE_NOOP("core", "{} tokens").format(3)


def test_errors_raised_with_a_message_hand_it_to_the_window():
    with pytest.raises(InputError) as caught:
        analysable_text("   ")
    message = user_message(caught.value)
    assert message == "the text is empty: type or paste some text to analyse"
    assert isinstance(message, Message) and message.template == message


def test_a_model_error_keeps_the_folder_as_a_field(tmp_path):
    (tmp_path / "weights.bin").write_bytes(b"")
    with pytest.raises(ModelLoadError) as caught:
        check_local_source(str(tmp_path))
    message = user_message(caught.value)
    assert str(caught.value) == message == (
        f"the folder {tmp_path} has no config.json, so it is not a model folder; it needs config.json, "
        "tokenizer files and weights as written by save_pretrained")
    assert message.fields["source"] == str(tmp_path)
    assert "{source}" in message.template
    missing = explain_missing("org/model", OSError("offline\nmore"))
    assert user_message(missing).fields == {"source": "org/model", "detail": "offline"}


def test_unexpected_errors_and_plain_strings_still_read_as_before():
    assert user_message(ValueError("bad\nsecond line")) == "unexpected error (ValueError: bad)"
    assert user_message(ValueError()) == "unexpected error (ValueError)"
    assert not isinstance(user_message(InputError("plain words")), Message)


def test_session_notes_are_messages():
    read = loads(json.dumps({"format": "mlm-desktop-session", "version": 1, "text": "a b",
                             "device": "tpu"}))
    assert read.notes == ["the device tpu (must be one of auto, cpu, cuda, mps)"]
    assert isinstance(read.notes[0], Message) and read.notes[0].fields["device"] == "tpu"
    with pytest.raises(SessionFileError) as caught:
        loads(json.dumps({"format": "something else"}))
    assert isinstance(user_message(caught.value), Message)
