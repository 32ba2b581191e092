"""What a rule family adds to issue 2's pass, counted in CPU instructions instead of seconds.

    python benchmarks/instructions.py                                  # the issue 3/4/5 families
    python benchmarks/instructions.py --files 200 readability,plain-language claims
    python benchmarks/instructions.py --python .venv/bin/python --json out.json

Wall-clock figures on a shared VM drift by 20-30% between passes, more than the 25-30% budgets
the issues set. Instruction counts do not drift: the same code on the same corpus gives the same
count to within 0.01%. For each selection (issue 2's rules plus the named families), a worker
process lints the first ``--files`` articles of the benchmark corpus once to warm every cache
(rules, spaCy, syllables, lexicons), empties medlint's per-text count cache so that the measured
pass does not replay the warm-up, runs a full garbage collection, then lints the files again in
the CLI's batches. Valgrind's callgrind counts only that pass: the pass runs inside
``functools.reduce`` and callgrind collects only inside its C function ``functools_reduce``.

Instructions are not time (cache misses and memory are not in them), so the recorded figures
give both. Needs ``valgrind`` on PATH; standard library only, like ``run.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
from run import ISSUE2_SELECT, TODAY, WORKDIR

DEFAULT_FAMILIES = ["claims", "readability,plain-language", "sections,metadata,sources,trust,content"]
_COLLECTED = re.compile(r"Collected : (\d+)")

WORKER = """
import functools, gc, sys
from datetime import date
from pathlib import Path
from medlint.config import ConfigFinder
from medlint.files import collect
from medlint.linter import Source, lint_sources
try:
    from medlint.cli import BATCH
except ImportError:
    BATCH = 64
corpus, count, select, today = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
finder = ConfigFinder(None)
paths = sorted(collect([corpus], finder))[:count]
data = {path: path.read_bytes() for path in paths}
files = [(path, finder.for_path(path).with_cli(tuple(select.split(",")), (), None)) for path in paths]
batches = [files[at:at + BATCH] for at in range(0, len(files), BATCH)]
day = date.fromisoformat(today)

def one(_, batch):
    lint_sources([Source(str(path), data[path], config) for path, config in batch], today=day)

for batch in batches:
    one(None, batch)
from medlint.readability import counts
if hasattr(counts, "clear_cache"):
    counts.clear_cache()
elif hasattr(counts, "count_text"):  # older medlint: an lru_cache
    counts.count_text.cache_clear()
gc.collect()
functools.reduce(one, batches, None)
"""


def count(python: str, corpus: Path, files: int, select: str) -> int:
    """Instructions of one pass over ``files`` articles with ``select``."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               "--toggle-collect=functools_reduce", python, "-c", WORKER, str(corpus), str(files),
               select, TODAY]
    # a fixed hash seed: set and dict layouts, and with them the instruction count, vary with it
    environment = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(command, cwd=WORKDIR, capture_output=True, text=True, check=False,
                          env=environment)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise SystemExit(f"valgrind run for {select!r} failed: {tail}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("families", nargs="*", default=DEFAULT_FAMILIES,
                        help="selections added to issue 2's rules (comma-separated rule ids or families)")
    parser.add_argument("--files", type=int, default=100, help="articles per pass (default 100)")
    parser.add_argument("--corpus-files", type=int, default=1000,
                        help="size of the generated corpus the articles come from (default 1000)")
    parser.add_argument("--python", default=sys.executable, help="interpreter with medlint installed")
    parser.add_argument("--jobs", type=int, default=2, help="valgrind runs at a time (default 2)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not on PATH")
    corpus = generate.default_out(args.corpus_files).resolve()
    Path(WORKDIR).mkdir(parents=True, exist_ok=True)
    if generate.load_manifest(corpus, args.corpus_files, None) is None:
        print(f"generating {args.corpus_files} articles in {corpus} ...", file=sys.stderr)
        generate.generate(args.corpus_files, corpus, None)
    selections = {"issue 2's rules": ISSUE2_SELECT}
    selections.update({f"+ {family}": f"{ISSUE2_SELECT},{family}" for family in args.families})
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {name: pool.submit(count, args.python, corpus, args.files, select)
                   for name, select in selections.items()}
        counts = {name: future.result() for name, future in futures.items()}
    base = counts["issue 2's rules"]
    print(f"instructions of one pass over {args.files} articles (callgrind):")
    rows = []
    for name, value in counts.items():
        added = (value - base) / base
        rows.append({"selection": name, "select": selections[name], "instructions": value,
                     "added": added})
        extra = "" if value == base else f"  {added:+.1%}"
        print(f"  {name:<58} {value:>15,}{extra}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"files": args.files, "rows": rows}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
