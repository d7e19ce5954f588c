"""What the window remembers between runs, kept in QSettings.

Values are stored as plain strings, numbers and JSON so that every QSettings
backend (native registry, plist, INI files in tests) gives them back alike.
Each value is checked when read: one that cannot be used (out of range, of
the wrong type, not JSON) gives its default, and :attr:`AppSettings.ignored`
names it so the window can say so. Text, masks and options are also in the
session file (:mod:`.session_store`), which wins when both exist; these are
read only when there is no session file (a first run of this version).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from ..core.devices import DEVICE_CHOICES
from ..core.options import AnalysisOptions
from ..core.stored_options import as_int, checked_options, shown
from ..panels.hidden_states_view import SCALE_MODES
from ..panels.logits_heatmap import ROW_MODES, VALUE_KINDS
from .preference_settings import PreferenceSettings

ORGANIZATION = "MLM Desktop"
APPLICATION = "MLM Desktop"
MAX_RECENT = 8
#: the highest hidden-state layer remembered (models have a few dozen)
MAX_LAYER = 1000
#: the groups of keys this app writes
KNOWN_GROUPS = frozenset({"window", "model", "analysis", "panels", "files", "appearance"})


def default_qsettings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class AppSettings(PreferenceSettings):
    """Typed access to the window's settings; pass a QSettings to isolate tests.

    The Preferences dialog's values are in :class:`~.preference_settings.PreferenceSettings`.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else default_qsettings()
        #: stored values that could not be used: a plain note for each, by key
        self.ignored: dict[str, str] = {}
        self._check_keys()

    def _check_keys(self) -> None:
        """Entries this app never writes mean a damaged or foreign file: say so once."""
        foreign = [key for key in self.qsettings.allKeys() if key.split("/", 1)[0] not in KNOWN_GROUPS]
        if foreign:
            self._ignore("file", f"the settings file {self.qsettings.fileName()} holds "
                         f"{len(foreign)} entries that are not MLM Desktop settings (is it damaged?)")

    # -- helpers ---------------------------------------------------------
    def _ignore(self, key: str, note: str) -> None:
        self.ignored[key] = note

    def _str(self, key: str, default: str | None = None) -> str | None:
        value = self.qsettings.value(key)
        if value is None:
            return default
        if not isinstance(value, str):
            self._ignore(key, f"{key} {shown(value)} (not text)")
            return default
        return value

    def _json(self, key: str, default, label: str):
        raw = self.qsettings.value(key)
        if raw is None:
            return default
        try:
            return json.loads(str(raw))
        except (TypeError, ValueError, RecursionError):
            self._ignore(key, f"the {label} (not readable)")
            return default

    def _json_list(self, key: str, label: str) -> list:
        value = self._json(key, [], label)
        if not isinstance(value, list):
            self._ignore(key, f"the {label} (not a list)")
            return []
        return value

    def _choice(self, key: str, choices: tuple[str, ...], label: str) -> str:
        """One of ``choices`` (the first when nothing or something else is stored)."""
        value = self._str(key)
        if value is None:
            return choices[0]
        if value not in choices:
            self._ignore(key, f"the {label} {shown(value)} (not one of {', '.join(choices)})")
            return choices[0]
        return value

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self.qsettings.sync()

    # -- window ------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/state", value)

    # -- model -------------------------------------------------------------
    @property
    def last_model(self) -> str | None:
        return self._str("model/last") or None

    @last_model.setter
    def last_model(self, value: str) -> None:
        self.qsettings.setValue("model/last", value)

    @property
    def last_device(self) -> str:
        device = self._str("model/device", "auto") or "auto"
        if device not in DEVICE_CHOICES:
            self._ignore("model/device", f"the device {shown(device)} (not one of "
                                         f"{', '.join(DEVICE_CHOICES)})")
            return "auto"
        return device

    @last_device.setter
    def last_device(self, value: str) -> None:
        self.qsettings.setValue("model/device", value)

    @property
    def recent_models(self) -> list[str]:
        value = self._json_list("model/recent", "recent models")
        return [v for v in value if isinstance(v, str) and v.strip()][:MAX_RECENT]

    def add_recent_model(self, source: str) -> None:
        recent = [source] + [m for m in self.recent_models if m != source]
        self.qsettings.setValue("model/recent", json.dumps(recent[:MAX_RECENT]))

    @property
    def trusted_sources(self) -> set[str]:
        """Models whose own code the user let run ("Trust remote code"), one by one."""
        value = self._json_list("model/trusted", "models trusted to run their code")
        return {v for v in value if isinstance(v, str) and v.strip()}

    @trusted_sources.setter
    def trusted_sources(self, sources: set[str]) -> None:
        self.qsettings.setValue("model/trusted", json.dumps(sorted(sources)))

    # -- analysis ------------------------------------------------------------
    @property
    def last_text(self) -> str | None:
        return self._str("analysis/text")

    @last_text.setter
    def last_text(self, value: str) -> None:
        self.qsettings.setValue("analysis/text", value)

    @property
    def last_mask_spans(self) -> set[tuple[int, int, int]]:
        """Masked tokens of the last text as character spans (see mlm_desktop.session).

        Spans rather than token positions, so that they still mean the same
        words when the next run opens another model with another tokenizer.
        """
        value = self._json_list("analysis/mask_spans", "masks")
        spans = set()
        for item in value:
            numbers = [as_int(v) for v in item] if isinstance(item, list) else []
            if len(numbers) != 3 or None in numbers or not 0 <= numbers[0] < numbers[1]:
                self._ignore("analysis/mask_spans", "the masks (they do not fit the text)")
                return set()
            spans.add((numbers[0], numbers[1], numbers[2]))
        return spans

    @last_mask_spans.setter
    def last_mask_spans(self, spans) -> None:
        ordered = sorted((int(s), int(e), int(k)) for s, e, k in spans)
        self.qsettings.setValue("analysis/mask_spans", json.dumps(ordered))

    @property
    def options(self) -> AnalysisOptions:
        """The analysis options last used; a value out of range falls back to its default."""
        keys = ("top_k", "whole_word", "mask_probability", "seed")
        raw = {k: self.qsettings.value(f"analysis/{k}") for k in keys}
        options, notes = checked_options(raw)
        for note in notes:
            self._ignore(note, note)
        return options

    @options.setter
    def options(self, options: AnalysisOptions) -> None:
        q = self.qsettings
        q.setValue("analysis/top_k", int(options.top_k))
        q.setValue("analysis/whole_word", "true" if options.whole_word else "false")
        q.setValue("analysis/mask_probability", float(options.mask_probability))
        q.setValue("analysis/seed", int(options.seed))

    # -- panels --------------------------------------------------------------
    @property
    def hidden_layer(self) -> int:
        """The hidden-state layer last picked (0 = embeddings)."""
        raw = self.qsettings.value("panels/hidden_layer")
        if raw is None:
            return 0
        layer = as_int(raw)
        if layer is None or not 0 <= layer <= MAX_LAYER:
            self._ignore("panels/hidden_layer", f"the hidden-state layer {shown(raw)} "
                                                f"(not a layer from 0 to {MAX_LAYER})")
            return 0
        return layer

    @hidden_layer.setter
    def hidden_layer(self, value: int) -> None:
        self.qsettings.setValue("panels/hidden_layer", int(value))

    @property
    def hidden_scale(self) -> str:
        """The hidden-state view's colour scale."""
        return self._choice("panels/hidden_scale", SCALE_MODES, "hidden-state colour scale")

    @hidden_scale.setter
    def hidden_scale(self, value: str) -> None:
        self.qsettings.setValue("panels/hidden_scale", str(value))

    @property
    def logits_rows(self) -> str:
        """The logits heatmap's rows: masked or all positions."""
        return self._choice("panels/logits_rows", ROW_MODES, "logits heatmap rows")

    @logits_rows.setter
    def logits_rows(self, value: str) -> None:
        self.qsettings.setValue("panels/logits_rows", str(value))

    @property
    def logits_colour(self) -> str:
        """What colours the logits heatmap: logits or probabilities."""
        return self._choice("panels/logits_colour", VALUE_KINDS, "logits heatmap colour")

    @logits_colour.setter
    def logits_colour(self, value: str) -> None:
        self.qsettings.setValue("panels/logits_colour", str(value))

    # -- files ---------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        """Text files opened lately, the latest first."""
        value = self._json_list("files/recent", "recent files")
        return [v for v in value if isinstance(v, str) and v.strip()][:MAX_RECENT]

    def add_recent_file(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_files if p != path]
        self.qsettings.setValue("files/recent", json.dumps(recent[:MAX_RECENT]))
