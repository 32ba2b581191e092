"""The result cache of `medlint check`: results equal to a fresh run, per-family re-runs."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import medlint.cache as cache_module
from medlint.cache import ResultCache, _pack, _unpack, prune_folder
from medlint.engine.loader import load_rules
from medlint.kb.approvals import builtin_path, load_index, overlay_path
from medlint.linter import Source, lint_sources

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
DAY = "2026-01-31"


def _check(cli, cache: Path | None, *extra: str):
    options = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    result = cli("check", str(CORPORA), "--format", "json", "--today", DAY, "--jobs", "1", *options, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def _families(entry: Path) -> dict:
    """The family records of an entry file, as JSON."""
    stored = cache_module._Stored.parse(entry.read_bytes())
    assert stored is not None
    return stored.families()


def test_cold_warm_and_uncached_runs_print_the_same_report(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    fresh = _check(cli, None)
    assert rules_run == []  # --no-cache never goes through the cache
    cold = _check(cli, cache)
    assert rules_run, "the cold run lints"
    assert _entries(cache), "and stores what it found"
    rules_run.clear()
    warm = _check(cli, cache)
    assert rules_run == []  # every family of every file came from the cache
    assert cold == fresh
    assert warm == fresh
    assert json.loads(warm)["files"], "the corpus has files"


def test_text_output_from_the_cache_is_the_same_too(cli, tmp_path):
    cache = tmp_path / "cache"
    runs = [cli("check", str(CORPORA), "--today", DAY, "--jobs", "1", *options).stdout
            for options in (["--no-cache"], ["--cache-dir", str(cache)], ["--cache-dir", str(cache)])]
    assert runs[0] == runs[1] == runs[2]
    assert "readability" in runs[0]  # the summary lines rebuilt from the cached metrics


def test_a_corrupt_or_truncated_entry_is_ignored_and_written_again(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    fresh = _check(cli, cache)
    first, second, third = _entries(cache)[:3]
    first.write_bytes(first.read_bytes()[:40])  # truncated mid-way
    second.write_text('{"format": 1, "families": {"x": 3}}', encoding="utf-8")  # an earlier format
    families = _families(third)
    family = next(iter(families))
    families[family]["findings"] = [["rule", "bad-severity", 1, 1, 1, 2, "m", None, ["=", None]]]
    # one damaged family, and no assembled result (as after a knowledge-base update)
    third.write_bytes(cache_module._entry_bytes(families, None, None))
    rules_run.clear()
    assert _check(cli, cache) == fresh
    assert rules_run, "the damaged entries were linted again"
    for entry in (first, second, third):
        stored = cache_module._Stored.parse(entry.read_bytes())
        assert stored is not None and stored.header["result"] and len(stored.families()) > 1  # rewritten whole
    rules_run.clear()
    assert _check(cli, cache) == fresh
    assert rules_run == []


def test_a_knowledge_base_update_re_runs_only_the_claim_rules(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    _check(cli, cache)
    # an overlay as `medlint kb update` writes it: the built-in index with one status changed
    lines = builtin_path().read_text(encoding="utf-8").splitlines()
    record = next(i for i, line in enumerate(lines) if line and not line.startswith("#") and "\tmarketed\t" in line)
    lines[record] = lines[record].replace("\tmarketed\t", "\tdiscontinued\t", 1)
    overlay_path().parent.mkdir(parents=True, exist_ok=True)
    overlay_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_index.cache_clear()  # as a new process would read it
    try:
        rules_run.clear()
        updated = _check(cli, cache)
        claim_rules = {rule.id for rule in load_rules().rules if rule.reads_knowledge_base}
        assert rules_run and set(rules_run) == claim_rules
        assert _check(cli, None) == updated  # the same as a run without the cache
    finally:
        overlay_path().unlink()
        load_index.cache_clear()


def test_another_date_re_runs_only_the_rules_that_read_it(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    _check(cli, cache)
    rules_run.clear()
    later = cli("check", str(CORPORA), "--format", "json", "--today", "2031-06-01", "--jobs", "1",
                "--cache-dir", str(cache)).stdout
    dated = {rule.id for rule in load_rules().rules if rule.reads_today}
    assert rules_run and set(rules_run) == dated
    assert later == cli("check", str(CORPORA), "--format", "json", "--today", "2031-06-01", "--jobs", "1",
                        "--no-cache").stdout


def test_rules_that_do_not_declare_reading_the_date_find_the_same_on_any_date():
    """What keeps the date out of most cache keys is each rule type's ``reads_today``."""
    sources = [Source(str(path), path.read_bytes()) for path in sorted(CORPORA.rglob("*"))
               if path.suffix in (".md", ".html", ".txt")]
    undated = {rule.id for rule in load_rules().rules if not rule.reads_today}

    def findings(day: date) -> list:
        return [[f for f in result.findings if f.rule in undated] for result in lint_sources(sources, today=day)]

    assert findings(date(2020, 1, 1)) == findings(date(2035, 12, 31))


