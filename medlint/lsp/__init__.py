"""`medlint server`: a Language Server Protocol server over stdio (needs the ``lsp`` extra, pygls).

positions.py converts medlint's 1-based code-point columns to LSP positions; diagnostics.py turns
findings into diagnostics, hovers and edits; documents.py lints open documents with the
configuration the CLI would use; server.py wires these to pygls.
"""
