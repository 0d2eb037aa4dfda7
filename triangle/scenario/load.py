"""Reading scenario files (format version 1) into validated :class:`Scenario` objects.

Every problem with a file is a :class:`~triangle.errors.ScenarioError` whose text
is ``path:line: what is wrong``; nothing in a file can cause a traceback. See
``docs/reference/scenario-format.md`` for the format.

One module reads the whole format (common keys, parameters, the move, variants with
``base:``) so that every key is checked in one place, in the order it is written;
the two payoff forms are read by :mod:`~triangle.scenario.table` and
:mod:`~triangle.scenario.relations`, and the files themselves (which files may be
read, where ``base:`` may point) by :mod:`~triangle.scenario.files`. Which keys each
mapping allows and requires, and what kind of value each holds, are the tables of
:mod:`~triangle.scenario.spec`, which the JSON Schema of scenario files is made from.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Iterable
from types import MappingProxyType

from triangle.errors import ScenarioError, TriangleInputError, excerpt
from triangle.numbers import plain
from triangle.scenario.distributions import read_correlations, read_distribution
from triangle.scenario.expressions import FUNCTIONS
from triangle.scenario.fields import Reader
from triangle.scenario.files import MAX_FILE_BYTES, base_path, file_problem, read_text
from triangle.scenario.model import Move, Parameter, Scenario
from triangle.scenario.nodes import (
    Map,
    Node,
    Scalar,
    compose,
    describe,
    kind_of,
    suggest,
    to_python,
)
from triangle.scenario.relations import read_relations
from triangle.scenario.spec import (
    EXPECTED,
    FORM_NAMES,
    FORMAT_VERSION,
    FORMS,
    IDENTIFIER,
    INHERITED,
    MAX_NAME,
    MAX_PARAMETERS,
    MOVE,
    PARAMETER,
    PARAMETERS,
    RESERVED,
    SCENARIO,
    VARIANT,
    get_form,
)
from triangle.scenario.table import read_table

__all__ = [
    "FORMAT_VERSION",
    "MAX_BASE_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_PARAMETERS",
    "check_file",
    "load_scenario",
    "loads_scenario",
    "parse_override",
    "parse_overrides",
]

MAX_BASE_DEPTH = 4
"""Most scenarios that may be stacked with ``base:``."""

_IDENTIFIER = re.compile(IDENTIFIER + r"\Z")


def load_scenario(
    path: str | os.PathLike, *, base_root: str | os.PathLike | None = None
) -> Scenario:
    """Read and validate the scenario file at ``path``.

    Parameters
    ----------
    path : str or os.PathLike
        A regular file (not a directory, FIFO or device), at most 1 MiB of UTF-8 text.
    base_root : str or os.PathLike, optional
        The folder under which the files named by ``base:`` may lie (see
        :func:`~triangle.scenario.files.base_path`); by default each must lie in the
        folder tree of the file that names it.

    Raises
    ------
    ScenarioError
        When the file cannot be read, is not a regular file, is larger than 1 MiB, is
        not UTF-8 text, or is not a valid scenario; the message starts with
        ``path:line:``.
    """
    root = None if base_root is None else os.path.realpath(os.fspath(base_root))
    return _load_file(os.fspath(path), (), root)


def _load_file(name: str, chain: tuple[str, ...], base_root: str | None) -> Scenario:
    """:func:`load_scenario`, knowing the files that named this one as their ``base``."""
    return _loads(read_text(name), name, chain, base_root)


def loads_scenario(
    text: str, path: str = "<string>", *, base_root: str | os.PathLike | None = None
) -> Scenario:
    """Read and validate a scenario from YAML ``text``; ``path`` names it in errors (and,
    for ``base:``, where it is: the current folder when it is not a file's path).

    Examples
    --------
    >>> s = loads_scenario('''
    ... format: 1
    ... title: Prisoner's dilemma
    ... players: [Row, Column]
    ... form: table
    ... strategies: {Row: [C, D], Column: [C, D]}
    ... payoffs:
    ...   "C, C": [3, 3]
    ...   "C, D": [0, 5]
    ...   "D, C": [5, 0]
    ...   "D, D": [1, 1]
    ... ''', path="pd.yaml")
    >>> s.compile().payoff(("D", "C")).tolist()
    [5.0, 0.0]
    >>> loads_scenario("{format: 1, title: x, form: relations, players: [A, A, B]}", "x.yaml")
    Traceback (most recent call last):
    ...
    triangle.errors.ScenarioError: x.yaml:1: duplicate player 'A'
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise ScenarioError(f"scenario is larger than {MAX_FILE_BYTES} bytes (1 MiB)", path=path)
    root = None if base_root is None else os.path.realpath(os.fspath(base_root))
    return _loads(text, path, (), root)


def _loads(text: str, path: str, chain: tuple[str, ...], base_root: str | None) -> Scenario:
    root = compose(text, path)
    if root is None:
        raise ScenarioError("the file is empty (expected a scenario mapping)", path=path, line=1)
    return _Loader(path, chain, base_root).load(root)


def check_file(
    path: str | os.PathLike, *, strict: bool = False, base_root: str | os.PathLike | None = None
) -> list[str]:
    """Everything wrong with a scenario file, as one ``file:line: message`` per problem.

    A file is valid when it loads (format, names, payoffs, expressions) and compiles
    at its parameter values; with ``strict``, every number must also carry a source
    (:meth:`~triangle.scenario.Scenario.unsourced`). An empty list means valid.
    ``base_root`` is that of :func:`load_scenario`.
    """
    name = os.fspath(path)
    try:
        scenario = load_scenario(name, base_root=base_root)
        scenario.compile()
    except TriangleInputError as err:
        text = str(err)
        return [text if text.startswith(name) else f"{name}: {text}"]
    if not strict:
        return []
    return [str(ScenarioError(why, path=name, line=line)) for line, why in scenario.unsourced()]


def parse_override(item: str) -> tuple[str, float]:
    """One parameter override from a ``NAME=VALUE`` string.

    >>> parse_override("split=2.5")
    ('split', 2.5)
    >>> parse_override("split=nan")
    Traceback (most recent call last):
    ...
    triangle.errors.TriangleInputError: 'split=nan': VALUE must be a finite number
    """
    name, sep, raw = str(item).partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not _IDENTIFIER.match(name) or not raw:
        raise TriangleInputError(f"{excerpt(item)}: expected NAME=VALUE")
    try:
        value = float(raw)
    except ValueError:
        raise TriangleInputError(f"{excerpt(item)}: VALUE must be a number") from None
    if not math.isfinite(value):
        raise TriangleInputError(f"{excerpt(item)}: VALUE must be a finite number")
    return name, value


def parse_overrides(items: Iterable[str]) -> dict[str, float]:
    """Parameter overrides from ``NAME=VALUE`` strings (as given to ``--param``).

    >>> parse_overrides(["split=2.5", "w=1e-1"])
    {'split': 2.5, 'w': 0.1}
    >>> parse_overrides(["x"])
    Traceback (most recent call last):
    ...
    triangle.errors.TriangleInputError: --param 'x': expected NAME=VALUE
    """
    out: dict[str, float] = {}
    for item in items:
        try:
            name, value = parse_override(item)
        except TriangleInputError as err:
            raise TriangleInputError(f"--param {err}") from None
        if name in out:
            raise TriangleInputError(f"--param {excerpt(item)}: {name} is given more than once")
        out[name] = value
    return out


class _Loader:
    def __init__(self, path: str, chain: tuple[str, ...] = (), base_root: str | None = None):
        self.path = path
        self.chain = chain
        self.base_root = base_root
        self.reader = Reader(path)

    def fail(self, message: str, line: int | None) -> ScenarioError:
        return ScenarioError(message, path=self.path, line=line)

    def load(self, root: Node) -> Scenario:
        r = self.reader
        if not isinstance(root, Map):
            # say what the file holds, not what it says: it may be any file at all
            raise self.fail(
                f"a scenario must be a mapping of keys (format, title, players, ...), "
                f"got {kind_of(root)}",
                root.line,
            )
        self.check_format(root)
        if root.get("base") is not None:
            return self.load_variant(root)
        form = self.read_form(root)
        elsewhere = {
            k: f"belongs to form: {other.name}, not form: {form}"
            for other in FORMS
            if other.name != form
            for k in other.keys.names
        }
        # A form's own required keys (the table's strategies and payoffs) are checked
        # by its reader, after the players and parameters they refer to.
        fields = r.fields(
            root, "the scenario", SCENARIO, also=get_form(form).keys, elsewhere=elsewhere
        )
        lines = {k: root.key_line(k) for k in fields}

        title, description = self.read_texts(fields, lines, SCENARIO)
        sources: tuple[str, ...] = ()
        if "sources" in fields:
            sources = self.read_sources(fields["sources"], lines["sources"], SCENARIO)
        players = self.read_players(fields["players"], form, lines["players"])
        parameters: dict[str, Parameter] = {}
        if "parameters" in fields:
            parameters = self.read_parameters(fields["parameters"], lines["parameters"])
        r.names = tuple(parameters)

        if form == "table":
            strategies, stances, program = read_table(r, fields, lines, players)
        else:
            strategies, stances, program = read_relations(r, fields, lines, players)

        move = None
        if "move" in fields:
            move = self.read_move(fields["move"], players, strategies, lines["move"])
        expected = {}
        if "expected" in fields:
            expected = self.read_expected(fields["expected"], lines["expected"])
        correlations: tuple = ()
        if "correlations" in fields:
            correlations = read_correlations(
                r, fields["correlations"], lines["correlations"], parameters
            )
        return Scenario(
            path=self.path,
            title=title,
            description=description,
            form=form,
            players=players,
            strategies=strategies,
            parameters=parameters,
            move=move,
            expected=expected,
            sources=sources,
            stances=stances,
            program=program,
            correlations=correlations,
        )

    # -- variants of another scenario ------------------------------------------------------
    def load_variant(self, root: Map) -> Scenario:
        """A scenario written as another one (``base:``) with some parameters changed.

        The variant keeps the base's players, form, payoffs and parameter ranges; it
        may give a new title, description, sources, move and expected result, and new
        values (with their sources) for parameters the base declares.
        """
        r = self.reader
        fields = r.fields(
            root,
            "a scenario with base:",
            VARIANT,
            elsewhere={
                k: "comes from the base scenario; a variant may only change parameters, "
                "move, expected, title, description and sources"
                for k in INHERITED
            },
        )
        lines = {k: root.key_line(k) for k in fields}
        base = self.read_base(fields["base"], lines["base"])
        changes: dict[str, Parameter] = {}
        if "parameters" in fields:
            changes = self.read_parameters(
                fields["parameters"], lines["parameters"], base.parameters
            )
        parameters = dict(base.parameters)
        for name, new in changes.items():
            old = parameters.get(name)
            if old is None:
                known = ", ".join(parameters) or "none"
                raise self.fail(
                    f"parameter {excerpt(name)} is not a parameter of the base scenario "
                    f"{base.path}{suggest(name, parameters)}; its parameters: {known}",
                    new.line,
                )
            if new.range is not None:
                raise self.fail(
                    f"a variant cannot change the range of {excerpt(name)} (it is the base's, "
                    f"{list(old.range) if old.range else 'none'})",
                    new.line,
                )
            if old.range is not None and not old.range[0] <= new.value <= old.range[1]:
                raise self.fail(
                    f"value {plain(new.value)} of parameter {excerpt(name)} is outside its range "
                    f"[{plain(old.range[0])}, {plain(old.range[1])}] (from {base.path})",
                    new.line,
                )
            changes[name] = dataclasses.replace(
                old,
                value=new.value,
                source=new.source,
                description=new.description or old.description,
                unit=new.unit or old.unit,
                line=new.line,
                # a new value is a different world: the base's distribution does not
                # carry over unless the variant states one
                distribution=new.distribution,
            )
        parameters.update(changes)
        title, description = self.read_texts(fields, lines, VARIANT)
        sources = base.sources
        if "sources" in fields:
            sources = self.read_sources(fields["sources"], lines["sources"], VARIANT)
        move = base.move
        self.reader.names = tuple(parameters)
        if "move" in fields:
            move = self.read_move(fields["move"], base.players, base.strategies, lines["move"])
        expected = {}
        if "expected" in fields:
            expected = self.read_expected(fields["expected"], lines["expected"])
        if "correlations" in fields:
            correlations = read_correlations(
                r, fields["correlations"], lines["correlations"], parameters
            )
        else:  # the base's, between parameters that still have distributions
            correlations = tuple(
                c
                for c in base.correlations
                if parameters[c.first].distribution is not None
                and parameters[c.second].distribution is not None
            )
        return dataclasses.replace(
            base,
            path=self.path,
            title=title,
            description=base.description if description is None else description,
            sources=sources,
            parameters=MappingProxyType(parameters),
            move=move,
            expected=MappingProxyType(expected),
            base=base.path,
            correlations=correlations,
        )

    def read_base(self, node: Node, line: int) -> Scenario:
        named = self.reader.read(VARIANT.kind("base"), node, "base", line)
        target, why = base_path(named, self.path, self.base_root)
        if target is None:
            raise self.fail(f"base {excerpt(named)} {why}", node.line)
        chain = (*self.chain, os.path.realpath(self.path))
        if os.path.realpath(target) in chain:
            raise self.fail(f"base {excerpt(named)} leads back to this file (a cycle)", node.line)
        if len(chain) > MAX_BASE_DEPTH:
            raise self.fail(f"more than {MAX_BASE_DEPTH} scenarios stacked with base:", node.line)
        problem = file_problem(target)
        if problem is not None:
            raise self.fail(f"base {excerpt(named)} {problem} (looked for {target})", node.line)
        return _load_file(target, chain, self.base_root)

    # -- top-level pieces ---------------------------------------------------------------
    def read_texts(self, fields, lines, spec) -> tuple[str, str | None]:
        """The title and the description (``None`` when not given)."""
        r = self.reader
        title = r.read(spec.kind("title"), fields["title"], "title", lines["title"])
        description = None
        if "description" in fields:
            description = r.read(
                spec.kind("description"), fields["description"], "description", lines["description"]
            )
        return title, description

    def read_sources(self, node: Node, line: int, spec) -> tuple[str, ...]:
        r = self.reader
        kind = spec.kind("sources")
        items = r.read(kind, node, "sources", line)
        return tuple(r.read(kind.item, item, "a source", items.line) for item in items.items)

    def check_format(self, root: Map) -> None:
        node = root.get("format")
        if node is None:
            raise self.fail(
                f"missing required key 'format' (write 'format: {FORMAT_VERSION}' "
                "at the top of the file)",
                root.line,
            )
        if not (
            isinstance(node, Scalar)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        ):
            raise self.fail(
                f"format must be the integer {FORMAT_VERSION}, got {describe(node)}", node.line
            )
        if node.value != FORMAT_VERSION:
            raise self.fail(
                f"unsupported format {excerpt(node.text, quote=False)} "
                f"(this version reads format {FORMAT_VERSION})",
                node.line,
            )

    def read_form(self, root: Map) -> str:
        node = root.get("form")
        if node is None:
            raise self.fail(
                "the scenario is missing the required key 'form' (table or relations)", root.line
            )
        if not isinstance(node, Scalar) or node.value not in FORM_NAMES:
            shown = node.text if isinstance(node, Scalar) else describe(node)
            hint = suggest(shown, FORM_NAMES) if isinstance(node, Scalar) else ""
            raise self.fail(
                f"form must be 'table' or 'relations', got {excerpt(shown)}{hint}", node.line
            )
        return node.value

    def read_players(self, node: Node, form: str, line: int) -> tuple[str, ...]:
        r = self.reader
        kind = get_form(form).players
        items = r.read(kind, node, "players", line)
        names: list[str] = []
        for item in items.items:
            name = r.read(kind.item, item, "player name", items.line)
            if name in names:
                raise self.fail(f"duplicate player {excerpt(name)}", item.line)
            names.append(name)
        count = len(names)
        low, high = kind.min_items, kind.max_items
        if not low <= count <= high:
            needs = f"exactly {low}" if low == high else f"{low} to {high}"
            raise self.fail(f"form: {form} needs {needs} players, got {count}", items.line)
        return tuple(names)

    def read_parameters(
        self, node: Node, line: int, base: dict[str, Parameter] | None = None
    ) -> dict[str, Parameter]:
        r = self.reader
        table = r.read(PARAMETERS, node, "parameters", line)
        if len(table.entries) > PARAMETERS.max_keys:
            raise self.fail(
                f"{len(table.entries)} parameters; the limit is {PARAMETERS.max_keys}", table.line
            )
        out: dict[str, Parameter] = {}
        for key, value in table.entries:
            name = key.text
            if len(name) > MAX_NAME:
                raise self.fail(
                    f"parameter name {excerpt(name)} is longer than {MAX_NAME} characters",
                    key.line,
                )
            if not _IDENTIFIER.match(name):
                rule = "must be an identifier (letters, digits, _; not starting with a digit)"
            elif name in FUNCTIONS:
                rule = f"must not be the name of a function ({', '.join(FUNCTIONS)})"
            elif name in RESERVED:  # Python's keywords (the one list the schema reads too)
                rule = f"must not be a Python keyword ({name})"
            else:
                rule = None
            if rule is not None:
                raise self.fail(f"parameter name {excerpt(name)} {rule}", key.line)
            what = f"parameter {excerpt(name)}"
            spec = r.read(PARAMETER, value, what, key.line)
            fields = r.fields(spec, what, PARAMETER)
            number = r.read(PARAMETER.kind("value"), fields["value"], f"value of {what}", spec.line)
            rng = None
            if "range" in fields:
                rng = self.read_range(fields["range"], what, spec.key_line("range"))
                lo, hi = rng
                if not lo <= number <= hi:
                    raise self.fail(
                        f"value {plain(number)} of {what} is outside its range "
                        f"[{plain(lo)}, {plain(hi)}]",
                        fields["value"].line,
                    )
            texts = {
                k: r.read(PARAMETER.kind(k), fields[k], f"{k} of {what}", spec.key_line(k))
                for k in ("unit", "description", "source")
                if k in fields
            }
            distribution = None
            if "distribution" in fields:
                known = base.get(name) if base else None
                distribution = read_distribution(
                    r,
                    fields["distribution"],
                    what,
                    spec.key_line("distribution"),
                    rng if rng is not None or known is None else known.range,
                    number,
                )
            out[name] = Parameter(
                name=name,
                value=number,
                range=rng,
                unit=texts.get("unit"),
                description=texts.get("description"),
                source=texts.get("source"),
                line=key.line,
                distribution=distribution,
            )
        return out

    def read_range(self, node: Node, what: str, line: int) -> tuple[float, float]:
        r = self.reader
        kind = PARAMETER.kind("range")
        items = r.read(kind, node, f"range of {what}", line)
        if not kind.min_items <= len(items.items) <= kind.max_items:
            raise self.fail(
                f"range of {what} must be [low, high], got {len(items.items)} numbers",
                items.line,
            )
        lo, hi = (r.read(kind.item, item, f"range of {what}", items.line) for item in items.items)
        if not lo < hi:
            raise self.fail(
                f"range of {what} must have low < high, got [{plain(lo)}, {plain(hi)}]", items.line
            )
        return lo, hi

    def read_move(self, node: Node, players: tuple[str, ...], strategies, line: int) -> Move:
        r = self.reader
        spec = r.read(MOVE, node, "move", line)
        fields = r.fields(spec, "move", MOVE)
        player_node = fields["player"]
        player = r.read(MOVE.kind("player"), player_node, "move player", spec.line)
        if player not in players:
            raise self.fail(
                f"move: unknown player {excerpt(player)}{suggest(player, players)}; "
                f"players are {', '.join(players)}",
                player_node.line,
            )
        options = strategies[players.index(player)]
        chosen = []
        for key in ("from", "to"):
            value = r.read(MOVE.kind(key), fields[key], f"move {key}", spec.key_line(key))
            if value not in options:
                raise self.fail(
                    f"move {key}: {excerpt(value)} is not a strategy of {player}"
                    f"{suggest(value, options)}; strategies: {', '.join(options)}",
                    fields[key].line,
                )
            chosen.append(value)
        if chosen[0] == chosen[1]:
            raise self.fail(
                f"move from and to are the same strategy {excerpt(chosen[0])}", fields["to"].line
            )
        target = None
        if "target" in fields:
            target = r.read(
                MOVE.kind("target"), fields["target"], "move target", spec.key_line("target")
            )
            others = [p for p in players if p != player]
            if target not in others:
                raise self.fail(
                    f"move target {excerpt(target)} must be another player"
                    f"{suggest(target, others)}: {', '.join(others)}",
                    fields["target"].line,
                )
        thresholds: list[str] = []
        if "thresholds" in fields:
            kind = MOVE.kind("thresholds")
            items = r.read(
                kind, fields["thresholds"], "move thresholds", spec.key_line("thresholds")
            )
            for item in items.items:
                name = r.read(kind.item, item, "a threshold parameter", items.line)
                if name not in r.names:
                    raise self.fail(
                        f"move thresholds: {excerpt(name)} is not a parameter"
                        f"{suggest(name, r.names)}; parameters: {', '.join(r.names) or 'none'}",
                        item.line,
                    )
                if name not in thresholds:
                    thresholds.append(name)
        texts = {
            k: r.read(MOVE.kind(k), fields[k], f"move {k}", spec.key_line(k))
            for k in ("description", "source")
            if k in fields
        }
        return Move(
            player=player,
            from_strategy=chosen[0],
            to_strategy=chosen[1],
            target=target,
            description=texts.get("description"),
            source=texts.get("source"),
            line=spec.line,
            thresholds=tuple(thresholds),
        )

    def read_expected(self, node: Node, line: int) -> dict:
        spec = self.reader.read(EXPECTED, node, "expected", line)
        verdicts = EXPECTED.kind("verdict").options
        verdict = spec.get("verdict")
        if verdict is not None and not (isinstance(verdict, Scalar) and verdict.value in verdicts):
            shown = verdict.text if isinstance(verdict, Scalar) else describe(verdict)
            raise self.fail(
                f"expected verdict {excerpt(shown)} is not one of: "
                + ", ".join(f'"{v}"' for v in verdicts),
                verdict.line,
            )
        return to_python(spec)
