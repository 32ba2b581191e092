"""What the result cache's keys are made of: medlint's code and the versions installed, the rule
packs and their data, the user's knowledge-base data and the spaCy model (see medlint.cache)."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .resources import builtin_rules_dir

#: the result cache's entry format, part of every key
FORMAT = 2  # 1: one JSON document of family records


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=True).encode("ascii")).hexdigest()


def hash_files(paths: Iterable[Path], root: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            hasher.update(b"unreadable")
    return hasher.hexdigest()


def tree_hash(folder: Path) -> str:
    """A hash of every file under ``folder`` (names and contents; hidden folders skipped)."""
    if not folder.is_dir():
        return "missing"
    files = [p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)]
    return hash_files(files, folder)


@functools.lru_cache(maxsize=1)
def software() -> str:
    """medlint's version and source files (a checkout changes without a version bump), Python's
    version and the installed versions of medlint's dependencies (textstat's syllable counts and
    spaCy's tokenizer change findings)."""
    package = Path(__file__).resolve().parent
    code = hash_files([p for p in package.rglob("*.py") if "__pycache__" not in p.parts], package)
    return digest(FORMAT, __version__, code, sys.version_info[:2], sorted(installed()[0]))


def installed() -> tuple[tuple[tuple[str, str | None], ...], tuple[tuple[str | None, ...], ...]]:
    """The installed versions of medlint's dependencies, and the installed rule families (entry
    point, distribution, version). Reading them from the package metadata costs a run the cache
    serves a tenth of its time, so they are remembered until something is installed, upgraded or
    removed (medlint.installation)."""
    from .installation import remembered

    return remembered("installed-versions", "versions and rule families",
                      lambda: (tuple(_versions()), tuple(_plugins())), _two_tuples)


def _two_tuples(stored: Any) -> bool:
    return isinstance(stored, tuple) and len(stored) == 2 and all(isinstance(part, tuple) for part in stored)


def _versions() -> list[tuple[str, str | None]]:
    from importlib import metadata

    versions = []
    try:
        requirements = metadata.requires("medlint") or []
    except metadata.PackageNotFoundError:
        requirements = []
    for requirement in requirements:
        name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return versions


@functools.lru_cache(maxsize=8)
def rule_data(rule_dirs: tuple[str, ...]) -> str:
    """The built-in rule packs and their data (lexicons, structure lists, knowledge base) and the
    user's rule folders."""
    return digest(tree_hash(builtin_rules_dir()), [(d, tree_hash(Path(d))) for d in rule_dirs])


def user_kb(drug_lexicon: str | None) -> str:
    """The knowledge-base data that changes without a medlint release: the approval overlay of
    `medlint kb update` and an imported Drugs@FDA lexicon (read again when they change)."""
    from .kb.approvals import overlay_path

    files = [overlay_path()] + ([Path(drug_lexicon)] if drug_lexicon else [])
    return _hash_known_files(tuple((str(path), _stamp(path)) for path in files))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=8)
def _hash_known_files(files: tuple[tuple[str, tuple[int, int] | None], ...]) -> str:
    contents = []
    for name, stamp in files:
        try:
            contents.append((name, hashlib.sha256(Path(name).read_bytes()).hexdigest() if stamp else None))
        except OSError:
            contents.append((name, "unreadable"))
    return digest(contents)


@functools.lru_cache(maxsize=4)
def pipeline(model: str | None) -> str:
    """The spaCy model's name and installed version (spaCy's own version is in software);
    read from the package metadata, so that a run served from the cache never builds the
    pipeline."""
    version = None
    if model:  # importlib.metadata only then: importing it costs a warm run more than its lookups
        from importlib import metadata

        try:
            version = metadata.version(model)
        except (metadata.PackageNotFoundError, ValueError):
            version = "not a package"
    return digest(model, version)


def _plugins() -> list[tuple[str, str, str | None, str | None]]:
    """The rule families installed (their entry points, distributions and versions); see installed."""
    from importlib import metadata

    from .plugins import GROUP

    found = []
    for entry in metadata.entry_points(group=GROUP):
        dist = getattr(entry, "dist", None)
        found.append((entry.name, entry.value, dist.name if dist else None, dist.version if dist else None))
    return sorted(found, key=lambda item: tuple(part or "" for part in item))
