"""Print precision and recall of the claim checker on corpora/claims/ (and the misses with -v)."""

from __future__ import annotations

import argparse
from pathlib import Path

from medlint.claims.evaluation import load_sentences, run, score, table

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "corpora" / "claims")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    outcomes = run(load_sentences(args.folder))
    scores = score(outcomes)
    print(table(scores, outcomes))
    if args.verbose:
        by_id = {o.item.id: o for o in outcomes}
        for rule, s in scores.items():
            for kind, ids in (("FP", s.fp_ids), ("FN", s.fn_ids)):
                for ident in ids:
                    o = by_id[ident]
                    print(f"{kind} {rule}: {ident}: {o.item.text}\n    expect={sorted(o.item.expect)} found={sorted(o.found)}")


if __name__ == "__main__":
    main()
