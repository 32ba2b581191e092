"""`medlint baseline` and `check --baseline`: accepted findings stay hidden while lines move; new
ones are reported; `--update-baseline` drops fixed ones and never adds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from medlint.document import SUPPORTED_SUFFIXES

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
DAY = ["--today", "2026-11-26"]
HYPE = "--select=claims.hype"
# two identical findings (same span, same sentence) and one other
ARTICLE = ("# Notes\n\nThis miracle cure helps.\n\nThis miracle cure helps.\n\n"
           "A breakthrough for some people.\n")
PLANTED = "Zantac is an FDA-approved choice for heartburn."  # claims.outdated-approval (rule example)


def check_json(cli, *args: str) -> tuple[int, dict]:
    result = cli("check", "--format", "json", *DAY, *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def findings(report: dict) -> list[tuple[str, str, int]]:
    return [(f["path"], x["rule"], x["line"]) for f in report["files"] for x in f["findings"]]


def entries(path: Path) -> list[tuple[str, str, int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(name, e["rule"], e["line"]) for name, items in data["files"].items() for e in items]


def pad_articles(root: Path, lines: int = 20) -> int:
    """Blank lines at the top of every article's body: after the front matter, else first."""
    count = 0
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        front = re.match(r"---\n.*?\n---\n", text, re.S) if path.suffix in (".md", ".mdx", ".markdown") else None
        cut = front.end() if front else 0
        path.write_text(text[:cut] + "\n" * lines + text[cut:], encoding="utf-8")
        count += 1
    return count


# -- acceptance: lines move, nothing is reported; a planted claim is --------------------------------

def test_corpus_baseline_survives_20_inserted_lines_and_reports_a_planted_claim(tmp_path, cli):
    shutil.copytree(CORPORA, tmp_path / "corpora")
    code, before = check_json(cli, "corpora")
    assert code == 1 and len(findings(before)) > 50

    written = cli("baseline", "corpora", *DAY)
    assert written.exit_code == 0, written.output
    assert written.stdout == ""  # nothing reported while writing
    baseline = tmp_path / ".medlint-baseline.json"
    assert sorted(entries(baseline)) == sorted(findings(before))
    assert f"wrote {len(findings(before))} findings" in written.stderr

    assert pad_articles(tmp_path / "corpora") >= 10
    code, after = check_json(cli, "corpora", "--baseline", ".medlint-baseline.json")
    assert code == 0 and findings(after) == []
    assert after["baseline"]["hidden"] == len(findings(before)) and after["baseline"]["fixed"] == 0
    assert after["summary"]["files"] == before["summary"]["files"]

    target = tmp_path / "corpora/articles/readability/bp-grade5.md"
    lines = target.read_text(encoding="utf-8").split("\n")
    lines[20] = PLANTED  # the 21st line: one of the blank ones
    target.write_text("\n".join(lines), encoding="utf-8")
    code, planted = check_json(cli, "corpora", "--baseline", ".medlint-baseline.json")
    assert code == 1
    assert findings(planted) == [("corpora/articles/readability/bp-grade5.md", "claims.outdated-approval", 21)]


# -- matching ------------------------------------------------------------------------------------

