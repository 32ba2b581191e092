"""Rule families written in code, found through the ``medlint.rules`` entry-point group.

Each entry point names a module (or an object in one); loading it registers the family's rule
types and config keys. The object may carry ``RULE_PACKS``: a folder, or a list of folders, of
YAML rule packs that load with the built-in ones. medlint declares its own families in the group
too (pyproject.toml); run from a source checkout, without installed metadata, it imports them
from ``BUILTIN_FAMILIES``.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from pathlib import Path
from typing import Any

from .installation import entry_points
from .yamlsource import SourceError

GROUP = "medlint.rules"
#: medlint's own families (the same as its entry points), in load order
BUILTIN_FAMILIES = (
    "medlint.engine.types",
    "medlint.readability",
    "medlint.structure",
    "medlint.claims.rules",
)

_loaded: list[Any] | None = None


class PluginError(SourceError):
    """A plug-in that could not be loaded: its entry point's name and what went wrong."""

    def __init__(self, name: str, value: str, exc: BaseException) -> None:
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        super().__init__(f"plug-in {name!r}", None,
                         f"failed to load (entry point {name} = {value} in group {GROUP}): {detail}")


def _entry_points() -> list[metadata.EntryPoint]:
    """The group's entry points: medlint's own first, in their order, then the rest by name."""
    def order(entry: metadata.EntryPoint) -> tuple[int, str]:
        own = BUILTIN_FAMILIES.index(entry.value) if entry.value in BUILTIN_FAMILIES else len(BUILTIN_FAMILIES)
        return own, entry.name

    return sorted(entry_points(GROUP), key=order)  # as metadata.entry_points(group=GROUP), cached


def load_plugins() -> list[Any]:
    """Import every rule family once (built-ins first); PluginError for one that fails.

    Returns the loaded objects, for ``plugin_pack_dirs``."""
    global _loaded
    if _loaded is not None:
        return _loaded
    objects: list[Any] = []
    done: set[str] = set()
    for entry in _entry_points():
        if entry.value in done:  # the same family under two distributions (a stale install)
            continue
        try:
            objects.append(entry.load())
        except Exception as exc:  # noqa: BLE001 - any failure of foreign code is reported the same way
            raise PluginError(entry.name, entry.value, exc) from None
        done.add(entry.value)
    for name in BUILTIN_FAMILIES:  # a source checkout has no installed entry points
        if name not in done:
            objects.append(importlib.import_module(name))
    _loaded = objects
    return objects


def plugin_pack_dirs() -> tuple[Path, ...]:
    """Folders of YAML rule packs that plug-ins ship (their ``RULE_PACKS``)."""
    folders: list[Path] = []
    for loaded in load_plugins():
        packs = getattr(loaded, "RULE_PACKS", None)
        if packs is None:
            continue
        for folder in [packs] if isinstance(packs, (str, Path)) else packs:
            folders.append(Path(folder))
    return tuple(folders)
