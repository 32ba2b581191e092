"""JUnit and checkstyle output read back with a real XML parser: structure and counts match the
JSON report of the same run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TODAY = "2026-11-26"
FILES = {
    "errors.md": "---\ntype: condition\n---\n# Asthma\n\nAsthma affects the airways. About 1 in 13 people have it.\n",
    "warnings.md": "# Sleep\n\nA miracle cure. Another miracle & a <breakthrough>.\n",
    "clean.md": "# Water\n\nDrink water.\n",
}
ONLY = "--select=claims.hype,sources.missing"


@pytest.fixture
def report(cli, tmp_path: Path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def run(fmt: str, *args: str):
        result = cli("check", *FILES, ONLY, "--today", TODAY, "--format", fmt, *args)
        assert result.exit_code in (0, 1), result.output
        return result

    return run


def _findings(report) -> dict[str, list[dict]]:
    data = json.loads(report("json").stdout)
    return {f["path"]: f["findings"] for f in data["files"]}


def test_checkstyle_has_one_error_element_per_finding(report):
    expected = _findings(report)
    assert sum(map(len, expected.values())) >= 4
    root = ET.fromstring(report("checkstyle").stdout.split("\n", 1)[1])
    assert root.tag == "checkstyle"
    files = root.findall("file")
    assert [f.get("name") for f in files] == list(expected)
    for node in files:
        errors = node.findall("error")
        wanted = expected[node.get("name")]
        assert [(e.get("line"), e.get("column"), e.get("severity"), e.get("source"), e.get("message"))
                for e in errors] == [(str(f["line"]), str(f["column"]), f["severity"], "medlint." + f["rule"],
                                      f["message"]) for f in wanted]


@pytest.mark.parametrize("level", ["error", "warning"])
def test_junit_counts_cases_failures_and_lists_every_finding(report, level):
    expected = _findings(report)
    rank = {"info": 1, "warning": 2, "error": 3}
    failing = {path for path, found in expected.items() if any(rank[f["severity"]] >= rank[level] for f in found)}
    result = report("junit", "--fail-level", level)
    assert result.exit_code == (1 if failing else 0)
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (str(len(expected)), str(len(failing)), "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == list(expected)
    for case in cases:
        found = expected[case.get("name")]
        failure, out = case.find("failure"), case.find("system-out")
        if case.get("name") in failing:
            assert out is None and failure.get("message").startswith(f"{len(found)} findings")
            text = failure.text
        elif found:
            assert failure is None
            text = out.text
        else:
            assert failure is None and out is None
            continue
        assert len(text.splitlines()) == len(found)
        assert all(f"{f['line']}:{f['column']}: {f['severity']} {f['rule']}" in text for f in found)
