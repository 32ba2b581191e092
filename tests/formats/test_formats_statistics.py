"""`check --statistics` on corpora/ agrees with the findings of the JSON report of the same run."""

from __future__ import annotations

import json
import re
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
TODAY = "2026-11-26"
RANK = {"info": 1, "warning": 2, "error": 3}
ROW = re.compile(r"^ *(\d+)  (\S+) +(error|warning|info) +(\d+) files$")


def _counted(data: dict) -> list[dict]:
    """The table worked out from the findings: count, worst severity and files per rule."""
    per_rule: dict[str, dict] = {}
    for file in data["files"]:
        for finding in file["findings"]:
            row = per_rule.setdefault(finding["rule"], {"count": 0, "severity": "info", "files": set()})
            row["count"] += 1
            row["severity"] = max(row["severity"], finding["severity"], key=RANK.__getitem__)
            row["files"].add(file["path"])
    rows = [{"rule": rule, "count": row["count"], "severity": row["severity"], "files": len(row["files"])}
            for rule, row in per_rule.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["rule"]))


def test_statistics_on_the_corpora_match_the_json_findings(cli):
    result = cli("check", str(CORPORA), "--format", "json", "--statistics", "--today", TODAY)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    expected = _counted(data)
    assert len(data["files"]) >= 10 and len(expected) >= 10
    assert any(row["files"] > 1 for row in expected)
    assert data["statistics"] == expected
    assert sum(row["count"] for row in expected) == sum(data["summary"][k] for k in ("errors", "warnings", "info"))

    text = cli("check", str(CORPORA), "--statistics", "--today", TODAY).stdout.splitlines()
    rows = [ROW.match(line) for line in text if ROW.match(line)]
    assert [{"rule": m[2], "count": int(m[1]), "severity": m[3], "files": int(m[4])} for m in rows] == expected
    summary = data["summary"]
    assert text[-1] == (f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['info']} info "
                        f"in {summary['files']} files")
