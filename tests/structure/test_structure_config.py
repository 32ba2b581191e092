"""The article-type, sections and metadata configuration keys."""

from __future__ import annotations

import pytest
from structure_helpers import config, lint, messages, missing_sections, of

from medlint.config import load_config_file
from medlint.finding import Severity
from medlint.yamlsource import SourceError

PLAIN = "# Notes on sleep\n\nSleep matters.\n\n## Symptoms\n\nTiredness.\n"
TREATMENT = ("---\ntype: treatment\n---\n# Statins\n\n## How they work\n\nText.\n\n## Benefits\n\nText.\n\n"
             "## Side effects\n\nText.\n\n## Other options\n\nText.\n\n## When to call your doctor\n\nText.\n\n"
             "## References\n\n1. NHS. Statins. 2024.\n")


def test_article_type_default_and_per_glob(tmp_path):
    cfg = config(tmp_path, {"article-type": "general",
                            "overrides": [{"files": ["conditions/**"], "article-type": "condition"}]})
    assert missing_sections(lint(PLAIN, str(tmp_path / "blog" / "a.md"), cfg)) == {"references"}
    conditions = lint(PLAIN, str(tmp_path / "conditions" / "a.md"), cfg)
    assert missing_sections(conditions) == {"causes", "diagnosis", "treatment", "when-to-see-a-doctor", "references"}
    assert "inferred" not in messages(conditions, "sections.missing")
    # a configured type is declared: its missing sections keep the configured severity
    assert {f.severity for f in of(conditions, "sections.missing")} == {Severity.ERROR}
    # Front matter still wins over the configuration.
    news = lint("---\ntype: news\n---\n" + PLAIN, str(tmp_path / "conditions" / "b.md"), cfg)
    assert "what-was-studied" in missing_sections(news)


def test_add_remove_rename_and_synonyms(tmp_path):
    assert missing_sections(lint(TREATMENT)) == set()
    cfg = config(tmp_path, {"sections": {"treatment": {
        "add": ["Dosage"], "remove": ["alternatives"], "rename": {"benefits": "Why take it"},
        "synonyms": {"dosage": ["How to take *"]}}}})
    path = str(tmp_path / "a.md")
    without_alternatives = TREATMENT.replace("## Other options\n\nText.\n\n", "")
    found = lint(without_alternatives, path, cfg)
    assert missing_sections(found) == {"dosage"}
    assert "missing section 'Dosage' that treatment articles need; headings that count: 'Dosage', " \
           "'How to take ...'" in messages(found, "sections.missing")
    with_dosage = without_alternatives.replace(
        "## References", "## How to take statins\n\nOnce a day.\n\n## References")
    assert missing_sections(lint(with_dosage, path, cfg)) == set()
    renamed = with_dosage.replace("## Benefits", "## Why take it")
    assert missing_sections(lint(renamed, path, cfg)) == set()
    no_benefits = with_dosage.replace("## Benefits\n\nText.\n\n", "")
    assert "missing section 'Why take it'" in messages(lint(no_benefits, path, cfg), "sections.missing")


def test_required_replaces_the_list_and_all_applies_to_every_type(tmp_path):
    cfg = config(tmp_path, {"sections": {
        "condition": {"required": ["symptoms", "references"]},
        "all": {"synonyms": {"references": ["Read more"]}}}})
    text = "---\ntype: condition\n---\n# Sleep\n\n## Symptoms\n\nTired.\n\n## Read more\n\n1. NHS. Sleep. 2024.\n"
    assert missing_sections(lint(text, str(tmp_path / "a.md"), cfg)) == set()
    general = "---\ntype: general\n---\n# Sleep\n\nText.\n\n## Read more\n\n1. NHS. Sleep. 2024.\n"
    assert missing_sections(lint(general, str(tmp_path / "a.md"), cfg)) == set()
    assert missing_sections(lint(general)) == {"references"}


