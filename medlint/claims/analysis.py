"""Per-sentence claim extraction: who is said to be approved for what, and how it is said."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import patterns as p
from .kb import KnowledgeBase

if TYPE_CHECKING:
    from ..engine.context import LintContext

DRUG_KEY = "kb:drug:"
CONDITION_KEY = "kb:cond:"
NOT_DRUG_KEY = "kb:not-drug:"
LEXICON_KEY = "lexicon:drug"  # names from an imported Drugs@FDA lexicon (recognition only)
LEXICON_PREFIX = "lexicon:"
TRIGGER_KEY = "claims:trigger"  # trigger words and guideline topic words, registered by the rules


@dataclass(frozen=True)
class Mention:
    id: str
    start: int
    end: int


@dataclass
class Regimen:
    drugs: frozenset[str]
    start: int  # block offsets of the mention(s) naming it
    end: int


class ParagraphCitation:
    """Whether a paragraph cites anything: a link or a reference marker. Decided on first ask:
    most sentences never need it."""

    __slots__ = ("_text", "_cited")

    def __init__(self, text: str, has_links: bool) -> None:
        self._text = text
        self._cited: bool | None = True if has_links else None

    @property
    def cited(self) -> bool:
        if self._cited is None:
            self._cited = cites(self._text)
        return self._cited


def cites(text: str) -> bool:
    """Whether ``text`` cites something (``patterns.CITATION``). Every form of citation holds a
    bracket or one of ``CITATION_CUES``; most sentences hold neither, and a substring test is
    many times cheaper than the pattern."""
    if "(" not in text and "[" not in text:
        folded = text.casefold()
        if not folded.isascii():  # the pattern ignores case the way re does: "ı" and "İ" are "i"
            folded = folded.replace("\u0131", "i").replace("\u0307", "")
        if not any(cue in folded for cue in p.CITATION_CUES):
            return False
    return p.CITATION.search(text) is not None


@dataclass
class SentenceClaim:
    block: int
    start: int
    end: int
    text: str
    regimens: list[Regimen] = field(default_factory=list)
    conditions: list[Mention] = field(default_factory=list)
    approval: bool = False
    negated: bool = False
    hedged: bool = False
    exclusive: bool = False
    exclusive_denied: bool = False
    none_approved: bool = False
    present: bool = False
    historical: bool = False
    year: int | None = None
    cited: bool = False
    paragraph: "ParagraphCitation | None" = None
    acknowledges_change: bool = False
    line: str | None = None
    monotherapy: bool = False
    classes: frozenset[str] = frozenset()
    approval_span: tuple[int, int] | None = None
    available: bool = False  # "you can buy ranitidine": an availability claim

    @property
    def condition_ids(self) -> list[str]:
        return [m.id for m in self.conditions]

    @property
    def paragraph_cited(self) -> bool:
        return self.paragraph is not None and self.paragraph.cited

    @property
    def positive(self) -> bool:
        return self.approval and not self.negated and not self.hedged


def article_date(metadata: dict) -> date | None:
    for key in ("date", "published", "published_date", "date_published", "updated", "last_reviewed"):
        value = metadata.get(key)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None


def sentence_claims(ctx: "LintContext", kb: KnowledgeBase) -> list[SentenceClaim]:
    """Claims of every sentence that names a drug or condition or has a trigger word."""
    claims = []
    references = ctx.document.references_ids()
    entity_keys = _entity_keys(kb)
    for index, block in enumerate(ctx.blocks):
        if block.is_heading or id(block) in references:
            continue
        text = block.text
        matches = ctx.matches(index)
        # cheap signals decide which sentences deserve the full analysis
        hits = [start for start, _ in matches.get(TRIGGER_KEY, ())]
        if "%" in text:
            hits += [m.start() for m in p.PERCENT.finditer(text)]
        if p.DIGIT.search(text):  # "3 in 10": number words ("one in four") are trigger phrases
            hits += [m.start() for m in p.RATIO.finditer(text)]
        if not entity_keys.isdisjoint(matches):
            drugs, conditions = _entities(matches, text)
            hits += [m.start for m in drugs + conditions]
        else:
            drugs, conditions = [], []
        if not hits:
            continue
        hits.sort()
        paragraph = ParagraphCitation(block.text, bool(block.links))
        for start, end in ctx.sentences(index):
            first = bisect_left(hits, start)
            if first == len(hits) or hits[first] >= end:
                continue
            claims.append(_analyse(kb, index, text, start, end,
                                   [m for m in drugs if start <= m.start < end],
                                   [m for m in conditions if start <= m.start < end],
                                   paragraph))
    return claims


_ENTITY_KEYS: dict[int, frozenset[str]] = {}


def _entity_keys(kb: KnowledgeBase) -> frozenset[str]:
    """Every matcher key that names a drug or condition of ``kb`` (or an imported drug)."""
    found = _ENTITY_KEYS.get(id(kb))
    if found is None:
        found = _ENTITY_KEYS[id(kb)] = frozenset(
            [DRUG_KEY + d for d in kb.drugs] + [CONDITION_KEY + c for c in kb.conditions] + [LEXICON_KEY])
    return found


def _entities(matches: dict, text: str) -> tuple[list[Mention], list[Mention]]:
    blocked = _mentions(matches, NOT_DRUG_KEY)
    drugs = [m for m in _longest(_mentions(matches, DRUG_KEY))
             if not any(b.start <= m.start and m.end <= b.end for b in blocked)]
    for start, end in matches.get(LEXICON_KEY, ()):
        if not any(m.start < end and start < m.end for m in drugs):
            drugs.append(Mention(LEXICON_PREFIX + text[start:end].lower(), start, end))
    drugs.sort(key=lambda m: m.start)
    return drugs, _longest(_mentions(matches, CONDITION_KEY))


def _mentions(matches: dict, prefix: str) -> list[Mention]:
    found = []
    for key, spans in matches.items():
        if key.startswith(prefix):
            ident = key[len(prefix):]
            found.extend(Mention(ident, s, e) for s, e in spans)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return found


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions: 'small cell lung cancer' over 'lung cancer'."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _analyse(kb: KnowledgeBase, index: int, text: str, start: int, end: int,
             drugs: list[Mention], conditions: list[Mention],
             paragraph: "ParagraphCitation") -> SentenceClaim:
    sentence = text[start:end]
    claim = SentenceClaim(index, start, end, sentence, conditions=conditions, paragraph=paragraph)
    approval = p.APPROVAL.search(sentence)
    not_approved = p.NOT_APPROVED.search(sentence)
    claim.approval = bool(approval or not_approved)
    if approval:
        claim.approval_span = (start + approval.start(), start + approval.end())
    elif not_approved:
        claim.approval_span = (start + not_approved.start(), start + not_approved.end())
    claim.negated = bool(not_approved)
    claim.hedged = bool(p.HEDGE.search(sentence))
    year = p.YEAR.search(sentence)
    claim.year = int(year.group()) if year else None
    claim.present = bool(p.PRESENT_PERFECT.search(sentence) or p.PRESENT.search(sentence))
    claim.historical = claim.year is not None and bool(p.PAST.search(sentence)) and not _present_near_approval(sentence)
    claim.cited = cites(sentence)
    if not claim.approval and not drugs and not conditions:
        return claim  # a research or guideline sentence: the approval details below do not apply
    claim.acknowledges_change = bool(p.ACKNOWLEDGES_CHANGE.search(sentence))
    claim.monotherapy = bool(p.MONOTHERAPY.search(sentence))
    subjects, prior = _split_prior(text, start, drugs)
    claim.regimens = _regimens(kb, text, sentence, subjects, allow_union=not claim.monotherapy)
    if not claim.approval:
        # only an availability claim ("you can still buy ranitidine") is judged without approval
        # wording; exclusivity, "none approved", drug classes and the line of treatment are not
        claim.available = bool(p.AVAILABLE.search(sentence)) and not p.NOT_AVAILABLE.search(sentence)
        return claim
    claim.exclusive_denied = bool(p.EXCLUSIVE_DENIED.search(sentence))
    claim.exclusive = bool(p.EXCLUSIVE.search(sentence)) and not claim.exclusive_denied
    claim.none_approved = bool(p.NONE_APPROVED.search(sentence))
    if claim.none_approved:
        claim.negated = False  # "no drug is approved" is a claim about the field, handled on its own
    claim.classes = frozenset(name for regex, name in p.CLASS_WORDS if regex.search(sentence))
    if p.FIRST_LINE.search(sentence):
        claim.line = "first"
    elif prior or p.LATER_LINE.search(sentence):
        claim.line = "later"
    return claim


def _present_near_approval(sentence: str) -> bool:
    """A present form governs the claim: 'has been approved since 2017', 'remains approved'."""
    return bool(re.search(
        r"\b(?:is|are|remains?|stays?|still|currently|now)\b(?:\s+[\w-]+){0,3}\s+(?:fda[- ])?(?:approv|clear|authori|indicat|licen)"
        r"|\b(?:has|have)\s+(?:\w+\s+){0,3}?(?:approv|clear|authori|been|gained|received|won|earned|full)"
        r"|\b(?:is|are)\s+(?:an?\s+)?(?:\w+\s+){0,3}?fda[- ]approved", sentence, re.IGNORECASE))


def _split_prior(text: str, sentence_start: int, drugs: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Drugs named as earlier treatment ('after sorafenib') are context, not the claim's subject."""
    subjects, prior = [], []
    for mention in drugs:
        before = text[max(sentence_start, mention.start - 60):mention.start]
        (prior if p.PRIOR_CONTEXT.search(before) else subjects).append(mention)
    return subjects, prior


