"""The structure rules' data read through the build cache equals a fresh read of the YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint import buildcache
from medlint.resources import builtin_rules_dir
from medlint.structure import data


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MEDLINT_NO_BUILD_CACHE", raising=False)
    data.load.cache_clear()
    data.kb_drug_names.cache_clear()
    yield tmp_path / "cache" / "build"
    data.load.cache_clear()
    data.kb_drug_names.cache_clear()


@pytest.mark.parametrize("name", ["sections", "inference", "phrases", "metadata"])
def test_each_data_file_from_the_cache_equals_the_yaml(cache_dir: Path, name: str) -> None:
    fresh = data._read(builtin_rules_dir() / "structure" / f"{name}.yaml")
    assert data.load(name) == fresh  # built and stored
    assert any(entry.name.startswith(f"structure-{name}.") for entry in cache_dir.iterdir())
    data.load.cache_clear()
    assert data.load(name) == fresh  # read back from the entry


def test_drug_names_from_the_cache_equal_the_knowledge_base(cache_dir: Path) -> None:
    fresh = data._drug_names(builtin_rules_dir() / "kb" / "drugs.yaml")
    assert fresh and data.kb_drug_names() == fresh
    data.kb_drug_names.cache_clear()
    assert data.kb_drug_names() == fresh


def test_a_changed_data_file_is_read_again(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    (rules / "structure").mkdir(parents=True)
    target = rules / "structure" / "phrases.yaml"
    target.write_text("disclaimer: [not medical advice]\n", encoding="utf-8")
    monkeypatch.setattr(data, "builtin_rules_dir", lambda: rules)
    assert data.load("phrases") == {"disclaimer": ["not medical advice"]}
    target.write_text("disclaimer: [for educational purposes]\n", encoding="utf-8")
    data.load.cache_clear()
    assert data.load("phrases") == {"disclaimer": ["for educational purposes"]}
    assert data.load("missing") == {}


def test_data_marshal_cannot_hold_is_read_each_time(cache_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    (rules / "structure").mkdir(parents=True)
    (rules / "structure" / "metadata.yaml").write_text("since: 2024-01-02\n", encoding="utf-8")
    monkeypatch.setattr(data, "builtin_rules_dir", lambda: rules)
    first = data.load("metadata")
    data.load.cache_clear()
    assert data.load("metadata") == first and str(first["since"]) == "2024-01-02"
    assert not buildcache.build_dir().exists() or not any(
        entry.name.startswith("structure-metadata.") for entry in buildcache.build_dir().iterdir())
