"""An imported Drugs@FDA lexicon extends drug recognition; the CLI imports and reports errors."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kb"))
from test_drugsfda import make_zip  # noqa: E402  (the importer tests' fixture builder)

SENTENCE = "Doctors say that Sultrin is now approved for hay fever.\n"


def undated(findings):
    return [f for f in findings if f.rule == "claims.undated-approval"]


def test_lexicon_names_count_as_drugs(cli, tmp_path):
    zip_path = make_zip(tmp_path)
    lexicon = tmp_path / "lexicon.json"
    result = cli("kb", "import", "drugsfda", str(zip_path), "--output", str(lexicon))
    assert "wrote" in result.output and lexicon.is_file()
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    without = cli("check", "a.txt", "--fail-level", "never")
    assert "claims.undated-approval" not in without.output
    (tmp_path / ".medlint.yaml").write_text(f"drug-lexicon: {lexicon}\n", encoding="utf-8")
    with_lexicon = cli("check", "a.txt", "--fail-level", "never")
    assert "a.txt:1:33: warning claims.undated-approval" in with_lexicon.output


def test_missing_lexicon_is_a_config_error(cli, tmp_path):
    (tmp_path / ".medlint.yaml").write_text("ignore: []\ndrug-lexicon: nowhere.json\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    result = cli("check", "a.txt")
    assert result.exit_code == 2
    assert ".medlint.yaml:2: 'drug-lexicon'" in result.output


def test_import_of_a_wrong_file_exits_2(cli, tmp_path):
    bogus = tmp_path / "not.zip"
    bogus.write_text("hello", encoding="utf-8")
    result = cli("kb", "import", "drugsfda", str(bogus), "--output", str(tmp_path / "x.json"))
    assert result.exit_code == 2
    assert "not a zip file" in result.output
    assert not (tmp_path / "x.json").exists()
