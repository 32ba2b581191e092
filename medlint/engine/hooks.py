"""Steps that annotate a parsed document before any rule runs, registered by rule families.

The structure family marks page residue (share buttons, comment forms, cookie notices) here, so
that every prose rule can leave those blocks alone whichever rules are selected.
"""

from __future__ import annotations

from typing import Callable

from ..document import Document

DocumentHook = Callable[[Document], None]
_HOOKS: list[DocumentHook] = []


def register_document_hook(hook: DocumentHook) -> None:
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def annotate(document: Document) -> None:
    for hook in _HOOKS:
        hook(document)
