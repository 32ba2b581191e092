"""Rule packs: loading and validation, and the data-only rule types (existence, substitution,
conditional) with their scopes, exceptions, case and lemma handling."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from medlint.config import Config
from medlint.engine.loader import build_rule, load_rules
from medlint.engine.rule import SCOPES, Rule, selects
from medlint.linter import Source, lint_sources, prepared_rules
from medlint.yamlsource import SourceError, read_yaml_documents


def write_pack(folder: Path, text: str, name: str = "house.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def house_lint(tmp_path: Path, pack: str, text: str, path: str = "article.md", select=("house",)):
    """Lint ``text`` with only the rules of ``pack`` (a YAML rule pack) selected."""
    folder = tmp_path / "rules"
    write_pack(folder, pack)
    config = Config(root=tmp_path, base={"select": list(select)}, rule_dirs=(str(folder),))
    return lint_sources([Source(path, text.encode("utf-8"), config)])[0].findings


def spans(findings, text: str) -> list[str]:
    lines = text.split("\n")
    out = []
    for f in findings:
        assert f.line == f.end_line
        out.append(lines[f.line - 1][f.column - 1:f.end_column - 1])
    return out


HEAD = """\
id: house.{name}
type: {type}
severity: warning
message: "{message}"
description: A house rule for tests.
"""


def rule(name: str = "x", type: str = "existence", message: str = "found {match}", body: str = "") -> str:
    return HEAD.format(name=name, type=type, message=message.replace('"', '\\"')) + textwrap.dedent(body)


# -- built-in rules ----------------------------------------------------------------------------

def test_builtin_rules_load_and_are_valid():
    rules = load_rules()
    ids = [r.id for r in rules.rules]
    for required in ("document.front-matter-invalid", "document.encoding", "document.unreadable",
                     "medlint.unknown-rule", "claims.hype"):
        assert required in ids
    for r in rules.rules:
        assert isinstance(r, Rule)
        assert r.origin.builtin and r.origin.path.is_file() and r.origin.line >= 1
        assert str(r.severity) in ("error", "warning", "info")
        assert r.scope in SCOPES
        assert r.description and r.summary and "\n" not in r.summary


def test_builtin_rules_prepare_against_the_pipeline():
    rules, hub = prepared_rules()
    assert rules is prepared_rules()[0]  # cached per process
    assert hub.nlp is not None


def test_selectors():
    assert selects("claims", "claims.hype")
    assert selects("claims.hype", "claims.hype")
    assert selects("ALL", "document.encoding")
    assert not selects("claim", "claims.hype")
    assert not selects("claims.hype", "claims")
    assert load_rules().matches_selector("document")
    assert not load_rules().matches_selector("nope")


# -- validation errors -------------------------------------------------------------------------

INVALID = [
    # (id, pack text, line of the problem, words the message must contain)
    ("unknown-field", rule(body="phrases: [a]\ncolour: red\n"), 7, ["unknown field 'colour'"]),
    ("bad-severity", rule(body="phrases: [a]\n").replace("severity: warning", "severity: fatal"), 3,
     ["severity must be one of error, warning, info"]),
    ("bad-id", rule(body="phrases: [a]\n").replace("id: house.x", "id: House Rule"), 1,
     ["rule id 'House Rule'"]),
    ("id-without-family", rule(body="phrases: [a]\n").replace("id: house.x", "id: house"), 1, ["rule id 'house'"]),
    ("unknown-type", rule(type="exists", body="phrases: [a]\n"), 2, ["unknown type 'exists'", "existence"]),
    ("invalid-regex", rule(body="regex: ['(unclosed']\n"), 6, ["invalid regex '(unclosed'"]),
    ("invalid-regex-in-exceptions", rule(body="phrases: [a]\nexceptions: ['/(/']\n"), 7,
     ["invalid regex", "exceptions"]),
    ("invalid-token-attribute", rule(body="patterns: [[{LOWERR: a}]]\n"), 6, ["invalid token pattern", "LOWERR"]),
    ("invalid-token-operator", rule(body="patterns: [[{LOWER: a, OP: '!!'}]]\n"), 6, ["invalid token pattern", "OP"]),
    ("invalid-token-value", rule(body="patterns: [[{LOWER: {BAD: 1}}]]\n"), 6, ["invalid token pattern", "BAD"]),
    ("invalid-lemma", rule(body="patterns: [[{LEMMA: 5}]]\n"), 6, ["invalid token pattern", "LEMMA"]),
    ("token-pattern-not-a-list", rule(body="patterns: [{LOWER: a}]\n"), 6, ["'patterns' must be a list"]),
    ("unknown-placeholder", rule(message="found {nope}", body="phrases: [a]\n"), 4,
     ["unknown placeholder {nope}", "{match}"]),
    ("positional-placeholder", rule(message="found {}", body="phrases: [a]\n"), 4, ["unknown placeholder {}"]),
    ("broken-template", rule(message="found {", body="phrases: [a]\n"), 4, ["not a valid template"]),
    ("yaml-syntax", rule(body="phrases: [a\n"), 7, ["invalid YAML"]),
    ("duplicate-id", rule(body="phrases: [a]\n") + "---\n" + rule(body="phrases: [b]\n"), 8,
     ["rule id 'house.x' is already defined at", ":1"]),
    ("duplicate-builtin-id", rule(body="phrases: [a]\n").replace("id: house.x", "id: claims.hype"), 1,
     ["rule id 'claims.hype' is already defined at", "(built-in)"]),
    ("missing-field", "id: house.x\ntype: existence\nseverity: info\nmessage: m\nphrases: [a]\n", 1,
     ["missing required field 'description'"]),
    ("empty-message", rule(body="phrases: [a]\n").replace('message: "found {match}"', "message: ''"), 4,
     ["'message' must be a non-empty string"]),
    ("not-a-mapping", "- just\n- a list\n", 1, ["must be a mapping"]),
    ("bad-scope", rule(body="scope: chapter\nphrases: [a]\n"), 6, ["scope must be one of"]),
    ("bad-link", rule(body="link: [a, b]\nphrases: [a]\n"), 6, ["'link' must be a non-empty string"]),
    ("bad-front-matter", rule(body="front-matter: yes please\nphrases: [a]\n"), 6,
     ["'front-matter' must be true or false"]),
    ("no-patterns", rule(body="ignorecase: false\n"), 1, ["needs at least one of phrases, regex, patterns"]),
    ("bad-flag", rule(body="phrases: [a]\nlemma: maybe\n"), 7, ["'lemma' must be true or false"]),
    ("bad-phrases", rule(body="phrases: [a, '']\n"), 6, ["'phrases' must be a list of non-empty strings"]),
    ("bad-exceptions", rule(body="phrases: [a]\nexceptions: [5]\n"), 7, ["'exceptions' must be a list"]),
    ("bad-examples", rule(body="phrases: [a]\nexamples: [a, b]\n"), 7, ["'examples' must be a mapping"]),
    ("bad-example-item", rule(body="phrases: [a]\nexamples:\n  bad:\n    - 5\n"), 9, ["an example is a string"]),
    ("bad-example-encoding", rule(body="phrases: [a]\nexamples:\n  bad:\n    - {text: x, encoding: klingon}\n"), 9,
     ["unknown example encoding 'klingon'"]),
    ("unknown-option", rule(body="phrases: [a]\noptions: {max: 3}\n"), 7, ["unknown option 'max'"]),
    ("option-of-the-wrong-kind", rule(type="long-sentence", message="{words} words",
                                      body="options:\n  max-words: twenty\n"), 7,
     ["option 'max-words' must be a whole number, 0 or more, not 'twenty'"]),
    ("substitution-without-swap", rule(type="substitution", body="phrases: [a]\n"), 6,
     ["unknown field 'phrases'"]),
    ("substitution-bad-swap", rule(type="substitution", body="swap: [utilize]\n"), 6, ["'swap' must map"]),
    ("substitution-bad-flag", rule(type="substitution", body="swap: {a: b}\nignorecase: 3\n"), 7,
     ["'ignorecase' must be true or false"]),
    ("conditional-without-then", rule(type="conditional", body="if: {phrases: [a]}\n"), 1,
     ["needs both 'if' and 'then'"]),
    ("conditional-bad-if", rule(type="conditional", body="if: [a]\nthen: {phrases: [b]}\n"), 6,
     ["'if' must be a mapping"]),
    ("conditional-unknown-key", rule(type="conditional", body="if: {phrases: [a], colour: 1}\nthen: {phrases: [b]}\n"),
     6, ["unknown field 'colour' in 'if'"]),
    ("conditional-bad-regex", rule(type="conditional", body="if: {phrases: [a]}\nthen: {regex: ['(']}\n"), 7,
     ["invalid regex"]),
    ("builtin-with-scope", rule(type="builtin", message="{detail}", body="scope: sentence\n"), 6,
     ["scope must be one of document"]),
]


@pytest.mark.parametrize("pack, line, words", [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_rule_file_exits_2_with_path_line_and_reason(tmp_path, cli, pack, line, words):
    pack_path = write_pack(tmp_path / "house-rules", pack)
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [house-rules]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Some words.\n", encoding="utf-8")
    for command in (["check", "a.md"], ["rules"], ["explain", "claims.hype"]):
        result = cli(*command)
        assert result.exit_code == 2, (command, result.output)
        message = result.stderr.strip()
        assert message.startswith(f"medlint: {pack_path}:{line}: "), message
        for word in words:
            assert word in message
        assert "Traceback" not in result.output
        assert result.stdout == ""


def test_invalid_rule_file_via_load_rules_raises_source_error(tmp_path):
    folder = tmp_path / "r"
    write_pack(folder, rule(body="phrases: [a]\ncolour: red\n"))
    with pytest.raises(SourceError) as info:
        load_rules((str(folder),))
    assert info.value.line == 7
    assert info.value.path == str(folder / "house.yaml")
    assert str(info.value) == f"{folder / 'house.yaml'}:7: rule house.x: unknown field 'colour' for type existence"


def test_rule_dir_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="rule directory does not exist"):
        load_rules((str(tmp_path / "missing"),))


def test_rule_file_not_utf8_is_an_error(tmp_path, cli):
    folder = tmp_path / "house-rules"
    folder.mkdir()
    (folder / "bad.yaml").write_bytes(b"id: house.x\ndescription: caf\xe9\n")
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [house-rules]\n", encoding="utf-8")
    result = cli("rules")
    assert result.exit_code == 2
    assert f"{folder / 'bad.yaml'}: not UTF-8" in result.stderr


def test_rule_packs_are_found_recursively_and_yml_too(tmp_path):
    write_pack(tmp_path / "r" / "nested", rule(name="one", body="phrases: [alpha]\n"), "one.yml")
    write_pack(tmp_path / "r", rule(name="two", body="phrases: [beta]\n"), "two.yaml")
    write_pack(tmp_path / "r", "not: a rule pack\n", "README.md")
    ids = [r.id for r in load_rules((str(tmp_path / "r"),)).rules]
    assert "house.one" in ids and "house.two" in ids
    assert not [r for r in load_rules((str(tmp_path / "r"),)).rules if r.id.startswith("house.") and r.origin.builtin]


def test_line_numbers_point_into_the_right_yaml_document(tmp_path):
    path = write_pack(tmp_path, rule(name="a", body="phrases: [a]\n") + "---\n" + rule(name="b", body="phrases: [b]\n"))
    docs = read_yaml_documents(path)
    assert [d.line for d in docs] == [1, 8]
    built = build_rule(docs[1], path)
    assert built.origin.line == 8
    assert str(built.origin) == f"{path}:8"


# -- existence ---------------------------------------------------------------------------------

def test_existence_phrases_are_case_insensitive_and_lemma_aware(tmp_path):
    pack = rule(body="phrases: [cure, wonder drug]\n")
    text = "A Cure. It cures. They cured it. Curing is rare. WONDER DRUGS abound. Secure obscure.\n"
    findings = house_lint(tmp_path, pack, text)
    assert spans(findings, text) == ["Cure", "cures", "cured", "Curing", "WONDER DRUGS"]
    assert [f.message for f in findings][:2] == ["found Cure", "found cures"]
    assert all(str(f.severity) == "warning" and f.rule == "house.x" for f in findings)


def test_existence_without_lemma_matches_exact_words_only(tmp_path):
    pack = rule(body="phrases: [cure]\nlemma: false\n")
    text = "A cure. It cures.\n"
    assert spans(house_lint(tmp_path, pack, text), text) == ["cure"]


def test_existence_case_sensitive(tmp_path):
    pack = rule(body="phrases: [FDA]\nregex: ['\\bMiracle\\b']\nignorecase: false\n")
    text = "The FDA and the fda. Miracle or miracle.\n"
    assert spans(house_lint(tmp_path, pack, text), text) == ["FDA", "Miracle"]


def test_existence_regex(tmp_path):
    pack = rule(body="regex: ['\\b\\d+% (?:effective|safe)\\b']\n")
    text = "It is 95% effective and 100% SAFE, 5%effective.\n"
    assert spans(house_lint(tmp_path, pack, text), text) == ["95% effective", "100% SAFE"]


def test_existence_token_patterns_with_lemma(tmp_path):
    pack = rule(body="patterns:\n  - [{LEMMA: cure}, {LOWER: {IN: [cancer, diabetes]}}]\n  - [{LOWER: detox}, {IS_ALPHA: true, OP: '?'}, {LOWER: tea}]\n")
    text = "It cured cancer. It cures diabetes. It cures colds. Detox green tea. Detox tea.\n"
    assert spans(house_lint(tmp_path, pack, text), text) == ["cured cancer", "cures diabetes", "Detox green tea",
                                                             "Detox tea"]


def test_existence_exceptions_phrase_and_regex(tmp_path):
    pack = rule(body="phrases: [cure]\nexceptions: [no cure, '/\\bnot\\s+a\\s+cure\\b/']\n")
    text = "There is no cure. It is not a cure. This is a cure.\n"
    findings = house_lint(tmp_path, pack, text)
    assert spans(findings, text) == ["cure"]
    assert findings[0].column == text.index("a cure.", text.index("This")) + 3


def test_existence_exceptions_apply_per_sentence(tmp_path):
    pack = rule(body="phrases: [cure]\nexceptions: [no cure]\n")
    text = "There is no cure for colds. But this is a cure.\n"
    assert spans(house_lint(tmp_path, pack, text), text) == ["cure"]


def test_existence_overlapping_alternatives_reported_once(tmp_path):
    pack = rule(body="phrases: [side effects, no side effects]\n")
    text = "It has no side effects.\n"
    assert len(house_lint(tmp_path, pack, text)) == 1


@pytest.mark.parametrize("scope, expected", [
    ("sentence", ["cure", "cure", "cure"]),
    ("paragraph", ["cure", "cure"]),
    ("heading", ["cure"]),
    ("document", ["cure", "cure", "cure"]),
])
def test_existence_scopes(tmp_path, scope, expected):
    pack = rule(body=f"scope: {scope}\nphrases: [cure]\n")
    text = "# A cure\n\nA cure here.\n\n- a cure in a list\n"
    assert spans(house_lint(tmp_path, pack, text), text) == expected


def test_existence_does_not_match_across_blocks(tmp_path):
    pack = rule(body="phrases: [wonder drug]\n")
    text = "A wonder\n\ndrug.\n"
    assert house_lint(tmp_path, pack, text) == []


# -- substitution ------------------------------------------------------------------------------

SUBSTITUTION = rule(type="substitution", message="Use '{suggestion}' instead of '{match}'",
                    body="swap:\n  utilize: use\n  a diabetic: a person with diabetes\n"
                         "exceptions: [diabetic diet]\n")


def test_substitution_message_and_suggestion(tmp_path):
    text = "Utilize the app. A diabetic should eat well. We utilize it.\n"
    findings = house_lint(tmp_path, SUBSTITUTION, text)
    assert spans(findings, text) == ["Utilize", "A diabetic", "utilize"]
    assert [f.suggestion for f in findings] == ["Use", "A person with diabetes", "use"]
    assert findings[0].message == "Use 'Use' instead of 'Utilize'"
    assert findings[2].message == "Use 'use' instead of 'utilize'"


def test_substitution_exceptions(tmp_path):
    text = "A diabetic diet matters.\n"
    assert house_lint(tmp_path, SUBSTITUTION, text) == []


def test_substitution_case_sensitive(tmp_path):
    pack = rule(type="substitution", message="{suggestion}", body="swap: {Tylenol: acetaminophen}\nignorecase: false\n")
    text = "Tylenol or tylenol.\n"
    findings = house_lint(tmp_path, pack, text)
    assert spans(findings, text) == ["Tylenol"]
    assert findings[0].suggestion == "acetaminophen"


def test_substitution_suggestion_in_json_and_text_output(tmp_path, cli):
    write_pack(tmp_path / "r", SUBSTITUTION)
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [r]\nselect: [house]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Please utilize it.\n", encoding="utf-8")
    import json

    data = json.loads(cli("check", "--format", "json", "a.md").output)
    [finding] = data["files"][0]["findings"]
    assert finding["suggestion"] == "use"
    assert finding["message"] == "Use 'use' instead of 'utilize'"
    assert "a.md:1:8: warning house.x Use 'use' instead of 'utilize'" in cli("check", "a.md").output


# -- conditional -------------------------------------------------------------------------------

def conditional(scope: str, exceptions: str = "") -> str:
    return rule(type="conditional", message="'{match}' needs a source",
                body=f"scope: {scope}\nif: {{regex: ['\\b\\d+%']}}\nthen: {{phrases: [study, trial]}}\n{exceptions}")


def test_conditional_sentence_scope(tmp_path):
    text = "About 30% of adults. A trial found 20% fewer.\n"
    findings = house_lint(tmp_path, conditional("sentence"), text)
    assert spans(findings, text) == ["30%"]
    assert findings[0].message == "'30%' needs a source"


def test_conditional_paragraph_scope(tmp_path):
    text = "About 30% of adults. A trial says so.\n\nAnd 40% of children.\n"
    findings = house_lint(tmp_path, conditional("paragraph"), text)
    assert spans(findings, text) == ["40%"]


def test_conditional_reports_once_per_unit(tmp_path):
    text = "About 30% of adults and 40% of children.\n"
    assert len(house_lint(tmp_path, conditional("paragraph"), text)) == 1


def test_conditional_document_scope(tmp_path):
    pack = conditional("document")
    assert spans(house_lint(tmp_path, pack, "About 30% of adults.\n\nMore 40% text.\n"),
                 "About 30% of adults.\n\nMore 40% text.\n") == ["30%"]
    assert house_lint(tmp_path / "2", pack, "About 30% of adults.\n\nThe study is old.\n") == []


def test_conditional_heading_scope(tmp_path):
    text = "# 50% off\n\nA study says 10%.\n"
    findings = house_lint(tmp_path, conditional("heading"), text)
    assert [(f.line, f.column) for f in findings] == [(1, 3)]


def test_conditional_exceptions(tmp_path):
    text = "About 30% of adults. Up to 100% of them.\n"
    findings = house_lint(tmp_path, conditional("sentence", "exceptions: ['/100%/']\n"), text)
    assert spans(findings, text) == ["30%"]


# -- severity, select and the message template ----------------------------------------------

def test_message_template_with_literal_braces(tmp_path):
    pack = rule(message="{{literal}} {match}", body="phrases: [cure]\n")
    [finding] = house_lint(tmp_path, pack, "A cure.\n")
    assert finding.message == "{literal} cure"


def test_rule_severity_from_yaml(tmp_path):
    pack = rule(body="phrases: [cure]\n").replace("severity: warning", "severity: error")
    [finding] = house_lint(tmp_path, pack, "A cure.\n")
    assert str(finding.severity) == "error"


def test_rules_command_lists_house_rules(tmp_path, cli):
    write_pack(tmp_path / "r", rule(body="phrases: [cure]\n"))
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [r]\n", encoding="utf-8")
    output = cli("rules").output
    assert re.search(r"^house\.x +warning +A house rule for tests\.$", output, re.MULTILINE)
    explained = cli("explain", "house.x").output
    assert f"Defined in {tmp_path / 'r' / 'house.yaml'}:1" in explained
    assert "(built-in)" not in explained
