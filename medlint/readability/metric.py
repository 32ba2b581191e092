"""``metric``: a declarative rule type that holds a readability score against a limit.

    id: house.paragraph-grade
    type: metric
    metric: flesch-kincaid      # any score of the readability report, see METRICS
    max: 10                     # and/or min:
    scope: paragraph            # document (default) | section | paragraph
    message: "{metric} {value} is {relation} {limit}"

Scores are computed on the same prose, the same way, as `readability.grade` computes them (the
raw formula: no fallback from SMOG to Flesch-Kincaid for short texts).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..engine.rule import Rule, register
from ..finding import Finding
from .counts import Counts, count_text, total
from .prose import PIECE_BREAK, scoring_text
from .report import prose, shared
from .rules import _first_sentence
from .scores import Scores, score

if TYPE_CHECKING:
    from ..engine.context import LintContext

#: metric name in YAML -> (field of Scores, label in messages)
METRICS: dict[str, tuple[str, str]] = {
    "smog": ("smog", "SMOG"),
    "flesch-kincaid": ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
    "flesch-reading-ease": ("flesch_reading_ease", "Flesch reading ease"),
    "gunning-fog": ("gunning_fog", "Gunning fog"),
    "coleman-liau": ("coleman_liau", "Coleman-Liau"),
    "dale-chall": ("dale_chall", "Dale-Chall"),
    "words": ("words", "words"),
    "sentences": ("sentences", "sentences"),
    "average-sentence-length": ("average_sentence_length", "average sentence length"),
}
#: the JSON output's names (``metrics.readability``) are accepted too
ALIASES = {"flesch-kincaid-grade": "flesch-kincaid"}


def _metric_name(value: str) -> str:
    name = value.strip().lower().replace("_", "-")
    return ALIASES.get(name, name)


def _section_counts(ctx: LintContext) -> list[Counts]:
    """Counts per top-level section, each over its blocks' pieces joined as ``Prose.text`` joins
    them (``count_text`` caches by text, so the readability report reuses them)."""
    return shared(ctx, "section_counts", lambda: [
        count_text(PIECE_BREAK.join(map(scoring_text, section.blocks))) for section in prose(ctx).sections])


@register
class MetricRule(Rule):
    type_name = "metric"
    fields = ("metric", "max", "min")
    scopes = ("document", "section", "paragraph")
    default_scope = "document"
    placeholders = ("metric", "value", "limit", "relation", "heading", "words", "sentences")
    default_options = {"min-words": 1}

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        if self.reads_front_matter:
            raise self.error("front-matter", "a metric rule scores the article's prose; 'front-matter' does not apply")
        if "metric" not in spec:
            raise self.error(None, f"a metric rule needs 'metric' (one of {', '.join(METRICS)})")
        raw = spec["metric"]
        name = _metric_name(raw) if isinstance(raw, str) else ""
        if name not in METRICS:
            close = difflib.get_close_matches(name, list(METRICS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise self.error("metric", f"unknown metric {raw!r} (known: {', '.join(METRICS)}){hint}")
        self.metric = name
        self.field, self.label = METRICS[name]
        limits = {}
        for key in ("max", "min"):
            if key in spec:
                value = spec[key]
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise self.error(key, f"'{key}' must be a number, not {value!r}")
                limits[key] = value
        if not limits:
            raise self.error(None, "a metric rule needs a limit: 'max', 'min' or both")
        if "max" in limits and "min" in limits and limits["min"] > limits["max"]:
            raise self.error("min", f"'min' ({limits['min']}) is above 'max' ({limits['max']})")
        self.maximum: float | None = limits.get("max")
        self.minimum: float | None = limits.get("min")

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        min_words = ctx.options(self)["min-words"]
        for index, start, end, scores, heading in self._units(ctx):
            if scores.words < min_words:
                continue
            value = getattr(scores, self.field)
            shown = round(value, 1)
            if self.maximum is not None and shown > self.maximum:
                limit, relation = self.maximum, "over"
            elif self.minimum is not None and shown < self.minimum:
                limit, relation = self.minimum, "under"
            else:
                continue
            text = f"{value:.1f}" if isinstance(value, float) else str(value)
            message = self.format_message(metric=self.label, value=text, limit=f"{limit:g}", relation=relation,
                                          heading=heading, words=scores.words, sentences=scores.sentences)
            evidence = {"metric": self.metric, "value": value, "limit": limit, "words": scores.words,
                        "sentences": scores.sentences}
            yield ctx.finding(self, index, start, end, message, evidence=evidence)

    def _units(self, ctx: LintContext) -> Iterable[tuple[int, int, int, Scores, str]]:
        """(block index, start, end, scores, heading) for each unit of the rule's scope."""
        text = prose(ctx)
        if not text.blocks:
            return
        if self.scope == "paragraph":
            for index, block in zip(text.indices, text.blocks):
                yield index, 0, len(block.text), score(count_text(scoring_text(block))), ""
            return
        counts = _section_counts(ctx)
        if self.scope == "document":
            index = text.indices[0]
            yield (index, *_first_sentence(ctx, index), score(total(counts)), "")
            return
        for section, section_counts in zip(text.sections, counts):
            if section.blocks:
                heading = section.heading.label if section.heading is not None else "introduction"
                index = section.indices[0]
                yield (index, *_first_sentence(ctx, index), score(section_counts), heading)
