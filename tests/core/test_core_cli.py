"""The `medlint` command line: check, rules, explain, init; output formats and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from medlint import __version__
from medlint.cli import _json_extra
from medlint.engine.loader import load_rules
from medlint.finding import Finding, Severity
from medlint.linter import FileResult
from medlint.reporters.text import TextReporter

HYPE = "An article about a miracle cure.\n"          # claims.hype (warning) at 1:20
BROKEN = "---\ntitle: [broken\n---\nPlain words.\n"  # document.front-matter-invalid (error) at 3:1
CLEAN = "Plain words about sleep.\n"
ONLY = "--select=claims.hype,document"  # keep other rule families out of these tests
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                  r"(?P<rule>[a-z0-9.-]+) (?P<message>.+)$")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check_json(cli, *args: str) -> dict:
    result = cli("check", "--format", "json", ONLY, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# -- exit codes ----------------------------------------------------------------------------------

def test_clean_file_exits_0(tmp_path, cli):
    write(tmp_path / "a.md", CLEAN)
    result = cli("check", ONLY, "a.md")
    assert result.exit_code == 0
    assert result.stdout == "0 errors, 0 warnings, 0 info in 1 file\n"


def test_warning_below_default_fail_level_exits_0(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    result = cli("check", ONLY, "a.md")
    assert result.exit_code == 0
    assert "a.md:1:20: warning claims.hype" in result.stdout


def test_error_exits_1(tmp_path, cli):
    write(tmp_path / "a.md", BROKEN)
    result = cli("check", ONLY, "a.md")
    assert result.exit_code == 1
    assert "a.md:3:1: error document.front-matter-invalid front matter is not valid YAML" in result.stdout


@pytest.mark.parametrize("level, hype, broken", [
    ("error", 0, 1), ("warning", 1, 1), ("info", 1, 1), ("never", 0, 0),
])
def test_fail_level_option(tmp_path, cli, level, hype, broken):
    write(tmp_path / "hype.md", HYPE)
    write(tmp_path / "broken.md", BROKEN)
    assert cli("check", ONLY, "--fail-level", level, "hype.md").exit_code == hype
    assert cli("check", ONLY, "--fail-level", level, "broken.md").exit_code == broken


def test_info_findings_and_fail_level_info(tmp_path, cli):
    write(tmp_path / "a.md", "Diabetics should check their feet.\n")
    assert cli("check", "--select", "language.person-first", "a.md").exit_code == 0
    assert cli("check", "--select", "language.person-first", "--fail-level", "warning", "a.md").exit_code == 0
    assert cli("check", "--select", "language.person-first", "--fail-level", "info", "a.md").exit_code == 1


@pytest.mark.parametrize("args, words", [
    (["check", "missing.md"], "path does not exist: missing.md"),
    (["check", "a.md", "missing-folder"], "path does not exist: missing-folder"),
    (["check", "--select", "nope", "a.md"], "unknown rule or rule family 'nope'"),
    (["check", "--ignore", "claims,nope", "a.md"], "unknown rule or rule family 'nope'"),
    (["check", "--format", "xml", "a.md"], "'xml' is not one of"),
    (["check", "--fail-level", "fatal", "a.md"], "'fatal' is not one of"),
    (["check", "--today", "2026-13-01", "a.md"], "is not a date like"),
    (["check", "--config", "missing.yaml", "a.md"], "missing.yaml: configuration file does not exist"),
    (["check", "--bogus", "a.md"], "No such option"),
    (["explain", "claims.hyp"], "unknown rule 'claims.hyp'; did you mean claims.hype"),
    (["explain", "zzz"], "unknown rule 'zzz'"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2(tmp_path, cli, args, words):
    write(tmp_path / "a.md", HYPE)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert result.stdout == ""


def test_unknown_select_is_checked_even_with_no_files(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    assert cli("check", "empty").exit_code == 0
    assert cli("check", "--select", "nope", "empty").exit_code == 2


# -- text output ---------------------------------------------------------------------------------

def test_text_output_lines_grouping_and_summary(tmp_path, cli):
    write(tmp_path / "b.md", BROKEN + "A miracle.\n")
    write(tmp_path / "a.md", HYPE)
    write(tmp_path / "c.md", CLEAN)
    result = cli("check", ONLY, "b.md", "a.md", "c.md")
    assert result.exit_code == 1
    lines = result.stdout.split("\n")
    assert lines[0].startswith("b.md:3:1: error document.front-matter-invalid front matter is not valid YAML: ")
    assert lines[1:] == [
        "b.md:5:3: warning claims.hype 'miracle' is hype or absolute language; say what the evidence shows instead",
        "",
        "a.md:1:20: warning claims.hype 'miracle' is hype or absolute language; say what the evidence shows instead",
        "",
        "1 error, 2 warnings, 0 info in 3 files",
        "",
    ]
    for line in result.stdout.splitlines()[:2]:
        assert LINE.match(line)


def test_findings_are_sorted_by_position(tmp_path, cli):
    write(tmp_path / "a.md", "A breakthrough.\n\nA miracle and a miracle.\n")
    lines = cli("check", ONLY, "a.md").stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:3]] == ["a.md:1:3", "a.md:3:3", "a.md:3:17"]


def test_quiet_prints_findings_only(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    write(tmp_path / "c.md", CLEAN)
    result = cli("check", ONLY, "--quiet", "a.md", "c.md")
    assert result.stdout.splitlines() == [
        "a.md:1:20: warning claims.hype 'miracle' is hype or absolute language; say what the evidence shows instead"]
    assert cli("check", ONLY, "-q", "c.md").stdout == ""


def test_no_colour_when_not_a_terminal(tmp_path, cli):
    write(tmp_path / "a.md", BROKEN + HYPE)
    assert not ANSI.search(cli("check", ONLY, "a.md").output)


def test_text_reporter_colours_when_asked():
    lines: list[str] = []
    finding = Finding("claims.hype", Severity.WARNING, 1, 2, 1, 9, "message", "better")
    TextReporter(lines.append, colour=True, quiet=False).file(FileResult("a.md", [finding]))
    assert ANSI.search(lines[0])
    assert ANSI.sub("", lines[0]) == "a.md:1:2: warning claims.hype message (suggestion: better)"
    plain: list[str] = []
    TextReporter(plain.append, colour=False, quiet=False).file(FileResult("a.md", [finding]))
    assert plain == ["a.md:1:2: warning claims.hype message (suggestion: better)"]


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run `python -m medlint ARGS` with stdout on a pseudo-terminal; return what it printed."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        process = subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, env=env, stdout=slave,
                                 stderr=subprocess.PIPE, timeout=300, check=False)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.returncode == 0, process.stderr
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    write(tmp_path / "a.md", HYPE)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _run_on_terminal(["check", ONLY, "a.md"], tmp_path, env)
    assert ANSI.search(coloured)
    assert "claims.hype" in ANSI.sub("", coloured)
    plain = _run_on_terminal(["check", ONLY, "--no-color", "a.md"], tmp_path, env)
    assert "claims.hype" in plain and not ANSI.search(plain)
    no_color_env = _run_on_terminal(["check", ONLY, "a.md"], tmp_path, {**env, "NO_COLOR": "1"})
    assert "claims.hype" in no_color_env and not ANSI.search(no_color_env)


# -- JSON output ---------------------------------------------------------------------------------

FINDING_KEYS = {"rule", "severity", "line", "column", "end_line", "end_column", "message", "suggestion", "evidence"}


def test_json_output_exact_keys(tmp_path, cli):
    write(tmp_path / "a.md", BROKEN + HYPE)
    write(tmp_path / "c.md", CLEAN)
    data = check_json(cli, "a.md", "c.md")
    assert set(data) == {"medlint_version", "schema", "files", "summary"} | set(_json_extra())
    assert data["medlint_version"] == __version__
    assert data["schema"] == 1
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 1, "info": 0}
    assert [f["path"] for f in data["files"]] == ["a.md", "c.md"]
    for file in data["files"]:
        assert set(file) == {"path", "findings", "metrics"}
        assert isinstance(file["metrics"], dict)
        for finding in file["findings"]:
            assert set(finding) == FINDING_KEYS
    broken, hype = data["files"][0]["findings"]
    assert broken["rule"] == "document.front-matter-invalid" and broken["severity"] == "error"
    assert hype == {
        "rule": "claims.hype", "severity": "warning", "line": 5, "column": 20, "end_line": 5, "end_column": 27,
        "message": "'miracle' is hype or absolute language; say what the evidence shows instead",
        "suggestion": None, "evidence": None,
    }
    assert data["files"][1]["findings"] == []


def test_json_output_with_no_files(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    data = check_json(cli, "empty")
    assert data["files"] == []
    assert data["summary"] == {"files": 0, "errors": 0, "warnings": 0, "info": 0}


def test_json_output_is_not_coloured_or_summarised(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    result = cli("check", "--format", "json", ONLY, "a.md")
    json.loads(result.stdout)  # the whole of stdout is one JSON document
    assert "in 1 file" not in result.stdout


def test_json_exit_code_follows_fail_level(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    assert cli("check", "--format", "json", ONLY, "a.md").exit_code == 0
    assert cli("check", "--format", "json", ONLY, "--fail-level", "warning", "a.md").exit_code == 1


def test_json_keeps_non_ascii(tmp_path, cli):
    write(tmp_path / "café.md", "Un miracle, café.\n")
    result = cli("check", "--format", "json", ONLY, "café.md")
    assert json.loads(result.stdout)["files"][0]["path"] == "café.md"


# -- what gets linted --------------------------------------------------------------------------

def test_folders_recursively_by_supported_extension(tmp_path, cli):
    for name in ("docs/a.md", "docs/b.markdown", "docs/c.mdx", "docs/d.html", "docs/e.htm", "docs/f.txt",
                 "docs/deep/er/g.md", "docs/UPPER.MD"):
        write(tmp_path / name, HYPE)
    for name in ("docs/notes.rst", "docs/script.py", "docs/.git/h.md", "docs/.hidden/i.md",
                 "docs/node_modules/j.md", ".git/k.md"):
        write(tmp_path / name, HYPE)
    data = check_json(cli, ".")
    assert sorted(f["path"] for f in data["files"]) == sorted([
        "docs/a.md", "docs/b.markdown", "docs/c.mdx", "docs/d.html", "docs/e.htm", "docs/f.txt",
        "docs/deep/er/g.md", "docs/UPPER.MD"])
    assert all(f["findings"] for f in data["files"])


def test_folder_argument_keeps_its_spelling_in_paths(tmp_path, cli):
    write(tmp_path / "docs" / "a.md", HYPE)
    data = check_json(cli, "docs")
    assert [f["path"] for f in data["files"]] == [str(Path("docs") / "a.md")]


def test_a_file_named_explicitly_is_linted_whatever_its_extension(tmp_path, cli):
    write(tmp_path / "notes.rst", HYPE)
    data = check_json(cli, "notes.rst")
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["claims.hype"]


def test_a_file_given_twice_is_linted_once(tmp_path, cli):
    write(tmp_path / "docs" / "a.md", HYPE)
    data = check_json(cli, "docs/a.md", "./docs/a.md", "docs", str(tmp_path / "docs" / "a.md"))
    assert len(data["files"]) == 1
    assert data["summary"]["files"] == 1


def test_excluded_files_are_skipped_even_when_named(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "exclude: ['drafts/**']\n")
    write(tmp_path / "drafts" / "a.md", HYPE)
    write(tmp_path / "b.md", HYPE)
    data = check_json(cli, "drafts/a.md", ".")
    assert [f["path"] for f in data["files"]] == ["b.md"]


def test_binary_and_non_utf8_files(tmp_path, cli):
    write(tmp_path / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00IHDR")
    write(tmp_path / "latin.txt", "Caf\u00e9 miracle.\n".encode("latin-1"))
    data = check_json(cli, "image.md", "latin.txt")
    rules = {f["path"]: [x["rule"] for x in f["findings"]] for f in data["files"]}
    assert rules == {"image.md": ["document.unreadable"], "latin.txt": ["document.encoding", "claims.hype"]}


def test_empty_file(tmp_path, cli):
    write(tmp_path / "empty.md", "")
    result = cli("check", ONLY, "empty.md")
    assert result.exit_code == 0
    assert result.stdout == "0 errors, 0 warnings, 0 info in 1 file\n"


# -- stdin ---------------------------------------------------------------------------------------

def test_stdin_with_filename_picks_format_and_path(tmp_path, cli):
    result = cli("check", ONLY, "-", "--stdin-filename", "page.html", input="<p>A <b>miracle</b></p>")
    assert result.exit_code == 0
    assert result.stdout.startswith("page.html:1:9: warning claims.hype")
    markdown = cli("check", ONLY, "-", "--stdin-filename", "a.md", input="Use `miracle` here.\n")
    assert "claims.hype" not in markdown.stdout  # Markdown: code is not prose


def test_stdin_without_filename(tmp_path, cli):
    result = cli("check", ONLY, "-", input=HYPE)
    assert result.stdout.startswith("<stdin>:1:20: warning claims.hype")


def test_stdin_bytes_that_are_not_utf8(tmp_path, cli):
    result = cli("check", ONLY, "-", "--stdin-filename", "a.txt", input="Caf\u00e9.\n".encode("latin-1"))
    assert "a.txt:1:4: warning document.encoding" in result.stdout


def test_stdin_uses_the_config_of_the_named_file(tmp_path, cli):
    write(tmp_path / "site" / ".medlint.yaml", "severity: {claims.hype: error}\n")
    result = cli("check", ONLY, "-", "--stdin-filename", "site/a.md", input=HYPE)
    assert result.exit_code == 1
    assert "site/a.md:1:20: error claims.hype" in result.stdout


def test_stdin_together_with_files(tmp_path, cli):
    write(tmp_path / "a.md", HYPE)
    data = json.loads(cli("check", "--format", "json", ONLY, "a.md", "-", "--stdin-filename", "in.md",
                          input=HYPE).stdout)
    assert [f["path"] for f in data["files"]] == ["a.md", "in.md"]


# -- options ---------------------------------------------------------------------------------------

def test_select_and_ignore_options_comma_separated_and_repeatable(tmp_path, cli):
    write(tmp_path / "a.md", BROKEN + "Diabetics want a miracle.\n")

    def rules(*args):
        data = json.loads(cli("check", "--format", "json", *args, "a.md").stdout)
        return {f["rule"] for f in data["files"][0]["findings"]}

    assert rules("--select", "claims.hype") == {"claims.hype"}
    assert rules("--select", "claims.hype,language") == {"claims.hype", "language.person-first"}
    assert rules("--select", "claims.hype", "--select", "document") == {"claims.hype", "document.front-matter-invalid"}
    assert rules("--select", "claims.hype,document,language", "--ignore", "document") == {
        "claims.hype", "language.person-first"}
    assert rules("--select", "claims.hype,document", "--ignore", "claims.hype", "--ignore", "document") == set()


def test_select_option_replaces_config_select_and_ignore_adds(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "select: [language]\nignore: [document]\n")
    write(tmp_path / "a.md", BROKEN + "Diabetics want a miracle.\n")
    data = json.loads(cli("check", "--format", "json", "--select", "claims.hype,document", "a.md").stdout)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"claims.hype"}


def test_today_option_is_accepted(tmp_path, cli):
    write(tmp_path / "a.md", CLEAN)
    assert cli("check", ONLY, "--today", "2020-02-29", "a.md").exit_code == 0


def test_version_option(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


# -- rules and explain ---------------------------------------------------------------------------

def test_rules_lists_every_rule_with_severity_and_summary(cli):
    result = cli("rules")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]  # not severity notes
    rules = load_rules().rules
    assert len(lines) == len(rules)
    listed = {}
    for line in lines:
        match = re.match(r"^(\S+) +(error|warning|info) +(.+)$", line)
        assert match, line
        listed[match.group(1)] = (match.group(2), match.group(3))
    assert listed == {r.id: (str(r.severity), r.summary) for r in rules}
    assert list(listed) == sorted(listed)
    assert listed["document.encoding"] == ("warning", "The file is not valid UTF-8.")


def test_rules_json(cli):
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert {r["id"] for r in data} == {r.id for r in load_rules().rules}
    for item in data:
        assert set(item) == {"id", "severity", "type", "summary", "builtin", "default_severity",
                             "severity_set_by", "severity_changes", "fix"}
        assert item["builtin"] is True


def test_explain_shows_description_examples_and_origin(cli):
    result = cli("explain", "claims.hype")
    assert result.exit_code == 0
    rule = load_rules().get("claims.hype")
    text = result.stdout
    assert text.startswith("claims.hype (warning, type existence, scope sentence)\n")
    assert rule.description in text
    assert "Flagged:" in text and "Not flagged:" in text
    assert f"  - {rule.examples_bad[0].text.strip().splitlines()[0]}" in text
    assert f"  - {rule.examples_good[0].text.strip().splitlines()[0]}" in text
    assert "Docs: docs/rules/claims.hype.md in the medlint repository" in text
    assert text.rstrip().endswith(f"Defined in {rule.origin.path}:{rule.origin.line} (built-in)")
    assert "rules/packs/claims-hype.yaml" in str(rule.origin.path).replace(os.sep, "/")


def test_explain_shows_example_encoding(cli):
    assert "[example.txt, latin-1]" in cli("explain", "document.encoding").stdout


@pytest.mark.parametrize("rule_id", [r.id for r in load_rules().rules])
def test_explain_works_for_every_rule(cli, rule_id):
    result = cli("explain", rule_id)
    assert result.exit_code == 0
    assert result.stdout.startswith(rule_id + " (")


# -- real processes --------------------------------------------------------------------------------

def _medlint(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=300, check=False)


def test_subprocess_exit_codes_without_tracebacks(tmp_path):
    write(tmp_path / "clean.md", CLEAN)
    write(tmp_path / "broken.md", BROKEN)
    write(tmp_path / "binary.md", b"\x00\x01\x02")
    write(tmp_path / "bad-config" / ".medlint.yaml", "selct: [claims]\n")
    write(tmp_path / "bad-config" / "a.md", CLEAN)
    runs = {
        "clean": (_medlint("check", ONLY, "clean.md", "binary.md", cwd=tmp_path), 0),
        "error": (_medlint("check", ONLY, "broken.md", cwd=tmp_path), 1),
        "config": (_medlint("check", "bad-config/a.md", cwd=tmp_path), 2),
        "missing": (_medlint("check", "nope.md", cwd=tmp_path), 2),
        "stdin": (_medlint("check", ONLY, "-", "--stdin-filename", "x.md", cwd=tmp_path, stdin=BROKEN.encode()), 1),
    }
    for name, (process, code) in runs.items():
        assert process.returncode == code, (name, process.stdout, process.stderr)
        assert b"Traceback" not in process.stderr + process.stdout, name
    assert runs["clean"][0].stdout.decode().endswith("0 errors, 1 warning, 0 info in 2 files\n")
    assert runs["config"][0].stderr.decode().startswith("medlint: ")
    assert "unknown configuration key 'selct'" in runs["config"][0].stderr.decode()
    assert b"\x1b[" not in runs["error"][0].stdout  # a pipe is not a terminal


def test_subprocess_json_is_valid_utf8_json(tmp_path):
    write(tmp_path / "a.md", "Ünïcode miracle — “quoted”.\n")
    process = _medlint("check", "--format", "json", ONLY, "a.md", cwd=tmp_path)
    data = json.loads(process.stdout.decode("utf-8"))
    assert data["files"][0]["findings"][0]["column"] == 9


def test_explain_a_family_lists_its_rules(cli):
    result = cli("explain", "claims")
    assert result.exit_code == 0
    assert result.output.startswith("claims: ")
    assert "claims.outdated-not-approved" in result.output and "error" in result.output
    assert "readability." not in result.output


def test_statistics_count_findings_per_rule(cli, tmp_path):
    write(tmp_path / "a.md", "# A\n\nA miracle cure. Another miracle.\n")
    write(tmp_path / "b.md", "# B\n\nA breakthrough.\n")
    result = cli("check", "a.md", "b.md", "--select", "claims.hype", "--statistics")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["3", "claims.hype", "warning", "2", "files"]
    assert "a.md:" not in result.stdout  # no finding lines
    data = json.loads(cli("check", "a.md", "b.md", "--select", "claims.hype", "--statistics",
                          "--format", "json").stdout)
    assert data["statistics"] == [{"rule": "claims.hype", "count": 3, "severity": "warning", "files": 2}]
    assert len(data["files"]) == 2


def test_output_file_takes_the_report(cli, tmp_path):
    write(tmp_path / "a.md", "# A\n\nA miracle cure.\n")
    result = cli("check", "a.md", "--select", "claims.hype", "--output-file", "report.txt")
    assert result.exit_code == 0 and result.stdout == ""
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "a.md:3:3: warning claims.hype" in report


def test_github_format_writes_one_annotation_per_finding(cli, tmp_path):
    write(tmp_path / "a, b.md", "# A\n\nA miracle cure.\n")
    result = cli("check", "a, b.md", "--select", "claims.hype", "--format", "github")
    first = result.stdout.splitlines()[0]
    assert first.startswith("::warning file=a%2C b.md,line=3,col=3,endLine=3,endColumn=10,title=claims.hype::")
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning, 0 info in 1 file"


def test_github_format_is_the_default_on_github_actions(cli, tmp_path, monkeypatch):
    write(tmp_path / "a.md", "# A\n\nA miracle cure.\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("check", "a.md", "--select", "claims.hype").stdout.startswith("::warning file=a.md,")
    assert cli("check", "a.md", "--select", "claims.hype", "--format", "text").stdout.startswith("a.md:3:3:")


def test_github_annotation_escapes_its_data():
    from medlint.finding import Finding, Severity
    from medlint.reporters.github import annotation

    finding = Finding("x.y", Severity.ERROR, 1, 2, 1, 3, "100% sure:\nnext")
    assert annotation("d:e.md", finding) == "::error file=d%3Ae.md,line=1,col=2,endLine=1,endColumn=3,title=x.y::100%25 sure:%0Anext"


def test_junit_and_checkstyle_are_xml_a_parser_reads(cli, tmp_path):
    import xml.etree.ElementTree as ET

    write(tmp_path / "bad & <odd>.md", "# A\n\nA miracle cure, \"really\".\n")
    write(tmp_path / "clean.md", "# A\n\nPlain words.\n")
    junit = ET.fromstring(cli("check", "bad & <odd>.md", "clean.md", "--select", "claims.hype",
                              "--fail-level", "warning", "--format", "junit").stdout.split("\n", 1)[1])
    suite = junit.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["bad & <odd>.md"].find("failure").get("type") == "claims.hype"
    assert "3:3: warning claims.hype" in cases["bad & <odd>.md"].find("failure").text
    assert cases["clean.md"].find("failure") is None
    style = ET.fromstring(cli("check", "bad & <odd>.md", "clean.md", "--select", "claims.hype",
                              "--format", "checkstyle").stdout.split("\n", 1)[1])
    (error,) = style.iter("error")
    assert (error.get("line"), error.get("column"), error.get("severity"), error.get("source")) == \
        ("3", "3", "warning", "medlint.claims.hype")
    assert [f.get("name") for f in style.iter("file")] == ["bad & <odd>.md", "clean.md"]


def test_output_file_in_a_missing_folder_is_a_usage_error(cli, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nRest helps.\n", encoding="utf-8")
    result = cli("check", str(article), "--output-file", str(tmp_path / "no" / "such" / "report.json"))
    assert result.exit_code == 2
    assert "cannot write the report" in result.output and "Traceback" not in result.output
