"""The fork server's warm-up builds, once, what every worker would otherwise build again on first
use: the claim patterns and the approval index."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from medlint.claims.lazyre import compile_all, lazy_compile


def test_compile_all_compiles_every_pattern_made_so_far() -> None:
    made = [lazy_compile(r"\bfda[- ]approved\b", re.IGNORECASE), lazy_compile(r"(?P<year>\d{4})")]
    assert all("_compiled" not in vars(pattern) for pattern in made)
    compile_all()
    for pattern in made:
        assert "_compiled" in vars(pattern)
        assert pattern.compiled.pattern == pattern.pattern
    assert made[0].search("It is FDA-Approved.").group() == "FDA-Approved"
    assert made[1].groupindex == {"year": 1}


def test_the_warm_up_leaves_the_shared_data_built_and_frozen() -> None:
    # in a process of its own, as the fork server runs it
    script = textwrap.dedent("""
        import gc
        from medlint import parallel
        from medlint.claims import lazyre
        from medlint.kb.approvals import load_index
        parallel.warm_up()
        print(load_index.cache_info().currsize,
              all("_compiled" in vars(p) for p in lazyre._made), len(lazyre._made) > 60,
              gc.get_freeze_count() > 0, gc.isenabled())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "True", "True", "True", "True"]
