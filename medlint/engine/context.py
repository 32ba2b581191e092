"""What a rule sees while it checks one document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..document import Block, Document
from ..finding import Finding, Severity
from ..nlp import SENTENCE_STARTS
from .matching import DocumentLiterals, Matches, MatcherHub, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .rule import Rule


@dataclass
class LintContext:
    document: Document
    docs: list["Doc"]  # one spaCy Doc per block, same order as document.blocks
    hub: MatcherHub
    today: date
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    _matches: dict[int, dict[str, list[Span]]] = field(default_factory=dict, repr=False)
    _sentences: dict[int, list[Span]] = field(default_factory=dict, repr=False)
    _literals: DocumentLiterals | None = field(default=None, repr=False)
    metrics: dict[str, Any] = field(default_factory=dict)
    #: analyses shared by several rules of one family, computed once per document
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> list[Block]:
        return self.document.blocks

    def options(self, rule: "Rule") -> dict[str, Any]:
        merged = dict(rule.options)
        merged.update(self.rule_options.get(rule.id, {}))
        return merged

    def matches(self, index: int) -> dict[str, list[Span]]:
        found = self._matches.get(index)
        if found is None:
            found = self._matches[index] = self.hub.run(self.docs[index], self.blocks[index].text)
            if self._literals is None:
                self._literals = DocumentLiterals([block.text for block in self.blocks])
            found.document = self._literals  # regexes no block can match are not searched per block
        return found

    def sentences(self, index: int) -> list[Span]:
        """The sentences of a block, as block-text offsets (spaCy's, without their last token's
        trailing white space)."""
        found = self._sentences.get(index)
        if found is None:
            doc = self.docs[index]
            starts = _sentence_starts(doc)
            if starts is None:
                found = [(s.start_char, s.end_char) for s in doc.sents]
            else:
                found = []
                for start, end in zip(starts, starts[1:] + [len(doc)]):
                    last = doc[end - 1]
                    found.append((doc[start].idx, last.idx + len(last)))
            self._sentences[index] = found
        return found

    def matched(self, key: str, indices: Iterable[int]) -> list[tuple[int, list[Span]]]:
        """(index, spans) of the blocks among ``indices`` where the patterns of ``key`` matched;
        ``matches(index).get(key)`` for each, in one loop instead of two calls per block."""
        done = self._matches
        lookup = Matches.get if self.hub.is_lazy(key) else dict.get
        found = []
        for index in indices:
            matches = done.get(index)
            if matches is None:
                matches = self.matches(index)
            spans = lookup(matches, key)
            if spans:
                found.append((index, spans))
        return found

    def with_sentence_longer_than(self, indices: Iterable[int], tokens: int) -> list[int]:
        """The blocks among ``indices`` with a sentence of more than ``tokens`` tokens; cheap next
        to ``sentences``."""
        docs = self.docs
        # one byte per token, 1 where a sentence starts: a sentence is its start and the 0s after it
        run = b"\x00" * tokens
        found = []
        for index in indices:
            doc = docs[index]
            flags = _sentence_flags(doc)
            if flags is None:
                if any(len(sentence) > tokens for sentence in doc.sents):
                    found.append(index)
            elif len(flags) > tokens and run in flags:
                found.append(index)
        return found

    def sentence_at(self, index: int, char: int) -> Span:
        for start, end in self.sentences(index):
            if start <= char < end:
                return start, end
        return 0, len(self.blocks[index].text)

    def blocks_in_scope(self, scope: str) -> Iterator[tuple[int, Block]]:
        for index, block in enumerate(self.blocks):
            if scope == "heading" and not block.is_heading:
                continue
            if scope == "paragraph" and block.is_heading:
                continue
            yield index, block

    def unit(self, scope: str, index: int, char: int) -> Span:
        """The sentence or block around a match, as block-text offsets."""
        if scope == "sentence":
            return self.sentence_at(index, char)
        return 0, len(self.blocks[index].text)

    def finding(self, rule: "Rule", index: int, start: int, end: int, message: str, *,
                suggestion: str | None = None, evidence: dict[str, Any] | None = None,
                severity: Severity | None = None) -> Finding:
        block = self.blocks[index]
        first, last = block.source_span(start, end)
        line, column = self.document.position(first)
        end_line, end_column = self.document.position(last)
        return Finding(rule.id, severity or rule.severity, line, column, end_line, end_column,
                       message, suggestion, evidence)

    def document_finding(self, rule: "Rule", message: str, *, line: int = 1, column: int = 1,
                         end_line: int | None = None, end_column: int | None = None,
                         evidence: dict[str, Any] | None = None,
                         severity: Severity | None = None, suggestion: str | None = None) -> Finding:
        return Finding(rule.id, severity or rule.severity, line, column, end_line or line,
                       end_column or column, message, suggestion, evidence)

    def block_finding(self, rule: "Rule", index: int, message: str, **kwargs: Any) -> Finding:
        """A finding covering a whole block."""
        return self.finding(rule, index, 0, len(self.blocks[index].text), message, **kwargs)


def _sentence_flags(doc: "Doc") -> bytes | None:
    """The blank pipeline's sentencizer flags (one byte per token, 1 where a sentence starts);
    None for a Doc whose sentences came from elsewhere (a configured model's parser), or whose
    flags do not open with a start, so that callers fall back to ``doc.sents``."""
    flags = doc.user_data.get(SENTENCE_STARTS)
    if flags is None or flags[:1] == b"\x00":
        return None
    return flags


def _sentence_starts(doc: "Doc") -> list[int] | None:
    """Token indices where sentences start, from ``_sentence_flags``."""
    flags = _sentence_flags(doc)
    if flags is None:
        return None
    return list(compress(range(len(flags)), flags))
