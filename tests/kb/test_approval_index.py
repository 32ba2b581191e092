"""The approval index (rules/kb/approvals.tsv): what it holds, how it loads, and how claims use it."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from medlint.kb.approvals import ApprovalIndexError, builtin_path, load_index, read_index

REPO = Path(__file__).resolve().parents[2]
FDA = REPO.parent / "shared" / "data" / "fda"
NOVEL = FDA / "novel-approvals.csv"


@pytest.fixture(scope="module")
def index():
    return read_index(builtin_path())


def test_names_generic_brand_and_suffixed_forms_find_one_record(index):
    by_generic, by_brand, by_suffix = (index.lookup(n) for n in ("lecanemab", "Leqembi", "lecanemab-irmb"))
    assert by_generic[0] is by_brand[0] is by_suffix[0]
    assert by_generic[0].approved_on == date(2023, 1, 6)
    assert (by_generic[1], by_brand[1]) == (False, True)  # a brand name needs its capital in text
    assert by_generic[0].source.startswith("https://")


def test_everyday_words_are_no_product_names(index):
    for word in ("alcohol", "water", "insulin", "today", "cannabidiol"):
        assert index.lookup(word) is None, word


def test_products_taken_off_the_market_are_not_judgeable(index):
    oxbryta = index.lookup("Oxbryta")[0]
    assert oxbryta.status == "withdrawn" and not oxbryta.judgeable
    assert index.lookup("Keytruda")[0].judgeable


@pytest.mark.skipif(not NOVEL.is_file(), reason="../shared/data/fda/novel-approvals.csv is not here")
def test_every_cder_novel_approval_of_1985_2025_is_indexed_with_its_date(index):
    missing, per_year = [], {}
    with NOVEL.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["approval_date"])
            if day.year > 2025:
                continue
            per_year[day.year] = per_year.get(day.year, 0) + 1
            # by its brand, or its ingredient when the brand names two approvals (Emend 2003 and 2008)
            # or is none ("[drug marketed without a proprietary name]")
            found = [index.lookup(name) for name in (row["brand"], row["active_ingredient"])]
            if not any(hit and hit[0].novel == day for hit in found):
                missing.append((row["brand"], row["approval_date"]))
    assert not missing, missing[:10]
    indexed = index.novel_per_year()
    assert all(indexed.get(year) == count for year, count in per_year.items()), (per_year, indexed)
    assert sum(per_year.values()) == 1387


def test_every_compiled_cber_product_is_indexed_with_its_date(index):
    sources = yaml.safe_load((REPO / "rules" / "kb" / "approvals-sources.yaml").read_text(encoding="utf-8"))
    assert len(sources["cber"]) >= 60
    for entry in sources["cber"]:
        record, _ = index.lookup(entry["brand"])
        assert record.center == "CBER", entry["brand"]
        assert record.novel == date.fromisoformat(str(entry["date"])), entry["brand"]
        assert record.source == entry["source"]


@pytest.mark.skipif(not (FDA / "drugsatfda-2019-07.zip").is_file(), reason="../shared/data/fda is not here")
def test_committed_index_is_what_the_build_script_writes():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_approval_index.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_malformed_index_line_is_reported_with_its_line(tmp_path):
    good = builtin_path().read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "approvals.tsv"
    head = [line for line in good if line.startswith("#")]
    broken.write_text("\n".join([*head, good[len(head)], "only\ttwo fields"]) + "\n", encoding="utf-8")
    with pytest.raises(ApprovalIndexError, match=rf"approvals.tsv:{len(head) + 2}: expected 12"):
        read_index(broken)


def test_a_document_without_denial_words_never_loads_the_index(lint_text):
    load_index.cache_clear()
    lint_text("# Heart health\n\nKeytruda is approved for melanoma. Walking helps your heart.\n")
    assert load_index.cache_info().currsize == 0
    lint_text("# News\n\nLecanemab is not yet approved by the FDA.\n")
    assert load_index.cache_info().currsize == 1


# -- claims the index decides -----------------------------------------------------------------

def test_not_yet_approved_is_outdated_with_the_date_and_source(lint_text):
    (finding,) = [f for f in lint_text("# News\n\nLecanemab is not yet approved by the FDA.\n")
                  if f.rule == "claims.outdated-not-approved"]
    assert finding.severity.name == "ERROR"
    assert "2023-01-06" in finding.message and "https://" in finding.message
    assert finding.evidence["kb_entry"] == "approvals:lecanemab-irmb"
    assert finding.evidence["claim"]["products"][0]["words"] == "Lecanemab"
    assert (finding.line, finding.column) == (3, 1)


@pytest.mark.parametrize("sentence", [
    "In 2019, lecanemab was still experimental.",  # past and dated
    "Leqembi is not yet approved in Europe.",  # another country
    "Semaglutide is not approved to treat Alzheimer's disease.",  # a use the index cannot judge
    "Compounded semaglutide is not FDA-approved.",  # a copy, not the product
    "Bapineuzumab is an experimental drug.",  # never approved: not in the index
    "Beethoven's Moonlight Sonata is not an FDA-approved treatment for insomnia.",  # a brand inside a name
])
def test_controls_stay_clean(lint_text, sentence):
    assert not [f for f in lint_text(f"# News\n\n{sentence}\n") if f.rule == "claims.outdated-not-approved"]


def test_a_prospect_only_warns(lint_text):
    (finding,) = [f for f in lint_text("# News\n\nIf approved, zuranolone would be the first pill of its kind.\n")
                  if f.rule == "claims.outdated-not-approved"]
    assert finding.severity.name == "WARNING" and "prospect" in finding.message


def test_an_article_dated_after_the_approval_is_about_something_else(lint_text):
    text = "---\ntitle: News\ndate: 2024-09-01\n---\n\nThe FDA is reviewing donanemab.\n"
    assert not [f for f in lint_text(text) if f.rule == "claims.outdated-not-approved"]
    text = text.replace("2024-09-01", "2024-03-01")
    assert [f for f in lint_text(text) if f.rule == "claims.outdated-not-approved"]


def test_labelled_index_sentences_meet_the_acceptance_bar():
    from claims_evaluation import load_sentences, run

    items = [i for i in load_sentences(REPO / "corpora" / "claims") if i.id.startswith("idx-")]
    outcomes = run(items)
    positives = [o for o in outcomes if "claims.outdated-not-approved" in o.item.expect]
    controls = [o for o in outcomes if not o.item.expect]
    assert len(positives) >= 60 and len(controls) >= 60
    flagged = [o for o in positives if "claims.outdated-not-approved" in o.found]
    assert len(flagged) >= 60 and len(flagged) / len(positives) >= 0.8
    assert not [o.item.id for o in controls if o.found]


# -- the age notice ---------------------------------------------------------------------------

def test_an_old_knowledge_base_says_so_once_on_stderr(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from medlint.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDLINT_NO_KB_WARNING", raising=False)
    (tmp_path / "a.md").write_text("# Title\n\nWalk every day.\n", encoding="utf-8")
    as_of = read_index(builtin_path()).as_of
    late = date(as_of.year + 1, as_of.month, 1).isoformat()
    result = CliRunner().invoke(main, ["check", "a.md", "--format", "json", "--today", late])
    json.loads(result.stdout)  # stdout stays a clean report
    assert result.stderr.count("approval data is from") == 1 and "medlint kb update" in result.stderr
    fresh = CliRunner().invoke(main, ["check", "a.md", "--today", as_of.isoformat()])
    assert "approval data" not in fresh.stderr
    monkeypatch.setenv("MEDLINT_NO_KB_WARNING", "1")
    quiet = CliRunner().invoke(main, ["check", "a.md", "--today", late])
    assert "approval data" not in quiet.stderr
