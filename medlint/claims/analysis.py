"""The claim model: for each approval predicate of a sentence, what is said about which product.

A sentence with approval wording ("is approved", "won FDA approval", "OK'd", "not yet
approved", "still experimental", "is available") gives one claim per clause that holds such a
predicate. Each claim fills slots from the words of that clause only: the products it is about
(its subject or object, not every drug in the sentence), the conditions and population of the
use, the agency, polarity, modality and time. Every slot keeps the words that gave it, so a
finding can show why (``SentenceClaim.explain``). What a slot could not settle (the product
named only in an earlier sentence, a tense the words do not tell, reported speech) the verdicts
turn into something for the reader to check: a warning, never an error.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..engine.prefilter import fold
from .lazyre import lazy_compile
from . import patterns as p
from . import scope as s
from .kb import KnowledgeBase
from .products import ANAPHOR, near, products_outside, regimens, split_prior
from .slots import Mention, Regimen, Slot
from .tense import PAST_TIMES, time_of

if TYPE_CHECKING:
    from ..engine.context import LintContext

DRUG_KEY = "kb:drug:"
CONDITION_KEY = "kb:cond:"
NOT_DRUG_KEY = "kb:not-drug:"
LEXICON_KEY = "lexicon:drug"  # names from an imported Drugs@FDA lexicon (recognition only)
LEXICON_PREFIX = "lexicon:"
INDEX_PREFIX = "index:"  # products of the approval index (rules/kb/approvals.tsv), found per sentence
TRIGGER_KEY = "claims:trigger"  # trigger words and guideline topic words, registered by the rules


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


def cites(text: str, folded: str | None = None) -> bool:
    """Whether ``text`` cites something (``patterns.CITATION``). Every form of citation holds a
    bracket or one of ``CITATION_CUES``; most sentences hold neither, and a substring test is
    many times cheaper than the pattern. ``folded``: ``prefilter.fold(text)``, when known."""
    if folded is None:
        folded = fold(text)  # the pattern ignores case the way re does: "ı" and "İ" are "i"
    if "(" not in text and "[" not in text:
        if not any(map(folded.__contains__, p.CITATION_CUES)):
            return False
    return p.CITATION.search(text, folded=folded) is not None


#: modality values under which a clause asserts nothing
NOT_ASSERTED = frozenset({"hedged", "question", "disputed"})


@dataclass
class SentenceClaim:
    block: int
    start: int
    end: int
    text: str  # the whole sentence
    regimens: list[Regimen] = field(default_factory=list)
    conditions: list[Mention] = field(default_factory=list)
    approval: bool = False
    exclusive: bool = False
    exclusive_denied: bool = False
    none_approved: bool = False
    year: int | None = None
    paragraph: "ParagraphCitation | None" = None
    acknowledges_change: bool = False
    line: str | None = None
    monotherapy: bool = False
    classes: frozenset[str] = frozenset()
    approval_span: tuple[int, int] | None = None
    available: bool = False  # "you can buy ranitidine": an availability claim
    #: the first claim of its sentence carries the sentence-level checks (citations, guidelines)
    primary: bool = True
    clause: tuple[int, int] = (0, 0)  # block offsets of the predicate's clause
    predicate: Slot | None = None
    agency: Slot = Slot("US")
    polarity: Slot = Slot("affirmed")
    modality: Slot = Slot("asserted")
    time: Slot = Slot("unknown")
    #: how the products were found: in the clause, as a list item's label, as the subject named
    #: earlier in the sentence, or in the previous sentence (an inference: never an error)
    products_from: str = "clause"
    other_conditions: tuple[str, ...] = ()  # condition-like words the knowledge base does not know
    population: str | None = None
    #: "X is not available in the US": judged like "not approved" when nothing narrows it
    unavailable: bool = False
    #: "early" (adjuvant, after surgery) or "advanced" (metastatic, progressed) disease, when said
    stage: str | None = None
    #: a list item's introducing paragraph, and the heading of the section: they can name the
    #: topic of a sentence ("## Colorectal cancer screening" / "Screening starts at 50.")
    lead_in: str = ""
    heading: str = ""
    #: the sentence as ``prefilter.fold`` gives it, for the literal tests of the verdicts' patterns
    folded: str = field(default="", repr=False, compare=False)
    #: whether the sentence cites something: ``cited`` decides it on first ask (few claims need it)
    _cited: bool | None = field(default=None, repr=False, compare=False)

    @property
    def cited(self) -> bool:
        if self._cited is None:
            self._cited = cites(self.text, self.folded or None)
        return self._cited

    @property
    def condition_ids(self) -> list[str]:
        return [m.id for m in self.conditions]

    @property
    def paragraph_cited(self) -> bool:
        return self.paragraph is not None and self.paragraph.cited

    @property
    def negated(self) -> bool:
        return self.polarity.value == "negated"

    @property
    def hedged(self) -> bool:
        return self.modality.value in NOT_ASSERTED or self.time.value == "future"

    @property
    def present(self) -> bool:
        return self.time.value == "present"

    @property
    def historical(self) -> bool:
        return self.time.value in PAST_TIMES

    @property
    def foreign(self) -> bool:
        return self.agency.value not in ("US", "FDA")

    @property
    def positive(self) -> bool:
        return self.approval and not self.negated and not self.hedged

    def clause_text(self) -> str:
        return self.text[self.clause[0] - self.start:self.clause[1] - self.start]

    def explain(self, kb: KnowledgeBase, block_text: str) -> dict[str, Any]:
        """The slots and the words that filled them, for a finding's evidence."""
        products = [{"id": d, "name": kb.drugs[d].generic if d in kb.drugs else d.split(":", 1)[-1],
                     "words": block_text[r.start:r.end]} for r in self.regimens for d in sorted(r.drugs)]
        found: dict[str, Any] = {
            "predicate": self.predicate.as_json() if self.predicate else None,
            "products": products,
            "products_from": self.products_from,
            "conditions": [{"id": m.id, "words": block_text[m.start:m.end]} for m in self.conditions],
            "agency": self.agency.as_json(),
            "polarity": self.polarity.as_json(),
            "modality": self.modality.as_json(),
            "time": self.time.as_json(),
        }
        if self.line:
            found["line_of_therapy"] = self.line
        if self.population:
            found["population"] = self.population
        if self.other_conditions:
            found["other_conditions"] = list(self.other_conditions)
        return found


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
    blocks = ctx.blocks
    lead: str | None = None  # the paragraph that introduces the list items after it
    previous: tuple[int, str, list[Mention]] | None = None  # the block before, for "these medicines"
    lead_triggered = False  # whether that paragraph has a trigger word: then every item is read
    for index, block in enumerate(blocks):
        # plain text often sets a list's items as short paragraphs after "... recommended for:"
        item = block.kind == "list_item" or (
            block.kind == "paragraph" and lead is not None and lead.rstrip().endswith(":")
            and len(block.text) <= _ITEM_LENGTH and not block.text.rstrip().endswith(":"))
        if not item:
            lead = block.text if block.kind == "paragraph" and _introduces_list(block.text) else None
            lead_triggered = lead is not None and TRIGGER_KEY in ctx.matches(index)
        if id(block) in references:
            continue
        text = block.text
        if block.is_heading and not _answered_question(text, blocks, index):
            continue
        matches = ctx.matches(index)
        # cheap signals decide which sentences deserve the full analysis
        hits = [start for start, _ in matches.get(TRIGGER_KEY, ())]
        if "%" in text:
            hits += [m.start() for m in p.PERCENT.finditer(text)]
        hits += p.ratio_starts(text)  # "3 in 10": number words ("one in four") are trigger phrases
        if not entity_keys.isdisjoint(matches):
            drugs, conditions = _entities(matches, text)
            hits += [m.start for m in drugs + conditions]
        else:
            drugs, conditions = [], []
        before = previous if previous and previous[0] == index - 1 else None
        previous = (index, text, drugs)
        if item and lead_triggered:
            hits.append(0)  # "CDC recommends PPSV23 for:" / "- All adults 65 years or older"
        if not hits:
            continue
        hits.sort()
        paragraph = ParagraphCitation(text, bool(block.links))
        sentences = ctx.sentences(index)
        every = item and lead_triggered
        for number, (start, end) in enumerate(sentences):
            # a sentence is read when a hit stands in it, or in the lead-in of the inline list it
            # is an item of ("... may include the following: - X. - Y."); the hits before its end:
            reach = bisect_left(hits, end)
            if not reach and not every:
                continue
            inline = _inline_lead(text, start)
            if not every and hits[reach - 1] < (inline[0] if inline else start):
                continue
            if number + 1 < len(sentences):
                following = text[sentences[number + 1][0]:sentences[number + 1][1]]
            else:
                following = blocks[index + 1].text[:80] if index + 1 < len(blocks) else ""
            lead_in = text[inline[0]:inline[1]] if inline else (lead if item else None)
            around = _Around(text, start, drugs, following, lead_in,
                             _heading(block), before[1:] if before and number == 0 else None)
            claims.extend(_analyse(kb, index, text, start, end, around,
                                   [m for m in drugs if start <= m.start < end],
                                   [m for m in conditions if start <= m.start < end],
                                   paragraph))
    return claims


