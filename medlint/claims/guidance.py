"""Guideline claims: a present recommendation, by a US body, of a screening or vaccine for an age.

An old age range in a sentence is not yet a claim. "Women aged 50 to 74 made up a third of the
group", "Sweden invites women aged 40 to 74", "In 2008 the task force advised screening from 50"
and "the test found 90 percent of cancers in women over 50" all name an age; none says whom a US
body recommends screening today. A guideline claim needs, in the clause around the age, a
recommendation (or, for a label's age range, an approval) in the present tense, no sign of a
statistic or study, no foreign programme, and no other named body whose advice may differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lazyre import lazy_compile
from . import scope as s
from .slots import Slot
from .kb import Guideline

#: the names of the bodies guideline entries record, as sentences name them
BODY_NAMES = {
    "uspstf": lazy_compile(r"\b(?:USPSTF|U\.?S\.? Preventive Services Task Force|Preventive Services Task Force|"
                         r"United States Preventive Services Task Force|(?<!Society )[Tt]ask [Ff]orce)\b"),
    "acip": lazy_compile(r"\b(?:ACIP|Advisory Committee on Immunization Practices|CDC|Centers for Disease Control)\b"),
    "cdc": lazy_compile(r"\b(?:CDC|Centers for Disease Control)\b"),
    "fda": lazy_compile(r"\b(?:FDA|Food and Drug Administration)\b"),
}


@dataclass(frozen=True)
class GuidelineReading:
    body: Slot
    predicate: Slot
    time: Slot
    agency: Slot
    age: Slot

    def as_json(self) -> dict[str, Any]:
        return {"body": self.body.as_json(), "predicate": self.predicate.as_json(), "time": self.time.as_json(),
                "agency": self.agency.as_json(), "age": self.age.as_json()}


def read_guideline(sentence: str, start: int, end: int, guideline: Guideline,
                   paragraph: str, lead_in: str = "") -> GuidelineReading | None:
    """The guideline claim around the old value at ``sentence[start:end]``, or None when the
    sentence does not state ``guideline`` as today's advice. A list item ("- Adults 65 years or
    older") takes its predicate, body and agency from its lead-in ("CDC recommends the
    pneumococcal vaccine for:")."""
    if sentence.rstrip().endswith("?"):
        return None
    span = _span(sentence, start)
    # the lead-in, then the part of the sentence around the value, read as one
    text = (lead_in.rstrip() + " " if lead_in else "") + sentence[span[0]:span[1]]
    at = len(text) - (span[1] - start)  # where the old value stands in ``text``
    whole = (lead_in + " " if lead_in else "") + sentence
    # a statistic or study about the age group stands near the age ("a quarter of people ages 50
    # to 75 have never been screened"); farther words describe something else
    near = text[max(0, at - _STAT_WINDOW):at + (end - start) + _STAT_WINDOW]
    if s.NOT_ADVICE.search(near) or (lead_in and s.NOT_ADVICE.search(lead_in)) or s.DISPUTED.search(whole):
        return None
    agency = _agency(whole, paragraph)
    if agency is None:
        return None
    body = _body(whole, guideline)
    if body is None:
        return None
    if guideline.predicate == "approval":
        predicate = s.APPROVAL.search(text) or s.LABEL_LIMIT.search(text)
    else:
        predicate = s.RECOMMENDATION.search(text)
    if predicate is None:
        return None
    # a hedge counts from just before the recommendation to the age: "your doctor may recommend
    # screening at 50"; not "could save your life" after it, nor "if you may be at risk" far before
    hedge = s.HEDGE.search(text, max(0, predicate.start() - 20), at)
    if hedge and not _ADVICE_MODAL.match(text, hedge.start()):
        return None
    time = _time(text, predicate)
    if time is None:
        return None
    return GuidelineReading(body, Slot(guideline.predicate, predicate.group()), time, agency,
                            Slot("old", sentence[start:end]))


_STAT_WINDOW = 60  # characters either side of the age in which a statistic's words count

#: "may need to", "may want to": advice, not a hedge
_ADVICE_MODAL = lazy_compile(r"(?:may|might) (?:need|want|wish|choose) to\b|will need\b", re.I)


def _span(sentence: str, offset: int) -> tuple[int, int]:
    """The part of the sentence between the strong clause boundaries around ``offset``."""
    parts = s.clauses(sentence)
    number = s.clause_at(parts, offset)
    low, high = number, number
    while low > 0 and not parts[low].strong_left:
        low -= 1
    while high + 1 < len(parts) and not parts[high + 1].strong_left:
        high += 1
    return parts[low].start, parts[high].end


def _agency(sentence: str, paragraph: str) -> Slot | None:
    foreign = s.FOREIGN.search(sentence) or s.ELSEWHERE.search(sentence)
    us = s.US.search(sentence)
    if foreign and not us:
        return None
    if us:
        return Slot("US", us.group())
    named = s.FOREIGN.search(paragraph)
    if named:
        return None
    return Slot("US")


def _body(sentence: str, guideline: Guideline) -> Slot | None:
    """The entry's body, named or implied; None when another body is named instead."""
    names = BODY_NAMES.get(guideline.body)
    named = names.search(sentence) if names else None
    other = s.OTHER_BODY.search(sentence)
    if other and (named is None or other.start() <= named.start() < other.end()):
        return None  # "the U.S. Multi-Society Task Force recommends ...": not the entry's body
    if named:
        return Slot(guideline.body, named.group())
    return Slot(guideline.body)


_PRESENT_BEFORE = lazy_compile(r"\b(?:is|are|'s|remains?|still|now|currently|continues? to|has|have|the|an?|its|their)"
                             r"(?:\s+(?:not|also|still|now|generally|strongly|usually|routinely|only|been))*\s+$", re.I)
_PAST_BEFORE = lazy_compile(r"\b(?:was|were|had)(?:\s+(?:not|also|still|first|then|generally|strongly|been|\w+ly))*\s+$", re.I)


def _time(text: str, predicate: re.Match[str]) -> Slot | None:
    """Present, or None for a past recommendation ("In 2008 the task force advised ...",
    "the panel later reaffirmed ...", "was recommended")."""
    for verb in s.RECOMMENDATION_PAST.finditer(text):
        before = text[max(0, verb.start() - 40):verb.start()]
        if _PRESENT_BEFORE.search(before):
            continue
        return None
    before = text[:predicate.start()]
    if _PAST_BEFORE.search(before):
        return None
    dated = [y for y in s.YEAR.finditer(text)
             if not s.YEAR_NOT_DATING.search(text, max(0, y.start() - 20), y.end())]
    if dated and re.search(r"\b(?:was|were|had|did)\b", text, re.I):
        return None
    return Slot("present", predicate.group())
