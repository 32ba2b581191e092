"""When a claim is said to hold: present, past, a reported event, future, or unknown.

The blank pipeline has no tagger, so the tense comes from the words that govern the predicate in
its clause: an auxiliary ("is approved", "has been approved", "was approved"), a verb of getting
("won FDA approval", "has gained approval"), the agent of an active verb ("the FDA approved X"),
or the predicate's own form ("an FDA-approved drug", "Opdivo, approved for ...").
"""

from __future__ import annotations

import re

from .lazyre import lazy_compile
from . import scope as s
from .slots import Slot

#: time values that describe the past: a true statement about history is no error
PAST_TIMES = frozenset({"past", "event"})

_PRESENT = frozenset("is are 's am remain remains stay stays has have hold holds carry carries keep keeps "
                     "now currently still isn't aren't hasn't haven't doesn't don't".split())
_PAST = frozenset("was were had became remained stayed then wasn't weren't hadn't didn't".split())
_ADVERBS = frozenset("now currently still".split())
_PAST_VERBS = frozenset("got won received gained earned obtained secured came granted gave given gotten".split())
_BASE_VERBS = frozenset("win get gain receive earn obtain secure won got".split())
_FUTURE = frozenset("will would shall could might may should must be".split())
_FILLER = frozenset("not never no longer yet n't also fda fda's u.s. us full formal the a an its their his her official "
                    "final regulatory federal accelerated conditional priority initial first second new expanded broader "
                    "been already recently just finally quickly fully only widely officially formally agency's "
                    "government marketing approval green nod so far both newly emergency use fast-track "
                    "traditional standard regular since today yesterday".split())


def time_of(sentence: str, clause: s.Clause, pstart: int, pend: int) -> Slot:
    """present | past | event (the FDA approved / approves X) | future | unknown, from the words
    governing the predicate; a dated past becomes history whatever else the paragraph says."""
    predicate = sentence[pstart:pend].lower()
    opening = re.match(r"\W*(is|are|has|have|does|do|can|was|were|did|will)\b", sentence, re.I)
    if sentence.rstrip().endswith("?") and opening:
        word = opening.group(1).lower()
        value = {"was": "past", "were": "past", "did": "past", "will": "future"}.get(word, "present")
        return Slot(value, opening.group(1))
    value, words = _tense_before(sentence, clause, pstart, pend, predicate)
    if value in PAST_TIMES:
        dating = dating_year(sentence[clause.start:clause.end])
        if dating:
            return Slot(value, f"{words} ... {dating}".strip())
    return Slot(value, words)


def dating_year(text: str) -> str | None:
    """A year that dates an event ("in 2017"), not one that bounds a state ("since 2017")."""
    for year in s.YEAR.finditer(text):
        if not s.YEAR_NOT_DATING.search(text, max(0, year.start() - 20), year.end()):
            return year.group()
    return None


def _tense_before(sentence: str, clause: s.Clause, pstart: int, pend: int, predicate: str) -> tuple[str, str]:
    first = predicate.split(None, 1)[0] if predicate.strip() else ""
    if first in _PRESENT or first in _PAST or first in ("can", "still", "may", "could", "should", "might"):
        # the predicate holds its verb: "is the only remedy", "can buy", "may still be used", "should get"
        return ("past" if first in _PAST else "present"), sentence[pstart:pend]
    words = s.WORD.findall(sentence[clause.start:pstart])[-8:]
    participle = None
    index = len(words) - 1
    while index >= 0:
        word = words[index].lower()
        if word in _FUTURE:
            return "future", words[index]
        if word in _PRESENT:
            if word in _ADVERBS and index > 0 and words[index - 1].lower() in (_PAST | _FUTURE):
                index -= 1  # "was still", "will still": the verb before the adverb tells
                continue
            if participle is not None and word in _ADVERBS:
                index -= 1  # "the FDA today granted": an adverb, not a present tense
                continue
            return "present", " ".join(words[index:])
        if word in _PAST:
            return "past", " ".join(words[index:])
        if word in _PAST_VERBS or word in _BASE_VERBS:
            participle = participle or index
        elif word == "to":
            if index > 0 and words[index - 1].lower() == "yet":
                index -= 2
                continue
            return "future", " ".join(words[index - 1:index + 1]) if index else "to"
        elif word not in _FILLER:
            left = words[index - 1].lower() if index else ""
            if not (left in _PRESENT or left in _PAST or left in _FUTURE):
                break  # one unknown word (an adjective: "is a newly approved") may stand after the verb
        index -= 1
    if participle is not None:
        return ("past" if words[participle].lower() in _PAST_VERBS else "present"), " ".join(words[participle:])
    return _tense_by_form(sentence, clause, pstart, pend, predicate, words[index] if index >= 0 else "")


