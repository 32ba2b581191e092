"""A warm re-run of `check`: the listing's real paths, the entry's assembled result and report
part, the rule catalogue that spares loading the rules, and the pruning of older formats."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pytest

import medlint.cache as cache_module
import medlint.cache_keys as keys_module
import medlint.rulecatalog as catalogue_module
from medlint import installation
from medlint.config import ConfigFinder
from medlint.engine.loader import load_rules
from medlint.files import listed
from medlint.reporters import jsonfmt

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
DAY = "2026-01-31"
HYPE = "An article about a miracle cure.\n"  # claims.hype


def _check(cli, cache: Path | None, *extra: str, format: str = "json") -> str:
    options = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    result = cli("check", str(CORPORA), "--format", format, "--today", DAY, "--jobs", "1", *options, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def _stored(entry: Path) -> cache_module._Stored:
    stored = cache_module._Stored.parse(entry.read_bytes())
    assert stored is not None
    return stored


# -- listing ---------------------------------------------------------------------------------------

def test_listing_gives_each_file_once_with_its_real_path(tmp_path):
    for name in ("b.md", "a.md", "sub/c.md", "sub/deeper/d.html", ".hidden/e.md", "node_modules/f.md",
                 "notes.rst", "Upper.MD"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(HYPE, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")  # the same file twice: listed once
    (tmp_path / "linked-folder").symlink_to(tmp_path / "sub", target_is_directory=True)  # not followed
    (tmp_path / "dangling.md").symlink_to(tmp_path / "missing.md")  # listed; reading it reports it
    found = [(os.path.relpath(path, tmp_path), real) for path, real, _ in listed([tmp_path], ConfigFinder())]
    # each folder's files by name, then its folders by name
    assert [name for name, _ in found] == ["Upper.MD", "a.md", "b.md", "dangling.md", "sub/c.md",
                                           "sub/deeper/d.html"]
    reals = dict(found)
    assert reals["a.md"] == os.path.realpath(tmp_path / "a.md")
    assert reals["sub/deeper/d.html"] == os.path.realpath(tmp_path / "sub/deeper/d.html")
    assert reals["dangling.md"] == os.path.realpath(tmp_path / "missing.md")


def test_listing_through_a_linked_folder_excludes_by_the_real_path(tmp_path):
    project = tmp_path / "project"
    (project / "drafts").mkdir(parents=True)
    (project / ".medlint.yaml").write_text("exclude: ['drafts/']\n", encoding="utf-8")
    (project / "drafts" / "x.md").write_text(HYPE, encoding="utf-8")
    (project / "top.md").write_text(HYPE, encoding="utf-8")
    (tmp_path / "alias").symlink_to(project, target_is_directory=True)
    found = list(listed([tmp_path / "alias"], ConfigFinder()))
    assert [path.name for path, _, _ in found] == ["top.md"]
    path, real, config = found[0]
    assert str(path) == str(tmp_path / "alias" / "top.md")  # reported as given
    assert real == os.path.realpath(project / "top.md")
    assert config.path == (project / ".medlint.yaml").resolve()


# -- the assembled result in an entry --------------------------------------------------------------

def test_a_warm_run_is_served_from_the_assembled_results(cli, tmp_path, rules_run, monkeypatch):
    cache = tmp_path / "cache"
    fresh = _check(cli, None)
    _check(cli, cache)
    assert all(_stored(entry).header["result"] for entry in _entries(cache))
    rules_run.clear()
    monkeypatch.setattr(cache_module._Stored, "families", lambda self: pytest.fail("families read"))
    assert _check(cli, cache) == fresh
    assert rules_run == []


def test_a_damaged_result_part_is_rebuilt_from_the_families_without_linting(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    fresh = _check(cli, cache)
    entry = _entries(cache)[0]
    stored = _stored(entry)
    data = bytearray(entry.read_bytes())
    data[stored.start + stored.result_size + 5] ^= 0x20  # one letter of the report part
    entry.write_bytes(bytes(data))
    rules_run.clear()
    assert _check(cli, cache) == fresh  # the checksum caught it: the families served the file
    assert rules_run == []
    assert entry.read_bytes() != bytes(data)  # and the entry was written whole again
    rewritten = _stored(entry)
    assert rewritten.result("any.md", rewritten.header["result"]) is not None
    assert stored.result("any.md", stored.header["result"]) is not None  # as it was before the damage


def test_a_severity_override_rewrites_the_result_once(cli, tmp_path, rules_run):
    cache = tmp_path / "cache"
    config = tmp_path / ".medlint.yaml"  # with --config, the corpus' own configurations do not apply
    config.write_text("fail-level: error\n", encoding="utf-8")
    _check(cli, cache, "--config", str(config))
    before = {entry: _stored(entry).header["result"] for entry in _entries(cache)}
    config.write_text("fail-level: error\nseverity:\n  readability: error\n", encoding="utf-8")
    rules_run.clear()
    first = _check(cli, cache, "--config", str(config))
    assert rules_run == []  # severities apply to the stored findings
    assert first == _check(cli, None, "--config", str(config))
    after = {entry: _stored(entry).header["result"] for entry in _entries(cache)}
    assert all(after[entry] != before[entry] for entry in before)  # the new assembly is kept
    assert _check(cli, cache, "--config", str(config)) == first


def test_text_and_statistics_are_the_same_warm_as_uncached(cli, tmp_path):
    cache = tmp_path / "cache"
    for extra in ((), ("--statistics",)):
        for format in ("text", "json"):
            fresh = _check(cli, None, *extra, format=format)
            assert _check(cli, cache, *extra, format=format) == fresh
            assert _check(cli, cache, *extra, format=format) == fresh


def test_a_filtered_result_is_laid_out_again():
    from medlint.finding import Finding, Severity
    from medlint.linter import FileResult

    finding = Finding("claims.hype", Severity.WARNING, 1, 1, 1, 5, "hype")
    laid = jsonfmt.LaidOut.of(FileResult("a.md", [finding], {"x": 1}, ["k"]))
    assert laid.text == jsonfmt.file_text(FileResult("a.md", [finding], {"x": 1}, ["k"]))
    assert jsonfmt.file_text(laid) is laid.text
    emptied = dataclasses.replace(laid, findings=[], keys=[])  # as a baseline filter makes it
    assert jsonfmt.file_text(emptied) == jsonfmt.file_text(FileResult("a.md", [], {"x": 1}, []))
    assert json.loads(jsonfmt.file_text(emptied))["findings"] == []


# -- the rule catalogue ----------------------------------------------------------------------------

def test_a_run_the_cache_serves_never_loads_the_rules(cli, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = _check(cli, cache)
    catalogue_module._catalogue.cache_clear()  # as a new process starts

    def no_loading(*_args, **_kwargs):
        raise AssertionError("the rules were loaded")

    monkeypatch.setattr(catalogue_module, "load_rules", no_loading)
    try:
        assert _check(cli, cache) == fresh
        unknown = cli("check", str(CORPORA), "--cache-dir", str(cache), "--select", "claims.nope")
        assert unknown.exit_code == 2 and "unknown rule or rule family 'claims.nope'" in unknown.output
    finally:
        catalogue_module._catalogue.cache_clear()


def test_the_catalogue_matches_the_rule_set():
    catalogue_module._catalogue.cache_clear()
    rules = load_rules()
    made = catalogue_module.catalogue()
    catalogue_module._catalogue.cache_clear()
    read = catalogue_module.catalogue()  # from the build cache this time
    for catalogue in (made, read):
        assert [rule.id for rule in catalogue.rules] == [rule.id for rule in rules.rules]
        assert [r.family for r in catalogue.rules] == [catalogue_module.family(rule) for rule in rules.rules]
        assert [r.reads_today for r in catalogue.rules] == [rule.reads_today for rule in rules.rules]
        assert [r.reads_knowledge_base for r in catalogue.rules] == \
            [rule.reads_knowledge_base for rule in rules.rules]
        for selector in ("claims", "claims.hype", "ALL", "claim", "claims.nope"):
            assert catalogue.matches_selector(selector) == rules.matches_selector(selector)
    assert made.key == read.key


def test_a_new_rule_in_a_user_pack_is_in_the_next_catalogue(tmp_path):
    packs = tmp_path / "rules"
    packs.mkdir()
    rule = ("id: house.no-{word}\ntype: existence\nseverity: warning\nmessage: 'found {{match}}'\n"
            "description: House style.\nphrases: [{word}]\n")
    (packs / "house.yaml").write_text(rule.format(word="foo"), encoding="utf-8")
    folders = (str(packs),)
    try:
        first = catalogue_module.catalogue(folders)
        assert "house.no-foo" in first.by_id
        (packs / "house.yaml").write_text(rule.format(word="foo") + "---\n" + rule.format(word="bar"),
                                          encoding="utf-8")
        for cached in (catalogue_module._catalogue, keys_module.rule_data, load_rules):
            cached.cache_clear()  # as a new process starts
        second = catalogue_module.catalogue(folders)
        assert {"house.no-foo", "house.no-bar"} <= set(second.by_id)
        assert second.key != first.key
    finally:
        for cached in (catalogue_module._catalogue, keys_module.rule_data, load_rules):
            cached.cache_clear()


def test_rule_options_are_checked_by_the_rules_themselves(tmp_path):
    from medlint.config import load_config_file

    config_file = tmp_path / ".medlint.yaml"
    config_file.write_text("select: [claims]\n", encoding="utf-8")
    check = catalogue_module.rules_to_check
    assert isinstance(check(load_config_file(config_file), True), catalogue_module.Catalogue)
    assert not isinstance(check(load_config_file(config_file), False), catalogue_module.Catalogue)
    config_file.write_text("rules:\n  readability.long-sentence:\n    max-words: 30\n", encoding="utf-8")
    assert not isinstance(check(load_config_file(config_file), True), catalogue_module.Catalogue)


# -- pruning -----------------------------------------------------------------------------------------

def test_pruning_empties_the_folders_of_earlier_formats(tmp_path):
    root = tmp_path / "cache"
    old = root / "v1" / "ab" / ("ab" + "0" * 62 + ".json")
    old.parent.mkdir(parents=True)
    old.write_text("{}", encoding="utf-8")
    unrelated = root / "v1" / "ab" / "notes.txt"
    unrelated.write_text("kept", encoding="utf-8")
    cache = cache_module.ResultCache(root)
    current = cache.folder / "cd" / ("cd" + "0" * 62 + ".json")
    current.parent.mkdir(parents=True)
    current.write_text("{}", encoding="utf-8")
    cache.prune(now=time.time())
    assert not old.exists() and unrelated.exists()  # only files named as entries are touched
    assert current.exists()


def test_an_entry_gives_its_result_back_with_the_same_types():
    from datetime import date

    from medlint.finding import Finding, Severity
    from medlint.linter import FileResult

    for evidence in ({"as_of": date(2024, 5, 1), "pair": (1, "a")}, {"plain": [1, 2.5, None, True]}, None):
        finding = Finding("metadata.stale-review", Severity.INFO, 2, 1, 2, 9, "old", None, evidence)
        metrics = {"readability": {"grade": 8.25, "sections": [{"line": 3}]}, "_summary_lines": ["x"]}
        laid = jsonfmt.LaidOut.of(FileResult("a.md", [finding], metrics, ["key"]))
        stored = cache_module._Stored.parse(cache_module._entry_bytes({}, "k" * 32, laid))
        assert stored is not None
        back = stored.result("a.md", "k" * 32)
        assert back is not None and stored.result("a.md", "other") is None
        assert back.findings == [finding] and back.findings[0].evidence == evidence
        assert [type(v) for v in (back.findings[0].evidence or {}).values()] == \
            [type(v) for v in (evidence or {}).values()]
        assert back.metrics == metrics and back.keys == ["key"]
        assert jsonfmt.file_text(back) == laid.text


def test_installed_families_are_read_again_only_when_metadata_changes(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = installation.stamps()
    (site / "report.json").write_text("{}", encoding="utf-8")  # a report written into the folder
    assert installation.stamps() == before
    assert not any(entry[0] == "house" for entry in keys_module.installed()[1])
    info = site / "house_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house_rules\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[medlint.rules]\nhouse = house_rules\n", encoding="utf-8")
    assert installation.stamps() != before
    assert ("house", "house_rules", "house_rules", "1.0") in keys_module.installed()[1]
