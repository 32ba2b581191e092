"""Print the README's rule table (Markdown) from the built-in rule packs; --write updates README.md."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from medlint.engine.loader import load_rules  # noqa: E402

START, END = "<!-- rules-table -->", "<!-- /rules-table -->"


def table() -> str:
    rows = ["| rule | severity | checks |", "|---|---|---|"]
    for rule in sorted(load_rules().rules, key=lambda r: r.id):
        rows.append(f"| `{rule.id}` | {rule.severity} | {rule.summary.replace('|', '/')} |")
    return "\n".join(rows)


def main() -> None:
    text = table()
    if "--write" not in sys.argv:
        print(text)
        return
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    pattern = re.compile(re.escape(START) + r"(?:.*?" + re.escape(END) + r")?", re.DOTALL)
    readme.write_text(pattern.sub(lambda _: block, content, count=1), encoding="utf-8")


if __name__ == "__main__":
    main()
