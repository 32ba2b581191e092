"""`medlint server`: the language server, imported only when asked for (pygls is an extra)."""

from __future__ import annotations

import importlib.util

import click

from .cli_common import Failure


@click.command("server")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only transport).")
def server(stdio: bool) -> None:
    """Run the language server (LSP over standard input and output) for editors."""
    if importlib.util.find_spec("pygls") is None:
        raise Failure("the language server needs pygls: install medlint with the lsp extra "
                      "(pip install -e '.[lsp]' in the medlint repository)")
    from .lsp.server import serve

    serve()
