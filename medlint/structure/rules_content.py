"""sources.missing, trust.missing-disclaimer and content.boilerplate."""

from __future__ import annotations

import functools
import re
from typing import Iterable, NamedTuple

from ..document import Block, Document
from ..engine.prefilter import Alternatives, fold, possible
from ..engine.rule import SeverityChange, register
from ..finding import Finding, Severity
from . import data
from .analysis import Analysis, analyze
from .anchors import Openings, at_word_start, leading_literals
from .rules_sections import StructureRule
from .sections import heading_key
from .wordindex import required_words, words_of

_CITATION = re.compile(r"https?://|www\.|\bdoi\b|\bpmid\b|\bet al\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_SOURCE_LINK = re.compile(r"^(?:https?://|//|www\.|doi:)", re.IGNORECASE)
_HIDDEN_HTML = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=1)
def _not_sources() -> re.Pattern[str] | None:
    return data.phrase_regex(data.load("phrases").get("not-sources", []))


def source_links(links: Iterable[str]) -> list[str]:
    """Links that could be sources: absolute web addresses, not share buttons or social pages."""
    excluded = _not_sources()
    return [link for link in links if _SOURCE_LINK.match(link.strip())
            and not (excluded is not None and excluded.search(link.strip()))]


@register
class SourcesMissingRule(StructureRule):
    type_name = "sources-missing"
    placeholders = ("note",)

    @property
    def severity_note(self) -> str | None:
        return (f"{self.severity}; an error on articles declared condition or treatment. Pages that are "
                "not health articles get no finding.")

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        if self.severity >= Severity.ERROR:
            return ()
        return (SeverityChange(Severity.ERROR, "the article is declared condition or treatment"),)

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        if not analysis.health_article or self._has_references(analysis) or source_links(ctx.document.links):
            return
        note = analysis.article_type.note() if analysis.strict else ""
        yield ctx.document_finding(self, self.format_message(note=note),
                                   severity=Severity.ERROR if analysis.strict else None)

    @staticmethod
    def _has_references(analysis: Analysis) -> bool:
        for heading in analysis.matches.get("references", []):
            for block in analysis.prose_under(heading):
                if block.links or _CITATION.search(block.text):
                    return True
            if not analysis.prose_under(heading) and analysis.has_content(heading):
                return True  # bare URLs only
        return False


class PhraseList(NamedTuple):
    """A phrase list's pattern, the words each of its phrases needs (``required_words``), and
    for each regex entry the strings one of which opens every match (``leading_literals``).
    ``keyed`` files each plain phrase under its longest word (the one a text most likely lacks);
    ``unkeyed`` are the other entries."""

    pattern: Alternatives
    words: tuple[frozenset[str] | None, ...]
    openings: tuple[Openings | None, ...]
    keyed: dict[str, tuple[int, ...]]
    key_words: frozenset[str]  # the keys of ``keyed``
    unkeyed: tuple[int, ...]


def _phrase_list(phrases: list[str]) -> PhraseList | None:
    pattern = data.phrase_alternatives(phrases)
    if pattern is None:
        return None
    words = tuple(required_words(str(p)) for p in phrases)
    openings = tuple(_openings(pattern.head, alternative, pattern.flags) if needed is None else None
                     for alternative, needed in zip(pattern.alternatives, words))
    keyed: dict[str, list[int]] = {}
    for number, needed in enumerate(words):
        if needed is not None:
            keyed.setdefault(max(sorted(needed), key=len), []).append(number)
    unkeyed = tuple(number for number, needed in enumerate(words) if needed is None)
    return PhraseList(pattern, words, openings, {word: tuple(found) for word, found in keyed.items()},
                      frozenset(keyed), unkeyed)


_NARROWED: dict[tuple[int, tuple[int, ...]], Alternatives] = {}


class DocumentText:
    """A document's blocks as one text, its words and its case-folded form, made once for the
    rules that narrow phrase lists to it."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.text = "\n".join(block.text for block in blocks)
        # None when some word is not ASCII; only the words the phrase lists ask about
        self.words = words_of(self.text, _asked_words())
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @classmethod
    def of(cls, ctx) -> "DocumentText":  # noqa: ANN001 - a LintContext
        found = ctx.cache.get("structure.text")
        if found is None:
            found = ctx.cache["structure.text"] = cls(ctx.blocks)
        return found


@functools.lru_cache(maxsize=1)
def _asked_words() -> frozenset[str]:
    """Every word that ``narrowed`` asks a DocumentText about: the words the phrases of the lists
    read against it need, and the first words of their regex entries' openings."""
    found: set[str] = set()
    for phrases in (_disclaimer(), _boilerplate()[0]):
        if phrases is None:
            continue
        for needed in phrases.words:
            found.update(needed or ())
        for opening in phrases.openings:
            if opening is not None and opening.first_words is not None:
                found.update(opening.first_words)
    return frozenset(found)


def narrowed(phrases: PhraseList | None, document: DocumentText) -> Alternatives | None:
    """The pattern with only the phrases a document can match (the same matches in every block
    of it), or None when it can match none: a phrase needs all its words among the document's, a
    regex the literals it holds. One test of each phrase per document instead of one per block."""
    if phrases is None:
        return None
    present = document.words
    if present is None:  # a word outside ASCII: the literals decide for every entry
        chosen = tuple(i for i in range(len(phrases.words)) if _possible(phrases, i, document))
    else:
        # only the phrases filed under a word of the document can have all their words in it
        found = [i for word in phrases.key_words.intersection(present) for i in phrases.keyed[word]
                 if phrases.words[i] <= present]  # type: ignore[operator]
        found += [i for i in phrases.unkeyed if _possible(phrases, i, document)]
        chosen = tuple(sorted(found))
    phrases = phrases.pattern
    if not chosen:
        return None
    if len(chosen) == len(phrases.alternatives):
        return phrases
    key = (id(phrases), chosen)
    found = _NARROWED.get(key)
    if found is None:
        if len(_NARROWED) >= 256:
            _NARROWED.clear()
        found = _NARROWED[key] = Alternatives(phrases.head, [phrases.alternatives[i] for i in chosen], phrases.flags)
    return found


def _openings(head: str, alternative: str, flags: int) -> Openings | None:
    strings = leading_literals(alternative, flags)
    return None if strings is None else Openings(strings, at_word_start(head + alternative, flags))


def _possible(phrases: PhraseList, number: int, document: DocumentText) -> bool:
    """Whether entry ``number`` may match in a document: for a regex, by the strings that open
    its matches when they are known, else by the literals its matches hold."""
    opening = phrases.openings[number]
    if opening is not None:  # the stronger test of the two
        return not opening.excluded_by(document.words) and opening.found_in(document.folded)
    return possible(phrases.pattern.needs[number], document.folded)


@functools.lru_cache(maxsize=1)
def _disclaimer() -> PhraseList | None:
    return _phrase_list(data.load("phrases").get("disclaimer", []))


@register
class DisclaimerRule(StructureRule):
    type_name = "missing-disclaimer"
    placeholders = ()

    def inspect(self, ctx) -> Iterable[Finding]:
        phrases = _disclaimer()
        if phrases is None or not analyze(ctx).health_article:
            return
        pattern = phrases.pattern
        in_blocks = narrowed(phrases, DocumentText.of(ctx))
        if in_blocks is not None and any(in_blocks.search(block.text) for block in ctx.blocks):
            return
        document = ctx.document
        if document.format == "html":
            # Publishers often put the disclaimer in the page footer, which is not article prose.
            visible = " ".join(_TAG.sub(" ", _HIDDEN_HTML.sub(" ", document.source)).split())
            if pattern.search(visible):
                return
        yield ctx.document_finding(self, self.format_message())


@functools.lru_cache(maxsize=1)
def _boilerplate() -> tuple[PhraseList | None, re.Pattern[str] | None, frozenset[str], int]:
    phrases = data.load("phrases").get("boilerplate", {})
    whole = frozenset(heading_key(p) for p in phrases.get("whole-block", []))
    # a block much longer than every whole-block phrase cannot be one: skip normalising it
    longest = 2 * max((len(p) for p in phrases.get("whole-block", [])), default=0) + 20
    return (_phrase_list(phrases.get("anywhere", [])),
            data.phrase_regex(phrases.get("block-start", []), anchored=True), whole, longest)


def residue_spans(block: Block, opening_only: bool = False) -> list[tuple[int, int]]:
    """Where the block holds scrape or template residue, in order. With ``opening_only``, only
    residue that opens the block is looked for: anchored matches, cheap enough for every block."""
    anywhere = _boilerplate()[0]
    return _residue_spans(block, anywhere.pattern if anywhere is not None else None, opening_only)


def _residue_spans(block: Block, anywhere: Alternatives | None, opening_only: bool = False) -> list[tuple[int, int]]:
    """``residue_spans`` with the anywhere phrases given (``narrowed`` to the document)."""
    _, block_start, _, longest = _boilerplate()
    text = block.text
    if len(text) <= longest and _whole_residue(text):
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    if block_start is not None:
        m = block_start.match(text)
        if m:
            spans.append((m.start() + len(m.group()) - len(m.group().lstrip()), m.end()))
    if anywhere is None:
        return spans
    if opening_only:
        # one attempt at one position: the whole pattern, without filtering the phrases by the text
        m = anywhere.regex.match(text, len(text) - len(text.lstrip(" \t*-•|:")))
        return spans + [m.span()] if m else spans
    spans.extend(m.span() for m in anywhere.finditer(text))
    return sorted(spans)


@functools.lru_cache(maxsize=4096)
def _whole_residue(text: str) -> bool:
    """Whether a short block says nothing but a whole-block phrase ("Share", "Advertisement");
    short blocks recur (headings, buttons), and every block is asked twice (``mark_residue``)."""
    return heading_key(text) in _boilerplate()[2]


#: residue blocks are no longer than this: share bars, comment-form notes, cookie banners
_RESIDUE_BLOCK = 300


def mark_residue(document: Document) -> None:
    """Mark the short blocks that are residue as a whole: all of it, or its opening ("We use
    cookies to ... Accept", "Share on Facebook Share on X"). A paragraph of the article that
    says "click here" in its last sentence stays prose. This runs on every document, whichever
    rules are selected, so it tries anchored matches only."""
    for block in document.blocks:
        if len(block.text) > _RESIDUE_BLOCK or block.is_heading:
            continue  # residue is short: a long paragraph is the article's, whatever it says
        block.residue = bool(residue_spans(block, opening_only=True))


@register
class BoilerplateRule(StructureRule):
    type_name = "boilerplate"
    placeholders = ("match", "more")

    def inspect(self, ctx) -> Iterable[Finding]:
        anywhere = narrowed(_boilerplate()[0], DocumentText.of(ctx))
        for index, block in enumerate(ctx.blocks):
            spans = _residue_spans(block, anywhere)
            if not spans:
                continue
            start, end = spans[0]
            more = f" (and {len(spans) - 1} more in this block)" if len(spans) > 1 else ""
            yield ctx.finding(self, index, start, end,
                              self.format_message(match=block.text[start:end], more=more),
                              evidence={"phrases": [block.text[s:e] for s, e in spans]})
