"""Wording the claim extractor recognises. Regexes run on one sentence at a time."""

from __future__ import annotations

import re

from .cues import cue
from .lazyre import lazy_compile

I = re.IGNORECASE

#: Cheap first pass: a sentence without one of these words (matched by the shared phrase matcher,
#: with their inflections), a ratio, a per cent sign, a guideline topic word, or a drug or condition
#: name makes no claim the checker can judge, so the expensive patterns below never run on it.
TRIGGER_WORDS = (
    "approve", "approval", "unapproved", "cleared", "clearance", "authorize", "authorise", "authorization",
    "authorisation", "licensed", "indicated", "experimental", "investigational", "trial", "study", "studies",
    "research", "evidence", "scientist", "expert", "data", "proven", "percent", "per cent", "million",
    "billion", "thousand", "rate", "incidence", "prevalence", "mortality", "death", "case", "half", "third",
    "quarter", "according", "double", "triple", "halve", "halves", "cause", "times", "green light",
    "green-light", "link", "tie", "associate", "connect", "rise", "rising", "fall", "falling", "improve",
    "review", "decide", "decision", "pending", "await",
)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TRIGGER_WORDS += tuple(f"{n} {w}" for n in _NUMBER_WORDS for w in ("in", "out of"))
PERCENT = lazy_compile("%")
RATIO = lazy_compile(r"\b\d+\s+(?:in|out of)\s", re.IGNORECASE)
#: RATIO from its last digit on: a pattern that opens with a character class is scanned for it in
#: C, while RATIO's opening \b is tried at every position of the text
_RATIO_TAIL = lazy_compile(r"\d\s+(?:in|out of)\s", re.IGNORECASE)


def ratio_starts(text: str) -> list[int]:
    """Where ``RATIO``'s matches in ``text`` start: a word of digits only ("3", not "covid19")
    followed by "in" or "out of". ``str.isdecimal`` and ``isalnum`` are ``\\d`` and ``\\w`` less "_"."""
    # most paragraphs hold no digit: ten one-character searches (memchr) say so faster than a regex;
    # only an ASCII text's digits are all among them
    if text.isascii() and not any(map(text.__contains__, "0123456789")):
        return []
    found = []
    for match in _RATIO_TAIL.finditer(text):
        start = match.start()
        while start and text[start - 1].isdecimal():
            start -= 1
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before == "_"):
            found.append(start)
    return found





EXCLUSIVE = lazy_compile(
    r"\b(?:the only|only (?:fda[- ])?approved|first[- ]and[- ]only|the sole|sole (?:fda[- ])?approved|"
    r"no other|one and only)\b", I)

EXCLUSIVE_DENIED = lazy_compile(r"\b(?:no longer|not|isn't|aren't|never|nor)\s+(?:the\s+|an?\s+)?(?:only|sole)\b", I)

NONE_APPROVED = lazy_compile(
    r"\b(?:no(?!\s+longer\b)|none of the|not a single|not one)\b(?:\s+[\w-]+){0,6}?\s+"
    r"(?:(?:is|are|has|have)\s+(?:yet\s+)?(?:been\s+)?)?(?:fda[- ])?(?:approved|cleared)\b"
    r"|\bthere (?:is|are) no (?:fda[- ])?approved\b", I)


CITATION = cue(
    r"\[\s*\d+(?:\s*[,\u2013-]\s*\d+)*\s*\]|\[\^?\w+\]"
    r"|\(\s*(?:[A-Z][\w'&.-]*,?\s+){1,6}(?:et al\.?,?\s+)?(?:19|20)\d{2}[a-z]?\s*\)"
    r"|\(\s*[A-Z][\w'-]+\s+et al\.?,?\s+(?:19|20)\d{2}[a-z]?\s*\)"
    r"|\((?:[^()]*\b(?:FDA|CDC|NIH|NCI|WHO|USPSTF|ACIP|label|prescribing information)\b[^()]*(?:19|20)\d{2}[^()]*)\)"
    r"|https?://|\bdoi:|\bsource:|\bsources:|\bpublished (?:in|by)\b|\bjournal\b|\bthe lancet\b|\bnejm\b|\bjama\b"
    r"|<sup>|\u00b9|\u00b2|\u00b3", I)

#: Besides a bracket, every alternative of CITATION holds one of these (case-folded); the
#: tests check the pair agree on every sentence of the corpora
CITATION_CUES = ("http", "doi:", "source", "published", "journal", "lancet", "nejm", "jama", "<sup>",
                 "\u00b9", "\u00b2", "\u00b3")