def test_identical_findings_are_a_multiset(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert cli("baseline", HYPE, "a.md").exit_code == 0
    assert [rule for _, rule, _ in entries(tmp_path / ".medlint-baseline.json")] == ["claims.hype"] * 3
    assert findings(check_json(cli, HYPE, "a.md", "--baseline", ".medlint-baseline.json")[1]) == []

    article.write_text(ARTICLE + "\nThis miracle cure helps.\n", encoding="utf-8")  # a third copy
    code, report = check_json(cli, HYPE, "a.md", "--baseline", ".medlint-baseline.json")
    assert code == 0  # hype is a warning
    assert findings(report) == [("a.md", "claims.hype", 9)]
    assert report["baseline"]["hidden"] == 3


def test_a_changed_sentence_is_a_new_finding(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cli("baseline", HYPE, "a.md")
    article.write_text(ARTICLE.replace("A breakthrough for some", "A breakthrough for many"), encoding="utf-8")
    _, report = check_json(cli, HYPE, "a.md", "--baseline", ".medlint-baseline.json")
    assert findings(report) == [("a.md", "claims.hype", 7)]
    assert report["baseline"] == {"path": ".medlint-baseline.json", "hidden": 2, "fixed": 1}


def test_paths_are_relative_to_the_baseline_folder(tmp_path, cli, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ci").mkdir()
    assert cli("baseline", HYPE, "docs", "-o", "ci/base.json").exit_code == 0
    data = json.loads((tmp_path / "ci" / "base.json").read_text(encoding="utf-8"))
    assert list(data["files"]) == ["../docs/a.md"]

    monkeypatch.chdir(tmp_path / "docs")  # another working folder, another spelling of the path
    code, report = check_json(cli, HYPE, "a.md", "--baseline", "../ci/base.json")
    assert code == 0 and findings(report) == [] and report["baseline"]["hidden"] == 3


def test_baseline_file_is_stable_readable_json(tmp_path, cli):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.md").write_text("A miracle.\n", encoding="utf-8")
    cli("baseline", HYPE, "b", "a.md", "-o", "one.json")
    cli("baseline", HYPE, "a.md", "b", "-o", "two.json")
    text = (tmp_path / "one.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "two.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1 and list(data["files"]) == ["a.md", "b/z.md"]
    first = data["files"]["b/z.md"][0]
    assert set(first) == {"rule", "key", "line", "message"}
    assert first["line"] == 3 and "miracle" in first["message"]
    assert [e["line"] for e in data["files"]["b/z.md"]] == [3, 5, 7]
    assert text.count("\n") > 10 and text.endswith("\n")  # pretty: one field a line


# -- what is reported and counted ------------------------------------------------------------------

def test_hidden_findings_do_not_count_for_exit_code_or_statistics(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(PLANTED + "\n", encoding="utf-8")
    assert cli("check", *DAY, "--select=claims", "a.md").exit_code == 1
    cli("baseline", *DAY, "--select=claims", "a.md")
    article.write_text(PLANTED + " A miracle.\n", encoding="utf-8")
    result = cli("check", *DAY, "--select=claims", "a.md", "--baseline", ".medlint-baseline.json", "--statistics")
    assert result.exit_code == 0, result.output
    assert "claims.outdated-approval" not in result.stdout
    assert re.search(r"^\s+1\s+claims\.hype\s", result.stdout, re.M)
    assert "0 errors, 1 warning, 0 info in 1 file (1 hidden by the baseline)" in result.stdout


def test_github_format_summary_names_the_hidden_count(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    cli("baseline", HYPE, "a.md")
    result = cli("check", HYPE, "--format", "github", "a.md", "--baseline", ".medlint-baseline.json")
    assert result.stdout.strip().endswith("(3 hidden by the baseline)")
    assert "::" not in result.stdout


# -- --update-baseline ----------------------------------------------------------------------------

def test_update_drops_fixed_findings_and_never_adds(tmp_path, cli):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cli("baseline", HYPE, "a.md")
    article.write_text(ARTICLE.replace("This miracle cure helps.\n\n", "", 1) + "\nA miracle diet.\n",
                       encoding="utf-8")
    _, report = check_json(cli, HYPE, "a.md", "--baseline", ".medlint-baseline.json")
    assert report["baseline"]["fixed"] == 1 and len(findings(report)) == 1  # the new one
    text = cli("check", HYPE, "a.md", "--baseline", ".medlint-baseline.json")
    assert "(2 hidden by the baseline; 1 fixed since, which --update-baseline drops)" in text.stdout

    result = cli("check", HYPE, "a.md", "--baseline", ".medlint-baseline.json", "--update-baseline")
    assert result.exit_code == 0
    assert "dropped 1 fixed finding, 2 left" in result.stderr
    kept = entries(tmp_path / ".medlint-baseline.json")
    assert [(rule, line) for _, rule, line in kept] == [("claims.hype", 3), ("claims.hype", 5)]  # lines of today
    _, again = check_json(cli, HYPE, "a.md", "--baseline", ".medlint-baseline.json")
    assert findings(again) == [("a.md", "claims.hype", 7)]  # still new: not added by the update
    assert again["baseline"]["fixed"] == 0


def test_update_keeps_entries_of_rules_and_files_not_checked(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gone.md").write_text(ARTICLE, encoding="utf-8")
    cli("baseline", *DAY, "a.md", "b.md", "gone.md")
    every = entries(tmp_path / ".medlint-baseline.json")
    assert {rule for _, rule, _ in every} - {"claims.hype"}  # other rules too
    (tmp_path / "gone.md").unlink()
    result = cli("check", *DAY, HYPE, "a.md", "--baseline", ".medlint-baseline.json", "--update-baseline")
    assert result.exit_code == 0, result.output
    left = entries(tmp_path / ".medlint-baseline.json")
    assert sorted(left) == sorted(e for e in every if e[0] != "gone.md")


def test_update_without_changes_leaves_the_file_alone(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    cli("baseline", HYPE, "a.md")
    path = tmp_path / ".medlint-baseline.json"
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")  # an odd editor
    before = path.read_bytes()
    result = cli("check", HYPE, "a.md", "--baseline", str(path), "--update-baseline")
    assert "dropped 0 fixed findings, 3 left" in result.stderr
    assert path.read_bytes() == before


# -- errors: exit 2 with the path and what is wrong ---------------------------------------------

def test_bad_baselines_exit_2_with_path_and_reason(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    cases = {
        "missing.json": None,
        "broken.json": '{"version": 1,\n "files": {',
        "list.json": "[]",
        "future.json": '{"version": 9, "files": {}}',
        "nokey.json": '{"version": 1, "files": {"a.md": [{"rule": "claims.hype"}]}}',
        "notlist.json": '{"version": 1, "files": {"a.md": {}}}',
        "latin1.json": b'{"version": 1, "files": {"\xe9.md": []}}',
    }
    reasons = {"missing.json": "no such baseline file", "broken.json": "broken.json:2: the baseline is not valid JSON",
               "list.json": "not a medlint baseline", "future.json": "baseline version 9 is not supported",
               "nokey.json": "finding 1 of 'a.md': 'key' must be a non-empty string",
               "notlist.json": "the findings of 'a.md' must be a list", "latin1.json": "not UTF-8"}
    for name, content in cases.items():
        if isinstance(content, bytes):
            (tmp_path / name).write_bytes(content)
        elif content is not None:
            (tmp_path / name).write_text(content, encoding="utf-8")
        result = cli("check", HYPE, "a.md", "--baseline", name)
        assert result.exit_code == 2, (name, result.output)
        assert result.stdout == "", name  # stopped before any report
        assert result.stderr.startswith(f"medlint: {name}") and reasons[name] in result.stderr, result.stderr
        assert "Traceback" not in result.output


def test_update_needs_a_baseline_and_output_needs_a_folder(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", HYPE, "a.md", "--update-baseline")
    assert result.exit_code == 2 and "--update-baseline needs --baseline" in result.output
    result = cli("baseline", HYPE, "a.md", "-o", "no/such/folder/b.json")
    assert result.exit_code == 2 and "no/such/folder/b.json: cannot write the baseline" in result.stderr
    assert not (tmp_path / "no").exists()
