"""The one spaCy pipeline of the process: blank English with rule components, no model download."""

from __future__ import annotations

import functools
import re
import sys
import types
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: `medlint rules` and `--help` should not pay for it
    from spacy.language import Language
    from spacy.tokens import Doc


#: ``Doc.user_data`` key under which the blank pipeline's sentencizer leaves its per-token
#: sentence-start flags, so that rules can size sentences without building spaCy Spans
SENTENCE_STARTS = "medlint.sentence_starts"
_SENTENCIZER_FACTORY = "medlint_sentencizer"


class ModelError(Exception):
    """A configured spaCy model that is not installed."""


@functools.lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> "Language":
    """Built once per process and model name; blank English unless a model is configured."""
    spacy = _import_spacy()
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ModelError(
                f"spaCy model {model!r} is not installed; install it or remove nlp.model "
                "from the configuration (medlint needs no model)") from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe(_sentencizer_factory(), name="sentencizer")
        # spaCy's 1,000,000-character limit guards the memory of parsers and taggers; the
        # tokenizer and sentencizer are linear, so a long one-paragraph file is no reason to fail
        nlp.max_length = sys.maxsize
    return nlp


def memory_zone(model: str | None):  # noqa: ANN201 - a context manager
    """spaCy's memory zone (3.8+): strings and lexemes added inside it are freed when it ends.
    Docs made inside must not be used after it; on older spaCy it does nothing."""
    import contextlib

    nlp = get_pipeline(model)
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def pipe(model: str | None, texts: Iterable[str]) -> Iterator["Doc"]:
    """One spaCy Doc per text, in order, from the pipeline of ``model`` (blank when None).

    A model's pipeline keeps spaCy's length limit; a text over it is tokenized by that model's
    tokenizer (same vocabulary, so the matchers still apply) and split into sentences by the
    blank pipeline's sentencizer, instead of failing the whole run. Sentences do not break
    after abbreviations such as "approx." (``_join_after_abbreviations``).
    """
    nlp = get_pipeline(model)
    texts = [_calm(text) for text in texts]
    limit = nlp.max_length
    docs = nlp.pipe(("" if len(text) > limit else text for text in texts), batch_size=256)
    for text, doc in zip(texts, docs):
        if len(text) > limit:
            doc = get_pipeline(None).get_pipe("sentencizer")(nlp.tokenizer(text))
        if _ABBREVIATION_BREAK.search(text):  # a few blocks in a hundred: the check needs Tokens
            _join_after_abbreviations(doc, text)
        yield doc


#: a run of symbols ("[[[[...", 5,000 quotes or emoji): spaCy's tokenizer peels prefixes and
#: suffixes off one at a time, so its time grows with the square of the run (5,000 symbols take
#: five seconds). Letters and digits between symbols stop that; such runs are no prose.
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){33,}")
#: two symbols side by side; a run of 33 holds two neighbouring characters of every 16th
_SYMBOL_PAIR = re.compile(r"(?:[^\w\s]|_){2}")


def _calm(text: str) -> str:
    """The text with long symbol runs blanked, length for length, so every offset still holds."""
    if len(text) < 33 or _SYMBOL_PAIR.search(text[::16]) is None:  # a sixteenth of the text to scan
        return text
    return _SYMBOL_RUN.sub(lambda m: " " * len(m.group()), text)


