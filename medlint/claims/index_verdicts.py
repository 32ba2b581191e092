"""Claims the approval index decides: "X is not yet approved", "X is under FDA review", "X, an
experimental drug", said today of a product the FDA has approved since.

The index knows products, not every use: it judges at product level only when the sentence names
no use, or names one the product's first approved use mentions. A sentence about a form, a
population, a new use or another country, a dated sentence, and an article dated after the
approval (its "under review" is about something else) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .lazyre import lazy_compile
from . import scope as s
from .analysis import INDEX_PREFIX, SentenceClaim
from .kb import KnowledgeBase
from .slots import Regimen

if TYPE_CHECKING:  # the index and its module are loaded by the first claim that needs them
    from ..kb.approvals import ApprovalRecord


@dataclass
class IndexOutcome:
    message: str
    approved: date
    evidence: dict[str, Any] = field(default_factory=dict)
    check: tuple[str, ...] = ()


#: a form, version, dose or use the index cannot tell apart from the product itself, or a copy of it
QUALIFIED = lazy_compile(
    r"\b(?:new|another|additional|expanded|broader|second|supplemental)\s+(?:[\w-]+\s+)?"
    r"(?:uses?|indications?|formulations?|forms?|doses?|dosages?|dosing|versions?|applications?|label|regimens?|strengths?)\b"
    r"|\b(?:label (?:expansion|update|change)|sNDA|sBLA|expand\w* (?:its |the )?(?:use|label|approval|indication))\b"
    r"|\b(?:oral|pill|tablet|injectable|injection|intravenous|subcutaneous|nasal|inhaled|patch|liquid|"
    r"extended[- ]release|long[- ]acting|once[- ](?:weekly|monthly|yearly)|higher[- ]dose|lower[- ]dose|low[- ]dose|high[- ]dose)\s+"
    r"(?:version|form|formulation|dose|dosing|regimen|strength)s?\b|\bin (?:pill|tablet|injection|oral|liquid|patch) form\b"
    r"|\b(?:low|high|higher|lower)[- ]dose\b"
    r"|\b(?:generics?|biosimilars?|over[- ]the[- ]counter|otc|nonprescription|compounded|copycat|knock-?offs?|counterfeit|"
    r"imitations?|research chemicals?|dupes?)\b"
    r"|\b(?:approved|unapproved|off-label) (?:use|indication|purpose)s?\b"
    r"|\b(?:in|for) combination\b|\bwith (?:chemo\w*|other)\b|\bas a (?:first|second|third)\b", re.I)
#: the name stands for something else: "marketed as 'nature's Mounjaro'", "Beethoven's Moonlight"
_NOT_THE_PRODUCT = lazy_compile(r"(?:\b(?:as|like|called|dubbed|nicknamed|named)|'s|\u2019s|['\u2018\u201c\"])\s*$", re.I)
#: the use a sentence names: "for type 1 diabetes", "to treat mpox", "as an anti-aging drug"
_USE = lazy_compile(r"^\W*(?:[\w'-]+\W+){0,4}?\b(?:for|to (?:treat|prevent|help|manage|reduce|slow|lower|improve|control|relieve)|as (?:an?|the))\s+"
                  r"(?!now\b|the (?:time being|moment)\b|(?:many |several |a few )?(?:years?|months?|decades?)\b)"
                  r"([^,;.()]+)", re.I)
_PLAIN = frozenset("a an the of for with and or in to as treatment treat treating therapy option drug drugs medicine "
                   "medication medications use used people patients adults who have has their in america "
                   "american united states us u.s. country yet now currently still anymore".split())
_NEW_ONLY = ("pending", "experimental", "prospect")


def judge_by_index(claim: SentenceClaim, regimen: Regimen, published: date | None,
                   kb: KnowledgeBase) -> IndexOutcome | None:
    if len(regimen.drugs) != 1:
        return None  # a combination's approval is not the approval of each part
    from ..kb.approvals import load_index

    key = next(iter(regimen.drugs))[len(INDEX_PREFIX):]
    record = load_index().records.get(key)
    if record is None or record.status not in ("marketed", "approved", "unconfirmed") or record.approved_on is None:
        return None
    kind = claim.predicate.value if claim.predicate else ""
    clause = claim.clause_text()
    if claim.year or s.THIS_USE.search(clause) or QUALIFIED.search(clause):
        return None
    before = claim.text[:regimen.start - claim.start]
    if _NOT_THE_PRODUCT.search(before):
        return None
    if kind in _NEW_ONLY and published and published >= record.approved_on:
        return None  # written after the approval: the review or trial is of something else
    use_words = _named_use(claim, record, kb)
    if use_words is False:
        return None
    check: list[str] = []
    if record.status == "unconfirmed":
        check.append(f"the approval date: {record.approved_on.isoformat()} comes from a secondary source")
    if kind == "prospect":
        check.append("whether the article still means the approval is to come: it says so only as a prospect")
    if kind in _NEW_ONLY and not use_words and record.new_uses:
        check.append(f"whether the review or trial is of a new use: the FDA has approved {record.new_uses} "
                     "supplements with new clinical data for it since its first approval")
    said = claim.predicate.words if claim.predicate else ""
    says = {"experimental": f"calls it '{said}'", "pending": f"says an FDA decision is pending ('{said}')",
            "prospect": f"speaks of its approval as still to come ('{said}')"}.get(kind, "says it is not approved")
    use = f" (first approved use: {_short(record.use)})" if record.use else ""
    message = (f"Outdated: the FDA approved {record.label()} on {record.approved_on.isoformat()}{use}, "
               f"but the sentence {says}. Source: {record.source}")
    evidence = {"kb_entry": f"approvals:{record.key}", "event": "approved",
                "date": record.approved_on.isoformat(), "source": record.source, "center": record.center,
                "status": record.status}
    if record.application:
        evidence["application"] = record.application
    if use_words:
        evidence["use_named"] = use_words
    return IndexOutcome(message, record.approved_on, evidence, tuple(check))


def _short(use: str) -> str:
    """The label's first sentence without its subject: "for the treatment of Alzheimer's disease"."""
    first = re.split(r"(?<=[a-z)])\.\s", use, maxsplit=1)[0].rstrip(".")
    first = re.sub(r"^.*?\bindicated\s+", "", first, count=1)
    return first if len(first) <= 100 else first[:100].rsplit(" ", 1)[0] + " ..."


