"""Precision and recall of the claim checker on labelled sentences (corpora/claims*/).

Each sentence is linted as a small plain-text article: its ``before`` context, the sentence and
its ``after`` context (or the older ``paragraph``) as one paragraph, under a front matter
``date`` when the sentence has an ``article_date``. Only findings inside the sentence count. For
the outdated family, only error-level findings count as found: the bar is on errors.

Development tooling, not part of the installed package: imported by scripts/evaluate_claims.py
and the claim tests (pytest puts scripts/ on sys.path, see pyproject.toml).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from medlint.finding import Severity
from medlint.linter import Source, lint_sources

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
    paragraph: str | None = None  # context after the sentence (the older format's name)
    before: str | None = None
    accept: frozenset[str] = frozenset()
    tags: tuple[str, ...] = ()
    truth: str | None = None
    kb: str | None = None
    source: str | None = None
    heading: str | None = None  # the heading the sentence stands under, when it matters


@dataclass
class Outcome:
    item: Labelled
    found: frozenset[str]  # outdated-family rules at error level, other claim rules at any level
    warned: frozenset[str] = frozenset()  # outdated-family rules found below error level


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
            items.append(Labelled(
                entry["id"], entry["text"], frozenset(entry.get("expect") or ()),
                _text(entry.get("article_date")), entry.get("paragraph") or entry.get("after"),
                entry.get("before"), frozenset(entry.get("accept") or ()), tuple(entry.get("tags") or ()),
                entry.get("truth"), entry.get("kb"), entry.get("source"), entry.get("heading")))
    return items


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def as_article(item: Labelled) -> tuple[str, str, int, int]:
    """The sentence as a small article: its file name, its text, and the sentence's line and
    first column (1-based). A list item becomes a Markdown list under its lead-in (``before``),
    with ``after`` as the next item; otherwise the context and the sentence form one paragraph."""
    front = f"---\ndate: {item.article_date}\n---\n\n" if item.article_date else ""
    if item.heading:
        front += f"# {item.heading.strip()}\n\n"
    if "list-item" in item.tags:
        lead = f"{item.before.strip()}\n\n" if item.before else ""
        after = f"- {item.paragraph.strip()}\n" if item.paragraph else ""
        text = front + lead + f"- {item.text}\n" + after
        return f"{item.id}.md", text, (front + lead).count("\n") + 1, 3
    before = (item.before.strip() + " ") if item.before else ""
    after = (" " + item.paragraph.strip()) if item.paragraph else ""
    return f"{item.id}.md", front + before + item.text + after + "\n", front.count("\n") + 1, len(before) + 1


def run(items: list[Labelled]) -> list[Outcome]:
    sources, places = [], []
    for item in items:
        name, text, line, column = as_article(item)
        sources.append(Source(name, text))
        places.append((line, column))
    outcomes = []
    for item, (line, column), result in zip(items, places, lint_sources(sources, today=EVALUATION_DAY)):
        inside = [f for f in result.findings
                  if f.rule in CLAIM_RULES and f.line == line and column <= f.column < column + len(item.text)]
        found = frozenset(f.rule for f in inside if f.rule not in OUTDATED_FAMILY or f.severity == Severity.ERROR)
        warned = frozenset(f.rule for f in inside if f.rule in OUTDATED_FAMILY and f.severity != Severity.ERROR)
        outcomes.append(Outcome(item, found, warned))
    return outcomes


def score(outcomes: list[Outcome]) -> dict[str, Score]:
    scores = {rule: Score() for rule in CLAIM_RULES}
    family = Score()
    for outcome in outcomes:
        accepted = outcome.item.accept
        for rule in CLAIM_RULES:
            expected, found = rule in outcome.item.expect, rule in outcome.found
            s = scores[rule]
            if expected and found:
                s.tp += 1
            elif found and rule not in accepted:
                s.fp += 1
                s.fp_ids.append(outcome.item.id)
            elif expected and not found:
                s.fn += 1
                s.fn_ids.append(outcome.item.id)
        wanted = outcome.item.expect & set(OUTDATED_FAMILY)
        got = (outcome.found & set(OUTDATED_FAMILY)) - accepted
        if wanted and got == wanted:
            family.tp += 1
        else:
            if got:
                family.fp += 1
                family.fp_ids.append(outcome.item.id)
            if wanted:
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


def category_table(outcomes: list[Outcome]) -> str:
    """Per tag: sentences, errors expected, right errors, wrong errors, missed, and warnings."""
    rows: dict[str, Counter] = defaultdict(Counter)
    for outcome in outcomes:
        item = outcome.item
        wanted = item.expect & set(OUTDATED_FAMILY)
        got = (outcome.found & set(OUTDATED_FAMILY)) - item.accept
        for tag in item.tags or ("(untagged)",):
            row = rows[tag]
            row["sentences"] += 1
            row["expected"] += bool(wanted)
            row["right"] += bool(wanted) and got == wanted
            row["wrong"] += bool(got) and got != wanted
            row["missed"] += bool(wanted) and got != wanted
            row["warned"] += bool(outcome.warned)
    lines = [f"{'category':<22} {'sentences':>9} {'expected':>8} {'right':>6} {'wrong':>6} {'missed':>6} {'warned':>6}"]
    for tag in sorted(rows):
        r = rows[tag]
        lines.append(f"{tag:<22} {r['sentences']:>9} {r['expected']:>8} {r['right']:>6} {r['wrong']:>6} "
                     f"{r['missed']:>6} {r['warned']:>6}")
    return "\n".join(lines)


def clean_controls(outcomes: list[Outcome]) -> tuple[int, int]:
    """(sentences that mention an FDA action or a screening age and expect no error, those of
    them that got one)."""
    controls = [o for o in outcomes if not o.item.expect & set(OUTDATED_FAMILY)
                and {"fda-action", "screening-age"} & set(o.item.tags)]
    flagged = [o for o in controls if (o.found & set(OUTDATED_FAMILY)) - o.item.accept]
    return len(controls), len(flagged)
