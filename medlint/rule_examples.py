"""Running rules' ``examples``: a bad example must be flagged by its rule, a good one must not.

Used by `medlint test-rules DIR` for a user's rule pack and by the test suite for the built-in
packs. Each example is linted as bytes (``text`` encoded with its ``encoding``) under its
``path``, which picks the format, with its own ``config`` keys and every rule in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .config import Config, parse_config
from .engine.rule import Example, Rule
from .finding import Finding
from .linter import Source, lint_sources


@dataclass
class Outcome:
    """One example of one rule, run."""

    rule: Rule
    kind: str  # "bad" (must be flagged) or "good" (must not)
    number: int  # 1-based, within the rule's examples of that kind
    example: Example
    findings: list[Finding]

    @property
    def own(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.rule == self.rule.id]

    @property
    def passed(self) -> bool:
        return bool(self.own) == (self.kind == "bad")

    @property
    def where(self) -> str:
        return f"{self.rule.origin.path}:{self.example.line or self.rule.origin.line}"

    def problem(self) -> str:
        """What was expected and what was found, for a failed example."""
        if self.kind == "bad":
            others = sorted({f"{f.rule} ({f.line}:{f.column})" for f in self.findings})
            found = f"found {', '.join(others)}" if others else "found no finding at all"
            return f"expected {self.rule.id} to flag this bad example; {found}"
        shown = "; ".join(f"{f.line}:{f.column} {f.message}" for f in self.own[:3])
        return f"expected no {self.rule.id} finding on this good example; found {len(self.own)}: {shown}"


def example_config(example: Example, rule_dirs: tuple[str, ...] = ()) -> Config | None:
    """The configuration an example runs with: its own keys, plus the pack's folder."""
    if not example.config and not rule_dirs:
        return None
    base = Path(rule_dirs[0]) if rule_dirs else Path.cwd()
    config = parse_config(dict(example.config), base / ".medlint.yaml") if example.config else Config(root=base)
    if rule_dirs:
        config.rule_dirs = tuple(rule_dirs)
    return config


def run_examples(examples: Sequence[Example], rule_dirs: tuple[str, ...] = (),
                 today: date | None = None) -> list[list[Finding]]:
    """The findings of each example, linted together (one pass of the pipeline)."""
    sources = [Source(example.path, example.text.encode(example.encoding), example_config(example, rule_dirs))
               for example in examples]
    return [result.findings for result in lint_sources(sources, today=today)]


def check_examples(rules: Iterable[Rule], rule_dirs: tuple[str, ...] = (),
                   today: date | None = None) -> Iterator[Outcome]:
    """Every example of ``rules``, run, in rule order: bad ones first."""
    cases = [(rule, kind, number, example) for rule in rules
             for kind, examples in (("bad", rule.examples_bad), ("good", rule.examples_good))
             for number, example in enumerate(examples, 1)]
    found = run_examples([case[3] for case in cases], rule_dirs, today)
    for (rule, kind, number, example), findings in zip(cases, found):
        yield Outcome(rule, kind, number, example, findings)
