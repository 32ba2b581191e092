"""Which files `check` reads: gitignore-syntax globs in the configuration, .gitignore files
(without the git program), and `check` with no PATH."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from medlint.config import ConfigFinder, load_config_file, parse_config
from medlint.files import collect
from medlint.yamlsource import SourceError

HYPE = "An article about a miracle cure.\n"  # claims.hype
ONLY = "--select=claims.hype"


def write(path: Path, text: str = HYPE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def tree(root: Path, *names: str) -> None:
    for name in names:
        write(root / name)


def walked(root: Path, *paths: str, gitignore: bool = True) -> list[str]:
    """The files `check` would read for ``paths`` (relative to ``root``), as posix paths."""
    finder = ConfigFinder()
    found = collect([root / p for p in paths or (".",)], finder, gitignore)
    return sorted(os.path.relpath(f, root).replace(os.sep, "/") for f in found)


def linted(cli, *args: str) -> list[str]:
    result = cli("check", "--format", "json", ONLY, *args)
    assert result.exit_code in (0, 1), result.output
    return sorted(f["path"] for f in json.loads(result.stdout)["files"])


# -- globs ---------------------------------------------------------------------------------------

def test_character_classes_and_negation_in_exclude(tmp_path):
    write(tmp_path / ".medlint.yaml", "exclude: ['drafts/[ab].md', 'old/', '!old/keep.md']\n")
    tree(tmp_path, "drafts/a.md", "drafts/b.md", "drafts/c.md", "old/x.md", "old/keep.md", "top.md")
    assert walked(tmp_path) == ["drafts/c.md", "old/keep.md", "top.md"]


def test_the_last_matching_pattern_decides(tmp_path):
    write(tmp_path / ".medlint.yaml", "exclude: ['!drafts/keep.md', 'drafts/']\n")
    tree(tmp_path, "drafts/keep.md", "drafts/x.md", "top.md")
    assert walked(tmp_path) == ["top.md"]  # the negation came first, so the later folder wins


@pytest.mark.parametrize("pattern, excluded", [
    # forms that configurations already used keep their meaning
    ("drafts/**", ["drafts/x/a.md"]),
    ("old.md", ["old.md", "sub/old.md"]),         # a bare name matches at any depth
    ("archive/", ["archive/b.md", "sub/archive/c.md"]),
    ("*.html", ["page.html", "sub/page.html"]),
    ("sub/*.md", ["sub/old.md", "sub/README.md"]),  # one level only
    ("**/README.md", ["README.md", "sub/README.md"]),
    # and the gitignore forms that were missing
    ("/old.md", ["old.md"]),                       # a leading slash anchors at the config
    ("sub/[a-o]*.md", ["sub/old.md"]),
    ("page.htm?", ["page.html", "sub/page.html"]),
])
def test_glob_forms(tmp_path, pattern, excluded):
    write(tmp_path / ".medlint.yaml", f"exclude: ['{pattern}']\n")
    files = ["drafts/x/a.md", "old.md", "sub/old.md", "archive/b.md", "sub/archive/c.md", "page.html",
             "sub/page.html", "README.md", "sub/README.md", "sub/deep/z.md"]
    tree(tmp_path, *files)
    assert walked(tmp_path) == sorted(set(files) - set(excluded))


def test_override_files_use_the_same_globs(tmp_path):
    config = parse_config({"overrides": [{"files": ["news/[0-9]*/**", "!news/2024/draft.md"],
                                          "ignore": ["claims.hype"]}]}, tmp_path / ".medlint.yaml")
    ignored = {name: "claims.hype" in config.settings_for(tmp_path / name).ignore
               for name in ("news/2026/a.md", "news/2024/draft.md", "news/about.md", "blog/a.md")}
    assert ignored == {"news/2026/a.md": True, "news/2024/draft.md": False, "news/about.md": False,
                       "blog/a.md": False}


def test_override_globs_through_the_cli(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", """\
        select: [claims.hype]
        overrides:
          - files: ["news/**", "!news/keep.md"]
            ignore: [claims.hype]
        """)
    tree(tmp_path, "news/a.md", "news/keep.md", "b.md")
    result = cli("check", "--format", "json", ".")
    flagged = sorted(f["path"] for f in json.loads(result.stdout)["files"] if f["findings"])
    assert flagged == ["b.md", "news/keep.md"]


@pytest.mark.parametrize("text, line, words", [
    ("select: [claims]\nexclude: ['ok/**', '!']\n", 2, "'exclude': bad glob"),
    ("exclude: ['\\']\n", 1, "'exclude': bad glob"),
    ("exclude: ['#drafts']\n", 1, "is a comment in gitignore syntax"),
    ("overrides:\n  - files: ['ok.md', '!']\n    ignore: [claims]\n", 2, "'files': bad glob"),
])
def test_bad_globs_are_config_errors_with_a_line(tmp_path, text, line, words):
    path = tmp_path / ".medlint.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_config_file(path)
    assert caught.value.line == line
    assert words in str(caught.value)


def test_bad_glob_exits_2_with_path_and_line(tmp_path, cli):
    write(tmp_path / ".medlint.yaml", "exclude: ['!']\n")
    write(tmp_path / "a.md")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert ".medlint.yaml:1: 'exclude': bad glob" in result.stderr


# -- .gitignore ----------------------------------------------------------------------------------

def repo(root: Path) -> Path:
    """A repository as git leaves it, made without the git program."""
    (root / ".git" / "info").mkdir(parents=True)
    return root


def test_gitignore_files_nested_and_info_exclude(tmp_path):
    repo(tmp_path)
    write(tmp_path / ".git" / "info" / "exclude", "private.md\n")
    write(tmp_path / ".gitignore", "# build output\n_site/\n*.draft.md\n!keep.draft.md\n")
    write(tmp_path / "content" / ".gitignore", "tmp/\n/local.md\n")
    write(tmp_path / "content" / "news" / ".gitignore", "!*.draft.md\n")
    tree(tmp_path, "a.md", "private.md", "_site/index.html", "x.draft.md", "keep.draft.md",
         "content/b.md", "content/local.md", "content/deep/local.md", "content/tmp/c.md",
         "content/y.draft.md", "content/news/z.draft.md")
    assert walked(tmp_path) == ["a.md", "content/b.md", "content/deep/local.md", "content/news/z.draft.md",
                                "keep.draft.md"]
    assert len(walked(tmp_path, gitignore=False)) == 11


def test_parent_gitignore_applies_to_a_subfolder_walk(tmp_path):
    repo(tmp_path)
    write(tmp_path / ".gitignore", "content/drafts/\n")
    tree(tmp_path, "content/a.md", "content/drafts/b.md")
    assert walked(tmp_path, "content") == ["content/a.md"]


def test_a_folder_named_on_purpose_is_walked_even_when_ignored(tmp_path):
    repo(tmp_path)
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "generated" / ".gitignore", "skip.md\n")
    tree(tmp_path, "generated/a.md", "generated/skip.md", "b.md")
    assert walked(tmp_path) == ["b.md"]
    assert walked(tmp_path, "generated") == ["generated/a.md"]


def test_outside_a_repository_only_gitignore_files_in_the_walk_count(tmp_path):
    write(tmp_path / ".gitignore", "content/drafts/\n")  # no .git: not a repository's rules
    write(tmp_path / "content" / ".gitignore", "old/\n")
    tree(tmp_path, "content/a.md", "content/drafts/b.md", "content/old/c.md")
    assert walked(tmp_path / "content") == ["a.md", "drafts/b.md"]


def test_gitignore_through_the_cli(tmp_path, cli):
    repo(tmp_path)
    write(tmp_path / ".gitignore", "ignored/\nnotes.md\n")
    tree(tmp_path, "a.md", "notes.md", "ignored/b.md")
    assert linted(cli, ".") == ["a.md"]
    assert linted(cli, "--no-gitignore", ".") == ["a.md", "ignored/b.md", "notes.md"]
    # a file named on the command line is linted whatever .gitignore says
    assert linted(cli, "notes.md", "ignored/b.md") == ["ignored/b.md", "notes.md"]


def test_gitignore_matches_what_git_ignores(tmp_path):
    """Where git is installed, the walk agrees with `git ls-files --others --exclude-standard`."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "*.html\n!keep.html\nbuild/\n/top-only.md\n")
    write(tmp_path / "docs" / ".gitignore", "*.txt\n!notes/*.txt\n")
    write(tmp_path / ".git" / "info" / "exclude", "secret.md\n")
    tree(tmp_path, "a.md", "b.html", "keep.html", "build/c.md", "top-only.md", "docs/top-only.md",
         "docs/d.txt", "docs/notes/e.txt", "docs/secret.md", "docs/f.mdx")
    listing = subprocess.run(["git", "-C", str(tmp_path), "ls-files", "--others", "--exclude-standard"],
                             capture_output=True, text=True, check=True).stdout.split()
    assert walked(tmp_path) == sorted(name for name in listing if not name.endswith(".gitignore"))


# -- no PATH -------------------------------------------------------------------------------------

def test_check_with_no_path_lints_the_current_folder(tmp_path, cli):
    tree(tmp_path, "a.md", "sub/b.md")
    result = cli("check", ONLY, "--fail-level", "warning")
    assert result.exit_code == 1
    assert "a.md:1:20: warning claims.hype" in result.stdout
    assert "sub/b.md:1:20: warning claims.hype" in result.stdout


def test_stdin_still_works_and_help_says_both(tmp_path, cli):
    tree(tmp_path, "a.md")
    result = cli("check", ONLY, "--fail-level", "warning", "-", "--stdin-filename", "post.md", input=HYPE)
    assert result.exit_code == 1
    assert "post.md:1:20: warning claims.hype" in result.stdout
    assert "a.md" not in result.stdout
    help_text = " ".join(cli("check", "--help").stdout.split())
    assert "'-' for standard input" in help_text and "no PATH lints the current folder" in help_text
