"""`medlint check --shard K/N`: a stable split of a corpus by a hash of each file's path."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from medlint.runner import parse_shard, shard_of

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def _paths(cli, *options: str) -> list[str]:
    # a copy in the current folder (the cli fixture's tmp_path): shards hash paths relative to
    # it, so the split must not depend on where the checkout lies
    corpus = Path("corpora")
    if not corpus.exists():
        shutil.copytree(CORPORA, corpus)
    result = cli("check", "corpora", "--format", "json", "--no-cache", "--jobs", "1", *options)
    assert result.exit_code in (0, 1), result.stderr
    return [entry["path"] for entry in json.loads(result.stdout)["files"]]


def test_the_shards_of_a_corpus_split_it_without_overlap(cli):
    everything = _paths(cli)
    shards = [_paths(cli, "--shard", f"{k}/3") for k in (1, 2, 3)]
    assert sorted(path for shard in shards for path in shard) == sorted(everything)
    assert sum(len(shard) for shard in shards) == len(everything)
    assert all(shards), "13 files in three shards: none is empty with this hash"
    for shard in shards:  # each keeps the order of the whole run
        assert shard == [path for path in everything if path in shard]


def test_a_file_s_shard_is_a_sha256_of_its_path_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = "articles/sub/page.md"
    expected = int.from_bytes(hashlib.sha256(relative.encode()).digest()[:8], "big") % 7 + 1
    assert shard_of(relative, 7) == expected
    assert shard_of(tmp_path / "articles" / "sub" / "page.md", 7) == expected  # absolute: the same
    assert shard_of(os.path.join(".", "articles", "sub", "page.md"), 7) == expected


def test_shard_1_of_1_is_everything(cli):
    assert _paths(cli, "--shard", "1/1") == _paths(cli)


@pytest.mark.parametrize("value", ["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2"])
def test_bad_shards_are_usage_errors(cli, value):
    result = cli("check", str(CORPORA), "--shard", value)
    assert result.exit_code == 2
    assert "--shard" in result.stderr and "K/N" in result.stderr
    with pytest.raises(ValueError):
        parse_shard(value)


def test_good_shards_parse():
    assert parse_shard("2/5") == (2, 5)
    assert parse_shard(" 1/1 ") == (1, 1)
