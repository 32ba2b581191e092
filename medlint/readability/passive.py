"""``passive-voice``: "the dose is adjusted" hides who acts; "your doctor adjusts the dose" does not.

A heuristic without a parser: a form of *be* (or *get*), then at most two adverbs (words in
-ly, not, also, often, being, ...), then a past participle (a word in -ed, or an irregular one
such as given, taken, shown). Participles that are mostly adjectives (tired, interested,
located, based, bloated, ...), un- adjectives (untreated, unexpected), "is called/named", "is
known as", "is used to" something (accustomed to it) and "there is" are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..engine.rule import Rule, register
from ..engine.types._patterns import overlaps_exception, read_exceptions
from ..finding import Finding
from .prose import Joined
from .report import prose

if TYPE_CHECKING:
    from ..engine.context import LintContext

_BE_FORMS = frozenset("am is are was were be been being get gets got gotten getting".split())
_NAMED_ADVERBS = ("not never also often usually always sometimes still only just already then now "
                  "being rarely commonly generally typically mostly mainly first").split()
_ADVERB = "|".join(_NAMED_ADVERBS) + r"|\w+ly"
_THERE = re.compile(r"\b(?:there|here)\s*$", re.IGNORECASE)
# "is known as" names, like "is called"; "is used to the dose" means "is accustomed to"
_NOT_PASSIVE_AFTER = {
    "known": re.compile(r"\s+as\b"),
    "used": re.compile(r"\s+to\s+(?:the|a|an|it|this|that|these|those|them|being|having|[a-z]+ing)\b"),
}

IRREGULAR = frozenset("""
given taken known shown seen done made found written chosen driven held left told thought brought
caught bought built sent spent kept led meant paid said sold sought taught understood worn
broken forgotten frozen hidden bitten eaten beaten drawn grown thrown sworn torn spoken stolen
shaken undertaken withdrawn forbidden put cut spread shut fed bled bound dealt felt heard laid
struck swept overcome overseen rewritten mistaken outgrown stung stuck hurt hit shot read hung lit
split
""".split())

# -ed words that are usually adjectives after "be", and -ed words that are not participles.
NOT_PASSIVE = frozenset("""
tired interested worried concerned married excited pleased scared bored confused surprised
satisfied supposed located involved related based limited advanced detailed balanced skilled
qualified experienced sophisticated complicated crowded dedicated determined disappointed
embarrassed exhausted frightened amazed annoyed ashamed depressed stressed relaxed blessed aged
armed beloved naked wicked rugged ragged crooked sacred kindred hundred indeed need speed seed
feed deed bleed breed greed heed weed steed exceed proceed succeed called named prepared
closed dressed finished gone overweight focused obsessed allergic committed entitled bloated
dehydrated inflamed constipated swollen
""".split())
_GET = frozenset("get gets got gotten getting".split())
_GET_IDIOMS = frozenset("started used lost involved dressed married tired bored rid ready".split())


# The full pattern, tried where a be/get form may start: a be/get form, up to two adverbs, then
# a word in -ed or an irregular participle. Its first group also admits look-alikes ("as") and it
# does not look at what comes before the form, so ``_accepts`` checks both.
_PASSIVE = re.compile(
    r"([abgiw](?:m|s|re|as|ere|e|een|eing|et|ets|ot|otten|etting|(?:s|re|as|ere)n['\u2019]t))"
    rf"(?:\s+(?:{_ADVERB})){{0,2}}\s+([a-z]*ed|{'|'.join(sorted(IRREGULAR, key=len, reverse=True))})\b")
_NEGATED = re.compile(r"n['\u2019]t$")
_WORD_CHAR = re.compile(r"[\w'\u2019]")

# Where a passive may start. Walking the text with the full pattern costs the regex engine an
# attempt at every a, b, g, i and w. Instead, in an ASCII copy of the lower-cased text, every
# byte that is not a word character or an apostrophe becomes a space and the letters that open a
# form (a, b, g, i, w) become one marker byte. A pattern that opens with a space and the marker
# has a two-byte literal start, which the engine finds without an attempt per character; the
# rest of it, a look-ahead, is the full pattern spelled in the copy's alphabet (" +" for "\s+",
# the marker for those five letters). Every start of a passive is such a candidate; a candidate
# the copy's looser alphabet admits (a comma read as a space) the full pattern then rejects.
_FORMS = ("am", "are", "aren't", "is", "isn't", "was", "wasn't", "were", "weren't", "be", "been",
          "being", "get", "gets", "got", "gotten", "getting")
_OPENING = b"abgiw"
_MARK = b"\x01"
_ASCII_SPACED = bytes(_MARK[0] if code in _OPENING else code if re.match(r"[\w']", chr(code)) else 32
                      for code in range(256))


def _alternatives(words: Iterable[str]) -> bytes:
    """The words in the copy's alphabet as one alternation that shares common beginnings (in
    plain letters, get/gets/getting/got/gotten as "g(?:et(?:s|ting)?|ot(?:ten)?)"), so that the
    engine rules out most branches at their first byte."""
    return _trie([word.encode("ascii").translate(_ASCII_SPACED) for word in words])


def _trie(words: list[bytes]) -> bytes:
    branches: dict[bytes, list[bytes]] = {}
    for word in sorted(set(words)):
        if word:
            branches.setdefault(word[:1], []).append(word[1:])
    parts = [re.escape(first) + _trie(rests) for first, rests in branches.items()]
    if not parts:
        return b""
    body = parts[0] if len(parts) == 1 else b"(?:" + b"|".join(parts) + b")"
    if b"" in words:  # a word ends here: what follows is optional
        return (body if len(parts) > 1 else b"(?:" + body + b")") + b"?"
    return body


_SPACED_WORD_CHAR = b"[a-z0-9_" + _MARK + b"]"  # \w in the copy (it holds no capitals)
_PASSIVE_STARTS = re.compile(
    b" " + _MARK + b"(?=(?:" + _alternatives(form[1:] for form in _FORMS) + b")"
    + b"(?: +(?:" + _alternatives(_NAMED_ADVERBS) + b"|" + _SPACED_WORD_CHAR + b"+ly)){0,2}"
    + b" +(?:[a-z" + _MARK + b"]*ed|" + _alternatives(IRREGULAR) + b")(?!" + _SPACED_WORD_CHAR + b"))")


class _AsciiStandIns(dict):  # type: ignore[type-arg]
    """``str.translate`` table giving each character outside ASCII an ASCII one that plays its
    part in the candidate scan: ``x`` for a word character, ``'`` for a right single quote, a
    space for anything else (white space, dashes, quotes). Filled on first sight."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        value = code if code < 128 else 39 if char == "\u2019" else 120 if char.isalnum() else 32
        self[code] = value
        return value


