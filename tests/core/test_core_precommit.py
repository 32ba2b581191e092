"""The pre-commit hook, run for real with `pre-commit try-repo` against this checkout.

`try-repo` builds a fresh hook environment (pip-installing medlint and its dependencies from
PyPI) into a temporary store, so this test needs network access and takes a minute or two.
It lints a throw-away git repository holding one bad and one clean article.

`try-repo` only sees committed and modified tracked files, so the test first snapshots the
working tree (new, uncommitted files included) into a temporary git repository and points
`try-repo` at that: the hook is tested exactly as the checkout stands.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")

CHECKOUT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                              ".venv*", "build", "dist", "*.egg-info", ".pre-commit-cache", "node_modules")


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="medlint tests", GIT_AUTHOR_EMAIL="tests@medlint.invalid",
               GIT_COMMITTER_NAME="medlint tests", GIT_COMMITTER_EMAIL="tests@medlint.invalid", NO_COLOR="1")
    return env


def _snapshot(dest: Path, env: dict[str, str]) -> None:
    """Copy the working tree as it stands: tracked and untracked files, minus git-ignored ones."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=CHECKOUT, env=env, capture_output=True, check=False)
    if listing.returncode != 0:  # not a git checkout (an unpacked sdist, say)
        shutil.copytree(CHECKOUT, dest, ignore=SKIP, symlinks=True)
        return
    for name in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        path = CHECKOUT / name
        if name and path.is_file():  # files deleted from the working tree are still listed
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / name)


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd,
                   env=env, check=True, capture_output=True)


def _try_repo(source: Path, site: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(source), "medlint", "--files", *files],
        cwd=site, env=env, capture_output=True, text=True, timeout=1800, check=False)


def test_manifest_declares_the_medlint_hook():
    manifest = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = manifest
    assert hook["id"] == "medlint" and hook["name"] == "medlint"
    assert hook["entry"] == "medlint check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is False
    from pre_commit.clientlib import load_manifest

    load_manifest(str(CHECKOUT / ".pre-commit-hooks.yaml"))  # pre-commit's own schema check


def test_manifest_selects_articles_only(tmp_path):
    """The hook's `files`/`types` filters, applied to real files the way pre-commit does."""
    from identify.identify import tags_from_path

    [hook] = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook.get("files", ""))
    types = set(hook.get("types", ["file"]))
    types_or = set(hook.get("types_or", []))

    def selected(name: str, data: bytes = b"Some words.\n") -> bool:
        path = tmp_path / name
        path.write_bytes(data)
        tags = tags_from_path(str(path))
        return bool(files.search(name)) and types <= tags and (not types_or or bool(types_or & tags))

    for name in ("a.md", "b.markdown", "c.mdx", "d.html", "e.htm", "G.MD", "docs/h.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        assert selected(name), name
    for name in ("README.txt", "notes.txt", "script.py", "data.json", "notes.rst", "style.css", "config.yaml",
                 "md", "a.md.bak"):
        assert not selected(name), name


def test_pre_commit_try_repo_fails_bad_article_and_passes_clean_one(tmp_path):
    env = _clean_env(tmp_path / "pre-commit-home")

    source = tmp_path / "medlint-checkout"
    _snapshot(source, env)
    assert (source / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=source, env=env)
    _git("add", "-A", cwd=source, env=env)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=source, env=env)

    site = tmp_path / "site"
    site.mkdir()
    # Only the engine's rules and claims.hype, failing on warnings: other rule families cannot
    # make the clean article fail, and a hype word (a warning) makes the bad one fail.
    (site / ".medlint.yaml").write_text("select: [claims.hype, document]\nfail-level: warning\n", encoding="utf-8")
    (site / "bad.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nThis miracle pill fixes insomnia.\n",
                                 encoding="utf-8")
    (site / "bad.txt").write_text("Sleep\n\nA breakthrough for everyone.\n", encoding="utf-8")
    (site / "clean.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nMost adults need 7 to 9 hours.\n",
                                   encoding="utf-8")
    # not an article: the hook must not pass it to medlint, or the hype word would fail the run
    (site / "tool.py").write_text("# a miracle script\n", encoding="utf-8")
    _git("init", "-q", cwd=site, env=env)
    _git("add", "-A", cwd=site, env=env)

    passed = _try_repo(source, site, env, "clean.md", "tool.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "medlint" in passed.stdout and "Passed" in passed.stdout

    failed = _try_repo(source, site, env, "bad.md", "bad.txt", "clean.md")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in failed.stdout
    assert "bad.md:6:6: warning claims.hype 'miracle'" in failed.stdout
    assert "bad.txt" not in failed.stdout  # plain text is opt-in
    assert "clean.md:" not in failed.stdout
    assert "Traceback" not in output
