"""Audience profiles: default patient target, front matter, per-glob overrides, professional,
custom targets and profiles, and what happens with unknown or invalid values."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from medlint.config import parse_config
from medlint.linter import Source, lint_sources
from medlint.yamlsource import SourceError, load_yaml

TODAY = datetime.date(2026, 11, 26)
BP9 = (Path(__file__).resolve().parents[2] / "corpora" / "articles" / "readability" / "bp-grade9.md"
       ).read_text(encoding="utf-8")  # SMOG 10.0


def config(tmp_path: Path, yaml_text: str):
    path = tmp_path / ".medlint.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return parse_config(load_yaml(yaml_text, path), path)


def run(text: str, path: str, cfg=None):
    result = lint_sources([Source(path, text.encode("utf-8"), cfg)], today=TODAY)[0]
    grade = [f for f in result.findings if f.rule == "readability.grade"]
    return result.metrics["readability"], grade


def with_front_matter(text: str, **fields: str) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{lines}---\n{text}"


def test_patient_is_the_default_with_target_8():
    scores, grade = run(BP9, "bp.md")
    assert scores["audience"] == "patient" and scores["target_grade"] == 8
    assert len(grade) == 1 and str(grade[0].severity) == "error"  # 10.0 is 2 grades above 8
    assert "grade 10.0 (SMOG)" in grade[0].message and "grade 8 target" in grade[0].message


def test_caregiver_front_matter_raises_the_target(tmp_path):
    scores, grade = run(with_front_matter(BP9, audience="caregiver"), "bp.md")
    assert scores["audience"] == "caregiver" and scores["target_grade"] == 9
    assert len(grade) == 1 and str(grade[0].severity) == "warning"  # 1 grade above 9


def test_professional_audience_has_no_grade_target():
    scores, grade = run(with_front_matter(BP9, audience="professional"), "bp.md")
    assert scores["target_grade"] is None and grade == []
    assert scores["smog"] == pytest.approx(10.0, abs=0.05)  # still scored


def test_per_glob_override_sets_the_audience(tmp_path):
    cfg = config(tmp_path, "overrides:\n  - files: ['pro/**']\n    audience: professional\n")
    _, in_glob = run(BP9, str(tmp_path / "pro" / "bp.md"), cfg)
    _, outside = run(BP9, str(tmp_path / "patients" / "bp.md"), cfg)
    assert in_glob == [] and len(outside) == 1


def test_front_matter_wins_over_the_configuration(tmp_path):
    cfg = config(tmp_path, "audience: professional\n")
    scores, grade = run(with_front_matter(BP9, audience="patient"), str(tmp_path / "bp.md"), cfg)
    assert scores["audience"] == "patient" and len(grade) == 1
    scores, grade = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert scores["audience"] == "professional" and grade == []


def test_custom_target_grade(tmp_path):
    cfg = config(tmp_path, "readability:\n  target-grade: 11\n")
    scores, grade = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert scores["target_grade"] == 11 and grade == []
    cfg = config(tmp_path, "readability:\n  target-grade: 9.5\n")
    _, grade = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert len(grade) == 1 and str(grade[0].severity) == "warning"


def test_null_target_and_override_merging(tmp_path):
    cfg = config(tmp_path, "readability:\n  target-grade: null\n")
    scores, grade = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert scores["target_grade"] is None and grade == []
    cfg = config(tmp_path, "readability: {formula: flesch-kincaid}\n"
                           "overrides:\n  - files: ['teen/*.md']\n    readability: {target-grade: 7.5}\n")
    scores, grade = run(BP9, str(tmp_path / "teen" / "bp.md"), cfg)
    assert scores["target_grade"] == 7.5 and scores["grade_formula"] == "flesch_kincaid_grade"
    assert len(grade) == 1 and str(grade[0].severity) == "warning"  # FK 8.0 vs 7.5


def test_custom_profile_and_formula(tmp_path):
    cfg = config(tmp_path, "readability:\n  profiles:\n"
                           "    teen: {target-grade: 7, formula: flesch-kincaid}\n")
    scores, grade = run(with_front_matter(BP9, audience="teen"), str(tmp_path / "bp.md"), cfg)
    assert scores["audience"] == "teen" and scores["grade_formula"] == "flesch_kincaid_grade"
    assert len(grade) == 1 and "Flesch-Kincaid" in grade[0].message  # FK 8.0 > 7


def test_unknown_front_matter_audience_falls_back_without_crashing(tmp_path):
    cfg = config(tmp_path, "audience: caregiver\n")
    result = lint_sources([Source(str(tmp_path / "bp.md"), with_front_matter(BP9, audience="martians"), cfg)],
                          today=TODAY)[0]
    scores = result.metrics["readability"]
    assert scores["audience"] == "caregiver" and "martians" in scores["audience_note"]
    assert any("martians" in line for line in result.metrics["_summary_lines"])
    scores, _ = run(with_front_matter(BP9, audience="[1, 2]"), "bp.md")
    assert scores["audience"] == "patient"


@pytest.mark.parametrize("yaml_text, message", [
    ("audience: 7\n", "audience name"),
    ("readability: {target-grade: high}\n", "grade between 1 and 20"),
    ("readability: {formula: lix}\n", "must be one of smog"),
    ("readability: {colour: blue}\n", "unknown key 'colour'"),
    ("readability: {profiles: {teen: {target: 6}}}\n", "takes only target-grade"),
    ("audience: patinet\n", "unknown audience 'patinet' (did you mean 'patient'?)"),
    ("overrides:\n  - files: [x]\n    readability: {profiles: {teen: {target-grade: 6}}}\n"
     "  - files: [y]\n    audience: teen\n", "unknown audience 'teen'"),
])
def test_invalid_configuration_is_reported_with_its_line(tmp_path, yaml_text, message):
    with pytest.raises(SourceError) as error:
        config(tmp_path, "fail-level: error\n" + yaml_text)
    line = 2 + yaml_text[:yaml_text.find("audience")].count("\n") if "audience:" in yaml_text else 2
    assert message in str(error.value) and f":{line}:" in str(error.value)


def test_an_audience_may_name_a_profile_of_the_top_level_or_of_its_own_override(tmp_path):
    cfg = config(tmp_path, "readability: {profiles: {teen: {target-grade: 6}}}\naudience: teen\n"
                           "overrides:\n  - files: ['kids/**']\n    audience: child\n"
                           "    readability: {profiles: {child: {target-grade: 4}}}\n")
    scores, _ = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert (scores["audience"], scores["target_grade"]) == ("teen", 6)
    scores, _ = run(BP9, str(tmp_path / "kids" / "bp.md"), cfg)
    assert (scores["audience"], scores["target_grade"]) == ("child", 4)


def test_override_profiles_merge_with_the_top_level_ones(tmp_path):
    cfg = config(tmp_path, "readability: {profiles: {teen: {target-grade: 6}}}\n"
                           "overrides:\n  - files: ['kids/**']\n"
                           "    readability: {profiles: {child: {target-grade: 4}}}\n")
    scores, _ = run(with_front_matter(BP9, audience="teen"), str(tmp_path / "kids" / "bp.md"), cfg)
    assert (scores["audience"], scores["target_grade"]) == ("teen", 6)
    assert "audience_note" not in scores


def test_an_override_audience_brings_its_own_target_like_front_matter_does(tmp_path):
    cfg = config(tmp_path, "readability: {target-grade: 7}\n"
                           "overrides:\n  - files: ['pro/**']\n    audience: professional\n"
                           "  - files: ['care/**']\n    audience: caregiver\n"
                           "    readability: {target-grade: 10}\n")
    in_override, grade = run(BP9, str(tmp_path / "pro" / "bp.md"), cfg)
    in_front_matter, _ = run(with_front_matter(BP9, audience="professional"), str(tmp_path / "bp.md"), cfg)
    assert in_override["target_grade"] is None and grade == []
    assert in_front_matter["target_grade"] is None
    scores, _ = run(BP9, str(tmp_path / "bp.md"), cfg)
    assert scores["target_grade"] == 7  # the top level's own target still applies outside
    scores, _ = run(BP9, str(tmp_path / "care" / "bp.md"), cfg)
    assert (scores["audience"], scores["target_grade"]) == ("caregiver", 10)
