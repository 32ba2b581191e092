"""Shared spaCy matchers: rules register patterns once, each Doc is matched once for all rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..nlp import inflections
from .phrase_tokens import PhraseTokens
from .prefilter import Needs, cheapest_first, fold, possible, required_literals

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Span = tuple[int, int]  # character offsets in a block's text
_EXACT = "\x00exact:"  # prefix of the case-folded matcher's keys for case-sensitive phrases
_REGEX_SETS = 4  # literal sets a rule's regex is tested for per block (one more than the default)


@dataclass
class PatternSpec:
    """What a rule looks for: phrases, regular expressions and/or spaCy token patterns."""

    phrases: list[str]
    regexes: list[str]
    tokens: list[list[dict[str, Any]]]
    ignorecase: bool = True
    lemma: bool = True

    @property
    def empty(self) -> bool:
        return not (self.phrases or self.regexes or self.tokens)


class MatcherHub:
    """One PhraseMatcher (case-folded) and one Matcher for a rule set.

    Case-sensitive phrases go into the case-folded PhraseMatcher too, under a key of their own,
    and a match of one counts when its tokens are the phrase's exactly: a case-sensitive match is
    always a case-folded one, so this finds what an ORTH PhraseMatcher would, with one matcher
    call per block instead of two (most blocks hold no such phrase in any case)."""

    def __init__(self, nlp: "Language", cache_phrases: bool = False) -> None:
        """``cache_phrases``: keep the phrases' tokens in the build cache (the blank pipeline)."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = nlp
        self.phrase_tokens = PhraseTokens(nlp, cache_phrases)
        self._strings = nlp.vocab.strings
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._tokens = Matcher(nlp.vocab)
        #: the case-folded matcher's keys for case-sensitive phrases: the rule's key, and the
        #: phrases' token texts (ORTH ids)
        self._exact: dict[int, tuple[str, set[tuple[int, ...]]]] = {}
        self._regexes: list[tuple[str, re.Pattern[str]]] = []
        self._by_key: dict[str, list[tuple[re.Pattern[str], Needs]]] | None = None
        self._used = {"lower": False, "tokens": False}
        self.drug_lexicon: str | None = None  # an imported Drugs@FDA lexicon, when configured
        self.prepared: set[str] = set()  # ids of the rules whose patterns are registered

    def add(self, key: str, spec: PatternSpec) -> None:
        """Register ``spec`` under ``key``; raises ValueError with a readable reason."""
        if spec.phrases:
            phrases = _expand(spec.phrases, spec.lemma)
            matcher_key = key if spec.ignorecase else _EXACT + key
            try:
                self._lower.add(matcher_key, self.phrase_tokens.patterns(phrases, "LOWER"))
            except TypeError:  # a spaCy that takes Docs only
                self._lower.add(matcher_key, list(self.nlp.tokenizer.pipe(phrases)))
            if not spec.ignorecase:
                _, forms = self._exact.setdefault(self._strings.add(matcher_key), (key, set()))
                forms.update(self.phrase_tokens.patterns(phrases, "ORTH"))
            self._used["lower"] = True
        for pattern in spec.regexes:
            flags = re.IGNORECASE if spec.ignorecase else 0
            try:
                self._regexes.append((key, re.compile(pattern, flags)))
                self._by_key = None
            except re.error as exc:
                raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
        if spec.tokens:
            patterns = [[_lemma_to_forms(token) for token in pattern] for pattern in spec.tokens]
            try:
                self._tokens.add(key, patterns)
            except Exception as exc:  # spaCy reports pattern errors with several exception types
                raise ValueError(f"invalid token pattern: {str(exc).splitlines()[0]}") from None
            self._used["tokens"] = True

    def run(self, doc: "Doc", text: str | None = None) -> "Matches":
        """Phrase and token matches of ``doc`` now; regular expressions when a rule asks."""
        found = Matches(doc.text if text is None else text, self._regex_keys())
        strings, exact = self._strings, self._exact
        if self._used["lower"]:
            for match_id, start, end in self._lower(doc):
                if match_id in exact:
                    key, forms = exact[match_id]
                    if tuple(doc[i].orth for i in range(start, end)) not in forms:
                        continue
                else:
                    key = strings[match_id]
                last = doc[end - 1]
                found.setdefault(key, []).append((doc[start].idx, last.idx + len(last)))
        if self._used["tokens"]:
            for match_id, start, end in self._tokens(doc):
                last = doc[end - 1]
                found.setdefault(strings[match_id], []).append((doc[start].idx, last.idx + len(last)))
        for spans in found.values():
            spans.sort()
        return found

    def is_lazy(self, key: str) -> bool:
        """Whether ``key`` has regular expressions, which ``Matches.get`` searches on first ask."""
        return key in self._regex_keys()

    def _regex_keys(self) -> dict[str, list[tuple[re.Pattern[str], Needs]]]:
        """Each key's regexes, with the literals a match needs (``prefilter``)."""
        if self._by_key is None:
            self._by_key = {}
            for key, regex in self._regexes:
                # a block is tested for one set after another until it lacks one: the cheap sets first
                needs = cheapest_first(required_literals(regex, limit=_REGEX_SETS))
                self._by_key.setdefault(key, []).append((regex, needs))
        return self._by_key


