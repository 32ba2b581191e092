"""sections.missing, sections.empty and sections.order."""

from __future__ import annotations

import re
from typing import Iterable

from ..document import Block
from ..engine.rule import Rule, SeverityChange, register
from ..finding import Finding, Severity
from .analysis import analyze

_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                     r"thirty|forty|fifty|hundred|thousand|million|half|third|quarter|percent|"
                     r"twice|double|triple)\b", re.IGNORECASE)


class StructureRule(Rule):
    """A rule about the whole article; findings sit at line 1 or at the part concerned."""

    scopes = ("document",)
    default_scope = "document"

    def check(self, ctx) -> Iterable[Finding]:
        analyze(ctx)  # the type goes into the file's metrics even when there is nothing to judge
        if not ctx.blocks:  # an empty file or a page without prose: nothing to judge
            return ()
        return self.inspect(ctx)

    def inspect(self, ctx) -> Iterable[Finding]:
        return ()


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


@register
class SectionsMissingRule(StructureRule):
    type_name = "sections-missing"
    placeholders = ("section", "type", "headings", "note")

    @property
    def severity_note(self) -> str | None:
        return (f"{self.severity} when the article's type is declared (front matter `type:` or the "
                "`article-type` setting); at most a warning when medlint inferred the type.")

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        if self.severity <= Severity.WARNING:
            return ()
        return (SeverityChange(Severity.WARNING, "medlint inferred the article type (none was declared)"),)

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        for key in analysis.required:
            if key in analysis.matches or key in analysis.intro_sections:
                continue
            definition = analysis.section(key)
            note = analysis.article_type.note()
            if key in analysis.why_required:
                note = f" ({analysis.why_required[key]})" + note
            # a type the writer did not declare is a guess: at most a warning
            severity = None if analysis.article_type.declared else min(self.severity, Severity.WARNING)
            yield ctx.document_finding(self, self.format_message(
                section=definition.name, type=analysis.type_name,
                headings=_quoted(definition.shown_headings()), note=note), severity=severity,
                evidence={"section": key, "type": analysis.type_name,
                          "type_source": analysis.article_type.source_kind})


@register
class SectionsEmptyRule(StructureRule):
    type_name = "sections-empty"
    placeholders = ("heading", "section", "detail")

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        for key in analysis.required:
            headings = analysis.matches.get(key)
            if not headings:
                continue
            definition = analysis.section(key)
            filled = [h for h in headings if analysis.has_content(h)]
            if not filled:
                yield self._at(ctx, headings[0], definition.name, "has no text under it")
            elif definition.needs_numbers and not any(
                    _NUMBER.search(b.text) for h in filled for b in analysis.prose_under(h)):
                yield self._at(ctx, filled[0], definition.name,
                               "gives no numbers; say how many people took part and how large the effect was")

    def _at(self, ctx, heading: Block, section: str, detail: str) -> Finding:
        index = next(i for i, b in enumerate(ctx.blocks) if b is heading)
        return ctx.block_finding(self, index, self.format_message(heading=heading.label, section=section,
                                                                  detail=detail))


@register
class SectionsOrderRule(StructureRule):
    type_name = "sections-order"
    placeholders = ("section", "before", "order")

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        order = [k for k in analysis.profile.order if k in analysis.profile.defs]
        if len(order) < 2:
            return
        positions = {id(b): i for i, b in enumerate(ctx.blocks)}
        present = sorted((positions[id(analysis.matches[k][0])], order.index(k), k)
                          for k in order if analysis.matches.get(k))
        keep = _longest_ordered([rank for _, rank, _ in present])
        names = ", ".join(analysis.section(k).name for k in order)
        for i, (position, rank, key) in enumerate(present):
            if i in keep:
                continue
            earlier = [k for p, r, k in present[:i] if r > rank]
            if not earlier:
                continue
            yield ctx.block_finding(self, position, self.format_message(
                section=analysis.section(key).name, before=analysis.section(earlier[0]).name, order=names))


def _longest_ordered(ranks: list[int]) -> set[int]:
    """Indexes of a longest non-decreasing subsequence: the sections that are in place."""
    if not ranks:
        return set()
    best = [1] * len(ranks)
    previous = [-1] * len(ranks)
    for i in range(len(ranks)):
        for j in range(i):
            if ranks[j] <= ranks[i] and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    end = max(range(len(ranks)), key=lambda i: best[i])
    kept = set()
    while end != -1:
        kept.add(end)
        end = previous[end]
    return kept
