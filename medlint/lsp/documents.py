"""Linting open documents as the CLI lints files: the configuration found from each document's
path, the format from its suffix (or the editor's language id), one warm pipeline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import Mapping
from urllib.parse import unquote, urlsplit

from ..config import Config, ConfigFinder
from ..document import SUPPORTED_SUFFIXES, detect_format
from ..engine.rule import Rule
from ..finding import Finding
from ..linter import Source, check_config_rules, lint_sources, prepared_rules
from ..nlp import ModelError
from ..yamlsource import SourceError

#: the editors' language ids of the formats medlint reads, as the suffix that selects that format
LANGUAGE_SUFFIXES = {"markdown": ".md", "mdx": ".mdx", "html": ".html", "plaintext": ".txt", "text": ".txt"}


class SetupError(Exception):
    """The document's configuration (or its spaCy model) cannot be used: one line to show."""


@dataclass
class Linted:
    """One lint of one version of a document."""

    text: str
    path: str  # the path the findings were made for (the suffix picks the format)
    format: str  # markdown, mdx, html or text
    findings: list[Finding]
    rules: Mapping[str, Rule] = field(default_factory=dict)
    config: Config | None = None


def uri_to_path(uri: str) -> str:
    """A file: URI as a local path; any other URI (an editor's unsaved buffer) as a name in the
    current folder, so that the configuration there applies."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        path = unquote(parts.path)
        if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
            path = path[1:]
        return path
    name = PurePath(unquote(parts.path) or "untitled").name or "untitled"
    return os.path.join(os.getcwd(), name)


def document_path(uri: str, language_id: str | None) -> str:
    """The path to lint the document as: its own, with the suffix of its language id added when
    its own suffix names no format medlint reads (``notes`` opened as Markdown)."""
    path = uri_to_path(uri)
    if PurePath(path).suffix.lower() in SUPPORTED_SUFFIXES:
        return path
    suffix = LANGUAGE_SUFFIXES.get((language_id or "").lower())
    return path + suffix if suffix else path


def format_of(path: str, text: str) -> str:
    kind = detect_format(path, text)
    if kind == "markdown" and PurePath(path).suffix.lower() == ".mdx":
        return "mdx"
    return kind


class DocumentLinter:
    """Lints documents in this process; remembers each document's last lint to reuse it when
    neither its text nor its configuration changed."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today
        self._finder = ConfigFinder()
        self._checked: set[int] = set()  # configurations whose rule names were checked
        self._last: dict[str, Linted] = {}

    def reload_config(self) -> None:
        """Read configuration files again (one was saved or changed on disk)."""
        self._finder = ConfigFinder()
        self._checked.clear()

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)

    def last(self, uri: str) -> Linted | None:
        return self._last.get(uri)

    def warm_up(self, folder: Path) -> None:
        """Load spaCy and the rules of ``folder``'s configuration before the first document."""
        try:
            self.lint(Path(folder, "warm-up.md").resolve().as_uri(), "# Warm up\n\nA sentence.\n",
                      "markdown", remember=False)
        except SetupError:
            pass  # reported when a document of that folder is linted

    def lint(self, uri: str, text: str, language_id: str | None = None, *, remember: bool = True) -> Linted:
        path = document_path(uri, language_id)
        try:
            config = self._finder.for_path(Path(path))
            rules, _ = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
            if id(config) not in self._checked:
                check_config_rules(config, rules)
                self._checked.add(id(config))
        except (SourceError, ModelError) as exc:
            raise SetupError(str(exc)) from None
        previous = self._last.get(uri)
        if previous is not None and previous.text == text and previous.config is config and previous.path == path:
            return previous  # a save, or an edit undone: nothing to do
        if config.is_excluded(path):
            findings: list[Finding] = []
        else:
            try:
                result = lint_sources([Source(path, text, config)], today=self.today, release_words=True)[0]
            except ModelError as exc:
                raise SetupError(str(exc)) from None
            findings = result.findings
        linted = Linted(text, path, format_of(path, text), findings, rules.by_id, config)
        if remember:
            self._last[uri] = linted
        return linted