#: the longest paragraph still read as an item of the list a colon opened (plain text)
_ITEM_LENGTH = 200
_BULLETS = "-\u2022*"
_BULLET_BEFORE = lazy_compile(r"\s[-\u2022*]\s*$")
_INLINE_ITEMS = lazy_compile(r"(?:\s*[-\u2022*]\s[^:]*)*\s*")


def _inline_lead(text: str, start: int) -> tuple[int, int] | None:
    """For a sentence that is an inline bullet ("- Histone deacetylase inhibitor therapy with
    panobinostat."), the span of the sentence whose colon opened the list, when only bullets stand
    between them; None otherwise."""
    # the bullet opens the sentence, or closes the one before ("... with rituximab. - Panobinostat ...");
    # plain string tests first: this runs for every sentence of a paragraph with a claim cue
    head = text[start:start + 2]
    if not (len(head) == 2 and head[0] in _BULLETS and head[1].isspace()):
        # _BULLET_BEFORE needs a bullet as the window's last character but white space
        last = text[max(0, start - 8):start].rstrip()[-1:]
        if not last or last not in _BULLETS or not _BULLET_BEFORE.search(text, max(0, start - 8), start):
            return None
    colon = text.rfind(":", 0, start)
    if colon < 0 or not _INLINE_ITEMS.fullmatch(text, colon + 1, start):
        return None
    opening = max(text.rfind(". ", 0, colon), text.rfind("? ", 0, colon)) + 1
    return opening, colon + 1


