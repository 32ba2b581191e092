"""A finding's identity that survives lines moving: what baselines and SARIF match on.

A key is made of the rule, the normalised text of the finding's span and a hash of the sentence
around it, never of line numbers. Findings with no span (missing sections, metadata) use their
message, with numbers blanked so that a changed count does not make a finding new.
"""

from __future__ import annotations

import functools
import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence

from .document.model import line_starts
from .finding import Finding

_DIGITS = re.compile(r"\d+")
# where a sentence ends: terminal punctuation before a space, or a blank line. Written to open
# with one character class, so that the regex engine skips quickly to the next candidate.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s|(?<=\n)\s*\n)")
# a character that no sentence end can hold: no match of the pattern spans it
_BARRIER = re.compile(r"[^.!?\"')\]\s]")
_MAX_SENTENCE = 600  # characters read on each side; a page with no full stops stays cheap


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()  # runs of white space as one space, none at the ends


def finding_keys(text: str, findings: Sequence[Finding]) -> list[str]:
    """One key per finding (in order): 16 hex digits, equal for the same finding after edits
    elsewhere in ``text``."""
    if not findings:
        return []
    starts = line_starts(text)
    ends = _SentenceEnds(text)
    return [_key(text, starts, ends, finding) for finding in findings]


def _offset(text: str, starts: list[int], line: int, column: int) -> int:
    index = min(max(line - 1, 0), len(starts) - 1)
    return min(starts[index] + max(column - 1, 0), len(text))


def _key(text: str, starts: list[int], ends: "_SentenceEnds", finding: Finding) -> str:
    start = _offset(text, starts, finding.line, finding.column)
    end = max(start, _offset(text, starts, finding.end_line, finding.end_column))
    span = _normal(text[start:end])
    if not span:
        return _message_key(finding.rule, finding.message)
    return _digest(finding.rule, span, _normal(text[ends.begin(start):_finish(text, end)]))


@functools.lru_cache(maxsize=4096)
def _message_key(rule: str, message: str) -> str:
    """The key of a finding with no span (the same few messages recur on every page)."""
    return _digest(rule, "", _DIGITS.sub("#", _normal(message)))


def _digest(rule: str, span: str, context: str) -> str:
    digest = hashlib.sha256("\x1f".join((rule, span, context)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _begin(text: str, start: int) -> int:
    """Where the sentence (or sentences) holding ``start`` begins, by punctuation alone: after
    the last sentence end that a scan of the ``_MAX_SENTENCE`` characters before it finds."""
    lo = max(0, start - _MAX_SENTENCE)
    last = None
    for last in _SENTENCE_END.finditer(text, lo, start):
        pass
    return last.end() if last is not None else lo


def _finish(text: str, end: int) -> int:
    """Where the sentence holding ``end`` ends (the next sentence end's first character)."""
    after = _SENTENCE_END.search(text, end, min(len(text), end + _MAX_SENTENCE))
    return after.start() + 1 if after else min(len(text), end + _MAX_SENTENCE)


class _SentenceEnds:
    """The sentence ends of a whole text, found in one scan, answering :func:`_begin` for each
    finding without scanning its window again.

    A scan that starts inside the text can pair characters differently from the whole-text scan
    (".\n\n" is one end or another depending on where the scan starts), but not across a
    character that no end can hold (a letter): past the first such barrier in a finding's
    window, the two scans find the same ends. Where that is not certain, the window is scanned."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _SENTENCE_END.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def begin(self, start: int) -> int:
        lo = max(0, start - _MAX_SENTENCE)
        index = bisect_left(self.starts, start) - 1  # the last end that opens before ``start``
        if index < 0 or self.ends[index] > start:  # none, or one cut short by the window
            return _begin(self.text, start)
        if lo == 0:
            return self.ends[index]
        barrier = _BARRIER.search(self.text, lo, start)
        if barrier is None or self.starts[index] <= barrier.start():
            return _begin(self.text, start)
        return self.ends[index]
