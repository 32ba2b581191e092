"""Structure evidence must not depend on Python's string hash seed (set iteration order)."""

import os
import subprocess
import sys

SCRIPT = '''
import json
from medlint.linter import Source, lint_sources
text = ("# Veteran housing grants\\n\\n"
        "You may be eligible for a grant. To apply, check if you are eligible and then apply online. "
        "Veterans who are eligible can apply by mail. Claims take time. We review each claim.\\n")
(result,) = lint_sources([Source("page.md", text)])
print(json.dumps(result.metrics["structure"]["evidence"]))
'''


def test_tied_administrative_words_keep_one_order_whatever_the_hash_seed():
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(done.stdout)
    assert len(outputs) == 1
    # the two words tie (each twice); the first one seen comes first
    assert "its text is about 'eligible' and 'apply'" in outputs.pop()
