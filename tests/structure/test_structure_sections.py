"""sections.missing / sections.empty / sections.order, type inference and heading synonyms."""

from __future__ import annotations

import pytest
from structure_helpers import lint, messages, missing_sections, of

from medlint.finding import Severity
from medlint.structure.sections import build_profiles, heading_key, match_heading

CONDITION_MD = """---
type: condition
---
# Asthma

Asthma is a long-term condition that affects the airways.

## Symptoms

Wheezing, coughing and a tight chest.

## Causes

Allergies, smoke and cold air can set it off.

## Diagnosis

Breathing tests show how well your lungs work.

## Treatment

Inhalers open the airways.

## When to see a doctor

Get help at once if your inhaler does not help.

## References

1. NHS. Asthma. https://www.nhs.uk/conditions/asthma/
"""

CONDITION_HTML = """<!DOCTYPE html>
<html><head><title>Asthma</title></head><body>
<h1>Asthma</h1>
<p>Asthma is a long-term condition that affects the airways.</p>
<h2>Signs and symptoms</h2>
<p>Wheezing, coughing and a tight chest.</p>
<h2>What causes asthma?</h2>
<p>Allergies, smoke and cold air can set it off.</p>
<h2>How is asthma diagnosed?</h2>
<p>Breathing tests show how well your lungs work.</p>
<h2>Treatment options</h2>
<p>Inhalers open the airways.</p>
<h2>When to get medical help</h2>
<p>Get help at once if your inhaler does not help.</p>
<h2>Sources</h2>
<ol><li>NHS. Asthma. <a href="https://www.nhs.uk/conditions/asthma/">nhs.uk</a></li></ol>
</body></html>
"""

TREATMENT_TXT = """Statins: What to Know

Statins are medicines that lower the cholesterol in your blood.

How statins work

They slow down how much cholesterol your liver makes.

Benefits

They lower the chance of a heart attack or a stroke.

References

NHS. Statins. https://www.nhs.uk/conditions/statins/
"""


def test_complete_condition_article_has_no_section_findings_in_markdown():
    found = lint(CONDITION_MD)
    assert of(found, "sections.missing") == []
    assert of(found, "sections.empty") == []
    assert of(found, "sections.order") == []


def test_condition_synonyms_count_in_html():
    found = lint(CONDITION_HTML, "asthma.html")
    assert of(found, "sections.missing") == [], messages(found, "sections.missing")


def test_missing_condition_sections_in_markdown_name_section_and_headings():
    text = CONDITION_MD.replace("## Diagnosis\n\nBreathing tests show how well your lungs work.\n\n", "")
    found = lint(text)
    missing = of(found, "sections.missing")
    assert [f.evidence["section"] for f in missing] == ["diagnosis"]
    finding = missing[0]
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.column) == (1, 1)
    assert "'Diagnosis'" in finding.message
    assert "'Tests'" in finding.message and "condition articles" in finding.message


def test_missing_sections_in_html():
    doctor = "<h2>When to get medical help</h2>\n<p>Get help at once if your inhaler does not help.</p>\n"
    text = CONDITION_HTML.replace(doctor, "")
    found = lint(text, "asthma.html")
    assert missing_sections(found) == {"when-to-see-a-doctor"}
    assert "'When to see a doctor'" in messages(found, "sections.missing")


def test_treatment_inferred_from_plain_text_title_lists_missing_sections():
    found = lint(TREATMENT_TXT, "statins.txt")
    assert missing_sections(found) == {"risks", "alternatives", "when-to-see-a-doctor"}
    text = messages(found, "sections.missing")
    assert "inferred as treatment because " in text and "the title names 'statins'" in text
    assert "declare it with 'type: treatment' in the front matter to make this an error" in text
    assert {f.severity for f in of(found, "sections.missing")} == {Severity.WARNING}
    # The doctor section carries the treatment profile's name; the condition name still counts.
    assert "'When to call your doctor'" in text and "'When to see a doctor'" in text
    assert "'Side effects', 'Risks', 'Possible complications', 'Safety'" in text


@pytest.mark.parametrize("heading", ["Side effects", "Risks", "Possible complications", "Safety",
                                     "Common side effects of statins", "RISKS AND SIDE EFFECTS"])
def test_risk_synonyms_satisfy_the_section(heading):
    text = TREATMENT_TXT.replace("References\n", f"{heading}\n\nSome people get muscle aches.\n\nReferences\n")
    assert "risks" not in missing_sections(lint(text, "statins.txt"))


@pytest.mark.parametrize("heading", ["When to see a doctor", "When to get medical help",
                                     "When to call your doctor", "When to seek medical attention"])
