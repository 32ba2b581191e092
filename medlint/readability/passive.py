"""``passive-voice``: "the dose is adjusted" hides who acts; "your doctor adjusts the dose" does not.

A heuristic without a parser: a form of *be* (or *get*), then at most two adverbs (words in
-ly, not, also, often, being, ...), then a past participle (a word in -ed, or an irregular one
such as given, taken, shown). Participles that are mostly adjectives (tired, interested,
located, based, ...), un- adjectives (untreated, unexpected), "is called/named" and "there is"
are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..engine.rule import Rule, register
from ..engine.types._patterns import overlaps_exception, read_exceptions
from ..finding import Finding
from .report import prose

if TYPE_CHECKING:
    from ..engine.context import LintContext

_BE = r"am|is|are|was|were|be|been|being|(?:is|are|was|were)n['\u2019]t|get|gets|got|gotten|getting"
_ADVERB = (r"not|never|also|often|usually|always|sometimes|still|only|just|already|then|now|"
           r"being|rarely|commonly|generally|typically|mostly|mainly|first|\w+ly")
_PASSIVE = re.compile(
    rf"(?<![\w'])({_BE})((?:\s+(?:{_ADVERB}))){{0,2}}\s+([A-Za-z]+)\b", re.IGNORECASE)
# Fast scan for the be/get forms (explicit case classes: much faster than IGNORECASE here);
# _PASSIVE then runs only where one starts.
_CANDIDATE = re.compile(
    r"\b(?:[aA][mM]|[iI][sS]|[aA][rR][eE]|[wW][aA][sS]|[wW][eE][rR][eE]|[bB][eE](?:[eE][nN]|[iI][nN][gG])?"
    r"|[gG][eE][tT](?:[sS]|[tT][iI][nN][gG])?|[gG][oO][tT](?:[tT][eE][nN])?)(?:\b|[nN]['\u2019][tT]\b)")
_THERE = re.compile(r"\b(?:there|here)\s*$", re.IGNORECASE)

IRREGULAR = frozenset("""
given taken known shown seen done made found written chosen driven held left told thought brought
caught bought built sent spent kept led meant paid said sold sought taught understood worn
broken forgotten frozen hidden bitten eaten beaten drawn grown thrown sworn torn spoken stolen
shaken undertaken withdrawn forbidden put cut spread shut fed bled bound dealt felt heard laid
struck swept overcome overseen rewritten mistaken outgrown
""".split())

# -ed words that are usually adjectives after "be", and -ed words that are not participles.
NOT_PASSIVE = frozenset("""
tired interested worried concerned married excited pleased scared bored confused surprised
satisfied supposed located involved related based limited advanced detailed balanced skilled
qualified experienced sophisticated complicated crowded dedicated determined disappointed
embarrassed exhausted frightened amazed annoyed ashamed depressed stressed relaxed blessed aged
armed beloved naked wicked rugged ragged crooked sacred kindred hundred indeed need speed seed
feed deed bleed breed greed heed weed steed exceed proceed succeed called named prepared
closed dressed finished gone overweight focused obsessed allergic committed entitled
""".split())
_GET = frozenset("get gets got gotten getting".split())
_GET_IDIOMS = frozenset("started used lost involved dressed married tired bored rid ready".split())


def is_participle(word: str) -> bool:
    word = word.lower()
    if word in IRREGULAR:
        return True
    if len(word) < 4 or not word.endswith("ed") or word in NOT_PASSIVE:
        return False
    if word.endswith("eed") and word not in ("agreed", "freed", "guaranteed", "decreed"):
        return False
    return not (word.startswith("un") and not word.startswith("under"))


def passives(text: str) -> Iterable[tuple[int, int]]:
    """Spans of passive constructions in ``text``."""
    end = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < end:
            continue
        match = _PASSIVE.match(text, candidate.start())
        if match is None:
            continue
        verb, participle = match.group(1).lower(), match.group(3)
        if not is_participle(participle):
            continue
        if verb in _GET and participle.lower() in _GET_IDIOMS:
            continue
        if _THERE.search(text, max(0, match.start() - 8), match.start()):
            continue
        end = match.end()
        yield match.start(), match.end()


@register
class PassiveVoiceRule(Rule):
    type_name = "passive-voice"
    placeholders = ("match",)

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.exceptions = read_exceptions(self)

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        text = prose(ctx)
        for index, block in enumerate(ctx.blocks):
            if block.is_heading or text.in_references(block):
                continue
            body = block.text
            for start, end in passives(body):
                if self.exceptions is not None and overlaps_exception(
                        self.exceptions, body, ctx.sentence_at(index, start), start, end):
                    continue
                yield ctx.finding(self, index, start, end, self.format_message(match=body[start:end]))
