"""The cyclic garbage collector during a run's start-up.

Start-up (spaCy's import and pipeline, the rule packs, the matchers, the knowledge base and the
lexicons) makes a few hundred thousand objects that live as long as the process. Each of the
collector's passes walks the objects of its generation, and the full passes walk all of them:
a cold one-file `check` spent over 0.1 s in collections that found almost nothing, the largest
while the first file was linted. So a command that lints pauses the collector (``pause``), and
once the rules are prepared (``ready``, called by ``linter.prepare``) everything made so far is
moved out of the collector's sight (``gc.freeze``: those objects are never garbage) and
collecting starts again, for the files. A forked worker inherits the frozen objects, whose
memory pages its collections then leave alone.

Outside such a command (a library caller, the language server) ``ready`` does nothing: nothing
is paused, nothing is frozen. The pause ends, at the latest, with the command, and a process
freezes once (objects that were garbage then are kept: a bounded cost, paid once).
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator

_paused = False
_frozen = False  # freeze once per process: a process that runs several commands (tests) keeps no more


@contextlib.contextmanager
def paused_while_importing() -> Iterator[None]:
    """No collections while the command's modules are imported: the objects an import makes
    (functions, classes, module constants) live as long as the process, so passes over them
    find nothing (a cold check ran forty of them before ``pause``)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pause() -> None:
    """Stop collecting until ``ready`` (or the end of the current click command)."""
    global _paused
    if _paused or not gc.isenabled():
        return
    gc.disable()
    _paused = True
    try:
        import click

        context = click.get_current_context(silent=True)
    except ImportError:  # pragma: no cover - click is a dependency
        context = None
    if context is not None:
        context.call_on_close(resume)  # a command that stops before linting (a config error)


def ready() -> None:
    """Start-up is done: freeze what exists and collect again (only after ``pause``)."""
    global _paused, _frozen
    if not _paused:
        return
    _paused = False
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.enable()


def resume() -> None:
    """Collect again without freezing (the command ended before its start-up did)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
