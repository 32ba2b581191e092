"""``builtin``: findings the engine itself raises (unreadable files, bad front matter, ...).

They are declared in YAML like every rule so that `medlint rules` and `medlint explain` show
them and configuration can select, ignore or re-grade them.
"""

from __future__ import annotations

from ..rule import Rule, register


@register
class BuiltinRule(Rule):
    type_name = "builtin"
    scopes = ("document",)
    default_scope = "document"
    placeholders = ("detail",)
