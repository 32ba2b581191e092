"""The fork server's warm-up loads, once, what every worker would otherwise load again on first
use: its article reaches the approval index, and what it loads is frozen for the workers."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_warm_up_loads_the_approval_index_and_freezes_it() -> None:
    # in a process of its own, as the fork server runs it
    script = textwrap.dedent("""
        import gc
        from medlint import parallel
        from medlint.kb.approvals import load_index
        parallel.warm_up()
        frozen = gc.get_freeze_count()
        print(load_index.cache_info().currsize, frozen > 0, gc.isenabled())
        index = load_index()
        print(any(index is thing for thing in gc.get_objects()))  # frozen objects are not listed
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "True", "True", "False"]
