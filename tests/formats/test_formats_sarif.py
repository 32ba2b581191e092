"""`medlint check --format sarif`: valid against the official SARIF 2.1.0 schema, and what it says."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jsonschema
import pytest
from rfc3986_validator import validate_rfc3986

from medlint.engine.loader import load_rules
from medlint.resources import rule_docs_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TODAY = "2026-11-26"
SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)

ASTHMA = "---\ntype: condition\n---\n# Asthma\n\nAsthma affects the airways. About 1 in 13 people have it.\n"
BELVIQ = "# Pills\n\nBelviq was the first of the new pills. It is approved for adults with a BMI of 30.\n"
HYPE = "# Sleep\n\nA miracle cure. Another miracle cure.\n"
ODD_NAME = "notes 50% #1: café.md"  # a space, '%', '#', ':' and a non-ASCII letter


def valid(log: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def run(cli, *args: str) -> tuple[dict, dict]:
    """The SARIF log and the JSON report of the same check."""
    result = cli("check", *args, "--format", "sarif", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(cli("check", *args, "--format", "json", "--today", TODAY).stdout)
    return json.loads(result.stdout), data


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "asthma.md").write_text(ASTHMA, encoding="utf-8")
    (tmp_path / "docs" / "belviq.txt").write_text(BELVIQ, encoding="utf-8")
    (tmp_path / ODD_NAME).write_text(HYPE, encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Water\n\nDrink water.\n", encoding="utf-8")
    return tmp_path


def test_the_log_is_valid_sarif_2_1_0(cli, articles):
    log, _ = run(cli, ".")
    valid(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    assert log["runs"][0]["results"]


def test_the_schema_check_is_real(cli, articles):
    """A log the schema forbids fails it: a relative helpUri, an unknown level, a region at line 0."""
    log, _ = run(cli, ".")
    for path, value in ((("tool", "driver", "rules", 0, "helpUri"), "docs/rules/x.md"),
                        (("results", 0, "level"), "fatal"),
                        (("results", 0, "locations", 0, "physicalLocation", "region", "startLine"), 0)):
        broken = copy.deepcopy(log)
        node = broken["runs"][0]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        assert list(VALIDATOR.iter_errors(broken)), path


def test_driver_lists_every_rule_with_help_and_default_level(cli, articles):
    log, _ = run(cli, "clean.md")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "medlint" and driver["version"]
    assert urlsplit(driver["informationUri"]).scheme in ("file", "https")
    rules = {r.id: r for r in load_rules().rules}
    assert [d["id"] for d in driver["rules"]] == list(rules)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in driver["rules"]:
        rule = rules[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.description
        assert descriptor["defaultConfiguration"]["level"] == levels[str(rule.severity)]
        assert rule.description in descriptor["help"]["text"] and rule.description in descriptor["help"]["markdown"]
        if rule.examples_bad:
            assert rule.examples_bad[0].text.rstrip() in descriptor["help"]["markdown"]
        # the installed page of the rule, by default
        uri = urlsplit(descriptor["helpUri"])
        assert uri.scheme == "file"
        page = Path(url2pathname(uri.path))
        assert page == rule_docs_dir() / f"{rule.id}.md" and page.is_file()
    grade = next(d for d in driver["rules"] if d["id"] == "readability.grade")
    assert grade["properties"]["severityChanges"][0]["to"] == "error"
    assert "Severity:" in grade["help"]["text"]


def test_results_match_the_json_findings(cli, articles):
    log, data = run(cli, ".")
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["SRCROOT"]["uri"] == articles.as_uri() + "/"
    rules = sarif_run["tool"]["driver"]["rules"]
    expected = [(file["path"], f) for file in data["files"] for f in file["findings"]]
    assert len(sarif_run["results"]) == len(expected) > 10
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, (path, finding) in zip(sarif_run["results"], expected):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "SRCROOT"
        assert validate_rfc3986(artifact["uri"], rule="URI_reference") and not urlsplit(artifact["uri"]).scheme
        assert unquote(artifact["uri"]) == path
        assert sarif_run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
        region = location["physicalLocation"]["region"]
        if (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (1, 1, 1, 1):
            assert region == {"startLine": 1}  # about the whole document
        else:
            assert region == {"startLine": finding["line"], "startColumn": finding["column"],
                              "endLine": finding["end_line"], "endColumn": finding["end_column"]}
    # every linted file is an artifact, the clean one too, in the order of the run
    assert [unquote(a["location"]["uri"]) for a in sarif_run["artifacts"]] == [f["path"] for f in data["files"]]
    assert sarif_run["properties"]["summary"] == data["summary"]


def test_odd_file_names_are_percent_encoded(cli, articles):
    log, _ = run(cli, ODD_NAME)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "notes%2050%25%20%231%3A%20caf%C3%A9.md"


def test_a_file_outside_the_folder_gets_an_absolute_uri(cli, articles, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "x.md"
    elsewhere.write_text(HYPE, encoding="utf-8")
    log, _ = run(cli, str(elsewhere))
    valid(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == elsewhere.as_uri() and "uriBaseId" not in artifact


def test_claim_evidence_and_suggestions_go_in_properties(cli, articles):
    log, data = run(cli, "docs/belviq.txt", "--select", "claims")
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "claims.outdated-approval"]
    (finding,) = [f for f in data["files"][0]["findings"] if f["rule"] == "claims.outdated-approval"]
    assert result["level"] == "warning"  # the claim model left something to check
    assert result["properties"]["evidence"] == finding["evidence"] and finding["evidence"]["check"]


def test_fingerprints_survive_unrelated_edits_and_count_repeats(cli, articles):
    before, _ = run(cli, ODD_NAME, "--select", "claims.hype")
    path = articles / ODD_NAME
    path.write_text("# Sleep\n\n" + "Some unrelated new words.\n\n" * 20 + HYPE.split("\n", 2)[2], encoding="utf-8")
    after, _ = run(cli, ODD_NAME, "--select", "claims.hype")

    def prints(log: dict) -> list[str]:
        return [r["partialFingerprints"]["medlint/v1"] for r in log["runs"][0]["results"]]

    def lines(log: dict) -> list[int]:
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]

    assert lines(before) == [3, 3] and lines(after) == [43, 43]
    assert prints(before) == prints(after)
    # one sentence holding the same word twice: one key, told apart by its occurrence
    path.write_text("# Sleep\n\nA miracle, a miracle.\n", encoding="utf-8")
    twice, _ = run(cli, ODD_NAME, "--select", "claims.hype")
    first, second = prints(twice)
    assert first.rsplit(":", 1)[0] == second.rsplit(":", 1)[0]
    assert (first.rsplit(":", 1)[1], second.rsplit(":", 1)[1]) == ("1", "2")


def test_docs_url_option_and_environment(cli, articles, monkeypatch):
    base = "https://github.com/example/medlint/blob/v0.2.0"
    log, _ = run(cli, "clean.md", "--docs-url", base + "/")
    valid(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert {d["helpUri"] for d in driver["rules"]} == {f"{base}/docs/rules/{d['id']}.md" for d in driver["rules"]}
    assert driver["informationUri"] == f"{base}/README.md"
    monkeypatch.setenv("MEDLINT_DOCS_URL", base)
    log, _ = run(cli, "clean.md")
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith(base + "/docs/rules/")
    bad = cli("check", "clean.md", "--format", "sarif", "--docs-url", "docs/rules")
    assert bad.exit_code == 2 and "absolute URI" in bad.output


def test_a_user_rule_links_to_its_definition(cli, tmp_path):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text(
        "id: house.no-very\ntype: existence\nseverity: warning\nmessage: \"Avoid '{match}'\"\n"
        "description: The word very adds nothing.\nphrases: [very]\n", encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [style]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nIt is very good.\n", encoding="utf-8")
    log, _ = run(cli, "a.md", "--select", "house")
    valid(log)
    driver = log["runs"][0]["tool"]["driver"]
    house = next(d for d in driver["rules"] if d["id"] == "house.no-very")
    assert house["helpUri"] == (tmp_path / "style" / "house.yaml").as_uri()
    (result,) = log["runs"][0]["results"]
    assert driver["rules"][result["ruleIndex"]]["id"] == "house.no-very"


def test_skipped_files_are_notifications_and_no_files_is_a_valid_log(cli, tmp_path):
    (tmp_path / ".medlint.yaml").write_text("max-file-size: 50\n", encoding="utf-8")
    (tmp_path / "big.md").write_text("# Big\n\n" + "Words and more words. " * 20, encoding="utf-8")
    log, _ = run(cli, "big.md")
    valid(log)
    (notice,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "big.md"
    assert log["runs"][0]["results"] == [] and log["runs"][0]["artifacts"] == []


def test_the_wheel_ships_the_pages_where_medlint_looks(tmp_path):
    """pyproject's force-include puts docs/rules where resources.rule_docs_dir() looks when installed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["docs/rules"] == "medlint/_builtin_docs/rules"
    assert (ROOT / "docs" / "rules" / "claims.hype.md").is_file()
    import medlint.resources as resources

    fake_package = tmp_path / "medlint"
    (fake_package / "_builtin_docs" / "rules").mkdir(parents=True)
    original = resources._PACKAGE
    resources._PACKAGE = fake_package
    try:
        assert resources.rule_docs_dir() == fake_package / "_builtin_docs" / "rules"
    finally:
        resources._PACKAGE = original
