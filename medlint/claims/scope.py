"""Where a claim's words belong: clauses, and the cues that change what a predicate asserts.

The blank spaCy pipeline gives no parse, so the claim model works on one sentence with rules in
the manner of ConText (negation, hypothetical and historical cues with a scope): a predicate
("is approved", "recommends") owns the clause it stands in, and a cue counts only inside that
clause. Every function here is pure text in, offsets and words out.
"""

from __future__ import annotations

import re
from typing import Iterable
from dataclasses import dataclass

from .lazyre import lazy_compile
from . import patterns as p
from ..engine.prefilter import fold
from .cues import cue

I = re.IGNORECASE

#: Clause boundaries. "Strong" ones separate what the two sides say (contrast, cause, a new
#: sentence within the sentence); "weak" ones open a relative or appositive part that still
#: describes something on the left ("nivolumab, which is approved ...", "Opdivo: approved ...").
_STRONG = (r"\s*;\s*|,?\s+but\s+|,?\s+(?:whereas|while|although|though|because)\s+|,\s+however,?\s+"
           r"|,?\s+since\s+(?!(?:19|20)\d\d|then\b|its?\b|their\b|the\s+(?:19|20)\d\d)"
           r"|,\s+and\s+(?=(?:it|they|he|she|we|you|this|that|these|those|the\s+(?:fda|agency|drug|company|task\s+force|panel)|"
           r"[A-Z][\w-]+\s+(?:is|are|was|were|has|have|had|will|can|may|remains?))\b)"
           r"|,\s+(?:so|yet)\s+")
_WEAK = (r"\s*:\s+|\s+(?:--|\u2014|\u2013|-)\s+|\u2014|,\s+(?:which|who|whose|where)\s+|\s+\(\s*(?=which\b)"
         # "Makena was approved in 2011 and remains on the market": a second predicate, same subject
         r"|,?\s+and\s+(?=(?:(?:still|also|now|later|then)\s+)?(?:remains?|is|are|was|were|has|have|had|stays?|"
         r"continues?|became|won|got|gained|received)\b)")
BOUNDARY = lazy_compile(f"(?:{_STRONG})|(?P<weak>{_WEAK})")


@dataclass(frozen=True)
class Clause:
    start: int  # sentence offsets
    end: int
    strong_left: bool  # opened by a strong boundary (or the sentence start when False and start is 0)
    #: opened by a relative pronoun: its subject is the noun just before ("nivolumab, which is ...")
    relative: bool = False


_RELATIVE = lazy_compile(r"(?:,|\()\s*(?:which|who|whose)\b|,?\s*and$")


def clauses(sentence: str) -> list[Clause]:
    """The sentence cut at clause boundaries; the boundary text belongs to no clause."""
    found, start, strong, relative = [], 0, False, False
    for match in BOUNDARY.finditer(sentence):
        if match.start() == 0:
            continue
        found.append(Clause(start, match.start(), strong, relative))
        start, strong = match.end(), match.group("weak") is None
        relative = _RELATIVE.match(match.group().strip() + " " + sentence[match.end():match.end() + 6]) is not None \
            or _RELATIVE.match(match.group().strip()) is not None
    found.append(Clause(start, len(sentence), strong, relative))
    return [c for c in found if c.end > c.start]


def clause_at(parts: list[Clause], offset: int) -> int:
    for index, clause in enumerate(parts):
        if clause.start <= offset < clause.end:
            return index
    for index, clause in enumerate(parts):  # an offset inside a boundary: the clause after it
        if offset < clause.start:
            return index
    return len(parts) - 1


# -- predicates ------------------------------------------------------------------------------

#: Approval wording, formal and informal. "FDA panel backs" and "advisers voted for" are not
#: approvals: they are handled as hedges below.
APPROVAL = cue(
    r"\b(?:fda[- ])?(?:approv(?:ed|al|als|es|e|ing)|clear(?:ed|ance)|authori[sz](?:ed|ation)|licen[sc]ed|indicated)\b"
    r"|\bgreen[- ]?(?:light(?:ed|s)?|lit)\b|\bok(?:'d|'ed|ayed|ays|ed)\b|\bo\.k\.(?:'?d)?(?=\s)"
    r"|\b(?:gave|given|gives|give|got|gets|get|won|wins|win|received?|receives)\s+(?:\w+\s+){0,2}?(?:nod|go-ahead|thumbs[- ]up)\b"
    r"|\b(?:has|have|had|holds?)\s+(?:the\s+)?(?:fda'?s?\s+|agency'?s\s+|regulators'?\s+)?(?:nod|go-ahead|blessing|thumbs[- ]up)\b"
    r"|\bsign(?:ed|s)? off on\b", I)

