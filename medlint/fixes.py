"""Fixes: the edits of the source text that findings with an exact suggestion call for.

A fix replaces the text a finding covers (file offsets in the decoded text, without the byte
order mark) by the rule's suggestion. Nothing here reads or writes files: the caller hands in
the file's bytes and gets back the new bytes (:mod:`medlint.writeback` writes them).
"""

from __future__ import annotations

import difflib
import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable

from .document import detect_format
from .document.frontmatter import split_front_matter
from .engine.rule import Rule
from .finding import Finding

#: byte order marks, longest first, with the codec of the text after them
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_BARE_CR = re.compile("\r(?!\n)")
#: characters a replacement may not bring into Markdown or HTML (emphasis, links, tables, tags)
_MARKUP = re.compile(r"[*_`\[\]<>|#\\{}]")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (code-point offsets) by ``replacement``."""

    start: int
    end: int
    replacement: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    finding: Finding
    edit: Edit
    safety: str  # "safe" or "unsafe"


@dataclass(frozen=True)
class Decoded:
    """A file's bytes as text, with what it takes to write the text back as it was."""

    text: str  # without the byte order mark; line endings as in the file
    bom: bytes
    encoding: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes) -> Decoded | None:
    """The text of ``data`` as the linter reads it, or None when it would not come back byte for
    byte (not valid UTF-8 or UTF-16, a binary file): such files are never fixed."""
    bom, encoding = next(((mark, codec) for mark, codec in _BOMS if data.startswith(mark)), (b"", "utf-8"))
    body = data[len(bom):]
    if encoding == "utf-8" and b"\x00" in body[:8192]:
        return None
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        return None
    return Decoded(text, bom, encoding)


@dataclass
class Plan:
    """The fixes of one file: applied ones, those left out for overlapping an applied one, and
    how many more an unsafe-fixes run would apply."""

    fixes: list[Fix] = field(default_factory=list)
    overlapping: list[Fix] = field(default_factory=list)
    unsafe_hidden: int = 0

    def edits(self) -> list[Edit]:
        return [fix.edit for fix in self.fixes]


class Offsets:
    """1-based (line, column) positions of findings to offsets in the text, as the linter counts
    them: lines end at LF or at a lone CR, columns count code points."""

    def __init__(self, text: str) -> None:
        normal = _BARE_CR.sub("\n", text)
        self.length = len(text)
        self.starts = [0] + [m.end() for m in re.finditer("\n", normal)]

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        start = self.starts[line - 1]
        stop = self.starts[line] - 1 if line < len(self.starts) else self.length
        offset = start + column - 1
        return offset if offset <= stop else None

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def plan(text: str, path: str, findings: Iterable[Finding], rules: dict[str, Rule],
         unsafe: bool = False) -> Plan:
    """The fixes for ``findings`` in ``text`` (the decoded file of ``path``): those whose rule
    declares a fix, whose span still holds what the rule flags, and that overlap no earlier one."""
    result = Plan()
    offsets = Offsets(text)
    kind = detect_format(path, text)
    body_start = split_front_matter(text).body_start  # front matter is YAML, not prose to rewrite
    candidates: list[Fix] = []
    for finding in findings:
        rule = rules.get(finding.rule)
        if rule is None or rule.fix_safety == "none" or not finding.suggestion:
            continue
        if rule.fix_safety == "unsafe" and not unsafe:
            result.unsafe_hidden += 1
            continue
        start = offsets.offset(finding.line, finding.column)
        end = offsets.offset(finding.end_line, finding.end_column)
        if start is None or end is None or start >= end or start < body_start:
            continue
        matched = text[start:end]
        replacement = rule.fix_text(matched, finding.suggestion)
        if replacement is None or replacement == matched or _MARKUP.search(replacement):
            continue
        if _article_clash(text[max(0, start - 4):start], matched, replacement):
            continue  # "an oncologist" would become "an cancer doctor"
        if kind == "html":
            replacement = html.escape(replacement, quote=False)
        candidates.append(Fix(finding, Edit(start, end, replacement), rule.fix_safety))
    last_end = -1
    for fix in sorted(candidates, key=lambda f: (f.edit.start, f.edit.end, f.finding.rule)):
        if fix.edit.start < last_end:
            result.overlapping.append(fix)
            continue
        result.fixes.append(fix)
        last_end = fix.edit.end
    return result


_ARTICLE = re.compile(r"(?:^|\W)(an?)\s+$", re.IGNORECASE)


def _article_clash(before: str, matched: str, replacement: str) -> bool:
    """Whether the "a" or "an" before the span fits ``matched`` but not ``replacement`` (by the
    first letter: a vowel or not)."""
    article = _ARTICLE.search(before)
    if article is None:
        return False
    vowel = "aeiouAEIOU"
    return (matched[:1] in vowel) != (replacement[:1] in vowel)


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` (which must not overlap) made."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < position:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        pieces.append(text[position:edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of the file's text, with a/ and b/ paths like git's (line endings kept)."""
    name = path.replace("\\", "/").lstrip("/")
    lines = difflib.unified_diff(_lines(before), _lines(after),
                                 f"a/{name}", f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at LF only (a CR stays with its line)."""
    return [line for line in re.split("(?<=\n)", text) if line]