class Matches(dict):  # type: ignore[type-arg]
    """Spans per pattern key. Regex keys are searched on first ``get``: a conditional rule's
    ``then`` patterns, for one, only run where its ``if`` patterns matched."""

    __slots__ = ("_text", "_folded", "_regexes", "_searched", "document")

    def __init__(self, text: str, regexes: dict[str, list[tuple[re.Pattern[str], Needs]]]) -> None:
        # one per block, for every block: no dict.__init__ (there is nothing to fill), slots
        self._text = text
        self._folded: str | None = None  # the text case-folded, for the literal tests
        self._regexes = regexes
        self._searched: set[str] = set()
        #: the literals of the whole document this block belongs to, when known (LintContext)
        self.document: DocumentLiterals | None = None

    def _may_match(self, needs: Needs) -> bool:
        if not needs:
            return True
        if self._folded is None:
            self._folded = fold(self._text)
        return possible(needs, self._folded)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key in self._regexes and key not in self._searched:
            self._searched.add(key)
            regexes = self._regexes[key]
            if self.document is not None and not self.document.may_match(key, regexes):
                return dict.get(self, key, default)  # no block of the document can hold a match
            spans = [m.span() for regex, needs in regexes if self._may_match(needs)
                     for m in regex.finditer(self._text) if m.end() > m.start()]
            if spans:
                spans.sort()
                self.setdefault(key, []).extend(spans)
                self[key].sort()
        return dict.get(self, key, default)

    def __getitem__(self, key: str) -> list[Span]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found


class DocumentLiterals:
    """The case-folded text of all the blocks of a document, to tell once per document which
    regex keys can match in none of its blocks. ``fold`` works character by character, so a
    literal of a block's folded text is in the folded blocks joined: the test stays sound (the
    join can only add literals, which makes it weaker, never wrong)."""

    __slots__ = ("_texts", "_folded", "_keys")

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._folded: str | None = None  # folded on first ask: most documents ask for one key
        self._keys: dict[str, bool] = {}

    def may_match(self, key: str, regexes: list[tuple[re.Pattern[str], Needs]]) -> bool:
        """Whether one of ``key``'s regexes may match in some block of the document."""
        found = self._keys.get(key)
        if found is None:
            if self._folded is None:
                self._folded = fold("\n".join(self._texts))
            found = self._keys[key] = any(not needs or possible(needs, self._folded) for _, needs in regexes)
        return found


def _expand(phrases: list[str], lemma: bool) -> list[str]:
    if not lemma:
        return list(dict.fromkeys(phrases))
    expanded: dict[str, None] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        if words[-1][:1].isalpha() and words[-1] == words[-1].lower():
            for form in inflections(words[-1]):
                expanded[" ".join(words[:-1] + [form])] = None
        else:
            expanded[phrase] = None
    return list(expanded)


def _lemma_to_forms(token: dict[str, Any]) -> dict[str, Any]:
    """Blank pipelines have no lemmas: turn ``LEMMA`` into the inflected ``LOWER`` forms."""
    if "LEMMA" not in token:
        return token
    token = dict(token)
    value = token.pop("LEMMA")
    if isinstance(value, str):
        token["LOWER"] = {"IN": list(inflections(value))}
    elif isinstance(value, dict) and "IN" in value:
        token["LOWER"] = {"IN": sorted({f for v in value["IN"] for f in inflections(str(v))})}
    else:
        raise ValueError("LEMMA takes a word or {IN: [words]}")
    return token


def exception_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """Exceptions are phrases (whole words, case-insensitive) or /regex/ strings."""
    parts = []
    for phrase in phrases:
        if len(phrase) > 2 and phrase.startswith("/") and phrase.endswith("/"):
            parts.append(f"(?:{phrase[1:-1]})")
        else:
            parts.append(r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)
