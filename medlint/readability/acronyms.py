"""``undefined-acronym``: an acronym used before, or without, being spelled out.

An acronym is a token of 2 to 6 capitals and digits with at least two capitals, optionally with
one hyphenated part (PD-L1, COVID-19) and a plural ``s`` (NSAIDs). It is defined where it
stands next to its long form:

* ``immune checkpoint inhibitors (ICI)`` or ``ICI (immune checkpoint inhibitors)``;
* ``ICI, also known as / also called / or / which stands for immune checkpoint inhibitors``;
* ``immune checkpoint inhibitors, or ICI`` / ``..., also called ICI``.

The long form must plausibly match: the acronym's letters appear in order in the words, the
first at the start of a word (Schwartz and Hearst's test), or most letters are initials of the
words. Only the first use before any definition is reported, once per acronym. Headings are
never reported, but a definition in a heading counts. References sections are skipped, and so
are known acronyms (FDA, DNA, ...; a plural in the list covers the singular), ignored tokens
(OK, Roman numerals and sub-stages such as "stage IIIA"), everyday words written in capitals for
emphasis ("take it ONLY with food": Dale-Chall's list of common words, less a few that are also
acronyms such as PET), a credential after a name ("Grace Whitman, RN") and blocks written in
capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..engine.rule import Rule, register
from ..finding import Finding
from .counts import easy_words
from .lexicons import acronyms, rule_lexicon
from .prose import Joined
from .report import prose

if TYPE_CHECKING:
    from ..engine.context import LintContext

# Opens with a character class so that the regex engine skips to capitals quickly; what comes
# before (no word character or hyphen) is checked by the caller with _GLUED_BEFORE.
_TOKEN = re.compile(r"([A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,5})?)(s|'s|\u2019s)?(?![\w]|-[A-Z0-9])")
_GLUED_BEFORE = re.compile(r"[\w\-\u2010\u2011]")
# Every acronym starts with a capital followed by a capital or a digit. A copy of the text with
# capitals as "A", digits as "0" and every other character a space (one byte per character, so
# offsets agree) gives those places with a one-letter literal search, where the token pattern
# run over the text would stop at every capital.
_ASCII_CAPITALS = bytes(65 if 65 <= code <= 90 else 48 if 48 <= code <= 57 else 32 for code in range(256))
_PAIR = re.compile(rb"A(?=[A0])")
_ROMAN = re.compile(r"^[IVX]+$")
# "Stage IIIA", "grade IIB": a Roman numeral with a sub-stage letter after a staging word
_SUB_STAGE = re.compile(r"^[IVX]+[A-C][0-9]?$")
_STAGING_WORD = re.compile(r"\b(?:stages?|grades?|types?|class(?:es)?|phases?|levels?|categor(?:y|ies)|tiers?)\s+"
                           r"(?:[IVX]+[A-C]?[0-9]?\s*(?:,|or|and|to|-|\u2013)\s*)*$", re.IGNORECASE)
# A credential closes a name: two or more name words (or initials) and a comma before it, and
# punctuation, the end or another credential after it ("Grace M. Whitman, RN, reviewed ...").
_CREDENTIAL_BEFORE = re.compile(r"\b[A-Z][a-z]*\.?\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+\.?,\s+"
                                r"(?:[A-Z][A-Za-z]{1,5},\s+)*$")
_CREDENTIAL_AFTER = re.compile(r"\s*(?:[,;.)\]]|$|and\b)")
# Acronyms that are also everyday words, so not emphasis when written in capitals
_WORD_ACRONYMS = frozenset({"PET", "CAT", "ART", "SAD", "FAST", "MAD"})
_LONG_WORD = re.compile(r"[A-Za-z0-9]+")
_AFTER_CUE = re.compile(
    r"^\s*,?\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|called|(?:which\s+)?stands\s+for|"
    r"short\s+for|means)\s+", re.IGNORECASE)
_BEFORE_CUE = re.compile(
    r"(?:,\s*|\s+)(?:or|also\s+called|also\s+known\s+as|known\s+as|called|abbreviated(?:\s+as)?)\s+$",
    re.IGNORECASE)


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym.lower() if c.isalnum())


def _starts(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def plausible(acronym: str, words: list[str]) -> bool:
    """Whether ``words`` (the candidate long form, in order) plausibly spell ``acronym``."""
    letters = _letters(acronym)
    words = [w.lower() for w in words if w]
    if not letters or not words:
        return False
    # Schwartz & Hearst: match the letters right to left; the first must open a word.
    text = " ".join(words)
    position = len(text)
    for i in range(len(letters) - 1, -1, -1):
        char = letters[i]
        position -= 1
        while position >= 0:
            here = text[position] == char
            if i == 0:
                here = here and (position == 0 or not text[position - 1].isalnum())
            if here:
                break
            position -= 1
        if position < 0:
            break
    else:
        return True
    # Loose: most letters are word initials, in order, the first included.
    initials = _starts(words)
    alpha = [c for c in letters if c.isalpha()]
    if not alpha or alpha[0] not in initials:
        return False
    matched, at = 0, 0
    for char in alpha:
        found = initials.find(char, at)
        if found != -1:
            matched += 1
            at = found + 1
    return matched >= max(2, -(-len(alpha) * 2 // 3))


def _words(text: str) -> list[str]:
    return _LONG_WORD.findall(text)


def _long_form_before(acronym: str, before: str) -> bool:
    words = _words(before)
    size = len(_letters(acronym))
    return any(plausible(acronym, words[-n:]) for n in range(1, min(len(words), size + 4) + 1))


def _long_form_after(acronym: str, after: str) -> bool:
    words = _words(after)
    size = len(_letters(acronym))
    return any(plausible(acronym, words[:n]) for n in range(1, min(len(words), size + 4) + 1))


def is_definition(acronym: str, text: str, start: int, end: int) -> bool:
    """Whether the acronym at ``text[start:end]`` stands next to its long form."""
    before = text[:start]
    after = text[end:]
    stripped = before.rstrip()
    if stripped.endswith("(") and _long_form_before(acronym, stripped[:-1][-160:]):
        return True
    paren = re.match(r"\s*\(([^()]{2,160})\)", after)
    if paren and _long_form_after(acronym, paren.group(1)):
        return True
    cue = _AFTER_CUE.match(after)
    if cue and _long_form_after(acronym, after[cue.end():cue.end() + 160]):
        return True
    cue = _BEFORE_CUE.search(before[-200:])
    if cue and _long_form_before(acronym, before[-200:][:cue.start()]):
        return True
    return False


_UPPER = re.compile(r"[^A-Z]+")
_LOWER = re.compile(r"[^a-z]+")


def _token_starts(text: str) -> list[int]:
    """Offsets of the capitals in ``text`` that a capital or a digit follows."""
    shape = text.encode("ascii", "replace").translate(_ASCII_CAPITALS)  # "?" for any other character
    return [found.start() for found in _PAIR.finditer(shape)]


def tokens(text: str) -> Iterator[re.Match[str]]:
    """``_TOKEN.finditer(text)``, trying the pattern only where a token can start."""
    position = 0
    match_at = _TOKEN.match
    for start in _token_starts(text):
        if start >= position:
            match = match_at(text, start)
            if match is not None:
                position = match.end()
                yield match


def _shouting(text: str) -> bool:
    """A block written in capitals (a warning banner): its capitalised words are not acronyms."""
    upper = len(_UPPER.sub("", text))
    lower = len(_LOWER.sub("", text))
    return upper >= 12 and upper > 0.7 * (upper + lower)


def _with_singulars(names: Iterable[str]) -> list[str]:
    """A plural acronym in a list covers its singular too: NSAIDs -> NSAIDs, NSAID."""
    found = []
    for name in names:
        found.append(name)
        if len(name) > 2 and name.endswith("s") and name[:-1].isupper():
            found.append(name[:-1])
    return found


@register
class UndefinedAcronymRule(Rule):
    type_name = "undefined-acronym"
    fields = ("lexicon",)
    placeholders = ("acronym", "detail")
    default_options = {"known": [], "ignore": []}

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.lexicon = rule_lexicon(self, "acronyms.yaml")

    def prepare(self, hub) -> None:
        lists = acronyms(self.lexicon)  # read (and validated) once per rule set
        self._lexicon_skip = frozenset(_with_singulars(lists.known | lists.ignore))

    def _skip(self, ctx: LintContext) -> frozenset[str]:
        options = ctx.options(self)
        lexicon: frozenset[str] = getattr(self, "_lexicon_skip", frozenset())
        added = [*(options.get("known") or ()), *(options.get("ignore") or ())]
        return lexicon.union(_with_singulars(map(str, added))) if added else lexicon  # no copy per document

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        skip = self._skip(ctx)
        words = easy_words()
        defined: dict[str, int] = {}  # acronym -> line of its definition
        first_use: dict[str, tuple[int, int, int]] = {}  # acronym -> (block, start, end)
        blocks = ctx.blocks
        joined = Joined.of(blocks, prose(ctx).readable)  # one scan per document
        shouting: dict[int, bool] = {}  # block index -> written in capitals
        for match in tokens(joined.text):
            core = match.group(1)
            index, start = joined.locate(match.start())
            block = blocks[index]
            body = block.text
            if start and _GLUED_BEFORE.match(body, start - 1):
                continue
            if sum(c.isupper() for c in core) < 2 or _ROMAN.match(core):
                continue
            written = match.group(0)
            if core in skip or written in skip:
                continue
            if core.lower() in words and core not in _WORD_ACRONYMS:
                continue  # an everyday word in capitals for emphasis: "take it ONLY with food"
            if _SUB_STAGE.match(core) and _STAGING_WORD.search(body, max(0, start - 40), start):
                continue
            if index not in shouting:
                shouting[index] = _shouting(body)
            if shouting[index]:
                continue
            end = start + len(written)
            if (start and _CREDENTIAL_BEFORE.search(body, max(0, start - 80), start)
                    and _CREDENTIAL_AFTER.match(body, end)):
                continue
            if core in defined:
                continue
            if is_definition(core, body, start, end):
                defined[core] = ctx.document.position(block.source_offset(start))[0]
                continue
            if not block.is_heading and core not in first_use:
                first_use[core] = (index, start, end)
        for core, (index, start, end) in first_use.items():
            if core in defined:
                detail = f"spelled out only later, on line {defined[core]}"
            else:
                detail = "never spelled out"
            yield ctx.finding(self, index, start, end, self.format_message(acronym=core, detail=detail),
                              evidence={"acronym": core, "defined_line": defined.get(core)})
