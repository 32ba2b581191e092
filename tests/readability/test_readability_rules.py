"""readability.grade, readability.section-grade and readability.long-sentence: when they fire,
where, and in which formats; nothing inside code, URLs, front matter or headings."""

from __future__ import annotations

import pytest

import datetime

from medlint.config import parse_config
from medlint.linter import Source, lint_sources
from medlint.yamlsource import load_yaml

TODAY = datetime.date(2026, 11, 26)
READABILITY = ("readability.grade", "readability.section-grade", "readability.long-sentence")

HARD = ("Pharmacological management of hypertension necessitates individualized consideration of "
        "comorbidities, concomitant medications, and anticipated adherence. Antihypertensive agents "
        "are typically initiated following comprehensive cardiovascular risk evaluation. Periodic "
        "reassessment of therapeutic efficacy and tolerability remains fundamentally important. "
        "Inadequate responsiveness frequently necessitates combination regimens incorporating "
        "complementary pharmacological mechanisms. Ambulatory monitoring facilitates identification "
        "of masked and white-coat phenomena. Nonpharmacological interventions, encompassing dietary "
        "sodium restriction, structured aerobic exercise, and moderation of alcohol consumption, "
        "constitute foundational components of management. Multidisciplinary collaboration "
        "involving pharmacists and nurses substantially improves longitudinal blood pressure control. "
        "Patients demonstrating persistent elevation despite maximally tolerated triple therapy "
        "warrant evaluation for secondary etiologies, including primary aldosteronism.")
EASY = ("Your heart pumps blood all day and all night. The blood moves through tubes called blood "
        "vessels. When it pushes hard on the walls of the tubes for a long time, we call it high "
        "blood pressure. You may not feel it at all. That is why you need to get it checked. A nurse "
        "puts a cuff on your arm. The cuff squeezes for a short time and then lets go. It does not "
        "hurt. You can also check it at home. Write down the numbers and show them to your doctor. "
        "Take your pills each day, even when you feel fine.")
LONG = ("If you have been told that your blood pressure is high, check it at home every morning and "
        "every evening and write the numbers in a notebook so that you can show them at your next visit.")


def findings(text: str, path: str = "article.md", cfg=None, rules=READABILITY):
    result = lint_sources([Source(path, text.encode("utf-8"), cfg)], today=TODAY)[0]
    return [f for f in result.findings if f.rule in rules]


def by_rule(found, rule):
    return [f for f in found if f.rule == rule]


def test_grade_finding_sits_on_the_first_prose_sentence_with_the_fallback_note():
    text = f"---\ntitle: x\n---\n\n# Treating high blood pressure\n\n{HARD}\n"
    grade = by_rule(findings(text), "readability.grade")
    assert len(grade) == 1
    finding = grade[0]
    assert (finding.line, finding.column) == (7, 1) and finding.end_line == 7
    assert str(finding.severity) == "error"
    assert "Flesch-Kincaid" in finding.message and "SMOG needs 30 or more sentences" in finding.message
    assert finding.evidence["grade_formula"] == "flesch_kincaid_grade"
    assert finding.evidence["target_grade"] == 8


def test_easy_text_has_no_grade_finding_and_short_text_is_not_graded():
    assert by_rule(findings(f"# Blood pressure\n\n{EASY}\n"), "readability.grade") == []
    short = HARD.split(". ")[0] + "."
    assert by_rule(findings(short), "readability.grade") == []


def test_min_words_option(tmp_path):
    short = " ".join(HARD.split(". ")[:2]) + "."
    path = tmp_path / ".medlint.yaml"
    text = "rules:\n  readability.grade: {min-words: 10}\n"
    path.write_text(text)
    cfg = parse_config(load_yaml(text, path), path)
    assert len(by_rule(findings(short, str(tmp_path / "a.md"), cfg), "readability.grade")) == 1


