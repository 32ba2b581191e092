"""The pre-commit hook, run for real: `pre-commit run --all-files` in a repository of articles whose
.pre-commit-config.yaml points at a git repository of this checkout by path and `rev:` a real
annotated tag.

The hook repository is a snapshot of the working tree as it stands (new, uncommitted files
included), committed and tagged. pre-commit clones it at the tag, makes a virtualenv and runs
`pip install .` there. That runs offline: pip may not use an index (PIP_NO_INDEX), builds
medlint with the test environment's hatchling instead of downloading one (no build isolation),
and finds medlint's dependencies already installed through PYTHONPATH, a folder of links to this
environment's packages (medlint and pip left out, so the hook runs the medlint built from the
tag): the `offline_pip_env` fixture in tests/core/conftest.py. The first run takes some 15
seconds, most of it the virtualenv and the wheel build.
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

from medlint import __version__

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")

CHECKOUT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache", ".ruff_cache",
                              ".venv*", "build", "dist", "*.egg-info", ".pre-commit-cache", "node_modules")


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "PIP_", "VIRTUALENV_", "PYTHON"))}
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="medlint tests", GIT_AUTHOR_EMAIL="tests@medlint.invalid",
               GIT_COMMITTER_NAME="medlint tests", GIT_COMMITTER_EMAIL="tests@medlint.invalid", NO_COLOR="1",
               MEDLINT_NO_KB_WARNING="1", MEDLINT_CACHE_DIR=str(home / "medlint-cache"))
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
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main",
                    *args], cwd=cwd, env=env, check=True, capture_output=True)


def _pre_commit_run(site: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=site, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_manifest_declares_the_medlint_hook():
    manifest = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = manifest
    assert hook["id"] == "medlint" and hook["name"] == "medlint"
    assert hook["entry"] == "medlint check --jobs 1"
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


@pytest.fixture(scope="module")
def tagged_hook_repo(tmp_path_factory, offline_pip_env) -> tuple[Path, str, dict[str, str]]:
    """A git repository of this checkout with an annotated tag, and a commit after the tag that
    would let every article pass: a run that fails proves pre-commit took the tag, not HEAD."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = _clean_env(base / "pre-commit-home") | offline_pip_env
    source = base / "medlint"
    _snapshot(source, env)
    assert (source / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=source, env=env)
    _git("add", "-A", cwd=source, env=env)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=source, env=env)
    tag = f"v{__version__}"
    _git("tag", "-a", tag, "-m", f"medlint {tag}", cwd=source, env=env)
    manifest = source / ".pre-commit-hooks.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "entry: medlint check", "entry: medlint check --fail-level never"), encoding="utf-8")
    _git("commit", "-q", "-am", "after the tag: nothing fails", cwd=source, env=env)
    return source, tag, env


def _site(root: Path, hook_repo: Path, tag: str, env: dict[str, str], hook_extra: str = "") -> Path:
    site = root / "articles"
    site.mkdir()
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {tag}\n    hooks:\n      - id: medlint\n{hook_extra}",
        encoding="utf-8")
    # Only the engine's rules and claims.hype, failing on warnings: other rule families cannot
    # make the clean article fail, and a hype word (a warning) makes the bad one fail.
    (site / ".medlint.yaml").write_text("select: [claims.hype, document]\nfail-level: warning\n", encoding="utf-8")
    (site / "clean.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nMost adults need 7 to 9 hours.\n",
                                   encoding="utf-8")
    # neither is an article: the hook must not pass them to medlint, or the hype words would fail it
    (site / "README.txt").write_text("Articles\n\nA miracle of a repository.\n", encoding="utf-8")
    (site / "tool.py").write_text("# a miracle script\n", encoding="utf-8")
    _git("init", "-q", cwd=site, env=env)
    _git("add", "-A", cwd=site, env=env)
    return site


def test_pre_commit_run_at_a_tag_passes_clean_articles_and_fails_a_bad_one(tagged_hook_repo, tmp_path):
    source, tag, env = tagged_hook_repo
    site = _site(tmp_path, source, tag, env)

    passed = _pre_commit_run(site, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^medlint\.+Passed$", passed.stdout, re.M), passed.stdout

    (site / "bad.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nThis miracle pill fixes insomnia.\n",
                                 encoding="utf-8")
    _git("add", "bad.md", cwd=site, env=env)
    failed = _pre_commit_run(site, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"^medlint\.+Failed$", failed.stdout, re.M), output
    assert "bad.md:6:6: warning claims.hype 'miracle'" in failed.stdout
    assert "README.txt" not in output and "tool.py" not in output and "clean.md:" not in output
    assert "Traceback" not in output


def test_pre_commit_takes_plain_text_when_the_config_adds_txt(tagged_hook_repo, tmp_path):
    """The README's recipe for plain-text articles: override `files` in .pre-commit-config.yaml."""
    source, tag, env = tagged_hook_repo
    site = _site(tmp_path, source, tag, env, "        files: (?i)\\.(md|markdown|mdx|html?|txt)$\n")
    result = _pre_commit_run(site, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.txt:3:3: warning claims.hype 'miracle'" in result.stdout
    assert "tool.py" not in result.stdout


def test_readme_pins_the_tag_of_this_version():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^\s+rev: (\S+)", readme, re.M) == [f"v{__version__}"]
    tags = subprocess.run(["git", "tag", "--list", f"v{__version__}"], cwd=CHECKOUT, capture_output=True,
                          text=True, check=False)
    if tags.returncode != 0 or not tags.stdout.strip():
        pytest.skip(f"this checkout has no git tags to compare with (v{__version__} is not among them)")
    assert tags.stdout.split() == [f"v{__version__}"]
