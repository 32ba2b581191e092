"""`check --diff REF`: the files git says changed, and only the findings on changed lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from medlint.gitdiff import _added_lines, _statuses

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DAY = ["--today", "2026-11-26"]
ARTICLE = """# Knee pain

Knee pain is common in adults.

Rest and ice help most people.

This miracle cure helps.

Talk to your doctor if it lasts.
"""
CHANGED = "Rest and ice are a breakthrough for most people."  # gains claims.hype on line 5


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with ARTICLE committed as notes/knee.md, and a git of its own settings."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "medlint tests")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "tests@medlint.invalid")
    git(tmp_path, "init", "-q")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "knee.md").write_text(ARTICLE, encoding="utf-8")
    commit(tmp_path)
    return tmp_path


def git(where: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=where, check=True, capture_output=True)


def commit(where: Path) -> None:
    git(where, "add", "-A")
    git(where, "commit", "-q", "-m", "articles")


def check_json(cli, *args: str) -> dict:
    result = cli("check", "--format", "json", *DAY, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def found(report: dict) -> list[tuple[str, str, int, int]]:
    return [(f["path"], x["rule"], x["line"], x["column"]) for f in report["files"] for x in f["findings"]]


def edit_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


# -- acceptance: a one-line change reports only that line's findings ------------------------------

def test_one_changed_line_reports_only_its_findings(repo, cli):
    edit_line(repo / "notes" / "knee.md", 5, CHANGED)
    everything = found(check_json(cli, "notes"))
    assert ("notes/knee.md", "claims.hype", 7, 6) in everything  # the finding elsewhere
    assert any(line == 1 and column == 1 for _, _, line, column in everything)  # document-level ones

    report = check_json(cli, "--diff", "HEAD")
    assert found(report) and {line for _, _, line, _ in found(report)} == {5}
    assert ("notes/knee.md", "claims.hype", 5, 20) in found(report)
    assert report["summary"]["files"] == 1 and report["diff"] == {"ref": "HEAD", "files": 1}


def test_exit_code_and_totals_count_only_changed_lines(repo, cli):
    article = repo / "notes" / "knee.md"
    article.write_text(ARTICLE.replace("Knee pain is common", "Zantac is an FDA-approved choice for heartburn. "
                                                            "Knee pain is common"), encoding="utf-8")
    commit(repo)
    assert cli("check", *DAY, "notes").exit_code == 1  # the committed error
    edit_line(article, 5, CHANGED)
    result = cli("check", *DAY, "--diff", "HEAD")
    assert result.exit_code == 0, result.output  # only a warning on the changed line
    assert "0 errors, 1 warning, 0 info in 1 file" in result.stdout


def test_unchanged_repository_lints_nothing(repo, cli):
    result = cli("check", *DAY, "--diff", "HEAD")
    assert result.exit_code == 0 and "in 0 files" in result.stdout


# -- which files -----------------------------------------------------------------------------------

def test_new_untracked_file_reports_every_finding(repo, cli):
    (repo / "notes" / "new.md").write_text(ARTICLE, encoding="utf-8")
    (repo / ".gitignore").write_text("ignored.md\n", encoding="utf-8")
    (repo / "notes" / "ignored.md").write_text(ARTICLE, encoding="utf-8")
    report = check_json(cli, "--diff", "HEAD")
    assert [f["path"] for f in report["files"]] == ["notes/new.md"]
    assert found(report) == found(check_json(cli, "notes/new.md"))  # all of them, document-level included
    assert any(line == 1 and column == 1 for _, _, line, column in found(report))


def test_added_and_staged_file_is_new(repo, cli):
    (repo / "staged.md").write_text(ARTICLE, encoding="utf-8")
    git(repo, "add", "staged.md")
    assert found(check_json(cli, "--diff", "HEAD")) == found(check_json(cli, "staged.md"))


def test_renamed_file_reports_only_its_changed_lines(repo, cli):
    git(repo, "mv", "notes/knee.md", "notes/knees.md")
    report = check_json(cli, "--diff", "HEAD")
    assert [f["path"] for f in report["files"]] == ["notes/knees.md"] and found(report) == []  # pure rename

    edit_line(repo / "notes" / "knees.md", 5, CHANGED)
    report = check_json(cli, "--diff", "HEAD")
    assert {(path, line) for path, _, line, _ in found(report)} == {("notes/knees.md", 5)}


def test_deleted_file_is_skipped(repo, cli):
    (repo / "notes" / "other.md").write_text(ARTICLE, encoding="utf-8")
    commit(repo)
    (repo / "notes" / "knee.md").unlink()
    edit_line(repo / "notes" / "other.md", 5, CHANGED)
    result = cli("check", "--format", "json", *DAY, "--diff", "HEAD")
    assert result.exit_code == 0 and result.stderr == ""
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["notes/other.md"]


def test_only_articles_under_the_given_paths(repo, cli):
    (repo / "other").mkdir()
    for name in ("other/a.md", "notes/script.py", "notes/.hidden/b.md", "notes/data.yaml", "notes/c.txt"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(ARTICLE, encoding="utf-8")
    report = check_json(cli, "--diff", "HEAD", "notes")
    assert [f["path"] for f in report["files"]] == ["notes/c.txt"]
    report = check_json(cli, "--diff", "HEAD")
    assert [f["path"] for f in report["files"]] == ["notes/c.txt", "other/a.md"]


def test_config_excludes_still_apply(repo, cli):
    (repo / ".medlint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (repo / "b.md").write_text(ARTICLE, encoding="utf-8")
    assert [f["path"] for f in check_json(cli, "--diff", "HEAD")["files"]] == ["b.md"]


def test_unusual_file_names(repo, cli):
    name = 'odd "name" caf\u00e9 \u00e0.md'
    (repo / name).write_text(ARTICLE, encoding="utf-8")
    commit(repo)
    edit_line(repo / name, 5, CHANGED)
    with (repo / name).open("a", encoding="utf-8") as out:
        out.write("\n++ b/notes/knee.md\n")  # an added line that reads like a patch header
    report = check_json(cli, "--diff", "HEAD")
    assert [f["path"] for f in report["files"]] == [name]
    assert {line for _, _, line, _ in found(report)} == {5}


def test_from_a_subfolder_paths_are_shown_from_there(repo, cli, monkeypatch):
    edit_line(repo / "notes" / "knee.md", 5, CHANGED)
    (repo / "top.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(repo / "notes")
    report = check_json(cli, "--diff", "HEAD")
    assert [f["path"] for f in report["files"]] == ["knee.md", "../top.md"]


def test_with_a_baseline_counts_only_what_the_diff_would_report(repo, cli):
    edit_line(repo / "notes" / "knee.md", 5, CHANGED)
    assert cli("baseline", *DAY, "notes").exit_code == 0
    everything = len(found(check_json(cli, "notes")))
    report = check_json(cli, "--diff", "HEAD", "--baseline", ".medlint-baseline.json")
    assert found(report) == [] and report["baseline"]["hidden"] == 1 < everything
    assert report["baseline"]["fixed"] == 0  # the unchanged lines' findings matched too
    result = cli("check", *DAY, "--diff", "HEAD", "--baseline", ".medlint-baseline.json", "--update-baseline")
    assert f"dropped 0 fixed findings, {everything} left" in result.stderr


# -- errors --------------------------------------------------------------------------------------

def test_unknown_ref_exits_2(repo, cli):
    result = cli("check", "--diff", "no-such-branch")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--diff no-such-branch: git cannot compare with it" in result.stderr
    assert "no-such-branch" in result.stderr.split("(", 1)[1]  # git's own words name it too
    result = cli("check", "--diff", "--cached")
    assert result.exit_code == 2 and "give a git revision" in result.stderr


def test_outside_a_repository_exits_2(tmp_path, cli, monkeypatch):
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # no repository above tmp either
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "--diff", "HEAD")
    assert result.exit_code == 2
    assert "--diff needs a git repository" in result.stderr and "Traceback" not in result.output


def test_git_missing_exits_2(repo, cli, monkeypatch, tmp_path_factory):
    monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("empty-bin")))
    result = cli("check", "--diff", "HEAD")
    assert result.exit_code == 2 and "git is not installed" in result.stderr


def test_stdin_and_missing_paths_are_refused(repo, cli):
    assert cli("check", "--diff", "HEAD", "-", input="text").exit_code == 2
    result = cli("check", "--diff", "HEAD", "nowhere")
    assert result.exit_code == 2 and "path does not exist: nowhere" in result.stderr


# -- the patch reader ---------------------------------------------------------------------------

def test_patch_reader_takes_new_side_lines_and_skips_content():
    patch = b"\n".join([
        b"diff --git a/x.md b/x.md", b"--- a/x.md", b"+++ b/x.md",
        b"@@ -2 +2,2 @@", b"-old", b"+new", b"++++ b/evil.md",
        b"@@ -9,3 +10,0 @@", b"-a", b"-b", b"-c",
        b"@@ -20 +20 @@", b"-x", b"\\ No newline at end of file", b"+y", b"\\ No newline at end of file",
        b'diff --git "a/t\\tb.md" "b/t\\tb.md"', b'--- "a/t\\tb.md"', b'+++ "b/t\\tb.md"', b"@@ -0,0 +1 @@", b"+z",
        b"diff --git a/s p.md b/s p.md", b"--- a/s p.md\t", b"+++ b/s p.md\t", b"@@ -1 +1 @@", b"-q", b"+r",
        b"diff --git a/gone.md b/gone.md", b"--- a/gone.md", b"+++ /dev/null", b"@@ -1 +0,0 @@", b"-w", b"",
    ])
    assert _added_lines(patch) == {"x.md": {2, 3, 20}, "t\tb.md": {1}, "s p.md": {1}}


def test_status_reader_handles_renames():
    output = b"M\0a.md\0R087\0old.md\0new name.md\0D\0gone.md\0A\0n\xc3\xa9.md\0"
    assert _statuses(output) == [("M", "a.md"), ("R", "new name.md"), ("D", "gone.md"), ("A", "n\u00e9.md")]
