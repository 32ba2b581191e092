"""A cold one-file check (issue 17, item 11): what it leaves unimported, and the start-up work it
keeps in the build cache (entry points, prefilter literals) giving what a fresh read gives."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medlint import buildcache, installation, persistent_memo
from medlint.document.markdown_subset import _UNCHANGED_HREF, _UNCHANGED_MAX
from medlint.engine import prefilter

REPO = Path(__file__).resolve().parents[2]

#: imported by a plain check only when a file needs them
LAZY = ("markdown_it", "mdurl", "html.parser", "html.entities", "tomllib", "yaml")

EVERYDAY = """\
---
title: "A guide to hay fever"
author: Fatima Haddad
date: 2025-08-03
---

# Hay fever

Hay fever is common, and it often starts slowly. See [our guide](https://www.example.net/conditions/hay-fever)
or [the leaflet](leaflets/hay-fever.md) for more.

- Keep windows shut
- Ask your GP about *antihistamines*
"""


def _modules_after_check(folder: Path, name: str, text: str) -> tuple[set[str], dict]:
    (folder / name).write_text(text, encoding="utf-8")
    code = ("import atexit, json, sys\n"
            "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
            "sys.argv = ['medlint', 'check', '--format', 'json', sys.argv[1]]\n"
            "from medlint.__main__ import run\n"
            "run()\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "MEDLINT_NO_CACHE": "1", "MEDLINT_NO_KB_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", code, str(folder / name)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1])), json.loads(done.stdout)


@pytest.fixture(scope="module")
def everyday(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], dict]:
    folder = tmp_path_factory.mktemp("everyday")
    _modules_after_check(folder, "first.md", EVERYDAY)  # fills the build cache (the lexicons' YAML)
    return _modules_after_check(folder, "article.md", EVERYDAY.replace("*", ""))


def test_a_check_of_an_everyday_markdown_file_imports_no_parser_it_does_not_need(everyday) -> None:  # noqa: ANN001
    modules, report = everyday
    assert [name for name in LAZY if name in modules] == []
    assert report["files"][0]["path"].endswith("article.md")
    assert "spacy" in modules and "medlint.document.markdown" in modules  # it did lint the file


@pytest.mark.parametrize("markup", ["> A quote from a patient.", "Tea &amp; toast.", "<div>Call us</div>",
                                    "Ask about *antihistamines*."])
def test_markup_outside_the_subset_still_loads_markdown_it(tmp_path: Path, markup: str) -> None:
    modules, report = _modules_after_check(tmp_path, "article.md", f"# Hay fever\n\n{markup}\n")
    assert "markdown_it" in modules
    assert report["files"][0]["path"].endswith("article.md")


def test_front_matter_beyond_the_simple_form_still_loads_yaml(tmp_path: Path) -> None:
    text = "---\ntitle: Hay fever\ntags:\n  - allergy\n---\n\n# Hay fever\n\nHay fever is common.\n"
    modules, report = _modules_after_check(tmp_path, "article.md", text)
    assert "yaml" in modules
    assert report["files"][0]["path"].endswith("article.md")


def test_a_link_read_without_markdown_it_is_the_link_markdown_it_reads() -> None:
    from medlint.document import parse_document
    from medlint.document.markdown import parse_markdown

    text = EVERYDAY.replace("*", "").split("---\n", 2)[2]  # the body alone
    fast = parse_document(text, "a.md")
    slow = parse_document(text, "a.md")
    slow.blocks.clear()
    slow.links.clear()
    parse_markdown(slow, 0, subset=False)
    assert fast.links == slow.links == ["https://www.example.net/conditions/hay-fever", "leaflets/hay-fever.md"]
    assert [block.text for block in fast.blocks] == [block.text for block in slow.blocks]


def test_link_targets_taken_as_they_are_are_what_markdown_it_normalises_them_to() -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    alphabet = "abcXYZ019._~/-:%?#@!&=+,;'()*$[] \u00e9"
    pieces = ["https://", "http://", "HTTPS://", "//", "www.", "example", ".com", "/", "a-b", "x_y", "..",
              ".", "~u", "javascript:", "data:", "mailto:", "-", "Ex", "%20", "?q=1", "#f", ":8080", "xn--",
              "a" * 70, "\u00e9"]
    rng = random.Random(17)
    taken = 0
    for number in range(40_000):
        if number % 2:
            target = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        else:
            target = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        if len(target) <= _UNCHANGED_MAX and _UNCHANGED_HREF.match(target):
            taken += 1
            assert md.normalizeLink(target) == target and md.validateLink(target), target
    assert taken > 3_000  # the fast path is exercised, not only refused
    for refused in ("https://Example.com/", "https://example.com:8080/", "javascript:alert(1)", "//host/x",
                    "a b", "https://" + "a" * 64 + ".com/", "https://%41.com", "/caf\u00e9"):
        assert not _UNCHANGED_HREF.match(refused), refused


# -- entry points from the build cache -------------------------------------------------------------

@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MEDLINT_NO_BUILD_CACHE", raising=False)
    return tmp_path / "cache" / "build"


def _distribution(site: Path, name: str, entries: dict[str, str], group: str = "medlint.rules") -> Path:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{key} = {value}\n" for key, value in entries.items())
    (info / "entry_points.txt").write_text(f"[{group}]\n{lines}", encoding="utf-8")
    return info


def _age(*paths: Path) -> None:
    """As if written a minute ago: listings younger than two seconds are not stored."""
    past = time.time() - 60
    for path in paths:
        os.utime(path, (past, past))


def _found(group: str = "medlint.rules") -> list[tuple[str, str]]:
    return sorted((entry.name, entry.value) for entry in installation.entry_points(group))


def _metadata_found(group: str = "medlint.rules") -> list[tuple[str, str]]:
    from importlib import metadata

    return sorted((entry.name, entry.value) for entry in metadata.entry_points(group=group))


def test_entry_points_come_from_the_cache_while_nothing_changed(cache_dir: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    info = _distribution(site, "house_rules", {"house": "house_rules"})
    _age(info / "entry_points.txt", info, site)
    monkeypatch.syspath_prepend(str(site))
    first = _found()
    assert ("house", "house_rules") in first and first == _metadata_found()
    from importlib import metadata

    def unreadable(**kwargs):  # noqa: ANN003, ANN202
        raise AssertionError("metadata read again")

    monkeypatch.setattr(metadata, "entry_points", unreadable)
    assert _found() == first


def test_a_distribution_installed_later_is_found(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    info = _distribution(site, "house_rules", {"house": "house_rules"})
    _age(info / "entry_points.txt", info, site)
    monkeypatch.syspath_prepend(str(site))
    _found()
    assert list(cache_dir.glob("entry-points-*.bin"))  # the listing was stored
    _distribution(site, "more_rules", {"more": "more_rules"})
    assert ("more", "more_rules") in _found()
    assert _found() == _metadata_found()


def test_an_entry_point_edited_in_place_is_found(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    info = _distribution(site, "house_rules", {"house": "house_rules"})
    other = _distribution(site, "other_tool", {"tool": "other_tool"}, group="console_scripts")
    _age(info / "entry_points.txt", info, other / "entry_points.txt", other, site)
    monkeypatch.syspath_prepend(str(site))
    before = _found()
    assert list(cache_dir.glob("entry-points-*.bin"))
    # setup.py develop rewrites entry_points.txt where it is: no folder of sys.path changes
    (other / "entry_points.txt").write_text("[medlint.rules]\nlate = other_tool.rules\n", encoding="utf-8")
    after = _found()
    assert ("late", "other_tool.rules") in after and ("late", "other_tool.rules") not in before
    assert after == _metadata_found()


def test_a_removed_distribution_is_gone(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    info = _distribution(site, "house_rules", {"house": "house_rules"})
    _age(info / "entry_points.txt", info, site)
    monkeypatch.syspath_prepend(str(site))
    assert ("house", "house_rules") in _found()
    assert list(cache_dir.glob("entry-points-*.bin"))
    for path in info.iterdir():
        path.unlink()
    info.rmdir()
    assert ("house", "house_rules") not in _found()


def test_a_listing_just_changed_is_not_stored(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _distribution(site, "house_rules", {"house": "house_rules"})  # written now
    monkeypatch.syspath_prepend(str(site))
    assert ("house", "house_rules") in _found()
    assert not list(cache_dir.glob("entry-points-*.bin"))


# -- prefilter literals kept from run to run -------------------------------------------------------

def test_stored_literals_are_those_a_fresh_parse_gives(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [r"\b(?:blood pressure|hypertension)\b", r"(?:per ?cent|%)", r"[0-9]+ ?mg", r"\d+ (?:days|weeks)",
               r"(?i)vitamin [a-e]", "(?x) a b c"]
    fresh = {(s, f, d): prefilter._read_literals(s, f, d, 3) for s in sources for f in (0, 2) for d in (False, True)}
    memo = persistent_memo.PersistentMemo("test-literals", lambda: "v1", prefilter._read_literals)
    for (s, f, d), needs in fresh.items():
        assert memo(s, f, d, 3) == needs
    memo.save()
    calls = []
    again = persistent_memo.PersistentMemo("test-literals", lambda: "v1",
                                           lambda *args: calls.append(args) or prefilter._read_literals(*args))
    assert {key: again(*key, 3) for key in fresh} == fresh
    assert calls == []  # all from the stored table
    changed = persistent_memo.PersistentMemo("test-literals", lambda: "v2",
                                             lambda *args: calls.append(args) or prefilter._read_literals(*args))
    changed(sources[0], 0, False, 3)
    assert calls  # another identity (changed code) reads nothing stored


def test_source_literals_take_flags_as_numbers_and_keywords_alike() -> None:
    import re

    assert prefilter.source_literals("per ?cent", re.IGNORECASE) == prefilter.source_literals("per ?cent", 2)
    assert prefilter.source_literals("per ?cent", flags=re.IGNORECASE, limit=1) == \
        prefilter._read_literals("per ?cent", 2, False, 1)
    assert buildcache.file_hash(prefilter.__file__) != "missing"


# -- no collections while the command's modules are imported ---------------------------------------

def test_imports_run_without_collections_and_collecting_resumes_after() -> None:
    import gc

    from medlint.startup_gc import paused_while_importing

    assert gc.isenabled()
    with paused_while_importing():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ImportError):
        with paused_while_importing():
            import medlint_no_such_module  # noqa: F401
    assert gc.isenabled()  # a failed import leaves the collector as it was
    gc.disable()
    try:
        with paused_while_importing():
            pass
        assert not gc.isenabled()  # a caller that had switched it off keeps it off
    finally:
        gc.enable()


# -- simple front matter without PyYAML -----------------------------------------------------------

KEYS = ["title", "author", "date", "type", "on", "yes", "Null", "og-title", "_x", "a1", "y", "n", "tags", "x y", "a:b"]
VALUES = ['"A guide to x"', "'It''s'", "'St John\"s'", '"a \\" b"', "Fatima Haddad", "Fatima  Haddad", "Tea & toast",
          "a - b", "St John's wort", "e.g. this", "No", "no way", "TRUE", "Off", "null", "~", "", "0", "012", "12",
          "1_000", "-3", "1.5", "2025-08-03", "2026-02-30", "2025-8-3", "0000-01-01", "2025-08-03T10:00:00", "x: y",
          "a #b", "a# b", "[a, b]", "{a: 1}", "&anchor x", "*alias", "!tag x", "|", ">", "- item", "Caf\u00e9 au lait",
          '"Caf\u00e9"', "'\t'", '"x\ty"', "a,b", "(a)", "a/b", "a+b", "NaN", ".inf", "Yes please", "0x1f", "1e3",
          "12345678901234567890", "'  spaced  '", '""', "''", "A.", "b.c.", "a'", 'a"b', "%x", "@x", "`x`", "=", "<<",
          "?", "?x", "x?", "What is asthma?", "Act now!", "a!b ? c", "emoji \U0001F600", '"\u0085"', '"\x7f"', '"\ufeff"']


def _yaml_front_matter(raw: str):  # noqa: ANN202
    from medlint.document.frontmatter import _loader
    from medlint.yamlsource import load_bounded

    data = load_bounded(raw, _loader())
    return {str(k): v for k, v in data.items()}


def test_simple_front_matter_is_read_as_yaml_reads_it() -> None:
    from medlint.document.simple_front_matter import read_simple_front_matter

    rng = random.Random(11)
    taken = 0
    for _ in range(20_000):
        lines = []
        for _ in range(rng.randint(1, 5)):
            separator = rng.choice([": ", ":  ", ":", " : "]) if rng.random() < 0.1 else ": "
            trailing = rng.choice(["", " ", "  ", "\t", " # note", "\r"]) if rng.random() < 0.2 else ""
            lines.append(f"{rng.choice(KEYS)}{separator}{rng.choice(VALUES)}{trailing}")
            if rng.random() < 0.05:
                lines.append(rng.choice(["", "  ", "# comment", "  nested: 1", "- x"]))
        raw = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
        mine = read_simple_front_matter(raw)
        if mine is None:
            continue
        taken += 1
        theirs = _yaml_front_matter(raw)
        assert mine == theirs, raw
        assert [(key, type(value)) for key, value in mine.items()] == \
               [(key, type(value)) for key, value in theirs.items()], raw
    assert taken > 500


@pytest.mark.parametrize("raw", ["title: Hay fever\n# a comment\n", "tags:\n  - a\n", "title: a: b\n",
                                 "title: Hay fever\ntitle: Again\n", "on: Monday\n", "review: yes\n",
                                 "title:\n", "title: |\n  text\n", "version: 012\n", "when: 2025-08-03 10:00\n",
                                 "title: Hay fever \\ more\n", "\n\n"])
def test_front_matter_outside_the_simple_form_is_left_to_yaml(raw: str) -> None:
    from medlint.document.simple_front_matter import read_simple_front_matter

    assert read_simple_front_matter(raw) is None


def test_simple_front_matter_values() -> None:
    from datetime import date

    from medlint.document.simple_front_matter import read_simple_front_matter

    raw = 'title: "Hay fever: a guide"\nauthor: Fatima Haddad\ndate: 2025-08-03\nbad: 2026-02-30\nyear: 2025\n'
    assert read_simple_front_matter(raw) == {"title": "Hay fever: a guide", "author": "Fatima Haddad",
                                             "date": date(2025, 8, 3), "bad": "2026-02-30", "year": 2025}
    assert read_simple_front_matter(raw) == _yaml_front_matter(raw)


def test_the_acronym_lexicon_from_the_cache_equals_a_fresh_read(cache_dir: Path) -> None:
    from medlint.readability import lexicons
    from medlint.resources import builtin_rules_dir

    path = next(builtin_rules_dir().rglob("acronyms.yaml"))
    lexicons.acronyms.cache_clear()
    first = lexicons.acronyms(path)
    assert list(cache_dir.glob("acronym-lexicon*.bin"))
    lexicons.acronyms.cache_clear()
    assert lexicons.acronyms(path) == first == lexicons._acronyms(path)
    assert first.known and first.ignore is not None  # a real list, not empty


def test_a_plugin_in_the_current_folder_is_found_from_another_folder_too(cache_dir: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """'' on sys.path is the current folder: a listing made in one folder is not another's."""
    here, there = tmp_path / "here", tmp_path / "there"
    info = _distribution(here, "house_rules", {"house": "house_rules"})
    there.mkdir()
    _age(info / "entry_points.txt", info, here, there)
    monkeypatch.syspath_prepend("")
    monkeypatch.chdir(here)
    assert ("house", "house_rules") in _found()
    assert list(cache_dir.glob("entry-points-*.bin"))
    monkeypatch.chdir(there)
    assert ("house", "house_rules") not in _found()
    assert _found() == _metadata_found()


def test_a_memo_is_written_back_only_where_it_was_read_from(cache_dir: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    memo = persistent_memo.PersistentMemo("test-folder", lambda: "v1", prefilter._read_literals)
    memo("per ?cent", 0, False, 3)
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    memo.save()
    assert not (tmp_path / "elsewhere").exists() and not list(cache_dir.glob("test-folder-*.bin"))
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    memo.save()
    assert list(cache_dir.glob("test-folder-*.bin"))
