"""`python -m medlint` and the `medlint` command (see pyproject.toml)."""

import signal
import sys


def run() -> None:
    # a Ctrl-C while modules are imported could surface as any error of any module (an
    # exception in a class body's __set_name__ becomes a RuntimeError): it is held until the
    # command runs, and then ends the run as click ends one during it
    held: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    except ValueError:  # not the main thread (an embedding program): nothing to hold
        previous = None
    try:
        from .launch import start_early

        start_early(sys.argv[1:])  # before the rest of medlint is imported: see medlint.launch
        from .cli import main
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if held:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    main()


if __name__ == "__main__":  # worker processes import this module again (spawn, forkserver)
    run()