RESEARCH_CLAIM = cue(
    r"\b(?:studies|research|trials?|data|evidence|scientists|researchers|experts)\s+(?:\w+\s+){0,2}?"
    r"(?:show|shows|showed|shown|prove|proves|proved|proven|suggest|suggests|found|find|finds|confirm|confirms|"
    r"demonstrate\w*|reveal\w*|linked|link|links|tied|tie|ties|associated|connected)\b"
    r"|\baccording to (?:recent |new )?(?:research|studies|a study|experts|scientists|data)\b"
    r"|\b(?:rates?|incidence|prevalence|mortality|deaths|cases)\s+(?:[\w-]+\s+){0,6}?(?:have|has|are|is)\s+(?:been\s+)?"
    r"(?:rising|falling|increasing|decreasing|improv\w*|climb\w*|drop\w*|declin\w*|going up|going down|grow\w*|doubl\w*)\b"
    r"|\b(?:up to |more than |about |nearly |almost |over )?(?:half|a third|a quarter|two-thirds|one-third|three-quarters|one in \w+)"
    r" of (?:all )?(?:patients|people|adults|children|cases|women|men|americans|those)\b"
    r"|\b(?:clinically|scientifically) proven\b|\bproven to\b"
    r"|\b\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+(?:\d+|ten|five|four|three|a hundred|a thousand|every)\b"
    r"|\b(?:leading|most common|second most common|number one|top) causes? of\b"
    r"|\b\d+(?:\.\d+)?\s*times (?:more|less|as) (?:likely|common)\b"
    r"|\b(?:doubles?|triples?|halves) (?:the|your) (?:risk|chance)\b"
    r"|\b(?:\d[\d,.]*|one|two|three|several) (?:million|billion|thousand) (?:people|americans|adults|cases|deaths)\b", I)
NOT_RESEARCH = lazy_compile(r"\b(?:age[sd]?|aged|years? old|mg|ml|milligrams?|minutes?|hours?|days?|weeks?|pack[- ]years?)\b", I)

LATER_LINE = lazy_compile(
    r"\bpreviously treated\b|\bprevious(?:ly)? (?:received|had|been treated|taken|tried)\b"
    r"|\balready (?:been treated|received|had|taken|tried|used|gone through)\b"
    r"|\b(?:after|following) (?:[\w-]+[ -]){0,4}?(?:treatments?|therapy|therapies|chemo\w*|platinum\w*|lines?|regimens?|systemic|drugs?|immunotherapy)\b"
    r"|\b(?:heavily )?pre-?treated\b"
    r"|\bprogress(?:ed|ion|es|ing)?\b|\b(?:second|third|fourth|later)[- ]line\b|\b(?:relapsed|refractory|recurrent)\b"
    r"|\b(?:come|came|comes) back\b|\b(?:has|have|who) had\b|\bprior (?:therapy|therapies|treatment|treatments|systemic|lines?|regimens?)\b"
    r"|\bearlier (?:treatments?|lines?|therap\w*|regimens?)\b|\b(?:two|three|2|3|one|1) or more (?:prior |previous |earlier )?(?:lines|therapies|treatments|regimens)\b"
    r"|\bstops? working\b|\bno longer (?:works?|working|responds?|helps?)\b|\bfailed\b|\bresistant to\b|\bafter (?:\w+ ){0,2}stopped\b"
    r"|\bnext treatment\b|\bsecond option\b", I)

FIRST_LINE = lazy_compile(
    r"\bfirst[- ]line\b|\bfront[- ]?line\b|\bfirst (?:treatment|therapy|choice|option|systemic)\b|\binitial (?:treatment|therapy)\b"
    r"|\bnewly diagnosed\b|\b(?:previously )?untreated\b|\bno (?:prior|previous) (?:systemic )?(?:therapy|treatment)\b"
    r"|\b(?:haven't|have not|hasn't|has not|had not|never) (?:yet )?(?:had|received|been given) (?:any )?(?:systemic )?(?:therapy|treatment|drug)"
    r"|\bas a first\b|\bstarting treatment\b|\bfirst-ever\b", I)

MONOTHERAPY = lazy_compile(r"\b(?:alone|on (?:its|their) own|by itself|by themselves|single[- ]agent|as a single agent|monotherapy)\b", I)

