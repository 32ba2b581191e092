"""Rule types of the readability family: document grade, section grade, long sentences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..engine.rule import Rule, SeverityChange, register
from ..finding import Finding, Severity
from .counts import word_count
from .report import SectionScores, prose, report
from .scores import LABELS, MIN_WORDS, Scores

if TYPE_CHECKING:
    from ..engine.context import LintContext

ERROR_MARGIN = 2  # grades above target at which readability.grade becomes an error


def _first_sentence(ctx: LintContext, index: int) -> tuple[int, int]:
    """(start, end) of the first sentence of block ``index``: where a document-level finding
    shows up in an editor."""
    spans = ctx.sentences(index)
    return spans[0] if spans else (0, len(ctx.blocks[index].text))


def _evidence(scores: Scores, formula_key: str, target: float | None, audience: str) -> dict[str, Any]:
    data = scores.to_json()
    data["grade_formula"] = formula_key
    data["target_grade"] = target
    data["audience"] = audience
    return data


def _fallback_note(formula_key: str, wanted: str, sentences: int) -> str:
    if formula_key != "smog" and wanted == "smog":
        return (f"; SMOG needs 30 or more sentences and this text has {sentences}, "
                "so Flesch-Kincaid is used")
    return ""


@register
class ReadabilityGradeRule(Rule):
    """The document's grade level against the audience's target."""

    type_name = "readability-grade"
    scopes = ("document",)
    default_scope = "document"
    placeholders = ("grade", "target", "formula", "audience", "note")
    default_options = {"min-words": MIN_WORDS}

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        if self.severity >= Severity.ERROR:
            return ()
        return (SeverityChange(Severity.ERROR, f"the grade is {ERROR_MARGIN} or more above the audience's target"),)

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        result = report(ctx)
        target = result.audience.target
        scores = result.scores
        if target is None or scores.words < ctx.options(self)["min-words"] or not prose(ctx).blocks:
            return
        grade, key = result.grade()
        if round(grade, 1) <= target:
            return
        severity = Severity.ERROR if round(grade, 1) >= target + ERROR_MARGIN else None
        note = _fallback_note(key, result.audience.formula, scores.sentences)
        message = self.format_message(grade=f"{grade:.1f}", target=f"{target:g}", formula=LABELS[key],
                                      audience=result.audience.name, note=note)
        index = prose(ctx).indices[0]
        start, end = _first_sentence(ctx, index)
        yield ctx.finding(self, index, start, end, message, severity=severity,
                          evidence=_evidence(scores, key, target, result.audience.name))


@register
class SectionGradeRule(Rule):
    """Top-level sections that read well above the target, so editors know where to start."""

    type_name = "readability-section-grade"
    scopes = ("document",)
    default_scope = "document"
    placeholders = ("heading", "grade", "target", "formula", "words", "scores")
    default_options = {"margin": 2, "min-words": 60}

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        result = report(ctx)
        target = result.audience.target
        if target is None:
            return
        options = ctx.options(self)
        for section in result.sections:
            yield from self._check_section(ctx, section, target, options, result.audience)

    def _check_section(self, ctx: LintContext, section: SectionScores, target: float,
                       options: dict[str, Any], audience: Any) -> Iterable[Finding]:
        scores = section.scores
        if scores.words < options["min-words"] or not section.section.blocks:
            return
        grade, key = scores.grade(audience.formula)
        if round(grade, 1) < target + options["margin"]:
            return
        heading = section.heading or "introduction"
        message = self.format_message(heading=heading, grade=f"{grade:.1f}", target=f"{target:g}",
                                      formula=LABELS[key], words=scores.words,
                                      scores=scores.brief(key))
        evidence = _evidence(scores, key, target, audience.name)
        evidence["heading"] = section.heading
        evidence["line"] = section.line
        index = section.section.indices[0]
        start, end = _first_sentence(ctx, index)
        yield ctx.finding(self, index, start, end, message, evidence=evidence)


@register
class LongSentenceRule(Rule):
    """Sentences longer than ``max-words`` words (counted like textstat's lexicon_count)."""

    type_name = "long-sentence"
    scopes = ("sentence",)
    default_scope = "sentence"
    placeholders = ("words", "limit")
    default_options = {"max-words": 25}

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        limit = ctx.options(self)["max-words"]
        blocks = ctx.blocks
        # a sentence has no more words than tokens: locate sentences only where one may be long
        for index in ctx.with_sentence_longer_than(prose(ctx).body, limit):
            block = blocks[index]
            for start, end in ctx.sentences(index):
                sentence = block.text[start:end]
                if sentence.count(" ") < limit:
                    continue
                words = word_count(sentence)
                if words > limit:
                    yield ctx.finding(self, index, start, end,
                                      self.format_message(words=words, limit=limit),
                                      evidence={"words": words, "limit": limit})
