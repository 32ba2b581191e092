"""Configuration: discovery, every key, per-glob overrides, validation errors, `medlint init`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest

from medlint.config import ConfigFinder, load_config_file, parse_config
from medlint.engine.loader import load_rules
from medlint.engine.rule import _REGISTRY as rule_registry
from medlint.engine.rule import Rule
from medlint.linter import check_config_rules
from medlint.starter import STARTER_CONFIG
from medlint.yamlsource import SourceError

HYPE = "An article about a miracle cure.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(cli, *args: str) -> list[dict]:
    result = cli("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [dict(f, path=file["path"]) for file in data["files"] for f in file["findings"]]


def rules_of(found: list[dict]) -> set[str]:
    return {f["rule"] for f in found}


# -- discovery ---------------------------------------------------------------------------------

def test_config_is_found_by_walking_up_from_each_file(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity: {claims.hype: error}\n")
    write(tmp_path / "a" / "b" / "c" / "deep.md", HYPE)
    write(tmp_path / "a" / ".medlint.yaml", "select: [claims.hype]\nseverity: {claims.hype: info}\n")
    write(tmp_path / "top.md", HYPE)
    found = findings(cli, "top.md", "a/b/c/deep.md")
    assert {(f["path"], f["severity"]) for f in found} == {("top.md", "error"), ("a/b/c/deep.md", "info")}


def test_medlint_yml_is_found_too(tmp_path, cli):
    write(tmp_path / ".medlint.yml", "select: [claims.hype]\nseverity: {claims.hype: info}\n")
    write(tmp_path / "a.md", HYPE)
    assert [f["severity"] for f in findings(cli, "a.md")] == ["info"]


def test_pyproject_tool_medlint_table(tmp_path, cli):
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "site"

        [tool.medlint]
        select = ["claims.hype"]
        fail-level = "warning"
        """)
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.exit_code == 1
    assert "claims.hype" in result.output


def test_pyproject_without_table_is_skipped_while_walking_up(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity: {claims.hype: error}\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "sub" / "a.md", HYPE)
    assert [f["severity"] for f in findings(cli, "sub/a.md")] == ["error"]


def test_medlint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path, cli):
    write(tmp_path / "pyproject.toml", "[tool.medlint]\nselect = ['claims.hype']\nseverity = {'claims.hype' = 'error'}\n")
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity: {claims.hype: info}\n")
    write(tmp_path / "a.md", HYPE)
    assert [f["severity"] for f in findings(cli, "a.md")] == ["info"]


