"""``conditional``: if the ``if`` patterns occur in a scope, the ``then`` patterns must too."""

from __future__ import annotations

from typing import Iterable

from ...finding import Finding
from ..rule import Rule, register
from ._patterns import overlaps_exception, read_exceptions, read_patterns


@register
class ConditionalRule(Rule):
    type_name = "conditional"
    fields = ("if", "then")
    placeholders = ("match",)
    default_scope = "paragraph"

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        if "if" not in spec or "then" not in spec:
            raise self.error(None, "a conditional rule needs both 'if' and 'then'")
        self.when = read_patterns(self, spec["if"], "if")
        self.then = read_patterns(self, spec["then"], "then")
        self.exceptions = read_exceptions(self)

    def prepare(self, hub) -> None:
        for key, patterns, where in ((self.id + "#if", self.when, "if"), (self.id + "#then", self.then, "then")):
            try:
                hub.add(key, patterns)
            except ValueError as exc:
                raise self.error(where, str(exc)) from None

    def check(self, ctx) -> Iterable[Finding]:
        if self.scope == "document":
            first = None
            for index, block in ctx.blocks_in_scope("document"):
                matches = ctx.matches(index)
                if matches.get(self.id + "#then"):
                    return
                if first is None:
                    whole = (0, len(block.text))
                    conditions = [(s, e) for s, e in matches.get(self.id + "#if", ())
                                  if not overlaps_exception(self.exceptions, block.text, whole, s, e)]
                    if conditions:
                        first = (index, conditions[0])
            if first is not None:
                yield self._report(ctx, *first)
            return
        for index, block in ctx.blocks_in_scope(self.scope):
            matches = ctx.matches(index)
            conditions = matches.get(self.id + "#if")
            if not conditions:
                continue
            consequences = matches.get(self.id + "#then", [])
            reported_units = set()
            for start, end in conditions:
                unit = ctx.unit(self.scope, index, start)
                if unit in reported_units:
                    continue
                if overlaps_exception(self.exceptions, block.text, unit, start, end):
                    continue
                if any(unit[0] <= s < unit[1] for s, _ in consequences):
                    continue
                reported_units.add(unit)
                yield self._report(ctx, index, (start, end))

    def _report(self, ctx, index: int, span: tuple[int, int]) -> Finding:
        start, end = span
        text = ctx.blocks[index].text[start:end]
        return ctx.finding(self, index, start, end, self.format_message(match=text))
