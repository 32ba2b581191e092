"""Cold one-file runs of two source trees, alternating, with their wall time and peak memory.

    git worktree add /tmp/base <commit>
    python benchmarks/cold_run.py /tmp/base . FILE [--runs 15] [--compile] [--spacy-floor]

Each run is a fresh `python -m medlint check FILE` with that tree first on PYTHONPATH (the same
interpreter and dependencies for both). The order alternates run by run so that slow spells of
the machine fall on both trees alike. Prints the median and best wall time and the largest peak
resident set size of each tree.

``--compile`` byte-compiles both trees' ``medlint`` package first, as pip does when it installs
one. Without it, where PYTHONDONTWRITEBYTECODE is set (as on the issue 17 machine) or the tree is
read-only, every run compiles medlint's modules from source, about 0.1-0.2 s of a cold run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


#: the runs start here, not in the current folder: ``python -m`` puts its folder first on
#: sys.path, so a checkout there would shadow the tree given on PYTHONPATH
NEUTRAL = Path(__file__).resolve().parent / "out"


def run(tree: Path, target: Path, cached: bool = False) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve()), "MEDLINT_NO_KB_WARNING": "1"}
    if not cached:  # a cold run lints: the result cache (issue 17) would serve the file from the second run on
        env["MEDLINT_NO_CACHE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "medlint", "check", str(target.resolve())], env=env, cwd=NEUTRAL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, in kB
    return elapsed, max(peak, before)


#: the least a cold spaCy-based run of one file does: import spaCy as medlint imports it, build the
#: blank English pipeline with spaCy's stock sentencizer, and pipe the file's paragraphs
FLOOR_CODE = """
import sys
from medlint.nlp import _import_spacy
spacy = _import_spacy()
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
text = open(sys.argv[1], encoding="utf-8").read()
for doc in nlp.pipe(part for part in text.split("\\n\\n") if part.strip()):
    pass
"""


def run_floor(tree: Path, target: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR_CODE, str(target.resolve())], env=env, cwd=NEUTRAL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path)
    parser.add_argument("head", type=Path)
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--compile", action="store_true", help="byte-compile both trees first")
    parser.add_argument("--cached", action="store_true",
                        help="leave the result cache on: from the second run on, the file is served from it")
    parser.add_argument("--spacy-floor", action="store_true",
                        help="also time, in turn with the trees, a fresh Python that only imports spaCy, "
                             "builds its blank pipeline and pipes the file's paragraphs")
    args = parser.parse_args()
    NEUTRAL.mkdir(parents=True, exist_ok=True)
    if args.compile:
        for tree in (args.base, args.head):
            compileall.compile_dir(str(tree / "medlint"), quiet=1)
    times: dict[str, list[float]] = {"base": [], "head": [], "spaCy floor": []}
    for number in range(args.runs):
        order = [("base", args.base), ("head", args.head)] + ([("spaCy floor", None)] if args.spacy_floor else [])
        for name, tree in order if number % 2 == 0 else reversed(order):
            if tree is None:
                times[name].append(run_floor(args.head, args.file))
                continue
            elapsed, _ = run(tree, args.file, args.cached)
            times[name].append(elapsed)
    for name in ("base", "head"):
        print(f"{name}: median {statistics.median(times[name]):.3f} s, best {min(times[name]):.3f} s "
              f"over {args.runs} runs")
    print(f"head - base: median {statistics.median(times['head']) - statistics.median(times['base']):+.3f} s")
    if args.spacy_floor:
        floor = statistics.median(times["spaCy floor"])
        print(f"spaCy floor: median {floor:.3f} s, best {min(times['spaCy floor']):.3f} s over {args.runs} runs "
              f"(head's median is {statistics.median(times['head']) - floor:+.3f} s more)")
    # peak memory: one more run of each, measured alone (ru_maxrss keeps the largest child)
    for name, tree in (("base", args.base), ("head", args.head)):
        code = ("import resource, runpy, sys; sys.argv = ['medlint', 'check', %r]\n"
                "try:\n    runpy.run_module('medlint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)") % str(args.file.resolve())
        env = {**os.environ, "PYTHONPATH": str(tree.resolve()), "MEDLINT_NO_KB_WARNING": "1",
               **({} if args.cached else {"MEDLINT_NO_CACHE": "1"})}
        out = subprocess.run([sys.executable, "-c", code],
                             env=env, cwd=NEUTRAL, capture_output=True, text=True, check=False)
        print(f"{name}: peak memory {int(out.stdout.strip().splitlines()[-1]) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
