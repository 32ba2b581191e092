"""The HTML report of corpora/articles in headless Chromium: every finding highlighted, no
error logged by the page, and a screenshot saved (its path is printed; run with -s to see it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from report_dom import parse

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "articles"
TODAY = "2026-11-26"
KNOWN = "liver-cancer-immunotherapy-2020.md"  # many findings, overlapping ones among them


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (Debian: apt-get install -y chromium)")


def _browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"  # its own profile: other runs may be using the default
    command = [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
               "--disable-extensions", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180,
                          env={**os.environ, "HOME": str(tmp_path)})


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    """The report of corpora/articles and the JSON findings of the same run."""
    from click.testing import CliRunner

    from medlint.cli import main

    folder = tmp_path_factory.mktemp("report")
    page = folder / "report.html"
    runner = CliRunner()
    written = runner.invoke(main, ["report", str(CORPUS), "-o", str(page), "--today", TODAY],
                            catch_exceptions=False)
    assert written.exit_code == 0, written.output
    checked = runner.invoke(main, ["check", str(CORPUS), "--format", "json", "--today", TODAY],
                            catch_exceptions=False)
    return folder, page, json.loads(checked.stdout)


def test_every_finding_is_highlighted_and_the_page_logs_no_error(corpus_report):
    folder, page, checked = corpus_report
    run = _browser(folder, "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    root, _ = parse(run.stdout)
    html = next(root.iter("html"))
    assert html.attrs.get("data-ready") == "1", "the page's script did not run to its end"
    errors = next(root.iter("pre", id="page-errors"))
    assert errors.text == "" and "data-count" not in errors.attrs, errors.text
    articles = {a.attrs["data-path"]: a for a in root.iter("article")}
    assert len(articles) == len(checked["files"]) == 10
    known = [f for f in checked["files"] if f["path"].endswith(KNOWN)]
    assert known and len(known[0]["findings"]) > 20
    for file in checked["files"]:
        expected = Counter((f["rule"], f["line"]) for f in file["findings"]
                           if (f["line"], f["column"]) != (f["end_line"], f["end_column"]))
        highlighted = {}
        for mark in articles[file["path"]].iter("mark", data_rule=True, data_line=True):
            highlighted.setdefault(mark.attrs["data-finding"], (mark.attrs["data-rule"], int(mark.attrs["data-line"])))
        assert Counter(highlighted.values()) == expected, file["path"]


def test_screenshot(corpus_report):
    folder, page, _ = corpus_report
    shot = folder / "report.png"
    run = _browser(folder, f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars",
                   page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    print(f"screenshot of the report: {shot}")
