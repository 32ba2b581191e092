"""`medlint merge`: the reports of sharded runs joined into the report of one run."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

TODAY = "2026-11-26"
HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ARTICLES = {
    "a/hype.md": "# Sleep\n\nA miracle cure.\n",
    "b/asthma.md": "---\ntype: condition\n---\n# Asthma\n\nAsthma affects the airways. About 1 in 13 people have it.\n",
    "c/water.md": "# Water\n\nDrink water. Another miracle.\n",
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def shard(cli, out: str, fmt: str, *paths: str, extra: tuple[str, ...] = ()) -> str:
    result = cli("check", *paths, "--format", fmt, "--today", TODAY, "--output-file", out, *extra)
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_merged_shards_equal_one_run(cli, tree, fmt):
    whole = shard(cli, f"whole.{fmt}", fmt, "a", "b", "c", extra=("--statistics",))
    one = shard(cli, f"1.{fmt}", fmt, "c", "a", extra=("--statistics",))
    two = shard(cli, f"2.{fmt}", fmt, "b", extra=("--statistics",))
    result = cli("merge", two, one)  # in any order: files come out in path order
    assert result.exit_code == 1  # b/asthma.md has errors
    assert result.stdout.rstrip("\n") == (tree / whole).read_text(encoding="utf-8").rstrip("\n")
    merged = json.loads(result.stdout)
    if fmt == "sarif":
        jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(merged)
        summary = merged["runs"][0]["properties"]["summary"]
    else:
        summary = merged["summary"]
        assert [f["path"] for f in merged["files"]] == ["a/hype.md", "b/asthma.md", "c/water.md"]
    assert summary["files"] == 3 and summary["errors"] > 0


def test_json_totals_and_statistics_are_counted_again(cli, tree):
    one = shard(cli, "1.json", "json", "a", extra=("--statistics",))
    two = shard(cli, "2.json", "json", "c", extra=("--statistics",))
    merged = json.loads(cli("merge", one, two).stdout)
    assert merged["summary"] == {"files": 2, "errors": 0, "warnings": merged["summary"]["warnings"], "info": 2}
    hype = next(row for row in merged["statistics"] if row["rule"] == "claims.hype")
    assert hype == {"rule": "claims.hype", "count": 2, "severity": "warning", "files": 2}
    warnings = sum(f["severity"] == "warning" for file in merged["files"] for f in file["findings"])
    assert merged["summary"]["warnings"] == warnings


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_file_in_two_reports_is_kept_once_or_refused(cli, tree, fmt):
    one = shard(cli, f"1.{fmt}", fmt, "a", "c")
    two = shard(cli, f"2.{fmt}", fmt, "a")
    merged = cli("merge", one, two)
    assert merged.exit_code == 0
    assert merged.stdout == cli("merge", one).stdout
    (tree / "a" / "hype.md").write_text("# Sleep\n\nA breakthrough and a miracle cure.\n", encoding="utf-8")
    changed = shard(cli, f"3.{fmt}", fmt, "a")
    refused = cli("merge", one, changed)
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (f"medlint: 3.{fmt}: a/hype.md is also in 1.{fmt} with other findings; "
                                      "were the reports made from different versions of the file?")


def test_sarif_rule_indexes_follow_the_merged_rule_list(cli, tree):
    one = shard(cli, "1.sarif", "sarif", "a")
    two = shard(cli, "2.sarif", "sarif", "b")
    log = json.loads((tree / two).read_text(encoding="utf-8"))
    driver = log["runs"][0]["tool"]["driver"]
    driver["rules"].reverse()  # a shard whose rule list is in another order
    for result in log["runs"][0]["results"]:
        result["ruleIndex"] = [r["id"] for r in driver["rules"]].index(result["ruleId"])
    (tree / two).write_text(json.dumps(log), encoding="utf-8")
    merged = json.loads(cli("merge", one, two).stdout)["runs"][0]
    rules = merged["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in merged["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        index = result["locations"][0]["physicalLocation"]["artifactLocation"]["index"]
        assert merged["artifacts"][index]["location"]["uri"] == \
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


@pytest.mark.parametrize("level, code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_level(cli, tree, level, code):
    one = shard(cli, "1.json", "json", "a", extra=("--select", "claims.hype"))
    two = shard(cli, "2.sarif", "sarif", "c", extra=("--select", "claims.hype"))
    assert cli("merge", one, "--fail-level", level).exit_code == code
    assert cli("merge", two, "--fail-level", level).exit_code == code


def test_output_file(cli, tree):
    one = shard(cli, "1.json", "json", "a")
    result = cli("merge", one, "-o", "merged.json")
    assert result.stdout == "" and json.loads((tree / "merged.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_bad_reports_exit_2_naming_the_path(cli, tree):
    json_report = shard(cli, "1.json", "json", "a")
    sarif_report = shard(cli, "2.sarif", "sarif", "c")
    (tree / "broken.json").write_text('{"files": [\n  oops\n', encoding="utf-8")
    (tree / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    (tree / "latin1.json").write_bytes(b'{"files": "\xe9"}')
    eslint = json.loads((tree / sarif_report).read_text(encoding="utf-8"))
    eslint["runs"][0]["tool"]["driver"]["name"] = "ESLint"
    (tree / "eslint.sarif").write_text(json.dumps(eslint), encoding="utf-8")
    newer = json.loads((tree / json_report).read_text(encoding="utf-8"))
    newer["medlint_version"] = "9.9.9"
    (tree / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    bad_severity = json.loads((tree / json_report).read_text(encoding="utf-8"))
    bad_severity["files"][0]["findings"][0]["severity"] = "fatal"
    (tree / "severity.json").write_text(json.dumps(bad_severity), encoding="utf-8")
    cases = [
        ((json_report, sarif_report), "2.sarif: a SARIF report, but 1.json is JSON; merge reports of one format"),
        ((json_report, "--format", "sarif"), "1.json: a JSON report, not SARIF; merge writes the format it reads"),
        (("broken.json",), "broken.json:2: not valid JSON"),
        (("other.json",), "other.json: not a medlint JSON report"),
        (("latin1.json",), "latin1.json: not UTF-8 text"),
        (("missing.json",), "missing.json: cannot read it"),
        (("eslint.sarif",), "eslint.sarif: runs[0] is from 'ESLint', not medlint"),
        ((json_report, "newer.json"), "newer.json: 'medlint_version' is '9.9.9', but 1.json has"),
        (("severity.json",), "severity.json: files[0].findings[0]: severity must be error, warning or info"),
    ]
    for args, message in cases:
        result = cli("merge", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("medlint: " + message), (args, result.stderr)
        assert result.stdout == "" and "Traceback" not in result.stderr
