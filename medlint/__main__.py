"""`python -m medlint` and the `medlint` command (see pyproject.toml)."""

import sys


def run() -> None:
    # a Ctrl-C while modules are imported could surface as any error of any module (an
    # exception in a class body's __set_name__ becomes a RuntimeError): it is held until the
    # command runs, and then ends the run as click ends one during it
    from .launch import interrupts_deferred, start_early
    from .startup_gc import paused_while_importing

    try:
        with interrupts_deferred():
            start_early(sys.argv[1:])  # before the rest of medlint is imported: see medlint.launch
            with paused_while_importing():
                from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    main()


if __name__ == "__main__":  # worker processes import this module again (spawn, forkserver)
    run()