EXPERIMENTAL = cue(
    r"\bstill\s+(?:an?\s+)?(?:experimental|investigational|unapproved|in (?:clinical )?(?:trials|testing|development)|being (?:tested|studied))"
    r"|\b(?:only|just) (?:available|offered|given) (?:in|through|as part of) (?:a )?clinical (?:trials?|studies|study)"
    r"|\bawait(?:s|ing)? (?:an? )?(?:fda |full |formal |regulatory |final )?(?:approval|decision)"
    r"|\bunapproved\b|\binvestigational\b"
    r"|\bexperimental,?\s+(?:[\w-]+,?\s+){0,2}?(?:drug|treatment|therapy|option|medicine|medication|pill|vaccine|antibody|injection)s?\b"
    # "(gemtuzumab), if special approval is given": available only by exception, so not approved
    r"|\b(?:(?:if|unless|when|with|after) )?special (?:approval|permission)\b|\bcompassionate use\b", I)

#: A pending application, said of today: "under FDA review", "the FDA is reviewing", "the FDA will
#: decide by ...". Once the drug is approved, it is as outdated as "not yet approved".
PENDING = cue(
    r"\bunder (?:fda |priority |regulatory |accelerated |expedited |standard )?review\b"
    r"|\b(?:is|are) (?:now |currently )?being reviewed by (?:the )?(?:fda|food and drug administration|regulators)\b"
    r"|\b(?:fda|food and drug administration|agency|regulators?)\s+(?:is|are)\s+(?:now |currently )?"
    r"(?:reviewing|considering|evaluating|weighing)\b"
    r"|\b(?:fda|food and drug administration|agency|regulators?)\s+(?:will|is expected to|is set to|is due to|expects to|plans to)\s+"
    r"(?:decide|rule|make (?:a|its) (?:final )?decision|issue (?:a|its) decision|act)\b"
    r"|\bpending (?:fda |regulatory )?(?:approval|review|decision)\b"
    r"|\b(?:fda|regulatory|approval) decision (?:is )?(?:due|expected)\b", I)

#: A hoped-for approval ("if approved, X would ...", "could win approval", "the FDA appears likely
#: to approve X"): it says X is not approved yet, but only as a guess, so it can only warn
PROSPECT = cue(
    r"\bif (?:it is |it's |they are )?(?:approved|cleared|authori[sz]ed)\b|\bif (?:fda )?approval is (?:granted|given)\b"
    r"|\b(?:could|may|might|(?:is|are|appears?|seems?) (?:likely|poised|set) to|hopes? to)\s+(?:soon\s+)?"
    r"(?:receive|get|win|gain|earn|secure)\s+(?:\w+\s+){0,2}?(?:approval|nod|go-ahead|green light)\b"
    r"|\b(?:fda|food and drug administration|agency|regulators?)\s+(?:\(fda\)\s+)?(?:could|may|might|(?:appears|seems|is) likely to)\s+"
    r"(?:decide|rule|approve|act)\b"
    r"|\bpdufa (?:action |goal |target )?date\b", I)

#: words one of which every EXPERIMENTAL, PENDING or PROSPECT match holds
_EXPERIMENTAL_CUES = ("still", "available", "offered", "given", "await", "approv", "investigational", "experimental",
                      "special", "compassionate")
_PENDING_CUES = ("review", "consider", "evaluat", "weigh", "decide", "decision", "pending", "will rule", "to rule",
                 "will act", "to act")
_PROSPECT_CUES = ("if ", "could", "may", "might", "likely", "poised", "set to", "hope", "pdufa")

