"""The claim model, category by category: what makes a claim, whose claim it is, and when.

Every sentence here was written for these tests. Each category is a kind of mistake the checker
made on real text (issue 13): an error-level finding must be right, so each group pairs sentences
that must stay clean with sentences that must still be caught.
"""

from __future__ import annotations

import pytest

from medlint.finding import Severity

ERROR_RULES = ("claims.outdated-approval", "claims.outdated-not-approved", "claims.superseded-exclusive",
               "claims.outdated-guideline")


def errors(findings):
    return sorted({f.rule for f in findings if f.rule in ERROR_RULES and f.severity == Severity.ERROR})


def family(findings):
    """Outdated-family findings at any severity: rule -> severity name."""
    return {f.rule: f.severity.name.lower() for f in findings if f.rule in ERROR_RULES}


# -- 1. numbers are not guideline ages --------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "In the colorectal screening study, participants aged 50 to 75 were split into two groups.",
    "Only about half of adults aged 50 to 75 have had a colonoscopy or stool test.",
    "A low-dose CT scan for lung cancer screening uses a fraction of the radiation of a standard scan, "
    "and patients aged 55 to 80 took part.",
    "Denmark invites residents aged 50 to 74 to bowel cancer screening every two years.",
    "The stool test picked up 92 percent of colorectal cancers in people over 50.",
    "Mammograms found more tumours in women aged 50 to 74 than in younger women.",
])
def test_statistics_studies_and_foreign_programmes_are_not_guideline_claims(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == []


@pytest.mark.parametrize("sentence", [
    "Adults at average risk should start colorectal cancer screening at age 50.",
    "The USPSTF recommends a mammogram every two years for women 50 to 74.",
    "You are eligible for lung cancer screening if you are 55 to 80 and have a 30 pack-year history.",
    "ACIP recommends pneumococcal vaccination for adults aged 65 or older.",
])
def test_present_recommendations_of_the_old_age_are_still_caught(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == ["claims.outdated-guideline"]


def test_a_list_item_takes_its_topic_and_recommendation_from_the_lead_in(lint_text):
    text = "CDC recommends the pneumococcal vaccine for:\n\n- all adults 65 years or older\n- children under 2\n"
    (finding,) = [f for f in lint_text(text, "a.md") if f.rule == "claims.outdated-guideline"]
    assert finding.line == 3 and finding.severity == Severity.ERROR
    assert finding.evidence["claim"]["body"]["words"] == "CDC"


def test_a_label_age_range_needs_approval_wording_not_advice(lint_text):
    # ACIP's routine catch-up still runs through 26; the FDA label runs to 45 since 2018
    assert errors(lint_text("HPV vaccination is recommended for everyone through age 26.\n", "a.txt")) == []
    assert errors(lint_text("The HPV vaccine is only approved for people up to age 26.\n", "a.txt")) \
        == ["claims.outdated-guideline"]


# -- 2. history is not a present claim --------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "In 2016 the task force advised colorectal cancer screening from age 50.",
    "Back then, the panel reaffirmed its advice to screen adults aged 50 to 75 for colon cancer.",
    "A 2009 review concluded that women aged 50 to 74 should have mammograms every two years.",
    "The HPV vaccine was first approved for people aged 9 through 26.",
    "In 2017 the FDA approved nivolumab for liver cancer after sorafenib.",
    "The FDA today granted accelerated approval to copanlisib for relapsed follicular lymphoma.",
    "Belviq was approved for weight loss in adults.",
])
def test_dated_and_past_statements_raise_no_error(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == []


def test_a_dated_past_approval_gets_the_later_change_as_a_note(lint_text):
    findings = lint_text("In 2012 the FDA approved Belviq for weight loss.\n", "a.txt")
    (note,) = [f for f in findings if f.rule == "claims.approval-note"]
    assert note.severity == Severity.INFO and "2020-02-13" in note.message


def test_a_present_claim_in_a_dated_article_says_when_it_became_outdated(lint_text):
    text = "---\ndate: 2019-03-01\n---\n\nBelviq is approved for weight loss in adults with obesity.\n"
    (finding,) = [f for f in lint_text(text, "a.md") if f.rule == "claims.outdated-approval"]
    assert "accurate when this article was dated 2019-03-01" in finding.message


# -- 3. an entry about one condition never judges another ---------------------------------------

@pytest.mark.parametrize("sentence", [
    "Nivolumab is not approved for brain tumours such as glioblastoma.",
    "Sorafenib is still being studied for thyroid cancer in children.",
    "In a small trial, regorafenib, then an investigational drug, slowed colorectal cancer.",
    "Pembrolizumab is not approved for this use.",
    "Atezolizumab is still experimental for pancreatic cancer.",
])
def test_not_approved_for_another_use_is_no_error(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == []


def test_not_approved_with_no_use_named_is_judged_by_any_current_approval(lint_text):
    assert errors(lint_text("Lenvatinib is not approved in the United States.\n", "a.txt")) \
        == ["claims.outdated-not-approved"]


# -- 4. a negated claim, a comparison, a mention ------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Belviq has never won FDA approval for teenagers.",
    "Newer weight-loss drugs work far better than Belviq did.",
    "Patients in the study had stopped taking Zantac months earlier.",
    "The FDA recommends that people stop taking Zantac and throw it away.",
    "This withdrawal does not affect the other approved uses of Tecentriq.",
    "Sorafenib is no longer the only approved drug for liver cancer.",
])
def test_negations_comparisons_and_mentions_are_not_approval_claims(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == []


@pytest.mark.parametrize("text", [
    "Keytruda is also being tried together with other investigational medicines.\n",
    "The recommended dose of Belviq is 10 mg twice a day.\n",
    "The FDA's approval of Farydak is based on a study of 387 patients.\n",
    "The FDA today approved Belviq for weight loss in adults.\n",
    "Ibrutinib is an FDA-approved drug used for some kinds of lymphoma.\n",
    "Update on Imbruvica Accelerated Approvals for Mantle Cell Lymphoma\n",
    "In 2020 the FDA asked makers to pull ranitidine from the market. Ranitidine is the active "
    "ingredient of Zantac, a heartburn medicine sold over the counter.\n",
])
def test_predicates_about_other_things_and_told_events_are_no_error(lint_text, text):
    assert errors(lint_text(text, "a.txt")) == []


def test_a_company_statement_in_the_present_is_reported_speech(lint_text):
    assert family(lint_text("Bayer says it has received FDA approval for Aliqopa for follicular lymphoma.\n",
                            "a.txt")) == {"claims.outdated-approval": "warning"}


def test_the_usual_kind_of_a_cancer_names_the_withdrawn_use_when_the_line_is_given(lint_text):
    assert errors(lint_text("Gefitinib is approved for lung cancer that progressed after chemotherapy.\n",
                            "a.txt")) == ["claims.outdated-approval"]
    assert errors(lint_text("Pembrolizumab is approved for lung cancer that progressed after chemotherapy.\n",
                            "a.txt")) == []  # small cell lung cancer is not the usual kind


# -- 5. another agency ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In Japan, nivolumab is approved for liver cancer after sorafenib.\n",
    "The European Medicines Agency has approved Keytruda for small cell lung cancer.\n",
    "Health Canada lists Zantac as available over the counter.\n",
    "Regulators in Europe moved first. There, Belviq is approved for weight loss.\n",
    "The NHS invites women aged 50 to 71 for breast screening.\n",
])
def test_foreign_agencies_are_never_judged_by_fda_facts(lint_text, text):
    assert errors(lint_text(text, "a.txt")) == []


