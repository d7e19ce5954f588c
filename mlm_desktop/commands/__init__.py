"""The headless commands beside the window: ``mlm-desktop NAME ...``.

Each command is a module with ``parser()``, an optional ``check(parser,
args)`` for what argparse cannot check alone (the dispatcher already checks
the mask options every command shares), and ``run(args) -> exit
status``. Add a command with one line in :data:`COMMANDS`; its module is
imported only when it is used, so the window starts without it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: command name -> its module
COMMANDS: dict[str, str] = {
    "predict": "mlm_desktop.commands.predict",
    "attention": "mlm_desktop.commands.attention",
    "geometry": "mlm_desktop.commands.geometry",
    "lens": "mlm_desktop.commands.lens",
    "saliency": "mlm_desktop.commands.saliency",
    "compare": "mlm_desktop.commands.compare",
    "score": "mlm_desktop.commands.score",
    "fill": "mlm_desktop.commands.fill",
}


def command(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])
