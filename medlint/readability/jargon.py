"""``jargon``: medical and bureaucratic words that have plain alternatives.

Which uses are reported (option ``report``):

* ``first-per-section`` (default): the first unexplained use of a term in each top-level
  section, so a reader who jumps to a section still gets the hint, without one finding per use;
* ``first-per-document`` or ``every``.

A term that is explained where it is used is not reported there, nor anywhere after. Explained:

* a gloss in parentheses right after it: "malignancy (cancer)" (an acronym alone in the
  parentheses, "hepatocellular carcinoma (HCC)", is not a gloss, nor are a citation, a
  cross-reference or a number: "(Smith et al., 2020)", "(see below)", "(Figure 2)", "(n = 40)");
* a cue after it: "..., which means", "meaning", "also called", "known as", "means", "i.e.";
* an appositive or definition after it that contains a plain alternative: "hepatocellular
  carcinoma, the most common kind of liver cancer", "Hypertension is high blood pressure", or
  the plain words right after it: "computed tomography (CT) scan";
* a cue before it: "a cancer called hepatocellular carcinoma", "doctors call it hypertension",
  "also known as ...", or the term in parentheses after the plain words: "high blood pressure
  (hypertension)", "high blood pressure, or hypertension".

Headings are never reported but may explain a term. References sections are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..engine.matching import PatternSpec
from ..engine.rule import Rule, register
from ..finding import Finding
from ..nlp import inflections
from .lexicons import JargonTerm, jargon, rule_lexicon
from .report import prose

if TYPE_CHECKING:
    from ..engine.context import LintContext

REPORT_MODES = ("first-per-section", "first-per-document", "every")
WINDOW_WORDS = 12  # how far an appositive may reach for the plain words

_ACRONYM_PAREN = re.compile(r"^\s*\(\s*[A-Z][A-Za-z0-9-]*[A-Z0-9]s?\s*\)")
_PAREN_AFTER = re.compile(r"""^\s*["'\u201d\u2019]?\s*\(([^()]*)""")
_PAREN_ACRONYM = re.compile(r"^\s*[A-Z][A-Za-z0-9-]*[A-Z0-9]s?\s*(?:[;,]|$)")
# Parentheses that point elsewhere or give a number, not a meaning: "(see below)", "(Figure 2)",
# "(Smith et al., 2020)", "(2019)", "(n = 40)"
_PAREN_REFERENCE = re.compile(
    r"^\s*(?:see|cf|compare|fig|figure|figs|table|tables|ref|refs|reference|references|chapter|"
    r"section|page|pages|pp?|appendix|box|panel|note|source|sources)\b|\bet\s+al\b|\b(?:19|20)\d\d\b",
    re.IGNORECASE)
_GLOSS_WORD = re.compile(r"[A-Za-z]{3,}")
_AFTER_CUE = re.compile(
    r"""^\s*["'\u201d\u2019]?\s*(?:
        ,?\s*(?:which|that)\s+(?:means|refers\s+to)\b
      | ,?\s*meaning\b
      | ,?\s*(?:also\s+)?(?:called|known\s+as)\s+(?!(?-i:[A-Z][A-Z0-9-]+s?\b))
      | \s*(?:means|refers\s+to)\b
      | ,?\s*(?:i\.e\.|that\s+is,|in\s+other\s+words)
    )""", re.IGNORECASE | re.VERBOSE)
_APPOSITIVE = re.compile(r"^\s*(?:,|:|\u2014|\u2013|--|\s-\s|\bis\b|\bare\b|\bor\b)", re.IGNORECASE)
_BEFORE_CUE = re.compile(
    r"""(?:\b(?:called|known\s+as|named|termed|calls?\s+(?:it|this|that|them)(?:\s+[a-z]+)?
            |the\s+(?:medical|technical|scientific)\s+(?:word|term|name)\s+(?:for\s+(?:[\w'-]+\s+){1,5}?)?is)
          \s+(?:an?\s+|the\s+)?
       |\(\s*(?:or\s+|also\s+called\s+|called\s+)?)
       ["'\u201c\u2018]?\s*$""", re.IGNORECASE | re.VERBOSE)
_BEFORE_OR = re.compile(r",\s*(?:or|also\s+called|also\s+known\s+as)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_STOP = frozenset("a an the of in on for to and or with by from at your you it its is are be that "
                  "this as who which than can may".split())


def _key(phrase: str) -> str:
    """Matched text and lexicon forms meet here: lower case, no spaces ("p - value" = "p-value")."""
    return "".join(phrase.lower().split())


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


