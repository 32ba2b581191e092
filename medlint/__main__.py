"""`python -m medlint` and the `medlint` command (see pyproject.toml)."""

import sys


def run() -> None:
    try:
        from .launch import start_early

        start_early(sys.argv[1:])  # before the rest of medlint is imported: see medlint.launch
        from .cli import main
    except KeyboardInterrupt:  # Ctrl-C before the command runs: as click ends one during it
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    main()


if __name__ == "__main__":  # worker processes import this module again (spawn, forkserver)
    run()
