"""Structure rules: required sections, metadata, sources, disclaimer and page residue.

Importing the package registers the rule types used by ``rules/packs/structure.yaml`` and the
configuration keys ``article-type``, ``sections`` and ``metadata``, and marks page residue in
every document before the rules run.
"""

from ..engine.hooks import register_document_hook
from . import rules_content, rules_metadata, rules_sections
from .settings import register

register()
register_document_hook(rules_content.mark_residue)

__all__ = ["rules_content", "rules_metadata", "rules_sections"]
