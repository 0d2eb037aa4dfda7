"""``triangle schema``: the JSON Schema of scenario files, for editors and other tools."""

from __future__ import annotations

import json

import click

from triangle.cli.common import bad_input_is_exit_2


def schema_text() -> str:
    """The schema as the command writes it: indented JSON, UTF-8, one final newline."""
    from triangle.scenario.schema import scenario_schema

    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


@click.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Write the schema to FILE (atomically) instead of printing it.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@bad_input_is_exit_2
def schema(out: str | None, force: bool) -> None:
    """Print the JSON Schema of scenario files, for editors and other tools.

    The schema (JSON Schema, draft 2020-12) describes the shape of a scenario file: the
    keys each mapping allows and requires, what each means, and the kind of each value.
    An editor that knows it completes keys, shows what they mean, and marks a misspelt
    key, a missing one or a value of the wrong kind as you type. Save it once, then make
    this the first line of a scenario file (a path relative to that file, or a URL):

    \b
      # yaml-language-server: $schema=triangle-scenario.schema.json

    VS Code's YAML extension, and any editor that uses yaml-language-server, reads it.

    The schema is made from the tables the loader checks files with, but it is looser:
    triangle validate stays the authority, and also checks what a schema cannot say
    (one payoff per player, names that must be players, strategies or parameters, the
    expression grammar, ranges). See "Validate scenarios in your editor" in
    docs/scenario-format.md.

    The file is written atomically, and an existing file is never overwritten without
    --force.

    \b
    Examples:
      triangle schema --out triangle-scenario.schema.json
      triangle schema | python -m json.tool --sort-keys
    """
    text = schema_text()
    if out is None:
        click.echo(text, nl=False)
        return
    from triangle.atomic import write_atomically

    written = write_atomically(out, lambda handle: handle.write(text.encode("utf-8")), force=force)
    click.echo(f"wrote {written}")