_STAND_INS = _AsciiStandIns()


def _candidates(lower: str) -> Iterator[int]:
    """Offsets in ``lower`` where a passive may start, left to right."""
    if not lower.isascii():
        lower = lower.translate(_STAND_INS)
    # the copy has the same offsets; the leading space lets a form open the text
    spaced = b" " + lower.encode("ascii").translate(_ASCII_SPACED)
    return (found.start() for found in _PASSIVE_STARTS.finditer(spaced))


def is_participle(word: str) -> bool:
    word = word.lower()
    if word in IRREGULAR:
        return True
    if len(word) < 4 or not word.endswith("ed") or word in NOT_PASSIVE:
        return False
    if word.endswith("eed") and word not in ("agreed", "freed", "guaranteed", "decreed"):
        return False
    return not (word.startswith("un") and not word.startswith("under"))


def _accepts(lower: str, match: re.Match[str]) -> bool:
    start = match.start()
    verb, participle = match.group(1), match.group(2)
    if _NEGATED.sub("", verb) not in _BE_FORMS:
        return False
    if start and _WORD_CHAR.match(lower, start - 1):  # inside a word, or after an apostrophe
        return False
    if not is_participle(participle):
        return False
    if verb in _GET and participle in _GET_IDIOMS:
        return False
    after = _NOT_PASSIVE_AFTER.get(participle)
    if after is not None and after.match(lower, match.end()):
        return False
    return not _THERE.search(lower, max(0, start - 8), start)


def passives(text: str) -> Iterator[tuple[int, int]]:
    """Spans of passive constructions in ``text``, left to right, not overlapping."""
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lower case is longer: keep offsets right
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    position = 0
    match_at = _PASSIVE.match
    for start in _candidates(lower):
        if start < position:  # inside the passive found last
            continue
        match = match_at(lower, start)
        if match is not None and _accepts(lower, match):
            position = match.end()
            yield start, position


@register
class PassiveVoiceRule(Rule):
    type_name = "passive-voice"
    placeholders = ("match",)

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.exceptions = read_exceptions(self)

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        blocks = ctx.blocks
        joined = Joined.of(blocks, prose(ctx).body)  # one scan per document
        for first, last in passives(joined.text):
            index, start = joined.locate(first)
            end = start + last - first
            body = blocks[index].text
            if self.exceptions is not None and overlaps_exception(
                    self.exceptions, body, ctx.sentence_at(index, start), start, end):
                continue
            yield ctx.finding(self, index, start, end, self.format_message(match=body[start:end]))
