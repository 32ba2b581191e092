"""`medlint check --fix`, `--fix --diff` and `--unsafe-fixes` (issue 18, item 2)."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from medlint.engine.loader import load_rules
from medlint.fixes import Edit, Offsets, apply, decode, plan
from medlint.finding import Finding, Severity

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
TODAY = ("--today", "2026-11-26")
PERSON_FIRST = "--select=language.person-first"
FIXABLE = "--select=language.person-first,plain-language.jargon"
SAFE_TEXT = "Diabetics should check their feet. She suffers from migraines.\n"
SAFE_FIXED = "People with diabetes should check their feet. She has migraines.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def json_of(result) -> dict:
    return json.loads(result.stdout)


def finding_json(path: Path, payload: dict) -> list[dict]:
    return next((f["findings"] for f in payload["files"] if Path(f["path"]).resolve() == path.resolve()), [])


def test_fix_rewrites_safe_substitutions_and_reports_what_remains(cli, tmp_path):
    article = write(tmp_path / "a.md", SAFE_TEXT)
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "a.md")
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert result.stdout.strip().splitlines()[-1] == (
        "0 errors, 0 warnings, 0 info in 1 file remaining after applying 2 fixes in 1 file")
    assert "Traceback" not in result.output


def test_no_file_is_touched_without_fix(cli, tmp_path):
    article = write(tmp_path / "a.md", SAFE_TEXT)
    before = article.stat().st_mtime_ns
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "a.md")
    assert "Prefer 'People with diabetes' to 'Diabetics'" in result.stdout
    assert article.read_bytes() == SAFE_TEXT.encode() and article.stat().st_mtime_ns == before


def test_fix_diff_prints_a_unified_diff_and_changes_nothing(cli, tmp_path):
    article = write(tmp_path / "a.md", SAFE_TEXT)
    clean = write(tmp_path / "b.md", "People with diabetes should check their feet.\n")
    stamps = {p: p.stat().st_mtime_ns for p in (article, clean)}
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "--diff", "a.md", "b.md")
    assert result.exit_code == 1  # something to fix
    assert result.stdout.splitlines()[:2] == ["--- a/a.md", "+++ b/a.md"]
    assert "-" + SAFE_TEXT.rstrip("\n") in result.stdout.splitlines()
    assert "+" + SAFE_FIXED.rstrip("\n") in result.stdout.splitlines()
    assert "b.md" not in result.stdout
    assert "would apply 2 fixes in 1 file" in result.stderr
    assert article.read_bytes() == SAFE_TEXT.encode()
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    # --diff last, and a clean file: exit 0, no diff
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "b.md", "--fix", "--diff")
    assert result.exit_code == 0 and result.stdout == ""
    assert "would apply 0 fixes in 0 files" in result.stderr


def test_diff_alone_still_needs_a_ref(cli, tmp_path):
    write(tmp_path / "a.md", SAFE_TEXT)
    result = cli("check", "a.md", "--diff")
    assert result.exit_code == 2 and "'--diff' requires an argument" in result.stderr
    result = cli("check", "a.md", "--unsafe-fixes")
    assert result.exit_code == 2 and "--unsafe-fixes needs --fix" in result.stderr


def test_unsafe_fixes_apply_only_with_unsafe_fixes(cli, tmp_path):
    text = "Please utilize the portal to book visits.\n"
    article = write(tmp_path / "a.txt", text)
    result = cli("check", "--no-cache", *TODAY, "--select=plain-language.jargon", "--fix", "a.txt")
    assert article.read_text(encoding="utf-8") == text
    assert "after applying 0 fixes in 0 files; 1 more with --unsafe-fixes" in result.stdout
    assert "plain-language.jargon" in result.stdout  # still reported
    result = cli("check", "--no-cache", *TODAY, "--select=plain-language.jargon", "--fix", "--unsafe-fixes",
                 "a.txt")
    assert article.read_text(encoding="utf-8") == "Please use the portal to book visits.\n"
    assert result.exit_code == 0 and "after applying 1 fix in 1 file" in result.stdout


def test_jargon_fix_only_for_the_term_itself():
    rule = load_rules().get("plain-language.jargon")
    assert rule.fix_text("utilize", "use") == "use"
    assert rule.fix_text("Utilize", "use") == "Use"
    assert rule.fix_text("utilized", "use") is None  # an inflection: "use" would not fit
    assert rule.fix_text("malignancies", "cancer") is None
    assert rule.fix_text("utilize", "make use of") is None  # not the finding's suggestion


def test_explain_and_rules_show_the_fix_safety(cli):
    assert "Fix: safe" in cli("explain", "language.person-first").stdout
    assert "Fix: unsafe" in cli("explain", "plain-language.jargon").stdout
    listed = {rule["id"]: rule["fix"] for rule in json.loads(cli("rules", "--format", "json").stdout)}
    assert listed["language.person-first"] == "safe"
    assert listed["plain-language.jargon"] == "unsafe"
    assert listed["claims.hype"] == "none"


def test_a_fix_on_a_type_without_fixes_is_a_rule_error(cli, tmp_path):
    write(tmp_path / "rules" / "house.yaml",
          "id: house.hype\ntype: existence\nseverity: warning\nmessage: m\ndescription: d\nfix: safe\n"
          "phrases: [miracle]\n")
    write(tmp_path / ".medlint.yaml", "rule-dirs: [rules]\n")
    write(tmp_path / "a.md", "A miracle.\n")
    result = cli("check", "a.md")
    assert result.exit_code == 2
    assert "house.hype: type existence makes no fixes" in result.stderr
    assert "Traceback" not in result.output


def test_crlf_and_byte_order_mark_round_trip(cli, tmp_path):
    original = "\ufeff# Feet\r\n\r\nDiabetics should check their feet.\r\nShe suffers from migraines.\r\n"
    article = write(tmp_path / "a.md", original.encode("utf-8"))
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "a.md")
    assert "after applying 2 fixes" in result.stdout
    data = article.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == original.replace("Diabetics", "People with diabetes").replace(
        "suffers from", "has")
    assert data.count(b"\r\n") == 4 and data.replace(b"\r\n", b"").count(b"\n") == 0


def test_utf16_file_keeps_its_encoding(cli, tmp_path):
    original = "Diabetics should check their feet.\r\n"
    article = write(tmp_path / "a.txt", b"\xff\xfe" + original.encode("utf-16-le"))
    cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "a.txt")
    assert article.read_bytes() == b"\xff\xfe" + "People with diabetes should check their feet.\r\n".encode(
        "utf-16-le")


def test_permissions_are_kept(cli, tmp_path):
    article = write(tmp_path / "a.md", SAFE_TEXT)
    article.chmod(0o640)
    cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "a.md")
    assert article.read_text(encoding="utf-8") == SAFE_FIXED
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".a.md")] == []  # no temporary left


def test_read_only_file_is_a_one_line_error_and_keeps_its_content(cli, tmp_path):
    article = write(tmp_path / "a.md", SAFE_TEXT)
    article.chmod(0o444)
    try:
        result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "a.md")
    finally:
        article.chmod(0o644)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["medlint: a.md: cannot write the fixes: the file is read-only"]
    assert article.read_bytes() == SAFE_TEXT.encode()
    assert "Traceback" not in result.output


def test_stdin_fix_writes_the_fixed_text_to_stdout(cli):
    result = cli("check", "--no-cache", *TODAY, PERSON_FIRST, "--fix", "-", "--stdin-filename", "a.md",
                 input=SAFE_TEXT)
    assert result.exit_code == 0
    assert result.stdout == SAFE_FIXED
    assert "after applying 2 fixes in 1 file" in result.stderr  # the report goes to stderr


def test_stdin_fix_reports_what_remains_on_stderr(cli):
    text = "Diabetics ask whether the miracle cure works.\n"
    result = cli("check", "--no-cache", *TODAY, "--select=language.person-first,claims.hype", "--fix", "-",
                 input=text)
    assert result.stdout == "People with diabetes ask whether the miracle cure works.\n"
    assert "claims.hype" in result.stderr and "language.person-first" not in result.stderr
    assert result.exit_code == 0  # a warning is under the default fail level


def test_overlapping_fixes_keep_the_first(cli, tmp_path):
    write(tmp_path / "rules" / "house.yaml",
          "id: house.blood\ntype: substitution\nseverity: info\nfix: safe\nmessage: \"'{suggestion}'\"\n"
          "description: d\nswap:\n  high blood: raised blood\n---\n"
          "id: house.pressure\ntype: substitution\nseverity: info\nfix: safe\nmessage: \"'{suggestion}'\"\n"
          "description: d\nswap:\n  blood pressure: BP\n")
    write(tmp_path / ".medlint.yaml", "rule-dirs: [rules]\n")
    article = write(tmp_path / "a.md", "She has high blood pressure today.\n")
    result = cli("check", "--no-cache", *TODAY, "--select=house", "--fix", "a.md")
    assert article.read_text(encoding="utf-8") == "She has raised blood pressure today.\n"
    assert "a.md:1:14: house.pressure: fix not applied: it overlaps another fix" in result.stderr
    assert "after applying 1 fix in 1 file (1 not applied: overlapping another fix)" in result.stdout
    # one pass: the second finding remains, and the next --fix applies it
    assert "house.pressure" in result.stdout
    cli("check", "--no-cache", *TODAY, "--select=house", "--fix", "a.md")
    assert article.read_text(encoding="utf-8") == "She has raised BP today.\n"


def test_fix_checks_the_span_still_holds_what_the_rule_matched():
    rules = load_rules().by_id
    finding = Finding("language.person-first", Severity.INFO, 1, 1, 1, 10, "m", "People with diabetes")
    assert plan("Diabetics do well.\n", "a.md", [finding], rules).edits() == [
        Edit(0, 9, "People with diabetes")]
    assert plan("Epileptic do well.\n", "a.md", [finding], rules).edits() == []  # the text moved on
    broken = Finding("language.person-first", Severity.INFO, 1, 9, 2, 5, "m", "has")
    assert plan("She suffers\nfrom it.\n", "a.md", [broken], rules).edits() == []  # across a line break
    front = Finding("language.person-first", Severity.INFO, 2, 8, 2, 17, "m", "People with diabetes")
    assert plan("---\ntitle: Diabetics\n---\nText.\n", "a.md", [front], rules).edits() == []  # YAML


def test_offsets_count_code_points_and_lone_carriage_returns():
    offsets = Offsets("é😀 b\rc\r\nd")
    assert offsets.offset(1, 4) == 3  # "b": code points, not UTF-8 or UTF-16 units
    assert offsets.offset(2, 1) == 5  # a lone CR ends a line, as the linter counts
    assert offsets.offset(3, 1) == 8
    assert offsets.offset(1, 99) is None and offsets.offset(9, 1) is None


def test_decode_refuses_what_would_not_round_trip():
    assert decode(b"caf\xe9\n") is None  # not UTF-8: the replaced bytes would be lost
    assert decode(b"a\x00b") is None
    decoded = decode(b"\xef\xbb\xbfhi\r\n")
    assert decoded.text == "hi\r\n" and decoded.encode(decoded.text) == b"\xef\xbb\xbfhi\r\n"


def test_apply_refuses_overlapping_edits():
    assert apply("abcdef", [Edit(4, 5, "E"), Edit(0, 2, "AB")]) == "ABcdEf"
    with pytest.raises(ValueError):
        apply("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset].replace("\r\n", "\n")
    return before.count("\n") + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_fix_on_a_copy_of_corpora_changes_only_the_fixed_spans(cli, tmp_path):
    shutil.copytree(CORPORA / "articles", tmp_path / "corpora" / "articles")
    files = sorted(p for p in (tmp_path / "corpora").rglob("*") if p.suffix in (".md", ".html", ".txt"))
    before = {p: p.read_bytes() for p in files}
    stamps = {p: p.stat().st_mtime_ns for p in files}
    first = json_of(cli("check", "--no-cache", *TODAY, FIXABLE, "--format", "json", "corpora"))
    result = cli("check", "--no-cache", *TODAY, FIXABLE, "--format", "json", "--fix", "--unsafe-fixes",
                 "corpora")
    assert "Traceback" not in result.output
    after_run = json_of(result)
    edits = after_run["fixes"]["edits"]
    assert after_run["fixes"]["applied"] == len(edits) > 10
    by_file: dict[Path, list[dict]] = {}
    for edit in edits:
        by_file.setdefault(tmp_path / edit["path"], []).append(edit)
    for path in files:
        old, new = before[path].decode("utf-8"), path.read_bytes().decode("utf-8")
        mine = by_file.get(path, [])
        if not mine:  # nothing to fix: the very same bytes, never rewritten
            assert path.read_bytes() == before[path] and path.stat().st_mtime_ns == stamps[path], path
            continue
        # each edit answers a finding of the first run, at its span, with its suggestion
        flagged = {(f["rule"], f["line"], f["column"]): f for f in finding_json(path, first)}
        rebuilt, position, shift, moved = [], 0, 0, []
        for edit in sorted(mine, key=lambda e: e["start"]):
            finding = flagged[(edit["rule"], edit["line"], edit["column"])]
            assert _line_column(old, edit["start"]) == (finding["line"], finding["column"])
            assert _line_column(old, edit["end"]) == (finding["end_line"], finding["end_column"])
            assert edit["replacement"].lower() == finding["suggestion"].lower()
            rebuilt += [old[position:edit["start"]], edit["replacement"]]
            position = edit["end"]
            moved.append((edit["rule"], *_line_column(new, edit["start"] + shift)))
            shift += len(edit["replacement"]) - (edit["end"] - edit["start"])
        # no other change: the new text is the old one with exactly these spans replaced
        assert "".join(rebuilt) + old[position:] == new, path
        # and the fixed findings are gone from the re-lint
        remaining = {(f["rule"], f["line"], f["column"]) for f in finding_json(path, after_run)}
        assert not remaining & set(moved), path


def test_fix_diff_without_a_ref_is_told_from_diff_ref(tmp_path, monkeypatch):
    from medlint.cli_fix import SHOW_DIFF, fix_diff_args

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", SAFE_TEXT)
    assert fix_diff_args(["--fix", "--diff"]) == ["--fix", SHOW_DIFF]
    assert fix_diff_args(["--fix", "--diff", "a.md"]) == ["--fix", SHOW_DIFF, "a.md"]
    assert fix_diff_args(["--fix", "--diff", "-q", "a.md"]) == ["--fix", SHOW_DIFF, "-q", "a.md"]
    assert fix_diff_args(["--fix", "--diff", "main", "a.md"]) == ["--fix", "--diff", "main", "a.md"]  # a REF
    assert fix_diff_args(["--diff", "--cached"]) == ["--diff", "--cached"]  # no --fix: --diff takes a REF
    assert fix_diff_args(["--diff", "a.md", "--", "--fix"]) == ["--diff", "a.md", "--", "--fix"]
