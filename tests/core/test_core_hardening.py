"""Inputs that once crashed, hung or exhausted medlint: each is now a finding, a skip line or a
config error with its line, and the run goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.linter import Source, lint, lint_sources

BOMB = ("a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
        + "title: *i\n")


def rules_at(findings, prefix="document."):
    return [(f.rule, f.line, f.column) for f in findings if f.rule.startswith(prefix)]


# -- parsers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path, text, where", [
    ("a.html", "<p>Hello <![ world</p>\n", (1, 10)),
    ("a.md", "Some text.\n\n<p>Hello <![ world</p>\n", (3, 10)),
])
def test_unopened_marked_section_is_text_and_a_warning(path, text, where):
    found = rules_at(lint(text, path))
    assert found == [("document.parse-error", *where)]


def test_a_parser_failure_costs_the_structure_not_the_run(monkeypatch):
    import medlint.document as document

    def broken(doc, start):  # noqa: ANN001
        raise IndexError("a bug")

    monkeypatch.setattr(document, "parse_markdown", broken)
    findings = lint("# Title\n\nThis miracle cure works.\n", "a.md")
    assert ("document.parse-error", 1, 1) in rules_at(findings)
    assert any(f.rule == "claims.hype" and f.line == 3 for f in findings)  # the text was still read


def test_lone_surrogates_are_replaced_and_reported():
    findings = lint("# Title\n\nHello \ud800 world, a miracle cure.\n", "a.md")
    assert ("document.encoding", 3, 7) in rules_at(findings)
    assert any(f.rule == "claims.hype" for f in findings)


def test_long_symbol_runs_reach_spacy_as_spaces_offsets_kept():
    from medlint.nlp import _calm, pipe

    text = 'Before ' + '"' * 5000 + ' after a miracle cure.'
    calm = _calm(text)
    assert len(calm) == len(text) and calm.startswith("Before ") and '"' not in calm
    (doc,) = list(pipe(None, [text]))
    assert [t.text for t in doc if t.text.strip()] == ["Before", "after", "a", "miracle", "cure", "."]
    assert doc[-2].idx == text.index(".") - 4  # "cure" stands where it stood


def test_alias_bomb_in_front_matter_is_refused():
    findings = lint(f"---\n{BOMB}---\nBody text here.\n", "a.md")
    (problem,) = [f for f in findings if f.rule == "document.front-matter-invalid"]
    assert "aliases expand to more than 100,000" in problem.message


def test_deeply_nested_front_matter_is_reported():
    text = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n"
    assert [f for f in lint(text, "a.md") if f.rule == "document.front-matter-invalid"]


# -- positions ---------------------------------------------------------------------------------

def test_bare_cr_ends_a_line_and_a_bom_takes_no_column():
    findings = lint("\ufeffA miracle cure.\rAnother miracle cure.\n", "a.txt")
    hype = [(f.line, f.column) for f in findings if f.rule == "claims.hype"]
    assert hype == [(1, 3), (2, 9)]


def test_control_characters_in_a_file_name_are_escaped(cli, tmp_path):
    (tmp_path / "new\nline.md").write_text("# T\n\nA miracle cure.\n", encoding="utf-8")
    result = cli("check", "new\nline.md", "--select", "claims.hype")
    assert "new\\x0aline.md:3:3: warning claims.hype" in result.output


# -- files on disk -------------------------------------------------------------------------------

def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDLINT_NO_KB_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_devices_and_symlink_loops_are_skipped_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "ok.md").write_text("# T\n\nA miracle cure.\n", encoding="utf-8")
    result = run_cli("check", ".", "--select", "claims.hype", "--format", "json", cwd=tmp_path, timeout=60)
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["ok.md"]
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert reasons == {"a.md": "symbolic link loop", "b.md": "symbolic link loop",
                       "pipe.md": "not a regular file (a FIFO, device, socket or folder)",
                       "zero.md": "not a regular file (a FIFO, device, socket or folder)"}
    assert result.stderr.count("medlint: skipped") == 4 and "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_is_skipped_with_one_line(cli, tmp_path):
    (tmp_path / ".medlint.yaml").write_text("max-file-size: 1KB\n", encoding="utf-8")
    (tmp_path / "big.md").write_text("A miracle cure. " * 100, encoding="utf-8")
    (tmp_path / "small.md").write_text("A miracle cure.\n", encoding="utf-8")
    result = cli("check", ".", "--select", "claims.hype")
    assert "medlint: skipped big.md: 1,600 bytes, over the 1,000 bytes limit ('max-file-size'" in result.stderr
    assert "small.md:1:3: warning claims.hype" in result.stdout and "big.md:" not in result.stdout


@pytest.mark.parametrize("value, message", [
    ("fast", "'max-file-size': must be a size such as 5000000, '5MB' or '500KB'"),
    ("0", "'max-file-size': must be at least 1 byte"),
])
def test_bad_size_limit_is_a_config_error(cli, tmp_path, value, message):
    (tmp_path / ".medlint.yaml").write_text(f"max-file-size: {value}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2 and f".medlint.yaml:1: {message}" in result.stderr


# -- configuration and rule packs ----------------------------------------------------------------

def check_config(cli, tmp_path, name: str, content: bytes | str) -> str:
    target = tmp_path / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


@pytest.mark.parametrize("name, content, expected", [
    (".medlint.yaml", "fail-level: error\nfail-level: never\n", ".medlint.yaml:2: invalid YAML: duplicate key 'fail-level'"),
    (".medlint.yaml", "article-type: banana\n", ".medlint.yaml:1: 'article-type': must be auto or a known article type"),
    (".medlint.yaml", b"x: 1\n\x00\x01", ".medlint.yaml:2: not a text file (it contains NUL bytes)"),
    (".medlint.yaml", "fail-level: error\n".encode("utf-16"), ".medlint.yaml:1: configuration files must be UTF-8"),
    (".medlint.yaml", b"fail-level: error\n# caf\xe9\n", ".medlint.yaml:2: not valid UTF-8 (byte 0xe9)"),
    (".medlint.yaml", BOMB, ".medlint.yaml:1: invalid YAML: its aliases expand to more than 100,000"),
    ("pyproject.toml", '[tool]\nmedlint = "strict"\n', "pyproject.toml:2: 'tool.medlint' must be a table"),
    ("pyproject.toml", '[tool.medlint]\n[tool.medlint.rules."claims.hype"]\nnosuch = 3\n',
     "pyproject.toml:2: rules.claims.hype: unknown option 'nosuch'"),
    ("pyproject.toml", "[tool.medlint]\nselect = [1\n", "pyproject.toml:3: invalid TOML"),
])
def test_config_problems_exit_2_with_their_line(cli, tmp_path, name, content, expected):
    assert expected in check_config(cli, tmp_path, name, content)


def test_a_folder_named_like_the_config_is_reported(cli, tmp_path):
    (tmp_path / ".medlint.yaml").mkdir()
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2 and "a folder has a configuration file's name" in result.stderr


@pytest.mark.parametrize("folder", ["/", "../outside"])
def test_rule_dirs_outside_the_project_are_refused(cli, tmp_path, folder):
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside").mkdir()
    (project / ".medlint.yaml").write_text(f"rule-dirs: [{folder}]\n", encoding="utf-8")
    (project / "a.md").write_text("Text.\n", encoding="utf-8")
    os.chdir(project)
    result = cli("check", "a.md")
    assert result.exit_code == 2 and ".medlint.yaml:1: 'rule-dirs': folder" in result.stderr
    assert "is outside the project" in result.stderr


SLOW_RULE = """\
id: custom.slow
type: existence
severity: warning
message: "slow {match}"
description: a rule whose pattern backtracks without end
regex: ["(a+)+$"]
examples:
  bad: ["aaa"]
  good: ["b"]
