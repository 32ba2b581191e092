"""Regular expressions compiled on first use.

The claim model holds well over a hundred module-level patterns, and compiling them all was a
large part of importing it (every cold run pays for that). Most articles reach only a few of them:
the clause, tense and scope patterns run only on sentences with approval wording. ``lazy_compile``
returns a stand-in that compiles on its first use and then keeps the compiled pattern's methods
as its own attributes, so later calls cost what calls on the compiled pattern cost.
"""

from __future__ import annotations

import re
from typing import Any

_KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
         "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use; ``pattern`` is known at once."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    @property
    def compiled(self) -> re.Pattern[str]:
        found = self.__dict__.get("_compiled")
        return found if found is not None else self._compile()

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self._flags)
        for name in _KEPT:
            setattr(self, name, getattr(compiled, name))
        self.__dict__["_compiled"] = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:  # called only for names not yet set on the instance
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        return getattr(self._compile(), name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
