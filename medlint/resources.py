"""Where the built-in rules and knowledge base live, installed or in a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_rules_dir() -> Path:
    installed = _PACKAGE / "_builtin_rules"  # the wheel puts the top-level rules/ here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "rules"


def user_cache_dir() -> Path:
    """The user cache folder: $MEDLINT_CACHE_DIR, else $XDG_CACHE_HOME/medlint, else ~/.cache/medlint."""
    medlint_cache = os.environ.get("MEDLINT_CACHE_DIR")
    if medlint_cache:
        return Path(medlint_cache).expanduser()
    xdg_cache = os.environ.get("XDG_CACHE_HOME")
    if xdg_cache and Path(xdg_cache).is_absolute():
        return Path(xdg_cache) / "medlint"
    return Path.home() / ".cache" / "medlint"


def rule_docs_dir() -> Path:
    """docs/rules: one Markdown page per built-in rule (scripts/rule_docs.py writes them)."""
    installed = _PACKAGE / "_builtin_docs" / "rules"  # the wheel puts the top-level docs/rules/ here
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "docs" / "rules"
