"""What users see: metrics.readability in JSON, one summary line per file in text output."""

from __future__ import annotations

import json
from pathlib import Path

from medlint.linter import Source, lint_sources
from medlint.reporters.jsonfmt import file_json

BP = Path(__file__).resolve().parents[2] / "corpora" / "articles" / "readability"
KEYS = {"smog", "flesch_kincaid_grade", "flesch_reading_ease", "gunning_fog", "coleman_liau",
        "dale_chall", "words", "sentences", "sections"}


def test_json_metrics_have_the_documented_keys(cli, tmp_path):
    (tmp_path / "bp.md").write_text((BP / "bp-grade9.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("check", "--format", "json", "--today", "2026-11-26", "bp.md")
    data = json.loads(result.output)
    readability = data["files"][0]["metrics"]["readability"]
    assert KEYS <= set(readability)
    assert readability["words"] == 459 and readability["sentences"] == 30
    assert round(readability["smog"], 1) == 10.0 and round(readability["flesch_kincaid_grade"], 1) == 8.0
    assert readability["average_sentence_length"] == readability["words"] / readability["sentences"]
    sections = readability["sections"]
    assert [s["heading"] for s in sections] == [
        "What high blood pressure is", "Why it matters", "What you can do", "Working with your doctor"]
    assert [s["line"] for s in sections] == [3, 14, 25, 35]
    for section in sections:
        assert KEYS - {"sections"} <= set(section)
    assert sum(s["words"] for s in sections) == readability["words"]
    assert "_summary_lines" not in data["files"][0]["metrics"]


def test_section_headings_show_their_code_and_a_code_heading_opens_its_own_section():
    text = ("## Using `metformin` safely\n\nTake it with food.\n\n## `insulin`\n\n"
            "Insulin is injected once a day.\n")
    sections = lint_sources([Source("a.md", text)])[0].metrics["readability"]["sections"]
    assert [(s["heading"], s["line"], s["words"]) for s in sections] == [
        ("Using metformin safely", 1, 4), ("insulin", 5, 6)]


def test_file_json_carries_the_metrics():
    result = lint_sources([Source("a.txt", "Drink water every day. Rest when you feel tired.\n")])[0]
    metrics = file_json(result)["metrics"]["readability"]
    assert metrics["words"] == 9 and metrics["reliable"] is False


def test_text_output_prints_one_readability_line_per_file(cli, tmp_path):
    for level in (5, 14):
        (tmp_path / f"bp{level}.md").write_text((BP / f"bp-grade{level}.md").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    result = cli("check", "--no-color", "--today", "2026-11-26", "bp5.md", "bp14.md")
    lines = [line for line in result.output.splitlines() if ": readability: " in line]
    assert lines == [
        "bp5.md: readability: SMOG 5.6 (grade target 8), FK 4.2, 443 words, 31 sentences",
        "bp14.md: readability: SMOG 14.4 (grade target 8), FK 13.4, 456 words, 30 sentences",
    ]


def test_summary_line_notes_the_fallback_and_short_texts(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Drink water every day. Rest when you feel tired.\n", encoding="utf-8")
    result = cli("check", "--no-color", "a.txt")
    assert ("a.txt: readability: FK 3.2 (grade target 8), SMOG 7.2, 9 words, 2 sentences; "
            "SMOG needs 30+ sentences, so FK is used; under 100 words, scores are less reliable"
            ) in result.output.splitlines()


def test_no_metrics_when_readability_rules_are_not_selected(cli, tmp_path):
    (tmp_path / "a.md").write_text("Drink water every day.\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", "--select", "plain-language", "a.md").output)
    assert "readability" not in data["files"][0]["metrics"]


def test_rules_are_listed_and_explained(cli):
    listing = cli("rules").output
    for rule in ("readability.grade", "readability.section-grade", "readability.long-sentence",
                 "plain-language.jargon", "plain-language.undefined-acronym", "plain-language.passive-voice"):
        assert rule in listing
    assert "max-words" in cli("explain", "readability.long-sentence").output
