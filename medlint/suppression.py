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
    excluded: tuple[str, ...] = ()  # re-enabled inside the region: `disable` ... `enable claims.hype`

    def covers(self, finding: Finding) -> bool:
        return (self.first <= finding.line <= self.last and _names(self.rules, finding.rule)
                and not any(selects(name, finding.rule) for name in self.excluded))


def _names(rules: tuple[str, ...] | None, rule_id: str) -> bool:
    return rules is None or any(selects(r, rule_id) for r in rules)


class Suppressions:
    def __init__(self, document: Document) -> None:
        self.regions: list[_Region] = []
        last_line = document.line_count + 1
        # open `disable` regions, one per named rule (None: every rule), with what was re-enabled
        open_regions: list[tuple[str | None, tuple[str, ...], int]] = []
        for directive in sorted(document.directives, key=lambda d: (d.line, d.column)):
            rules = directive.rules or ALL
            if directive.kind == "disable-file":
                self.regions.append(_Region(rules, 0, last_line))
            elif directive.kind == "disable":
                open_regions.extend((rule, (), directive.line) for rule in (rules or (None,)))
            elif directive.kind == "disable-line":  # the line the comment stands on
                self.regions.append(_Region(rules, directive.line, directive.line))
            elif directive.kind == "disable-next-line":
                target = _next_content_line(document, directive.end_line)
                self.regions.append(_Region(rules, target, target))
            elif directive.kind == "enable":
                still_open = []
                for rule, excluded, start in open_regions:
                    closes = rules is ALL or rule is not None and any(selects(name, rule) for name in rules)
                    if closes:
                        self.regions.append(_Region(_one(rule), start, directive.line, excluded))
                        continue
                    narrower = [] if rules is ALL else [
                        name for name in rules if rule is None or selects(rule, name)]
                    if narrower:  # `enable claims.hype` inside `disable claims` or `disable`
                        self.regions.append(_Region(_one(rule), start, directive.line, excluded))
                        still_open.append((rule, excluded + tuple(narrower), directive.line))
                    else:
                        still_open.append((rule, excluded, start))
                open_regions = still_open
        self.regions.extend(_Region(_one(rule), start, last_line, excluded)
                            for rule, excluded, start in open_regions)

    def allows(self, finding: Finding) -> bool:
        return not any(region.covers(finding) for region in self.regions)


def _one(rule: str | None) -> tuple[str, ...] | None:
    return None if rule is None else (rule,)


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
