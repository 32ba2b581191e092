"""Where the built-in rules and knowledge base live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_rules_dir() -> Path:
    installed = _PACKAGE / "_builtin_rules"  # the wheel puts the top-level rules/ here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "rules"
