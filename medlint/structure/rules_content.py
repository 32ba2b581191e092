"""sources.missing, trust.missing-disclaimer and content.boilerplate."""

from __future__ import annotations

import functools
import re
from typing import Iterable

from ..document import Block, Document
from ..engine.prefilter import Alternatives
from ..engine.rule import SeverityChange, register
from ..finding import Finding, Severity
from . import data
from .analysis import Analysis, analyze
from .rules_sections import StructureRule
from .sections import heading_key

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


@functools.lru_cache(maxsize=1)
def _disclaimer() -> Alternatives | None:
    return data.phrase_alternatives(data.load("phrases").get("disclaimer", []))


@register
class DisclaimerRule(StructureRule):
    type_name = "missing-disclaimer"
    placeholders = ()

    def inspect(self, ctx) -> Iterable[Finding]:
        pattern = _disclaimer()
        if pattern is None or not analyze(ctx).health_article:
            return
        if any(pattern.search(block.text) for block in ctx.blocks):
            return
        document = ctx.document
        if document.format == "html":
            # Publishers often put the disclaimer in the page footer, which is not article prose.
            visible = " ".join(_TAG.sub(" ", _HIDDEN_HTML.sub(" ", document.source)).split())
            if pattern.search(visible):
                return
        yield ctx.document_finding(self, self.format_message())


@functools.lru_cache(maxsize=1)
def _boilerplate() -> tuple[Alternatives | None, re.Pattern[str] | None, frozenset[str], int]:
    phrases = data.load("phrases").get("boilerplate", {})
    whole = frozenset(heading_key(p) for p in phrases.get("whole-block", []))
    # a block much longer than every whole-block phrase cannot be one: skip normalising it
    longest = 2 * max((len(p) for p in phrases.get("whole-block", [])), default=0) + 20
    return (data.phrase_alternatives(phrases.get("anywhere", [])),
            data.phrase_regex(phrases.get("block-start", []), anchored=True), whole, longest)


def residue_spans(block: Block, opening_only: bool = False) -> list[tuple[int, int]]:
    """Where the block holds scrape or template residue, in order. With ``opening_only``, only
    residue that opens the block is looked for: anchored matches, cheap enough for every block."""
    anywhere, block_start, whole, longest = _boilerplate()
    text = block.text
    if len(text) <= longest and heading_key(text) in whole:
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
        for index, block in enumerate(ctx.blocks):
            spans = residue_spans(block)
            if not spans:
                continue
            start, end = spans[0]
            more = f" (and {len(spans) - 1} more in this block)" if len(spans) > 1 else ""
            yield ctx.finding(self, index, start, end,
                              self.format_message(match=block.text[start:end], more=more),
                              evidence={"phrases": [block.text[s:e] for s, e in spans]})