def test_doctor_synonyms_satisfy_the_treatment_section(heading):
    text = TREATMENT_TXT.replace("References\n", f"{heading}\n\nCall if your muscles hurt badly.\n\nReferences\n")
    assert "when-to-see-a-doctor" not in missing_sections(lint(text, "statins.txt"))


def test_numbered_heading_with_punctuation_in_markdown():
    text = "---\ntype: treatment\n---\n# Statins\n\n## 2. Risks & Side-Effects:\n\nMuscle aches.\n"
    assert "risks" not in missing_sections(lint(text))


def test_synonyms_in_markdown_headings_of_any_level():
    text = ("---\ntype: treatment\n---\n# Statins\n\n## What they are\n\nText.\n\n### How well statins work\n\n"
            "Text.\n\n#### Possible complications\n\nText.\n\n## Other treatment options\n\nText.\n\n"
            "## Call your doctor if...\n\nText.\n\n## Works cited\n\n1. NHS. 2024.\n")
    assert missing_sections(lint(text)) == set()


def test_heading_normalisation_and_keyword_overlap():
    profiles = build_profiles()
    condition = profiles["condition"].relevant
    treatment = profiles["treatment"].relevant
    assert heading_key("2. Risks & Side-Effects:") == "risks and side effects"
    assert heading_key("What\u2019s the outlook?") == "whats the outlook"
    assert match_heading("When to seek treatment", condition) == {"when-to-see-a-doctor"}
    assert match_heading("Diagnosis and treatment", condition) == {"diagnosis", "treatment"}
    assert match_heading("Risk factors", condition) == {"causes"}
    # A wildcard heading does not win over a keyword of another section.
    assert match_heading("What are the side effects?", treatment) == {"risks"}
    assert match_heading("What are the symptoms?", condition) == {"symptoms"}
    assert match_heading("What is asthma?", condition) == {"overview"}
    assert match_heading("How ICI therapy works", treatment) == {"what-it-is"}
    assert match_heading("Sources of vitamin D", condition) == set()


def test_references_headings_agree_with_the_document_layer():
    from medlint.document.headings import REFERENCES_HEADINGS, is_references_heading

    references = build_profiles()["general"].defs["references"]
    longer = ["Selected references", "References and further reading", "Sources and further reading",
              "Reference list", "Sources used in this article", "References & resources",
              "Literature cited", "Key references", "2. References:"]
    for heading in [*REFERENCES_HEADINGS, *longer]:
        assert is_references_heading(heading), heading
        assert match_heading(heading.title(), [references]) == {"references"}, heading
    for heading in ["Sources of vitamin D", "Notes on dosing", "Where to find support", "Resources"]:
        assert not is_references_heading(heading), heading
        assert match_heading(heading, [references]) == set(), heading


def test_untitled_opening_counts_as_overview():
    text = CONDITION_MD.replace("Asthma is a long-term condition that affects the airways.\n\n", "")
    assert "overview" in missing_sections(lint(text))
    assert "overview" not in missing_sections(lint(CONDITION_MD))


# -- type inference -------------------------------------------------------------------------------

def test_condition_inferred_from_headings():
    text = CONDITION_MD.replace("---\ntype: condition\n---\n", "").replace(
        "## Causes\n\nAllergies, smoke and cold air can set it off.\n\n", "")
    found = lint(text)
    assert missing_sections(found) == {"causes"}
    assert "inferred as condition because headings such as 'Symptoms' and 'Diagnosis'" \
        in messages(found, "sections.missing")
    assert [f.severity for f in of(found, "sections.missing")] == [Severity.WARNING]
    declared = lint("---\ntype: condition\n---\n" + text)
    assert [f.severity for f in of(declared, "sections.missing")] == [Severity.ERROR]
    assert "inferred" not in messages(declared, "sections.missing")


def test_news_inferred_from_title_and_opening():
    text = ("# New study finds walking helps sleep\n\nResearchers followed 2,000 adults. The study, published in "
            "a sleep journal, found that walkers slept better.\n\n## What was studied\n\nDaily walking.\n")
    found = lint(text)
    assert "what-was-found" in missing_sections(found)
    assert "inferred as news because" in messages(found, "sections.missing")


def test_general_fallback_needs_references_only():
    text = "# Drinking enough water\n\nWater helps your body keep a steady temperature.\n"
    found = lint(text)
    assert missing_sections(found) == {"references"}
    assert "(type general: " in messages(found, "sections.missing")
    assert [f.severity for f in of(found, "sections.missing")] == [Severity.WARNING]


