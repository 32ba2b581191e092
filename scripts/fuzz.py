"""Lint many generated and mutated documents; count crashes, slow documents and bad positions.

    python scripts/fuzz.py --count 100000 --jobs 2          # the figure recorded in the README
    python scripts/fuzz.py --minutes 10 --seed 7

Each document is a real page (../shared/data/real when it is there, else corpora/) or a piece of
generated markup, mutated: spans cut, repeated or swapped; hostile fragments put in (runs of
symbols up to 20,000 characters, "<![", unclosed tags and fences, alias bombs and deep nesting in
front matter, NUL and invalid UTF-8 bytes, bare CRs, byte order marks, lone surrogates for the
text API); saved as Markdown, HTML or plain text. Every document is linted on its own and timed.
A crash is any exception; positions must fall inside the document; every 50th document is linted
twice and must give the same findings. Crashing inputs are saved under --out to replay.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUFFIXES = (".md", ".md", ".html", ".txt")
#: the first characters of each seed page a document starts from
BASE_CHARS = 4_000
HOSTILE = [
    "<![", "<![ x", "<!-- never closed", "<script>", "<p><b><i>", "</div></div>", "&amp;" * 50, "&#xD800;",
    "```\ncode never closed", "[link](", "[[[" * 20 + "](](" * 20, "| a | b |\n|---|", "> > > > quote",
    "---\ntitle: [unclosed\n---\n", "+++\ntitle = \"x\n+++\n", "\ufeff", "\r", "\r\n", "\x00", "\t\t",
    "<!-- medlint-disable -->", "<!-- medlint-disable-line claims.hype -->", "{% include x %}", "{{ page.title }}",
    "Lecanemab is not yet approved by the FDA. ", "Opdivo is approved for liver cancer after sorafenib. ",
    "The FDA is reviewing donanemab. ", "A miracle cure! ", "Screening starts at age 50. ",
]


def symbol_run(rng: random.Random) -> str:
    char = rng.choice(['"', "&", "[", "_", "-", "\U0001F600", "*", "#", ">", "<", "|", "=", "\u200b"])
    return char * rng.choice((40, 500, 5000, 20000))


def front_matter_attack(rng: random.Random) -> str:
    if rng.random() < 0.5:
        bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
        return f"---\n{bomb}title: *i\n---\n"
    return "---\ntitle: " + "[" * rng.choice((50, 3000)) + "\n---\n"


def seeds() -> list[str]:
    real = ROOT.parent / "shared" / "data" / "real"
    paths = sorted(p for p in real.rglob("*") if p.suffix in (".txt", ".md", ".html")) if real.is_dir() else []
    if not paths:
        paths = sorted(p for p in (ROOT / "corpora").rglob("*") if p.suffix in (".md", ".html", ".txt"))
    texts = []
    for path in paths[:2000]:
        try:
            texts.append(path.read_text(encoding="utf-8", errors="replace")[:BASE_CHARS])
        except OSError:
            continue
    return texts or ["# Title\n\nSome text.\n"]


def mutate(rng: random.Random, base: str) -> str:
    text = base
    for _ in range(rng.randint(1, 6)):
        action = rng.random()
        at = rng.randint(0, len(text))
        if action < 0.35:
            text = text[:at] + rng.choice(HOSTILE) + text[at:]
        elif action < 0.5:
            text = text[:at] + symbol_run(rng) + text[at:]
        elif action < 0.65 and text:
            end = min(len(text), at + rng.randint(1, 400))
            text = text[:at] + text[end:]
        elif action < 0.8 and text:
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:at] + text[at:end] * rng.randint(2, 20) + text[end:]
        elif action < 0.9:
            text = "".join(rng.choice("ab <>[]()*_#`\n\r\t&;!?.:-|\"'\\/{}%$@^~=+é中\U0001F600") for _ in range(rng.randint(1, 300))) + text
        else:
            text = front_matter_attack(rng) + text
    return text


def encode(rng: random.Random, text: str) -> bytes | str:
    roll = rng.random()
    if roll < 0.05:
        return text + "\ud800"  # lone surrogate: only the text API can receive it
    data = text.encode("utf-8", errors="replace")
    if roll < 0.1:
        return data + bytes([0xE9, 0xFF])
    if roll < 0.13:
        return text.encode("utf-16")
    return data


def check_one(payload: tuple[int, int, bool]) -> dict:
    from medlint.linter import Source, decode, lint_sources

    seed, index, twice = payload
    rng = random.Random(seed * 1_000_003 + index)
    base = rng.choice(SEEDS)
    data = encode(rng, mutate(rng, base))
    path = f"doc{index}{rng.choice(SUFFIXES)}"
    result = {"index": index, "seconds": 0.0, "crash": None, "bad_position": None, "nondeterministic": False}
    started = time.perf_counter()
    try:
        findings = lint_sources([Source(path, data)])[0].findings
        result["seconds"] = time.perf_counter() - started
        text, _ = decode(data, path)
        lines = (text or "").split("\n")
        for f in findings:
            if not (1 <= f.line <= len(lines) and 1 <= f.column <= len(lines[f.line - 1]) + 1
                    and f.line <= f.end_line <= len(lines) and 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1):
                result["bad_position"] = f"{f.rule} {f.line}:{f.column}-{f.end_line}:{f.end_column}"
                break
        if twice:
            again = lint_sources([Source(path, data)])[0].findings
            result["nondeterministic"] = [f.sort_key() for f in again] != [f.sort_key() for f in findings]
    except Exception:  # noqa: BLE001 - counting crashes is the point
        result["seconds"] = time.perf_counter() - started
        result["crash"] = traceback.format_exc()
    if result["crash"] or result["bad_position"] or result["nondeterministic"]:
        result["data"] = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        result["path"] = path
    return result


SEEDS: list[str] = []


def _init() -> None:
    global SEEDS
    SEEDS = seeds()
    from medlint.linter import Source, lint_sources

    lint_sources([Source("warm.md", b"# Warm\n\nLecanemab is not yet approved.\n")])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    count = args.count if deadline is None else 10**9
    done = crashes = slow = bad = nondeterministic = 0
    slowest, total = 0.0, 0.0
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        work = ((args.seed, i, i % 50 == 0) for i in range(count))
        for result in pool.imap_unordered(check_one, work, chunksize=20):
            done += 1
            total += result["seconds"]
            slowest = max(slowest, result["seconds"])
            slow += result["seconds"] > 5
            crashes += bool(result["crash"])
            bad += bool(result["bad_position"])
            nondeterministic += bool(result["nondeterministic"])
            if "data" in result:
                args.out.mkdir(exist_ok=True)
                (args.out / result["path"]).write_bytes(result["data"])
                (args.out / (result["path"] + ".why.txt")).write_text(
                    result["crash"] or result["bad_position"] or "nondeterministic", encoding="utf-8")
            if done % 5000 == 0:
                print(f"{done} documents, {crashes} crashes, {slow} over 5 s, {bad} bad positions", flush=True)
            if deadline is not None and time.monotonic() > deadline:
                pool.terminate()
                break
    minutes = (time.monotonic() - started) / 60
    print(f"documents: {done} (seed {args.seed}, {args.jobs} jobs, {minutes:.1f} min)")
    print(f"crashes: {crashes}; documents over 5 s: {slow}; slowest: {slowest:.2f} s; "
          f"mean: {total / max(done, 1) * 1000:.0f} ms")
    print(f"findings outside their document: {bad}; nondeterministic (of every 50th): {nondeterministic}")
    return 0 if not (crashes or slow or bad or nondeterministic) else 1


if __name__ == "__main__":
    raise SystemExit(main())
