"""From extracted claims to verdicts, using the knowledge base. Errors only when the KB decides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from ..engine.prefilter import fold
from .lazyre import lazy_compile
from . import patterns as p
from . import scope as s
from .analysis import INDEX_PREFIX, Regimen, SentenceClaim, article_date
from .guidance import GuidelineReading, read_guideline
from .index_verdicts import judge_by_index
from .kb import Event, Guideline, Indication, KnowledgeBase

OUTDATED_APPROVAL = "outdated-approval"
SUPERSEDED_EXCLUSIVE = "superseded-exclusive"
OUTDATED_NOT_APPROVED = "outdated-not-approved"
OUTDATED_GUIDELINE = "outdated-guideline"
APPROVAL_NOTE = "approval-note"
UNDATED_APPROVAL = "undated-approval"
NEEDS_CITATION = "needs-citation"
ERRORS = (OUTDATED_APPROVAL, SUPERSEDED_EXCLUSIVE, OUTDATED_NOT_APPROVED, OUTDATED_GUIDELINE)


@dataclass
class Verdict:
    kind: str
    block: int
    start: int
    end: int
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    #: what a reader must check because the claim model could not resolve it; a verdict with
    #: anything to check is never an error
    check: tuple[str, ...] = ()


class Judge:
    def __init__(self, kb: KnowledgeBase, metadata: dict) -> None:
        self.kb = kb
        self.published = article_date(metadata)
        self._block_text = ""
        #: MARKET_CHANGE per block text: every claim of a paragraph asks about the same paragraph,
        #: and only the few with a product to judge ask at all
        self._tells_change: dict[str, bool] = {}

    # -- naming ------------------------------------------------------------------------------
    def regimen_name(self, drugs: Iterable[str]) -> str:
        return " with ".join(self.kb.drugs[d].generic if d in self.kb.drugs else d.split(":", 1)[-1]
                             for d in sorted(drugs))

    def condition_name(self, condition: str) -> str:
        return self.kb.conditions[condition].name

    def _publication_note(self, change: date) -> str:
        if self.published and self.published < change:
            return f" It was accurate when this article was dated {self.published.isoformat()}."
        return ""

    def _evidence(self, entry: str, event: Event, **extra: Any) -> dict[str, Any]:
        evidence = {"kb_entry": entry, "kb_version": self.kb.version, "event": event.type,
                    "date": event.date.isoformat(), "source": event.source}
        if event.reference:
            evidence["reference"] = event.reference
        if self.published:
            evidence["article_date"] = self.published.isoformat()
        evidence.update(extra)
        return evidence

    # -- the KB questions ----------------------------------------------------------------------
    def candidates(self, regimen: frozenset[str], conditions: list[str], line: str | None,
                   stage: str | None = None) -> list[Indication]:
        return [i for i in self.kb.indications
                if i.regimen == regimen and any(self.kb.related(c, i.condition) for c in conditions)
                and (line is None or i.line is None or i.line == line)
                and (stage is None or i.stage is None or i.stage == stage)
                # an approval in early disease answers no claim about a line of therapy
                and not (i.stage == "early" and line is not None and stage != "early")]

    def most_specific(self, conditions: list[str]) -> list[str]:
        """Drop a condition another one in the list is a kind of: "lymphoplasmacytic lymphoma and
        mantle cell lymphoma" is about mantle cell lymphoma, not every lymphoma."""
        return [c for c in conditions if not any(c in self.kb.ancestors(other) for other in conditions)]

    def still_approved_with(self, drugs: frozenset[str], conditions: list[str]) -> list[Indication]:
        return [i for i in self.kb.indications
                if i.currently_approved and drugs & i.regimen and i.regimen != drugs
                and any(self.kb.related(c, i.condition) for c in conditions)]

    def specific_enough(self, claim: SentenceClaim, indication: Indication) -> bool:
        """The claim names this indication: its condition or a kind of it, or its parent when the
        condition is the usual kind of that parent ("bladder cancer" for urothelial carcinoma);
        and its line of therapy, unless the KB knows the drug's whole history for the condition.
        A broader condition ("certain types of lymphoma") is never enough: the drug may be
        approved for another kind the KB does not list."""
        condition = indication.condition
        exact = any(c == condition or condition in self.kb.ancestors(c) for c in claim.condition_ids)
        usual = self.kb.conditions[condition]
        by_parent = usual.usual_kind and usual.parent in claim.condition_ids
        if (exact or by_parent) and all((d, condition) in self.kb.complete_pairs for d in indication.regimen):
            return True
        line_ok = indication.line is None or claim.line == indication.line
        if exact:
            return line_ok
        return by_parent and indication.line is not None and line_ok

    # -- verdicts ------------------------------------------------------------------------------
    def judge(self, claim: SentenceClaim, block_text: str = "") -> list[Verdict]:
        verdicts: list[Verdict] = []
        self._block_text = block_text
        if not claim.foreign and not claim.hedged:
            if claim.approval:
                verdicts.extend(self._approval(claim))
            elif claim.unavailable and claim.time.value in ("present", "unknown"):
                verdicts.extend(self._not_approved(claim))  # "X is not available in the US"
            elif claim.available and not claim.historical and self._current(claim):
                verdicts.extend(self._offered(claim))
        for verdict in verdicts:
            verdict.check = verdict.check + self._unresolved(claim)
            verdict.evidence.setdefault("claim", claim.explain(self.kb, block_text))
        if claim.primary:
            verdicts.extend(self._guidelines(claim, block_text))
            if not any(v.kind in ERRORS for v in verdicts):
                verdicts.extend(self._undated(claim))
            verdicts.extend(self._citation(claim))
        return verdicts

    def _offered(self, claim: SentenceClaim) -> list[Verdict]:
        """"You can buy ranitidine", "CDC recommends Zostavax", "X is used to treat Y": a product
        offered today. A product off the market decides it; a withdrawn use only warns, since a
        drug may still be used off label for it."""
        found = []
        for regimen in claim.regimens:
            verdict = self._market(claim, regimen)
            if verdict is None:
                verdict = self._withdrawn_indication(claim, regimen)
                if verdict is not None:
                    verdict.check += ("whether the sentence means the drug is approved for this use: its approval "
                                      "for it was withdrawn, though doctors may still use it off label",)
            if verdict is not None:
                found.append(verdict)
        return found

    def _approval(self, claim: SentenceClaim) -> list[Verdict]:
        if claim.none_approved:
            return self._none_approved(claim) if self._current(claim) else []
        if claim.negated:  # "no longer approved" mentions a change, and is what is checked
            return self._not_approved(claim) if claim.time.value in ("present", "unknown") else []
        if claim.historical:
            return self._historical(claim)
        if claim.acknowledges_change or not self._current(claim):
            return []
        found = self._exclusive(claim) if claim.exclusive else []
        return found + self._outdated(claim)

    @staticmethod
    def _current(claim: SentenceClaim) -> bool:
        """Said of today: present, or a form whose tense the model could not tell (a warning)."""
        return claim.time.value in ("present", "unknown") and not claim.acknowledges_change

    @staticmethod
    def _unresolved(claim: SentenceClaim) -> tuple[str, ...]:
        check = []
        if claim.time.value == "unknown":
            check.append("whether the sentence states the approval as current")
        if claim.modality.value == "reported":
            check.append(f"whether the article itself still says this: it reports it ('{claim.modality.words}')")
        if claim.products_from == "previous-sentence":
            check.append("which drug 'it' or 'the drug' refers to (taken from the previous sentence)")
        return tuple(check)

    def _outdated(self, claim: SentenceClaim) -> list[Verdict]:
        found = []
        for regimen in claim.regimens:
            verdict = self._market(claim, regimen) or self._withdrawn_indication(claim, regimen)
            if verdict:
                found.append(verdict)
        return found

    def _paragraph_tells_change(self) -> bool:
        """A paragraph that tells of a recall or withdrawal is not offering the product it removes."""
        text = self._block_text
        found = self._tells_change.get(text)
        if found is None:
            found = self._tells_change[text] = MARKET_CHANGE.search(text) is not None
        return found

    def _market(self, claim: SentenceClaim, regimen: Regimen, kind: str = OUTDATED_APPROVAL) -> Verdict | None:
        if self._paragraph_tells_change():
            return None
        for drug in sorted(regimen.drugs):
            record = self.kb.market.get(drug)
            event = record.off_market if record else None
            check: tuple[str, ...] = ()
            if event is None and record is not None and record.maybe_off_market is not None:
                event = record.maybe_off_market
                check = (f"whether it is still sold: its removal ({event.date.isoformat()}) is not confirmed by "
                         "an official source",)
            if event is None:
                continue
            name = self.kb.drugs[drug]
            brand = f" ({', '.join(name.brands)})" if name.brands else ""
            verb = {"market-withdrawal": "was taken off the US market", "discontinued": "was discontinued",
                    "eua-revoked": "lost its emergency use authorization",
                    "license-suspended": "had its license suspended"}.get(event.type, "was withdrawn")
            if kind == APPROVAL_NOTE:
                message = (f"Later change: {name.generic}{brand} {verb} on {event.date.isoformat()} "
                           f"({record.scope}). Source: {event.source}")
            else:
                message = (f"{name.generic}{brand} is no longer approved or sold in the US: it {verb} on "
                           f"{event.date.isoformat()} ({record.scope}).{self._publication_note(event.date)} "
                           f"Source: {event.source}")
            return Verdict(kind, claim.block, regimen.start, regimen.end, message,
                           self._evidence(record.id, event), check)
        return None

    def _withdrawn_indication(self, claim: SentenceClaim, regimen: Regimen,
                              kind: str = OUTDATED_APPROVAL) -> Verdict | None:
        if not claim.conditions:
            return None
        candidates = self.candidates(regimen.drugs, self.most_specific(claim.condition_ids), claim.line, claim.stage)
        pinned = False
        if kind == APPROVAL_NOTE and claim.year:
            # a dated history sentence names the approval of that year, whatever came later
            same_year = [i for i in candidates if (d := i.approved_on()) and d.year == claim.year]
            candidates, pinned = (same_year, True) if same_year else (candidates, False)
        if not candidates or any(i.currently_approved for i in candidates):
            return None
        ended = [i for i in candidates if i.ended and not i.product_only
                 and (pinned or self.specific_enough(claim, i))]
        if not ended or len(ended) != len([i for i in candidates if not i.product_only]):
            return None  # some candidate is neither current nor clearly over: undecided
        indication = max(ended, key=lambda i: i.ended.date)
        event = indication.ended
        if kind == APPROVAL_NOTE and claim.year and claim.year > event.date.year:
            return None
        check = ()
        if claim.population and not _mentions(indication, claim.population):
            check = (f"whether the population ('{claim.population}') is the one the withdrawn approval covered",)
        still = self.still_approved_with(regimen.drugs, [indication.condition])
        now = self._remains(regimen.drugs, indication.condition, still)
        alone = " on its own" if len(regimen.drugs) == 1 and still else ""
        what = f"{self.regimen_name(regimen.drugs)}{alone}"
        use = self.use_name(indication)
        approved_on = indication.approved_on()
        kind_word = "accelerated approval" if indication.events[0].type == "accelerated-approval" else "approval"
        if kind == APPROVAL_NOTE:
            message = (f"Later change: the {kind_word} of {what} for {use} was withdrawn on "
                       f"{event.date.isoformat()}.{now} Source: {event.source}")
        else:
            message = (f"Outdated: {what} is no longer FDA-approved for {use}; its {kind_word} of "
                       f"{approved_on} was withdrawn on {event.date.isoformat()}.{now}"
                       f"{self._publication_note(event.date)} Source: {event.source}")
        return Verdict(kind, claim.block, regimen.start, regimen.end, message,
                       self._evidence(indication.id, event, approved=str(approved_on),
                                      still_approved=[i.id for i in still]), check)

    def use_name(self, indication: Indication) -> str:
        """'previously treated hepatocellular carcinoma (nivolumab on its own for HCC ...)'"""
        line = {"first": "first-line treatment of ", "later": "previously treated "}.get(indication.line or "", "")
        return f"{line}{self.condition_name(indication.condition)} ({indication.summary})"

    def _remains(self, drugs: frozenset[str], condition: str, still: list[Indication]) -> str:
        if not still:
            return ""
        by_partner: dict[str, list[str]] = {}
        for indication in sorted(still, key=lambda i: i.approved_on() or date.max):
            partners = self.regimen_name(indication.regimen - drugs) or "other drugs"
            by_partner.setdefault(partners, []).append(str(indication.approved_on()))
        parts = [f"with {partners} (approved {', '.join(dates)})" for partners, dates in by_partner.items()]
        return (f" It remains approved for {self.condition_name(condition)} only "
                + " or ".join(parts) + ".")

    def _historical(self, claim: SentenceClaim) -> list[Verdict]:
        if claim.acknowledges_change:
            return []
        found = []
        for regimen in claim.regimens:
            verdict = self._market(claim, regimen, APPROVAL_NOTE) or \
                self._withdrawn_indication(claim, regimen, APPROVAL_NOTE)
            if verdict:
                found.append(verdict)
        return found

    def _not_approved(self, claim: SentenceClaim) -> list[Verdict]:
        found = []
        if claim.population:
            return found  # "not approved for children": the KB does not record populations
        for regimen in claim.regimens:
            if any(d.startswith(INDEX_PREFIX) for d in regimen.drugs):
                outcome = judge_by_index(claim, regimen, self.published, self.kb)
                if outcome is not None:
                    evidence = {"kb_version": self.kb.version, **outcome.evidence}
                    if self.published:
                        evidence["article_date"] = self.published.isoformat()
                    found.append(Verdict(OUTDATED_NOT_APPROVED, claim.block, regimen.start, regimen.end,
                                         outcome.message + self._publication_note(outcome.approved), evidence,
                                         outcome.check))
                continue
            if claim.predicate and claim.predicate.value in ("pending", "prospect"):
                continue  # the curated entries record uses, not applications under review
            if claim.conditions:
                current = [i for i in self.candidates(regimen.drugs, self.most_specific(claim.condition_ids),
                                                      claim.line, claim.stage) if i.currently_approved]
            elif claim.other_conditions or claim.population or s.THIS_USE.search(claim.clause_text()):
                continue  # "not approved for glioblastoma", "for children": a use the KB cannot judge
            elif STUDY_STATUS.search(claim.predicate.words if claim.predicate else ""):
                continue  # "still being studied", "awaiting approval": approved drugs are studied for new uses
            else:  # "X is no longer approved": any current approval that includes X refutes it
                current = [i for i in self.kb.indications if regimen.drugs <= i.regimen and i.currently_approved
                           and not i.product_only]
            if not current:
                continue
            indication = min(current, key=lambda i: i.approved_on() or date.max)
            event = next(e for e in indication.events if e.grants_approval)
            message = (f"Outdated: {self.regimen_name(indication.regimen)} has been FDA-approved for "
                       f"{self.use_name(indication)} since {event.date.isoformat()}."
                       f"{self._publication_note(event.date)} Source: {event.source}")
            found.append(Verdict(OUTDATED_NOT_APPROVED, claim.block, regimen.start, regimen.end, message,
                                 self._evidence(indication.id, event)))
        return found

    def _approvals_for(self, conditions: list[str], line: str | None) -> list[Indication]:
        return [i for i in self.kb.indications if i.currently_approved
                and any(self.kb.related(c, i.condition) for c in conditions)
                and (line is None or i.line is None or i.line == line)]

    def _exclusive(self, claim: SentenceClaim) -> list[Verdict]:
        if not claim.conditions or not claim.regimens:
            return []
        claimed = {r.drugs for r in claim.regimens}
        own_dates = [d for r in claimed for i in self.candidates(r, claim.condition_ids, None)
                     if (d := i.approved_on())]
        own_date = max(own_dates, default=None)  # "A and B are the only ...": true until after both
        others = [i for i in self._approvals_for(claim.condition_ids, claim.line) if i.regimen not in claimed]
        if own_date:
            others = [i for i in others if i.approved_on() and i.approved_on() > own_date]
        if not others:
            return []
        first = min(others, key=lambda i: i.approved_on())
        event = next(e for e in first.events if e.grants_approval)
        listed = "; ".join(f"{self.regimen_name(i.regimen)} ({i.approved_on()})"
                           for i in sorted(others, key=lambda i: i.approved_on())[:4])
        names = " and ".join(self.regimen_name(r) for r in sorted(claimed, key=sorted))
        start, end = claim.regimens[0].start, claim.regimens[-1].end
        message = (f"Superseded: {names} {'is' if len(claimed) == 1 else 'are'} no longer the only approved "
                   f"option for {self.condition_name(first.condition)}; since {event.date.isoformat()} the FDA "
                   f"has also approved {listed}.{self._publication_note(event.date)} Source: {event.source}")
        return [Verdict(SUPERSEDED_EXCLUSIVE, claim.block, start, end, message,
                        self._evidence(first.id, event, others=[i.id for i in others]))]

    def _none_approved(self, claim: SentenceClaim) -> list[Verdict]:
        if not claim.conditions:
            return []
        approvals = self._approvals_for(claim.condition_ids, claim.line)
        if claim.classes:
            every = bool(COMBINATION_OF.search(claim.text))  # "no combination of two immunotherapies"
            test = all if every else any
            approvals = [i for i in approvals if (len(i.regimen) > 1 or not every)
                         and test(claim.classes & self.kb.drugs[d].classes for d in i.regimen)]
        if not approvals:
            return []
        first = min(approvals, key=lambda i: i.approved_on() or date.max)
        event = next(e for e in first.events if e.grants_approval)
        mention = claim.conditions[0]
        message = (f"Superseded: the FDA approved {self.regimen_name(first.regimen)} for {self.use_name(first)} on "
                   f"{event.date.isoformat()}.{self._publication_note(event.date)} Source: {event.source}")
        return [Verdict(SUPERSEDED_EXCLUSIVE, claim.block, mention.start, mention.end, message,
                        self._evidence(first.id, event))]

    def _guidelines(self, claim: SentenceClaim, block_text: str) -> list[Verdict]:
        found: list[Verdict] = []
        text = claim.text
        # the topic may be named by the list's lead-in or the section's heading; the old value
        # must stand in the sentence itself
        topic_text = " ".join(filter(None, (claim.heading, claim.lead_in, text)))
        hint = self.kb.guideline_hint
        if hint is None:
            return found
        # the hint's alternatives are the guidelines' first topic patterns, in order: a guideline
        # whose alternative the text lacks the literals of cannot match its topic
        chosen = hint.chosen(fold(topic_text))
        regex = hint.for_chosen(chosen)
        if regex is None or not regex.search(topic_text) or s.GUIDELINE_CHANGED.search(text):
            return found
        guidelines = self.kb.guidelines
        for guideline in (guidelines[i] for i in chosen):
            if not guideline.confirmed or not all(t.search(topic_text) for t in guideline.topic_patterns):
                continue
            if not any(t.search(text) for t in guideline.topic_patterns) and not claim.lead_in:
                continue  # a heading alone does not put an unrelated sentence on the topic
            old = next((m for r in guideline.old_patterns if (m := r.search(text))), None)
            if old is None or any(r.search(text) or r.search(claim.lead_in) for r in guideline.new_patterns):
                continue
            reading = read_guideline(text, old.start(), old.end(), guideline, block_text, claim.lead_in)
            if reading is not None:
                found.append(self._guideline_verdict(claim, guideline, reading, old.start(), old.end()))
        return found

    def _guideline_verdict(self, claim: SentenceClaim, guideline: Guideline, reading: GuidelineReading,
                           start: int, end: int) -> Verdict:
        body = guideline.body.upper()
        message = (f"Outdated guideline: \"{guideline.old_summary}\" was replaced on {guideline.date.isoformat()} "
                   f"({body}): {guideline.new_summary}.{self._publication_note(guideline.date)} "
                   f"Source: {guideline.source}")
        evidence = {"kb_entry": guideline.id, "kb_version": self.kb.version, "event": "guideline-change",
                    "date": guideline.date.isoformat(), "source": guideline.source, "claim": reading.as_json()}
        if self.published:
            evidence["article_date"] = self.published.isoformat()
        return Verdict(OUTDATED_GUIDELINE, claim.block, claim.start + start, claim.start + end, message, evidence)

    def _undated(self, claim: SentenceClaim) -> list[Verdict]:
        if (not claim.positive or claim.exclusive or claim.exclusive_denied or claim.none_approved
                or claim.historical or claim.foreign or claim.year or claim.cited or claim.paragraph_cited):
            return []
        if not claim.present or claim.approval_span is None:
            return []
        if not (claim.regimens or (p.APPROVED_FOR.search(claim.text) and SUBJECT.search(claim.text))):
            return []
        start, end = claim.approval_span
        return [Verdict(UNDATED_APPROVAL, claim.block, start, end,
                        "Approval claim with no date and no source: say when it was approved and cite the "
                        "FDA label or announcement, so readers and reviewers can check it is still current")]

    def _citation(self, claim: SentenceClaim) -> list[Verdict]:
        for match in p.RESEARCH_CLAIM.finditer(claim.text, folded=claim.folded or None):
            after = claim.text[match.end():match.end() + 12]
            if match.group().strip()[-1:].isdigit() is False and p.NOT_RESEARCH.match(after.strip()):
                continue
            # asked only now, the sentence first: most sentences make no research claim
            if claim.cited or claim.paragraph_cited:
                return []
            return [Verdict(NEEDS_CITATION, claim.block, claim.start + match.start(), claim.start + match.end(),
                            f"'{match.group()}' is a research or statistical claim with no citation in its "
                            "sentence or paragraph; add a reference or link")]
        return []


