"""The ``triangle`` command line: a thin layer over the library.

Each verb (one module each) parses its options, calls the library and prints. Bad
input (a scenario error, an unknown parameter, a bad option value) exits with status
2 and one line on stderr, ``file:line: what is wrong``; any other failure exits with
status 1. Heavy libraries (nashpy, pygambit, matplotlib) are imported inside the
verbs that need them, so ``triangle --help`` starts fast.
"""

from __future__ import annotations

import os
import sys

import click

from triangle import __version__
from triangle.cli import analyze, plot, solve, sweep, validate
from triangle.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, BadInput

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "EXIT_OK", "BadInput", "cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="triangle")
def cli() -> None:
    """Strategic-triangle game theory for three-actor scenarios.

    Write a scenario (actors, options, payoffs) as a YAML file, then:

    \b
      triangle solve scenarios/kissinger_1971.yaml      equilibria, roles, leader commitment
      triangle analyze scenarios/reverse_kissinger_2025.yaml --threshold rivalry
      triangle compare scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml
      triangle plot scenarios/*.yaml --kind gain-curve --parameter rivalry --out gain.png
      triangle sweep scenarios/reverse_kissinger_2025.yaml --parameter rivalry --format csv
      triangle validate scenarios/*.yaml                 check files, exit 2 on errors

    Exit status: 0 success, 2 bad input (file:line: message on stderr), 1 other failures.
    """


for command in (
    solve.solve,
    validate.validate,
    analyze.analyze,
    analyze.compare,
    plot.plot,
    sweep.sweep,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: conventional exit statuses, no tracebacks."""
    try:
        cli.main(args=argv, prog_name="triangle", standalone_mode=False)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except click.Abort:
        click.echo("triangle: aborted", err=True)
        sys.exit(EXIT_FAILURE)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_FAILURE)
    except Exception as err:  # noqa: BLE001 - the last line of defence of a CLI
        if os.environ.get("TRIANGLE_DEBUG"):
            raise
        click.echo(
            f"triangle: internal error: {type(err).__name__}: {err} "
            "(set TRIANGLE_DEBUG=1 for the traceback)",
            err=True,
        )
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_OK)
