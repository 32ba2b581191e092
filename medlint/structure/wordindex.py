"""Phrase lists found through an index of a text's words instead of one regex alternation.

Type inference matches lists of up to a few hundred phrases (therapies and drug names, the words
whose rate tells a health page from a benefits page). One alternation of all of them makes
Python's regex engine try every phrase at every word of a text, which was most of the structure
rules' time. Here a text's words are indexed once, by their case-folded form, and a phrase list
keeps its phrases in buckets by their first word: a search visits only the words that some phrase
of the list starts with, and tries only that bucket's phrases there.

The matches are exactly those of :attr:`Phrases.pattern`, the alternation: whole words (no word
character or hyphen on either side), any case, the words of a phrase joined by white space or
hyphens, left to right without overlaps, and at one position the first phrase in the list's
order (longest first) that matches wins. A match can only begin where a run of word characters
begins, and that run is the phrase's first word (up to any apostrophe or dot in it); every
character that ``re.IGNORECASE`` matches to an ASCII letter case-folds to it
(``engine.prefilter.fold``), so the folded run names the only bucket that can match there. The
bucket's phrases are then checked one by one with their own small regexes (a whole-word ASCII
phrase by comparing the word).

``words_of`` and ``required_words`` serve the same purpose for the residue and disclaimer phrase
lists (``rules_content.narrowed``): a phrase whose words a document lacks is not searched in it.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress
from typing import Iterable, Iterator

from ..engine.prefilter import Alternatives, Needs, fold, possible, required_literals

#: a run of word characters with no word character or hyphen before it: where a phrase may start
_RUN = re.compile(r"(?<![\w-])\w+")
_SEPARATOR = re.compile(r"[\s-]+")
_WORD_RUN = re.compile(r"\w+")
_HEAD = re.compile(r"\w*")


def _phrase_source(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(word) for word in _SEPARATOR.split(phrase))


#: ASCII as bytes, every character that is not a word character made a space
_ASCII_WORDS = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(128)) + b" " * 128


class WordIndex:
    """Where each word of a text that may start a phrase is, by its case-folded form.

    ``text`` is the text with typographic apostrophes (U+2019) read as plain ones, the form the
    vocabulary is matched in; ``raw`` is the text as given. Both have the same words at the same
    offsets (an apostrophe is no word character). Word ``i`` has the folded form ``keys[i]``;
    a word right after a hyphen can start no phrase (``hits`` leaves it out).

    ``only``: the forms worth indexing (the first words of the phrase lists to be searched); a
    long text then indexes a few of its words instead of all of them. A list whose first words
    are not all among them is still searched right (``Phrases`` indexes the text again)."""

    __slots__ = ("raw", "text", "keys", "positions", "exotic", "only", "_runs", "_ends", "_all")

    def __init__(self, text: str, only: frozenset[str] | None = None) -> None:
        self.raw = text
        self.only = only
        self._all: WordIndex | None = None
        self.text = text = text.replace("\u2019", "'")
        self._runs: list[re.Match[str]] | None = None
        self._ends: list[int] | None = None
        self.exotic: frozenset[int] = frozenset()  # words with other than ASCII characters
        blanked = _blank_ascii(text)
        if blanked is not None:
            # the words are what str.split finds between the blanks; word i ends at _ends[i] + i
            self.keys = blanked.split(" ")
            self._ends = list(accumulate(map(len, self.keys)))
        else:
            self._runs = list(_RUN.finditer(text))
            words = [run.group() for run in self._runs]
            self.keys = [word.lower() if word.isascii() else fold(word) for word in words]
            self.exotic = frozenset(i for i, word in enumerate(words) if not word.isascii())
        keys = self.keys
        if only is None:
            chosen: Iterable[int] = range(len(keys))
        else:  # the words to index, picked in C
            chosen = compress(range(len(keys)), map(only.__contains__, keys))
        positions: dict[str, list[int]] = {}
        for i in chosen:
            key = keys[i]
            if not key:
                continue
            found = positions.get(key)
            if found is None:
                positions[key] = [i]
            else:
                found.append(i)
        self.positions = positions

    def unrestricted(self) -> "WordIndex":
        """This text indexed with every word (itself when it is)."""
        if self.only is None:
            return self
        if self._all is None:
            self._all = WordIndex(self.raw)
        return self._all

    def hits(self, keys: Iterable[str]) -> list[tuple[int, int, int]]:
        """(start, end, word) of each word with one of these forms that can start a phrase (no
        hyphen before it), in no particular order."""
        found = []
        positions = self.positions
        if self._ends is None:
            runs = self._runs
            for key in keys:
                found += [(*runs[i].span(), i) for i in positions[key]]  # type: ignore[index]
            return found
        ends, text = self._ends, self.text
        for key in keys:
            size = len(key)
            for i in positions[key]:
                end = ends[i] + i
                start = end - size
                if not start or text[start - 1] != "-":
                    found.append((start, end, i))
        return found


def _blank_ascii(text: str) -> str | None:
    """The text lower-cased with every character that is not a word character made a space, when
    its word characters are all ASCII (most texts); None otherwise. Same length as ``text``."""
    lowered = text.lower()
    if not text.isascii():
        if len(lowered) != len(text):
            return None
        for char in set(text):
            if not char.isascii():
                if char.isalnum() or char == "_":
                    return None  # a word with a letter such as é: the regex reads those
                lowered = lowered.replace(char.lower(), " ")  # dashes, quotes, no-break spaces
    return lowered.encode("ascii").translate(_ASCII_WORDS).decode("ascii")


class Phrases:
    """A phrase list, and optionally regexes for families of names ("[a-z]{4,}mab"), matched as
    whole words. ``patterns`` are tried at a position only when no phrase matches there."""

    def __init__(self, phrases: Iterable[str], patterns: Iterable[str] = ()) -> None:
        # longest first, so that "side effects" wins over "side"; ties by spelling, for a stable order
        self.phrases = sorted({str(p).lower() for p in phrases if str(p).strip()}, key=lambda p: (-len(p), p))
        self.patterns = [str(p) for p in patterns]
        self.quoted = any("'" in p or "\u2019" in p for p in self.phrases)
        #: first word -> (phrase, whether the phrase is that one word), in the list's order
        self.buckets: dict[str, list[tuple[str, bool]]] | None = {}
        for phrase in self.phrases:
            words = _SEPARATOR.split(phrase)
            head = _HEAD.match(words[0]).group()  # type: ignore[union-attr]
            if not head or not head.isascii():  # a phrase that starts with a sign, or a non-ASCII word
                self.buckets = None
                break
            self.buckets.setdefault(head, []).append((phrase, len(words) == 1 and words[0] == head))
        self._regexes: dict[str, re.Pattern[str]] = {}
        self._pattern: re.Pattern[str] | None = None
        self._alternatives: Alternatives | None = None
        # each name pattern with the literals its matches contain, to skip those a text cannot match
        self._pattern_needs: list[tuple[str, Needs]] = [
            (f"(?:{p})", required_literals(re.compile(p, re.IGNORECASE))) for p in self.patterns]
        self._scanners: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._covered: dict[frozenset[str], bool] = {}
        # a pattern with no literal every match holds could match an empty string: the alternation decides
        self._unbounded = any(not needs for _, needs in self._pattern_needs)
        # a literal of each pattern's first set: a text with none of them can match no pattern
        self._pattern_gate = tuple({literal for _, needs in self._pattern_needs if needs for literal in needs[0]})

    def __bool__(self) -> bool:
        return bool(self.phrases or self.patterns)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole list as one alternation: what the index reproduces, and its fallback."""
        if self._pattern is None:
            parts = []
            if self.phrases:
                parts.append(rf"(?<![\w-])(?:{'|'.join(map(_phrase_source, self.phrases))})(?![\w-])")
            if self.patterns:
                parts.append(rf"(?<![\w-])(?:{'|'.join(p for p, _ in self._pattern_needs)})(?![\w-])")
            self._pattern = re.compile("|".join(parts), re.IGNORECASE)
        return self._pattern

    def find(self, text: str | WordIndex, end: int | None = None, *, raw: bool = False) -> list[str]:
        """The matched words, lower-cased, left to right. ``end`` reads the text as if it stopped
        there (it must not cut a word); ``raw`` matches typographic apostrophes as themselves."""
        index = text if isinstance(text, WordIndex) else WordIndex(text)
        source = index.raw if raw else index.text
        return [source[start:stop].lower() for start, stop in self.spans(index, end, raw=raw)]

    def search(self, text: str | WordIndex, end: int | None = None, *, raw: bool = False) -> bool:
        """Whether the list matches anywhere."""
        index = text if isinstance(text, WordIndex) else WordIndex(text)
        return next(self.spans(index, end, raw=raw), None) is not None

    def contains(self, text: str) -> bool:
        """Whether the list matches anywhere in ``text``, read as it is (no index, for a long
        text searched once): the alternation with only the phrases whose words the text holds."""
        if self._alternatives is None:
            alternatives = [_phrase_source(p) + r"(?![\w-])" for p in self.phrases]
            alternatives += [p + r"(?![\w-])" for p, _ in self._pattern_needs]
            self._alternatives = Alternatives(r"(?<![\w-])", alternatives, re.IGNORECASE)
        return self._alternatives.search(text) is not None

    def spans(self, index: WordIndex, end: int | None = None, *, raw: bool = False) -> Iterator[tuple[int, int]]:
        source = index.raw if raw else index.text
        limit = len(source) if end is None else end
        if self.buckets is None or (raw and self.quoted) or self._unbounded:
            yield from (m.span() for m in self.pattern.finditer(source, 0, limit))
            return
        if index.only is not None and not self._indexed_by(index.only):
            index = index.unrestricted()
        hits = index.hits(self.buckets.keys() & index.positions.keys())
        named = self._name_matches(source, limit) if self._pattern_needs else {}
        if named:
            have = {start for start, _, _ in hits}
            hits += [(start, -1, -1) for start in named if start not in have]
        hits.sort()
        buckets, keys, exotic = self.buckets, index.keys, index.exotic
        last = -1
        for start, stop, i in hits:
            if start >= limit:
                break
            if start < last:
                continue
            found = self._match_at(buckets[keys[i]], source, start, stop, limit, i in exotic) if i >= 0 else None
            if found is None:
                found = named.get(start)
            if found is not None:
                last = found
                yield start, found

    def _match_at(self, bucket: list[tuple[str, bool]], source: str, start: int, stop: int, limit: int,
                  exotic: bool) -> int | None:
        """Where the first phrase of a bucket that matches at word ``start``-``stop`` ends."""
        for phrase, whole_word in bucket:
            if whole_word and not exotic:
                # the folded word is the phrase: it matches unless a hyphen follows
                if stop >= limit or source[stop] != "-":
                    return stop
                continue
            regex = self._regexes.get(phrase)
            if regex is None:
                regex = self._regexes[phrase] = re.compile(_phrase_source(phrase) + r"(?![\w-])", re.IGNORECASE)
            match = regex.match(source, start, limit)
            if match is not None:
                return match.end()
        return None

    def plain(self, raw: bool = False) -> bool:
        """Whether the index alone finds this list's matches (no name patterns, no fallback to
        the alternation), as ``PhraseGroup`` needs."""
        return not (self.buckets is None or (raw and self.quoted) or self._unbounded or self._pattern_needs)

    def _indexed_by(self, only: frozenset[str]) -> bool:
        """Whether an index of only these forms holds every first word of this list."""
        found = self._covered.get(only)
        if found is None:
            found = self._covered[only] = self.buckets is not None and self.buckets.keys() <= only
        return found

    def _name_matches(self, source: str, limit: int) -> dict[int, int]:
        """Every position where a name pattern matches, with where that match ends; only the
        patterns whose literals the text holds are searched (the others cannot match)."""
        folded = fold(source[:limit])
        if not any(literal in folded for literal in self._pattern_gate):
            return {}
        chosen = tuple(i for i, (_, needs) in enumerate(self._pattern_needs) if possible(needs, folded))
        if not chosen:
            return {}
        scanner = self._scanners.get(chosen)
        if scanner is None:
            body = "|".join(self._pattern_needs[i][0] for i in chosen)
            # a look-ahead matches at every position, so that none is hidden inside an earlier match
            scanner = self._scanners[chosen] = re.compile(rf"(?=((?<![\w-])(?:{body})(?![\w-])))", re.IGNORECASE)
        return {m.start(): m.end(1) for m in scanner.finditer(source, 0, limit)}


