"""The pure core: text in, findings out. The CLI and every integration are shells around it."""

from __future__ import annotations

import contextlib
import functools
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import startup_gc
from .config import Config, Settings
from .document import Block, Document, parse_document
from .engine.context import LintContext
from .engine.hooks import annotate
from .engine.loader import load_rules
from .engine.matching import MatcherHub
from .engine.rule import Rule, RuleSet, selects
from .finding import Finding
from .fingerprint import finding_keys
from .nlp import get_pipeline, memory_zone, pipe
from .severities import configured
from .suppression import Suppressions, unknown_rule_names
from .yamlsource import SourceError

BINARY_SNIFF = 8192


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    metrics: dict[str, Any] = field(default_factory=dict)
    #: one key per finding that survives edits elsewhere in the file (baselines, SARIF)
    keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One file to lint: its path and raw bytes (or already-decoded text)."""

    path: str
    data: bytes | str
    config: Config | None = None


@functools.lru_cache(maxsize=8)
def prepared_rules(rule_dirs: tuple[str, ...] = (), model: str | None = None,
                   drug_lexicon: str | None = None) -> tuple[RuleSet, MatcherHub]:
    """The rule set and the matchers of the process pipeline; rules register when first active."""
    rules = load_rules(rule_dirs)
    hub = MatcherHub(get_pipeline(model), cache_phrases=model is None)
    hub.drug_lexicon = drug_lexicon
    return rules, hub


def prepare(rules: Iterable[Rule], hub: MatcherHub) -> None:
    """Register the patterns of ``rules`` that are not registered yet (a rule that never runs
    never loads its data: the knowledge base, the jargon lexicon)."""
    for rule in rules:
        if rule.id not in hub.prepared:
            rule.prepare(hub)
            hub.prepared.add(rule.id)
    hub.phrase_tokens.save()  # the phrases' tokens, for the next run (a no-op when none were new)
    startup_gc.ready()  # a command's start-up ends with its rules prepared


def check_config_rules(config: Config, rules: RuleSet) -> None:
    """Names in select/ignore/severity/rules must name rules or rule families."""
    for name, line in config.rule_refs:
        if not rules.matches_selector(name):
            raise SourceError(config.path or "<config>", line or None,
                              f"unknown rule or rule family {name!r}")
    for rule_id, key, value, line in config.option_refs:
        rule = rules.get(rule_id)
        if rule is None:
            raise SourceError(config.path or "<config>", line or None,
                              f"rules: {rule_id!r} is not a rule id (options are set per rule)")
        if key not in rule.default_options:
            known = ", ".join(rule.default_options) or "none"
            raise SourceError(config.path or "<config>", line or None,
                              f"rules.{rule_id}: unknown option {key!r} (options: {known})")
        problem = rule.option_problem(key, value) or rule.option_data_problem(key, value)
        if problem:
            raise SourceError(config.path or "<config>", line or None,
                              f"rules.{rule_id}: option {key!r} {problem}, not {value!r}")


def lint(text: str, path: str = "<stdin>", config: Config | None = None, *,
         today: date | None = None) -> list[Finding]:
    """Lint one article given as text."""
    return lint_sources([Source(path, text, config)], today=today)[0].findings


def lint_sources(sources: Sequence[Source], *, today: date | None = None,
                 release_words: bool = False) -> list[FileResult]:
    """Lint several files, feeding all their prose to spaCy in one stream per pipeline.

    ``release_words``: forget the new words of these texts afterwards (spaCy's memory zone), for
    processes that lint for hours; medlint's own word caches are bounded either way."""
    return [outcome.result() for outcome in run_rules(sources, today=today, release_words=release_words)]


@dataclass
class RuleOutcome:
    """What the rules found in one file, before severity overrides and sorting (the result cache
    stores these per rule family and finishes them with :meth:`result`)."""

    path: str
    text: str  # the decoded file, for finding keys
    settings: Settings
    #: findings outside page residue and not suppressed, in the order the rules made them
    findings: list[Finding]
    metrics: dict[str, Any]
    #: (rule id, metric keys it added, items it appended to list metrics), in the order the
    #: rules ran; filled only when ``run_rules(trace=True)``
    contributions: list[tuple[str, dict[str, Any], dict[str, list]]] = field(default_factory=list)
    complete: bool = True  # False when the time budget stopped some rules

    def result(self) -> FileResult:
        return finish(self.path, self.text, self.findings, self.metrics, self.settings)


def finish(path: str, text: str, findings: Iterable[Finding], metrics: dict[str, Any],
           settings: Settings, keys: Sequence[str] | None = None) -> FileResult:
    """Severity overrides, the report order and the finding keys (given when already known, in
    the order of ``findings``)."""
    findings = _apply_severity(findings, settings)
    if keys is None:
        findings.sort(key=Finding.sort_key)
        return FileResult(path, findings, metrics, finding_keys(text, findings))
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    return FileResult(path, [findings[i] for i in order], metrics, [keys[i] for i in order])


def run_rules(sources: Sequence[Source], *, today: date | None = None, release_words: bool = False,
              only: Sequence[frozenset[str] | None] | None = None, trace: bool = False) -> list[RuleOutcome]:
    """The rule pass of :func:`lint_sources`. ``only``: per source, the ids of the active rules
    to run (None: all of them); ``trace``: record which rule added which metrics."""
    today = today or date.today()
    prepared = []
    for source in sources:
        config = source.config or Config(root=Path.cwd())
        text, problems = decode(source.data, source.path)
        prepared.append((source, config, text, problems))
    documents = []
    for source, config, text, problems in prepared:
        if text is None:
            document = Document(path=source.path, source="", format="binary")
        else:
            document = parse_document(text, source.path)
        document.problems[:0] = problems
        documents.append(document)
    results: list[tuple[int, RuleOutcome]] = []
    for model in dict.fromkeys(config.nlp_model for _, config, _, _ in prepared):
        members = [i for i, (_, config, _, _) in enumerate(prepared) if config.nlp_model == model]
        plans = {}
        for i in members:  # matchers first: their patterns must outlive the memory zone below
            source, config, _, _ = prepared[i]
            rules, hub = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
            settings = config.settings_for(source.path)
            active = active_rules(rules, settings)
            if only is not None and only[i] is not None:
                active = [rule for rule in active if rule.id in only[i]]
            prepare(active, hub)
            plans[i] = (rules, hub, settings, active, config.time_budget)
        # a long-running process (a language server) asks for the words of these texts to leave
        # spaCy's vocabulary when the batch is done, so that it does not grow with every new
        # word; a command-line run does not: relearning common words costs it about 20%
        with memory_zone(model) if release_words else contextlib.nullcontext():
            texts = [block.text for i in members for block in _all_blocks(documents[i])]
            spacy_docs = pipe(model, texts)
            for i in members:
                docs = [next(spacy_docs) for _ in _all_blocks(documents[i])]
                outcome = _check(documents[i], docs, *plans[i], today, trace)
                results.append((i, outcome))
                documents[i].close()  # no rule reads it again
                documents[i] = None  # type: ignore[call-overload]  # freed now: spaCy has its texts
    return [outcome for _, outcome in sorted(results, key=lambda pair: pair[0])]


def _all_blocks(document: Document) -> list[Block]:
    """The body's blocks, then the front matter's prose, in the order spaCy reads them."""
    return document.blocks + document.front_matter_prose


def decode(data: bytes | str, path: str) -> tuple[str | None, list]:
    """Bytes to text. Binary files give None and a document.unreadable problem."""
    from .document import Problem

    if isinstance(data, str):
        return _without_surrogates(_normal_lines(data))  # positions count in the text as linted
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 byte order mark (Windows editors)
        try:
            return _normal_lines(data.decode("utf-16")), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:BINARY_SNIFF]:
        return None, [Problem("document.unreadable", 1, 1, "binary file (contains NUL bytes); skipped")]
    try:
        return _normal_lines(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        good = _normal_lines(data[:exc.start].decode("utf-8", errors="replace"))  # count as the text will
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        return _normal_lines(text), [Problem("document.encoding", line, column,
                                             f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, "
                                             f"column {column}); undecodable bytes were replaced with \ufffd")]


_SURROGATE = re.compile("[\ud800-\udfff]")
_BARE_CR = re.compile("\r(?!\n)")


def _without_surrogates(text: str) -> tuple[str, list]:
    """Text given to lint() may hold lone surrogates (from a bad decode upstream); they are no
    characters and nothing can encode them, so they become U+FFFD, one for one."""
    from .document import Problem

    found = _SURROGATE.search(text)
    if found is None:
        return text, []
    before = text[:found.start()]
    line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
    return _SURROGATE.sub("\ufffd", text), [Problem(
        "document.encoding", line, column,
        f"text holds unpaired surrogate code points (first at line {line}, column {column}); replaced with \ufffd")]


def _normal_lines(text: str) -> str:
    """A byte order mark is no character of the file (columns count from the one after it), and a
    lone carriage return ends a line as CommonMark says; the replacement keeps every offset."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _BARE_CR.sub("\n", text) if "\r" in text else text


def active_rules(rules: RuleSet, settings: Settings) -> list[Rule]:
    chosen = []
    for rule in rules.rules:
        if settings.select is not None and not any(selects(s, rule.id) for s in settings.select):
            continue
        if any(selects(s, rule.id) for s in settings.ignore):
            continue
        chosen.append(rule)
    return chosen


def _check(document: Document, docs: list[Any], rules: RuleSet, hub: MatcherHub, settings: Settings,
           active: list[Rule], budget: float, today: date, trace: bool = False) -> RuleOutcome:
    """Run the ``active`` rules (already prepared on ``hub``) on one parsed document."""
    annotate(document)
    active_ids = {rule.id for rule in active}
    body_docs, front_docs = docs[:len(document.blocks)], docs[len(document.blocks):]
    ctx = LintContext(document=document, docs=body_docs, hub=hub, today=today,
                      rule_options=settings.options_for(), settings=dict(settings.values))
    findings: list[Finding] = []
    for problem in document.problems:
        rule = rules.get(problem.rule)
        if rule is not None and rule.id in active_ids:
            findings.append(ctx.document_finding(rule, problem.message, line=problem.line,
                                                 column=problem.column, end_line=problem.end_line,
                                                 end_column=problem.end_column))
    not_run: list[str] = []
    contributions: list[tuple[str, dict[str, Any], dict[str, list]]] = []
    if document.format != "binary":
        deadline = time.perf_counter() + budget
        for rule in active:
            if time.perf_counter() > deadline:  # a pathological file: report it, do not hang
                not_run.append(rule.id)
                continue
            before = _metric_sizes(ctx.metrics) if trace else None
            findings.extend(rule.check(ctx))
            if before is not None and before != _metric_sizes(ctx.metrics):
                contributions.append(_contribution(rule.id, before, ctx.metrics))
        if not not_run:
            findings.extend(_check_front_matter(document, front_docs, active, ctx))
    incomplete = rules.get("document.incomplete")
    if not_run and incomplete is not None and incomplete.id in active_ids:
        findings.append(ctx.document_finding(
            incomplete, f"checking stopped after the {budget:g} s budget ('time-budget'); {len(not_run)} "
                        f"rules were not run: {', '.join(not_run[:5])}{' ...' if len(not_run) > 5 else ''}",
            line=1, column=1))
    unknown = rules.get("medlint.unknown-rule")
    if unknown is not None and unknown.id in active_ids:
        for directive, name in unknown_rule_names(document.directives, rules.matches_selector):
            findings.append(ctx.document_finding(
                unknown, f"suppression comment names unknown rule {name!r}", line=directive.line,
                column=directive.column, end_line=directive.end_line, end_column=directive.end_column))
    findings = _outside_residue(findings, document, rules)
    suppressions = Suppressions(document)  # severity overrides come after, in finish()
    kept = [f for f in findings if f.rule == "medlint.unknown-rule" or suppressions.allows(f)]
    return RuleOutcome(document.path, document.source, settings, kept, ctx.metrics, contributions,
                       complete=not not_run)


def _metric_sizes(metrics: dict[str, Any]) -> dict[str, int]:
    return {key: len(value) if isinstance(value, list) else -1 for key, value in metrics.items()}


def _contribution(rule_id: str, before: dict[str, int],
                  metrics: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, list]]:
    """The metric keys one rule added and the items it added to list metrics (a list counts as
    items even when the rule made it: several families append summary lines to one list)."""
    added = {key: value for key, value in metrics.items() if key not in before and not isinstance(value, list)}
    appended = {key: value[max(before.get(key, 0), 0):] for key, value in metrics.items()
                if isinstance(value, list) and len(value) > max(before.get(key, 0), 0)}
    return rule_id, added, appended


def _check_front_matter(document: Document, docs: list[Any], active: list[Rule], ctx: LintContext) -> list[Finding]:
    """The rules that read the front matter's title and description (``front-matter: true``),
    run on those alone: a document of the same file whose blocks are that prose."""
    readers = [rule for rule in active if rule.reads_front_matter]
    if not readers or not document.front_matter_prose:
        return []
    front = document.with_blocks(list(document.front_matter_prose))
    front_ctx = LintContext(document=front, docs=docs, hub=ctx.hub, today=ctx.today,
                            rule_options=ctx.rule_options, settings=ctx.settings)
    return [finding for rule in readers for finding in rule.check(front_ctx)]


def _outside_residue(findings: list[Finding], document: Document, rules: RuleSet) -> list[Finding]:
    """Drop the prose rules' findings inside page residue (a comment form's "will not be
    published" is not the article's passive voice); document-wide rules, such as the one that
    reports the residue, keep theirs."""
    spans = [(document.position(b.offsets[0]), document.position(b.offsets[-1]))
             for b in document.blocks if b.residue and b.offsets]
    if not spans:
        return findings
    kept = []
    for finding in findings:
        rule = rules.get(finding.rule)
        at = (finding.line, finding.column)
        if rule is not None and rule.scope != "document" and any(start <= at <= end for start, end in spans):
            continue
        kept.append(finding)
    return kept


def _apply_severity(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    if not settings.severity:
        return list(findings)
    from dataclasses import replace

    result = []
    for finding in findings:
        level = configured(settings.severity, finding.rule)
        result.append(finding if level is None else replace(finding, severity=level))
    return result
