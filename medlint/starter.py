"""The commented configuration `medlint init` writes."""

STARTER_CONFIG = """\
# medlint configuration. Paths and globs are relative to this file.
# Every key is optional; delete what you do not need.

# Rules or rule families to run (default: all). `medlint rules` lists them.
# select: [claims, readability, sections]

# Rules or families to skip.
ignore: []

# Change a rule's severity: error, warning or info.
# severity:
#   claims.hype: info

# Lowest severity that makes `medlint check` exit with 1: error, warning, info or never.
fail-level: error

# Files and folders never linted: globs in .gitignore syntax ("!" re-includes). Folders also
# skip what .gitignore ignores (`medlint check --no-gitignore` to lint it anyway).
exclude:
  - "drafts/**"

# Extra folders of YAML rule packs (your house style).
# rule-dirs: [style/medlint-rules]

# Options of individual rules (`medlint explain RULE` lists them).
# rules:
#   readability.long-sentence: {max-words: 30}

# Who the articles are for: patient (grade 8 target), caregiver (9), professional (none).
# audience: patient

# Article type when front matter has no `type:`: auto, condition, treatment, news or general.
# article-type: auto

# Required sections per type: add, remove, rename, synonyms, order.
# sections:
#   treatment: {add: [Dosage], remove: [alternatives]}

# Review metadata: front matter keys and the maximum age of the last review.
# metadata: {max-review-age-months: 24}

# Settings for some files only.
# overrides:
#   - files: ["news/**"]
#     ignore: [claims.hype]
"""