def test_section_grade_points_at_the_hard_section_only():
    text = f"# Blood pressure\n\n## The basics\n\n{EASY}\n\n## Medicines\n\n{HARD}\n"
    sections = by_rule(findings(text), "readability.section-grade")
    assert len(sections) == 1
    finding = sections[0]
    assert finding.line == 9 and "'Medicines'" in finding.message
    assert finding.evidence["heading"] == "Medicines" and finding.evidence["line"] == 7
    assert finding.evidence["words"] > 60
    # the message carries the section's other scores, so text output shows them too
    ev = finding.evidence
    other = "SMOG" if ev["grade_formula"] != "smog" else "FK"
    other_value = ev["smog"] if other == "SMOG" else ev["flesch_kincaid_grade"]
    assert f"{other} {other_value:.1f}, reading ease {ev['flesch_reading_ease']:.1f}" in finding.message
    assert f"{ev['words']} words in {ev['sentences']} sentences" in finding.message


def test_section_margin_option(tmp_path):
    text = f"# Blood pressure\n\n## The basics\n\n{EASY}\n\n## Medicines\n\n{HARD}\n"
    path = tmp_path / ".medlint.yaml"
    raw = "rules:\n  readability.section-grade: {margin: 30}\n"
    path.write_text(raw)
    cfg = parse_config(load_yaml(raw, path), path)
    assert by_rule(findings(text, str(tmp_path / "a.md"), cfg), "readability.section-grade") == []


def test_long_sentence_is_located_in_markdown_html_and_text():
    md = by_rule(findings(f"# Checks\n\nShort one. {LONG} Another short one.\n"), "readability.long-sentence")
    assert [(f.line, f.column, f.end_column) for f in md] == [(3, 12, 12 + len(LONG))]
    assert "37 words" in md[0].message and md[0].evidence == {"words": 37, "limit": 25}
    html = findings(f"<html><body><h1>Checks</h1><p>{LONG}</p></body></html>", "a.html")
    assert len(by_rule(html, "readability.long-sentence")) == 1
    txt = findings(f"Checks at home\n\n{LONG}\n", "a.txt")
    assert [(f.line, f.column) for f in by_rule(txt, "readability.long-sentence")] == [(3, 1)]


def test_an_abbreviation_inside_a_sentence_does_not_end_it():
    sentence = ("Give your child about 5 mL of the liquid approx. every four to six hours with a small "
                "drink of water or milk, but never give more than five doses in one day.")
    hits = by_rule(findings(f"# Fever\n\n{sentence} Then rest.\n"), "readability.long-sentence")
    assert [(f.line, f.column, f.end_column) for f in hits] == [(3, 1, 1 + len(sentence))]
    assert hits[0].evidence["words"] == 33
    from medlint.engine.context import _sentence_starts
    from medlint.nlp import pipe

    doc = next(pipe(None, ["Take 1 tsp. of syrup. Rest now. Wait. then go."]))
    assert [s.text for s in doc.sents] == ["Take 1 tsp. of syrup.", "Rest now.", "Wait. then go."]
    assert _sentence_starts(doc) == [s.start for s in doc.sents]  # the kept flags agree



@pytest.mark.parametrize("text, sentences", [
    # a clock time ends a sentence when a capitalised word other than a day or time zone follows
    ("We are open from 8:00 a.m. to 4:00 p.m. Contact the centre to book a visit.",
     ["We are open from 8:00 a.m. to 4:00 p.m.", "Contact the centre to book a visit."]),
    ("Call between 9 a.m. and 5 p.m. Monday through Friday, or 10 a.m. Eastern on Saturday.",
     ["Call between 9 a.m. and 5 p.m. Monday through Friday, or 10 a.m. Eastern on Saturday."]),
    ("Call 911 at 3 a.m. if you cannot breathe.", ["Call 911 at 3 a.m. if you cannot breathe."]),
    # an abbreviation before a number does not end a sentence; a unit before a number may
    ("Take approx. 5 mL every 4 hours. Each dose is ca. 10 mg. See fig. 3.",
     ["Take approx. 5 mL every 4 hours.", "Each dose is ca. 10 mg.", "See fig. 3."]),
    ("The dose was 5 mg. 10 people had side effects.", ["The dose was 5 mg.", "10 people had side effects."]),
    # titles and Latin abbreviations
    ("Ask Dr. Smith at St. Mary's Hospital. Mrs. Park agreed.",
     ["Ask Dr. Smith at St. Mary's Hospital.", "Mrs. Park agreed."]),
    ("Some drugs, e.g. ibuprofen, upset the stomach. Others, i.e. coated ones, do not.",
     ["Some drugs, e.g. ibuprofen, upset the stomach.", "Others, i.e. coated ones, do not."]),
])
def test_sentence_boundaries_around_abbreviations(text, sentences):
    from medlint.engine.context import _sentence_starts
    from medlint.nlp import pipe

    doc = next(pipe(None, [text]))
    assert [s.text for s in doc.sents] == sentences
    assert _sentence_starts(doc) == [s.start for s in doc.sents]