def _introduces_list(text: str) -> bool:
    """A paragraph that ends in a colon, or with no full stop ("Treatment may include"), leads
    into the list after it."""
    end = text.rstrip()[-1:]
    return end == ":" or (end.isalnum() and len(text) < 300)


def _heading(block) -> str:  # noqa: ANN001 (a document Block)
    section = block.section
    while section is not None and section.heading is None:
        section = section.parent
    return section.heading.label if section is not None and section.heading is not None else ""


ANSWER = lazy_compile(r"^\W*(?P<yes>yes|yep|yeah|correct|that's right)\b|^\W*(?P<no>no|nope|not yet|not anymore|not any more)\b", re.I)


def _answered_question(text: str, blocks: list, index: int) -> bool:
    """A question heading answered with yes or no by the paragraph after it."""
    return (text.rstrip().endswith("?") and index + 1 < len(blocks) and not blocks[index + 1].is_heading
            and ANSWER.match(blocks[index + 1].text) is not None)


@dataclass
class _Around:
    """What a claim may need from outside its sentence."""

    block_text: str
    sentence_start: int
    block_drugs: list[Mention]
    following: str  # the next sentence, or the start of the next block
    lead_in: str | None = None  # a list item's introducing paragraph
    heading: str = ""  # the heading of the section the sentence stands in
    #: for a block's first sentence, the block just before it (its text and drugs)
    previous_block: tuple[str, list[Mention]] | None = None

    def previous_products(self) -> list[Mention]:
        """The drugs of the sentence before: in this block, or at the end of the block before.
        Their offsets are those of the block they stand in; callers only read their ids."""
        text, drugs, end = self.block_text, self.block_drugs, self.sentence_start
        if not [m for m in drugs if m.end <= end] and self.previous_block:
            text, drugs = self.previous_block
            end = len(text)
        before = [m for m in drugs if m.end <= end]
        if not before:
            return []
        last_start = text.rfind(". ", 0, before[-1].start) + 1
        return [m for m in before if m.start >= last_start]

    def paragraph_foreign(self) -> str | None:
        found = s.FOREIGN.search(self.block_text)
        return found.group() if found else None


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