_VERB_CATEGORIES = ("bureaucratic", "pharmacology")  # utilize, administer, titrate, ...
_VERB_ENDINGS = ("ize", "ise", "ate", "ify")  # metastasize, ambulate


def _forms(phrase: str, category: str) -> tuple[str, ...]:
    """Forms to match: the phrase and its plural; for a one-word term that may be a verb, also
    its -s/-ed/-ing forms. Irregular forms are the lexicon's variants. (Fewer forms keep the
    matcher quick to build.)"""
    words = phrase.split(" ")
    last = words[-1]
    if not (last[:1].isalpha() and last == last.lower()):
        return (phrase,)
    plural = " ".join(words[:-1] + [_plural(last)])
    if len(words) == 1 and (category in _VERB_CATEGORIES or last.endswith(_VERB_ENDINGS)):
        return tuple(dict.fromkeys((phrase, plural, *inflections(phrase))))
    return (phrase, plural)


def _norm(word: str) -> str:
    word = word.lower().rstrip("'\u2019")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content(phrase: str) -> frozenset[str]:
    return frozenset(_norm(w) for w in _WORD.findall(phrase) if w.lower() not in _STOP)


class _Term:
    """A lexicon entry with what is needed to spot its explanation."""

    def __init__(self, entry: JargonTerm) -> None:
        self.entry = entry
        self.plain_words = [c for c in (_content(p) for p in entry.plain) if c]

    def plain_in(self, text: str) -> bool:
        if not self.plain_words:
            return False
        words = {_norm(w) for w in _WORD.findall(text)}
        return any(plain <= words for plain in self.plain_words)


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _words_after(text: str, limit: int) -> str:
    """The start of ``text`` up to the next comma (the end of an appositive), at most ``limit`` words."""
    cut = _CLAUSE_BREAK.search(text)
    text = text[:cut.start()] if cut else text
    matches = list(_WORD.finditer(text))
    return text[:matches[limit - 1].end()] if len(matches) >= limit else text


def _first_words(text: str, count: int) -> str:
    matches = list(_WORD.finditer(text, 0, 80))
    return text[:matches[count - 1].end()] if len(matches) >= count else text[:80]


def _words_before(text: str, limit: int) -> str:
    """The end of ``text`` back to the previous comma, at most ``limit`` words."""
    cuts = list(_CLAUSE_BREAK.finditer(text))
    text = text[cuts[-1].end():] if cuts else text
    matches = list(_WORD.finditer(text))
    return text[matches[-limit].start():] if len(matches) >= limit else text


def _gloss(after: str) -> bool:
    """Whether ``after`` opens with parentheses that explain: words, not an acronym alone, a
    citation, a cross-reference or a number."""
    paren = _PAREN_AFTER.match(after)
    if paren is None:
        return False
    inside = paren.group(1)
    acronym = _PAREN_ACRONYM.match(inside)
    if acronym:  # "(HCC)" is no gloss; "(HCC, a type of liver cancer)" is
        inside = inside[acronym.end():]
    return not _PAREN_REFERENCE.search(inside) and _GLOSS_WORD.search(inside) is not None