def test_new_article_type(tmp_path):
    cfg = config(tmp_path, {"sections": {"faq": {"required": ["Questions", "references"]}}})
    text = "---\ntype: faq\n---\n# Sleep FAQ\n\nText.\n\n## References\n\n1. NHS. Sleep. 2024.\n"
    found = lint(text, str(tmp_path / "a.md"), cfg)
    assert missing_sections(found) == {"questions"}
    assert "that faq articles need" in messages(found, "sections.missing")


def test_order_can_be_changed_or_turned_off(tmp_path):
    text = "---\ntype: condition\n---\n# Asthma\n\n## Treatment\n\nInhalers.\n\n## Symptoms\n\nWheezing.\n"
    assert of(lint(text), "sections.order")
    off = config(tmp_path, {"sections": {"condition": {"order": []}}})
    assert of(lint(text, str(tmp_path / "a.md"), off), "sections.order") == []
    reverse = config(tmp_path, {"sections": {"condition": {"order": ["treatment", "symptoms"]}}})
    assert of(lint(text, str(tmp_path / "a.md"), reverse), "sections.order") == []
    news = config(tmp_path, {"sections": {"general": {"order": ["references", "risks"]}}})
    general = "---\ntype: general\n---\n# X\n\n## Risks\n\nText.\n\n## References\n\n1. A. 2024.\n"
    assert [f.message.split(" should")[0] for f in of(lint(general, str(tmp_path / "a.md"), news),
                                                       "sections.order")] == ["'References'"]


def test_if_treatment_can_be_removed_from_general(tmp_path):
    text = "---\ntype: general\n---\n# Winter\n\n## Medicines\n\nText.\n\n## References\n\n1. A. 2024.\n"
    assert missing_sections(lint(text)) == {"risks"}
    cfg = config(tmp_path, {"sections": {"general": {"remove": ["risks"]}}})
    assert missing_sections(lint(text, str(tmp_path / "a.md"), cfg)) == set()


def test_extra_credentials(tmp_path):
    text = ("---\nauthor: A B\nmedical_reviewer: Ann Lee, CNS\npublished: 2026-01-01\nlast_reviewed: 2026-01-01\n"
            "---\nText.\n")
    assert of(lint(text), "metadata.missing-field")
    cfg = config(tmp_path, {"metadata": {"credentials": ["CNS"]}})
    assert of(lint(text, str(tmp_path / "a.md"), cfg), "metadata.missing-field") == []


@pytest.mark.parametrize("yaml_text, line, message", [
    ("sections:\n  treatment:\n    add: [Risks and side efects]\n", 3, "did you mean 'risks and side effects'"),
    ("sections:\n  treatment:\n    remove: [nonsense]\n", 3, "unknown section 'nonsense'"),
    ("sections:\n  treatment:\n    requried: [risks]\n", 2, "unknown setting 'requried' (did you mean 'required'?)"),
    ("sections:\n  faq:\n    add: [risks]\n", 2, "a new article type needs a 'required' list"),
    ("sections:\n  all:\n    order: [risks]\n", 2, "all: unknown setting 'order'"),
    ("sections:\n  treatment:\n    rename: [x]\n", 3, "rename must map sections to new names"),
    ("article-type: Treatment!\n", 1, "must be an article type"),
    ("metadata:\n  max-review-age-months: 0\n", 1, "max-review-age-months must be a whole number"),
    ("metadata:\n  fields: {editor: [x]}\n", 1, "unknown field 'editor'"),
    ("metadata:\n  required: [author, date]\n", 1, "unknown field 'date'"),
    ("overrides:\n  - files: ['*.md']\n    metadata: {max-review-age-months: many}\n", 3, "whole number"),
])
def test_invalid_configuration_is_reported_with_its_line(tmp_path, yaml_text, line, message):
    path = tmp_path / ".medlint.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_config_file(path)
    assert error.value.line == line
    assert message in error.value.message


def test_cli_exits_2_on_a_bad_structure_setting(cli, tmp_path):
    settings = "sections:\n  condition:\n    remove: [symptom-list]\n"
    (tmp_path / ".medlint.yaml").write_text(settings, encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert ".medlint.yaml:3: 'sections': condition.remove: unknown section 'symptom-list'" in result.output