#: a paragraph that tells the product was recalled, withdrawn or taken off the market
MARKET_CHANGE = lazy_compile(
    r"\brecall(?:s|ed|ing)?\b|\boff (?:the )?(?:market|shelves)\b|\bbanned\b|\bmarket withdrawal\b|\bwithdrawal of\b"
    r"|\b(?:withdr[ae]wn?|withdraw\w*|remov\w*|pull\w*|taken|tak(?:e|es|ing))\s+(?:[\w-]+\s+){0,12}?(?:from|off)\s+"
    r"(?:the\s+)?(?:U\.?S\.?\s+)?(?:market|shelves|sale)\b"
    r"|\bno longer (?:be )?(?:sold|available|marketed|made)\b|\bdiscontinu\w+ (?:the )?(?:sale|production|marketing|manufactur\w*)",
    re.I)

#: a status that says a drug is under study, not that it is unapproved for every use
STUDY_STATUS = lazy_compile(r"trials?|testing|tested|studied|development|await|review|decision", re.I)


def _mentions(indication: Indication, population: str) -> bool:
    """Whether the indication's recorded setting names the population a sentence gives."""
    words = " ".join(filter(None, [indication.population, indication.summary])).lower()
    return population.lower().rstrip("s") in words


COMBINATION_OF = lazy_compile(r"\b(?:combination|pair|two|both)\b", re.IGNORECASE)
SUBJECT = lazy_compile(r"^\s*(?:The\s+)?(?:[A-Z][\w-]+(?:\s+[A-Z0-9][\w-]*)?)\s*(?:\([^)]*\))?\s+"
                     r"(?:is|are|has been|have been|has|have|remains)\b")
