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

_BE_FORMS = frozenset("am is are was were be been being get gets got gotten getting".split())
_ADVERB = (r"not|never|also|often|usually|always|sometimes|still|only|just|already|then|now|"
           r"being|rarely|commonly|generally|typically|mostly|mainly|first|\w+ly")
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


# One scan of the lower-cased text: a be/get form, up to two adverbs, then a word in -ed or an
# irregular participle. The pattern opens with a character class so that the regex engine skips
# quickly to candidate letters; the class also admits "as" and the like, and what comes before
# the form is not looked at, so ``passives`` checks both.
_PASSIVE = re.compile(
    r"([abgiw](?:m|s|re|as|ere|e|een|eing|et|ets|ot|otten|etting|(?:s|re|as|ere)n['\u2019]t))"
    rf"(?:\s+(?:{_ADVERB})){{0,2}}\s+([a-z]*ed|{'|'.join(sorted(IRREGULAR, key=len, reverse=True))})\b")
_NEGATED = re.compile(r"n['\u2019]t$")
_WORD_CHAR = re.compile(r"[\w'\u2019]")


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
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lower case is longer: keep offsets right
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    search = _PASSIVE.search
    position = 0
    while True:
        match = search(lower, position)
        if match is None:
            return
        start = match.start()
        position = start + 1
        verb, participle = match.group(1), match.group(2)
        if _NEGATED.sub("", verb) not in _BE_FORMS:
            continue
        if start and _WORD_CHAR.match(lower, start - 1):  # inside a word, or after an apostrophe
            continue
        if not is_participle(participle):
            continue
        if verb in _GET and participle in _GET_IDIOMS:
            continue
        if _THERE.search(lower, max(0, start - 8), start):
            continue
        position = match.end()
        yield start, match.end()


@register
class PassiveVoiceRule(Rule):
    type_name = "passive-voice"
    placeholders = ("match",)

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.exceptions = read_exceptions(self)

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        blocks = ctx.blocks
        for index in prose(ctx).body:
            body = blocks[index].text
            for start, end in passives(body):
                if self.exceptions is not None and overlaps_exception(
                        self.exceptions, body, ctx.sentence_at(index, start), start, end):
                    continue
                yield ctx.finding(self, index, start, end, self.format_message(match=body[start:end]))
