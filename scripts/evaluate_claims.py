"""Print precision and recall of the claim checker on labelled sentences, per rule and per
category (the sentences' tags), and the misses with -v.

    python scripts/evaluate_claims.py                          # corpora/claims (written here)
    python scripts/evaluate_claims.py corpora/claims-real -v   # real text, with every miss
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claims_evaluation import category_table, clean_controls, load_sentences, run, score, table

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "corpora" / "claims"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    items = [item for folder in args.folders for item in load_sentences(folder)]
    outcomes = run(items)
    scores = score(outcomes)
    print(table(scores, outcomes))
    print()
    print(category_table(outcomes))
    controls, flagged = clean_controls(outcomes)
    print(f"\n{controls} sentences mention an FDA action or a screening age and expect no error; {flagged} got one")
    missing = [o for o in outcomes if o.item.kb == "missing"]
    if missing:
        print(f"{len(missing)} outdated sentences whose fact is not in the knowledge base "
              f"({sum(bool(o.found or o.warned) for o in missing)} flagged anyway)")
    if args.verbose:
        by_id = {o.item.id: o for o in outcomes}
        for rule, s in scores.items():
            for kind, ids in (("FP", s.fp_ids), ("FN", s.fn_ids)):
                for ident in ids:
                    o = by_id[ident]
                    print(f"{kind} {rule}: {ident}: {o.item.text}\n    expect={sorted(o.item.expect)} "
                          f"found={sorted(o.found)} warned={sorted(o.warned)} source={o.item.source}")


if __name__ == "__main__":
    main()
