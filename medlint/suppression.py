"""Inline suppression: ``<!-- medlint-disable RULE -->`` and friends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .document import Directive, Document
from .engine.rule import selects
from .finding import Finding

ALL = None  # a directive with no rule list covers every rule


@dataclass(frozen=True)
class _Region:
    rules: tuple[str, ...] | None
    first: int
    last: int

    def covers(self, finding: Finding) -> bool:
        return self.first <= finding.line <= self.last and _names(self.rules, finding.rule)


def _names(rules: tuple[str, ...] | None, rule_id: str) -> bool:
    return rules is None or any(selects(r, rule_id) for r in rules)


class Suppressions:
    def __init__(self, document: Document) -> None:
        self.regions: list[_Region] = []
        last_line = document.line_count + 1
        open_regions: list[tuple[tuple[str, ...] | None, int]] = []
        for directive in sorted(document.directives, key=lambda d: (d.line, d.column)):
            rules = directive.rules or ALL
            if directive.kind == "disable-file":
                self.regions.append(_Region(rules, 0, last_line))
            elif directive.kind == "disable":
                open_regions.append((rules, directive.line))
            elif directive.kind == "disable-next-line":
                target = _next_content_line(document, directive.end_line)
                self.regions.append(_Region(rules, target, target))
            elif directive.kind == "enable":
                still_open = []
                for region_rules, start in open_regions:
                    if rules is ALL or region_rules is not ALL and set(region_rules) <= set(rules):
                        self.regions.append(_Region(region_rules, start, directive.line))
                    else:
                        still_open.append((region_rules, start))
                open_regions = still_open
        self.regions.extend(_Region(rules, start, last_line) for rules, start in open_regions)

    def allows(self, finding: Finding) -> bool:
        return not any(region.covers(finding) for region in self.regions)


def _next_content_line(document: Document, after: int) -> int:
    lines = document.source.split("\n")
    for number in range(after + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return after + 1


def unknown_rule_names(directives: Iterable[Directive], is_known: Callable[[str], bool]) -> Iterable[tuple[Directive, str]]:
    for directive in directives:
        for name in directive.rules:
            if not is_known(name):
                yield directive, name