def test_general_article_that_discusses_a_treatment_needs_risks():
    text = ("---\ntype: general\n---\n# Staying well in winter\n\nSimple habits help.\n\n"
            "## Medicines to keep at home\n\nPain relievers help with aches.\n\n"
            "## References\n\n1. NHS. Winter health. 2024.\n")
    found = lint(text)
    assert missing_sections(found) == {"risks"}
    assert "the article discusses a treatment: the heading 'Medicines to keep at home' mentions 'medicines'" \
        in messages(found, "sections.missing")
    fixed = text.replace("## References", "## Side effects\n\nRead the label.\n\n## References")
    assert missing_sections(lint(fixed)) == set()


def test_declared_type_wins_over_inference_and_unknown_type_is_explained():
    text = "---\ntype: news\n---\n# Statins and muscle pain\n\nStatins are medicines.\n"
    assert "what-was-studied" in missing_sections(lint(text))
    odd = lint(text.replace("type: news", "type: blog"))
    assert "front matter 'type: blog' is not a known type" in messages(odd, "sections.missing")
    assert "risks" in missing_sections(odd)  # still inferred as treatment from the title


# -- sections.empty ----------------------------------------------------------------------------------

def test_empty_section_in_markdown():
    text = CONDITION_MD.replace("Allergies, smoke and cold air can set it off.\n\n", "")
    empty = of(lint(text), "sections.empty")
    assert len(empty) == 1
    assert empty[0].line == text.splitlines().index("## Causes") + 1
    assert empty[0].severity is Severity.WARNING
    assert "'Causes' (Causes) has no text under it" in empty[0].message


def test_empty_section_in_html_and_plain_text():
    html = CONDITION_HTML.replace("<p>Inhalers open the airways.</p>\n", "")
    assert [f.message for f in of(lint(html, "a.html"), "sections.empty")] == [
        "'Treatment options' (Treatment) has no text under it"]
    text = TREATMENT_TXT.replace("They lower the chance of a heart attack or a stroke.\n\n", "")
    assert [f.line for f in of(lint(text, "s.txt"), "sections.empty")] == [9]


def test_subsection_text_and_bare_urls_fill_a_section():
    text = CONDITION_MD.replace("## Treatment\n\nInhalers open the airways.",
                                "## Treatment\n\n### Inhalers\n\nThey open the airways.")
    assert of(lint(text), "sections.empty") == []
    url = "https://www.nhs.uk/conditions/statins/"
    bare = TREATMENT_TXT.replace(f"NHS. Statins. {url}", url)
    assert of(lint(bare, "s.txt"), "sections.empty") == []


def test_news_findings_need_numbers():
    text = ("---\ntype: news\n---\n# Walking and sleep\n\n## What was studied\n\nResearchers followed adults.\n\n"
            "## What was found\n\nPeople who walked more slept better.\n")
    empty = of(lint(text), "sections.empty")
    assert len(empty) == 1 and "gives no numbers" in empty[0].message
    assert of(lint(text.replace("slept better", "slept 10 minutes longer")), "sections.empty") == []


# -- sections.order ----------------------------------------------------------------------------------

def test_out_of_order_sections_are_reported_at_the_misplaced_heading():
    text = CONDITION_MD.replace("## Symptoms\n\nWheezing, coughing and a tight chest.\n\n", "").replace(
        "## References", "## Symptoms\n\nWheezing, coughing and a tight chest.\n\n## References")
    order = of(lint(text), "sections.order")
    assert len(order) == 1
    assert order[0].severity is Severity.INFO
    assert order[0].message.startswith("'Symptoms' should come before 'Causes'")
    assert order[0].line == text.splitlines().index("## Symptoms") + 1


def test_order_in_plain_text_and_sections_outside_the_order():
    text = ("Asthma\n\nAsthma affects the airways.\n\nWhen to see a doctor\n\nIf your inhaler does not help.\n\n"
            "Treatment\n\nInhalers.\n\nSymptoms\n\nWheezing.\n")
    order = of(lint(text, "asthma.txt"), "sections.order")
    assert [f.message.split(" should")[0] for f in order] == ["'Symptoms'"]


def test_order_in_html():
    html = CONDITION_HTML.replace("<h2>Signs and symptoms</h2>\n<p>Wheezing, coughing and a tight chest.</p>\n", "")
    html = html.replace("<h2>Sources</h2>", "<h2>Signs and symptoms</h2>\n<p>Wheezing.</p>\n<h2>Sources</h2>")
    order = of(lint(html, "asthma.html"), "sections.order")
    line = html.splitlines().index("<h2>Signs and symptoms</h2>") + 1
    assert [(f.line, f.message.split(" (order")[0]) for f in order] == [
        (line, "'Symptoms' should come before 'Causes'")]
