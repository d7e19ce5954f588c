"""What the window remembers between runs, kept in QSettings.

Values are stored as plain strings, numbers and JSON so that every QSettings
backend (native registry, plist, INI files in tests) gives them back alike.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

from ..core.errors import InputError
from ..core.options import DEFAULT_OPTIONS, MAX_TOP_K, AnalysisOptions

ORGANIZATION = "MLM Desktop"
APPLICATION = "MLM Desktop"
MAX_RECENT = 8


def default_qsettings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class AppSettings:
    """Typed access to the window's settings; pass a QSettings to isolate tests."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else default_qsettings()

    # -- helpers ---------------------------------------------------------
    def _str(self, key: str, default: str | None = None) -> str | None:
        value = self.qsettings.value(key)
        return default if value is None else str(value)

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default

    def _float(self, key: str, default: float) -> float:
        try:
            return float(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return bool(value)

    def _json(self, key: str, default):
        raw = self.qsettings.value(key)
        if raw is None:
            return default
        try:
            return json.loads(str(raw))
        except (TypeError, ValueError):
            return default

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
        return self._str("model/device", "auto") or "auto"

    @last_device.setter
    def last_device(self, value: str) -> None:
        self.qsettings.setValue("model/device", value)

    @property
    def recent_models(self) -> list[str]:
        value = self._json("model/recent", [])
        return [str(v) for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent_model(self, source: str) -> None:
        recent = [source] + [m for m in self.recent_models if m != source]
        self.qsettings.setValue("model/recent", json.dumps(recent[:MAX_RECENT]))

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
        value = self._json("analysis/mask_spans", [])
        try:
            return {(int(s), int(e), int(k)) for s, e, k in value}
        except (TypeError, ValueError):
            return set()

    @last_mask_spans.setter
    def last_mask_spans(self, spans) -> None:
        ordered = sorted((int(s), int(e), int(k)) for s, e, k in spans)
        self.qsettings.setValue("analysis/mask_spans", json.dumps(ordered))

    @property
    def options(self) -> AnalysisOptions:
        """The analysis options last used; a value out of range falls back to its default."""
        d = DEFAULT_OPTIONS
        values = {
            "top_k": min(max(1, self._int("analysis/top_k", d.top_k)), MAX_TOP_K),
            "whole_word": self._bool("analysis/whole_word", d.whole_word),
            "mask_probability": min(1.0, max(0.0, self._float("analysis/mask_probability",
                                                               d.mask_probability))),
            "seed": self._int("analysis/seed", d.seed),
        }
        try:
            return AnalysisOptions(**values)
        except InputError:
            return d.with_changes(**{k: v for k, v in values.items() if k != "seed"})

    @options.setter
    def options(self, options: AnalysisOptions) -> None:
        q = self.qsettings
        q.setValue("analysis/top_k", int(options.top_k))
        q.setValue("analysis/whole_word", "true" if options.whole_word else "false")
        q.setValue("analysis/mask_probability", float(options.mask_probability))
        q.setValue("analysis/seed", int(options.seed))
