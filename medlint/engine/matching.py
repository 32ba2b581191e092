"""Shared spaCy matchers: rules register patterns once, each Doc is matched once for all rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..nlp import inflections
from .phrase_tokens import PhraseTokens
from .prefilter import Needs, fold, possible, required_literals

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Span = tuple[int, int]  # character offsets in a block's text


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
    """One PhraseMatcher (case-folded), one exact PhraseMatcher and one Matcher for a rule set."""

    def __init__(self, nlp: "Language", cache_phrases: bool = False) -> None:
        """``cache_phrases``: keep the phrases' tokens in the build cache (the blank pipeline)."""
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = nlp
        self.phrase_tokens = PhraseTokens(nlp, cache_phrases)
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._tokens = Matcher(nlp.vocab)
        self._regexes: list[tuple[str, re.Pattern[str]]] = []
        self._by_key: dict[str, list[tuple[re.Pattern[str], Needs]]] | None = None
        self._used = {"lower": False, "exact": False, "tokens": False}
        self.drug_lexicon: str | None = None  # an imported Drugs@FDA lexicon, when configured
        self.prepared: set[str] = set()  # ids of the rules whose patterns are registered

    def add(self, key: str, spec: PatternSpec) -> None:
        """Register ``spec`` under ``key``; raises ValueError with a readable reason."""
        if spec.phrases:
            phrases = _expand(spec.phrases, spec.lemma)
            matcher = self._lower if spec.ignorecase else self._exact
            try:
                matcher.add(key, self.phrase_tokens.patterns(phrases, "LOWER" if spec.ignorecase else "ORTH"))
            except TypeError:  # a spaCy that takes Docs only
                matcher.add(key, list(self.nlp.tokenizer.pipe(phrases)))
            self._used["lower" if spec.ignorecase else "exact"] = True
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
        strings = self.nlp.vocab.strings
        for name, matcher in (("lower", self._lower), ("exact", self._exact), ("tokens", self._tokens)):
            if not self._used[name]:
                continue
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found.setdefault(strings[match_id], []).append((span.start_char, span.end_char))
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
                self._by_key.setdefault(key, []).append((regex, required_literals(regex)))
        return self._by_key


class Matches(dict):  # type: ignore[type-arg]
    """Spans per pattern key. Regex keys are searched on first ``get``: a conditional rule's
    ``then`` patterns, for one, only run where its ``if`` patterns matched."""

    def __init__(self, text: str, regexes: dict[str, list[tuple[re.Pattern[str], Needs]]]) -> None:
        super().__init__()
        self._text = text
        self._folded: str | None = None  # the text case-folded, for the literal tests
        self._regexes = regexes
        self._searched: set[str] = set()

    def _may_match(self, needs: Needs) -> bool:
        if not needs:
            return True
        if self._folded is None:
            self._folded = fold(self._text)
        return possible(needs, self._folded)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key in self._regexes and key not in self._searched:
            self._searched.add(key)
            spans = [m.span() for regex, needs in self._regexes[key] if self._may_match(needs)
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
