"""Issue 17's parallel and cache benchmark: `--jobs 1` against `--jobs 2`, cold against warm cache.

    python benchmarks/parallel_cache.py                  # 1,000 generated articles, one run each
    python benchmarks/parallel_cache.py --files 200 --repeat 3

Each figure is the wall time of a whole `python -m medlint check CORPUS --format json` process
(start-up included, as a user or a CI job sees it), the median of --repeat runs:

- `--jobs 1 --no-cache` against `--jobs 2 --no-cache` (target: at least 1.7x faster), and the
  two JSON reports must be byte-identical;
- a cold run into an empty cache folder against a warm re-run over the same folder (target: at
  most 0.1x the cold time; both with --jobs given by --cache-jobs, 1 by default), whose reports
  must equal the first one.

The corpus is written by benchmarks/generate.py (benchmarks/out/corpus-N/) when missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-26"  # findings that depend on the date stay put


def corpus(files: int) -> Path:
    folder = HERE / "out" / f"corpus-{files}"
    if not (folder / "corpus.json").is_file():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--files", str(files), "--out", str(folder)],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def run(folder: Path, *options: str) -> tuple[float, bytes]:
    command = [sys.executable, "-m", "medlint", "check", str(folder), "--format", "json", "--today", TODAY,
               "--no-progress", *options]
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE.parent)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed, done.stdout


def median_run(repeat: int, folder: Path, *options: str, fresh_cache: Path | None = None) -> tuple[float, bytes]:
    times, output = [], b""
    for _ in range(repeat):
        if fresh_cache is not None:
            shutil.rmtree(fresh_cache, ignore_errors=True)
        elapsed, output = run(folder, *options)
        times.append(elapsed)
    return statistics.median(times), output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each kind; the median is shown")
    parser.add_argument("--cache-jobs", type=int, default=1, help="--jobs of the cold and warm runs")
    args = parser.parse_args()
    folder = corpus(args.files)
    print(f"corpus: {folder} ({args.files} files); medlint from {sys.executable}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")

    serial, serial_json = median_run(args.repeat, folder, "--jobs", "1", "--no-cache")
    parallel, parallel_json = median_run(args.repeat, folder, "--jobs", "2", "--no-cache")
    same = serial_json == parallel_json
    print(f"--jobs 1: {serial:.2f} s   --jobs 2: {parallel:.2f} s   speed-up {serial / parallel:.2f}x "
          f"(target >= 1.7x)   identical JSON: {same}")

    with tempfile.TemporaryDirectory(prefix="medlint-bench-cache-") as scratch:
        cache = Path(scratch) / "cache"
        jobs = ("--jobs", str(args.cache_jobs), "--cache-dir", str(cache))
        cold, cold_json = median_run(args.repeat, folder, *jobs, fresh_cache=cache)
        warm, warm_json = median_run(args.repeat, folder, *jobs)
    cached_same = cold_json == serial_json and warm_json == serial_json
    print(f"cold cache: {cold:.2f} s   warm cache: {warm:.2f} s   warm/cold {warm / cold:.3f} "
          f"(target <= 0.1)   identical JSON: {cached_same}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other processes on the same cores slow "
          "every figure, --jobs 2 most)")
    if not (same and cached_same):
        sys.exit("the reports differ")


if __name__ == "__main__":
    main()
