"""medlint against the spaCy floor on one core (issue 17), and optionally against proselint.

    python benchmarks/floor.py                       # 1,000 articles, 5 passes each
    python benchmarks/floor.py --passes 9 --proselint
    python benchmarks/floor.py --files 200 --profile out.prof
    python benchmarks/floor.py --processes 5         # whole processes instead, cold

The floor is the least any spaCy-based linter of this prose must do: a blank English pipeline
(tokenizer and sentencizer, as ``medlint.nlp`` builds it, without medlint's own additions) run
with ``nlp.pipe`` over the prose medlint sees, one text per paragraph (medlint's blocks: the
headings, paragraphs and list items of the body, then the front matter's title and description),
with medlint's batch size. The texts are extracted once, before any timing.

medlint's pass is what ``medlint check --jobs 1`` does in process with the default config and all
rules: the files in batches of 64, each read as bytes, given its configuration and linted by
``lint_sources``. Reporting is left out (it is the same for any speed of linting).

This VM's speed drifts by up to 2x in spells lasting seconds, and other sessions share its two
cores. So one process runs both, taking turns batch by batch (64 articles; the order reverses
every batch), and the figures are CPU seconds of this process: each pass is the sum of its
batches, and the ratio is given for the median passes and for all passes together. Wall-clock
figures are printed as well. Everything is warm: a full floor pass and one medlint batch run
first, untimed, so the pipeline, the rules and spaCy's vocabulary are loaded for both; then what
exists is frozen out of the garbage collector's sight, as ``medlint check`` does after start-up.

``--processes N`` measures whole cold processes instead, N of each, alternating: ``python -m
medlint check CORPUS --jobs 1``-like (the CLI on the folder, output discarded) against a fresh
Python that imports spaCy, builds the pipeline and pipes the paragraphs (read from a JSON file
written beforehand). Start-up then counts on both sides, so the ratio is much smaller.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

TODAY = "2026-11-26"  # fixed, as in run.py, so date rules do the same work on every run
BATCH = 64  # files per lint_sources call, as medlint's runner batches them
PIPE_BATCH = 256  # texts per spaCy batch, as medlint.nlp.pipe uses
TARGET_RATIO = 3.0


class Clock:
    """CPU and wall seconds of one piece of work, summed per pass."""

    def __init__(self) -> None:
        self.cpu: list[float] = []
        self.wall: list[float] = []

    def new_pass(self) -> None:
        self.cpu.append(0.0)
        self.wall.append(0.0)

    def time(self, work) -> None:  # noqa: ANN001
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        self.cpu[-1] += time.process_time() - cpu
        self.wall[-1] += time.perf_counter() - wall


def floor_pipeline():  # noqa: ANN201
    """spaCy's blank English with its stock sentencizer, the length limit lifted as medlint does.
    spaCy is imported as medlint imports it, without its command-line package (0.3 s no linter
    needs), so that the whole-process floor is not slowed by it."""
    from medlint.nlp import _import_spacy

    spacy = _import_spacy()

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = sys.maxsize
    return nlp


def prose_texts(paths: list[Path]) -> list[list[str]]:
    """Each file's paragraphs as medlint reads them (parsed once, outside any timing)."""
    from medlint.document import parse_document
    from medlint.linter import decode

    texts = []
    for path in paths:
        text, _ = decode(path.read_bytes(), str(path))
        document = parse_document(text or "", str(path))
        texts.append([block.text for block in document.blocks + document.front_matter_prose])
    return texts


def proselint_linter():  # noqa: ANN201
    """proselint's per-file lint function (0.16's API), or None when it is not installed."""
    try:
        from proselint.checks import __register__
        from proselint.config import load_from
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    config = load_from(None)
    return lambda path: LintFile(path).lint(config)


def floor_process(paragraphs: Path) -> None:
    """The floor as a whole process (``--processes``): spaCy import, pipeline, one pass."""
    nlp = floor_pipeline()
    texts = json.loads(paragraphs.read_text(encoding="utf-8"))
    for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
        pass


