"""The language server's speed: first diagnostics in a fresh server, and re-linting after an edit.

    python benchmarks/lsp.py [--edits 41] [--opens 3]

1. Time to first diagnostics: a fresh `python -m medlint server` (pygls's client over stdio),
   initialize, initialized, then didOpen of the draft at once; the clock runs from didOpen to
   the publishDiagnostics of that version (and, separately, from starting the process). Median
   of ``--opens`` fresh servers.
2. Warm re-lint after a one-word edit: what the server does once the debounce has passed
   (DocumentLinter.lint, the pipeline warm, words released after each lint), timed in this
   process, each edit alternately changing one word in the middle of the draft and back.
3. The same edits through a server: didChange (incremental, one word) to publishDiagnostics of
   that version, which includes the server's debounce (DEBOUNCE_SECONDS).

The draft: synthetic articles of benchmarks/generate.py joined until it holds at least 1,000
words (generate.count_words over the whole file). Needs the lsp extra (pygls).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import ArticleWriter, count_words  # noqa: E402


def draft(words: int = 1000) -> str:
    """Article 0, then the sections of the next articles one by one until ``words`` is reached."""
    writer = ArticleWriter(random.Random(18))
    _, _, text = writer.article(0)
    index = 1
    while count_words(text) < words:
        _, _, more = writer.article(index)
        for section in more.split("\n## ")[1:]:  # without the front matter and title
            text = text.rstrip("\n") + "\n\n## " + section
            if count_words(text) >= words:
                break
        index += 1
    return text


def edit_point(text: str) -> tuple[int, int, str]:
    """(line, character, word) of a plain word in the middle of a paragraph line, ASCII only so
    that LSP columns are code points."""
    lines = text.split("\n")
    for row in range(len(lines) // 2, len(lines)):
        line = lines[row]
        if line and line[0].isalpha() and line.isascii() and " the " in line:
            return row, line.index(" the ") + 1, "the"
    raise SystemExit("no line to edit in the draft")


def relint_times(text: str, path: Path, edits: int) -> list[float]:
    from medlint.lsp.documents import DocumentLinter

    linter = DocumentLinter()
    uri = path.as_uri()
    linter.lint(uri, text, "markdown")  # warm: spaCy, rules, knowledge base
    row, column, _ = edit_point(text)
    lines = text.split("\n")
    other = "\n".join(lines[:row] + [lines[row][:column] + "a" + lines[row][column + 3:]] + lines[row + 1:])
    times = []
    for number in range(edits):
        version = other if number % 2 == 0 else text
        start = time.perf_counter()
        linter.lint(uri, version, "markdown")
        times.append(time.perf_counter() - start)
    return times


async def server_times(text: str, path: Path, edits: int) -> tuple[float, float, list[float]]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("medlint-bench", "1")
    arrived: dict[int, float] = {}
    signal = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        arrived.setdefault(params.version, time.perf_counter())
        signal.set()

    async def published(version: int) -> float:
        while version not in arrived:
            signal.clear()
            await signal.wait()
        return arrived[version]

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "medlint", "server")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       root_uri=path.parent.as_uri()))
    client.initialized(lsp.InitializedParams())
    uri = path.as_uri()
    opened = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    first = await published(1)
    row, column, word = edit_point(text)
    times = []
    for number in range(edits):
        new, old = ("a", word) if number % 2 == 0 else (word, "a")
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=number + 2),
            [lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(row, column), lsp.Position(row, column + len(old))), text=new)]))
        times.append(await published(number + 2) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first - opened, first - started, times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=41, help="one-word edits to time [41]")
    parser.add_argument("--opens", type=int, default=3, help="fresh servers to time the first diagnostics of [3]")
    args = parser.parse_args(argv)
    text = draft()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "draft.md")
        path.write_text(text, encoding="utf-8")
        print(f"draft: {count_words(text)} words, {len(text)} characters")
        opens = [asyncio.run(server_times(text, path, 0 if i else 11)) for i in range(args.opens)]
        after_open = statistics.median(o[0] for o in opens)
        after_start = statistics.median(o[1] for o in opens)
        print(f"first diagnostics after didOpen, fresh server: median {after_open * 1000:.0f} ms "
              f"of {args.opens} (from process start: {after_start * 1000:.0f} ms)")
        relint = relint_times(text, path, args.edits)
        print(f"warm re-lint after a one-word edit (in process): median {statistics.median(relint) * 1000:.1f} ms, "
              f"min {min(relint) * 1000:.1f} ms, max {max(relint) * 1000:.1f} ms over {len(relint)} edits")
        through = opens[0][2]
        from medlint.lsp.server import DEBOUNCE_SECONDS
        print(f"didChange to publishDiagnostics through the server: median {statistics.median(through) * 1000:.0f} ms "
              f"over {len(through)} edits (includes the {DEBOUNCE_SECONDS * 1000:.0f} ms debounce)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
