"""Rewrite corpora/**/*.expected from medlint's current output. Review the diff before committing.

Each article `name.ext` has `name.ext.expected` beside it: one line per finding,
`line:column: severity rule-id`, in medlint's order. tests/test_corpora.py compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_golden import expected_path, golden_lines, corpus_articles  # noqa: E402


def main() -> None:
    for article, lines in zip(corpus_articles(ROOT / "corpora"), golden_lines(ROOT / "corpora")):
        expected_path(article).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{article.relative_to(ROOT)}: {len(lines)} findings")


if __name__ == "__main__":
    main()
