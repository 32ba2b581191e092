"""Article-type inference: several signals or none, pages that are not health articles, and how
the type is reported (metrics.structure in JSON, the summary line in text)."""

from __future__ import annotations

import json

import pytest
from structure_helpers import TODAY, lint, missing_sections, of

from medlint.document import parse_document
from medlint.finding import Severity
from medlint.linter import Source, lint_sources
from medlint.structure.inference import infer, outline


def article_type(text: str, path: str = "page.md"):
    document = parse_document(text, path)
    return infer(outline(document), document)


def metrics(text: str, path: str = "page.md") -> dict:
    return lint_sources([Source(path, text.encode("utf-8"))], today=TODAY)[0].metrics["structure"]


BENEFITS = """---
title: Apply for education benefits
---
# Apply for education benefits

Find out how to apply for education benefits online, by mail or in person. You can use these
benefits to pay tuition at an approved school or training programme.

## Am I eligible for education benefits?

You may be eligible if you served at least 90 days on active duty after your discharge date.

## How do I apply?

Fill out the application form online. Sign in to your account to check the status of your
claim. If we deny your claim, you can file an appeal.

## Can I get help with my PTSD treatment costs?

Call us and we can tell you where to find support.
"""


def test_benefits_page_is_not_a_health_article():
    found = article_type(BENEFITS)
    assert found.name == "other" and found.source == "inferred"
    # no health section set, no missing source or author on a page that is not a health article
    findings = lint(BENEFITS)
    assert missing_sections(findings) == set()
    assert of(findings, "sources.missing") == [] and of(findings, "metadata.missing-field") == []


def test_one_word_in_one_heading_is_never_enough():
    # "treatment" in one long FAQ heading, "PTSD" once: still not a treatment or condition article
    assert article_type(BENEFITS).name not in ("treatment", "condition")
    text = "# Zantac\n\nWe sell many things in our shop. Ask us about prices and opening hours.\n"
    found = article_type(text)
    assert found.name == "general" and found.source == "default"
    assert "too little marks it as treatment: only the title names 'zantac'" in found.reason


def test_a_health_type_needs_two_groups_of_signals():
    title_only = article_type("# Living with asthma\n\nThis page has a few words about daily life.\n")
    assert title_only.name == "general"
    opening = ("# Asthma\n\nAsthma is a long-term disease of the airways in the lungs. It is caused by swelling "
               "of the airways. Symptoms include wheezing and coughing. Doctors make the diagnosis with "
               "breathing tests, and treatment uses inhalers.\n")
    found = article_type(opening)
    assert found.name == "condition" and found.source == "inferred"
    assert len(found.evidence) >= 2
    assert "the opening says it is a disease" in found.evidence


def test_the_opening_defining_the_title_counts_with_the_title():
    text = ("Steroids\n\nYou may have heard of steroids in sport. Steroids are strong medicines that lower "
            "swelling. Your doctor may prescribe them for asthma. Take them as prescribed and ask about "
            "side effects.\n")
    found = article_type(text, "steroids.txt")
    assert found.name == "treatment"
    assert "the opening defines the title, 'Steroids'" in found.evidence


def test_a_hub_of_front_matter_links_is_navigation():
    links = "".join(f"  - url: /health-care/topic-{n}/\n    title: Topic {n}\n" for n in range(6))
    text = f"---\ntitle: Health and wellness programs\nlinks:\n{links}---\n\nFind a program that fits you.\n"
    found = article_type(text)
    assert found.name == "other"
    assert "it is mostly links (6 links in 6 words)" in found.evidence


def test_a_page_without_prose_is_other():
    found = article_type("---\ntitle: Sign in\nlayout: app\n---\n")
    assert found.name == "other" and "no prose" in found.reason


