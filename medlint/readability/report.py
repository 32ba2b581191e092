"""Per-document readability: scores for the document and its top-level sections, computed once
per document by whichever readability rule runs first and shared by the others.

The scores land in the JSON output as ``metrics.readability`` and as one summary line in the
text output. They exist only when at least one ``readability.*`` rule is active. JSON keys:

* ``smog``, ``flesch_kincaid_grade``, ``flesch_reading_ease``, ``gunning_fog``, ``coleman_liau``,
  ``dale_chall`` (unrounded, equal to textstat's), ``words``, ``sentences``,
  ``average_sentence_length``;
* ``reliable`` (100 words or more), ``smog_reliable`` (30 sentences or more), ``grade`` and
  ``grade_formula`` (the score held against the target);
* ``audience``, ``target_grade`` (null: none), ``audience_note`` when an audience was unknown;
* ``sections``: per top-level section, ``heading`` (null for the text before the first one),
  ``line`` and the same scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .audience import Audience, resolve
from .counts import count_text, total
from .prose import PIECE_BREAK, Prose, ProseSection, analyse, scoring_text
from .scores import SHORT_LABELS, Scores, score

if TYPE_CHECKING:
    from ..engine.context import LintContext

T = TypeVar("T")
_STATE = "_medlint_readability"


def shared(ctx: LintContext, key: str, build: Callable[[], T]) -> T:
    """A value computed once per document and shared by this family's rules."""
    state = ctx.__dict__.setdefault(_STATE, {})
    if key not in state:
        state[key] = build()
    return state[key]


def prose(ctx: LintContext) -> Prose:
    return shared(ctx, "prose", lambda: analyse(ctx.document))


@dataclass
class SectionScores:
    section: ProseSection
    line: int
    scores: Scores

    @property
    def heading(self) -> str | None:
        return self.section.heading.label if self.section.heading is not None else None


@dataclass
class Report:
    audience: Audience
    scores: Scores
    sections: list[SectionScores]

    def grade(self) -> tuple[float, str]:
        return self.scores.grade(self.audience.formula)

    def to_json(self) -> dict[str, Any]:
        data = self.scores.to_json(self.audience.formula)
        data["audience"] = self.audience.name
        data["target_grade"] = self.audience.target
        if self.audience.note:
            data["audience_note"] = self.audience.note
        data["sections"] = [
            {"heading": s.heading, "line": s.line, **s.scores.to_json(self.audience.formula)}
            for s in self.sections
        ]
        return data

    def summary(self) -> str:
        s = self.scores
        if s.words == 0:
            return "readability: no prose to score"
        grade, key = self.grade()
        target = self.audience.target
        goal = f"grade target {target:g}" if target is not None else "no grade target"
        parts = [f"{SHORT_LABELS[key]} {grade:.1f} ({goal})"]
        for other in ("smog", "flesch_kincaid_grade"):
            if other != key:
                parts.append(f"{SHORT_LABELS[other]} {getattr(s, other):.1f}")
        parts.append(f"{s.words} words, {s.sentences} sentences")
        line = "readability: " + ", ".join(parts)
        notes = []
        if key != "smog" and self.audience.formula == "smog":
            notes.append("SMOG needs 30+ sentences, so FK is used")
        if not s.reliable:
            notes.append("under 100 words, scores are less reliable")
        if self.audience.note:
            notes.append(self.audience.note)
        return line + ("; " + "; ".join(notes) if notes else "")


def _first_line(ctx: LintContext, section: ProseSection) -> int:
    block = section.heading or (section.blocks[0] if section.blocks else None)
    if block is None:
        return 1
    return ctx.document.position(block.source_offset(0))[0]


def _build(ctx: LintContext) -> Report:
    text = prose(ctx)
    # one count per section: its scored text is its blocks' pieces joined as in ``Prose.text``
    per_section = [count_text(PIECE_BREAK.join(map(scoring_text, s.blocks))) for s in text.sections]
    document_scores = score(total(per_section))
    sections = [SectionScores(section, _first_line(ctx, section), score(counts))
                for section, counts in zip(text.sections, per_section) if counts.words]
    audience = resolve(ctx.settings, ctx.document.metadata)
    report = Report(audience, document_scores, sections)
    ctx.metrics["readability"] = report.to_json()
    ctx.metrics.setdefault("_summary_lines", []).append(report.summary())
    return report


def report(ctx: LintContext) -> Report:
    return shared(ctx, "report", lambda: _build(ctx))
