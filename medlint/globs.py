"""Path globs in gitignore syntax (pathspec), for `exclude`, override `files` and .gitignore.

A pattern without a slash matches a name at any depth (``*.html``, ``old.md``); one with a slash
is relative to the file that holds it (``drafts/[ab].md``, ``/top.md``); ``**`` spans folders, a
trailing ``/`` matches folders only (and so everything in them), and ``!pattern`` re-includes what
an earlier pattern matched: the last pattern that matches a path decides.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import PathSpec
# pathspec is imported on first use: its import takes tens of milliseconds, and a run on one
# named file with no globs in its configuration never needs it


@functools.lru_cache(maxsize=256)
def compile(patterns: tuple[str, ...]) -> "PathSpec":  # noqa: A001 - the module's one verb
    """The compiled patterns (cached: a config's globs are matched against every file). Plain
    gitignore patterns where the last match wins; .gitignore files use pathspec's GitIgnoreSpec,
    which also follows git in never re-including a file inside an ignored folder."""
    from pathspec import PathSpec

    return PathSpec.from_lines("gitignore", patterns)


def problem(pattern: str) -> str | None:
    """What is wrong with ``pattern`` as a glob, or None."""
    from pathspec import PathSpec

    try:
        PathSpec.from_lines("gitignore", [pattern])
    except ValueError as exc:  # pathspec's pattern errors are ValueErrors
        return str(exc) or f"{pattern!r} is not a valid glob"
    if not pattern.strip() or pattern.strip() == "!":
        return f"{pattern!r} is not a valid glob"
    if pattern.startswith("#"):
        return f"{pattern!r} is a comment in gitignore syntax (write '\\#' for a name starting with #)"
    return None
