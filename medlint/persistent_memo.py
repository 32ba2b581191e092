"""A pure function's results kept in the build cache from one run to the next.

Some start-up work is a pure function of medlint's own patterns, called a hundred times in a
cold run and never with new arguments in the next one (the literals that the prefilter reads
from each phrase-list pattern's parse). A memo holds its results by argument: loaded from the
build cache (``medlint.buildcache``) on the first call, and written back when the process
ends if the run added to it. The entry's key names the code that computes the results, so a
changed function never reads old ones. Arguments and results must be marshal-able.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from . import buildcache

R = TypeVar("R")

#: entries kept at most; past it the memo starts again from this run's
MAX_ENTRIES = 50_000


class PersistentMemo(Generic[R]):
    def __init__(self, name: str, identity: Callable[[], Hashable], compute: Callable[..., R]) -> None:
        """``identity()``: what the results depend on besides the arguments (a hash of the
        computing module's file, say); Python's and medlint's versions are in every key."""
        self.name, self.identity, self.compute = name, identity, compute
        self._table: dict[Any, R] | None = None
        self._added = 0
        self._registered = False
        self._folder: Any = None  # the build cache folder the table was read from

    def __call__(self, *args: Any) -> R:
        table = self._table if self._table is not None else self._load()
        try:
            return table[args]
        except KeyError:
            pass
        value = table[args] = self.compute(*args)
        if not self._registered:
            atexit.register(self.save)
            self._registered = True
        self._added += 1
        return value

    def save(self) -> None:
        """Store the table if this run added to it, in the folder it was read from (at exit, a
        test's temporary cache folder may no longer be the one in force)."""
        if not self._added or self._table is None or buildcache.build_dir() != self._folder:
            return
        table = self._table
        if len(table) > MAX_ENTRIES:
            table = dict(list(table.items())[-MAX_ENTRIES:])
        buildcache.store(self.name, self.identity(), table)
        self._added = 0

    def _load(self) -> dict[Any, R]:
        self._folder = buildcache.build_dir()
        stored = buildcache.load(self.name, self.identity())
        self._table = stored if isinstance(stored, dict) else {}
        return self._table
