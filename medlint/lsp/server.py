"""The pygls language server: diagnostics on open and (debounced) change, hover, code actions."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import unquote
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..config import CONFIG_NAMES
from .diagnostics import (contains, diagnostic, disable_edit, hover_markdown, overlaps,
                          replacement)
from .documents import DocumentLinter, Linted, SetupError, uri_to_path
from .positions import UTF16, LineIndex

#: typing pauses shorter than this do not lint; the last change always does, this long after it
DEBOUNCE_SECONDS = 0.2


class MedlintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("medlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.linter = DocumentLinter()
        # one thread lints, in order: spaCy is not to be shared between threads, and the event
        # loop stays free to answer hovers while a long first lint loads the pipeline
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-lint")
        self.pending: dict[str, asyncio.Task] = {}
        self.languages: dict[str, str | None] = {}
        self.published: dict[str, tuple[Linted, LineIndex, list[lsp.Diagnostic]]] = {}

    @property
    def encoding(self) -> str:
        """The position encoding agreed at initialize: "utf-16", "utf-8" or "utf-32"."""
        kind = self.workspace.position_encoding or UTF16
        return str(getattr(kind, "value", kind))  # an enum member's str() is its name

    def document(self, uri: str):
        """The open document ``uri`` or None (pygls keeps them by percent-decoded URI)."""
        return self.workspace.text_documents.get(unquote(uri))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint scheduled before that has not
        started publishing: the newest version is always the one linted last."""
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.document(uri)
        if document is None:
            return
        text, version, language = document.source, document.version, self.languages.get(uri)
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.lint_thread, self.linter.lint, uri, text, language)
        except SetupError as exc:
            self._publish_problem(uri, version, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a medlint bug on one text must not stop the server
            self._publish_problem(uri, version, f"linting failed ({type(exc).__name__}: {exc})")
            return
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if self.document(uri) is None:
            return  # closed while linting
        index = LineIndex(linted.text, self.encoding)
        diagnostics = [diagnostic(finding, index, linted.rules) for finding in linted.findings]
        self.published[uri] = (linted, index, diagnostics)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def _publish_problem(self, uri: str, version: int | None, message: str) -> None:
        """A configuration error: one diagnostic on the first line, and the message once."""
        self.published.pop(uri, None)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"medlint: {message}"))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=message,
                severity=lsp.DiagnosticSeverity.Error, source="medlint")]))

    def close(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.languages.pop(uri, None)
        self.published.pop(uri, None)
        self.linter.forget(uri)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def create_server(debounce: float = DEBOUNCE_SECONDS) -> MedlintServer:
    server = MedlintServer(debounce)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: MedlintServer, params: lsp.InitializedParams) -> None:
        folders = ls.workspace.folders
        root = uri_to_path(next(iter(folders.values())).uri) if folders else ls.workspace.root_path
        ls.lint_thread.submit(ls.linter.warm_up, Path(root or Path.cwd()))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MedlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.languages[params.text_document.uri] = params.text_document.language_id
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MedlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MedlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            _config_changed(ls)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: MedlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            _config_changed(ls)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MedlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: MedlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        published = ls.published.get(params.text_document.uri)
        if published is None:
            return None
        linted, _, diagnostics = published
        here = [(finding, d.range) for finding, d in zip(linted.findings, diagnostics)
                if contains(d.range, params.position)]
        if not here:
            return None
        text = hover_markdown([finding for finding, _ in here], linted.rules)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=here[0][1])

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: MedlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        published = ls.published.get(uri)
        document = ls.document(uri)
        if published is None or document is None:
            return []
        linted, index, diagnostics = published
        current = document.source
        actions: list[lsp.CodeAction] = []
        disabling: list[lsp.CodeAction] = []
        seen_lines: set[tuple[str, int]] = set()
        for finding, diag in zip(linted.findings, diagnostics):
            if not overlaps(diag.range, params.range):
                continue
            edit = replacement(finding, index, linted.text, current)
            if edit is not None:
                actions.append(_action(f"Replace with '{finding.suggestion}'", uri, document.version, [edit],
                                       diag, preferred=True))
            if current != linted.text or (finding.rule, finding.line) in seen_lines:
                continue  # a comment is placed by line: only on the text that was linted
            seen_lines.add((finding.rule, finding.line))
            disable = disable_edit(finding, index, current, linted.format)
            if disable is not None:
                disabling.append(_action(disable[0], uri, document.version, [disable[1]], diag))
        return actions + disabling

    return server


def _action(title: str, uri: str, version: int | None, edits: list[lsp.TextEdit], diag: lsp.Diagnostic,
            preferred: bool = False) -> lsp.CodeAction:
    change = lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                                  edits=edits)
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                          edit=lsp.WorkspaceEdit(document_changes=[change]), is_preferred=preferred or None)


def _is_config(uri: str) -> bool:
    name = Path(uri_to_path(uri)).name
    return name in CONFIG_NAMES or name == "pyproject.toml"


def _config_changed(ls: MedlintServer) -> None:
    ls.linter.reload_config()
    for uri in list(ls.languages):  # the open documents, by the client's URIs
        ls.schedule(uri, 0)


def serve(**options: Any) -> None:
    logging.basicConfig(level=logging.WARNING)  # pygls logs to standard error; stdout is the protocol
    server = create_server(**options)
    # load spaCy and the rules while the client starts up; the workspace's own configuration
    # follows on `initialized`
    server.lint_thread.submit(server.linter.warm_up, Path.cwd())
    server.start_io()