#: Negation cues before a predicate, in its clause: "not", "has not won", "is yet to be", "without"
NEGATION = lazy_compile(
    r"(?:\b(?:not|never|no longer|yet to|without|lacks?|lacking|neither|nor|failed to|fails to|denied|refused)\b|n't\b)"
    r"(?:[\s,]+(?:yet|been|be|being|currently|fully|officially|formally|legally|an?|the|any|its|their|fda|fda's|"
    r"u\.?s\.?|federal|regulatory|marketing|full|formal|final|accelerated|yet|even|so far|to|win|won|get|got|gotten|"
    r"gain|gained|receive|received|earn|earned|obtain|obtained|secure|secured|given|granted|seek|sought|"
    r"sold|available|widely|generally|approved|cleared|licensed|on|for))*[\s,]*$", I)
PSEUDO_NEGATION = lazy_compile(r"\bnot (?:only|just|necessarily|surprisingly|clear|known|sure|certain)\b|\bno doubt\b|"
                             r"\bwhether or not\b", I)
#: "rejected", "turned down", a complete response letter: the agency said no
REFUSAL = lazy_compile(r"\b(?:reject(?:ed|s)?|turned down|declined to approve|refused to approve|denied approval|"
                     r"complete response letter)\b", I)

#: Modality cues in the clause: hedged, hypothetical or future statements assert nothing yet
HEDGE = lazy_compile(
    r"(?-i:\bmay\b)|\b(?:might|could(?!\s+not\b)|would|will|shall|expected to|expects? to|hope[sd]? to|plans? to|likely to|poised to|"
    r"set to|going to|(?:if|once|unless|when|until) (?:[\w-]+ ){0,3}?(?:fda[- ])?(?:approved|approval|authori[sz]ation|clearance)|"
    r"if (?:the )?fda (?:approves|grants)|(?:not |un)clear (?:whether|if)|whether|pending|seek(?:s|ing)?|sought|applied for|appl(?:y|ies) for|"
    r"submitted|filed for|under (?:fda |priority |accelerated )?review|being reviewed|reviewing|on track|awaits? a decision|"
    r"decision (?:is )?(?:due|expected)|hopefully|potential(?:ly)?)\b", I)
#: An advisory panel's vote is advice to the FDA, not an approval
PANEL = lazy_compile(r"\b(?:advisory (?:committee|panel)|advis[eo]rs? (?:voted|backed|recommended)|"
                   r"panel (?:voted|backed|recommended)|voted (?:in favou?r|to recommend))\b", I)

#: Someone else's words, reported as news: "Merck said Thursday the CDC has recommended ..."
REPORTED = lazy_compile(r"\b(?:said|says|announced|announces|reported|stated|told|noted|explained|added|wrote|claimed|argued|"
                      r"insisted|predicted|according to (?:a |the )?(?:company|manufacturer|maker|press release|statement))\b", I)

#: The sentence reports a claim in order to correct it
DISPUTED = lazy_compile(
    r"\b(?:myths?|false(?:ly)?(?![- ](?:positive|negative))|untrue|not true|incorrect(?:ly)?|wrong(?:ly)?|mistaken(?:ly)?|misleading(?:ly)?|"
    r"rumou?rs?|misconceptions?|hoax|contrary to|erroneous(?:ly)?|misinformation)\b", I)

#: Words that tell the change was already mentioned: "was withdrawn", "until 2021", "no longer sold"
ACKNOWLEDGES_CHANGE = lazy_compile(
    r"\b(?:withdr[ae]wn?|withdraw(?:s|ing|al)?|pulled|revok(?:e|es|ed|ing)|rescind\w*|removed from|taken off|lost (?:its|their|the)|"
    r"no longer (?:approved|available|sold|marketed|on the market|used|offered|given|an option)|discontinued|"
    r"(?:was|were) later|later (?:withdrawn|pulled|revoked|removed|dropped)|since then|has since|have since|"
    r"until (?:19|20)\d\d|was replaced|were replaced|superseded|reversed|at the time|back then|then-)", I)

# -- time ------------------------------------------------------------------------------------