_AGENT_BEFORE = lazy_compile(r"\b(?:fda|food and drug administration|agency|regulators?|government|officials|it|they)\b\)?"
                           r"(?:\s+[\w,]+){0,4}\s*$", re.I)
_PRESENT_SIMPLE = lazy_compile(r"(?:approv|clear|authori[sz]|licen[sc])es$|^(?:gets|wins|receives|gives)\b")
_RECOMMEND = lazy_compile(r"recommend(s|ed)?$")
_LAST_AUX = lazy_compile(r"\b(is|are|remains?|was|were|became|had)\b", re.I)


def _tense_by_form(sentence: str, clause: s.Clause, pstart: int, pend: int, predicate: str,
                   word_before: str) -> tuple[str, str]:
    """No auxiliary: the form of the predicate and its neighbours decide."""
    after = sentence[pend:clause.end]
    gap = sentence[clause.start:pstart].rstrip()
    words = sentence[pstart:pend]
    if s.ATTRIBUTE_NOUN.match(after):
        return "present", words  # "an approved drug", "the FDA approved treatment"
    if predicate.startswith("fda "):
        return "event", words  # "the FDA approved nivolumab"
    if re.match(r"fda-", predicate) or \
            re.search(r"\b(?:an?|the|only|other|all|any|no|some|many|several|two|three|four|five)$", gap, re.I):
        return "present", words  # "an FDA-approved immunotherapy", "the only approved option for ..."
    agent = _AGENT_BEFORE.search(gap) is not None
    advice = _RECOMMEND.match(predicate)
    if advice:  # "CDC recommends Zostavax" is standing advice; "CDC recommended it" is told as past
        return ("present" if advice.group(1) == "s" else "past"), f"{word_before} {words}".strip()
    if predicate.split()[0] in _PAST_VERBS:
        return "past", words  # "got the nod", "won the go-ahead"
    if _PRESENT_SIMPLE.search(predicate):
        return ("event" if agent else "present"), f"{word_before} {words}".strip()
    if re.search(r"(?:ed|'d|lit)$", predicate) or re.search(r"nod|go-ahead|thumbs", predicate) or not gap:
        if agent:
            return "event", f"{word_before} {words}".strip()
        # "Opdivo, approved for ...", "Approved for HCC, ...", "a medication approved to help ...":
        # a status, told in the tense of the clause, unless the phrase dates the approval
        phrase = after.split(",", 1)[0]
        aux = _LAST_AUX.findall(gap)
        if dating_year(phrase) or (aux and aux[-1].lower() in ("was", "were", "became", "had")):
            return "past", words
        if aux or not gap or gap[-1] in ",(:\u2013\u2014-" or re.match(r"\s+(?:for|to|as|in)\b", after):
            return "present", words
    if predicate.startswith("used "):  # "an HDAC inhibitor used in the treatment of myeloma"
        return ("past" if re.search(r"\b(?:was|were|had been)\b", gap, re.I) else "present"), words
    if predicate.endswith(("approval", "approvals", "clearance", "authorization", "authorisation")):
        # the approval as the subject of a sentence about it ("the approval is based on a study",
        # "Farydak's approval is important") tells of the event; "approval remains" of a status
        about = _ABOUT_THE_APPROVAL.match(after)
        if about:
            return "event", about.group(1)
        verb = re.match(r"\s+(?:[\w-]+\s+){0,5}?(is|are|remains|was|were|came|has|have)\b", after, re.I)
        if verb:
            return ("past" if verb.group(1).lower() in ("was", "were", "came") else "present"), verb.group(1)
        return "none", ""  # a noun with no verb ("Accelerated Approvals for MCL"): a label, not a claim
    return "unknown", ""


_ABOUT_THE_APPROVAL = lazy_compile(
    r"\s+(?:[\w(),'\u2019-]+\s+){0,6}?(?:(?:is|was|are|were)\s+(?:\w+ly\s+)?)?"
    r"(based|comes|came|follows|followed|marks|marked|means|meant|covers|covered|applies|applied|important|"
    r"significant|notable|welcome|makes|made|gives|gave|allows|allowed|adds|added|expands|expanded)\b", re.I)
