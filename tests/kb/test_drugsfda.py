"""Tests for the Drugs@FDA bulk importer and the drug lexicon it writes."""

from __future__ import annotations

import json
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from medlint.kb.drugsfda import (
    DrugLexicon,
    DrugsFDAImportError,
    ImportStats,
    default_lexicon_path,
    import_drugsfda,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "drugsfda"
REAL_ZIP = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "fda"
    / "drugsatfda-2019-07.zip"
)
TABLES = sorted(path.name for path in FIXTURES.glob("*.txt"))


def fixture_tables() -> dict[str, bytes]:
    """The fixture tables as bytes, with CRLF line ends whatever the checkout did to them."""
    tables = {}
    for name in TABLES:
        data = (FIXTURES / name).read_bytes().replace(b"\r\n", b"\n")
        tables[name] = data.replace(b"\n", b"\r\n")
    return tables


def make_zip(
    folder: Path,
    tables: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Zip tables (default: the fixture tables) into folder/drugsatfda-test.zip."""
    path = folder / "drugsatfda-test.zip"
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in (fixture_tables() if tables is None else tables).items():
            archive.writestr(name, data)
    return path


def replace_row(table: bytes, old: bytes, new: bytes) -> bytes:
    """The table with one exact substring replaced (asserting it was there)."""
    assert old in table
    return table.replace(old, new, 1)


@pytest.fixture
def lexicon_path(tmp_path: Path) -> Path:
    """A lexicon imported from the fixture tables."""
    output = tmp_path / "out" / "lexicon.json"
    import_drugsfda(make_zip(tmp_path), output)
    return output


@pytest.fixture
def lexicon(lexicon_path: Path) -> DrugLexicon:
    return DrugLexicon.load(lexicon_path)


# --- import -----------------------------------------------------------------------------------


def test_import_reports_counts(tmp_path: Path) -> None:
    output = tmp_path / "lexicon.json"
    stats = import_drugsfda(make_zip(tmp_path), output)
    assert isinstance(stats, ImportStats)
    assert (stats.applications, stats.products, stats.skipped_rows) == (14, 15, 0)
    assert stats.ingredients == 10
    # NEXAVAR, ZANTAC x4, SELDANE, DIOVAN, KEYTRUDA, ENTRESTO, SULTRIN, GERMA-MEDICA "MG"
    assert stats.brands == 11
    assert stats.output == output and output.is_file()
    assert stats.seconds >= 0 and stats.peak_memory_kb >= 0


def test_import_defaults_to_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    stats = import_drugsfda(make_zip(tmp_path))
    assert stats.output == tmp_path / "cache" / "drugsfda-lexicon.json"
    assert DrugLexicon.load(stats.output).lookup("Keytruda") is not None


def test_default_lexicon_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MEDLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert (
        default_lexicon_path() == tmp_path / "home" / ".cache" / "medlint" / "drugsfda-lexicon.json"
    )
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_lexicon_path() == tmp_path / "xdg" / "medlint" / "drugsfda-lexicon.json"
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert default_lexicon_path() == tmp_path / "mine" / "drugsfda-lexicon.json"


def test_source_names_zip_and_import_date(lexicon: DrugLexicon) -> None:
    assert re.fullmatch(r"drugsatfda-test\.zip \(imported \d{4}-\d{2}-\d{2}\)", lexicon.source)


# --- lookup -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Nexavar", "NEXAVAR", "  nexavar ", "Sorafenib Tosylate"])
def test_lookup_by_brand_or_ingredient(lexicon: DrugLexicon, name: str) -> None:
    record = lexicon.lookup(name)
    assert record is not None
    assert record.ingredient == "sorafenib tosylate"
    assert record.brands == ("NEXAVAR",)
    assert record.applications == ("NDA021923",)


def test_bare_moiety_finds_earliest_approved_salt(lexicon: DrugLexicon) -> None:
    # The fixture also has a 2017 NDA filed under the bare name SORAFENIB; the 2005 salt wins.
    record = lexicon.lookup("sorafenib")
    assert record is not None and record.ingredient == "sorafenib tosylate"


def test_lookup_strips_salt_words_from_the_query(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("Ranitidine HCl")
    assert record is not None and record.ingredient == "ranitidine hydrochloride"


def test_unknown_name_is_none(lexicon: DrugLexicon) -> None:
    assert lexicon.lookup("Tylenol") is None
    assert lexicon.lookup("") is None


def test_brands_come_from_nda_and_bla_only(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("zantac")
    assert record is not None
    assert record.brands == ("ZANTAC", "ZANTAC 150", "ZANTAC 300", "ZANTAC 75")
    assert "ANDA074467" in record.applications  # the generic counts, but its name is no brand
    terfenadine = lexicon.lookup("Seldane")
    assert terfenadine is not None and terfenadine.brands == ("SELDANE",)
    assert terfenadine.applications == ("ANDA073543", "NDA018949")


def test_brand_with_doubled_quotes(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup('Germa-Medica "MG"')
    assert record is not None
    assert record.ingredient == "hexachlorophene"
    assert record.brands == ('GERMA-MEDICA "MG"',)


def test_biologic_license_brand(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("Keytruda")
    assert record is not None
    assert (record.ingredient, record.applications) == ("pembrolizumab", ("BLA125514",))


def test_combination_product(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("Entresto")
    assert record is not None
    assert record.ingredient == "sacubitril; valsartan"
    assert lexicon.lookup("sacubitril") == record  # component only found in the combination
    assert lexicon.lookup("Sacubitril; Valsartan") == record
    valsartan = lexicon.lookup("valsartan")  # component with its own product
    assert valsartan is not None and valsartan.brands == ("DIOVAN",)


def test_combination_components_are_sorted_and_indexed(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("lamivudine")
    assert record is not None
    assert record.ingredient == "dolutegravir sodium; lamivudine; tenofovir disoproxil fumarate"
    assert lexicon.lookup("dolutegravir") == record
    assert lexicon.lookup("tenofovir disoproxil") == record


def test_semicolons_inside_parentheses_do_not_split(lexicon: DrugLexicon) -> None:
    record = lexicon.lookup("Sultrin")
    assert record is not None
    assert record.ingredient == "triple sulfa (sulfabenzamide;sulfacetamide;sulfathiazole)"
    assert lexicon.lookup("sulfathiazole") is None


def test_marketing_status(lexicon: DrugLexicon) -> None:
    def status(name: str) -> str:
        record = lexicon.lookup(name)
        assert record is not None
        return record.marketing_status

    assert status("Seldane") == "discontinued"  # NDA and ANDA both discontinued
    assert status("Zantac") == "prescription and otc"  # Zantac NDAs gone, Zantac 75 + generic on
    assert status("Nexavar") == "prescription"
    assert status("Sultrin") == "discontinued"
    assert status("lamivudine") == "none (tentative approval)"


def test_first_approval(lexicon: DrugLexicon) -> None:
    def first(name: str) -> str | None:
        record = lexicon.lookup(name)
        assert record is not None
        return record.first_approval

    assert first("Nexavar") == "2005-12-01"  # ORIG only, not the later SUPPL
    assert first("Zantac 75") == "1983-06-09"  # earliest over the ingredient's applications
    assert first("Keytruda") == "2014-09-04"
    assert first("lamivudine") is None  # tentative approval only
    assert first("hexachlorophene") is None  # 1900-01-01 placeholder


def test_names_are_lowercase_and_all_resolve(lexicon: DrugLexicon) -> None:
    names = lexicon.names()
    assert {"nexavar", "sorafenib tosylate", "sorafenib", "sacubitril", "zantac 75"} <= set(names)
    assert names == sorted(names)
    assert all(name == name.lower() for name in names)
    assert all(lexicon.lookup(name) is not None for name in names)
    assert "ranitidine hydrochloride" in names and "terfenadine" in names


def test_non_utf8_table_is_decoded_as_cp1252(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["Products.txt"] = replace_row(
        tables["Products.txt"], b"\tKEYTRUDA\t", b"\tKEYTRUDA \xc9\t"
    )
    output = tmp_path / "lexicon.json"
    import_drugsfda(make_zip(tmp_path, tables), output)
    record = DrugLexicon.load(output).lookup("keytruda \u00e9")
    assert record is not None and record.brands == ("KEYTRUDA \u00c9",)


# --- malformed rows ---------------------------------------------------------------------------


def test_few_malformed_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    tables = fixture_tables()
    extra = b"".join(b"%d\tANDA\t\tSPONSOR %d\r\n" % (300000 + i, i) for i in range(200))
    tables["Applications.txt"] += extra + b"399999\tANDA\tnote\r\n"  # 3 fields, header has 4
    stats = import_drugsfda(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    assert stats.skipped_rows == 1
    assert stats.applications == 214


def test_too_many_malformed_rows_fail_with_table_and_line(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["Products.txt"] = replace_row(
        tables["Products.txt"], b"\tDIOVAN\tVALSARTAN\t1\r\n", b"\tDIOVAN\r\n"
    )
    with pytest.raises(DrugsFDAImportError) as error:
        import_drugsfda(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    message = str(error.value)
    assert "Products.txt" in message and "line 9" in message and "wrong number of fields" in message
    assert "\n" not in message


def test_stray_trailing_tab_is_tolerated(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["Products.txt"] = replace_row(
        tables["Products.txt"], b"\tPEMBROLIZUMAB\t1\r\n", b"\tPEMBROLIZUMAB\t\t\r\n"
    )
    stats = import_drugsfda(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    assert stats.skipped_rows == 0 and stats.products == 15


# --- errors -----------------------------------------------------------------------------------


def import_error(zip_path: Path, output: Path) -> str:
    """The message of the DrugsFDAImportError that importing zip_path raises."""
    with pytest.raises(DrugsFDAImportError) as error:
        import_drugsfda(zip_path, output)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    message = import_error(tmp_path / "nope.zip", tmp_path / "lexicon.json")
    assert "nope.zip" in message and "no such file" in message


def test_directory_is_not_a_zip(tmp_path: Path) -> None:
    assert "directory" in import_error(tmp_path, tmp_path / "lexicon.json")


def test_not_a_zip_file(tmp_path: Path) -> None:
    path = tmp_path / "Products.txt"
    path.write_bytes(fixture_tables()["Products.txt"])
    message = import_error(path, tmp_path / "lexicon.json")
    assert "Products.txt" in message and "not a zip file" in message


def test_zip_missing_a_table(tmp_path: Path) -> None:
    tables = fixture_tables()
    del tables["Submissions.txt"]
    message = import_error(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    assert "drugsatfda-test.zip" in message and "missing table Submissions.txt" in message


def test_header_missing_a_column(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["Products.txt"] = replace_row(tables["Products.txt"], b"ActiveIngredient", b"Ingredient")
    message = import_error(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    assert "Products.txt" in message and "lacks column ActiveIngredient" in message


def test_empty_table(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["MarketingStatus.txt"] = b""
    message = import_error(make_zip(tmp_path, tables), tmp_path / "lexicon.json")
    assert "MarketingStatus.txt" in message and "empty table" in message


def test_truncated_zip(tmp_path: Path) -> None:
    whole = make_zip(tmp_path).read_bytes()
    cut = tmp_path / "drugsatfda-cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    message = import_error(cut, tmp_path / "lexicon.json")
    assert "drugsatfda-cut.zip" in message and "truncated or corrupt" in message


def test_corrupt_member_fails_crc(tmp_path: Path) -> None:
    path = make_zip(tmp_path, compression=zipfile.ZIP_STORED)
    data = path.read_bytes()
    path.write_bytes(replace_row(data, b"NEXAVAR", b"NEXAVAQ"))
    message = import_error(path, tmp_path / "lexicon.json")
    assert "Products.txt" in message and "corrupt" in message


# --- atomic write -----------------------------------------------------------------------------


def test_failed_import_leaves_existing_lexicon_untouched(tmp_path: Path) -> None:
    output = tmp_path / "cache" / "lexicon.json"
    import_drugsfda(make_zip(tmp_path), output)
    before = output.read_bytes()
    tables = fixture_tables()
    tables["Products.txt"] = replace_row(tables["Products.txt"], b"DrugName", b"Name")
    broken = tmp_path / "broken"
    broken.mkdir()
    with pytest.raises(DrugsFDAImportError):
        import_drugsfda(make_zip(broken, tables), output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["lexicon.json"]


def test_reimport_replaces_lexicon_without_leftovers(tmp_path: Path) -> None:
    output = tmp_path / "lexicon.json"
    output.write_text("old", encoding="utf-8")
    import_drugsfda(make_zip(tmp_path), output)
    assert DrugLexicon.load(output).lookup("Diovan") is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drugsatfda-test.zip", "lexicon.json"]


def test_unwritable_output_is_an_import_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    message = import_error(make_zip(tmp_path), blocker / "lexicon.json")
    assert "cannot write lexicon" in message


# --- loading ----------------------------------------------------------------------------------


def load_error(path: Path) -> str:
    """The message of the DrugsFDAImportError that loading path raises."""
    with pytest.raises(DrugsFDAImportError) as error:
        DrugLexicon.load(path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    return message


def test_load_truncated_lexicon(lexicon_path: Path) -> None:
    data = lexicon_path.read_bytes()
    lexicon_path.write_bytes(data[: len(data) // 2])
    assert "corrupt" in load_error(lexicon_path)


def test_load_json_that_is_not_a_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    assert "not a medlint Drugs@FDA lexicon" in load_error(path)


def test_load_lexicon_with_a_bad_record(lexicon_path: Path) -> None:
    document = json.loads(lexicon_path.read_text(encoding="utf-8"))
    del document["records"]["valsartan"]["brands"]
    lexicon_path.write_text(json.dumps(document), encoding="utf-8")
    assert "corrupt" in load_error(lexicon_path)


def test_load_lexicon_with_a_dangling_name(lexicon_path: Path) -> None:
    document = json.loads(lexicon_path.read_text(encoding="utf-8"))
    del document["records"]["valsartan"]
    lexicon_path.write_text(json.dumps(document), encoding="utf-8")
    assert "points at no record" in load_error(lexicon_path)


def test_load_missing_lexicon(tmp_path: Path) -> None:
    assert "medlint kb import drugsfda" in load_error(tmp_path / "absent.json")


# --- the real bulk file -----------------------------------------------------------------------


@pytest.mark.skipif(not REAL_ZIP.exists(), reason=f"real Drugs@FDA file not at {REAL_ZIP}")
def test_import_real_bulk_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracemalloc.start()
    try:
        started = time.perf_counter()
        stats = import_drugsfda(REAL_ZIP, tmp_path / "lexicon.json")
        elapsed = time.perf_counter() - started
        peak_kb = tracemalloc.get_traced_memory()[1] // 1024
    finally:
        tracemalloc.stop()
    with capsys.disabled():
        print(
            f"\nDrugs@FDA 2019-07: {elapsed:.2f} s under tracemalloc, peak {peak_kb} kB traced "
            f"(import's own peak {stats.peak_memory_kb} kB); {stats}"
        )
    assert stats.applications > 5000 and stats.products > 30000
    assert stats.ingredients > 2000 and stats.brands > 3000
    assert stats.skipped_rows < 100
    lexicon = DrugLexicon.load(stats.output)
    nexavar = lexicon.lookup("Nexavar")
    assert nexavar is not None and nexavar.ingredient == "sorafenib tosylate"
    assert nexavar.first_approval == "2005-12-01"
    assert lexicon.lookup("sorafenib") == nexavar
    zantac = lexicon.lookup("Zantac")
    assert zantac is not None and zantac.ingredient == "ranitidine hydrochloride"
    assert lexicon.source.startswith("drugsatfda-2019-07.zip (imported ")