def _child(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process, output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             cwd=generate.HERE / "out", env={**os.environ, "MEDLINT_NO_KB_WARNING": "1"})
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compare_processes(paths: list[Path], texts: list[list[str]], corpus: Path, runs: int) -> None:
    paragraphs = generate.HERE / "out" / f"floor-paragraphs-{len(paths)}.json"
    paragraphs.write_text(json.dumps([t for file in texts for t in file]), encoding="utf-8")
    # one core and no result cache, where this medlint has those options (issue 17 adds them)
    usage = subprocess.run([sys.executable, "-m", "medlint", "check", "--help"], capture_output=True, text=True,
                           cwd=generate.HERE / "out", check=False).stdout
    single = (["--jobs", "1"] if "--jobs" in usage else []) + (["--no-cache"] if "--no-cache" in usage else [])
    commands = {"spaCy floor": [sys.executable, str(Path(__file__).resolve()), "--floor-process", str(paragraphs)],
                "medlint": [sys.executable, "-m", "medlint", "check", *single, "--today", TODAY, str(corpus)]}
    print(f"medlint command: medlint check {' '.join(commands['medlint'][4:])}")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for number in range(runs):
        for name in (list(commands) if number % 2 == 0 else list(commands)[::-1]):
            times[name].append(_child(commands[name]))
            print(f"  .. {name}: {times[name][-1][0]:.2f} s", file=sys.stderr, flush=True)
    print(f"whole cold processes, {runs} of each, alternating (medians):")
    wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
    cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    for name in commands:
        print(f"  {name:<12} wall {wall[name]:7.2f} s   CPU {cpu[name]:7.2f} s")
    print(f"medlint / spaCy floor, whole processes: {wall['medlint'] / wall['spaCy floor']:.2f}x (wall), "
          f"{cpu['medlint'] / cpu['spaCy floor']:.2f}x (CPU)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--passes", type=int, default=5, help="timed passes of each (default 5)")
    parser.add_argument("--proselint", action="store_true",
                        help="also run proselint (the `bench` extra) in the same turns")
    parser.add_argument("--profile", type=Path, default=None, metavar="OUT.prof",
                        help="after the timed passes, write a cProfile of one medlint pass here")
    parser.add_argument("--processes", type=int, default=0, metavar="N",
                        help="compare N whole cold processes of each instead of in-process passes")
    parser.add_argument("--floor-process", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_process:
        floor_process(args.floor_process)
        return 0
    if args.files < 1 or args.passes < 1:
        parser.error("--files and --passes must be at least 1")

    from medlint.config import ConfigFinder
    from medlint.files import collect
    from medlint.linter import Source, lint_sources

    corpus = generate.default_out(args.files).resolve()
    manifest = generate.load_manifest(corpus, args.files, None)
    if manifest is None:
        manifest = generate.generate(args.files, corpus, None)
    finder = ConfigFinder(None)
    paths = sorted(collect([corpus], finder))
    configs = [finder.for_path(path).with_cli((), (), None) for path in paths]
    texts = prose_texts(paths)
    if args.processes:
        compare_processes(paths, texts, corpus, args.processes)
        return 0
    today = date.fromisoformat(TODAY)
    nlp = floor_pipeline()
    proselint = proselint_linter() if args.proselint else None
    if args.proselint and proselint is None:
        parser.error("--proselint: proselint is not importable (pip install -e '.[bench]')")

    def floor(at: int) -> None:
        for _ in nlp.pipe((t for file in texts[at:at + BATCH] for t in file), batch_size=PIPE_BATCH):
            pass

    def medlint(at: int) -> None:
        lint_sources([Source(str(p), p.read_bytes(), c)
                      for p, c in zip(paths[at:at + BATCH], configs[at:at + BATCH])], today=today)

    def prose(at: int) -> None:
        for path in paths[at:at + BATCH]:
            proselint(path)

    work = {"spaCy floor": floor, "medlint": medlint}
    if proselint is not None:
        work["proselint"] = prose
    for at in range(0, len(paths), BATCH):  # warm-up: spaCy's vocabulary learns the corpus words
        floor(at)
    medlint(0)  # rules, knowledge base, lexicons, matchers
    # what `medlint check` does once its rules are prepared (medlint.startup_gc): the objects of
    # start-up (spaCy, rules, data, and here proselint's too) leave the collector's sight, so its
    # full passes do not walk them again and again; the same for every contender
    gc.freeze()
    clocks = {name: Clock() for name in work}
    order = list(work)
    for number in range(args.passes):
        for clock in clocks.values():
            clock.new_pass()
        for turn, at in enumerate(range(0, len(paths), BATCH)):
            for name in (order if (number + turn) % 2 == 0 else order[::-1]):
                clocks[name].time(lambda: work[name](at))
        print(f"  .. pass {number + 1}: " + ", ".join(f"{n} {c.cpu[-1]:.2f} s" for n, c in clocks.items()),
              file=sys.stderr, flush=True)

    words = manifest["total_words"]
    blocks = sum(len(file) for file in texts)
    print(f"{len(paths)} articles, {words:,} prose words in {blocks:,} paragraphs; {args.passes} passes "
          f"each, taking turns batch by batch ({BATCH} articles); all rules, default config")
    print("CPU seconds per pass (median, best), and wall seconds (median):")
    for name, clock in clocks.items():
        print(f"  {name:<12} {statistics.median(clock.cpu):7.2f} s  {min(clock.cpu):7.2f} s   "
              f"wall {statistics.median(clock.wall):7.2f} s   {words / statistics.median(clock.cpu):>9,.0f} words/s")

    def ratio(name: str, base: str) -> tuple[float, float, float]:
        a, b = clocks[name], clocks[base]
        return (statistics.median(a.cpu) / statistics.median(b.cpu), sum(a.cpu) / sum(b.cpu),
                statistics.median(a.wall) / statistics.median(b.wall))

    median, total, wall = ratio("medlint", "spaCy floor")
    verdict = "met" if median <= TARGET_RATIO else "NOT MET"
    print(f"medlint / spaCy floor: {median:.2f}x (median passes, CPU), {total:.2f}x (all passes, CPU), "
          f"{wall:.2f}x (median passes, wall)  [target <= {TARGET_RATIO:.1f}x: {verdict}]")
    if proselint is not None:
        median, total, wall = ratio("medlint", "proselint")
        print(f"medlint / proselint:   {median:.2f}x (median passes, CPU), {total:.2f}x (all passes, CPU), "
              f"{wall:.2f}x (median passes, wall)")
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        for at in range(0, len(paths), BATCH):
            medlint(at)
        profiler.disable()
        args.profile.parent.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(args.profile))
        print(f"cProfile of one medlint pass: {args.profile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
