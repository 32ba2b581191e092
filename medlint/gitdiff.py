"""`check --diff REF`: the files `git diff REF` touches, and only the findings on changed lines.

Files: added, modified, renamed and type-changed ones in `git diff REF` (REF against the working
tree), plus untracked files git does not ignore (new files); deleted files are skipped. Lines:
the new side of each hunk of `git diff --unified=0`. A new file is new on every line, so all its
findings count, document-level ones (an empty span at 1:1, such as a missing section) included;
in a changed file those belong to no line and are not reported.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from .document import SUPPORTED_SUFFIXES
from .files import SKIPPED_DIRS
from .filters import ResultFilter
from .finding import Finding
from .linter import FileResult, Source


class GitDiffError(Exception):
    """Git is missing, the folder is no repository, or git cannot compare with REF."""


@dataclass
class Change:
    path: Path  # as medlint shows it: relative to the working folder when inside it
    new: bool
    lines: set[int] = field(default_factory=set)  # new-side lines added or changed


def changed_files(ref: str, paths: Sequence[Path], cwd: Path | None = None) -> list[Change]:
    """The supported articles that differ from ``ref``, under ``paths`` when any are given."""
    cwd = Path(os.path.realpath(cwd or Path.cwd()))
    if ref.startswith("-") or not ref.strip():
        raise GitDiffError(f"--diff {ref!r}: give a git revision such as HEAD or origin/main")
    for path in paths:
        if str(path) == "-":
            raise GitDiffError("--diff lints files in a git repository; it cannot read standard input")
        if not path.exists():
            raise GitDiffError(f"path does not exist: {path}")
    start = paths[0] if paths else cwd
    start = start if start.is_dir() else start.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], start, "--diff needs a git repository").decode().strip())
    top = Path(os.path.realpath(top))
    status = _git(["diff", "--name-status", "-z", "-M", "--no-relative", ref, "--"], top,
                  f"--diff {ref}: git cannot compare with it")
    patch = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--no-relative",
                  "--src-prefix=a/", "--dst-prefix=b/", ref, "--"], top, f"--diff {ref}: git cannot compare with it")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top, "git cannot list untracked files")
    lines = _added_lines(patch)
    touched: dict[str, bool] = {}  # name relative to the top -> new file
    for letter, name in _statuses(status):
        if letter != "D":
            touched[name] = letter == "A"
    for name in untracked.split(b"\0"):
        if name:
            touched[os.fsdecode(name)] = True
    bases = [Path(os.path.realpath(p)) for p in paths] or [top]
    changes = []
    for name in sorted(touched):
        target = top / name
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES or not _under(target, bases):
            continue
        shown = _shown(target, cwd)
        changes.append(Change(shown, touched[name], lines.get(name, set())))
    return changes


def _shown(target: Path, cwd: Path) -> Path:
    try:
        return Path(os.path.relpath(target, cwd))
    except ValueError:  # another drive (Windows)
        return target


def _git(args: list[str], where: Path, what: str) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # a read-only look: never take the index lock
    try:
        done = subprocess.run(["git", *args], cwd=where, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitDiffError("--diff needs git, and git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise GitDiffError(f"{what}: cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        detail = said[0] if said else f"git exited with {done.returncode}"
        if "not a git repository" in detail:
            raise GitDiffError(f"--diff needs a git repository, and {where} is not inside one")
        raise GitDiffError(f"{what} ({detail})")
    return done.stdout


def _statuses(output: bytes) -> list[tuple[str, str]]:
    """(status letter, new name) from `git diff --name-status -z`; renames and copies name two paths."""
    fields = output.split(b"\0")
    found = []
    index = 0
    while index < len(fields) and fields[index]:
        letter = fields[index][:1].decode()
        count = 2 if letter in "RC" else 1
        names = fields[index + 1:index + 1 + count]
        found.append((letter, os.fsdecode(names[-1])))
        index += 1 + count
    return found


_HUNK = re.compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _added_lines(patch: bytes) -> dict[str, set[int]]:
    """New-side line numbers of each file's hunks in a `--unified=0` patch."""
    added: dict[str, set[int]] = {}
    current: set[int] | None = None
    body = 0  # lines of the current hunk still to skip: they are content, whatever they look like
    for line in patch.split(b"\n"):
        if body > 0:
            if not line.startswith(b"\\"):  # "\ No newline at end of file" is no content line
                body -= 1
            continue
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ "):
            name = _patch_name(line[4:])
            current = None if name is None else added.setdefault(name, set())
        elif line.startswith(b"@@ ") and current is not None:
            match = _HUNK.match(line)
            if match:
                old = int(match.group(1) or b"1")
                start, count = int(match.group(2)), int(match.group(3) or b"1")
                current.update(range(start, start + count))
                body = old + count
    return added


def _patch_name(text: bytes) -> str | None:
    """The path in a `+++ b/NAME` line: git quotes unusual names C-style and puts a tab after a
    name with a space."""
    if text.startswith(b'"'):
        raw = _unquote(text)
    else:
        raw = text[:-1] if text.endswith(b"\t") else text
        if raw == b"/dev/null":
            return None
    return os.fsdecode(raw[2:]) if raw.startswith(b"b/") else os.fsdecode(raw)


_ESCAPES = {ord("n"): 10, ord("t"): 9, ord("r"): 13, ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("v"): 11,
            ord('"'): 34, ord("\\"): 92}


def _unquote(text: bytes) -> bytes:
    out = bytearray()
    index = 1
    while index < len(text) and text[index] != ord('"'):
        byte = text[index]
        if byte == ord("\\") and index + 1 < len(text):
            following = text[index + 1]
            if ord("0") <= following <= ord("7"):
                out.append(int(text[index + 1:index + 4], 8) & 0xFF)
                index += 4
                continue
            out.append(_ESCAPES.get(following, following))
            index += 2
            continue
        out.append(byte)
        index += 1
    return bytes(out)


def _under(target: Path, bases: list[Path]) -> bool:
    """Inside one of ``bases`` as a folder walk would find it (no hidden or skipped folders on the
    way), or one of them itself."""
    for base in bases:
        if target == base:
            return True
        if target.is_relative_to(base):
            folders = target.relative_to(base).parts[:-1]
            if not any(part.startswith(".") or part in SKIPPED_DIRS for part in folders):
                return True
    return False


def is_document_level(finding: Finding) -> bool:
    return (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1)


def _lines_of(finding: Finding) -> range:
    last = finding.end_line
    if last > finding.line and finding.end_column == 1:  # the span ends at the line's start
        last -= 1
    return range(finding.line, max(last, finding.line) + 1)


class ChangedLines(ResultFilter):
    """Keeps the findings on added or changed lines (all of a new file's)."""

    def __init__(self, ref: str, changes: Sequence[Change]) -> None:
        self.ref = ref
        self.by_path = {os.path.realpath(c.path): c for c in changes}

    def keeps(self, path: str, finding: Finding) -> bool:
        change = self.by_path.get(os.path.realpath(path))
        if change is None or change.new:
            return True
        return not is_document_level(finding) and any(n in change.lines for n in _lines_of(finding))

    def __call__(self, source: Source, result: FileResult) -> FileResult:
        kept = [(f, k) for f, k in zip(result.findings, result.keys) if self.keeps(result.path, f)]
        if len(kept) == len(result.findings):
            return result
        return replace(result, findings=[f for f, _ in kept], keys=[k for _, k in kept])

    def json_extra(self) -> dict[str, Any]:
        return {"diff": {"ref": self.ref, "files": len(self.by_path)}}