PRIOR_CONTEXT = lazy_compile(
    r"\b(?:after|following|post|prior|previous(?:ly)?|treated with|progress\w*\s+(?:on|after|while on|during|with)|"
    r"failed|failing|had|taken|took|received|tried|used|while on|once|than|compared (?:with|to)|versus|vs\.?|"
    r"instead of|beyond|resistant to|intolerant (?:of|to)|on|stopped|including|like|such as|or|"
    r"alternatives? to|replac\w*|unlike|rather than|switch\w* from|stop (?:taking|using)|avoid(?:ing)?|dispose of|"
    r"throw(?:ing)? (?:away|out)|not (?:take|use))"
    r"\s+(?:(?:the|a|an|treatment|therapy|drug|with|both|either)\s+){0,2}$", I)

COMBINATION_LINK = lazy_compile(
    r"^\s*(?:\+|plus|with|and|in combination with|combined with|together with|along with|alongside|"
    r"given with|in addition to|and the|,)\s*$", I)
COMBINATION_CUE = lazy_compile(
    r"\b(?:plus|with|in combination|combined|together|combination|regimen|alongside|in addition to)\b|\+", I)
SAME_DRUG_LINK = lazy_compile(r"^\s*(?:\(|,\s*|/)\s*$|^\s*\)\s*(?:\(|,)?\s*$", I)

CLASS_WORDS = (
    (lazy_compile(r"\bimmunotherap\w*|\bimmune therap\w*", I), "immunotherapy"),
    (lazy_compile(r"\bcheckpoint inhibitor\w*", I), "checkpoint-inhibitor"),
    (lazy_compile(r"\btargeted (?:therap\w*|drugs?|medicines?)", I), "targeted-therapy"),
    (lazy_compile(r"\bkinase inhibitor\w*", I), "kinase-inhibitor"),
)

APPROVED_FOR = lazy_compile(r"\b(?:approved|cleared|authori[sz]ed|indicated)\s+(?:as|for|to|in)\b", I)

AVAILABLE = cue(
    r"\b(?:can|could still|still) (?:buy|get|find|take|use|ask (?:for|about)|pick up|order)\b|\bavailable\b|\bsold\b"
    r"|\bon (?:store |pharmacy )?shelves\b|\bover[- ]the[- ]counter\b|\bprescribed?\b"
    # "ranitidine is the only heartburn remedy you need", "Belviq is a good choice": offered as an option today
    # "CDC recommends Zostavax", "Zostavax may still be used": a product recommended or allowed today
    r"|\brecommend(?:s|ed)?\b(?! (?:starting )?(?:doses?|dosages?|amounts?|daily|schedules?|regimens?))"
    r"|\bshould (?:get|receive|take|use|have)\b"
    r"|\b(?:may|can|could) (?:still )?(?:be )?(?:used?|given|taken|offered|administered)\b"
    r"|\b(?:may|might|can|could) (?:also )?(?:recommend|prescribe|suggest|give|offer|use|try)\b"
    # "panobinostat is used in the treatment of myeloma", "treatment options include X"
    r"|\bused (?:[\w-]+ ){0,6}?(?:to (?:treat|prevent|manage|control|relieve)|for (?:treating|the treatment of)|in the treatment of)\b"
    r"|\b(?:designed|intended|meant) to (?:treat|help|prevent)\b|\b(?:remains?|stays?|is|are|still) (?:\w+ )?on the market\b"
    r"|\b(?:can|may) be (?:prevented|treated|managed|controlled) with\b"
    r"|\b(?:treatments?|therap(?:y|ies)|medications?|medicines?|drugs?|options?|choices?|remed(?:y|ies))\b"
    r"(?:\s+[\w-]+){0,6}?\s+(?:may |can |might |also |usually |often )?include\b"
    r"|\b(?:is|are|remains?)\s+(?:still\s+)?(?:the|an?)\s+(?:[\w-]+\s+){0,3}?(?:remed(?:y|ies)|choices?|options?)\b", I)
#: what a sentence says a product does to harm, or tells readers to avoid: not an offer of it
NOT_AN_OFFER = lazy_compile(r"\b(?:cause[sd]?|causing|side effects?|interact\w*|avoid|should not|shouldn't|don't|do not|"
                          r"risks?|harm\w*|recall\w*|withdr[ae]w\w*|banned|contaminat\w*|impurit\w*|ndma)\b", I)
NOT_AVAILABLE = lazy_compile(
    r"\b(?:no longer|not|never|isn't|aren't|stopped being|can't|cannot|can no longer)\b[^.;]{0,25}"
    r"\b(?:available|sold|buy|get|find|prescribed?)\b", I)