def test_opening_hours_are_not_one_long_sentence():
    text = ("# Visit us\n\nThe clinic is open Monday through Friday from 8:00 a.m. to 4:00 p.m. Contact the "
            "centre by phone or email to book a visit with a nurse or a doctor before you come in.\n")
    assert by_rule(findings(text), "readability.long-sentence") == []

def test_long_sentence_max_words_option(tmp_path):
    path = tmp_path / ".medlint.yaml"
    raw = "rules:\n  readability.long-sentence: {max-words: 40}\n"
    path.write_text(raw)
    cfg = parse_config(load_yaml(raw, path), path)
    assert by_rule(findings(LONG, str(tmp_path / "a.md"), cfg), "readability.long-sentence") == []
    raw = "rules:\n  readability.long-sentence: {max-words: 10}\n"
    path.write_text(raw)
    cfg = parse_config(load_yaml(raw, path), path)
    found = by_rule(findings(EASY, str(tmp_path / "a.md"), cfg), "readability.long-sentence")
    assert [f.evidence["words"] for f in found] == [20, 11]  # "When it pushes ...", "The cuff ..."


def test_words_are_counted_like_textstat():
    # punctuation-only tokens do not count; hyphenated words count once
    sentence = ("Long-term care - for people who have had a stroke - includes speech therapy, "
                "physical therapy, and help at home from nurses, aides, family members and friends.")
    assert by_rule(findings(sentence), "readability.long-sentence") == []  # 25 words exactly


ALL_PLACES = f"""---
title: {LONG}
summary: The malignancy was efficacious, said the FDA-like NCCN body.
---

# {LONG} with malignancy and NCCN

```
{LONG}
The malignancy is treated. NCCN says the modality was efficacious.
```

Visit https://example.org/malignancy-modality-NCCN-was-treated-efficacious-{"very-" * 30}long for details.

Indented code follows.

    The malignancy was treated by the NCCN modality.

Inline `the malignancy was treated by NCCN` code.
"""


PLAIN_RULES = ("plain-language.jargon", "plain-language.undefined-acronym", "plain-language.passive-voice")


def test_no_findings_inside_code_urls_or_headings_and_only_jargon_in_front_matter():
    found = findings(ALL_PLACES, rules=READABILITY + PLAIN_RULES)
    # only the jargon rule reads the front matter's prose (its title and summary), where it belongs
    assert [(f.rule, f.line) for f in found] == [("plain-language.jargon", 3), ("plain-language.jargon", 3)]


def test_the_same_words_as_prose_are_flagged():
    # control for the test above: every rule fires on this text when it is prose
    prose = f"{LONG}\n\nThe malignancy is treated. NCCN says the modality was efficacious.\n"
    found = {f.rule for f in findings(prose, rules=READABILITY + PLAIN_RULES)}
    assert found == {"readability.long-sentence", *PLAIN_RULES}


def test_references_sections_are_not_checked():
    text = (f"# Blood pressure\n\n{EASY}\n\n## References\n\n1. {LONG} The malignancy was treated. "
            "NCCN guidelines.\n\n### Further notes\n\nThe modality is efficacious.\n")
    assert findings(text, rules=READABILITY + PLAIN_RULES) == []
