"""A finding's identity that survives lines moving: what baselines and SARIF match on.

A key is made of the rule, the normalised text of the finding's span and a hash of the sentence
around it, never of line numbers. Findings with no span (missing sections, metadata) use their
message, with numbers blanked so that a changed count does not make a finding new.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from .document.model import line_starts
from .finding import Finding

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# where a sentence ends: terminal punctuation before a space, or a blank line
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s|\n\s*\n")
_MAX_SENTENCE = 600  # characters read on each side; a page with no full stops stays cheap


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def finding_keys(text: str, findings: Sequence[Finding]) -> list[str]:
    """One key per finding (in order): 16 hex digits, equal for the same finding after edits
    elsewhere in ``text``."""
    starts = line_starts(text)
    return [_key(text, starts, finding) for finding in findings]


def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    index = min(max(line - 1, 0), len(starts) - 1)
    return min(starts[index] + max(column - 1, 0), len(text))


def _key(text: str, starts: list[int], finding: Finding) -> str:
    start = _offset(text, starts, finding.line, finding.column)
    end = max(start, _offset(text, starts, finding.end_line, finding.end_column))
    span = _normal(text[start:end])
    if span:
        context = _normal(_sentence(text, start, end))
    else:
        context = _DIGITS.sub("#", _normal(finding.message))
    digest = hashlib.sha256("\x1f".join((finding.rule, span, context)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or sentences) holding text[start:end], found by punctuation alone."""
    lo = max(0, start - _MAX_SENTENCE)
    before = text[lo:start]
    ends = list(_SENTENCE_END.finditer(before))
    begin = lo + ends[-1].end() if ends else lo
    after = _SENTENCE_END.search(text, end, min(len(text), end + _MAX_SENTENCE))
    finish = after.start() + 1 if after else min(len(text), end + _MAX_SENTENCE)
    return text[begin:finish]
