"""``triangle validate``: check scenario files."""

from __future__ import annotations

import sys

import click

from triangle.cli.common import EXIT_BAD_INPUT, base_root, base_root_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on numbers that do not say where they come from (source:).",
)
@base_root_option
def validate(files: tuple[str, ...], strict: bool) -> None:
    """Check scenario files: print "OK file" or the errors; exit 0 if all are valid, else 2.

    A file is valid when it loads (format, names, payoffs, expressions) and compiles
    at its parameter values. With --strict, every number must also carry a source.

    \b
    Example:
      triangle validate scenarios/*.yaml --strict
    """
    from triangle.scenario import check_file

    failed = False
    for path in files:
        problems = check_file(path, strict=strict, base_root=base_root())
        for problem in problems:
            click.echo(problem, err=True)
        if problems:
            failed = True
        else:
            click.echo(f"OK {path}")
    if failed:
        sys.exit(EXIT_BAD_INPUT)
