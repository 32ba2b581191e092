"""`medlint merge`: one report from the JSON or SARIF reports of sharded runs (`check --shard K/N`).

Files come out in path order and the totals are counted again. A file found in two reports is
kept once when both say the same of it and refused otherwise; reports that disagree on what ran
(medlint or knowledge-base version, JSON schema) are refused too, since their findings would not
be comparable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import unquote

from .finding import Severity
from .reporters.jsonfmt import layered

#: JSON report keys recomputed from the files; every other key must be the same in all reports
_JSON_COUNTED = ("files", "summary", "statistics", "skipped")
_NAMES = {"json": "JSON", "sarif": "SARIF"}
_SARIF_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.INFO}


class MergeError(Exception):
    """A report that cannot be read or merged; the message names its path."""


@dataclass
class Merged:
    format: str                   # "json" or "sarif"
    text: str                     # the merged report
    severities: list[Severity]    # of every finding in it

    def fails(self, level: str) -> bool:
        if level == "never":
            return False
        threshold = Severity.parse(level)
        return any(severity >= threshold for severity in self.severities)


def merge_reports(paths: Sequence[Path], output_format: str | None = None) -> Merged:
    reports = [(path, _load(path)) for path in paths]
    first_path, (fmt, _) = reports[0]
    for path, (other, _) in reports[1:]:
        if other != fmt:
            raise MergeError(f"{path}: a {_NAMES[other]} report, but {first_path} is {_NAMES[fmt]}; "
                             "merge reports of one format")
    if output_format and output_format != fmt:
        raise MergeError(f"{first_path}: a {_NAMES[fmt]} report, not {_NAMES[output_format]}; "
                         "merge writes the format it reads")
    data = [(path, report) for path, (_, report) in reports]
    return _merge_json(data) if fmt == "json" else _merge_sarif(data)


def _load(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MergeError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MergeError(f"{path}: not UTF-8 text, so not a medlint report") from None
    except json.JSONDecodeError as exc:
        raise MergeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict) and "runs" in data and "version" in data:
        _check_sarif(path, data)
        return "sarif", data
    if isinstance(data, dict) and "files" in data and "schema" in data:
        _check_json(path, data)
        return "json", data
    raise MergeError(f"{path}: not a medlint JSON report (no 'files' and 'schema') nor a SARIF log "
                     "(no 'version' and 'runs')")


# -- JSON ---------------------------------------------------------------------------------------

def _check_json(path: Path, data: dict[str, Any]) -> None:
    if not isinstance(data["files"], list):
        raise MergeError(f"{path}: 'files' must be a list")
    for i, file in enumerate(data["files"]):
        where = f"{path}: files[{i}]"
        if not isinstance(file, dict) or not isinstance(file.get("path"), str):
            raise MergeError(f"{where} has no 'path'")
        if not isinstance(file.get("findings"), list):
            raise MergeError(f"{where} ({file['path']}) has no 'findings' list")
        for j, finding in enumerate(file["findings"]):
            if not isinstance(finding, dict) or not isinstance(finding.get("rule"), str):
                raise MergeError(f"{where}.findings[{j}] has no 'rule'")
            if finding.get("severity") not in ("error", "warning", "info"):
                raise MergeError(f"{where}.findings[{j}]: severity must be error, warning or info, "
                                 f"not {finding.get('severity')!r}")
    if not isinstance(data.get("skipped", []), list):
        raise MergeError(f"{path}: 'skipped' must be a list")


def _merge_json(reports: list[tuple[Path, dict[str, Any]]]) -> Merged:
    first = reports[0][1]
    _agree(reports, [key for key in first if key not in _JSON_COUNTED], lambda report, key: report.get(key))
    files: dict[str, tuple[Path, Any, Any]] = {}
    skipped: list[Any] = []
    for path, report in reports:
        for file in report["files"]:
            _once(files, file["path"], file["path"], path, file, file)
        skipped += [item for item in report.get("skipped", []) if item not in skipped]
    ordered = [files[name][1] for name in sorted(files)]
    findings = [f for file in ordered for f in file["findings"]]
    severities = [Severity.parse(f["severity"]) for f in findings]
    counted: dict[str, Any] = {
        "files": ordered,
        "summary": {"files": len(ordered), **_counts(severities)},
        "statistics": _statistics((f["rule"], Severity.parse(f["severity"]), file["path"])
                                  for file in ordered for f in file["findings"]),
        "skipped": sorted(skipped, key=lambda item: str(item.get("path", "")) if isinstance(item, dict) else str(item)),
    }
    keep = {key for key in ("statistics", "skipped") if any(key in report for _, report in reports)}
    payload: dict[str, Any] = {}
    for key in list(first) + [k for k in ("statistics", "skipped") if k not in first]:
        if key in counted:
            if key in ("files", "summary") or key in keep:
                payload[key] = counted[key]
        else:
            payload[key] = first[key]
    return Merged("json", layered(payload, depth=4), severities)


# -- SARIF --------------------------------------------------------------------------------------

def _check_sarif(path: Path, data: dict[str, Any]) -> None:
    if data["version"] != "2.1.0":
        raise MergeError(f"{path}: SARIF version {data['version']!r}; medlint merges 2.1.0")
    if not isinstance(data["runs"], list) or not data["runs"]:
        raise MergeError(f"{path}: 'runs' must be a list with a run")
    for i, run in enumerate(data["runs"]):
        driver = run.get("tool", {}).get("driver", {}) if isinstance(run, dict) else {}
        if not isinstance(driver, dict) or driver.get("name") != "medlint":
            name = driver.get("name") if isinstance(driver, dict) else None
            raise MergeError(f"{path}: runs[{i}] is from {name!r}, not medlint")
        for key in ("results", "artifacts"):
            if not isinstance(run.get(key, []), list):
                raise MergeError(f"{path}: runs[{i}].{key} must be a list")
        for j, result in enumerate(run.get("results", [])):
            if not isinstance(result, dict) or not isinstance(result.get("ruleId"), str):
                raise MergeError(f"{path}: runs[{i}].results[{j}] has no 'ruleId'")
            if _artifact_of(result) is None:
                raise MergeError(f"{path}: runs[{i}].results[{j}] has no artifact location")
            if result.get("level", "warning") not in (*_SARIF_LEVELS, "none"):
                raise MergeError(f"{path}: runs[{i}].results[{j}]: unknown level {result.get('level')!r}")


def _artifact_of(result: dict[str, Any]) -> tuple[str | None, str] | None:
    try:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        return location.get("uriBaseId"), location["uri"]
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def _merge_sarif(reports: list[tuple[Path, dict[str, Any]]]) -> Merged:
    runs = [(path, run) for path, report in reports for run in report["runs"]]
    _agree(runs, ["version"], lambda run, key: run["tool"]["driver"].get(key), what="medlint version")
    _agree(runs, ["columnKind"], lambda run, key: run.get(key))
    properties = {key for _, run in runs for key in run.get("properties", {}) if key not in ("summary", "statistics")}
    _agree(runs, sorted(properties), lambda run, key: run.get("properties", {}).get(key))
    first = runs[0][1]
    rules: dict[str, dict[str, Any]] = {}
    for _, run in runs:
        for rule in run["tool"]["driver"].get("rules", []):
            rules.setdefault(rule["id"], rule)
    rule_index = {rule_id: i for i, rule_id in enumerate(rules)}
    files: dict[tuple[str | None, str], tuple[Path, Any, Any]] = {}
    notifications: list[Any] = []
    successful = True
    for path, run in runs:
        per_file: dict[tuple[str | None, str], dict[str, Any]] = {}
        for artifact in run.get("artifacts", []):
            location = artifact.get("location", {}) if isinstance(artifact, dict) else {}
            key = (location.get("uriBaseId"), location.get("uri", ""))
            per_file.setdefault(key, {"artifact": artifact, "results": []})
        for result in run.get("results", []):
            base, uri = key = _artifact_of(result)
            location = {"uri": uri, **({"uriBaseId": base} if base else {})}
            per_file.setdefault(key, {"artifact": {"location": location}, "results": []})["results"].append(result)
        for key, entry in per_file.items():
            _once(files, key, unquote(key[1]), path, entry, _comparable(entry))
        for invocation in run.get("invocations", []):
            successful = successful and invocation.get("executionSuccessful", True)
            notifications += [n for n in invocation.get("toolExecutionNotifications", []) if n not in notifications]
    artifacts, results, severities = [], [], []
    statistics = []
    for key in sorted(files, key=lambda k: (unquote(k[1]), k[0] or "")):
        entry = files[key][1]
        index = len(artifacts)
        artifacts.append(entry["artifact"])
        for result in entry["results"]:
            result = dict(result)
            result["locations"] = [_with_index(result["locations"][0], index)] + result["locations"][1:]
            if result["ruleId"] in rule_index:
                result["ruleIndex"] = rule_index[result["ruleId"]]
            results.append(result)
            severity = _severity(result, rules)
            if severity is not None:
                severities.append(severity)
                statistics.append((result["ruleId"], severity, key))
    run: dict[str, Any] = {"tool": {"driver": {**first["tool"]["driver"], "rules": list(rules.values())}}}
    for key in ("originalUriBaseIds",):  # shards of one CI run share the checkout folder: the first's
        if key in first:
            run[key] = first[key]
    run["artifacts"] = artifacts
    if "columnKind" in first:
        run["columnKind"] = first["columnKind"]
    run["results"] = results
    invocation: dict[str, Any] = {"executionSuccessful": successful}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run["invocations"] = [invocation]
    counted = {"summary": {"files": len(artifacts), **_counts(severities)}, "statistics": _statistics(statistics)}
    wanted = [key for key in counted if any(key in r.get("properties", {}) for _, r in runs)]
    merged_properties = {}
    for key in list(first.get("properties", {})) + [key for key in wanted if key not in first.get("properties", {})]:
        if key in counted:
            if key in wanted:
                merged_properties[key] = counted[key]
        else:
            merged_properties[key] = first["properties"][key]
    if merged_properties:
        run["properties"] = merged_properties
    log = {key: value for key, value in reports[0][1].items() if key not in ("runs",)}
    log["runs"] = [run]
    return Merged("sarif", json.dumps(log, indent=2, ensure_ascii=False), severities)


def _comparable(entry: dict[str, Any]) -> Any:
    """What two shards must agree on for a file: its results, without indexes into their run."""
    def strip(result: dict[str, Any]) -> dict[str, Any]:
        result = {k: v for k, v in result.items() if k != "ruleIndex"}
        result["locations"] = [_with_index(location, None) for location in result.get("locations", [])]
        return result
    return [strip(result) for result in entry["results"]]


def _with_index(location: dict[str, Any], index: int | None) -> dict[str, Any]:
    physical = dict(location.get("physicalLocation", {}))
    artifact = {k: v for k, v in physical.get("artifactLocation", {}).items() if k != "index"}
    if index is not None:
        artifact["index"] = index
    physical["artifactLocation"] = artifact
    return {**location, "physicalLocation": physical}


def _severity(result: dict[str, Any], rules: dict[str, dict[str, Any]]) -> Severity | None:
    level = result.get("level")
    if level is None:  # SARIF's default: the rule's configured level, else warning
        level = rules.get(result["ruleId"], {}).get("defaultConfiguration", {}).get("level", "warning")
    return _SARIF_LEVELS.get(level)


# -- both ---------------------------------------------------------------------------------------

def _agree(reports: Sequence[tuple[Path, Any]], keys: Sequence[str], value, what: str | None = None) -> None:
    first_path, first = reports[0]
    for key in keys:
        for path, report in reports[1:]:
            if value(report, key) != value(first, key):
                raise MergeError(f"{path}: {what or repr(key)} is {value(report, key)!r}, but {first_path} has "
                                 f"{value(first, key)!r}; merge reports of one run")


def _once(files: dict[Any, tuple[Path, Any, Any]], key: Any, name: str, path: Path, item: Any,
          comparable: Any) -> None:
    """Keep a file found in two reports once, when both say the same of it."""
    if key in files:
        other_path, _, other = files[key]
        if other != comparable:
            raise MergeError(f"{path}: {name} is also in {other_path} with other findings; "
                             "were the reports made from different versions of the file?")
        return
    files[key] = (path, item, comparable)


def _counts(severities: Sequence[Severity]) -> dict[str, int]:
    return {"errors": sum(s is Severity.ERROR for s in severities),
            "warnings": sum(s is Severity.WARNING for s in severities),
            "info": sum(s is Severity.INFO for s in severities)}


def _statistics(rows) -> list[dict[str, Any]]:  # noqa: ANN001 - (rule, severity, file) triples
    """Findings per rule as `check --statistics` counts them: most first, then by rule."""
    per_rule: dict[str, list[Any]] = {}
    for rule, severity, file in rows:
        entry = per_rule.setdefault(rule, [0, severity, set()])
        entry[0] += 1
        entry[1] = max(entry[1], severity)
        entry[2].add(file)
    return [{"rule": rule, "count": count, "severity": str(severity), "files": len(files)}
            for rule, (count, severity, files) in sorted(per_rule.items(), key=lambda kv: (-kv[1][0], kv[0]))]
