"""Structure rules: required sections, metadata, sources, disclaimer and page residue.

Importing the package registers the rule types used by ``rules/packs/structure.yaml`` and the
configuration keys ``article-type``, ``sections`` and ``metadata``.
"""

from . import rules_content, rules_metadata, rules_sections
from .settings import register

register()

__all__ = ["rules_content", "rules_metadata", "rules_sections"]
