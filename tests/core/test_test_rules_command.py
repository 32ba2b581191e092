"""`medlint test-rules DIR`: a user pack's examples, PASS/FAIL per example, exit 0/1/2."""

from __future__ import annotations

import textwrap
from pathlib import Path

from medlint.engine.loader import load_rules
from medlint.rule_examples import check_examples

REPO = Path(__file__).resolve().parents[2]

GOOD_PACK = """\
id: house.synergy
type: existence
severity: warning
message: "Avoid '{match}'"
description: Corporate jargon.
phrases: [synergy]
examples:
  bad: ["Synergy helps patients."]
  good: ["Teamwork helps patients."]
---
id: house.dated
type: existence
severity: info
message: "'{match}'"
description: Needs a config key to show examples can carry one.
phrases: [miracle]
examples:
  bad:
    - text: "<p>A miracle.</p>"
      path: page.html
  good:
    - "Nothing to see."
"""

FAILING_PACK = """\
id: house.synergy
type: existence
severity: warning
message: "Avoid '{match}'"
description: Corporate jargon.
phrases: [synergy]
examples:
  bad:
    - "Synergy helps patients."
    - "A miracle cure for teamwork."
  good:
    - "Teamwork helps patients."
    - "Synergy is a word we avoid."
"""


def write_pack(folder: Path, text: str, name: str = "house.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_all_examples_pass(tmp_path, cli):
    write_pack(tmp_path / "style", GOOD_PACK)
    result = cli("test-rules", "style")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "PASS house.synergy bad 1",
        "PASS house.synergy good 1",
        "PASS house.dated bad 1",
        "PASS house.dated good 1",
        "2 rules, 4 examples: 4 passed, 0 failed",
    ]


def test_a_failing_example_says_what_was_expected_and_found(tmp_path, cli):
    folder = write_pack(tmp_path / "style", FAILING_PACK)
    result = cli("test-rules", "style")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "PASS house.synergy bad 1"
    pack = folder.resolve() / "house.yaml"
    assert lines[1].startswith(f"FAIL house.synergy bad 2 ({pack}:10): expected house.synergy to flag this bad "
                               "example; found claims.hype (1:3), ")  # and the structure rules' findings
    assert lines[2] == "PASS house.synergy good 1"
    assert lines[3] == (f"FAIL house.synergy good 2 ({pack}:13): expected no house.synergy finding on this "
                        "good example; found 1: 1:1 Avoid 'Synergy'")
    assert lines[-1] == "1 rule, 4 examples: 2 passed, 2 failed"


def test_a_broken_pack_exits_2_with_path_and_line(tmp_path, cli):
    write_pack(tmp_path / "style", GOOD_PACK.replace("type: existence\nseverity: info", "type: existance\nseverity: info"))
    result = cli("test-rules", "style")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{(tmp_path / 'style' / 'house.yaml').resolve()}:12: rule house.dated: unknown type 'existance'" in result.stderr


def test_a_folder_without_packs_or_a_missing_folder_exits_2(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    result = cli("test-rules", "empty")
    assert result.exit_code == 2 and "no rule packs" in result.stderr
    assert cli("test-rules", "missing").exit_code == 2


def test_a_rule_without_examples_is_listed(tmp_path, cli):
    write_pack(tmp_path / "style", "id: house.bare\ntype: existence\nseverity: info\nmessage: x\n"
                                   "description: No examples.\nphrases: [synergy]\n")
    result = cli("test-rules", "style")
    assert result.exit_code == 0
    assert "NONE house.bare" in result.stdout and "no examples to run" in result.stdout


def test_the_shipped_example_pack_passes(cli):
    result = cli("test-rules", str(REPO / "docs" / "examples" / "rule-pack"))
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.stdout and " 0 failed" in result.stdout


def test_check_examples_runs_builtin_examples_too():
    """The shared runner the built-in example test uses: a rule's own examples pass."""
    hype = load_rules().get("claims.hype")
    outcomes = list(check_examples([hype], today=None))
    assert outcomes and all(outcome.passed for outcome in outcomes)
    assert {outcome.kind for outcome in outcomes} == {"bad", "good"}