def _regimens(kb: KnowledgeBase, text: str, sentence: str, mentions: list[Mention],
              allow_union: bool = True) -> list[Regimen]:
    """Group drug mentions into regimens: 'A plus B' is one, 'A and B are approved' two."""
    merged: list[Mention] = []
    for mention in mentions:  # 'Zydelig (idelalisib)': the same drug named twice
        if merged and merged[-1].id == mention.id and p.SAME_DRUG_LINK.match(text[merged[-1].end:mention.start] or " "):
            merged[-1] = Mention(mention.id, merged[-1].start, mention.end)
        elif merged and merged[-1].id == mention.id:
            continue
        else:
            merged.append(mention)
    groups: list[list[Mention]] = []
    for mention in merged:
        link = text[groups[-1][-1].end:mention.start] if groups else ""
        if groups and p.COMBINATION_LINK.match(link) and not re.match(r"^\s*(?:and|,)\s*$", link, re.I):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    regimens = [Regimen(frozenset(m.id for m in g), g[0].start, g[-1].end) for g in groups]
    everything = frozenset(m.id for m in merged)
    if allow_union and len(everything) > 1 and p.COMBINATION_CUE.search(sentence):
        known = {i.regimen for i in kb.indications}
        if everything in known and all(r.drugs != everything for r in regimens):
            return [Regimen(everything, merged[0].start, merged[-1].end)]
    return regimens