def test_us_named_beside_a_foreign_agency_is_judged(lint_text):
    text = "Keytruda is approved in Europe for this cancer, and in the US it is approved for small cell lung cancer.\n"
    assert errors(lint_text(text, "a.txt")) == ["claims.outdated-approval"]


# -- 6. forms that must be caught ---------------------------------------------------------------

def test_a_question_answered_yes_is_a_claim(lint_text):
    findings = lint_text("Is Keytruda approved for small cell lung cancer? Yes, it is.\n", "a.txt")
    assert errors(findings) == ["claims.outdated-approval"]
    (finding,) = [f for f in findings if f.rule == "claims.outdated-approval"]
    assert finding.evidence["claim"]["modality"]["words"].startswith("answered")


def test_a_question_alone_is_no_claim(lint_text):
    assert errors(lint_text("Is Keytruda approved for small cell lung cancer?\n", "a.txt")) == []


def test_a_question_heading_answered_by_the_next_paragraph(lint_text):
    text = "## Can I still buy Zantac?\n\nYes. Most pharmacies keep it on the shelf.\n"
    assert errors(lint_text(text, "a.md")) == ["claims.outdated-approval"]


@pytest.mark.parametrize("sentence", [
    "Keytruda has been OK'd for small cell lung cancer that grew after platinum chemotherapy.",
    "Opdivo is green-lit for liver cancer patients previously treated with sorafenib.",
    "Zydelig has the FDA's nod for relapsed follicular lymphoma.",
])
def test_informal_approval_verbs(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == ["claims.outdated-approval"]


@pytest.mark.parametrize("sentence", [
    "MK-3475 is approved for small cell lung cancer.",
    "Lambrolizumab is approved for small cell lung cancer.",
    "BMS-936558 is an approved option for small cell lung cancer after chemotherapy.",
])
def test_code_names_and_former_names(lint_text, sentence):
    assert errors(lint_text(sentence + "\n", "a.txt")) == ["claims.outdated-approval"]


def test_a_code_name_keeps_its_capitals(lint_text):
    # 'mk-3475' in lower case is not how the code is written: no drug is recognised
    assert family(lint_text("The part number mk-3475 is approved for export.\n", "a.txt")) == {}


def test_a_qualifier_naming_the_withdrawn_population(lint_text):
    text = "Atezolizumab is approved for advanced bladder cancer that progressed after platinum chemotherapy.\n"
    assert errors(lint_text(text, "a.txt")) == ["claims.outdated-approval"]


def test_an_early_stage_approval_does_not_excuse_the_advanced_claim_or_vice_versa(lint_text):
    assert errors(lint_text("Tecentriq is approved after surgery for muscle-invasive bladder cancer.\n",
                            "a.txt")) == []


@pytest.mark.parametrize("text, name", [
    ("- Zydelig (idelalisib): approved for relapsed follicular lymphoma\n", "a.md"),
    ("Treatment options include:\n\n- nivolumab alone, after sorafenib, for liver cancer\n- lenvatinib\n", "a.md"),
    ("Your doctor may recommend one of these medicines: famotidine or ranitidine.\n", "a.txt"),
])
def test_labelled_and_introduced_list_items(lint_text, text, name):
    assert "claims.outdated-approval" in family(lint_text(text, name))


# -- severity follows certainty ---------------------------------------------------------------

def test_a_product_from_the_previous_sentence_is_a_warning_that_says_what_to_check(lint_text):
    text = "Belviq was the first of the new pills. It is approved for adults with a BMI of 30.\n"
    (finding,) = [f for f in lint_text(text, "a.txt") if f.rule == "claims.outdated-approval"]
    assert finding.severity == Severity.WARNING
    assert "previous sentence" in finding.message and finding.evidence["check"]
    assert finding.evidence["claim"]["products_from"] == "previous-sentence"


def test_reported_speech_is_a_warning(lint_text):
    text = "The company said the CDC recommends Zostavax for adults over 60.\n"
    assert family(lint_text(text, "a.txt")) == {"claims.outdated-approval": "warning"}


def test_used_to_treat_a_withdrawn_use_is_a_warning(lint_text):
    text = "Zydelig is used to treat relapsed follicular lymphoma.\n"
    (finding,) = [f for f in lint_text(text, "a.txt") if f.rule == "claims.outdated-approval"]
    assert finding.severity == Severity.WARNING and "off label" in finding.message


def test_a_configured_severity_still_lowers_a_certain_finding(lint_text, tmp_path):
    from medlint.config import load_config_file

    (tmp_path / ".medlint.yaml").write_text("severity:\n  claims.outdated-approval: info\n", encoding="utf-8")
    config = load_config_file(tmp_path / ".medlint.yaml")
    findings = lint_text("Belviq is approved for weight loss.\n", "a.txt", config=config)
    assert family(findings) == {"claims.outdated-approval": "info"}


# -- the evidence names the words of every slot -------------------------------------------------

def test_evidence_names_the_words_of_each_slot(lint_text):
    text = "Opdivo has gained FDA approval for liver cancer in people previously treated with Nexavar.\n"
    (finding,) = [f for f in lint_text(text, "a.txt") if f.rule == "claims.outdated-approval"]
    claim = finding.evidence["claim"]
    assert claim["products"] == [{"id": "nivolumab", "name": "nivolumab", "words": "Opdivo"}]
    assert claim["conditions"] == [{"id": "liver-cancer", "words": "liver cancer"}]
    assert claim["agency"] == {"value": "FDA", "words": "FDA"}
    assert claim["polarity"] == {"value": "affirmed"}
    assert claim["time"]["value"] == "present" and "has gained" in claim["time"]["words"]
    assert claim["predicate"]["words"] == "FDA approval"
    assert claim["line_of_therapy"] == "later"


def test_guideline_evidence_names_body_recommendation_time_and_age(lint_text):
    (finding,) = [f for f in lint_text("The task force recommends colon cancer screening from age 50.\n", "a.txt")
                  if f.rule == "claims.outdated-guideline"]
    claim = finding.evidence["claim"]
    assert claim["body"] == {"value": "uspstf", "words": "task force"}
    assert claim["predicate"]["words"] == "recommends"
    assert claim["time"]["value"] == "present"
    assert claim["age"]["words"] == "from age 50"


def test_explain_says_when_a_claim_is_an_error_and_when_a_warning(cli):
    result = cli("explain", "claims.outdated-approval")
    assert result.exit_code == 0
    assert "Severity: error only when every part of the claim is resolved" in result.output
    assert "warning" in result.output.split("Severity:", 1)[1]
    assert "Severity:" not in cli("explain", "claims.hype").output