# -- one sentence ------------------------------------------------------------------------------

def _analyse(kb: KnowledgeBase, index: int, text: str, start: int, end: int, around: _Around,
             drugs: list[Mention], conditions: list[Mention],
             paragraph: "ParagraphCitation") -> list[SentenceClaim]:
    sentence = text[start:end]
    folded = fold(sentence)  # for the literal tests of every pattern read on the sentence
    year = s.YEAR.search(sentence) if "19" in sentence or "20" in sentence else None
    base = dict(block=index, start=start, end=end, text=sentence, paragraph=paragraph,
                year=int(year.group()) if year else None)
    base.update(lead_in=around.lead_in or "", heading=around.heading, folded=folded)
    predicates = s.find_predicates(sentence, bool(drugs), folded)
    if predicates and (_MAY_DENY.search(sentence) or any(k in _NOT_YET for k, _ in predicates)):
        named = index_mentions(text, start, end, drugs)
        if named:
            drugs = sorted(drugs + named, key=lambda m: m.start)
    if not predicates:
        if drugs and around.lead_in:
            return [_list_item_claim(kb, text, start, end, base, around, drugs, conditions)]
        return [SentenceClaim(**base, conditions=conditions, clause=(start, end))]
    parts = s.clauses(sentence)
    by_clause: dict[int, list[tuple[str, re.Match[str]]]] = {}
    for kind, match in predicates:
        by_clause.setdefault(s.clause_at(parts, match.start()), []).append((kind, match))
    claims: list[SentenceClaim] = []
    for number in sorted(by_clause):
        # of several predicates of a kind in one clause, the claim is the one a product stands
        # next to: "inhibitors that are prescribed for GERD ... ranitidine is the only remedy".
        # An approval and an offer in one clause are two claims ("Gemtuzumab is not available
        # in the US unless special approval is given"); the verdicts keep the surer of the two.
        for group in (("approval", "experimental", "pending", "prospect"), ("available",)):
            found = [pair for pair in by_clause[number] if pair[0] in group]
            if not found:
                continue
            kind, match = next((pair for pair in found if near(sentence, start, drugs, pair[1])), found[0])
            claim = SentenceClaim(**base, primary=not claims)
            _fill(claim, kb, text, sentence, parts, number, kind, match, drugs, conditions, around)
            claims.append(claim)
    return claims


#: words without which a sentence cannot say a product is unapproved or pending: only such
#: sentences look for names in the approval index
_MAY_DENY = lazy_compile(r"\b(?:not|never|yet|unapproved|experimental|investigational|review\w*|decide|decision|"
                       r"pending|await\w*|trials?|special)\b|n't\b", re.I)
_NOT_YET = frozenset({"experimental", "pending", "prospect"})
_NAME_WORD = lazy_compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")


