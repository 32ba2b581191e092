"""Rule families written in code. Importing one registers its rule types and config keys."""

from __future__ import annotations

import importlib

FAMILIES = (
    "medlint.engine.types",
    "medlint.readability",
    "medlint.structure",
    "medlint.claims.rules",
)

_loaded = False


def load_plugins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in FAMILIES:
        importlib.import_module(name)
