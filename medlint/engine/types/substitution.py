"""``substitution``: a term has a preferred wording; the message and suggestion give it."""

from __future__ import annotations

from typing import Iterable

from ...finding import Finding
from ..matching import PatternSpec
from ..rule import Rule, register
from ._patterns import overlaps_exception, read_exceptions


@register
class SubstitutionRule(Rule):
    type_name = "substitution"
    fields = ("swap", "ignorecase")
    placeholders = ("match", "suggestion")
    fixable = True

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        swap = spec.get("swap")
        if not isinstance(swap, dict) or not swap or not all(
                isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                for k, v in swap.items()):
            raise self.error("swap" if "swap" in spec else None,
                             "'swap' must map each term to its preferred wording (strings)")
        self.ignorecase = spec.get("ignorecase", True)
        if not isinstance(self.ignorecase, bool):
            raise self.error("ignorecase", "'ignorecase' must be true or false")
        self.swap = {(k.lower() if self.ignorecase else k): v for k, v in swap.items()}
        self.exceptions = read_exceptions(self)

    def prepare(self, hub) -> None:
        for index, term in enumerate(self.swap):
            hub.add(f"{self.id}#{index}", PatternSpec([term], [], [], self.ignorecase, lemma=False))
        self._keys = {f"{self.id}#{i}": v for i, v in enumerate(self.swap.values())}

    def check(self, ctx) -> Iterable[Finding]:
        for index, block in ctx.blocks_in_scope(self.scope):
            matches = ctx.matches(index)
            # phrase matches are all in the mapping already: walk what matched, not every term
            hits = sorted((span, self._keys[key]) for key, spans in matches.items() if key in self._keys
                          for span in spans)
            last_end = -1
            for (start, end), preferred in hits:
                if start < last_end:
                    continue
                unit = ctx.unit(self.scope, index, start)
                if overlaps_exception(self.exceptions, block.text, unit, start, end):
                    continue
                last_end = end
                found = block.text[start:end]
                suggestion = _match_case(found, preferred) if self.ignorecase else preferred
                yield ctx.finding(self, index, start, end,
                                  self.format_message(match=found, suggestion=suggestion),
                                  suggestion=suggestion)

    def fix_text(self, matched: str, suggestion: str | None) -> str | None:
        preferred = self.swap.get(matched.lower() if self.ignorecase else matched)
        if preferred is None:  # the span no longer holds a swapped term as written (a line break)
            return None
        replacement = _match_case(matched, preferred) if self.ignorecase else preferred
        return replacement if replacement == suggestion else None


def _match_case(found: str, preferred: str) -> str:
    if found[:1].isupper() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred
