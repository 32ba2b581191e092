"""`medlint check --jobs N`: worker processes give the report of a serial run, errors included."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import medlint.runner as runner
from medlint.config import ConfigFinder
from medlint.parallel import WorkerPool
from medlint.linter import Source

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"
DAY = "2026-01-31"


class StartedPool(WorkerPool):
    """A pool that waits for its workers before the run goes on, so that they get chunks even
    in a run this small (a real run lints here meanwhile); it counts what it was sent."""

    submitted: list[int] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for ping in self._pings:
            ping.result(timeout=300)

    def submit(self, sources):
        StartedPool.submitted.append(len(sources))
        return super().submit(sources)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "CHUNK", 2)
    monkeypatch.setattr(runner, "WorkerPool", StartedPool)
    StartedPool.submitted = []
    return StartedPool.submitted


def _json(cli, *options: str):
    return cli("check", str(CORPORA), "--format", "json", "--today", DAY, "--no-cache", *options)


def test_two_jobs_print_the_report_of_one_byte_for_byte(cli, workers):
    serial = _json(cli, "--jobs", "1")
    assert workers == []
    parallel = _json(cli, "--jobs", "2")
    assert sum(workers) >= 2, "workers linted part of the corpus"
    assert parallel.exit_code == serial.exit_code
    assert parallel.stdout == serial.stdout


def test_workers_fill_and_read_the_cache_like_this_process(cli, tmp_path, workers):
    cache = str(tmp_path / "cache")
    serial = _json(cli, "--jobs", "1").stdout
    cold = cli("check", str(CORPORA), "--format", "json", "--today", DAY, "--jobs", "3", "--cache-dir", cache)
    assert workers and cold.stdout == serial
    assert list(Path(cache).rglob("*.json"))
    warm = cli("check", str(CORPORA), "--format", "json", "--today", DAY, "--jobs", "3", "--cache-dir", cache)
    assert warm.stdout == serial


def test_small_runs_stay_in_this_process(cli, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no worker should start for a corpus this small")

    monkeypatch.setattr(runner, "WorkerPool", refuse)
    assert _json(cli, "--jobs", "2").exit_code in (0, 1)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(cli, value):
    result = cli("check", str(CORPORA), "--jobs", value)
    assert result.exit_code == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr


def _broken_lexicon_project(root: Path) -> None:
    """A claim rule first enabled by an override needs a lexicon that cannot be read: the
    SourceError comes while linting b/, not in the checks before."""
    (root / "b").mkdir()
    (root / ".medlint.yaml").write_text(
        "select: [readability]\ndrug-lexicon: lex.json\noverrides:\n  - files: ['b/*']\n    select: [claims]\n",
        encoding="utf-8")
    (root / "lex.json").write_text("{not json", encoding="utf-8")
    for name in ("a.md", "a2.md", "b/x.md", "b/y.md"):
        (root / name).write_text("# T\n\nThe FDA approved lecanemab in 2023.\n", encoding="utf-8")


def test_a_source_error_in_a_worker_reads_as_in_this_process(cli, tmp_path, workers):
    _broken_lexicon_project(tmp_path)
    here = cli("check", ".", "--no-cache", "--jobs", "1")
    there = cli("check", ".", "--no-cache", "--jobs", "2")
    assert workers, "the failing files went to a worker"
    assert here.exit_code == there.exit_code == 2
    assert here.stderr == there.stderr
    assert there.stderr.count("\n") == 1 and "lex.json: corrupt Drugs@FDA lexicon" in there.stderr


class KilledPool(StartedPool):
    """Its workers die (as by the out-of-memory killer) before they get any work."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for process in list(self._executor._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
            process.join(timeout=30)
        # until the pool has seen it: else a worker started for the first chunk may do all the
        # work before the dead one is noticed (the pool watches its workers between results)
        deadline = time.monotonic() + 30
        while not self._executor._broken and time.monotonic() < deadline:
            time.sleep(0.01)


def test_a_worker_that_dies_is_one_line_and_exit_2(cli, monkeypatch, workers):
    monkeypatch.setattr(runner, "WorkerPool", KilledPool)
    result = _json(cli, "--jobs", "2")
    assert result.exit_code == 2
    assert result.stderr.startswith("medlint: a worker process stopped unexpectedly")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_what_workers_are_sent_pickles_and_keeps_its_settings(tmp_path):
    _broken_lexicon_project(tmp_path)
    finder = ConfigFinder()
    path = tmp_path / "b" / "x.md"
    config = finder.for_path(path).with_cli(("claims",), ("claims.hype",), "warning")
    source = Source(str(path), path.read_bytes(), config)
    copy = pickle.loads(pickle.dumps(source))
    assert copy.data == source.data and copy.path == source.path
    assert copy.config.settings_for(path) == config.settings_for(path)
    assert copy.config.drug_lexicon == config.drug_lexicon and copy.config.fail_level == "warning"


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads process groups from /proc")
def test_ctrl_c_leaves_no_worker_and_no_traceback(tmp_path):
    # until the fork server and a worker run
    stderr, left = _interrupted_check(tmp_path, files=200, running=3)
    assert left == []
    assert b"Traceback" not in stderr
    assert stderr.strip().endswith(b"Aborted!")


def _interrupted_check(tmp_path: Path, files: int, running: int) -> tuple[bytes, list[int]]:
    """Ctrl-C (SIGINT to its process group) to a `check --jobs 2` of ``files`` generated
    articles once ``running`` processes of its group run; its stderr, and the group's processes
    still alive a second after it ended."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--files", str(files),
                    "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)
    process = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", str(corpus), "--no-cache", "--jobs", "2", "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    group = process.pid
    deadline = time.monotonic() + 120
    while len(_members(group)) < running and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(group, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=60)
    time.sleep(1)
    return stderr, _members(group)


def _members(group: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found
