"""JUnit XML and checkstyle XML, for CI servers that read test and lint reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__
from ..finding import Severity
from ..linter import FileResult

_CHECKSTYLE_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _line(finding) -> str:  # noqa: ANN001
    return f"{finding.line}:{finding.column}: {finding.severity} {finding.rule} {finding.message}"


def junit(results: list[FileResult], fails) -> str:  # noqa: ANN001 - fails(result) -> bool
    """One test case per file; a file that fails the run (its fail level) has a <failure> that lists
    every finding, and findings below the fail level go to <system-out>."""
    suites = ET.Element("testsuites", name="medlint")
    failing = [r for r in results if fails(r)]
    suite = ET.SubElement(suites, "testsuite", name="medlint", tests=str(len(results)),
                          failures=str(len(failing)), errors="0", skipped="0")
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="medlint_version", value=__version__)
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="medlint", name=result.path)
        if not result.findings:
            continue
        text = "\n".join(f"{result.path}:{_line(f)}" for f in result.findings)
        if result in failing:
            worst = max(result.findings, key=lambda f: f.severity)
            failure = ET.SubElement(case, "failure", type=worst.rule,
                                    message=f"{len(result.findings)} findings; first: {_line(result.findings[0])}")
            failure.text = text
        else:
            ET.SubElement(case, "system-out").text = text
    return _serialise(suites)


def checkstyle(results: list[FileResult]) -> str:
    root = ET.Element("checkstyle", version="4.3")
    for result in results:
        node = ET.SubElement(root, "file", name=result.path)
        for finding in result.findings:
            ET.SubElement(node, "error", line=str(finding.line), column=str(finding.column),
                          severity=_CHECKSTYLE_SEVERITY[finding.severity], message=finding.message,
                          source=f"medlint.{finding.rule}")
    return _serialise(root)


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
