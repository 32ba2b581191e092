"""The pure core: `lint` and `lint_sources` (order, batching, configs, today, metrics)."""

from __future__ import annotations

import datetime
import json

import pytest

from medlint.config import Config
from medlint.engine.rule import _REGISTRY as rule_registry
from medlint.engine.rule import Rule
from medlint.finding import Finding, Severity
from medlint.linter import Source, lint, lint_sources
from medlint.yamlsource import SourceError

HYPE_ONLY = Config(base={"select": ["claims.hype"]})


def test_lint_text_returns_sorted_findings():
    findings = lint("A breakthrough.\n\nA miracle, a miracle.\n", "a.md", HYPE_ONLY)
    assert [(f.line, f.column) for f in findings] == [(1, 3), (3, 3), (3, 14)]
    assert all(isinstance(f, Finding) and f.severity is Severity.WARNING for f in findings)


def test_lint_sources_keeps_input_order_and_paths():
    sources = [Source("z.md", b"A miracle.\n", HYPE_ONLY), Source("a.html", b"<p>No hype.</p>", HYPE_ONLY),
               Source("m.txt", "A breakthrough.\n", HYPE_ONLY)]
    results = lint_sources(sources)
    assert [r.path for r in results] == ["z.md", "a.html", "m.txt"]
    assert [len(r.findings) for r in results] == [1, 0, 1]
    assert all(isinstance(r.metrics, dict) for r in results)


def test_each_source_uses_its_own_config():
    language = Config(base={"select": ["language"]})
    results = lint_sources([Source("a.md", b"Diabetics want a miracle.\n", HYPE_ONLY),
                            Source("b.md", b"Diabetics want a miracle.\n", language)])
    assert [[f.rule for f in r.findings] for r in results] == [["claims.hype"], ["language.person-first"]]


def test_same_text_gives_same_findings_alone_and_in_a_batch():
    texts = [f"Paragraph {i} with a miracle.\n\nAnd a breakthrough.\n".encode() for i in range(30)]
    batch = lint_sources([Source(f"{i}.md", t, HYPE_ONLY) for i, t in enumerate(texts)])
    for i, text in enumerate(texts):
        alone = lint_sources([Source(f"{i}.md", text, HYPE_ONLY)])[0]
        assert alone.findings == batch[i].findings


def test_no_config_means_every_rule():
    findings = lint("---\ntitle: [broken\n---\nA miracle.\n", "a.md")
    rules = {f.rule for f in findings}
    assert {"document.front-matter-invalid", "claims.hype"} <= rules


def test_severity_override_applies_to_engine_findings_too():
    config = Config(base={"select": ["document"], "severity": {"document.front-matter-invalid": "info"}})
    [finding] = lint("---\n- x\n---\n", "a.md", config)
    assert finding.severity is Severity.INFO


# -- today -----------------------------------------------------------------------------------

class TodayProbe(Rule):
    """Reports the date the linter runs for, and puts it in the metrics."""

    type_name = "core-test-today-probe"
    placeholders = ("today",)
    scopes = ("document",)
    default_scope = "document"

    def check(self, ctx):
        ctx.metrics["today"] = ctx.today.isoformat()
        ctx.metrics.setdefault("_summary_lines", []).append(f"probe ran for {ctx.today}")
        yield ctx.document_finding(self, self.format_message(today=ctx.today.isoformat()))


@pytest.fixture
def probe_rules(tmp_path, monkeypatch):
    monkeypatch.setitem(rule_registry, TodayProbe.type_name, TodayProbe)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "probe.yaml").write_text(
        "id: house.today\ntype: core-test-today-probe\nseverity: info\nmessage: 'today is {today}'\n"
        "description: Says what day it is.\n", encoding="utf-8")
    return folder


def test_today_reaches_the_rules(probe_rules):
    config = Config(base={"select": ["house"]}, rule_dirs=(str(probe_rules),))
    [result] = lint_sources([Source("a.md", b"Words.\n", config)], today=datetime.date(2031, 5, 6))
    assert [f.message for f in result.findings] == ["today is 2031-05-06"]
    assert result.metrics["today"] == "2031-05-06"
    [default] = lint_sources([Source("a.md", b"Words.\n", config)])
    assert default.findings[0].message == f"today is {datetime.date.today().isoformat()}"


def test_today_option_and_metrics_in_the_cli(probe_rules, tmp_path, cli):
    (tmp_path / ".medlint.yaml").write_text("rule-dirs: [rules]\nselect: [house]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Words.\n", encoding="utf-8")
    text = cli("check", "--today", "2030-01-31", "a.md").stdout
    assert text.splitlines() == ["a.md:1:1: info house.today today is 2030-01-31",
                                 "a.md: probe ran for 2030-01-31", "", "0 errors, 0 warnings, 1 info in 1 file"]
    data = json.loads(cli("check", "--format", "json", "--today", "2030-01-31", "a.md").stdout)
    assert data["files"][0]["metrics"] == {"today": "2030-01-31"}  # keys starting with _ stay out
    assert "probe ran" not in cli("check", "--quiet", "--today", "2030-01-31", "a.md").stdout


def test_missing_rule_dir_in_the_api_raises_source_error(tmp_path):
    with pytest.raises(SourceError, match="rule directory does not exist"):
        lint_sources([Source("a.md", b"x", Config(rule_dirs=(str(tmp_path / "missing"),)))])
