"""What git would ignore, read from .gitignore files with pathspec (the git program is not needed).

Inside a repository (a folder holding ``.git``) the rules are ``.git/info/exclude``, then the
``.gitignore`` of every folder from the repository's top down to the one walked, each relative to
its own folder; a deeper file's patterns win over a shallower one's, and within a file the last
matching pattern wins. Outside a repository only the .gitignore files inside the walked folder
count. The user's global excludes file (``core.excludesFile``) is not read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


@dataclass(frozen=True)
class _Rules:
    base: str  # the folder the patterns are relative to, as a real path
    spec: "GitIgnoreSpec"


def _read(path: Path, base: str) -> _Rules | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # unreadable or missing: git ignores it too
        return None
    from pathspec import GitIgnoreSpec  # here: a walk that meets no .gitignore never imports it

    valid = []
    for line in lines:
        try:
            GitIgnoreSpec.from_lines([line])
        except ValueError:  # git skips a pattern it cannot read; so do we
            continue
        valid.append(line)
    spec = GitIgnoreSpec.from_lines(valid)
    return _Rules(base, spec) if spec.patterns else None


def _base(folder: Path) -> str:
    return os.path.realpath(folder).rstrip(os.sep)


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a file for a
    worktree or submodule), or None."""
    for directory in (folder, *folder.parents):
        if (directory / ".git").exists():
            return directory
    return None


class IgnoreStack:
    """The ignore rules in force in one folder of a walk; ``enter`` gives a sub-folder's."""

    def __init__(self, rules: tuple[_Rules, ...] = ()) -> None:
        self._rules = rules

    @classmethod
    def for_walk(cls, root: Path) -> "IgnoreStack":
        """The rules above and at ``root``, a folder about to be walked. A folder that these rules
        ignore was named on purpose: then only the .gitignore files inside it count."""
        real = Path(os.path.realpath(root))
        top = repository_root(real)
        if top is None:
            return cls().enter(real)
        stack = cls()
        exclude = _read(top / ".git" / "info" / "exclude", _base(top))
        if exclude is not None:
            stack = cls((exclude,))
        folders = [real, *real.parents]
        for folder in reversed(folders[:folders.index(top) + 1]):
            if folder != top and stack.ignores(folder, is_dir=True):
                return cls().enter(real)
            stack = stack.enter(folder)
        return stack

    def enter(self, folder: Path) -> "IgnoreStack":
        rules = _read(folder / ".gitignore", _base(folder))
        return IgnoreStack(self._rules + (rules,)) if rules is not None else self

    def ignores(self, path: Path | str, *, is_dir: bool = False) -> bool:
        """Whether git would ignore ``path``: an absolute path whose folders are real (no
        symbolic link among them), as a walk from a real path gives."""
        text = str(path)
        for rules in reversed(self._rules):  # the deepest .gitignore that has a say decides
            if not text.startswith(rules.base + os.sep):
                continue
            relative = text[len(rules.base) + 1:].replace(os.sep, "/")
            result = rules.spec.check_file(relative + ("/" if is_dir else ""))
            if result.include is not None:
                return result.include
        return False
