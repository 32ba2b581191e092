"""The claim rule type: one YAML rule per verdict, all fed by one analysis per document."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..engine.matching import PatternSpec
from ..engine.rule import Rule, SeverityChange, register
from ..finding import Finding, Severity
from .analysis import CONDITION_KEY, DRUG_KEY, LEXICON_KEY, NOT_DRUG_KEY, TRIGGER_KEY, sentence_claims
from .patterns import TRIGGER_WORDS
from .kb import KnowledgeBase, load_kb
from .verdicts import ERRORS, Judge, Verdict

VERDICTS = ("outdated-approval", "superseded-exclusive", "outdated-not-approved", "outdated-guideline",
            "approval-note", "undated-approval", "needs-citation")
_CACHE_KEY = "claims.verdicts"
#: verdicts the judge makes after adding the claim model's open questions: they have none to check
_NEVER_CHECKED = ("outdated-guideline", "undated-approval", "needs-citation")


@register
class ClaimRule(Rule):
    type_name = "claim"
    reads_knowledge_base = True
    fields = ("verdict",)
    placeholders = ()
    scopes = ("sentence",)

    def __init__(self, spec, origin) -> None:
        super().__init__(spec, origin)
        verdict = spec.get("verdict")
        if verdict not in VERDICTS:
            raise self.error("verdict", f"'verdict' must be one of {', '.join(VERDICTS)}")
        self.verdict = verdict

    @property
    def severity_note(self) -> str | None:
        if self.verdict not in ERRORS:
            return None
        if self.verdict == "outdated-guideline":
            return (f"{self.severity} when the sentence recommends the old age today, by the entry's body or "
                    "no named body, with no statistic, study or foreign programme around it; otherwise no "
                    "finding.")
        return (f"{self.severity} only when every part of the claim is resolved (the product, the use, "
                "the agency, that it is asserted and said of today) and the knowledge base decides it. "
                "When the reader must check something (the product is named only in an earlier "
                "sentence, the sentence reports someone's words, the tense is unclear, the population "
                "differs from the withdrawn approval's, a withdrawn use is only what a drug is 'used to "
                "treat'), the finding is a warning and its message says what to check.")

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        if self.severity <= Severity.WARNING or self.verdict in _NEVER_CHECKED:
            return ()
        return (SeverityChange(Severity.WARNING, "the claim leaves something for the reader to check "
                                                 "(the message says what)"),)

    def prepare(self, hub) -> None:
        register_entities(hub, load_kb())
        if hub.drug_lexicon:
            register_lexicon(hub, hub.drug_lexicon, self)

    def check(self, ctx) -> Iterable[Finding]:
        verdicts = ctx.cache.get(_CACHE_KEY)
        if verdicts is None:
            verdicts = ctx.cache[_CACHE_KEY] = analyse(ctx, load_kb())
        for verdict in verdicts:
            if verdict.kind == self.verdict:
                message, severity = verdict.message, None
                if verdict.check:  # the claim model left something open: never an error
                    message += " Check " + "; and ".join(verdict.check) + "."
                    severity = min(self.severity, Severity.WARNING)
                    verdict.evidence["check"] = list(verdict.check)
                yield ctx.finding(self, verdict.block, verdict.start, verdict.end, message,
                                  evidence=verdict.evidence or None, severity=severity)


def analyse(ctx, kb: KnowledgeBase) -> list[Verdict]:
    judge = Judge(kb, ctx.document.metadata)
    kept: dict[tuple[str, int, int, int], Verdict] = {}
    blocks = ctx.blocks
    for claim in sentence_claims(ctx, kb):
        for verdict in judge.judge(claim, blocks[claim.block].text):
            # two claims of one clause can reach the same verdict: keep the one with less to check
            key = (verdict.kind, verdict.block, verdict.start, verdict.end)
            if key not in kept or len(verdict.check) < len(kept[key].check):
                kept[key] = verdict
    return list(kept.values())


def register_entities(hub, kb: KnowledgeBase) -> None:
    """Drug and condition names go into the shared matchers once per rule set."""
    if getattr(hub, "_medlint_kb", None) is kb:
        return
    hub._medlint_kb = kb
    hub.add(TRIGGER_KEY, PatternSpec(list(TRIGGER_WORDS), [], [], ignorecase=True, lemma=True))
    topic_words = [w for g in kb.guidelines for w in g.words]
    if topic_words:
        hub.add(TRIGGER_KEY, PatternSpec(topic_words, [], [], ignorecase=True, lemma=True))
    for drug in kb.drugs.values():
        hub.add(DRUG_KEY + drug.id, PatternSpec(list(drug.names), [], [], ignorecase=True, lemma=False))
        # codes keep their capitals ("MK-3475"); former names are words ("lambrolizumab")
        codes = [n for n in drug.code_names if any(c.isdigit() or c.isupper() for c in n)]
        former = [n for n in drug.code_names if n not in codes]
        if codes:
            hub.add(DRUG_KEY + drug.id, PatternSpec(codes, [], [], ignorecase=False, lemma=False))
        if former:
            hub.add(DRUG_KEY + drug.id, PatternSpec(former, [], [], ignorecase=True, lemma=False))
        if drug.not_names:
            hub.add(NOT_DRUG_KEY + drug.id, PatternSpec(list(drug.not_names), [], [], ignorecase=True, lemma=False))
    for condition in kb.conditions.values():
        names = [condition.name, *condition.synonyms]
        exact = [n for n in names if _abbreviation(n)]
        folded = [n for n in names if not _abbreviation(n)]
        if folded:
            hub.add(CONDITION_KEY + condition.id, PatternSpec(folded, [], [], ignorecase=True, lemma=False))
        if exact:
            hub.add(CONDITION_KEY + condition.id, PatternSpec(exact, [], [], ignorecase=False, lemma=False))


def register_lexicon(hub, path: str, rule: Rule) -> None:
    """Names from an imported Drugs@FDA lexicon: recognised as drugs, never judged by the KB.

    Brand names are matched with their capitals only ("Today" the sponge, not "today").
    """
    if getattr(hub, "_medlint_lexicon", None) == path:
        return
    from ..kb.drugsfda import DrugLexicon, DrugsFDAImportError
    from ..yamlsource import SourceError

    try:
        lexicon = DrugLexicon.load(Path(path))
    except DrugsFDAImportError as exc:
        message = str(exc)  # the importer's messages start with the path already
        raise SourceError(path, None, message.removeprefix(f"{path}: ")) from None
    hub._medlint_lexicon = path
    brands, ingredients = [], []
    for name in lexicon.names():
        record = lexicon.lookup(name)
        if record is not None and name == record.ingredient.lower():
            ingredients.append(name)
        elif len(name) > 3:
            brands.append(name.title())
    hub.add(LEXICON_KEY, PatternSpec(ingredients, [], [], ignorecase=True, lemma=False))
    hub.add(LEXICON_KEY, PatternSpec(brands, [], [], ignorecase=False, lemma=False))


def _abbreviation(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and " " not in name


__all__ = ["ClaimRule", "ERRORS"]