def index_mentions(text: str, start: int, end: int, taken: list[Mention]) -> list[Mention]:
    """Products of the approval index named in text[start:end], outside the mentions already
    found: the longest name (up to four words) at each word; a brand name only with its capital."""
    from ..kb.approvals import load_index

    index = load_index()
    words = list(_NAME_WORD.finditer(text, start, end))
    found: list[Mention] = []
    at = 0
    while at < len(words):
        for size in (4, 3, 2, 1):
            if at + size > len(words):
                continue
            first, last = words[at].start(), words[at + size - 1].end()
            span = text[first:last]
            if size > 1 and "  " in span or any(c in span for c in ",;:.()"):
                continue
            hit = index.lookup(span)
            if hit is None or (hit[1] and not (span[0].isupper() and _alone(text, words, at, size, start))):
                continue
            if any(m.start < last and first < m.end for m in taken):
                continue
            found.append(Mention(INDEX_PREFIX + hit[0].key, first, last))
            at += size - 1
            break
        at += 1
    return found


def _alone(text: str, words: list[re.Match[str]], at: int, size: int, start: int) -> bool:
    """A capitalised brand that is not part of a longer name: "Moonlight Sonata" is music. An
    acronym or a possessive before it ("FDA", "Pfizer's") and a sentence's first word do not count."""
    before = words[at - 1].group() if at > 0 else ""
    after = words[at + size] if at + size < len(words) else None
    if after is not None and after.group()[0].isupper() and not after.group().isupper() \
            and text[words[at + size - 1].end():after.start()] == " ":
        return False
    return not (before and before[0].isupper() and not before.isupper() and not before.endswith(("'s", "\u2019s"))
                and words[at - 1].start() > start and text[words[at - 1].end():words[at].start()] == " ")


#: a lead-in that offers the items after it: "... and may include one or more of the following:"
LIST_OFFER = lazy_compile(r"\b(?:may |can |might |also |usually |often )?(?:include|includes|including)\b[^.:]{0,40}:\s*$", re.I)


def _list_item_claim(kb: KnowledgeBase, text: str, start: int, end: int, base: dict, around: _Around,
                     drugs: list[Mention], conditions: list[Mention]) -> SentenceClaim:
    """A list item with no predicate of its own takes its lead-in's: "The FDA has approved
    these drugs for HCC:" / "- Opdivo (nivolumab), after sorafenib". Its products are the item's."""
    lead = re.split(r"(?<=[.!?])\s+", (around.lead_in or "").strip())[-1]  # the sentence that opens the list
    claim = SentenceClaim(**base, clause=(start, end))
    predicates = s.find_predicates(lead, True)
    offer = LIST_OFFER.search(lead)
    if offer and not p.NOT_AN_OFFER.search(lead):  # "Treatment may include one or more of the following:"
        predicates.append(("available", offer))
    if not predicates:
        return claim
    kind, match = predicates[-1]
    parts = s.clauses(lead)
    number = s.clause_at(parts, match.start())
    lead_around = _Around(lead, 0, [], "", None, around.heading)
    _fill(claim, kb, lead, lead, parts, number, kind, match, [], [], lead_around)
    claim.start, claim.end, claim.text = start, end, text[start:end]
    claim.clause = (start, end)
    if kind == "available" and p.NOT_AN_OFFER.search(lead):
        claim.available = False
    subjects, prior = split_prior(text, start, drugs)
    claim.regimens = regimens(kb, text, claim.text, subjects)
    claim.products_from = "list-lead-in"
    claim.conditions = conditions
    claim.other_conditions = _other_conditions(text, s.Clause(0, end - start, False), start, conditions)
    claim.approval_span = (subjects[0].start, subjects[0].end) if subjects else (start, end)
    if prior or p.LATER_LINE.search(claim.text):
        claim.line = "later"
    elif p.FIRST_LINE.search(claim.text):
        claim.line = "first"
    return claim


