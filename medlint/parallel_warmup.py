"""Imported by the fork server of `check --jobs N` (its preload): builds what the workers need
once, so that each worker, a fork of that server, starts ready. See medlint.parallel.warm_up."""

from .parallel import warm_up

warm_up()