def test_a_severity_override_needs_no_re_run(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    _check(cli, cache)
    (tmp_path / ".medlint.yaml").write_text("severity:\n  readability: error\n", encoding="utf-8")
    rules_run.clear()
    # the corpus' own configurations do not apply with --config: the same for both runs
    cached = _check(cli, cache, "--config", str(tmp_path / ".medlint.yaml"))
    assert _check(cli, None, "--config", str(tmp_path / ".medlint.yaml")) == cached
    assert '"severity": "error"' in cached


def test_a_cache_folder_that_cannot_be_written_is_reported_and_the_run_goes_on(cli, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("check", str(CORPORA), "--format", "json", "--today", DAY, "--jobs", "1",
                 "--cache-dir", str(blocker / "cache"))
    assert result.exit_code in (0, 1)
    assert "result cache off" in result.stderr and str(blocker) in result.stderr
    assert result.stdout == _check(cli, None)


def test_no_cache_by_environment(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.setenv("MEDLINT_NO_CACHE", "1")
    cli("check", str(CORPORA / "articles"), "--today", DAY, "--jobs", "1")
    assert not (tmp_path / "user-cache" / "results").exists()
    monkeypatch.delenv("MEDLINT_NO_CACHE")
    cli("check", str(CORPORA / "articles"), "--today", DAY, "--jobs", "1")
    assert _entries(tmp_path / "user-cache" / "results")  # on by default, in the user cache folder


def test_values_come_back_from_an_entry_with_their_types():
    value = {"a": (1, 2.5, "x"), "when": date(2026, 1, 2), 3: ["list", None, True], "~odd": {"k": ()}}
    packed = _pack(value)
    back = _unpack(json.loads(json.dumps(packed)))
    assert back == value
    assert type(back["a"]) is tuple and type(back["when"]) is date and 3 in back


def test_pruning_deletes_old_entries_then_the_oldest_over_the_size_limit(tmp_path):
    folder = tmp_path / "v1"
    now = time.time()
    names = [f"{n:064x}.json" for n in range(4)]
    ages = [40, 10, 5, 1]  # days since last use
    for name, age in zip(names, ages):
        path = folder / name[:2] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 100)
        os.utime(path, (now - age * 86400, now - age * 86400))
    stray = folder / "00" / "notes.txt"  # not an entry: never touched
    stray.write_text("mine", encoding="utf-8")
    prune_folder(folder, now, max_age_days=30, max_bytes=250)
    left = sorted(p.name for p in folder.rglob("*.json"))
    assert left == sorted(names[2:])  # the 40-day one by age, then the 10-day one by size
    assert stray.exists()


def test_pruning_runs_at_most_once_a_day(tmp_path):
    cache = ResultCache(tmp_path)
    old = cache.folder / "ab" / ("ab" + "0" * 62 + ".json")
    old.parent.mkdir(parents=True)
    old.write_text("{}", encoding="utf-8")
    cache.prune(now=time.time() + 40 * 86400)  # as if 40 days from now
    assert not old.exists()
    old.write_text("{}", encoding="utf-8")
    os.utime(old, (0, 0))
    cache.prune(now=time.time() + 40 * 86400 + 3600)  # an hour after the last pruning
    assert old.exists()
