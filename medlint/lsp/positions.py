"""medlint positions (1-based lines, 1-based code-point columns) to LSP positions (0-based lines,
columns in the negotiated code units: UTF-16 unless the client asked for UTF-8 or UTF-32)."""

from __future__ import annotations

import re
from dataclasses import dataclass

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"

#: LSP ends a line at \r\n, \n or a lone \r, as medlint does (it reads a lone \r as \n)
_LINE_END = re.compile(r"\r\n|\n|\r")


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` the text takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)  # astral characters take two


@dataclass(frozen=True)
class Position:
    line: int  # 0-based
    character: int  # 0-based, in code units


class LineIndex:
    """The lines of one text, to convert positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding
        # medlint counts columns after a leading byte order mark; the editor's text may hold it
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.lines: list[str] = []
        self.starts: list[int] = []  # offset of each line in the text
        at = 0
        for match in _LINE_END.finditer(text):
            self.lines.append(text[at:match.start()])
            self.starts.append(at)
            at = match.end()
        self.lines.append(text[at:])
        self.starts.append(at)

    def to_lsp(self, line: int, column: int) -> Position:
        """A medlint position (1-based line and code-point column) as an LSP position. Past the
        end of a line clamps to its end; past the last line, to the end of the text."""
        row = line - 1
        if row < 0:
            return Position(0, 0)
        if row >= len(self.lines):
            row = len(self.lines) - 1
            return Position(row, units(self.lines[row], self.encoding))
        text = self.lines[row]
        points = max(column - 1, 0) + (self.bom if row == 0 else 0)
        return Position(row, units(text[:points], self.encoding))

    def offset(self, position: Position) -> int:
        """The text offset (in code points) of an LSP position."""
        row = min(max(position.line, 0), len(self.lines) - 1)
        text = self.lines[row]
        if self.encoding == UTF32:
            points = min(position.character, len(text))
        else:
            points, used = 0, 0
            for ch in text:
                if used >= position.character:
                    break
                used += units(ch, self.encoding)
                points += 1
        return self.starts[row] + points