"""


def test_a_rule_regex_that_can_backtrack_exponentially_is_refused(cli, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yaml").write_text(SLOW_RULE, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [rules]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("a" * 40 + "b\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert "slow.yaml:6: rule custom.slow: regex '(a+)+$' in 'regex' can take exponential time" in result.stderr


@pytest.mark.parametrize("pattern, slow", [
    ("(a+)+$", True), (r"(\w*\s?)*", True), (r"(?:\d+\s*){2,}", True), ("([a-z]+)*$", True),
    (r"\b(?:miracle|cure)s?\b", False), (r"(?:[a-z]+-)+[a-z]+", False), (r"(?:\s+\w+){0,3}", False),
    (r"\d+(?:\.\d+)?%", False), (r"(?:\w+\s)+done", False),
])
def test_catastrophic_patterns_are_told_from_safe_ones(pattern, slow):
    from medlint.engine.regex_safety import catastrophic

    assert bool(catastrophic(pattern)) is slow


def test_every_builtin_rule_pattern_is_safe():
    from medlint.engine.loader import load_rules
    from medlint.engine.regex_safety import catastrophic

    patterns = [p for rule in load_rules().rules for spec in _specs(rule) for p in spec.regexes]
    assert patterns and not [p for p in patterns if catastrophic(p)]


def _specs(rule):  # noqa: ANN001
    return [value for value in vars(rule).values() if hasattr(value, "regexes")]


# -- memory ------------------------------------------------------------------------------------

def test_word_caches_are_bounded(monkeypatch):
    from medlint.readability import counts, syllables

    monkeypatch.setattr(syllables, "_CACHE_LIMIT", 50)
    monkeypatch.setattr(counts, "_PACKED_LIMIT", 80)
    for batch in range(3):  # 1,200 new words in all
        words = " ".join(f"zq{batch}{n:03d}x" for n in range(400))
        lint(f"# T\n\n{words}.\n", "a.md")
        assert len(syllables._cache) <= 50 and len(counts._packed) <= 400


def test_a_server_can_release_the_words_it_met():
    from medlint.nlp import get_pipeline

    strings = get_pipeline(None).vocab.strings
    lint_sources([Source("a.md", b"# T\n\nWarm up.\n")], release_words=True)
    before = len(strings)
    for batch in range(3):
        text = " ".join(f"qx{batch}w{n}" for n in range(200))
        lint_sources([Source("a.md", f"# T\n\n{text}.\n".encode())], release_words=True)
    assert len(strings) == before


# -- the per-file budget -----------------------------------------------------------------------

def test_a_file_over_its_time_budget_says_it_was_not_fully_checked(tmp_path):
    from medlint.config import parse_config

    config = parse_config({"time-budget": 0.000001}, tmp_path / ".medlint.yaml")
    findings = lint_sources([Source("a.md", b"# T\n\nA miracle cure.\n", config)])[0].findings
    (finding,) = [f for f in findings if f.rule == "document.incomplete"]
    assert (finding.line, finding.column) == (1, 1)
    assert "budget ('time-budget')" in finding.message and "rules were not run" in finding.message
    assert not [f for f in lint("# T\n\nA miracle cure.\n", "a.md") if f.rule == "document.incomplete"]


def test_a_corrupt_lexicon_is_named_once(cli, tmp_path):
    (tmp_path / "lex.json").write_text("{bad json", encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("drug-lexicon: lex.json\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2 and result.stderr.count("lex.json") == 1


def test_a_20_mb_article_is_skipped_under_the_default_limit(cli, tmp_path):
    (tmp_path / "huge.md").write_bytes(b"# Huge\n\n" + b"A plain sentence about health. " * 645_161)
    result = cli("check", "huge.md")
    assert result.exit_code == 0
    assert "medlint: skipped huge.md: 20.0 MB, over the 5.0 MB limit ('max-file-size'" in result.stderr
