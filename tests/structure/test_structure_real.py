"""The structure rules on labelled real pages (corpora/structure-real): type accuracy and wrong
error-level findings. The pages live in ../shared/data/real/; without them the scoring tests skip."""

from __future__ import annotations

import importlib.util
import sys

import pytest
import yaml
from structure_helpers import REPO

LABELS = REPO / "corpora" / "structure-real"
SHARED_REAL = REPO.parent / "shared" / "data" / "real"
TYPES = {"condition", "treatment", "news", "general", "other"}
LEGIT = {"sections.missing", "metadata.missing-field", "metadata.stale-review", "metadata.invalid-date",
         "sources.missing", "document.front-matter-invalid"}


def _script():
    spec = importlib.util.spec_from_file_location("evaluate_structure", REPO / "scripts" / "evaluate_structure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("evaluate_structure", module)
    spec.loader.exec_module(module)
    return module


def _entries(name: str) -> list[dict]:
    return yaml.safe_load((LABELS / name).read_text(encoding="utf-8"))["pages"]


@pytest.mark.parametrize("name, at_least", [("labels.yaml", 150), ("heldout.yaml", 80)])
def test_labels_are_complete(name, at_least):
    entries = _entries(name)
    assert len(entries) >= at_least
    paths = [e["path"] for e in entries]
    assert len(set(paths)) == len(paths)
    for entry in entries:
        assert entry["type"] in TYPES, entry["path"]
        assert set(entry.get("legit_errors") or ()) <= LEGIT, entry["path"]
        assert entry.get("why"), entry["path"]
        assert not entry["path"].startswith("/") and ".." not in entry["path"]


def test_held_out_pages_are_not_in_the_tuning_set():
    assert not {e["path"] for e in _entries("labels.yaml")} & {e["path"] for e in _entries("heldout.yaml")}


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/data/real/ is not beside this checkout")
@pytest.mark.parametrize("name", ["labels.yaml", "heldout.yaml"])
def test_real_pages_meet_the_structure_bars(name):
    """Type accuracy >= 0.90; at most 1 wrong error-level structure finding per 50 pages; every
    right error found; no health type inferred from a single signal."""
    script = _script()
    results = script.evaluate(LABELS / name, SHARED_REAL)
    right = sum(script.type_correct(page) for page in results)
    assert right / len(results) >= 0.90, [(p.path, p.label_type, p.found_type) for p in results
                                          if not script.type_correct(p)]
    wrong = [(p.path, w) for p in results for w in p.wrong_errors]
    assert len(wrong) * 50 / len(results) <= 1, wrong
    assert [(p.path, p.missed_errors) for p in results if p.missed_errors] == []
    lone = [p.path for p in results if p.found_type in script.HEALTH_TYPES and p.type_source == "inferred"
            and len(p.evidence) < 2]
    assert lone == []
