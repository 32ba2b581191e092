"""Every built-in rule's `examples` are tests: bad ones must be flagged by the rule, good ones not.

Rule packs added later are collected automatically, and so is the example user pack in
docs/examples/rule-pack (run with that folder in `rule-dirs`). Each example is linted as bytes (``text``
encoded with its ``encoding``) under its ``path``, which picks the format, with no configuration.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from medlint.engine.loader import load_rules
from medlint.rule_examples import run_examples

#: Fixed, so that rules that compare dates with today give the same answer every day.
TODAY = datetime.date(2026, 11, 26)

RULES = load_rules().rules
EXAMPLE_PACK = str(Path(__file__).resolve().parents[1] / "docs" / "examples" / "rule-pack")
PACK_RULES = [rule for rule in load_rules((EXAMPLE_PACK,)).rules if not rule.origin.builtin]


def _cases(kind: str) -> list:
    cases = []
    for rules, dirs in ((RULES, ()), (PACK_RULES, (EXAMPLE_PACK,))):
        for rule in rules:
            examples = rule.examples_bad if kind == "bad" else rule.examples_good
            for number, example in enumerate(examples, 1):
                cases.append(pytest.param(rule, example, dirs, id=f"{rule.id}-{kind}{number}"))
    return cases


def _rules_found(example, rule_dirs: tuple[str, ...] = ()) -> list[str]:
    return [finding.rule for finding in run_examples([example], rule_dirs, TODAY)[0]]


def test_builtin_rules_are_loaded():
    assert len(RULES) >= 5
    assert len({rule.id for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES + PACK_RULES, ids=[rule.id for rule in RULES + PACK_RULES])
def test_rule_has_bad_and_good_examples(rule):
    assert rule.examples_bad, f"{rule.id} ({rule.origin}) has no bad example"
    assert rule.examples_good, f"{rule.id} ({rule.origin}) has no good example"


@pytest.mark.parametrize("rule, example, rule_dirs", _cases("bad"))
def test_bad_example_is_flagged(rule, example, rule_dirs):
    found = _rules_found(example, rule_dirs)
    assert rule.id in found, (
        f"{rule.id} ({rule.origin}) did not flag its bad example {example.text!r}; found {found}")


@pytest.mark.parametrize("rule, example, rule_dirs", _cases("good"))
def test_good_example_is_not_flagged(rule, example, rule_dirs):
    found = _rules_found(example, rule_dirs)
    assert rule.id not in found, (
        f"{rule.id} ({rule.origin}) flagged its good example {example.text!r}")


ACRONYM_ADVICE = [example for rule in RULES if rule.id == "plain-language.undefined-acronym"
                  for example in rule.examples_good]


@pytest.mark.parametrize("example", ACRONYM_ADVICE)
def test_the_acronym_rules_advice_does_not_trip_the_jargon_rule(example):
    """Spelling an acronym out, as the acronym rule's good examples show, must not earn a jargon
    warning: the examples also explain the long form."""
    assert "plain-language.jargon" not in _rules_found(example)


def test_rule_docs_are_generated_from_the_packs():
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "rule_docs.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + "\nrun: python scripts/rule_docs.py"
