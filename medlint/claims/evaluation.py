"""Precision and recall of the claim checker on the labelled sentences in corpora/claims/."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..linter import Source, lint_sources

CLAIM_RULES = ("claims.outdated-approval", "claims.superseded-exclusive", "claims.outdated-not-approved",
               "claims.outdated-guideline", "claims.approval-note", "claims.undated-approval",
               "claims.needs-citation")
OUTDATED_FAMILY = CLAIM_RULES[:4]
EVALUATION_DAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    expect: frozenset[str]
    article_date: str | None = None
    paragraph: str | None = None


@dataclass
class Outcome:
    item: Labelled
    found: frozenset[str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_ids: list[str] = field(default_factory=list)
    fn_ids: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_sentences(folder: Path) -> list[Labelled]:
    items = []
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]:
            items.append(Labelled(entry["id"], entry["text"], frozenset(entry.get("expect") or ()),
                                  entry.get("article_date"), entry.get("paragraph")))
    return items


def as_article(item: Labelled) -> tuple[str, int]:
    """The sentence as a small plain-text article; returns the text and the sentence's line."""
    front = f"---\ndate: {item.article_date}\n---\n\n" if item.article_date else ""
    body = item.text + (" " + item.paragraph if item.paragraph else "")
    return front + body + "\n", front.count("\n") + 1


def run(items: list[Labelled]) -> list[Outcome]:
    sources, lines = [], []
    for item in items:
        text, line = as_article(item)
        sources.append(Source(f"{item.id}.txt", text))
        lines.append(line)
    outcomes = []
    for item, line, result in zip(items, lines, lint_sources(sources, today=EVALUATION_DAY)):
        found = frozenset(f.rule for f in result.findings
                          if f.rule in CLAIM_RULES and f.line == line and f.column <= len(item.text))
        outcomes.append(Outcome(item, found))
    return outcomes


def score(outcomes: list[Outcome]) -> dict[str, Score]:
    scores = {rule: Score() for rule in CLAIM_RULES}
    family = Score()
    for outcome in outcomes:
        for rule in CLAIM_RULES:
            expected, found = rule in outcome.item.expect, rule in outcome.found
            s = scores[rule]
            if expected and found:
                s.tp += 1
            elif found:
                s.fp += 1
                s.fp_ids.append(outcome.item.id)
            elif expected:
                s.fn += 1
                s.fn_ids.append(outcome.item.id)
        expected_family = bool(outcome.item.expect & set(OUTDATED_FAMILY))
        found_family = bool(outcome.found & set(OUTDATED_FAMILY))
        right_kind = (outcome.item.expect & set(OUTDATED_FAMILY)) == (outcome.found & set(OUTDATED_FAMILY))
        if expected_family and found_family and right_kind:
            family.tp += 1
        else:
            if found_family:
                family.fp += 1
                family.fp_ids.append(outcome.item.id)
            if expected_family:
                family.fn += 1
                family.fn_ids.append(outcome.item.id)
    scores["outdated-family"] = family
    return scores


def table(scores: dict[str, Score], outcomes: list[Outcome]) -> str:
    counts = Counter(rule for o in outcomes for rule in o.item.expect)
    rows = [f"{'verdict':<30} {'labelled':>8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for rule, s in scores.items():
        labelled = counts.get(rule, s.tp + s.fn)
        rows.append(f"{rule:<30} {labelled:>8} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.3f} {s.recall:>7.3f}")
    rows.append(f"{len(outcomes)} sentences")
    return "\n".join(rows)
