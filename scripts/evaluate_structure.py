"""Score article-type inference and the error-level structure findings on labelled real pages.

    python scripts/evaluate_structure.py                 # corpora/structure-real/labels.yaml
    python scripts/evaluate_structure.py -v              # and every wrong type and wrong error

The pages are read from ../shared/data/real/ (not copied into the project); the labels say each
page's type and which error-level structure findings are right for it. Prints type accuracy,
wrong error-level findings per 50 pages and the right errors missed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "corpora" / "structure-real" / "labels.yaml"
PAGES = ROOT.parent / "shared" / "data" / "real"
TODAY = date(2026, 11, 26)
STRUCTURE_RULES = ("sections.missing", "sections.empty", "sections.order", "metadata.missing-field",
                   "metadata.stale-review", "metadata.invalid-date", "sources.missing",
                   "trust.missing-disclaimer", "document.front-matter-invalid", "content.boilerplate")
#: a page that is not a health article is typed 'other' when medlint knows that type, else 'general'
HEALTH_TYPES = ("condition", "treatment", "news")


@dataclass
class PageResult:
    path: str
    label_type: str
    found_type: str
    type_source: str
    evidence: list[str] = field(default_factory=list)
    wrong_errors: list[str] = field(default_factory=list)  # "rule: message"
    missed_errors: list[str] = field(default_factory=list)


def evaluate(labels: Path = LABELS, pages: Path = PAGES) -> list[PageResult]:
    from medlint.finding import Severity
    from medlint.linter import Source, lint_sources

    entries = yaml.safe_load(labels.read_text(encoding="utf-8"))["pages"]
    sources = [Source(str(pages / e["path"]), (pages / e["path"]).read_bytes()) for e in entries]
    results = []
    for entry, result in zip(entries, lint_sources(sources, today=TODAY)):
        structure = result.metrics.get("structure") or _type_from_evidence(result.findings)
        found_type = structure.get("article_type", "?")
        errors = [f for f in result.findings if f.rule in STRUCTURE_RULES and f.severity == Severity.ERROR]
        legit = set(entry.get("legit_errors") or ())
        page = PageResult(entry["path"], entry["type"], found_type, structure.get("type_source", "?"),
                          list(structure.get("evidence") or ()))
        page.wrong_errors = [f"{f.rule}: {f.message}" for f in errors if f.rule not in legit]
        page.missed_errors = sorted(legit - {f.rule for f in errors})
        results.append(page)
    return results


def _type_from_evidence(findings) -> dict:  # noqa: ANN001
    """Before medlint reported metrics.structure, sections.missing findings carried the type."""
    for finding in findings:
        if finding.rule == "sections.missing" and finding.evidence:
            return {"article_type": finding.evidence.get("type"), "type_source": finding.evidence.get("type_source")}
    return {"article_type": "general", "type_source": "fallback (no section required)"}


def type_correct(page: PageResult) -> bool:
    return page.found_type == page.label_type


def summary(results: list[PageResult]) -> str:
    total = len(results)
    right = sum(type_correct(p) for p in results)
    wrong = sum(len(p.wrong_errors) for p in results)
    missed = sum(len(p.missed_errors) for p in results)
    confusion = Counter((p.label_type, p.found_type) for p in results)
    lines = [f"{total} labelled pages",
             f"type accuracy: {right}/{total} = {right / total:.3f}",
             f"wrong error-level structure findings: {wrong} ({wrong * 50 / total:.2f} per 50 pages) "
             f"on {sum(bool(p.wrong_errors) for p in results)} pages",
             f"right errors missed: {missed}",
             "label -> found: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(confusion.items()))]
    by_rule = Counter(w.split(":", 1)[0] for p in results for w in p.wrong_errors)
    if by_rule:
        lines.append("wrong errors by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))
    health_typed = [p for p in results if p.found_type in HEALTH_TYPES and p.label_type not in HEALTH_TYPES]
    lines.append(f"typed condition, treatment or news but labelled general or other: {len(health_typed)}")
    lone = [p for p in results if p.found_type in HEALTH_TYPES and p.type_source == "inferred" and len(p.evidence) < 2]
    lines.append(f"health types inferred from a single signal: {len(lone)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong types and wrong errors")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file [default: %(default)s]")
    args = parser.parse_args()
    if not PAGES.exists():
        sys.exit(f"skipped: {PAGES} is not beside this checkout (the labelled pages live there)")
    results = evaluate(args.labels)
    print(summary(results))
    if args.verbose:
        for page in results:
            if not type_correct(page):
                print(f"TYPE {page.path}: labelled {page.label_type}, found {page.found_type} ({page.type_source})")
            for wrong in page.wrong_errors:
                print(f"WRONG {page.path}: {wrong[:160]}")
            for missed in page.missed_errors:
                print(f"MISSED {page.path}: {missed}")


if __name__ == "__main__":
    main()