def _sentencizer_factory() -> str:
    """spaCy's rule-based sentencizer, reading a batch of Docs at once, which also keeps the
    flags it sets on each Doc.

    Reading sentence boundaries back costs a spaCy Span per sentence (``doc.sents``), several
    times the price of the flags the sentencizer has already computed. And spaCy's own
    sentencizer makes a Token object for every token to read its text; ``_sentence_starts``
    reads the same two facts for a whole batch from arrays.
    """
    from spacy.language import Language
    from spacy.pipeline import Sentencizer
    from spacy.tokens import Doc
    from spacy.util import minibatch

    if Language.has_factory(_SENTENCIZER_FACTORY):
        return _SENTENCIZER_FACTORY

    class KeepingSentencizer(Sentencizer):  # type: ignore[misc]  # spaCy has no type stubs
        def predict(self, docs):  # noqa: ANN001, ANN201
            return _sentence_starts(list(docs), self.punct_chars)

        def pipe(self, stream, *, batch_size: int = 128):  # noqa: ANN001, ANN201
            for batch in minibatch(stream, size=batch_size):
                self.set_annotations(batch, self.predict(batch))
                yield from batch

        def set_annotations(self, docs, batch_tag_ids) -> None:  # noqa: ANN001
            super().set_annotations(docs, batch_tag_ids)
            for doc, flags in zip([docs] if isinstance(docs, Doc) else docs, batch_tag_ids):
                doc.user_data[SENTENCE_STARTS] = bytes(flags)  # untracked by the collector

    def make(nlp: "Language", name: str) -> KeepingSentencizer:
        return KeepingSentencizer(name)

    Language.factory(_SENTENCIZER_FACTORY, assigns=["token.is_sent_start", "doc.sents"])(make)
    return _SENTENCIZER_FACTORY


@functools.lru_cache(maxsize=4)
def _stop_hashes(punct_chars: frozenset[str]):  # noqa: ANN202 - a sorted numpy array
    import numpy
    from spacy.strings import get_string_id

    return numpy.array(sorted(get_string_id(char) for char in punct_chars), dtype=numpy.uint64)


def _sentence_starts(docs: list["Doc"], punct_chars: set[str]) -> list[bytes]:
    """Per Doc, a 0/1 flag per token: where spaCy's Sentencizer.predict starts a sentence.

    That loop starts one at the first token, and at a token that is neither punctuation nor one
    of ``punct_chars`` (a plain token) when one of ``punct_chars`` (a stop) came since the last
    sentence start; as every plain token after a stop starts a sentence, that is: when the last
    stop-or-plain token before it is a stop. Here that test runs on the token attributes of the
    whole batch at once (tests/core/test_speed_parse_feed.py compares the two on random text).
    """
    import numpy
    from spacy.attrs import IS_PUNCT, ORTH

    lengths = numpy.fromiter((len(doc) for doc in docs), dtype=numpy.intp, count=len(docs))
    total = int(lengths.sum())
    if not total:
        return [b"" for _ in docs]
    table = numpy.concatenate([doc.to_array([ORTH, IS_PUNCT]) for doc in docs if len(doc)])
    stops_sorted = _stop_hashes(frozenset(punct_chars))
    orth = table[:, 0]
    at = numpy.searchsorted(stops_sorted, orth)
    at[at == len(stops_sorted)] = 0
    stop = stops_sorted[at] == orth
    plain = ~stop & (table[:, 1] == 0)
    ends = numpy.cumsum(lengths)
    firsts = ends - lengths
    marks = numpy.flatnonzero(stop | plain)  # the stop and plain tokens, in order
    flags = numpy.zeros(total, dtype=numpy.uint8)
    if len(marks) > 1:
        after = marks[1:]
        same_doc = numpy.searchsorted(ends, after, side="right") == numpy.searchsorted(ends, marks[:-1], side="right")
        flags[after[plain[after] & stop[marks[:-1]] & same_doc]] = 1
    flags[firsts[lengths > 0]] = 1
    raw = flags.tobytes()
    return [raw[first:end] for first, end in zip(firsts.tolist(), ends.tolist())]


#: where the sentencizer's boundaries need a second look: a full stop then a lower-case word
#: ("approx. every", "1 tsp. of"), an abbreviation before a number ("approx. 5 mL", "ca. 10"),
#: or a clock time closing a sentence ("until 4 p.m. Contact us")
_ABBREVIATION_BREAK = re.compile(r"\.(?:\s+[a-z0-9]|(?<=[apAP]\.)[mM]\.\s+[A-Z])")  # opens with '.': quick
_CLOCK_BREAK = re.compile(r"[apAP]\.[mM]\.\s+[A-Z]")
#: abbreviations written before a number: the number does not start a sentence
_BEFORE_NUMBERS = frozenset("approx appx ca c no nos fig figs vol p pp ch sec ext tel est ref".split())
_CLOCK = frozenset({"a.m.", "p.m."})
#: words that follow a clock time inside a sentence: "5 p.m. Monday to Friday", "9 a.m. Eastern"
_AFTER_CLOCK = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu "
                         "thur thurs fri sat sun eastern central mountain pacific alaska hawaii local et "
                         "est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet".split())