YEAR = lazy_compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
WORD = lazy_compile(r"[A-Za-z][\w'.-]*")
#: "since 2017", "as of 2020", "through 2030": a year that does not date the event as past
YEAR_NOT_DATING = lazy_compile(r"\b(?:since|as of|through|until|till|by|before|after)\s+(?:\w+\s+)?(?:19|20)\d\d\b", I)
#: nouns after "approved" that make it an attribute ("the FDA approved drug"), not a verb
ATTRIBUTE_NOUN = lazy_compile(r"^\s*(?:drugs?|medicines?|medications?|treatments?|therap(?:y|ies)|vaccines?|devices?|products?|"
                            r"options?|uses?|indications?|doses?|labels?|versions?|generics?|alternatives?|tests?|"
                            r"regimens?|combinations?|agents?|inhibitors?)\b", I)

# -- agency ----------------------------------------------------------------------------------

FOREIGN = lazy_compile(
    r"\b(?:European Medicines Agency|EMA|European Commission|European Union|EU|Europe|European regulators?|CHMP|"
    r"Health Canada|Canada|Canadian|MHRA|NICE|NHS|(?:the\s+)?UK|U\.K\.|United Kingdom|Britain|British|England|English regulators?|"
    r"Scotland|Scottish|Wales|Ireland|Irish|TGA|Australia|Australian|New Zealand|Medsafe|Japan|Japanese|PMDA|China|Chinese|NMPA|"
    r"India|Indian|Korea|Korean|Germany|German|France|French|Italy|Italian|Spain|Spanish|Sweden|Swedish|Norway|Norwegian|"
    r"Denmark|Danish|Finland|Finnish|Netherlands|Dutch|Switzerland|Swiss|Swissmedic|Israel|Israeli|Brazil|Brazilian|ANVISA|"
    r"Mexico|Russia|Russian|Singapore|Taiwan|Hong Kong|World Health Organi[sz]ation|WHO)\b")
US = lazy_compile(r"\b(?:FDA|Food and Drug Administration|U\.\s?S\.|US|USA|United States|America|American|federal)\b")
#: "approved in 44 countries", "worldwide": not a US statement alone
ELSEWHERE = lazy_compile(r"\b(?:in|across) (?:\d+|many|several|other|some) (?:other )?countries\b|\boverseas\b|\babroad\b|"
                       r"\boutside (?:the )?(?:U\.?S\.?|United States)\b|\bworldwide\b|\belsewhere\b", I)

# -- indications -----------------------------------------------------------------------------

#: A condition-like word the knowledge base may not know; when the claim's clause names one and
#: no known condition, the knowledge base cannot decide which use the sentence is about.
DISEASE = lazy_compile(
    r"\b(?!(?:diagnos|prognos|hypnos|dos)\w*\b)(?:\w{3,}(?:omas?|itis|a?emias?|osis|opathy|opathies|plasias?)|cancers?|tumou?rs?|"
    r"diseases?|disorders?|syndromes?|infections?|diabetes|obesity|overweight|weight[- ](?:loss|management|control)|"
    r"pain|depression|asthma|failure|insomnia|migraines?|hypertension|high blood pressure|cholesterol|heartburn|reflux|"
    r"ulcers?|covid(?:-19)?|coronavirus|hiv|aids|hepatitis|influenza|flu|malaria|epilepsy|seizures?|alzheimer'?s|"
    r"parkinson'?s|dementia|psoriasis|eczema|acne|lupus|sclerosis|schizophrenia|adhd|autism|anxiety|addiction|"
    r"dependence|nausea|vomiting|conditions?|illness(?:es)?|symptoms?|metasta\w+|malignanc\w+|neoplasms?|"
    r"glioblastoma|leukaemia|lice|scabies|shingles|smoking cessation|erectile dysfunction|menopaus\w*|"
    r"osteoporosis|stroke|sepsis)\b", I)
#: Uses that are not a condition: "approved for sale", "for use in the US"
POPULATION = lazy_compile(
    r"\b(?:children|child|kids?|pediatric|paediatric|adolescents?|teens?|teenagers?|infants?|babies|newborns?|toddlers?|"
    r"pregnan\w+|breastfeeding|older adults|elderly|seniors|girls|boys|young (?:people|adults|women|men)|"
    r"(?:people|patients|adults) (?:over|under|older than|younger than) \d+|ages? \d+|aged \d+)\b", I)