def test_config_option_overrides_discovery(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity: {claims.hype: error}\n")
    write(tmp_path / "other.yaml", "select: [claims.hype]\nseverity: {claims.hype: info}\n")
    write(tmp_path / "a.md", HYPE)
    assert [f["severity"] for f in findings(cli, "--config", "other.yaml", "a.md")] == ["info"]


def test_config_option_accepts_pyproject(tmp_path, cli):
    write(tmp_path / "cfg" / "pyproject.toml", "[tool.medlint]\nignore = ['claims']\n")
    write(tmp_path / "a.md", HYPE)
    assert "claims.hype" not in rules_of(findings(cli, "--config", "cfg/pyproject.toml", "a.md"))


def test_no_config_means_defaults(tmp_path):
    config = ConfigFinder().for_path(tmp_path / "a.md")
    assert config.path is None
    assert config.fail_level == "error"
    assert config.settings_for(tmp_path / "a.md").select is None


def test_finder_caches_per_folder(tmp_path):
    write(tmp_path / ".medlint.yaml", "ignore: [claims]\n")
    finder = ConfigFinder()
    first = finder.for_path(tmp_path / "x" / "a.md")
    assert finder.for_path(tmp_path / "x" / "b.md") is first
    assert finder.for_path(tmp_path / "c.md") is first


# -- keys --------------------------------------------------------------------------------------

def test_select_and_ignore(tmp_path, cli):
    write(tmp_path / "a.md", "---\ntitle: [broken\n---\n" + HYPE)
    write(tmp_path / ".medlint.yaml", "select: [claims.hype, document]\nignore: [document.front-matter-invalid]\n")
    assert rules_of(findings(cli, "a.md")) == {"claims.hype"}


def test_severity_by_rule_and_by_family(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity:\n  claims: info\n")
    assert [f["severity"] for f in findings(cli, "a.md")] == ["info"]
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nseverity:\n  claims.hype: error\n")
    result = cli("check", "a.md")
    assert result.exit_code == 1
    assert "a.md:1:20: error claims.hype" in result.output


def test_overrides_per_glob(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", """\
        select: [claims.hype, language]
        overrides:
          - files: ["news/**"]
            ignore: [claims.hype]
          - files: ["*.html"]
            severity: {claims.hype: error}
          - files: ["blog/*.md"]
            select: [language]
        """)
    write(tmp_path / "news" / "2026" / "a.md", HYPE + "Diabetics too.\n")
    write(tmp_path / "page.html", "<p>A miracle cure.</p>")
    write(tmp_path / "blog" / "b.md", HYPE + "Diabetics too.\n")
    write(tmp_path / "plain.md", HYPE)
    found = findings(cli, ".")
    by_file = {}
    for f in found:
        by_file.setdefault(f["path"], set()).add((f["rule"], f["severity"]))
    assert by_file == {
        "news/2026/a.md": {("language.person-first", "info")},
        "page.html": {("claims.hype", "error")},
        "blog/b.md": {("language.person-first", "info")},
        "plain.md": {("claims.hype", "warning")},
    }


def test_exclude_globs(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nexclude: ['drafts/**', 'old.md', 'archive/']\n")
    for name in ("drafts/x/a.md", "old.md", "archive/b.md", "sub/old.md", "keep.md"):
        write(tmp_path / name, HYPE)
    result = cli("check", "--format", "json", ".")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == ["keep.md"]


def test_rule_dirs_relative_to_the_config_file(tmp_path, cli):
    write(tmp_path / "site" / ".medlint.yaml", "rule-dirs: [style]\nselect: [house]\n")
    write(tmp_path / "site" / "style" / "house.yaml", """\
        id: house.jargon
        type: existence
        severity: error
        message: "Avoid '{match}'"
        description: House jargon.
        phrases: [synergy]
        """)
    write(tmp_path / "site" / "a.md", "Synergy everywhere.\n")
    result = cli("check", "site/a.md")
    assert result.exit_code == 1
    assert "site/a.md:1:1: error house.jargon Avoid 'Synergy'" in result.output


@pytest.mark.parametrize("level, exit_code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_level_from_config(tmp_path, cli, level, exit_code):
    write(tmp_path / ".medlint.yaml", f"select: [claims.hype]\nfail-level: {level}\n")
    write(tmp_path / "a.md", HYPE)
    assert cli("check", "a.md").exit_code == exit_code


def test_fail_level_option_beats_config(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims.hype]\nfail-level: warning\n")
    write(tmp_path / "a.md", HYPE)
    assert cli("check", "--fail-level", "error", "a.md").exit_code == 0


def test_each_file_uses_its_own_fail_level(tmp_path, cli):
    write(tmp_path / "strict" / ".medlint.yaml", "select: [claims.hype]\nfail-level: warning\n")
    write(tmp_path / "lax" / ".medlint.yaml", "select: [claims.hype]\nfail-level: error\n")
    write(tmp_path / "strict" / "a.md", HYPE)
    write(tmp_path / "lax" / "b.md", HYPE)
    assert cli("check", "lax/b.md").exit_code == 0
    assert cli("check", "strict/a.md").exit_code == 1
    assert cli("check", "lax/b.md", "strict/a.md").exit_code == 1
    write(tmp_path / "strict" / "a.md", "Plain words.\n")
    assert cli("check", "lax/b.md", "strict/a.md").exit_code == 0


def test_nlp_model_that_is_not_installed_exits_2(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "nlp: {model: no_such_spacy_model_xyz}\n")
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert "no_such_spacy_model_xyz" in result.stderr and "not installed" in result.stderr


def test_parse_config_values(tmp_path):
    config = parse_config({"select": ["claims"], "ignore": "claims.hype", "exclude": ["x/**"],
                           "fail-level": "info", "nlp": {"model": None},
                           "rules": {"claims.hype": {}}}, tmp_path / ".medlint.yaml")
    assert config.fail_level == "info"
    assert config.exclude == ("x/**",)
    assert config.nlp_model is None
    settings = config.settings_for(tmp_path / "a.md")
    assert settings.select == ("claims",)
    assert settings.ignore == ("claims.hype",)


def test_overrides_merge_mappings_key_by_key_at_every_depth(tmp_path):
    config = parse_config({
        "ignore": ["claims.hype"],
        "rules": {"plain-language.jargon": {"report": "every-time"}},
        "sections": {"treatment": {"add": ["Dosage"], "synonyms": {"dosage": ["How to take *"]}}},
        "overrides": [{"files": ["news/**"], "ignore": ["language"],
                       "rules": {"plain-language.jargon": {"ignore": ["prognosis"]}},
                       "sections": {"treatment": {"synonyms": {"risks": ["Harms"]}}}}],
    }, tmp_path / ".medlint.yaml")
    settings = config.settings_for(tmp_path / "news" / "a.md")
    assert settings.ignore == ("claims.hype", "language")
    assert settings.options_for()["plain-language.jargon"] == {"report": "every-time", "ignore": ["prognosis"]}
    sections = dict(settings.values)["sections"]
    assert dict(dict(sections)["treatment"])["add"] == ("dosage",)  # names are normalised
    assert dict(dict(dict(sections)["treatment"])["synonyms"]) == {"dosage": ("How to take *",),
                                                                  "risks": ("Harms",)}
    outside = config.settings_for(tmp_path / "a.md")
    assert outside.options_for()["plain-language.jargon"] == {"report": "every-time"}


def test_empty_config_file_is_fine(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "# nothing yet\n")
    write(tmp_path / "a.md", "Plain words.\n")
    assert cli("check", "--select", "claims.hype", "a.md").exit_code == 0


# -- errors ------------------------------------------------------------------------------------

CONFIG_ERRORS = [
    # (id, .medlint.yaml, line, words)
    ("unknown-key", "select: [claims]\nselct: [claims]\n", 2, ["unknown configuration key 'selct'",
                                                              "did you mean 'select'"]),
    ("underscore-key", "fail_level: warning\n", 1, ["unknown configuration key 'fail_level'", "fail-level"]),
    ("bad-fail-level", "fail-level: warnng\n", 1, ["'fail-level'", "warnng"]),
    ("bad-severity", "severity:\n  claims.hype: fatal\n", 1, ["'severity'", "fatal"]),
    ("severity-not-mapping", "severity: error\n", 1, ["'severity'", "must map rule ids"]),
    ("bad-select", "select: [3]\n", 1, ["'select'", "list of strings"]),
    ("bad-ignore", "ignore: {a: 1}\n", 1, ["'ignore'", "list of strings"]),
    ("bad-exclude", "exclude: 5\n", 1, ["'exclude'", "list of strings"]),
    ("bad-rules", "rules: 5\n", 1, ["'rules'", "must map rule ids"]),
    ("bad-nlp", "nlp: {modle: x}\n", 1, ["'nlp'", "model"]),
    ("bad-nlp-model", "nlp: {model: 3}\n", 1, ["'nlp'", "model must be a string"]),
    ("unknown-rule-in-select", "select: [claims.hyp]\n", 1, ["unknown rule or rule family 'claims.hyp'"]),
    ("unknown-rule-in-ignore", "ignore:\n  - claims.hype\n  - nope\n", 1, ["unknown rule or rule family 'nope'"]),
    ("unknown-rule-in-severity", "severity:\n  claims.hype: info\n  claims.nope: error\n", 3,
     ["unknown rule or rule family 'claims.nope'"]),
    ("unknown-rule-option", "rules:\n  claims.hype:\n    colour: red\n", 3,
     ["rules.claims.hype: unknown option 'colour'"]),
    ("options-for-a-family", "rules:\n  claims:\n    colour: red\n", 3, ["'claims' is not a rule id"]),
    ("option-not-a-number", "rules:\n  readability.long-sentence:\n    max-words: thirty\n", 3,
     ["rules.readability.long-sentence: option 'max-words' must be a whole number, 0 or more, not 'thirty'"]),
    ("option-negative", "rules:\n  readability.long-sentence: {max-words: -1}\n", 2,
     ["'max-words' must be a whole number"]),
    ("option-a-boolean", "rules:\n  readability.section-grade: {margin: true}\n", 2,
     ["'margin' must be a whole number"]),
    ("option-not-a-list", "rules:\n  plain-language.jargon:\n    ignore: malignancy\n", 3,
     ["option 'ignore' must be a list of strings, not 'malignancy'"]),
    ("option-not-a-choice", "rules:\n  plain-language.jargon: {report: sometimes}\n", 2,
     ["option 'report' must be one of first-per-section, first-per-document, every"]),
    ("override-option-of-the-wrong-kind",
     "overrides:\n  - files: ['*.md']\n    rules:\n      plain-language.undefined-acronym: {known: [1, 2]}\n", 4,
     ["option 'known' must be a list of strings"]),
    ("missing-rule-dir", "select: [claims]\nrule-dirs: [nowhere]\n", 2, ["'rule-dirs'", "nowhere", "does not exist"]),
    ("overrides-not-list", "overrides: {files: x}\n", 1, ["'overrides' must be a list"]),
    ("override-without-files", "overrides:\n  - ignore: [claims]\n", 2, ["needs 'files'"]),
    ("override-bad-files", "overrides:\n  - files: 5\n    ignore: [claims]\n", 2, ["'files'"]),
    ("override-top-level-key", "overrides:\n  - files: ['*.md']\n    fail-level: warning\n", 3,
     ["unknown configuration key 'fail-level' in an override"]),
    ("override-unknown-key", "overrides:\n  - files: ['*.md']\n    colour: red\n", 3,
     ["unknown configuration key 'colour' in an override"]),
    ("override-unknown-rule", "overrides:\n  - files: ['*.md']\n    ignore: [nope]\n", 3,
     ["unknown rule or rule family 'nope'"]),
    ("override-unknown-option", "overrides:\n  - files: ['*.md']\n    rules:\n      claims.hype: {colour: 1}\n", 4,
     ["unknown option 'colour'"]),
    ("not-a-mapping", "- select\n- ignore\n", 1, ["configuration must be a mapping"]),
    ("yaml-syntax", "select: [claims\n", 2, ["invalid YAML"]),
]


@pytest.mark.parametrize("text, line, words", [case[1:] for case in CONFIG_ERRORS],
                         ids=[case[0] for case in CONFIG_ERRORS])
def test_bad_config_exits_2_with_path_line_and_key(tmp_path, cli, text, line, words):
    config = write(tmp_path / ".medlint.yaml", text)
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith(f"medlint: {config}:{line}: "), message
    for word in words:
        assert word in message
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text, line, words", [
    ('[tool.medlint]\nfail-level = "warning"\nselct = 1\n', 3, ["unknown configuration key 'selct'"]),
    ('[tool.medlint]\nfail-level = "sometimes"\n', 2, ["'fail-level'", "sometimes"]),
    ('[tool.medlint]\nrules = {"claims.hype" = {colour = 1}}\n', 2, ["unknown option 'colour'"]),
    ('[tool.medlint]\nrules = {"readability.long-sentence" = {max-words = 2.5}}\n', 2,
     ["option 'max-words' must be a whole number, 0 or more, not 2.5"]),
    ('[tool.medlint\nx = 1\n', 1, ["invalid TOML"]),
], ids=["unknown-key", "bad-value", "bad-option", "bad-option-value", "toml-syntax"])
def test_bad_pyproject_config_exits_2_with_path_line(tmp_path, cli, text, line, words):
    config = write(tmp_path / "pyproject.toml", text)
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"medlint: {config}:{line}: "), result.stderr
    for word in words:
        assert word in result.stderr


def test_config_option_with_missing_file_exits_2(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "--config", "missing.yaml", "a.md")
    assert result.exit_code == 2
    assert "missing.yaml: configuration file does not exist" in result.stderr


def test_config_option_pyproject_without_table_exits_2(tmp_path, cli):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "--config", "pyproject.toml", "a.md")
    assert result.exit_code == 2
    assert "no [tool.medlint] table" in result.stderr


def test_config_not_utf8_exits_2(tmp_path, cli):
    (tmp_path / ".medlint.yaml").write_bytes(b"select: [caf\xe9]\n")
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert ".medlint.yaml:1: not valid UTF-8 (byte 0xe9)" in result.stderr


def test_check_config_rules_reports_lines(tmp_path):
    path = write(tmp_path / ".medlint.yaml", "select:\n  - claims\nseverity:\n  claims.hype: info\n  nope.rule: error\n")
    config = load_config_file(path)
    with pytest.raises(SourceError) as info:
        check_config_rules(config, load_rules())
    assert info.value.line == 5


# -- medlint init ------------------------------------------------------------------------------

def test_init_writes_a_valid_commented_starter(tmp_path, cli):
    result = cli("init")
    assert result.exit_code == 0
    target = tmp_path / ".medlint.yaml"
    text = target.read_text(encoding="utf-8")
    assert text == STARTER_CONFIG
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 10
    config = load_config_file(target)
    check_config_rules(config, load_rules(config.rule_dirs))
    assert config.fail_level == "error"
    write(tmp_path / "a.md", "Plain words.\n")
    assert cli("check", "--select", "claims.hype", "a.md").exit_code == 0


def test_init_refuses_to_overwrite_without_force(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [claims]\n")
    result = cli("init")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (tmp_path / ".medlint.yaml").read_text() == "select: [claims]\n"
    assert cli("init", "--force").exit_code == 0
    assert (tmp_path / ".medlint.yaml").read_text() == STARTER_CONFIG


# -- per-rule options (`rules:`) ---------------------------------------------------------------

class OptionProbe(Rule):
    """A code-backed rule type for these tests: reports its options once per document."""

    type_name = "core-test-option-probe"
    placeholders = ("limit",)
    default_options: ClassVar[dict] = {"limit": 1, "words": []}
    scopes = ("document",)
    default_scope = "document"

    def check(self, ctx):
        yield ctx.document_finding(self, self.format_message(limit=ctx.options(self)["limit"]))


PROBE_PACK = """\
id: house.probe
type: core-test-option-probe
severity: info
message: "limit {limit}"
description: Reports its options.
options: {limit: 3}
"""


@pytest.fixture
def probe_site(tmp_path, monkeypatch):
    monkeypatch.setitem(rule_registry, OptionProbe.type_name, OptionProbe)
    write(tmp_path / "rules" / "probe.yaml", PROBE_PACK)
    write(tmp_path / "a.md", "Words.\n")
    write(tmp_path / "special" / "b.md", "Words.\n")
    return tmp_path


def probe_messages(cli, *paths: str) -> dict[str, str]:
    data = json.loads(cli("check", "--format", "json", "--select", "house", *paths).stdout)
    return {file["path"]: [f["message"] for f in file["findings"]] for file in data["files"]}


def test_rule_options_default_from_the_rule_file(probe_site, cli):
    write(probe_site / ".medlint.yaml", "rule-dirs: [rules]\n")
    assert probe_messages(cli, "a.md") == {"a.md": ["limit 3"]}
    explained = cli("explain", "house.probe").stdout
    assert "Options (set under `rules: {house.probe: {...}}` in the config):" in explained
    assert "  limit: 3" in explained


def test_rule_options_from_config_and_overrides(probe_site, cli):
    write(probe_site / ".medlint.yaml", """\
        rule-dirs: [rules]
        rules:
          house.probe: {limit: 5}
        overrides:
          - files: ["special/**"]
            rules:
              house.probe: {limit: 7}
        """)
    assert probe_messages(cli, "a.md", "special/b.md") == {"a.md": ["limit 5"], "special/b.md": ["limit 7"]}


def test_unknown_rule_option_lists_the_known_ones(probe_site, cli):
    config = write(probe_site / ".medlint.yaml", "rule-dirs: [rules]\nrules:\n  house.probe:\n    limt: 5\n")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"medlint: {config}:4: rules.house.probe: unknown option 'limt' "
                                     "(options: limit, words)")


def test_select_option_beats_select_in_overrides(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "overrides:\n  - files: ['news/**']\n    select: [language]\n")
    write(tmp_path / "news" / "a.md", "Diabetics want a miracle.\n")
    assert rules_of(findings(cli, "news/a.md")) == {"language.person-first"}
    assert rules_of(findings(cli, "--select", "claims.hype", "news/a.md")) == {"claims.hype"}
