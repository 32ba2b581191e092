"""SARIF 2.1.0, the log format code-scanning services read (GitHub code scanning among them).

One run: the driver lists every rule of the run's rule set; each finding is a result whose region
uses medlint's own positions (1-based code points, exclusive end: ``columnKind`` says so), and
whose partial fingerprint is the finding's key, so that a service matches it after unrelated edits.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import quote, urlsplit

from .. import __version__
from ..engine.rule import Rule
from ..finding import Finding, Severity
from ..linter import FileResult
from ..resources import rule_docs_dir

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
ROOT_ID = "SRCROOT"  # relative artifact URIs are relative to the folder medlint ran in
FINGERPRINT = "medlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class DocsUrlError(ValueError):
    """A --docs-url that is not an absolute URI."""


def check_docs_url(base: str) -> str:
    """``base`` without a trailing slash; DocsUrlError unless it is an absolute URI."""
    parts = urlsplit(base.strip())
    if not parts.scheme or not (parts.netloc or parts.scheme == "file"):
        raise DocsUrlError(f"--docs-url must be an absolute URI such as "
                           f"https://github.com/OWNER/medlint/blob/v0.2.0, not {base!r}")
    return base.strip().rstrip("/")


def render(results: Sequence[FileResult], rules: Iterable[Rule], *, root: Path | None = None,
           docs_url: str | None = None, skipped: Sequence[dict[str, str]] = (),
           properties: dict[str, Any] | None = None) -> str:
    """The SARIF log of one run. ``docs_url``: the medlint repository's address at a tag, whose
    ``docs/rules/RULE.md`` pages become the rules' helpUri (default: the installed pages)."""
    root = Path(os.path.abspath(root or Path.cwd()))
    descriptors = [_descriptor(rule, docs_url) for rule in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    artifacts, results_json = [], []
    for result in results:
        location = artifact_location(result.path, root)
        location["index"] = len(artifacts)
        artifacts.append({"location": {k: v for k, v in location.items() if k != "index"},
                          "roles": ["analysisTarget"]})
        for finding, fingerprint in zip(result.findings, _fingerprints(result)):
            results_json.append(_result(finding, location, index.get(finding.rule), fingerprint))
    information = f"{docs_url}/README.md" if docs_url else _file_uri(rule_docs_dir() / "README.md")
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "medlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": information, "rules": descriptors}},
        "originalUriBaseIds": {ROOT_ID: {"uri": _file_uri(root) + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results_json,
        "invocations": [_invocation(skipped, root)],
    }
    if properties:
        run["properties"] = properties
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False, default=str)


def artifact_location(path: str, root: Path) -> dict[str, Any]:
    """A file under ``root`` as a relative, percent-encoded URI on ROOT_ID; others as file: URIs."""
    absolute = Path(os.path.abspath(os.path.join(root, path)))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": _file_uri(absolute)}
    # the file name's own bytes (an undecodable name keeps them), so ':' and '%' cannot mislead
    return {"uri": quote(os.fsencode(relative.as_posix()), safe="/"), "uriBaseId": ROOT_ID}


def region(finding: Finding) -> dict[str, int]:
    """Where the finding is. An empty span at 1:1 is about the whole document: its first line."""
    if (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1):
        return {"startLine": 1}
    return {"startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column}


def _fingerprints(result: FileResult) -> list[str | None]:
    """The finding's key and which occurrence of that key in the file it is (from 1): two equal
    findings in one file get two fingerprints, and a third added later does not renumber them."""
    if len(result.keys) != len(result.findings):  # a result made without keys
        return [None] * len(result.findings)
    seen: Counter[str] = Counter()
    out = []
    for key in result.keys:
        seen[key] += 1
        out.append(f"{key}:{seen[key]}")
    return out


def _result(finding: Finding, location: dict[str, Any], rule_index: int | None,
            fingerprint: str | None) -> dict[str, Any]:
    text = finding.message
    if finding.suggestion and finding.suggestion not in text:
        text += f" (suggestion: {finding.suggestion})"
    result: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result.update({
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(finding)}}],
    })
    if fingerprint:
        result["partialFingerprints"] = {FINGERPRINT: fingerprint}
    extra = {key: value for key, value in (("suggestion", finding.suggestion), ("evidence", finding.evidence))
             if value}
    if extra:
        result["properties"] = extra
    return result


def _descriptor(rule: Rule, docs_url: str | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("-", ".").split(".")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
    }
    uri = help_uri(rule, docs_url)
    if uri:
        descriptor["helpUri"] = uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    properties: dict[str, Any] = {"tags": [rule.id.split(".")[0]]}
    if rule.severity_changes:
        properties["severityChanges"] = [{"to": str(c.to), "when": c.when} for c in rule.severity_changes]
    descriptor["properties"] = properties
    return descriptor


def help_uri(rule: Rule, docs_url: str | None) -> str | None:
    """An absolute URI for the rule's help: its own ``link``, else its page in docs/rules (on the
    web under ``docs_url``, else the installed file), else the file that defines it."""
    if rule.link and urlsplit(rule.link).scheme in ("http", "https"):
        return rule.link
    if rule.origin.builtin:
        if docs_url:
            return f"{docs_url}/docs/rules/{quote(rule.id)}.md"
        page = rule_docs_dir() / f"{rule.id}.md"
        if page.is_file():
            return _file_uri(page)
    return _file_uri(Path(os.path.abspath(rule.origin.path)))


def _file_uri(path: Path) -> str:
    return Path(os.path.abspath(path)).as_uri()


def _help_text(rule: Rule) -> str:
    parts = [rule.description]
    if rule.severity_note:
        parts.append(f"Severity: {rule.severity_note}")
    for label, examples in (("Flagged", rule.examples_bad), ("Not flagged", rule.examples_good)):
        if examples:
            parts.append(f"{label}:\n" + "\n".join("  - " + e.text.strip().replace("\n", "\n    ")
                                                   for e in examples))
    return "\n\n".join(parts)


def _help_markdown(rule: Rule) -> str:
    parts = [rule.description]
    if rule.severity_note:
        parts.append(f"**Severity:** {rule.severity_note}")
    for label, examples in (("Flagged", rule.examples_bad), ("Not flagged", rule.examples_good)):
        if examples:
            fence = "~~~~" if any("```" in e.text for e in examples) else "```"
            blocks = [f"{fence}text\n{e.text.rstrip()}\n{fence}" for e in examples]
            parts.append(f"**{label}**\n\n" + "\n\n".join(blocks))
    return "\n\n".join(parts)


def _invocation(skipped: Sequence[dict[str, str]], root: Path) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if skipped:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"skipped: {item['reason']}"},
             "locations": [{"physicalLocation": {"artifactLocation": artifact_location(item["path"], root)}}]}
            for item in skipped]
    return invocation