def test_screening_vocabulary_keeps_a_prevention_page_general():
    text = ("# Getting screened\n\nScreening tests look for a disease before you have symptoms. Screening "
            "can prevent many deaths. Ask which screening tests and vaccines you need, and when to get "
            "a booster. Prevention works best when you start early. The vaccine is safe.\n")
    assert article_type(text).name == "general"


def test_stale_page_that_is_not_a_health_article_is_worded_for_it():
    text = ("---\nlastupdate: 2017-06-28\n---\n# Apply for benefits\n\nApply online for education benefits. "
            "Sign in to your account, fill out the application form and check your claim status. "
            "You may be eligible for tuition payments.\n\n## How do I apply?\n\nUse the online form.\n")
    found = of(lint(text), "metadata.stale-review")
    assert len(found) == 1 and "pages like this one should be reviewed" in found[0].message


# -- how the type is reported ---------------------------------------------------------------------

def test_metrics_structure_for_declared_inferred_and_default_types():
    declared = metrics("---\ntype: condition\n---\n# Asthma\n\nAsthma is a disease.\n")
    assert declared == {"article_type": "condition", "type_source": "declared", "confidence": 1.0,
                        "evidence": ["front matter 'type: condition'"]}
    inferred = metrics(BENEFITS)
    assert inferred["article_type"] == "other" and inferred["type_source"] == "inferred"
    assert 0 < inferred["confidence"] <= 1 and inferred["evidence"]
    default = metrics("# Notes\n\nDrink water every day.\n")
    assert default["article_type"] == "general" and default["type_source"] == "default"


def test_json_output_carries_metrics_structure(cli, tmp_path):
    (tmp_path / "benefits.md").write_text(BENEFITS, encoding="utf-8")
    result = cli("check", "--format", "json", "--today", "2026-11-26", "--select", "sections,metadata",
                 "benefits.md")
    data = json.loads(result.output)
    structure = data["files"][0]["metrics"]["structure"]
    assert set(structure) == {"article_type", "type_source", "confidence", "evidence"}
    assert structure["type_source"] in ("declared", "inferred", "default")


def test_text_summary_line_names_the_type_and_why(cli, tmp_path):
    text = ("# Statins\n\nStatins are medicines that lower cholesterol. Your doctor may prescribe them.\n\n"
            "## How they work\n\nThey slow the liver.\n\n## Side effects\n\nSome people get muscle aches.\n")
    (tmp_path / "statins.md").write_text(text, encoding="utf-8")
    result = cli("check", "--no-color", "--today", "2026-11-26", "statins.md")
    lines = [line for line in result.output.splitlines() if ": structure: " in line]
    assert len(lines) == 1
    assert lines[0].startswith("statins.md: structure: type treatment, inferred because ")
    assert "declare 'type:' in the front matter to set it" in lines[0]
    missing = [line for line in result.output.splitlines() if "sections.missing" in line]
    assert missing and all(" warning " in line for line in missing)


def test_clean_file_prints_nothing(cli, tmp_path):
    (tmp_path / "clean.md").write_text("Drink water.\n", encoding="utf-8")
    result = cli("check", "--no-color", "--select", "claims.hype", "clean.md")
    assert result.exit_code == 0
    assert "clean.md" not in result.output


@pytest.mark.parametrize("source, expected", [
    ("---\ntype: treatment\n---\n", Severity.ERROR),
    ("", Severity.WARNING),
])
def test_missing_section_severity_follows_where_the_type_came_from(source, expected):
    text = source + ("# Statins\n\nStatins are medicines that lower cholesterol. Your doctor may prescribe "
                     "them.\n\n## How they work\n\nThey slow the liver.\n\n## Side effects\n\nAches.\n")
    found = of(lint(text), "sections.missing")
    assert found and {f.severity for f in found} == {expected}


def test_explain_says_how_the_type_sets_the_severity(cli):
    result = cli("explain", "sections.missing")
    assert "Severity: error when the article's type is declared" in result.output
    assert "at most a warning when medlint inferred the type" in result.output
