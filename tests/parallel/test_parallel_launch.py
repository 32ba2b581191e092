"""Issue 17's parallel runs: the fork server started from the raw arguments (medlint.launch), the
workers doing all the linting, chunks that shrink near the end, the JSON report written per file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

import medlint.runner as runner
from medlint import files, launch
from medlint.cli import check
from medlint.config import ConfigFinder
from medlint.document import SUPPORTED_SUFFIXES
from medlint.finding import Finding, Severity
from medlint.linter import FileResult, Source, lint_sources
from medlint.parallel import WorkerPool
from medlint.reporters import Totals, jsonfmt

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"
DAY = "2026-01-31"


# -- what medlint.launch keeps in step with the rest, without importing it ----------------------

def test_launch_searches_folders_for_the_files_a_check_reads():
    assert launch.ARTICLE_SUFFIXES == SUPPORTED_SUFFIXES
    assert launch.SKIPPED_DIRS == files.SKIPPED_DIRS


def test_launch_knows_which_options_of_check_take_a_value():
    taking = {name for param in check.params if isinstance(param, click.Option) and not param.is_flag
              for name in param.opts + param.secondary_opts}
    assert launch.VALUE_OPTIONS == taking


# -- the guess from the raw arguments ------------------------------------------------------------

@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """200 articles (and files a check would not read) in a folder; two usable cores."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for n in range(100):
        (corpus / f"a{n}.md").write_text("# A\n", encoding="utf-8")
        (corpus / "sub" / f"b{n}.HTML").write_text("<p>b</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(launch, "usable_cores", lambda: 2)
    return corpus


@pytest.mark.parametrize("args", [
    ["check", "corpus", "--no-cache"],
    ["check", "--no-cache", "--jobs", "2", "corpus"],
    ["check", "--jobs=3", "--format", "json", "corpus", "--no-cache"],
    ["check", "-j2", "--no-cache", "corpus/a1.md", "corpus"],
    ["check", "--no-cache", "--select", "claims", "--", "corpus"],
    ["check", "--no-cache", "--shard", "1/1", "corpus"],
    ["check", "--no-cache"],  # no path: the current folder, corpus/ included
])
def test_a_big_check_without_the_cache_wants_workers(folder, args):
    assert launch._wants_workers(args)


@pytest.mark.parametrize("args", [
    ["check", "corpus"],  # the cache may serve every file
    ["check", "corpus", "--no-cache", "--jobs", "1"],
    ["check", "corpus", "--no-cache", "-j1"],
    ["check", "corpus", "--no-cache", "--fix"],
    ["check", "corpus", "--no-cache", "--diff", "HEAD"],
    ["check", "corpus", "--no-cache", "--shard", "1/2"],  # 100 files each
    ["check", "corpus/sub", "--no-cache"],
    ["check", "--no-cache", "--config", "corpus", "corpus/a1.md"],  # an option's value is no path
    ["rules"],
    [],
])
def test_other_commands_and_small_or_cached_checks_do_not(folder, args):
    assert not launch._wants_workers(args)


def test_the_environment_can_turn_the_cache_off(folder, monkeypatch):
    monkeypatch.setenv("MEDLINT_NO_CACHE", "1")
    assert launch._wants_workers(["check", "corpus"])


def test_hidden_and_skipped_folders_are_not_counted(tmp_path):
    for name in (".git", "node_modules", "kept"):
        (tmp_path / name).mkdir()
        for n in range(5):
            (tmp_path / name / f"{n}.md").write_text("x", encoding="utf-8")
    (tmp_path / "kept" / "notes.rst").write_text("x", encoding="utf-8")
    assert launch._count_files([str(tmp_path)], 100) == 5


# -- the run ------------------------------------------------------------------------------------

class CountingPool(WorkerPool):
    sizes: list[int] = []

    def submit(self, sources):
        CountingPool.sizes.append(len(sources))
        return super().submit(sources)


def test_with_workers_this_process_lints_nothing_and_chunks_shrink_near_the_end(cli, monkeypatch, tmp_path):
    articles = sorted(p for p in CORPORA.rglob("*") if p.suffix in (".md", ".html", ".txt"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(60):  # enough for chunks of every size
        source = articles[n % len(articles)]
        (corpus / f"{n:02d}-{source.name}").write_bytes(source.read_bytes())
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "WorkerPool", CountingPool)
    CountingPool.sizes = []
    here: list[int] = []
    original = runner.lint_chunk

    def counted(sources, today, cache):
        here.append(len(sources))
        return original(sources, today, cache)

    monkeypatch.setattr(runner, "lint_chunk", counted)
    serial = cli("check", "corpus", "--format", "json", "--today", DAY, "--no-cache", "--jobs", "1")
    assert here and not CountingPool.sizes
    here.clear()
    parallel = cli("check", "corpus", "--format", "json", "--today", DAY, "--no-cache", "--jobs", "2")
    assert parallel.stdout == serial.stdout and parallel.exit_code == serial.exit_code
    assert here == [], "the workers linted every file"
    sizes = CountingPool.sizes
    assert sum(sizes) == len(json.loads(serial.stdout)["files"]) == 60
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= runner.MIN_CHUNK < sizes[0] <= runner.CHUNK


# -- the JSON report, written file by file -------------------------------------------------------

def test_files_written_as_they_come_make_the_report_of_the_results():
    config = ConfigFinder().for_path(CORPORA)
    paths = sorted(p for p in CORPORA.rglob("*") if p.suffix in (".md", ".html", ".txt"))[:12]
    results = lint_sources([Source(str(p), p.read_bytes(), config) for p in paths], today=None)
    results.append(FileResult("empty.md", [], {}))
    odd = Finding("x.rule", Severity.INFO, 1, 1, 1, 2, 'a "quoted" – message', None, {"k": [1, (2, 3)], "é": None})
    results.append(FileResult('odd "name" é.md', [odd], {"_private": 1, "list": [1, {"a": None}], "n": 1.5}))
    totals = Totals()
    for result in results:
        totals.add(result)
    written = [jsonfmt.file_text(result) for result in results]
    assert jsonfmt.render(written, totals, {"extra": 1}) == jsonfmt.render(results, totals, {"extra": 1})


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads process groups from /proc")
def test_ctrl_c_while_the_workers_lint_leaves_no_process(tmp_path):
    from test_parallel_jobs import _interrupted_check  # in this folder

    # this process, the resource tracker, the fork server and its two workers
    stderr, left = _interrupted_check(tmp_path, files=400, running=5)
    assert left == []
    assert b"Traceback" not in stderr and stderr.strip().endswith(b"Aborted!")


def test_the_json_report_names_the_knowledge_base_without_loading_it():
    from medlint import cli_kb
    from medlint.claims import kb

    kb.load_kb.cache_clear()
    light = cli_kb.kb_json()
    assert kb.load_kb.cache_info().currsize == 0, "only meta.yaml was read"
    info = kb.load_kb().info()
    assert light["knowledge_base"]["version"] == info["version"]
    assert light["knowledge_base"]["as_of"] == info["as_of"]
    assert cli_kb.kb_json() == light
