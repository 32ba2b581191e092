"""Data that medlint derives from its own files at start-up, built once and kept on disk.

Reading a lexicon's YAML, splitting thousands of lexicon phrases with spaCy's tokenizer or
parsing a hyphenation dictionary costs a cold run more than linting one article. Each such
result is stored in ``build/`` in the user cache folder, in a file named by a hash of everything
it is made from: the contents of its source files, the code that builds it, medlint's, Python's
and (where it matters) spaCy's versions. A changed source gives a new name, so an entry is never
stale; the old one is pruned when the next few are written.

This is a build cache, like Python's ``__pycache__``, not the result cache: ``--no-cache`` and
``MEDLINT_NO_CACHE`` do not turn it off, since what it holds does not depend on the files linted
or the configuration. ``MEDLINT_NO_BUILD_CACHE=1`` does (then everything is built in memory on
each run). A folder that cannot be written, or an entry that is unreadable, truncated or
corrupt, is no error: the data is built as if there were no cache, and written when it can be.

Entries are ``marshal`` data (plain dicts, tuples, strings and numbers only) behind a header and
a checksum of the payload, written atomically.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .resources import user_cache_dir

T = TypeVar("T")

FORMAT = 1
KEEP_PER_NAME = 8  # entries of one name kept when a new one is written (several installs may share)
_MAGIC = b"medlint-build\x00"
_CHECKSUM = 16  # bytes of the payload's BLAKE2b hash in the header

#: (path, st_mtime_ns, st_size) -> content hash: a source file is hashed once per process
_file_hashes: dict[tuple[str, int, int], str] = {}


def disabled() -> bool:
    return os.environ.get("MEDLINT_NO_BUILD_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def build_dir() -> Path:
    return user_cache_dir() / "build"


def file_hash(path: str | Path) -> str:
    """A hash of a source file's content (``"missing"`` when it cannot be read)."""
    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    stamp = (str(path), info.st_mtime_ns, info.st_size)
    found = _file_hashes.get(stamp)
    if found is None:
        try:
            with open(path, "rb") as handle:
                found = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
        except OSError:
            return "missing"
        _file_hashes[stamp] = found
    return found


def per_source(name: str, path: str | Path) -> str:
    """The entry name for data built from one file (a rule pack, a lexicon): entries are pruned
    per name, so each file keeps its own recent versions."""
    return f"{name}.{hashlib.blake2b(str(path).encode('utf-8', 'surrogateescape'), digest_size=6).hexdigest()}"


def entry_path(name: str, key: Any) -> Path:
    """Where the entry ``name`` for ``key`` (a repr-able value of strings, numbers and tuples) lives."""
    material = repr((FORMAT, __version__, sys.implementation.cache_tag, sys.version_info[:3], name, key))
    digest = hashlib.blake2b(material.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return build_dir() / f"{name}-{digest}.bin"


def load(name: str, key: Any) -> Any | None:
    """The stored value for ``(name, key)``, or None when there is none that can be trusted."""
    if disabled():
        return None
    try:
        with open(entry_path(name, key), "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    head = len(_MAGIC) + _CHECKSUM
    if len(data) < head or not data.startswith(_MAGIC):
        return None
    payload = memoryview(data)[head:]
    if hashlib.blake2b(payload, digest_size=_CHECKSUM).digest() != data[len(_MAGIC):head]:
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would start several full collections of spaCy's
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()


def store(name: str, key: Any, value: Any) -> bool:
    """Write ``value`` (marshal-able data) as the entry for ``(name, key)``; False when it could
    not be written (no folder, no space, read-only): the caller simply goes on without it."""
    if disabled():
        return False
    from .writeback import replace_file

    path = entry_path(name, key)
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data: a bug, but never the user's failure
        return False
    data = _MAGIC + hashlib.blake2b(payload, digest_size=_CHECKSUM).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data)
    except OSError:
        return False
    _prune(name, keep=path)
    return True


def cached(name: str, key: Any, build: Callable[[], T], valid: Callable[[Any], bool] | None = None) -> T:
    """The value of ``build()``, from the cache when an entry for ``(name, key)`` exists (and
    passes ``valid``), else built and stored."""
    value = load(name, key)
    if value is not None and (valid is None or _safely(valid, value)):
        return value
    value = build()
    store(name, key, value)
    return value


def _safely(valid: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(valid(value))
    except Exception:  # noqa: BLE001 - a value of the wrong shape is simply not trusted
        return False


def _hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _prune(name: str, keep: Path) -> None:
    """Keep the newest KEEP_PER_NAME entries of ``name``."""
    with contextlib.suppress(OSError):
        entries = []
        for entry in os.scandir(keep.parent):
            digest = entry.name[len(name) + 1:-len(".bin")]
            if entry.name == f"{name}-{digest}.bin" and len(digest) == 32 and _hex(digest) \
                    and entry.path != str(keep):
                with contextlib.suppress(OSError):
                    entries.append((entry.stat().st_mtime_ns, entry.path))
        entries.sort(reverse=True)
        for _, stale in entries[KEEP_PER_NAME - 1:]:
            with contextlib.suppress(OSError):
                os.unlink(stale)