def _fill(claim: SentenceClaim, kb: KnowledgeBase, text: str, sentence: str, parts: list[s.Clause],
          number: int, kind: str, match: re.Match[str], drugs: list[Mention], conditions: list[Mention],
          around: _Around) -> None:
    clause = parts[number]
    offset = claim.start
    claim.clause = (offset + clause.start, offset + clause.end)
    clause_text = sentence[clause.start:clause.end]
    pstart, pend = match.start(), match.end()
    claim.predicate = Slot(kind, match.group())
    claim.approval = kind != "available"
    claim.approval_span = (offset + pstart, offset + pend)
    in_clause = [m for m in drugs if clause.start <= m.start - offset < clause.end]
    if kind == "available":  # "... prescribed for GERD, we think ranitidine is ...": bind to the nearest
        in_clause = near(sentence, offset, in_clause, match) or in_clause
    if kind == "pending":  # "the FDA will decide on X": the product it reviews, not earlier treatment
        subjects, prior = in_clause, []
    else:
        subjects, prior = split_prior(text, offset + clause.start, in_clause)
    claim.products_from = "clause"
    if not subjects:
        subjects, claim.products_from = products_outside(text, sentence, offset, parts, number, drugs,
                                                               around.previous_products)
    claim.monotherapy = bool(p.MONOTHERAPY.search(clause_text))
    claim.regimens = regimens(kb, text, clause_text, subjects, allow_union=not claim.monotherapy)
    last = _list_continuation(sentence, parts, number)
    if last > number:  # the uses listed after semicolons belong to this predicate
        parts = parts[:number] + [s.Clause(clause.start, parts[last].end, clause.strong_left, clause.relative)] \
            + parts[last + 1:]
    claim.conditions = _clause_conditions(conditions, parts, number, offset)
    claim.other_conditions = _other_conditions(text, clause, offset, claim.conditions)
    population = s.POPULATION.search(clause_text, pend - clause.start if pend > clause.start else 0)
    claim.population = population.group() if population else None
    claim.acknowledges_change = bool(s.ACKNOWLEDGES_CHANGE.search(sentence))
    claim.agency = _agency(sentence, clause_text, around)
    claim.modality = _modality(sentence, clause, pstart, pend, around)
    claim.time = time_of(sentence, clause, pstart, pend)
    claim.polarity = _polarity(kind, sentence, clause, pstart, pend)
    if kind in ("pending", "prospect") and claim.time.value != "past":  # "the FDA will decide": a status today
        claim.time = Slot("present", match.group())
        if kind == "prospect":  # the guess is the claim: asserted, and only ever a warning
            claim.modality = Slot("asserted")
    elif kind == "experimental" and claim.time.value == "unknown" and _APPOSITIVE.search(sentence, 0, pstart):
        claim.time = Slot("present", match.group())  # "lecanemab, an experimental drug, ..."
    elif kind == "experimental" and claim.time.value == "unknown" and (copula := _COPULA.search(sentence, 0, pstart)):
        past = copula.group(1).lower() in ("was", "were")  # "X is a novel investigational inhibitor"
        claim.time = Slot("past" if past else "present", copula.group(1))
    elif kind == "experimental" and claim.time.value == "unknown" and _ATTRIBUTIVE.search(sentence, 0, pstart):
        verb = _MAIN_VERB.search(sentence, pend, clause.end)  # "the experimental drug X is being hailed"
        if verb:
            claim.time = Slot("past" if verb.group(1).lower() in ("was", "were", "had") else "present", verb.group(1))
    if claim.modality.value == "answered":
        claim.modality, claim.time = _answer(claim, around)
    if claim.products_from == "previous-sentence":  # point at the words that refer back ("it", "these medicines")
        anaphor = ANAPHOR.match(sentence, clause.start) or ANAPHOR.match(sentence)
        if anaphor:
            for regimen in claim.regimens:
                regimen.start, regimen.end = offset + anaphor.start(1), offset + anaphor.end(1)
    if kind == "available":
        negated = claim.negated or bool(p.NOT_AVAILABLE.search(clause_text))
        claim.available = not negated and not p.NOT_AN_OFFER.search(clause_text)
        # "not available in the United States": drug level; "not available over the counter" is not
        claim.unavailable = negated and re.match(r"\s*(?:in the (?:U\.?S\.?|United States)\b|anymore\b|any longer\b|$|[.;,])",
                                                  sentence[pend:clause.end], re.I) is not None
        if claim.unavailable:
            claim.polarity = Slot("negated", claim.polarity.words or match.group())
        return
    claim.exclusive_denied = bool(p.EXCLUSIVE_DENIED.search(clause_text))
    if claim.exclusive_denied and claim.negated and re.search(r"\b(?:only|sole)\b", claim.polarity.words, re.I):
        claim.polarity = Slot("affirmed")  # "no longer the only approved drug": the negation is of "only"
    claim.exclusive = bool(p.EXCLUSIVE.search(clause_text)) and not claim.exclusive_denied
    claim.none_approved = bool(p.NONE_APPROVED.search(clause_text))
    if claim.none_approved:  # "no drug is approved" is a claim about the field, handled on its own
        claim.polarity = Slot("affirmed")
    claim.classes = frozenset(name for regex, name in p.CLASS_WORDS if regex.search(clause_text))
    claim.stage = _stage(clause_text)
    if p.FIRST_LINE.search(clause_text):
        claim.line = "first"
    elif prior or p.LATER_LINE.search(clause_text):
        claim.line = "later"


