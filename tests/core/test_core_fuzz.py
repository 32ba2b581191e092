"""Property tests on generated documents: no exception, positions inside the document, the
same findings every time, and the caller's bytes untouched. A bounded number of examples runs
with the suite; `scripts/fuzz.py` runs the long version (figures in the README)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.linter import Source, decode, lint_sources

PIECES = [
    "# Heading\n", "## Risks\n", "\n\n", "- item\n", "1. step\n", "> quote\n", "```\ncode\n", "```\n",
    "<p>", "</p>", "<![", "<!-- c -->", "<script>x</script>", "&amp;", "&#x41;", "[link](http://x.org)",
    "| a | b |\n|---|---|\n", "---\ntitle: T\n---\n", "---\ntitle: [\n---\n", "+++\ntitle = 'T'\n+++\n",
    "\ufeff", "\r", "\r\n", "\t", "\x00", "\u200b", "\U0001F600", "é", "中文",
    "Lecanemab is not yet approved by the FDA. ", "The FDA is reviewing donanemab. ",
    "Opdivo is approved for liver cancer after sorafenib. ", "A miracle cure! ", "Colonoscopy from age 50. ",
    "<!-- medlint-disable claims.hype -->", "{% raw %}", "{{ x }}",
]
symbols = st.builds(lambda c, n: c * n, st.sampled_from(['"', "[", "&", "_", "-", "*", "\U0001F600"]),
                    st.integers(1, 3000))
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40), symbols), max_size=25).map("".join)


def inside(findings, text: str) -> bool:
    lines = text.split("\n")
    return all(1 <= f.line <= f.end_line <= len(lines)
               and 1 <= f.column <= len(lines[f.line - 1]) + 1
               and 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1 for f in findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents, st.sampled_from(["a.md", "a.html", "a.txt", "a.mdx"]), st.booleans())
def test_any_document_lints_with_positions_inside_and_the_same_result(text, path, as_bytes):
    data = text.encode("utf-8", errors="surrogatepass") if as_bytes else text + "\ud800"
    kept = bytes(data) if isinstance(data, bytes) else data
    first = lint_sources([Source(path, data)])[0].findings
    second = lint_sources([Source(path, data)])[0].findings
    assert [f.sort_key() for f in first] == [f.sort_key() for f in second]
    decoded, _ = decode(data, path)
    assert inside(first, decoded or "")
    assert data == kept