class PhraseGroup:
    """Several phrase lists searched in one pass over a text's index: ``find`` gives what each
    list's own ``find`` gives, with one look-up of the index's words and one sort for all of
    them (a long text searched for half a dozen lists). Each list keeps its own left-to-right,
    non-overlapping reading: a list sees exactly the words its phrases start with, in order."""

    def __init__(self, lists: Iterable[Phrases | None], *, raw: bool = False) -> None:
        self.lists = list(lists)
        self.raw = raw
        #: first word -> (list number, that list's bucket), for the lists the index serves alone
        self.buckets: dict[str, list[tuple[int, list[tuple[str, bool]]]]] = {}
        self.alone = []  # numbers of the lists searched by themselves
        for number, phrases in enumerate(self.lists):
            if phrases is None:
                continue
            if not phrases.plain(raw):
                self.alone.append(number)
                continue
            for word, bucket in phrases.buckets.items():  # type: ignore[union-attr]
                self.buckets.setdefault(word, []).append((number, bucket))
        self.first_words = frozenset(self.buckets)

    def find(self, index: WordIndex) -> list[list[str]]:
        """The matched words of each list (``[]`` for a list that is None), lower-cased."""
        found: list[list[str]] = [[] for _ in self.lists]
        for number in self.alone:
            found[number] = self.lists[number].find(index, raw=self.raw)  # type: ignore[union-attr]
        if not self.buckets:
            return found
        if index.only is not None and not self.first_words <= index.only:
            index = index.unrestricted()
        source = index.raw if self.raw else index.text
        limit = len(source)
        hits = index.hits(self.buckets.keys() & index.positions.keys())
        hits.sort()
        last = [-1] * len(self.lists)
        lists, keys, exotic = self.lists, index.keys, index.exotic
        for start, stop, i in hits:
            for number, bucket in self.buckets[keys[i]]:
                if start < last[number]:
                    continue
                end = lists[number]._match_at(bucket, source, start, stop, limit, i in exotic)  # type: ignore[union-attr]
                if end is not None:
                    last[number] = end
                    found[number].append(source[start:end].lower())
        return found


def words_of(text: str, among: frozenset[str] | None = None) -> frozenset[str] | None:
    """The case-folded words (maximal runs of word characters) of a text whose word characters
    are all ASCII; None for other texts. ``among``: only those of these words (a set of every
    word of a long text is the larger part of the cost)."""
    blanked = _blank_ascii(text)
    if blanked is None:
        return None
    return frozenset(blanked.split()) if among is None else among.intersection(blanked.split())


def required_words(phrase: str) -> frozenset[str] | None:
    """The lower-cased words that every match of a plain phrase of ``data.phrase_regex`` holds as
    whole words (it bounds a phrase with ``\\b`` where it starts or ends with a word character and
    joins its words with white space); None when that cannot be said: a /regex/, padding,
    non-ASCII words."""
    if len(phrase) > 2 and phrase.startswith("/") and phrase.endswith("/"):
        return None
    words = _WORD_RUN.findall(phrase)
    if not words or phrase != phrase.strip() or not all(word.isascii() for word in words):
        return None
    return frozenset(word.lower() for word in words)