def _join_after_abbreviations(doc: "Doc", text: str) -> None:
    """Mend the blank sentencizer's boundaries around abbreviations, which spaCy's tokenizer
    keeps whole only sometimes ("Dr.", "e.g." and "p.m." are; "approx." is not):

    - no sentence starts at a lower-case word after a full stop that closes a word ("about 5 mL
      approx. every 4 hours"), nor at a number after "approx.", "ca.", "no." or "fig.";
    - a sentence does start after "a.m." or "p.m." when a capitalised word follows that is not a
      day or a time zone ("open until 4 p.m. Contact the centre ...").

    Applies to the blank sentencizer's sentences (a parser's are its own)."""
    flags = doc.user_data.get(SENTENCE_STARTS)
    if flags is None:
        return
    changed = bytearray(flags)
    index = flags.find(1, 2)
    while index != -1:  # only the sentence starts: far fewer than the tokens
        token, word = doc[index], doc[index - 2]
        if doc[index - 1].text == "." and not word.whitespace_ and word.is_alpha and (
                token.text[:1].islower() or (token.text[:1].isdigit() and word.lower_ in _BEFORE_NUMBERS)):
            token.is_sent_start = False
            changed[index] = 0
        index = flags.find(1, index + 1)
    if _CLOCK_BREAK.search(text):
        for index in range(1, len(doc)):
            token = doc[index]
            if not changed[index] and doc[index - 1].lower_ in _CLOCK and token.is_alpha \
                    and token.text[:1].isupper() and token.lower_ not in _AFTER_CLOCK:
                token.is_sent_start = True
                changed[index] = 1
    doc.user_data[SENTENCE_STARTS] = bytes(changed)


def _import_spacy():  # noqa: ANN202  (returns the spacy module)
    """Import spaCy without its command-line package.

    ``spacy/__init__`` imports ``spacy.cli`` (typer, weasel, HTTP clients: about 0.3 s, a third of
    medlint's start-up) only to expose ``spacy.info``, which medlint never calls. A placeholder
    stands in for that one import and is removed at once, so a later ``import spacy.cli`` loads
    the real package; ``spacy.info`` still works, importing the real function on first call.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package with no submodules: only the placeholder below exists
    placeholder = types.ModuleType("spacy.cli.info")
    placeholder.info = _spacy_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = package, placeholder
    try:
        import spacy
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (package, placeholder):
                del sys.modules[name]
    if getattr(spacy, "cli", None) is package:
        del spacy.cli  # the attribute the placeholder import left behind
    return spacy


def _spacy_info(*args: object, **kwargs: object) -> object:
    from spacy.cli.info import info

    return info(*args, **kwargs)




_VOWEL_Y = re.compile(r"[aeiou]y$")


@functools.lru_cache(maxsize=8192)
def inflections(word: str) -> tuple[str, ...]:
    """The forms a lemma-aware match accepts: cure -> cure, cures, cured, curing.

    Over-generation is harmless for matching (non-words never occur) and keeps the blank
    pipeline free of lemmatizer tables.
    """
    word = word.lower()
    forms = {word}
    if not word.isalpha():
        forms.add(word + "s")
        return tuple(sorted(forms))
    if word.endswith("y") and not _VOWEL_Y.search(word):
        stem = word[:-1]
        forms.update({stem + "ies", stem + "ied", word + "ing"})
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.update({word + "es", word + "ed", word + "ing"})
    elif word.endswith("e"):
        forms.update({word + "s", word + "d", word[:-1] + "ing"})
    else:
        forms.update({word + "s", word + "ed", word + "ing"})
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return tuple(sorted(forms))
