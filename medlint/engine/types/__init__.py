"""Built-in rule types. Importing this package registers them."""

from . import builtin, conditional, existence, substitution  # noqa: F401