_ATTRIBUTIVE = lazy_compile(r"(?:^|\b(?:the|an?|its|their|his|her|this|that)|'s|\u2019s)\s+(?:[\w-]+\s+){0,2}$", re.I)
_COPULA = lazy_compile(r"\b(is|are|remains|was|were)\s+(?:still\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_MAIN_VERB = lazy_compile(r"\b(is|are|has|have|remains|was|were|had)\b", re.I)
_APPOSITIVE = lazy_compile(r"[,(\u2013\u2014]\s*(?:an?|the|still an?)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ADVANCED = lazy_compile(r"\b(?:advanced|metastatic|unresectable|progress\w*|spread|stage (?:iv|4))\b", re.I)
_EARLY = lazy_compile(r"\b(?:adjuvant|neoadjuvant|perioperative|after (?:surgery|cystectomy|resection)|early[- ]stage|"
                    r"muscle[- ]invasive|resectable|resected)\b", re.I)


def _stage(text: str) -> str | None:
    early, advanced = _EARLY.search(text), _ADVANCED.search(text)
    if early and not advanced:
        return "early"
    if advanced and not early:
        return "advanced"
    return None


def _clause_conditions(conditions: list[Mention], parts: list[s.Clause], number: int, offset: int) -> list[Mention]:
    """The conditions of the predicate's clause; when it names none, those of the clauses around
    it up to a strong boundary ("For liver cancer, the options are: nivolumab, approved ...")."""
    clause = parts[number]
    inside = [m for m in conditions if clause.start <= m.start - offset < clause.end]
    if inside:
        return inside
    low, high = number, number
    while low > 0 and not parts[low].strong_left:
        low -= 1
    while high + 1 < len(parts) and not parts[high + 1].strong_left:
        high += 1
    return [m for m in conditions if parts[low].start <= m.start - offset < parts[high].end]


def _list_continuation(sentence: str, parts: list[s.Clause], number: int) -> int:
    """The last clause of a list of uses that continues the predicate's clause after semicolons
    ("approved for relapsed CLL ...; relapsed follicular lymphoma ...; ..."): clauses with no verb."""
    high = number
    while high + 1 < len(parts) and sentence[parts[high].end:parts[high + 1].start].strip() == ";" \
            and not _FINITE_VERB.search(sentence, parts[high + 1].start, parts[high + 1].end):
        high += 1
    return high


_FINITE_VERB = lazy_compile(r"\b(?:is|are|was|were|has|have|had|can|could|will|would|may|might|should|does|do|did|"
                          r"remains?|became|won|got|gained|received)\b", re.I)


def _other_conditions(text: str, clause: s.Clause, offset: int, known: list[Mention]) -> tuple[str, ...]:
    found = []
    for match in s.DISEASE.finditer(text, offset + clause.start, offset + clause.end):
        if not any(m.start <= match.start() < m.end for m in known):
            found.append(match.group())
    return tuple(found)


def _agency(sentence: str, clause_text: str, around: _Around) -> Slot:
    """FDA (named), US (named or implied), or the foreign agency or country the text names."""
    us = s.US.search(clause_text)
    foreign = s.FOREIGN.search(clause_text) or s.ELSEWHERE.search(clause_text)
    if foreign and not us:
        return Slot("foreign", foreign.group())
    if us:
        return Slot("FDA" if re.match(r"fda|food", us.group(), re.I) else "US", us.group())
    if s.US.search(sentence):
        return Slot("US", s.US.search(sentence).group())
    foreign = s.FOREIGN.search(sentence) or s.ELSEWHERE.search(sentence)
    if foreign:
        return Slot("foreign", foreign.group())
    named = around.paragraph_foreign()
    if named:
        return Slot("foreign", named)
    return Slot("US")


def _modality(sentence: str, clause: s.Clause, pstart: int, pend: int, around: _Around) -> Slot:
    """A cue counts when it opens before the predicate, in its clause ("could be approved",
    "if approved"); one inside the predicate is part of it ("may still be used")."""
    disputed = s.DISPUTED.search(sentence)
    if disputed:
        return Slot("disputed", disputed.group())
    if sentence.rstrip().endswith("?"):
        if ANSWER.match(around.following or ""):
            return Slot("answered", "?")
        return Slot("question", "?")
    hedge = s.HEDGE.search(sentence, clause.start, max(pend, clause.start))
    if hedge and hedge.start() < pstart:
        return Slot("hedged", hedge.group())
    panel = s.PANEL.search(sentence, clause.start, clause.end)
    if panel:
        return Slot("hedged", panel.group())
    reported = s.REPORTED.search(sentence, 0, pstart)
    if reported:
        return Slot("reported", reported.group())
    return Slot("asserted")


def _answer(claim: SentenceClaim, around: _Around) -> tuple[Slot, Slot]:
    """A question answered in the next sentence: "Is X approved for Y? Yes." asserts it."""
    answer = ANSWER.match(around.following)
    assert answer is not None  # _modality checked it
    words = answer.group().strip()
    if answer.group("no"):
        claim.polarity = Slot("affirmed" if claim.negated else "negated", words)
    opening = re.match(r"\W*(is|are|has|have|does|do|can|was|were|did|will)\b", claim.text, re.I)
    tense = (opening.group(1).lower() if opening else "")
    time = {"was": "past", "were": "past", "did": "past", "will": "future"}.get(tense, "present")
    return Slot("asserted", f"answered: {words}"), Slot(time, opening.group(1) if opening else "")


def _polarity(kind: str, sentence: str, clause: s.Clause, pstart: int, pend: int) -> Slot:
    if kind in ("experimental", "pending", "prospect"):
        return Slot("negated", sentence[pstart:pend])
    before = sentence[clause.start:pstart]
    cue = s.NEGATION.search(before)
    if cue and not s.PSEUDO_NEGATION.search(before[cue.start():]):
        return Slot("negated", cue.group().strip())
    after = sentence[pend:clause.end]
    late = re.match(r"\s+(?:\w+\s+){0,3}?(?:was|were|is|are|has|have|had)\s+(not|never)\b|\s+(?:is|are)\s+(?:not|no longer)\b", after, re.I)
    if late:
        return Slot("negated", late.group().strip())
    refusal = s.REFUSAL.search(sentence, clause.start, clause.end)
    if refusal:
        return Slot("negated", refusal.group())
    return Slot("affirmed")


# -- time --------------------------------------------------------------------------------------

# -- products ----------------------------------------------------------------------------------

