"""The claim checker: the seed's motivating case, verdict wording, the knowledge base and its loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claims_evaluation import OUTDATED_FAMILY, clean_controls, load_sentences, run, score
from medlint.claims.kb import kb_dir, load_kb
from medlint.yamlsource import SourceError

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_81c6fcea8d6daced.txt"

SEED_SENTENCE = ("Pembrolizumab and nivolumab, two well-known checkpoint inhibitors, have gained FDA approval "
                 "for the treatment of advanced liver cancer in patients who have previously received systemic "
                 "therapy.")


def claim_findings(findings, prefix="claims."):
    return [f for f in findings if f.rule.startswith(prefix) and f.rule != "claims.hype"]


def test_seed_sentence_flags_nivolumab_not_pembrolizumab(lint_text):
    findings = claim_findings(lint_text(f"Intro line.\n\n{SEED_SENTENCE}\n", "post.txt"))
    outdated = [f for f in findings if f.rule == "claims.outdated-approval"]
    assert len(outdated) == 1
    finding = outdated[0]
    assert (finding.line, finding.column) == (3, SEED_SENTENCE.index("nivolumab") + 1)
    assert finding.end_column - finding.column == len("nivolumab")
    assert "2021-07-23" in finding.message and "ipilimumab" in finding.message
    assert "https://www.fda.gov/" in finding.message
    assert finding.evidence["kb_entry"] == "nivolumab-hcc-after-sorafenib"
    assert finding.evidence["date"] == "2021-07-23"
    assert "pembrolizumab" not in finding.message.split("only with")[0].lower().replace("pembrolizumab and", "")


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not beside this checkout")
def test_real_seed_article(lint_text):
    findings = lint_text(SEED.read_bytes(), SEED.name)
    outdated = [f for f in findings if f.rule == "claims.outdated-approval"]
    assert [(f.line, f.column) for f in outdated] == [(17, 332)]
    assert any(f.rule == "claims.needs-citation" and f.line == 9 for f in findings)  # "leading causes of"


def test_article_date_before_the_change_is_noted(lint_text):
    text = "---\ndate: 2019-05-01\n---\n\nOpdivo is approved for HCC in people who already had sorafenib.\n"
    (finding,) = [f for f in lint_text(text) if f.rule == "claims.outdated-approval"]
    assert "accurate when this article was dated 2019-05-01" in finding.message
    assert finding.evidence["article_date"] == "2019-05-01"


def test_article_date_after_the_change_is_not_called_accurate(lint_text):
    text = "---\ndate: 2023-05-01\n---\n\nOpdivo is approved for HCC in people who already had sorafenib.\n"
    (finding,) = [f for f in lint_text(text) if f.rule == "claims.outdated-approval"]
    assert "accurate when" not in finding.message


@pytest.mark.parametrize("sentence", [
    "Pembrolizumab is approved for HCC previously treated with sorafenib.",
    "Nivolumab with ipilimumab is approved for liver cancer.",
    "Nivolumab may be approved again for liver cancer after sorafenib.",
    "Nivolumab alone is no longer approved for liver cancer.",
    "In 2017 nivolumab was approved for HCC after sorafenib, but the approval was withdrawn in 2021.",
    "Nivolumab is approved for melanoma.",
])
def test_traps_give_no_error(lint_text, sentence):
    assert not [f for f in claim_findings(lint_text(sentence + "\n", "a.txt")) if f.severity.name == "ERROR"]


def test_superseded_exclusive_message_names_the_later_approval(lint_text):
    (finding,) = [f for f in lint_text("Sorafenib is the only FDA-approved drug for liver cancer.\n", "a.txt")
                  if f.rule == "claims.superseded-exclusive"]
    assert "2017-04-27" in finding.message and "regorafenib" in finding.message


def test_guideline_message_gives_old_new_and_date(lint_text):
    (finding,) = [f for f in lint_text("Colorectal cancer screening starts at age 50.\n", "a.txt")
                  if f.rule == "claims.outdated-guideline"]
    assert "2021-05-18" in finding.message and "45" in finding.message
    assert finding.evidence["kb_entry"] == "uspstf-colorectal-screening-2021"


def test_claims_in_a_references_section_are_ignored(lint_text):
    text = "# Drugs\n\nSome text.\n\n## References\n\n- FDA approves Opdivo for HCC after sorafenib.\n"
    assert not claim_findings(lint_text(text))


def test_labelled_sentences_meet_the_precision_and_recall_bars():
    outcomes = run(load_sentences(REPO / "corpora" / "claims"))
    assert len(outcomes) >= 150
    scores = score(outcomes)
    family = scores["outdated-family"]
    assert family.precision >= 0.95, family.fp_ids
    assert family.recall >= 0.90, family.fn_ids
    for rule in OUTDATED_FAMILY:  # every error verdict is exercised and right when it speaks
        assert scores[rule].tp > 0
        assert scores[rule].precision >= 0.95, (rule, scores[rule].fp_ids)


REAL = REPO / "corpora" / "claims-real"
SHARED_REAL = REPO.parent / "shared" / "data" / "real"


def test_real_text_sentences_meet_the_error_bars():
    """Sentences from real pages (corpora/claims-real): error-level precision >= 0.97 for each
    outdated-family rule and overall; recall >= 0.90 on outdated claims whose fact is in the KB;
    every control that mentions an FDA action or a screening age stays clean."""
    outcomes = run(load_sentences(REAL))
    assert len(outcomes) >= 300
    controls, flagged = clean_controls(outcomes)
    assert controls >= 100 and flagged == 0
    scores = score(outcomes)
    family = scores["outdated-family"]
    assert family.precision >= 0.97, family.fp_ids
    assert family.recall >= 0.90, family.fn_ids
    for rule in OUTDATED_FAMILY:
        assert scores[rule].precision >= 0.97, (rule, scores[rule].fp_ids)


def test_real_text_labels_are_complete_and_consistent():
    items = load_sentences(REAL)
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert item.source and item.truth in ("outdated", "current", "history", "no-claim", "unverifiable"), item.id
        assert not item.expect or (item.truth == "outdated" and item.kb == "known"), item.id
        assert item.expect <= set(OUTDATED_FAMILY), item.id


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="../shared/data/real/ is not beside this checkout")
def test_real_text_sentences_quote_their_source_verbatim():
    for item in load_sentences(REAL):
        if item.source.startswith("http"):
            continue
        path, line = item.source.rsplit(":", 1)
        lines = (SHARED_REAL / path).read_text(encoding="utf-8", errors="replace").splitlines()
        assert item.text in lines[int(line) - 1], item.id


def test_every_kb_event_has_source_and_date():
    kb = load_kb()
    assert kb.indications and kb.market and kb.guidelines
    for indication in kb.indications:
        for event in indication.events:
            assert event.source.startswith("https://") or event.source.startswith("http://")
            assert event.date.year >= 1990
    for record in kb.market.values():
        for event in record.events:
            assert event.source.startswith(("https://", "http://"))
    newest = max(e.date for owner in [*kb.indications, *kb.market.values()] for e in owner.events)
    assert newest <= kb.as_of  # the as-of date covers every event the knowledge base records


def test_every_withdrawn_row_of_the_cder_list_is_in_the_kb():
    listing = REPO.parent / "shared" / "data" / "fda" / "cder-accelerated-approvals-2024-03-31.txt"
    if not listing.exists():
        pytest.skip("the CDER list is not beside this checkout")
    rows = listing.read_text(encoding="utf-8").count("Withdrawn")
    encoded = sum(1 for i in load_kb().indications for e in i.events
                  if e.type == "withdrawn" and "accelerated-approvals" in e.source)
    assert encoded >= rows - 1  # one "Withdrawn" word is in the header legend of the list


def copy_kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(kb_dir(), target)
    return target


@pytest.mark.parametrize("edit, expected", [
    (("drugs.yaml", "    source: https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo=021923\n", ""),
     "needs a 'source'"),
    (("indications.yaml", "    regimen: [sorafenib]\n", "    regimen: [sorafenibb]\n"), "unknown drug 'sorafenibb'"),
    (("indications.yaml", 'date: "2021-07-23"', 'date: "2021-13-23"'), "must be a date"),
    (("guidelines.yaml", "      topic: ['\\b(?:colorectal", "      topic: ['(?:colorectal"), None),
])
def test_kb_loader_reports_path_and_line(tmp_path, edit, expected):
    folder = copy_kb(tmp_path)
    name, old, new = edit
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    load_kb.cache_clear()
    try:
        if expected is None:
            load_kb(folder)  # a harmless edit still loads
            return
        with pytest.raises(SourceError) as caught:
            load_kb(folder)
        assert caught.value.path.endswith(name) and caught.value.line
        assert expected in caught.value.message
    finally:
        load_kb.cache_clear()


def test_kb_info_command(cli):
    result = cli("kb", "info", "--format", "json")
    data = json.loads(result.output)
    assert data["version"] == load_kb().version and data["indications"] >= 60


def test_json_output_carries_the_kb_version(cli, tmp_path):
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    result = cli("check", "a.md", "--format", "json")
    assert json.loads(result.output)["knowledge_base"]["version"] == load_kb().version


def test_every_sentence_with_a_percentage_is_checked(lint_text):
    text = "About 5% of adults have it. It is common in winter. Roughly 40% go unnoticed.\n"
    spans = sorted((f.column, f.rule) for f in lint_text(text, "a.txt") if f.rule == "claims.needs-citation")
    assert [column for column, _ in spans] == [7, text.index("40%") + 1]


def _texts_to_cite_check() -> list[str]:
    from medlint.document import parse_document

    texts = []
    for item in load_sentences(REPO / "corpora" / "claims"):
        texts += [item.text, item.paragraph or ""]
    for path in sorted((REPO / "corpora" / "articles").rglob("*")):
        if path.suffix in (".md", ".html", ".txt"):
            texts += [b.text for b in parse_document(path.read_text(encoding="utf-8"), str(path)).blocks]
    return texts


CITATION_EDGES = [
    "Published in 2020.", "publıshed in a journal", "PUBLİSHED BY the agency", "ſource: the label",
    "See doı: 10.1/x", "as the NEJM reported", "JAMA Oncology", "the Lancet said", "<SUP>1</SUP>",
    "one study\u00b9", "visit HTTPS://example.org", "sources: FDA", "[12]", "(Smith et al., 2020)",
    "(FDA label, 2021)", "no citation here at all", "journaling helps", "a sourced claim",
]


def test_the_citation_prefilter_agrees_with_the_pattern():
    """``cites`` skips the CITATION pattern when no cue is in the text; it must never skip a
    text the pattern would match."""
    from medlint.claims.analysis import cites
    from medlint.claims.patterns import CITATION

    texts = _texts_to_cite_check() + CITATION_EDGES
    assert len(texts) > 500
    disagree = [t for t in texts if cites(t) != (CITATION.search(t) is not None)]
    assert disagree == []
    assert sum(cites(t) for t in CITATION_EDGES) == 15  # the edges exercise the matching side too
