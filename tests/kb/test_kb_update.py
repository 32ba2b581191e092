"""`medlint kb update`: an overlay of the approval index from files cut down from FDA's formats.

The Drugs@FDA tables are the fixture tables of tests/fixtures/drugsfda (rows of the 2019-07 file)
with rows added for a made-up product, "Examplix" (examplinib), so that a new approval can be
told from what the built-in index knows. The accelerated-approvals list is a few rows laid out
as in FDA's PDF, after `pdftotext -layout`, with the same made-up product.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from medlint.kb.approvals import load_index, overlay_path, read_index

from test_drugsfda import fixture_tables, replace_row  # the importer tests, in this folder

NEW_PRODUCT = {
    "Applications.txt": b"999990\tNDA\t\tEXAMPLE PHARMA\r\n",
    "Products.txt": b"999990\t001\tTABLET;ORAL\t10MG\t1\tEXAMPLIX\tEXAMPLINIB\t1\r\n",
    "Submissions.txt": b"999990\t7\tORIG\t1\tAP\t2027-01-15 00:00:00\t\tPRIORITY\r\n",
    "MarketingStatus.txt": b"1\t999990\t001\r\n",
}

ACCELERATED = """\
                                  CDER Drug and Biologic Accelerated Approvals Based on a Surrogate Endpoint
                                                          As of June 30, 2027
                                                          Total Approvals 2

NDA and BLA Accelerated Approvals

                                                                                                 FOR THE TREATMENT OF ADULTS WITH AN EXAMPLE DISEASE
  NDA 999990                                                                                                                                      Not Converted - Application
                 EXAMPLIX          EXAMPLINIB       EXAMPLE PHARMA         1/2/2026       1/15/2027      12.4       AFTER ONE PRIOR THERAPY                                 Withdrawn              6/1/2027

                                                                                                 FOR THE TREATMENT OF PATIENTS WITH NEWLY DIAGNOSED
  NDA 203469
                     ICLUSIG            PONATINIB       TAKEDA PHARMACEUTICALS USA INC    9/21/2023      3/19/2024              5.9            PH+ ALL WITH CHEMOTHERAPY
                                                                                                                                                                   Not Yet Converted
"""


def bulk_zip(folder: Path, discontinue_keytruda: bool = False) -> Path:
    tables = fixture_tables()
    for name, row in NEW_PRODUCT.items():
        tables[name] = tables[name] + row
    if discontinue_keytruda:
        tables["MarketingStatus.txt"] = replace_row(tables["MarketingStatus.txt"], b"1\t125514\t001", b"3\t125514\t001")
    path = folder / "drugsatfda.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in tables.items():
            archive.writestr(name, data)
    return path


@pytest.fixture(autouse=True)
def _fresh_index(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))  # each test its own overlay
    load_index.cache_clear()
    yield
    load_index.cache_clear()


def test_update_reports_what_changed_and_writes_a_dated_overlay(cli, tmp_path):
    result = cli("kb", "update", str(bulk_zip(tmp_path, discontinue_keytruda=True)))
    assert result.exit_code == 0, result.output
    assert "new approvals: 1\n  examplinib (Examplix) (2027-01-15)" in result.output
    assert "no longer marketed: 2\n  hexachlorophene (Dial)\n  pembrolizumab (Keytruda)" in result.output
    overlay = read_index(overlay_path())
    assert overlay.as_of.isoformat() == "2027-01-15"
    assert overlay.records["examplinib"].status == "marketed"
    assert overlay.records["pembrolizumab"].status == "discontinued"
    index = load_index()  # the overlay is applied on top of the built-in index
    assert index.lookup("Examplix")[0].first_approval.isoformat() == "2027-01-15"
    assert not index.lookup("Keytruda")[0].judgeable
    info = cli("kb", "info")
    assert "your update: as of 2027-01-15, from drugsatfda.zip" in info.output
    assert f"approval index: {len(index.records)} products, as of" in info.output


def test_the_overlay_changes_what_claims_are_judged(cli, tmp_path):
    (tmp_path / "a.md").write_text("# News\n\nExamplinib is not yet approved by the FDA.\n", encoding="utf-8")
    before = cli("check", "a.md", "--select", "claims")
    assert "outdated-not-approved" not in before.output
    cli("kb", "update", str(bulk_zip(tmp_path)))
    load_index.cache_clear()
    after = cli("check", "a.md", "--select", "claims")
    assert "a.md:3:1: error claims.outdated-not-approved" in after.output and "2027-01-15" in after.output


def test_accelerated_list_withdrawals_are_reported_and_end_judgement(cli, tmp_path):
    listing = tmp_path / "accelerated.txt"
    listing.write_text(ACCELERATED, encoding="utf-8")
    result = cli("kb", "update", str(bulk_zip(tmp_path)), str(listing))
    assert result.exit_code == 0, result.output
    assert "new withdrawals on the accelerated-approvals list: 1\n  Examplix (examplinib), NDA 999990: " \
           "application withdrawn 2027-06-01" in result.output
    assert "products now withdrawn: 1" in result.output
    assert read_index(overlay_path()).as_of.isoformat() == "2027-06-30"
    assert load_index().records["examplinib"].status == "withdrawn"


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7 binary", "a PDF; convert FDA's accelerated-approvals list to text first"),
    (b"brand,ingredient\nX,y\n", "not FDA's list of CDER accelerated approvals"),
    (b"PK\x03\x04 truncated zip", "not FDA's list of CDER accelerated approvals"),
])
def test_a_bad_file_exits_2_and_keeps_the_previous_overlay(cli, tmp_path, content, message):
    assert cli("kb", "update", str(bulk_zip(tmp_path))).exit_code == 0
    kept = overlay_path().read_bytes()
    bad = tmp_path / "download.bin"
    bad.write_bytes(content)
    result = cli("kb", "update", str(bulk_zip(tmp_path, discontinue_keytruda=True)), str(bad))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert overlay_path().read_bytes() == kept


def test_a_zip_that_is_not_drugs_at_fda_exits_2(cli, tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    result = cli("kb", "update", str(path))
    assert result.exit_code == 2 and "other.zip" in result.output
    assert not overlay_path().exists()


def test_update_without_files_is_a_usage_error(cli):
    result = cli("kb", "update")
    assert result.exit_code == 2 and "give at least one file" in result.output