THIS_USE = lazy_compile(r"\bfor (?:this|that|these|those|such)\b|\b(?:this|that) (?:use|purpose|indication|condition|way)\b|\boff[- ]label\b", I)

# -- guidelines ------------------------------------------------------------------------------

#: A recommendation predicate: who should be screened or vaccinated, from what age
RECOMMENDATION = lazy_compile(
    r"\b(?:recommend(?:s|ed|ing|ation|ations)?|advis(?:e|es|ed|ing)|advice|should|guidelines?|guidance|"
    r"eligib(?:le|ility)|qualif(?:y|ies|ied)|need(?:s)? (?:to|a|an|the|one|regular|routine)|it'?s time|"
    r"(?:start|begin|get|have|be|getting|having|starting|beginning)\s+(?:\w+\s+){0,2}?(?:screen\w*|tested|vaccinated|"
    r"checked|mammograms?|colonoscop\w+|low-dose ct|shots?|vaccines?|the vaccine)|routine(?:ly)?|"
    r"(?:screen\w*|testing|mammograms?|vaccination|colonoscop\w+)\s+(?:\w+\s+)?(?:starts?|begins?|is for|are for|for (?:adults|women|men|people|everyone|anyone|all))|"
    r"starts?\s+at|begins?\s+at|cover(?:s|ed)?|too old|call(?:s)? for|urge[sd]?)\b", I)
RECOMMENDATION_PAST = lazy_compile(
    r"\b(?:recommended|advised|suggested|concluded|reaffirmed|said|urged|called for|endorsed|proposed)\b", I)
#: The sentence tells that the advice changed, or what it used to be: it states no outdated advice
GUIDELINE_CHANGED = lazy_compile(
    r"\b(?:used to|previously (?:recommended|advised|suggested|approved|licensed|set|started|began|was|were|had)|"
    r"formerly|former|originally|initially|no longer|was lowered|were lowered|lowered|"
    r"lower(?:s|ing)? (?:the )?(?:\w+ )?ages?|raised the|changed|updated|proposed|draft|"
    r"(?:old(?:er)?|earlier|prior|previous|original) (?:guidelines?|recommendations?|advice|rules?|standards?)|"
    r"until (?:19|20)\d\d|before (?:19|20)\d\d|from \d\d to \d\d|(?:\d+|one|two|five|ten) years? (?:earlier|later|sooner)|"
    r"replac\w+|supersed\w+|expanded|now (?:recommends?|advises?|says?)|rather than|instead of)\b", I)
#: A sentence that counts, measures or describes a study is not advice, whatever ages it names
NOT_ADVICE = lazy_compile(
    r"%|\bpercent\b|\bper cent\b|\brates?\b|\bup[- ]to[- ]date\b|\bmade up\b|\bproportion\b|\bnumber of\b|\bfewer than\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:in|out of) (?:\w+)\b|\b(?:half|third|quarter|fifth|majority) of\b|"
    r"\b(?:never|ever|not|already) (?:been )?(?:screened|tested|vaccinated)\b|"
    r"\bstud(?:y|ies|ied)\b|\btrials?\b|\bparticipants?\b|\benroll\w*|\brandomi[sz]\w*|\bcohort\b|\bsurvey\w*\b|"
    r"\b(?:radiation|effective|absorbed) doses?\b|\bdoses? of radiation\b|\btimes (?:the|as|more|less|higher|lower)\b|"
    r"\bmillisieverts?\b|\bmSv\b|\bradiation\b|"
    r"\bsensitivity\b|\bspecificity\b|\baccura\w+|\bdetect(?:s|ed)?\b|\bfound\b|\bmissed\b|\bfalse[- ]positive|"
    r"\bdiagnosed\b|\bdied\b|\bdeaths?\b|\bsurviv\w+|\bincidence\b|\bprevalence\b|\bmortality\b|\bcases\b|"
    r"\bwere (?:screened|tested|vaccinated)\b|\bhad (?:a|been|had|ever)\b|\breported\b|\bdata\b|\banaly[sz]\w+", I)
