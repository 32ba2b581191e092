"""Issue 2's rules against issue 2's rules plus other families, alternating pass by pass.

    python benchmarks/interleaved.py readability,plain-language
    python benchmarks/interleaved.py --passes 8 --files 400 claims readability,plain-language

``run.py`` measures each selection in its own worker, one after the other; on this VM a slow
spell can then fall on one selection only. Here one process lints the corpus with each selection
in turn, reversing the order every pass, and reports CPU seconds per pass (best and median).
With ``--by batch`` the selections take turns batch by batch (64 articles, a fraction of a
second each, the order reversed every batch), so that slow spells, which last seconds on this
VM, fall on all selections alike; the pass figures are then sums over the batches, and the
total over all passes is reported too, as is the median of the per-batch ratios (each batch of a
selection against the same batch of issue 2's rules, run next to it), the figure least moved by
slow spells.
All selections share one rule set and matcher hub, so issue 2's passes also run the phrase
patterns of the other families: a slight handicap for the baseline, which keeps the figure for
what the families add on the cautious side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
from run import ISSUE2_SELECT, TODAY

BATCH = 64  # articles per lint_sources call, as the CLI batches them


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("families", nargs="+", help="selections added to issue 2's rules")
    parser.add_argument("--passes", type=int, default=6, help="passes per selection (default 6)")
    parser.add_argument("--files", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--by", choices=("pass", "batch"), default="pass",
                        help="take turns pass by pass (default) or batch by batch")
    args = parser.parse_args(argv)

    from medlint.config import ConfigFinder
    from medlint.files import collect
    from medlint.linter import Source, lint_sources

    corpus = generate.default_out(args.files).resolve()
    if generate.load_manifest(corpus, args.files, None) is None:
        generate.generate(args.files, corpus, None)
    finder = ConfigFinder(None)
    paths = sorted(collect([corpus], finder))
    data = {path: path.read_bytes() for path in paths}
    selections = {"issue 2's rules": ISSUE2_SELECT}
    selections.update({f"+ {family}": f"{ISSUE2_SELECT},{family}" for family in args.families})
    files = {name: [(path, finder.for_path(path).with_cli(tuple(select.split(",")), (), None))
                    for path in paths] for name, select in selections.items()}
    today = date.fromisoformat(TODAY)

    def one_batch(batch: list) -> float:
        start = time.process_time()
        lint_sources([Source(str(path), data[path], config) for path, config in batch], today=today)
        return time.process_time() - start

    def one_pass(chosen: list) -> float:
        return sum(one_batch(chosen[at:at + BATCH]) for at in range(0, len(chosen), BATCH))

    for chosen in files.values():  # warm-up: rules, pipeline, caches
        one_pass(chosen[:20])
    seconds: dict[str, list[float]] = {name: [] for name in files}
    ratios: dict[str, list[float]] = {name: [] for name in files}  # --by batch: per batch, to the base
    order = list(files)
    for number in range(args.passes):
        if args.by == "pass":
            for name in (order if number % 2 == 0 else order[::-1]):
                seconds[name].append(one_pass(files[name]))
            continue
        totals = dict.fromkeys(order, 0.0)
        for turn, at in enumerate(range(0, len(paths), BATCH)):
            batch_seconds = {}
            for name in (order if (number + turn) % 2 == 0 else order[::-1]):
                batch_seconds[name] = one_batch(files[name][at:at + BATCH])
                totals[name] += batch_seconds[name]
            for name in order[1:]:
                ratios[name].append(batch_seconds[name] / batch_seconds[order[0]])
        for name, total in totals.items():
            seconds[name].append(total)
    base = seconds["issue 2's rules"]
    turns = "batch by batch" if args.by == "batch" else "pass by pass"
    print(f"CPU seconds per pass over {len(paths)} articles, {args.passes} passes each, "
          f"alternating {turns}:")
    for name, values in seconds.items():
        best, median = min(values), statistics.median(values)
        added = ("" if values is base else
                 f"  added {best / min(base) - 1:+.1%} (best), {median / statistics.median(base) - 1:+.1%} (median)")
        print(f"  {name:<45} best {best:.2f} s, median {median:.2f} s{added}")
        if values is not base:
            print(f"  {'':<45} all passes: {sum(values):.1f} s against {sum(base):.1f} s, "
                  f"added {sum(values) / sum(base) - 1:+.1%}")
        if ratios.get(name):
            quartiles = statistics.quantiles(ratios[name], n=4)
            print(f"  {'':<45} batch by batch ({len(ratios[name])} pairs): median added "
                  f"{quartiles[1] - 1:+.1%}, middle half {quartiles[0] - 1:+.1%} to {quartiles[2] - 1:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