def explained(term: _Term, text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """Whether the use of ``term`` at ``text[start:end]`` comes with its explanation."""
    after = text[end:sentence[1]]
    before = text[sentence[0]:start]
    if _gloss(after) or _AFTER_CUE.match(after) or _BEFORE_CUE.search(before):
        return True
    if term.plain_in(_first_words(after, 3)):  # "computed tomography (CT) scan"
        return True
    rest = _ACRONYM_PAREN.sub("", after, count=1)
    link = _APPOSITIVE.match(rest)
    if link and term.plain_in(_words_after(rest[link.end():], WINDOW_WORDS)):
        return True
    link = _BEFORE_OR.search(before)
    if link and term.plain_in(_words_before(before[:link.start()], WINDOW_WORDS)):
        return True
    return False


_NAME_LINK = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_NAME_WORD = re.compile(r"[A-Za-z&][\w&'.-]*")


def _in_proper_name(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether a capitalised match inside a sentence belongs to a name of capitalised words
    ("National Institute of Neurological Disorders"), linked by words such as "of" and "and"."""
    if not text[start].isupper() or not text[sentence_start:start].strip(" \"'(\u201c\u2018"):
        return False
    before = _NAME_WORD.findall(text[max(sentence_start, start - 60):start])
    while before and before[-1].lower() in _NAME_LINK:
        before.pop()
    after = _NAME_WORD.findall(text[end:end + 60])
    while after and after[0].lower() in _NAME_LINK:
        after.pop(0)
    return bool(before and before[-1][0].isupper() or after and after[0][0].isupper())


@register
class JargonRule(Rule):
    type_name = "jargon"
    fields = ("lexicon",)
    placeholders = ("match", "plain")
    default_options = {"report": "first-per-section", "ignore": [], "categories": []}
    fixable = True

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        self.lexicon = rule_lexicon(self, "jargon.yaml")
        self.terms: list[_Term] = []

    def prepare(self, hub) -> None:
        # One matcher key for the whole lexicon (one PhraseMatcher.add is several times faster
        # than one per term); a match maps back to its term through its normalised text.
        self.terms = [_Term(entry) for entry in jargon(self.lexicon)]
        self._forms: dict[str, int] = {}
        phrases: dict[str, None] = {}
        for index, term in enumerate(self.terms):
            for phrase in (term.entry.term, *term.entry.variants):
                for form in _forms(phrase, term.entry.category):
                    self._forms.setdefault(_key(form), index)
                    phrases[form] = None
        if phrases:
            hub.add(self.id, PatternSpec(list(phrases), [], [], ignorecase=True, lemma=False))

    def fix_text(self, matched: str, suggestion: str | None) -> str | None:
        # only the lexicon's term itself, as one line: its plain words may not fit a plural,
        # an inflection or a variant ("utilized" is no "use")
        entries = [term.entry for term in self.terms] or jargon(self.lexicon)  # not prepared: a cached run
        for entry in entries:
            if entry.term.lower() == matched.lower() and entry.plain and entry.plain[0] == suggestion:
                plain = entry.plain[0]
                if matched[:1].isupper() and entry.term[:1].islower() and plain[:1].islower():
                    return plain[:1].upper() + plain[1:]  # the term starts a sentence or a title
                return plain
        return None

    @classmethod
    def option_problem(cls, key: str, value: Any) -> str | None:
        if key == "report" and value not in REPORT_MODES:
            return f"must be one of {', '.join(REPORT_MODES)}"
        return super().option_problem(key, value)

    def option_data_problem(self, key: str, value: Any) -> str | None:
        if key != "categories" or not value:
            return None
        known = sorted({term.category for term in jargon(self.lexicon) if term.category})
        if any(str(category).lower() not in known for category in value):
            return f"must list categories of the lexicon ({', '.join(known)})"
        return None

    def _selected(self, ctx: LintContext) -> tuple[str, set[int], set[str]]:
        """The report mode, the terms ``ignore`` names (by any form a finding may show:
        "metastases" ignores "metastasis") and the categories to report."""
        options = ctx.options(self)
        mode = options["report"]
        ignored = set()
        for name in options.get("ignore") or ():
            number = self._forms.get(_key(str(name)))
            if number is not None:
                ignored.add(number)
        categories = {str(c).lower() for c in options.get("categories") or ()}
        return mode, ignored, categories

    def _uses(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """(start, end, term index) of the jargon among a block's matched spans, longest match
        first, no overlaps."""
        found = []
        for start, end in spans:
            term = self._forms.get(_key(text[start:end]))
            if term is not None:
                found.append((start, end, term))
        found.sort(key=lambda item: (item[0], item[0] - item[1]))
        kept: list[tuple[int, int, int]] = []
        for item in found:
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return kept

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        if not self.terms:
            return
        mode, ignored, categories = self._selected(ctx)
        text = prose(ctx)
        explained_terms: set[int] = set()
        reported: set[tuple[int, int]] = set()
        blocks = ctx.blocks
        for index, spans in ctx.matched(self.id, text.readable):
            block = blocks[index]
            for start, end, number in self._uses(block.text, spans):
                term = self.terms[number]
                entry = term.entry
                if number in explained_terms or number in ignored:
                    continue
                if categories and entry.category.lower() not in categories:
                    continue
                sentence = ctx.sentence_at(index, start)
                if _in_proper_name(block.text, sentence[0], start, end):
                    continue  # "the American Academy of Pediatrics"
                if explained(term, block.text, sentence, start, end):
                    explained_terms.add(number)
                    continue
                if block.is_heading:
                    continue
                section = text.section_of(block) or 0
                key = (number, section if mode == "first-per-section" else -1)
                if mode != "every":
                    if key in reported:
                        continue
                    reported.add(key)
                plain = entry.plain[0]
                yield ctx.finding(self, index, start, end,
                                  self.format_message(match=block.text[start:end], plain=plain),
                                  suggestion=plain,
                                  evidence={"term": entry.term, "plain": list(entry.plain),
                                            "category": entry.category})
