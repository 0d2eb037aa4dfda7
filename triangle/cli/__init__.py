"""The ``triangle`` command line: a thin layer over the library.

Each verb (one module each) parses its options, calls the library and prints. Bad
input (a scenario error, an unknown parameter, a bad option value) exits with status
2 and one line on stderr, ``file:line: what is wrong`` (``triangle VERB: what is wrong``
for a problem that is not in a file; see :class:`~triangle.cli.common.BadInput`); any
other failure exits with status 1; a reader that closes the pipe early (``| head``) ends
it quietly, status 0.
Heavy libraries (nashpy, pygambit, matplotlib) are imported inside the verbs that need
them, so ``triangle --help`` starts fast.
"""

from __future__ import annotations

import os
import sys

import click

from triangle import __version__
from triangle.cli import analyze, plot, schema, solve, sweep, validate
from triangle.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, BadInput
from triangle.errors import bounded

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "EXIT_OK", "BadInput", "cli", "main"]


class _Command(click.Group):
    """The ``triangle`` group: its :meth:`main` (what the console script and click's test
    runner call) gives every outcome its status and one-line message (:func:`main`)."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> int:
        status = _outcome(self, sys.argv[1:] if args is None else list(args))
        if standalone_mode:
            sys.exit(status)
        return status


@click.group(
    cls=_Command,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="triangle")
def cli() -> None:
    """Strategic-triangle game theory for scenarios of two to eight actors.

    Write a scenario (actors, options, payoffs) as a YAML file, then:

    \b
      triangle solve scenarios/kissinger_1971.yaml      equilibria, roles, leader commitment
      triangle analyze scenarios/reverse_kissinger_2025.yaml --threshold rivalry
      triangle compare scenarios/kissinger_1971.yaml scenarios/reverse_kissinger_2025.yaml
      triangle plot scenarios/*.yaml --kind gain-curve --parameter rivalry --out gain.png
      triangle sweep scenarios/reverse_kissinger_2025.yaml --parameter rivalry --format csv
      triangle validate scenarios/*.yaml                 check files, exit 2 on errors
      triangle schema --out triangle-scenario.schema.json

    Exit status: 0 success, 2 bad input (file:line: message on stderr), 1 other failures.
    """


for command in (
    solve.solve,
    validate.validate,
    analyze.analyze,
    analyze.compare,
    plot.plot,
    sweep.sweep,
    schema.schema,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: conventional exit statuses, no tracebacks.

    Every error is one line on stderr, whatever its cause (a usage error too, with a
    pointer to ``--help``), and quotes what the user wrote only in excerpts. When the
    reader of stdout stops reading (``triangle sweep ... | head``), the command ends
    quietly with status 0: it gave what was asked for, and whether the pipe closed
    before or after the last line depends on timing alone.
    """
    cli.main(argv)


def _outcome(group: click.Group, args: list[str]) -> int:
    """Run the command line; the exit status, every failure reported on one line."""
    try:
        status = _run(group, args)
    except SystemExit as done:  # a verb that ends with a status of its own (validate)
        status = done.code if isinstance(done.code, int) else EXIT_OK
    except BrokenPipeError:
        status = _closed_pipe()
    try:
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
    except BrokenPipeError:
        status = _closed_pipe()
    return status


_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())
"""What click raises for a group called without a command (click 8.2 and later)."""


def _closed_pipe() -> int:
    """The reader of stdout has gone: nothing more can be written, nothing is wrong."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so that the exit has nothing left to flush
    return EXIT_OK


def _run(group: click.Group, args: list[str]) -> int:
    # make_context and invoke rather than click's own main, which turns a closed pipe
    # into status 1 and prints usage errors on several lines
    try:
        with group.make_context("triangle", args) as ctx:
            group.invoke(ctx)
    except click.exceptions.Exit as err:
        return err.exit_code
    except (click.Abort, KeyboardInterrupt, EOFError):
        click.echo("triangle: aborted", err=True)
        return EXIT_FAILURE
    except _NO_ARGS as err:  # `triangle` alone: its help, as click shows it
        err.show()
        return err.exit_code
    except click.UsageError as err:
        command = err.ctx.command_path if err.ctx is not None else "triangle"
        click.echo(f"{command}: {bounded(err.format_message())} (see '{command} --help')", err=True)
        return err.exit_code
    except click.ClickException as err:
        err.message = bounded(err.message)
        err.show()
        return err.exit_code
    except BrokenPipeError:
        raise
    except Exception as err:  # noqa: BLE001 - the last line of defence of a CLI
        if os.environ.get("TRIANGLE_DEBUG"):
            raise
        click.echo(
            f"triangle: internal error: {type(err).__name__}: {bounded(str(err))} "
            "(set TRIANGLE_DEBUG=1 for the traceback)",
            err=True,
        )
        return EXIT_FAILURE
    return EXIT_OK
