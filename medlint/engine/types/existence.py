"""``existence``: report every occurrence of a phrase, regex or token pattern."""

from __future__ import annotations

from typing import Iterable

from ...finding import Finding
from ..rule import Rule, register
from ._patterns import PATTERN_FIELDS, overlaps_exception, read_exceptions, read_patterns


@register
class ExistenceRule(Rule):
    type_name = "existence"
    fields = PATTERN_FIELDS
    placeholders = ("match",)

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.patterns = read_patterns(self, spec)
        self.exceptions = read_exceptions(self)

    def prepare(self, hub) -> None:
        try:
            hub.add(self.id, self.patterns)
        except ValueError as exc:
            raise self.error("regex" if "regex" in str(exc) else "patterns", str(exc)) from None

    def check(self, ctx) -> Iterable[Finding]:
        # the blocks where the patterns matched, in one pass (most blocks have no match)
        for index, spans in ctx.matched(self.id, [index for index, _ in ctx.blocks_in_scope(self.scope)]):
            block = ctx.blocks[index]
            last_end = -1
            for start, end in spans:
                if start < last_end:  # overlapping alternatives of one pattern: report once
                    continue
                unit = ctx.unit(self.scope, index, start)
                if overlaps_exception(self.exceptions, block.text, unit, start, end):
                    continue
                last_end = end
                yield ctx.finding(self, index, start, end,
                                  self.format_message(match=block.text[start:end]))