def _named_use(claim: SentenceClaim, record: ApprovalRecord, kb: KnowledgeBase) -> str | bool | None:
    """None when the sentence names no use; its words when the record's first approved use names
    the same condition; False when it names a use the index cannot judge."""
    use = record.use.lower().replace("\u2019", "'")
    named = []
    after = claim.clause_text()[claim.approval_span[1] - claim.clause[0]:] if claim.approval_span else ""
    phrase = _USE.search(after)
    if phrase:  # every word of the use the sentence names must be in the recorded use
        words = [w for w in re.findall(r"[\w'-]+", phrase.group(1).lower()) if w not in _PLAIN]
        if not words or not all(_says(use, w) for w in words):
            return False
        named.append(phrase.group(1).strip())
    elif not claim.conditions and not claim.other_conditions:
        return None
    for mention in claim.conditions:
        condition = kb.conditions.get(mention.id)
        names = [condition.name, *condition.synonyms] if condition else []
        if not any(_says(use, n) for n in names if len(n) > 3):
            return False
        named.append(condition.name)
    clause = claim.clause_text()
    for words in claim.other_conditions:
        words = _with_modifiers(clause, words)  # "type 1 diabetes", not "diabetes"
        if not _says(use, words):
            return False
        named.append(words)
    return ", ".join(named)


_STOP = _PLAIN | frozenset("approved approval not yet fda review under by from its this that is are be been being was "
                           "were on at than into".split())


def _with_modifiers(clause: str, head: str) -> str:
    """The condition's head word with the words that narrow it just before it ("postpartum
    depression", "type 1 diabetes"), up to a function word."""
    found = re.search(r"((?:[\w'\u2019-]+\s+){0,3})" + re.escape(head), clause)
    if not found:
        return head
    kept: list[str] = []
    for word in reversed(found.group(1).split()):
        if word.lower() in _STOP:
            break
        kept.insert(0, word)
    return " ".join([*kept, head])


def _says(use: str, words: str) -> bool:
    """Whether the recorded use holds these words, each compared by its first six letters
    ("preventing" and "preventive")."""
    stems = [w[:6] for w in words.lower().replace("\u2019", "'").split()]
    found = re.search(r"\b" + r"[\w']*\W+".join(re.escape(w) for w in stems), use)
    # "Limitations of use: not for type 1 diabetes" names the use the label leaves out
    return found is not None and not _LIMITATION.search(use, max(0, found.start() - 80), found.start())


_LIMITATION = lazy_compile(r"\bnot\b|\blimitations?\b|\bexcept\b", re.I)