#: What limits a label's age range ("too old to get the HPV vaccine after 26"), besides approval wording
LABEL_LIMIT = lazy_compile(r"\btoo old\b|\bcan(?:'t|not| not| no longer) (?:get|have|receive)\b|"
                         r"\b(?:not|isn't|aren't) (?:eligible|allowed|available)\b|\bonly (?:for|up to|available)\b", I)
#: A named US body that is not the one a guideline entry records; its advice may differ
OTHER_BODY = lazy_compile(
    r"\b(?:American Cancer Society|ACS|American College of \w+(?: \w+)?|ACP|ACOG|AAFP|American Academy of \w+(?: \w+)?|"
    r"NCCN|National Comprehensive Cancer Network|American Gastroenterological Association|AGA|ACR|"
    r"American Society of \w+(?: \w+)?|Multi-Society Task Force|American Urological Association|AUA|"
    r"American Geriatrics Society|Canadian Task Force|insurers?|Medicare|Medicaid)\b")


# -- predicates of a sentence -------------------------------------------------------------------

def find_predicates(sentence: str, has_drugs: bool, folded: str | None = None) -> list[tuple[str, re.Match[str]]]:
    """Approval, not-yet-approved and (when a drug is named) availability predicates, in order.
    ``folded``: ``prefilter.fold(sentence)``, when the caller has it."""
    if folded is None:
        folded = fold(sentence)
    found = [("approval", m) for m in APPROVAL.finditer(sentence, folded=folded) if _is_approval_use(sentence, m)]
    lowered = folded.__contains__  # the patterns below are long; most sentences lack all their words
    if any(map(lowered, _EXPERIMENTAL_CUES)):
        found += [("experimental", m) for m in EXPERIMENTAL.finditer(sentence, folded=folded)
                  if not _OF_OTHERS.search(sentence, max(0, m.start() - 30), m.start())]
    if any(map(lowered, _PENDING_CUES)):  # "pending FDA approval": one pending predicate
        found = _over(found, "pending", PENDING.finditer(sentence, folded=folded), yields_to=("experimental",))
    if any(map(lowered, _PROSPECT_CUES)):  # "if approved": the approval word is part of the guess
        found = _over(found, "prospect", PROSPECT.finditer(sentence, folded=folded), yields_to=("experimental", "pending"))
    if has_drugs:  # "Gemtuzumab is not available in the US unless special approval is given"
        found += [("available", m) for m in p.AVAILABLE.finditer(sentence, folded=folded)]
    found.sort(key=lambda pair: pair[1].start())
    return found


def _over(found: list[tuple[str, re.Match[str]]], kind: str, matches: Iterable[re.Match[str]],
          yields_to: tuple[str, ...]) -> list[tuple[str, re.Match[str]]]:
    """Add predicates of ``kind`` that overlap none of the kinds they yield to, and drop the
    predicates they contain (the approval word of "pending FDA approval")."""
    new = [m for m in matches
           if not any(m.start() < other.end() and other.start() < m.end() for k, other in found if k in yields_to)]
    if not new:
        return found
    kept = [(k, m) for k, m in found if not any(q.start() <= m.start() and m.end() <= q.end() for q in new)]
    return kept + [(kind, m) for m in new]


_NOT_REGULATORY = lazy_compile(
    r"^(?:indicated|indicates?)\s+(?:that|a|an|the|by|how|what|whether|in (?:the|a|this))\b"
    r"|^(?:cleared?|clearance)\s+(?:up|away|out|of|the|your|their|his|her|from|a|an|in|within|after)\b"
    r"|^licen[sc]ed\s+(?:practical|vocational|clinical|professional|nurses?|doctors?|physicians?|providers?|"
    r"pharmacists?|therapists?|counsel\w+|dietitians?|social|health|mental|psychologists?|child|day|home|facilit\w+|to practi[cs]e)\b",
    re.I)


def _is_approval_use(sentence: str, match: re.Match[str]) -> bool:
    return (_NOT_REGULATORY.match(sentence[match.start():match.start() + 60]) is None
            and not _OF_OTHERS.search(sentence, max(0, match.start() - 30), match.start()))


#: "other approved indications", "other investigational medicines": the predicate is about others
_OF_OTHERS = lazy_compile(r"\b(?:other|another|additional|further|remaining)\s+(?:[\w-]+\s+)?$", re.I)
