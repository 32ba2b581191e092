"""plain-language.jargon, .undefined-acronym and .passive-voice on Markdown, HTML and text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from medlint.config import parse_config
from medlint.linter import Source, lint_sources
from medlint.readability.acronyms import is_definition, plausible
from medlint.readability.lexicons import jargon
from medlint.readability.passive import passives
from medlint.resources import builtin_rules_dir
from medlint.yamlsource import load_yaml

TODAY = datetime.date(2026, 11, 26)
JARGON = "plain-language.jargon"
ACRONYM = "plain-language.undefined-acronym"
PASSIVE = "plain-language.passive-voice"


def found(text: str, rule: str, path: str = "article.md", cfg=None):
    result = lint_sources([Source(path, text.encode("utf-8"), cfg)], today=TODAY)[0]
    return [f for f in result.findings if f.rule == rule]


def with_options(tmp_path: Path, rule: str, options: str):
    raw = f"rules:\n  {rule}: {options}\n"
    path = tmp_path / ".medlint.yaml"
    path.write_text(raw)
    return parse_config(load_yaml(raw, path), path)


# -- jargon ---------------------------------------------------------------------------------------

def test_lexicon_has_at_least_300_terms_with_plain_alternatives():
    terms = jargon(builtin_rules_dir() / "lexicons" / "jargon.yaml")
    assert len(terms) >= 300
    by_term = {t.term: t.plain[0] for t in terms}
    assert by_term["hepatocellular carcinoma"] == "liver cancer"
    assert by_term["malignancy"] == "cancer"
    assert by_term["efficacious"] == "works"
    assert by_term["modality"] == "type of treatment"


@pytest.mark.parametrize("path, text, line, column", [
    ("a.md", "# Liver cancer\n\nThe scan showed a malignancy in the liver.\n", 3, 19),
    ("a.html", "<h1>Liver cancer</h1>\n<p>The scan showed a malignancy in the liver.</p>", 2, 22),
    ("a.txt", "Liver cancer\n\nThe scan showed a malignancy in the liver.\n", 3, 19),
])
def test_jargon_in_every_format(path, text, line, column):
    hits = found(text, JARGON, path)
    assert [(f.line, f.column, f.suggestion) for f in hits] == [(line, column, "cancer")]
    assert "'malignancy' is jargon; say 'cancer'" in hits[0].message
    assert hits[0].evidence["term"] == "malignancy"


def test_plurals_inflections_and_multi_word_terms_match():
    text = ("Malignancies can spread. Staff utilized new forms. Hepatocellular carcinomas grow slowly. "
            "The cancer had metastasized. The nurse administered the drug.\n")
    assert {f.evidence["term"] for f in found(text, JARGON)} == {
        "malignancy", "utilize", "hepatocellular carcinoma", "metastasize", "administer"}


def test_longest_term_wins_over_a_shorter_one_inside_it():
    hits = found("Hepatocellular carcinoma is common.\n", JARGON)
    assert [f.evidence["term"] for f in hits] == ["hepatocellular carcinoma"]


@pytest.mark.parametrize("text", [
    "The scan showed a malignancy (cancer) in the liver.",
    "The scan showed a malignancy, which means a cancer, in the liver.",
    "The scan showed a malignancy, meaning a cancer, in the liver.",
    "It is a cancer called hepatocellular carcinoma.",
    "Hepatocellular carcinoma, the most common kind of liver cancer, starts in liver cells.",
    "Hepatocellular carcinoma (HCC) is the most common kind of liver cancer.",
    "HCC, also known as hepatocellular carcinoma, starts in liver cells.",
    "High blood pressure (hypertension) is common.",
    "Most doctors call it high blood pressure, or hypertension.",
    "Doctors also call it hypertension.",
    "Hypertension means high blood pressure.",
    "One group had a low-dose computed tomography (CT) scan of the chest.",
    "A malignancy (a growth of cancer cells) was seen.",
    "Hypertension (blood pressure that stays high) is common.",
    "Hypertension (\u201chigh blood pressure\u201d) is common.",
    "Hepatocellular carcinoma (HCC, a type of liver cancer) is common.",
    "Doctors call this condition tachycardia.",
    "The medical term for a nosebleed is epistaxis.",
])
def test_term_explained_where_it_is_used_is_not_flagged(text):
    assert found(text + "\n", JARGON) == []


@pytest.mark.parametrize("text", [
    ("The most common type of primary liver cancer is hepatocellular carcinoma, a malignancy that "
     "arises from liver cells."),
    "Hepatocellular carcinoma (HCC) grows slowly.",
    "Hepatocellular carcinoma, also called HCC, grows slowly.",
    "Diabetes, hypertension, or kidney disease can follow.",
    "Hypertension is common in older adults, and high blood pressure is often missed.",
    "Heart disease, or hypertension, can follow diabetes.",
    "Hypertension (see below) is common.",
    "A malignancy (Smith et al., 2020) was seen.",
    "A malignancy (Smith, 2020) was seen.",
    "Hypertension (Figure 1) is common.",
    "Hypertension (n = 40) was treated.",
    "Hypertension (in 2019) was common.",
    "Hypertension (HCC; see below) is common.",
])
def test_term_without_explanation_is_flagged(text):
    assert found(text + "\n", JARGON) != []


def test_jargon_inside_the_name_of_an_organisation_is_not_flagged():
    text = ("The American Academy of Pediatrics says children need sleep. The National Institute of "
            "Neurological Disorders and Stroke funds research. Pediatric care matters. Talk about "
            "Prognosis with Dr. Lee.\n")
    assert [f.evidence["term"] for f in found(text, JARGON)] == ["pediatric", "prognosis"]


def test_ignore_takes_the_word_a_finding_shows(tmp_path):
    text = "Hospital utilization went up. The metastases grew. Please utilize the portal.\n"
    cfg = with_options(tmp_path, JARGON, "{ignore: [utilization, metastases]}")
    assert found(text, JARGON, str(tmp_path / "a.md"), cfg) == []


def test_a_citation_after_a_term_does_not_explain_it_for_the_rest_of_the_text():
    text = "Hypertension (see below) is common. Later, hypertension is treated.\n"
    assert [(f.line, f.column) for f in found(text, JARGON)] == [(1, 1)]


def test_a_term_explained_once_is_not_flagged_later():
    text = ("# Liver cancer\n\n## What it is\n\nA malignancy (cancer) can start in the liver.\n\n"
            "## Treatment\n\nThe malignancy may be removed. A malignancy elsewhere is different.\n")
    assert found(text, JARGON) == []


def test_explanation_after_first_use_comes_too_late():
    text = "The malignancy may be removed. A malignancy (cancer) can start in the liver.\n"
    assert [f.column for f in found(text, JARGON)] == [5]


SECTIONED = ("# Liver cancer\n\nA malignancy can start in the liver. The malignancy grows.\n\n"
             "## Treatment\n\nThe malignancy may be removed.\n\n"
             "### Surgery\n\nSurgery removes the malignancy.\n")


def test_first_unexplained_use_per_section_by_default():
    text = SECTIONED
    assert [f.line for f in found(text, JARGON)] == [3, 7]


@pytest.mark.parametrize("mode, lines", [("first-per-document", [3]), ("every", [3, 3, 7, 11])])
def test_report_option(tmp_path, mode, lines):
    text = SECTIONED
    cfg = with_options(tmp_path, JARGON, f"{{report: {mode}}}")
    assert [f.line for f in found(text, JARGON, str(tmp_path / "a.md"), cfg)] == lines


def test_ignore_and_categories_options(tmp_path):
    text = "The malignancy may be removed. Please utilize the portal.\n"
    cfg = with_options(tmp_path, JARGON, "{ignore: [malignancy]}")
    assert [f.evidence["term"] for f in found(text, JARGON, str(tmp_path / "a.md"), cfg)] == ["utilize"]
    cfg = with_options(tmp_path, JARGON, "{categories: [bureaucratic]}")
    assert [f.evidence["term"] for f in found(text, JARGON, str(tmp_path / "a.md"), cfg)] == ["utilize"]


def test_a_category_the_lexicon_lacks_is_a_configuration_error(tmp_path, cli):
    (tmp_path / ".medlint.yaml").write_text("rules:\n  plain-language.jargon: {categories: [medical, medicall]}\n")
    (tmp_path / "a.md").write_text("The malignancy grew.\n")
    result = cli("check", str(tmp_path / "a.md"))
    assert result.exit_code == 2
    assert ".medlint.yaml:2:" in result.output and "categories of the lexicon" in result.output
    assert "bureaucratic, medical, pharmacology, statistical" in result.output


def test_a_rule_pack_category_the_lexicon_lacks_is_reported_with_its_line(tmp_path, cli):
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [style]\n")
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.yaml").write_text(
        "id: house.jargon\ntype: jargon\nseverity: info\nmessage: \"say '{plain}'\"\n"
        "description: House words.\noptions:\n  categories: [finance]\n")
    (tmp_path / "a.md").write_text("The malignancy grew.\n")
    result = cli("check", str(tmp_path / "a.md"))
    assert result.exit_code == 2 and "house.yaml:7:" in result.output and "'categories'" in result.output


def test_jargon_in_headings_is_not_flagged_but_a_heading_can_explain():
    assert found("# Malignancy\n\nIt can start anywhere.\n", JARGON) == []
    assert found("# Malignancy (cancer)\n\nA malignancy can start anywhere.\n", JARGON) == []


def test_jargon_in_table_cells_and_link_text_is_flagged():
    text = "| Word | Meaning |\n|---|---|\n| malignancy | a growth |\n\nSee [efficacious drugs](https://x.org).\n"
    assert sorted(f.evidence["term"] for f in found(text, JARGON)) == ["efficacious", "malignancy"]


# -- acronyms -------------------------------------------------------------------------------------

@pytest.mark.parametrize("acronym, words, expected", [
    ("ICI", ["Immune", "checkpoint", "inhibitors"], True),
    ("HCC", ["hepatocellular", "carcinoma"], True),
    ("NSAID", ["nonsteroidal", "anti", "inflammatory", "drug"], True),
    ("COVID-19", ["coronavirus", "disease", "2019"], True),
    ("PD-L1", ["programmed", "death", "ligand", "1"], True),
    ("COPD", ["chronic", "obstructive", "lung", "disease"], True),  # loose: 3 of 4 initials
    ("HCC", ["the", "main", "drug"], False),
    ("GERD", ["stomach", "acid"], False),
])
def test_long_form_plausibility(acronym, words, expected):
    assert plausible(acronym, words) is expected


@pytest.mark.parametrize("text", [
    "Immune checkpoint inhibitors (ICI) help.",
    "ICI (immune checkpoint inhibitors) help.",
    "ICI, also known as immune checkpoint inhibitors, help.",
    "Immune checkpoint inhibitors, or ICI, help.",
    "ICI stands for immune checkpoint inhibitors.",
])
def test_definition_forms(text):
    start = text.index("ICI")
    assert is_definition("ICI", text, start, start + 3)


def test_parentheses_that_do_not_spell_the_acronym_are_not_a_definition():
    text = "Ask about the new drug (ICI) today."
    assert not is_definition("ICI", text, text.index("ICI"), text.index("ICI") + 3)


@pytest.mark.parametrize("path, text, line, column", [
    ("a.md", "# Lungs\n\nPeople with COPD often feel short of breath.\n", 3, 13),
    ("a.html", "<h1>Lungs</h1><p>People with COPD often feel short of breath.</p>", 1, 30),
    ("a.txt", "Lungs\n\nPeople with COPD often feel short of breath.\n", 3, 13),
])
def test_undefined_acronym_in_every_format(path, text, line, column):
    hits = found(text, ACRONYM, path)
    assert [(f.line, f.column) for f in hits] == [(line, column)]
    assert "'COPD' is never spelled out" in hits[0].message


def test_defined_acronym_is_not_flagged_and_only_the_first_undefined_use_is():
    defined = ("Chronic obstructive pulmonary disease (COPD) makes breathing hard. COPD gets worse "
               "over time.\n")
    assert found(defined, ACRONYM) == []
    undefined = "COPD makes breathing hard. COPD gets worse over time.\n\nCOPD has no cure.\n"
    assert [(f.line, f.column) for f in found(undefined, ACRONYM)] == [(1, 1)]


def test_use_before_the_definition_is_flagged_with_the_definition_line():
    text = ("# How ICI therapy works\n\nICI therapy takes the brakes off the immune system.\n"
            "Immune checkpoint inhibitors (ICI) block those signals.\n")
    hits = found(text, ACRONYM)
    assert [(f.line, f.column) for f in hits] == [(3, 1)]
    assert "spelled out only later, on line 4" in hits[0].message


def test_heading_use_is_not_flagged_and_a_heading_definition_counts():
    assert found("# About COPD\n\nChronic obstructive pulmonary disease (COPD) is common.\n", ACRONYM) == []
    assert found("# Chronic obstructive pulmonary disease (COPD)\n\nCOPD is common.\n", ACRONYM) == []


def test_known_ignored_plural_credentials_and_shouting():
    text = ("The FDA approved an HIV test. Take NSAIDs with food. Reviewed by Grace Whitman, RN. "
            "Stage II disease. It is OK.\n\nWARNING: DO NOT STOP TAKING THIS MEDICINE WITHOUT ASKING.\n")
    assert [f.evidence["acronym"] for f in found(text, ACRONYM)] == ["NSAID"]


@pytest.mark.parametrize("lead_in", ["However, ", "Also, ", "In Canada, ", "Dr. Lee said, "])
def test_a_capitalised_word_and_a_comma_before_an_acronym_is_not_a_credential(lead_in):
    assert [f.evidence["acronym"] for f in found(f"{lead_in}GERD can cause heartburn.\n", ACRONYM)] == ["GERD"]


def test_credentials_close_a_name():
    text = "Reviewed by Grace M. Whitman, CNM, and Jane Doe, DNP. Written by Ann Lee, MPH.\n"
    assert found(text, ACRONYM) == []


def test_sub_stages_after_a_staging_word_are_not_acronyms():
    text = "Stage IIIA lung cancer has spread. Stages IIB and IVB differ. The IVC carries blood.\n"
    assert [f.evidence["acronym"] for f in found(text, ACRONYM)] == ["IVC"]


def test_everyday_words_in_capitals_are_emphasis_but_word_acronyms_are_not():
    text = "Take it ONLY with food, EVERY day. You SHOULD call BEFORE you drive. Ask about a PET scan.\n"
    assert [f.evidence["acronym"] for f in found(text, ACRONYM)] == ["PET"]


def test_a_plural_in_the_known_list_covers_the_singular(tmp_path):
    cfg = with_options(tmp_path, ACRONYM, "{known: [NSAIDs]}")
    text = "Ask whether an NSAID is safe. Many people take NSAIDs. Take 1,000 IU of vitamin D.\n"
    assert found(text, ACRONYM, str(tmp_path / "a.md"), cfg) == []


def test_known_option_adds_acronyms(tmp_path):
    cfg = with_options(tmp_path, ACRONYM, "{known: [COPD, NSAID]}")
    text = "People with COPD should ask before taking an NSAID.\n"
    assert found(text, ACRONYM, str(tmp_path / "a.md"), cfg) == []


def test_hyphenated_and_numbered_acronyms():
    hits = found("Tumors with high PD-L1 levels respond. HER2-positive cancers differ.\n", ACRONYM)
    assert [f.evidence["acronym"] for f in hits] == ["PD-L1", "HER2"]


# -- passive voice ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, spans", [
    ("The dose is adjusted every week.", ["is adjusted"]),
    ("The test was ordered by your care team.", ["was ordered"]),
    ("Blood thinners are usually given as a pill.", ["are usually given"]),
    ("It has been shown to help, and it is being studied.", ["been shown", "is being studied"]),
    ("You will get vaccinated in the fall.", ["get vaccinated"]),
    ("The results weren't sent.", ["weren't sent"]),
    ("You may feel tired. The clinic is located downtown. This is called angina.", []),
    ("There is increased risk. The cause is unknown. The tumor was untreated.", []),
    ("Let's get started. She got married.", []),
    ("The test is important and the result is red.", []),
    # the scan runs on lower-cased text: capitals, and letters whose lower case is longer
    ("Is it Treated? WAS GIVEN daily.", ["WAS GIVEN"]),
    ("\u0130 is the name. It Is Given at night.", ["Is Given"]),
    # forms inside or glued to other words, and look-alikes, are not be/get forms
    ("Take as needed. This treated skin heals. Ibis killed. Don'tis given.", []),
    ("It (is given) at night; well-being reported.", ["is given", "being reported"]),
    ("High blood pressure is also known as hypertension. Your body is used to the dose.", []),
    ("The drug is used to treat pain. It is known to work.", ["is used", "is known"]),
    ("You were stung by a bee. You got hurt at work. He was hit by a car.",
     ["were stung", "got hurt", "was hit"]),
    ("You may be bloated. The joint is inflamed and you are dehydrated.", []),
])
def test_passive_heuristic(text, spans):
    assert [text[s:e] for s, e in passives(text)] == spans


@pytest.mark.parametrize("path, text, line", [
    ("a.md", "# Dosing\n\nThe dose is adjusted every week.\n", 3),
    ("a.html", "<h1>Dosing</h1>\n<p>The dose is adjusted every week.</p>", 2),
    ("a.txt", "Dosing\n\nThe dose is adjusted every week.\n", 3),
])
def test_passive_in_every_format(path, text, line):
    hits = found(text, PASSIVE, path)
    assert [(f.line, str(f.severity)) for f in hits] == [(line, "info")]
    assert "'is adjusted' is passive" in hits[0].message


def test_passive_in_headings_is_not_flagged():
    assert found("# How the dose is adjusted\n\nYour doctor adjusts it.\n", PASSIVE) == []


# -- one scan per document ------------------------------------------------------------------------
# passive voice and acronyms scan a document's blocks joined into one text (prose.Joined), with
# prefilters that skip to the few places a match can start; each must find what the plain
# definition finds block by block.

PASSIVE_WORDS = (
    "is are was were be been being get gets got gotten getting am isn't aren't wasn't weren't "
    "isn\u2019t given taken shown done adjusted treated tired located called used started rid "
    "married not also often usually quickly really then there here as ibis a the dose it IS Given "
    "WAS \u0130 caf\u00e9 \u00e9is is\u00e9 \u2019is don\u2019t x-ray well-being (is given) 3ed "
    "seeded freed untreated understood , . ; \u2014 \u201c ' _ed").split()
PASSIVE_GAPS = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2009", "", ",", "\x00"]


def plain_passives(text: str) -> list[tuple[int, int]]:
    """The definition the scan must match: the full pattern searched at every position."""
    from medlint.readability import passive

    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    spans, position = [], 0
    while (match := passive._PASSIVE.search(lower, position)) is not None:
        if passive._accepts(lower, match):
            spans.append(match.span())
            position = match.end()
        else:
            position = match.start() + 1
    return spans


def random_blocks(rng, words, gaps, blocks, longest):
    return ["".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(0, longest)))
            for _ in range(blocks)]


def test_passive_scan_finds_what_the_plain_search_finds():
    import random

    rng = random.Random(4)
    texts = [random_blocks(rng, PASSIVE_WORDS, PASSIVE_GAPS, 1, 12)[0] for _ in range(20000)]
    found_any = 0
    for text in texts:
        expected = plain_passives(text)
        assert list(passives(text)) == expected, text
        found_any += bool(expected)
    assert found_any > 2000  # the random text does exercise the pattern


def test_joined_blocks_give_each_block_its_own_passives():
    import random

    from medlint.readability.prose import Joined

    rng = random.Random(5)
    for _ in range(3000):
        texts = random_blocks(rng, PASSIVE_WORDS, PASSIVE_GAPS, rng.randint(1, 5), 8)
        blocks = [type("B", (), {"text": text})() for text in texts]
        joined = Joined.of(blocks, list(range(len(blocks))))
        located = []
        for first, last in passives(joined.text):
            index, start = joined.locate(first)
            located.append((index, start, start + last - first))
        assert located == [(i, s, e) for i, text in enumerate(texts) for s, e in plain_passives(text)]


def test_joined_text_maps_every_offset_back_to_its_block():
    from medlint.readability.prose import BLOCK_BREAK, Joined

    texts = ["ab", "", "cde", "f"]
    blocks = [type("B", (), {"text": text})() for text in texts]
    joined = Joined.of(blocks, [3, 0, 1, 2])  # any order of indices, as a rule lists them
    assert joined.text == BLOCK_BREAK.join(["f", "ab", "", "cde"])
    for offset, char in enumerate(joined.text):
        if char != BLOCK_BREAK:
            index, start = joined.locate(offset)
            assert texts[index][start] == char
    assert Joined.of(blocks, []).text == ""


def test_a_passive_does_not_run_across_two_list_items():
    assert found("- The dose is\n- given at night.\n", PASSIVE) == []
    assert [f.line for f in found("- Rest.\n- The dose is given at night.\n", PASSIVE)] == [2]


def test_acronym_token_scan_equals_the_pattern_walking_the_text():
    import random

    from medlint.readability import acronyms

    parts = ("FDA HIV COVID-19 PD-L1 NSAIDs CT's CT\u2019s ABC-DEF-G A1 B12 X Ab AB\u00c9 \u00c9A "
             "NSAID-x OK IV XI mg MG-1 - \u2010 _ 9AB (ICI) ICIs").split()
    gaps = [" ", "", "-", "\u00a0", ".", "\x00", "\u00e9", "'"]
    rng = random.Random(6)
    for _ in range(20000):
        text = "".join(rng.choice(parts) + rng.choice(gaps) for _ in range(rng.randint(0, 8)))
        expected = [(m.span(), m.groups()) for m in acronyms._TOKEN.finditer(text)]
        assert [(m.span(), m.groups()) for m in acronyms.tokens(text)] == expected, text


def test_acronyms_at_block_edges_and_in_a_shouting_block():
    text = "COPD\n\nWARNING: ASK FIRST BEFORE YOU STOP THIS.\n\n- HCC\n"
    assert [(f.line, f.evidence["acronym"]) for f in found(text, ACRONYM)] == [(1, "COPD"), (5, "HCC")]
