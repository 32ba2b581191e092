"""Baselines: accept today's findings and report only new ones.

A baseline file lists findings by file, rule and key (medlint/fingerprint.py: the rule, the span's
normalised text and a hash of its sentence, never a line number), so a finding stays matched when
lines move. The match is a multiset: two identical findings need two entries. Each entry also
keeps the finding's line and message, for a reviewer reading the file in a diff; matching never
looks at them.

File paths in the baseline are relative to the baseline file's folder, with forward slashes, so
the file means the same from any working directory and on any system.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .filters import Keeps, ResultFilter
from .linter import FileResult, Source, active_rules, prepared_rules
from .writeback import replace_file

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the path."""


@dataclass(frozen=True)
class Entry:
    rule: str
    key: str
    line: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "key": self.key, "line": self.line, "message": self.message}


def relative_path(result_path: str, folder: Path) -> str:
    """``result_path`` as the baseline in ``folder`` names it."""
    return os.path.relpath(os.path.abspath(result_path), os.path.abspath(folder)).replace(os.sep, "/")


def render(files: dict[str, list[Entry]]) -> str:
    """The baseline's text: files by path, entries by line, rule and key; one entry per line
    block, so a fixed finding is a few removed lines in a diff."""
    payload = {
        "version": VERSION,
        "files": {path: [e.to_json() for e in sorted(entries, key=lambda e: (e.line, e.rule, e.key, e.message))]
                  for path, entries in sorted(files.items()) if entries},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_file(path: Path, files: dict[str, list[Entry]]) -> None:
    """Write atomically: an interrupted write never leaves half a baseline."""
    try:
        replace_file(path, render(files).encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def load(path: Path) -> dict[str, list[Entry]]:
    """The entries of the baseline at ``path``, by file; BaselineError says what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with `medlint baseline PATHS -o {path}`)") \
            from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: the baseline is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: the baseline is not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or "files" not in data or "version" not in data:
        raise BaselineError(f"{path}: not a medlint baseline (expected an object with 'version' and 'files')")
    if data["version"] != VERSION:
        raise BaselineError(f"{path}: baseline version {data['version']!r} is not supported (this medlint "
                            f"reads version {VERSION}); write it again with `medlint baseline`")
    if not isinstance(data["files"], dict):
        raise BaselineError(f"{path}: 'files' must map file paths to lists of findings")
    files: dict[str, list[Entry]] = {}
    for name, entries in data["files"].items():
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: the findings of {name!r} must be a list")
        files[name] = [_entry(path, name, index, item) for index, item in enumerate(entries, 1)]
    return files


def _entry(path: Path, name: str, index: int, item: Any) -> Entry:
    where = f"{path}: finding {index} of {name!r}"
    if not isinstance(item, dict):
        raise BaselineError(f"{where} must be an object with 'rule' and 'key'")
    for field in ("rule", "key"):
        if not isinstance(item.get(field), str) or not item[field]:
            raise BaselineError(f"{where}: {field!r} must be a non-empty string")
    line = item.get("line", 0)
    message = item.get("message", "")
    if not isinstance(line, int) or isinstance(line, bool) or not isinstance(message, str):
        raise BaselineError(f"{where}: 'line' must be a number and 'message' a string")
    return Entry(item["rule"], item["key"], line, message)


def entries_of(result: FileResult) -> list[Entry]:
    return [Entry(f.rule, key, f.line, f.message) for f, key in zip(result.findings, result.keys)]


def _hide_all(result: FileResult) -> FileResult:
    return replace(result, findings=[], keys=[])


class Recorder(ResultFilter):
    """`medlint baseline`: keeps every finding for the new baseline and reports none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.files: dict[str, list[Entry]] = {}
        if not (self.folder if str(self.folder) else Path(".")).is_dir():  # say so before linting
            raise BaselineError(f"{path}: cannot write the baseline: no folder {self.folder}")

    def __call__(self, source: Source, result: FileResult) -> FileResult:
        entries = entries_of(result)
        if entries:
            self.files.setdefault(relative_path(result.path, self.folder), []).extend(entries)
        return _hide_all(result)

    def finish(self) -> str:
        write_file(self.path, self.files)
        count = sum(len(entries) for entries in self.files.values())
        return (f"wrote {count} finding{'' if count == 1 else 's'} in {len(self.files)} "
                f"file{'' if len(self.files) == 1 else 's'} to {self.path}")


class Baseline(ResultFilter):
    """`check --baseline FILE`: hides the findings the file lists, counts the ones fixed since,
    and with ``update`` rewrites the file without them (it never adds a finding)."""

    def __init__(self, path: Path, update: bool = False) -> None:
        self.path = path
        self.folder = path.parent
        self.update = update
        self.files = load(path)
        self.hidden = 0
        # entries no finding of this run matched, per file linted; their rules ran, so they are fixed
        self._fixed: dict[str, list[Entry]] = {}
        self._current: dict[str, list[Entry]] = {}  # matched entries with today's line and message
        self._keeps: Keeps | None = None

    def narrowed_by(self, keeps: Keeps) -> None:
        self._keeps = keeps  # --diff: "hidden" counts only what it would have reported

    def __call__(self, source: Source, result: FileResult) -> FileResult:
        name = relative_path(result.path, self.folder)
        listed = self.files.get(name)
        if not listed:
            return result
        remaining = Counter((e.rule, e.key) for e in listed)
        findings, keys, matched = [], [], []
        for finding, key in zip(result.findings, result.keys):
            if remaining[(finding.rule, key)] > 0:
                remaining[(finding.rule, key)] -= 1
                matched.append(Entry(finding.rule, key, finding.line, finding.message))
                self.hidden += int(self._keeps is None or self._keeps(result.path, finding))
            else:
                findings.append(finding)
                keys.append(key)
        ran = _rules_that_ran(source, result)
        fixed, kept = [], list(matched)
        for entry in listed:  # unmatched entries, as many of each as were left over
            if remaining[(entry.rule, entry.key)] > 0:
                remaining[(entry.rule, entry.key)] -= 1
                (fixed if entry.rule in ran else kept).append(entry)
        self._fixed[name] = fixed
        self._current[name] = kept
        return replace(result, findings=findings, keys=keys)

    def fixed_count(self) -> int:
        gone = sum(len(entries) for name, entries in self.files.items()
                   if name not in self._current and not (self.folder / name).exists())
        return sum(len(entries) for entries in self._fixed.values()) + gone

    def summary_note(self) -> str:
        note = f" ({self.hidden} hidden by the baseline"
        fixed = self.fixed_count()
        if fixed and not self.update:
            note += f"; {fixed} fixed since, which --update-baseline drops"
        return note + ")"

    def json_extra(self) -> dict[str, Any]:
        return {"baseline": {"path": str(self.path), "hidden": self.hidden, "fixed": self.fixed_count()}}

    def finish(self) -> str | None:
        if not self.update:
            return None
        dropped = self.fixed_count()
        files = {name: entries for name, entries in self.files.items()
                 if name in self._current or (self.folder / name).exists()}
        files.update(self._current)
        if render(files) != render(self.files):
            write_file(self.path, files)
        left = sum(len(entries) for entries in files.values())
        return (f"baseline {self.path}: dropped {dropped} fixed finding{'' if dropped == 1 else 's'}, "
                f"{left} left")


def _rules_that_ran(source: Source, result: FileResult) -> set[str]:
    """Rule ids this run checked the file with: an entry whose rule was not selected, or that a
    time budget cut short, is not fixed just because it was not found."""
    if any(f.rule == "document.incomplete" for f in result.findings):
        return set()
    config = source.config
    if config is None:
        return set()
    rules, _hub = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
    return {rule.id for rule in active_rules(rules, config.settings_for(source.path))}
