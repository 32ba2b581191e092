"""The `metric` rule type: a readability score against a `max`/`min`, per document, section or
paragraph, and its validation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from medlint.config import Config
from medlint.engine.loader import build_rule
from medlint.readability.counts import count_text
from medlint.readability.metric import METRICS
from medlint.readability.scores import score
from medlint.yamlsource import SourceError, read_yaml_documents

HARD = ("Antihypertensive pharmacotherapy encompasses angiotensin-converting enzyme inhibitors, "
        "angiotensin receptor antagonists and thiazide diuretics, individualized according to comorbidities.")
EASY = "Take your pills with food. Drink water. Call us if you feel sick."
ARTICLE = f"# Title\n\nIntro words here. {EASY}\n\n## Treatment\n\n{HARD}\n\n## Living with it\n\n{EASY}\n"


def pack(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    text = "id: house.metric\ntype: metric\nseverity: warning\ndescription: A limit.\n" + textwrap.dedent(body)
    (folder / "house.yaml").write_text(text, encoding="utf-8")
    return folder


def lint(lint_text, folder: Path, text: str, **options) -> list:
    config = Config(rule_dirs=(str(folder),), cli_select=("house",))
    if options:
        config.base = {"rules": {"house.metric": options}}
    return lint_text(text, config=config)


def test_paragraph_scope_flags_only_the_hard_paragraph(tmp_path, lint_text):
    folder = pack(tmp_path, """\
        scope: paragraph
        metric: flesch-kincaid
        max: 12
        message: "{metric} {value} is {relation} {limit} ({words} words, {sentences} sentence)"
        """)
    findings = lint(lint_text, folder, ARTICLE)
    expected = score(count_text(HARD)).flesch_kincaid_grade
    assert [(f.line, f.column, f.message) for f in findings] == [
        (7, 1, f"Flesch-Kincaid grade {expected:.1f} is over 12 (16 words, 1 sentence)")]
    assert findings[0].end_column == len(HARD) + 1
    assert findings[0].evidence["metric"] == "flesch-kincaid" and findings[0].evidence["limit"] == 12


def test_section_scope_names_the_heading(tmp_path, lint_text):
    folder = pack(tmp_path, """\
        scope: section
        metric: flesch_reading_ease   # the JSON output's spelling works too
        min: 30
        message: "'{heading}': reading ease {value} {relation} {limit}"
        """)
    findings = lint(lint_text, folder, ARTICLE)
    assert [f.message.split(":")[0] for f in findings] == ["'Treatment'"]
    assert findings[0].line == 7 and " under 30" in findings[0].message


def test_document_scope_with_min_and_max(tmp_path, lint_text):
    folder = pack(tmp_path, """\
        metric: words
        min: 20
        max: 40
        message: "{value} words, {relation} {limit}"
        """)
    assert [f.message for f in lint(lint_text, folder, "# Short\n\nOnly a few words here.\n")] == [
        "5 words, under 20"]
    assert [f.message for f in lint(lint_text, folder, ARTICLE)] == ["45 words, over 40"]
    assert lint(lint_text, folder, f"# Title\n\n{EASY} {EASY}\n") == []


def test_min_words_option_skips_short_units(tmp_path, lint_text):
    folder = pack(tmp_path, """\
        scope: paragraph
        metric: smog
        max: 5
        message: "{value}"
        """)
    assert len(lint(lint_text, folder, ARTICLE)) == 1
    assert lint(lint_text, folder, ARTICLE, **{"min-words": 17}) == []


def test_code_headings_and_references_are_not_scored(tmp_path, lint_text):
    folder = pack(tmp_path, """\
        scope: paragraph
        metric: flesch-kincaid
        max: 12
        message: "{value}"
        """)
    text = f"# {HARD}\n\n{EASY}\n\n```\n{HARD}\n```\n\n## References\n\n{HARD}\n"
    assert lint(lint_text, folder, text) == []


@pytest.mark.parametrize("body, line, words", [
    ("metric: smgo\nmax: 10\nmessage: x\n", 5, "unknown metric 'smgo'"),
    ("metric: smgo\nmax: 10\nmessage: x\n", 5, "did you mean 'smog'?"),
    ("metric: smog\nmessage: x\n", 1, "needs a limit: 'max', 'min' or both"),
    ("max: 10\nmessage: x\n", 1, "needs 'metric'"),
    ("metric: smog\nmax: ten\nmessage: x\n", 6, "'max' must be a number"),
    ("metric: smog\nmax: 5\nmin: 8\nmessage: x\n", 7, "'min' (8) is above 'max' (5)"),
    ("metric: smog\nmax: 5\nscope: sentence\nmessage: x\n", 7, "scope must be one of document, section, paragraph"),
    ("metric: smog\nmax: 5\nmessage: '{grade}'\n", 7, "unknown placeholder {grade}"),
    ("metric: smog\nmax: 5\nmessage: x\nfront-matter: true\n", 8, "'front-matter' does not apply"),
])
def test_invalid_metric_rules_name_path_and_line(tmp_path, body, line, words):
    folder = pack(tmp_path, body)
    path = folder / "house.yaml"
    with pytest.raises(SourceError) as caught:
        for spec in read_yaml_documents(path):
            build_rule(spec, path)
    assert caught.value.line == line, str(caught.value)
    assert caught.value.path == str(path)
    assert words in str(caught.value)


def test_every_metric_name_is_a_score():
    from medlint.readability.scores import Scores

    assert {field for field, _ in METRICS.values()} <= set(Scores._fields)
    assert {"smog", "flesch-kincaid", "flesch-reading-ease", "gunning-fog", "coleman-liau", "dale-chall"} <= set(METRICS)


def test_a_broken_metric_rule_in_rule_dirs_exits_2(tmp_path, cli):
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [pack]\n", encoding="utf-8")
    pack(tmp_path, "metric: readability\nmax: 8\nmessage: x\n")
    (tmp_path / "a.md").write_text("Words.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert "pack/house.yaml:5: rule house.metric: unknown metric 'readability'" in result.stderr
