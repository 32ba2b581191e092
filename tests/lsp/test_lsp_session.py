"""A real client session with `python -m medlint server`: pygls's client over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
WAIT = 120  # seconds; generous for a shared machine, never a timing assertion

ARTICLE = (
    "# Diabetes \U0001fa7a care\n"  # U+1FA7A takes two UTF-16 code units
    "\n"
    "Talk to your doctor \U0001f600 about diabetics and how to utilize insulin.\n"
    "\n"
    "Keytruda is the only FDA-approved drug for liver cancer.\n"
)
CONFIG = "ignore: [metadata, sections, sources, trust]\n"


class Session:
    """A client with the diagnostics the server published, by document."""

    def __init__(self) -> None:
        self.client = LanguageClient("medlint-test", "1")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()
        self.messages: list[str] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

        @self.client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_message(params: lsp.ShowMessageParams) -> None:
            self.messages.append(params.message)

    async def diagnostics(self, uri: str, version: int | None = None) -> list[lsp.Diagnostic]:
        """The first diagnostics published for ``uri`` (at ``version``, when given)."""
        async def wait() -> list[lsp.Diagnostic]:
            while True:
                for params in self.published.get(uri, []):
                    if version is None or params.version == version:
                        return params.diagnostics
                self.arrived.clear()
                await self.arrived.wait()
        return await asyncio.wait_for(wait(), WAIT)


def _by_rule(diagnostics: list[lsp.Diagnostic]) -> dict[str, list[tuple[int, int, int, int]]]:
    found: dict[str, list[tuple[int, int, int, int]]] = {}
    for d in diagnostics:
        r = d.range
        found.setdefault(str(d.code), []).append((r.start.line, r.start.character, r.end.line, r.end.character))
    return found


def _apply(text: str, edit: lsp.TextEdit) -> str:
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        line = lines[position.line]
        units = 0
        for index, ch in enumerate(line):
            if units >= position.character:
                return sum(len(x) + 1 for x in lines[:position.line]) + index
            units += 2 if ord(ch) > 0xFFFF else 1
        return sum(len(x) + 1 for x in lines[:position.line]) + len(line)

    return text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]


def test_session(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text(CONFIG, encoding="utf-8")
    article = tmp_path / "my draft.md"  # a space: the URI is percent-encoded
    article.write_text(ARTICLE, encoding="utf-8")
    asyncio.run(_session(tmp_path, article.as_uri()))


async def _start(session: Session, folder: Path, capabilities: lsp.ClientCapabilities) -> lsp.InitializeResult:
    await session.client.start_io(sys.executable, "-m", "medlint", "server", cwd=str(REPO))
    return await asyncio.wait_for(session.client.initialize_async(lsp.InitializeParams(
        capabilities=capabilities, root_uri=folder.as_uri())), WAIT)


async def _stop(session: Session) -> None:
    client = session.client
    try:
        await asyncio.wait_for(client.shutdown_async(None), WAIT)
        client.exit(None)
        assert await asyncio.wait_for(client._server.wait(), WAIT) == 0
    finally:
        if client._server.returncode is None:
            client._server.kill()
        await client.stop()


async def _session(folder: Path, uri: str) -> None:
    session = Session()
    client = session.client
    try:
        result = await _start(session, folder, lsp.ClientCapabilities())
        assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf16
        sync = result.capabilities.text_document_sync
        assert sync.change == lsp.TextDocumentSyncKind.Incremental
        client.initialized(lsp.InitializedParams())

        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=ARTICLE)))
        diagnostics = await session.diagnostics(uri, 1)
        found = _by_rule(diagnostics)
        # the folder's .medlint.yaml applies: no whole-document metadata or section findings
        assert set(found) == {"language.person-first", "plain-language.jargon", "claims.superseded-exclusive"}
        # 'diabetics' is code points 28-37 of line 3, after an emoji: UTF-16 columns 29-38
        assert found["language.person-first"] == [(2, 29, 2, 38)]
        assert found["plain-language.jargon"] == [(2, 50, 2, 57)]
        assert found["claims.superseded-exclusive"] == [(4, 0, 4, 8)]
        person_first = next(d for d in diagnostics if d.code == "language.person-first")
        assert person_first.source == "medlint"
        assert person_first.severity == lsp.DiagnosticSeverity.Information
        href = person_first.code_description.href
        assert href.startswith("file://") and href.endswith("/language.person-first.md")
        assert Path(lsp_path(href)).is_file()
        claim = next(d for d in diagnostics if d.code == "claims.superseded-exclusive")
        assert claim.severity == lsp.DiagnosticSeverity.Error

        # hover on the claim: the rule's explanation and the knowledge base's evidence and source
        hover = await client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(4, 3)))
        assert "claims.superseded-exclusive" in hover.contents.value
        assert "Evidence from the knowledge base" in hover.contents.value
        assert "](https://www.accessdata.fda.gov/" in hover.contents.value
        assert hover.range == claim.range
        nothing = await client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(2, 3)))
        assert nothing is None

        # code actions on 'diabetics': the suggestion, and a disable comment above the line
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(2, 31), lsp.Position(2, 31)),
            lsp.CodeActionContext(diagnostics=[person_first])))
        titles = [a.title for a in actions]
        assert titles == ["Replace with 'people with diabetes'", "Disable language.person-first on this line"]
        replace_edit = actions[0].edit.document_changes[0].edits[0]
        fixed = _apply(ARTICLE, replace_edit)
        assert fixed.splitlines()[2] == "Talk to your doctor \U0001f600 about people with diabetes and how to utilize insulin."
        disabled = _apply(ARTICLE, actions[1].edit.document_changes[0].edits[0])
        assert disabled.splitlines()[2] == "<!-- medlint-disable-next-line language.person-first -->"

        # didChange, incremental: the replacement as the editor sends it; then a burst of typing
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangePartial(range=replace_edit.range, text=replace_edit.new_text)]))
        found = _by_rule(await session.diagnostics(uri, 2))
        assert "language.person-first" not in found
        assert found["plain-language.jargon"] == [(2, 61, 2, 68)]  # 11 code units further right
        text = fixed
        for version, word in enumerate(["Sorafenib ", "Truly, ", "Still, "], start=3):
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(lsp.Position(2, 0), lsp.Position(2, 0)), text=word)]))
            text = text.replace("Talk", word + "Talk", 1) if version == 3 else text.replace(
                "Sorafenib ", word + "Sorafenib ", 1) if version == 4 else text.replace("Truly, ", word + "Truly, ", 1)
        found = _by_rule(await session.diagnostics(uri, 5))  # the last version is always linted
        shift = len("Still, Truly, Sorafenib ")
        assert found["plain-language.jargon"] == [(2, 61 + shift, 2, 68 + shift)]

        client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
        await asyncio.wait_for(_until(lambda: len(session.published[uri][-1].diagnostics) == 0), WAIT)

        assert session.messages == []
    finally:
        await _stop(session)


def test_utf8_positions_and_language_id(tmp_path: Path) -> None:
    """A client that asks for UTF-8 columns gets them; a file without a suffix opened as plain
    text is linted as plain text."""
    (tmp_path / ".medlint.yaml").write_text(CONFIG, encoding="utf-8")
    asyncio.run(_utf8_session(tmp_path, (tmp_path / "notes").as_uri()))


async def _utf8_session(folder: Path, uri: str) -> None:
    session = Session()
    try:
        result = await _start(session, folder, lsp.ClientCapabilities(
            general=lsp.GeneralClientCapabilities(position_encodings=[lsp.PositionEncodingKind.Utf8])))
        assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
        session.client.initialized(lsp.InitializedParams())
        session.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=ARTICLE)))
        found = _by_rule(await session.diagnostics(uri, 1))
        # 'diabetics' after 'Talk to your doctor ', a 4-byte emoji and ' about ': bytes 31-40
        assert found["language.person-first"] == [(2, 31, 2, 40)]
    finally:
        await _stop(session)


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.02)


def lsp_path(uri: str) -> str:
    from medlint.lsp.documents import uri_to_path

    return uri_to_path(uri)
