"""`medlint rules` says when a run reports a rule at another severity than its own (issue 17)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"

# each of these makes a run report some rule at another severity than its pack's
CHANGED = {
    "belviq.txt": "Belviq was the first of the new pills. It is approved for adults with a BMI of 30.\n",
    "asthma.md": "---\ntype: condition\n---\n# Asthma\n\nAsthma affects the airways. About 1 in 13 people have it.\n",
    "stale.md": "---\ntitle: Sleep\nlast_reviewed: 2019-01-10\n---\n# Sleep\n\nAdults need seven hours of sleep.\n",
}


def _rules_json(cli, *args: str) -> dict[str, dict]:
    result = cli("rules", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {item["id"]: item for item in json.loads(result.stdout)}


def test_every_severity_a_run_reports_is_one_rules_lists(cli, tmp_path):
    shutil.copytree(ROOT / "corpora" / "articles", tmp_path / "articles")
    for name, text in CHANGED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("check", ".", "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    listed = _rules_json(cli)
    changed = set()
    for file in json.loads(result.stdout)["files"]:
        for finding in file["findings"]:
            entry = listed[finding["rule"]]
            allowed = {entry["severity"]} | {c["to"] for c in entry["severity_changes"]}
            assert finding["severity"] in allowed, (file["path"], finding)
            if finding["severity"] != entry["severity"]:
                changed.add((finding["rule"], entry["severity"], finding["severity"]))
    # the cases above really happen, so the check is not vacuous
    assert changed >= {("readability.grade", "warning", "error"), ("sections.missing", "error", "warning"),
                       ("metadata.stale-review", "warning", "error"), ("sources.missing", "warning", "error"),
                       ("claims.outdated-approval", "error", "warning")}


def test_rules_text_prints_each_change_under_its_rule(cli):
    lines = cli("rules").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("readability.grade "))
    assert lines[at].split()[1] == "warning"
    assert lines[at + 1].strip() == "warning -> error when the grade is 2 or more above the audience's target"
    at = next(i for i, line in enumerate(lines) if line.startswith("sections.missing "))
    assert lines[at + 1].strip().startswith("error -> warning when medlint inferred the article type")
    at = next(i for i, line in enumerate(lines) if line.startswith("claims.hype "))
    assert not lines[at + 1].startswith(" ")  # a rule that never changes has no note


def test_rules_json_lists_changes_and_the_rules_own_severity(cli):
    listed = _rules_json(cli)
    grade = listed["readability.grade"]
    assert (grade["severity"], grade["default_severity"], grade["severity_set_by"]) == ("warning", "warning", None)
    assert grade["severity_changes"] == [{"from": "warning", "to": "error",
                                          "when": "the grade is 2 or more above the audience's target"}]
    assert listed["claims.outdated-guideline"]["severity_changes"] == []  # never has anything to check
    assert listed["claims.hype"]["severity_changes"] == []


def test_config_severity_and_per_glob_overrides_are_what_runs_report(cli, tmp_path):
    (tmp_path / ".medlint.yaml").write_text(
        "severity:\n  readability.grade: info\n  claims: warning\n"
        "overrides:\n  - files: [\"drafts/**\"]\n    severity: {readability.grade: error}\n", encoding="utf-8")
    listed = _rules_json(cli)
    grade = listed["readability.grade"]
    assert (grade["severity"], grade["default_severity"], grade["severity_set_by"]) == ("info", "warning", ".medlint.yaml")
    assert grade["severity_changes"] == [{"from": "info", "to": "error",
                                          "when": "the file matches 'drafts/**' (overrides in .medlint.yaml)"}]
    # an override replaces every finding's severity, so the claim model's lowering no longer shows
    assert listed["claims.outdated-approval"]["severity"] == "warning"
    assert listed["claims.outdated-approval"]["severity_changes"] == []
    text = cli("rules").stdout
    assert "set by .medlint.yaml (the rule's own: warning)" in text

    hard = (ROOT / "corpora" / "articles" / "readability" / "bp-grade14.md").read_text(encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "hard.md").write_text(hard, encoding="utf-8")
    (tmp_path / "hard.md").write_text(hard, encoding="utf-8")
    data = json.loads(cli("check", "hard.md", "drafts/hard.md", "--select", "readability.grade",
                          "--format", "json", "--today", TODAY).stdout)
    reported = {f["path"]: [x["severity"] for x in f["findings"]] for f in data["files"]}
    assert reported == {"hard.md": ["info"], "drafts/hard.md": ["error"]}


def test_explain_prints_a_note_for_rules_that_had_none(cli):
    out = cli("explain", "metadata.stale-review").stdout
    assert "Severity: warning; error when the review is more than twice the age limit old" in out
