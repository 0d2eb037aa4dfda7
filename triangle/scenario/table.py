"""The ``table`` form: explicit payoffs for every strategy profile.

Reading validates strategies, every payoff entry and the optional stances; the
result is a :class:`TableProgram` holding the constant payoffs in an array and
the parameter-dependent ones as parsed expressions, so that compiling only
evaluates those expressions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from triangle.errors import excerpt
from triangle.game import Stances
from triangle.scenario.fields import Reader
from triangle.scenario.model import Number
from triangle.scenario.nodes import Map, Node, Scalar, suggest
from triangle.scenario.spec import (
    COMPACT_ENTRY,
    MAX_PROFILES,
    MAX_STRATEGIES,
    PAYOFF_ENTRY,
    TABLE_KEYS,
)

# What each key of the form holds (spec.TABLE_KEYS): the strategies, the two ways of
# writing the payoffs (a list of entries, or a mapping from the profile), the stances.
_STRATEGIES = TABLE_KEYS.kind("strategies")
_PAYOFF_FORMS = TABLE_KEYS.kind("payoffs")
_ENTRIES = _PAYOFF_FORMS.options[0]
_STANCES = TABLE_KEYS.kind("stances")
_SHOW_MISSING = 5


@dataclass(frozen=True, eq=False)
class TableProgram:
    """Payoffs of a table-form scenario, ready to evaluate.

    ``base`` holds every payoff that is a constant; ``variable`` lists the flat
    indices into the payoff array whose values depend on parameters.
    """

    base: np.ndarray
    variable: tuple[tuple[int, Number], ...]
    all_numbers: tuple[Number, ...]
    lines: tuple[int | None, ...] = ()

    def evaluate(
        self, values: Mapping[str, float]
    ) -> tuple[np.ndarray, tuple[tuple[str, np.ndarray], ...]]:
        payoffs = self.base.copy()
        flat = payoffs.reshape(-1)
        for index, number in self.variable:
            flat[index] = number.evaluate(values)
        return payoffs, ()

    def numbers(self) -> tuple[Number, ...]:
        return self.all_numbers

    def line_of(self, flat_index: int) -> int | None:
        """The line where the payoff at ``flat_index`` of the payoff array is written."""
        return self.lines[flat_index] if self.lines else None


def _label(profile: tuple[str, ...]) -> str:
    """A profile as messages write it: ``(open, open, detente)``, cut when very long."""
    return f"({excerpt(', '.join(profile), 80, quote=False)})"


def read_strategies(
    reader: Reader, node: Node | None, players: tuple[str, ...], line: int
) -> tuple[tuple[str, ...], ...]:
    """Each player's strategy names, in player order."""
    table = reader.read(_STRATEGIES, node, "strategies", line)
    names_kind = _STRATEGIES.value
    by_player: dict[str, tuple[str, ...]] = {}
    for key, value in table.entries:
        player = key.text
        if player not in players:
            raise reader.fail(
                f"strategies: unknown player {excerpt(player)}{suggest(player, players)}; "
                f"players are {', '.join(players)}",
                key.line,
            )
        items = reader.read(names_kind, value, f"strategies of {player}", key.line)
        if len(items.items) < names_kind.min_items:
            raise reader.fail(f"{player} needs at least one strategy", items.line)
        if len(items.items) > names_kind.max_items:
            raise reader.fail(
                f"{player} has {len(items.items)} strategies; the limit is {names_kind.max_items}",
                items.line,
            )
        names: list[str] = []
        for item in items.items:
            name = reader.read(names_kind.item, item, f"strategy of {player}", items.line)
            if name in names:
                raise reader.fail(f"duplicate strategy {excerpt(name)} of {player}", item.line)
            names.append(name)
        by_player[player] = tuple(names)
    missing = [p for p in players if p not in by_player]
    if missing:
        raise reader.fail(f"strategies: missing for {', '.join(missing)}", table.line)
    strategies = tuple(by_player[p] for p in players)
    count = math.prod(len(s) for s in strategies)
    if count > MAX_PROFILES:
        raise reader.fail(
            f"{' x '.join(str(len(s)) for s in strategies)} = {count} strategy profiles; "
            f"the limit is {MAX_PROFILES}",
            table.line,
        )
    return strategies


def read_table(
    reader: Reader,
    fields: dict[str, Node],
    key_lines: dict[str, int],
    players: tuple[str, ...],
) -> tuple[tuple[tuple[str, ...], ...], Stances | None, TableProgram]:
    """Strategies, stances and payoff program of a table-form scenario.

    ``fields`` are the scenario's top-level entries and ``key_lines`` their lines.
    """
    for key in TABLE_KEYS.required:
        if key not in fields:
            raise reader.fail(
                f"the scenario is missing the required key {excerpt(key)} (form: table)",
                min(key_lines.values(), default=1),
            )
    strategies = read_strategies(reader, fields.get("strategies"), players, key_lines["strategies"])
    payoff_node = fields.get("payoffs")
    program = _read_payoffs(reader, payoff_node, players, strategies, key_lines["payoffs"])
    stances = None
    if "stances" in fields:
        stances = read_stances(reader, fields["stances"], players, strategies, key_lines["stances"])
    return strategies, stances, program


class _Payoffs:
    def __init__(self, reader: Reader, players: tuple[str, ...], strategies):
        self.reader = reader
        self.players = players
        self.strategies = strategies
        self.shape = (len(players), *(len(s) for s in strategies))
        self.base = np.zeros(self.shape, dtype=float)
        self.seen: dict[tuple[int, ...], int] = {}
        self.variable: list[tuple[int, Number]] = []
        self.numbers: list[Number] = []
        self.lines: list[int | None] = [None] * math.prod(self.shape)

    def profile(self, names: list[tuple[str, int]], line: int) -> tuple[tuple[str, ...], tuple]:
        labels = tuple(n for n, _ in names)
        if len(names) != len(self.players):
            raise self.reader.fail(
                f"profile {_label(labels)} names {len(names)} strategies, expected "
                f"{len(self.players)} (one each for {', '.join(self.players)})",
                line,
            )
        index = []
        for (name, name_line), player, options in zip(
            names, self.players, self.strategies, strict=True
        ):
            if name not in options:
                raise self.reader.fail(
                    f"unknown strategy {excerpt(name)} of {player} in profile {_label(labels)}"
                    f"{suggest(name, options)}; strategies of {player}: {', '.join(options)}",
                    name_line,
                )
            index.append(options.index(name))
        key = tuple(index)
        if key in self.seen:
            raise self.reader.fail(
                f"duplicate payoff for {_label(labels)} (first at line {self.seen[key]})", line
            )
        self.seen[key] = line
        return labels, key

    def values(
        self,
        labels: tuple[str, ...],
        key: tuple[int, ...],
        node: Node | None,
        line: int,
        source: str | None,
    ) -> None:
        items = self.reader.read(
            PAYOFF_ENTRY.kind("payoffs"), node, f"payoff for {_label(labels)}", line
        )
        n = len(self.players)
        if len(items.items) != n:
            count = len(items.items)
            raise self.reader.fail(
                f"payoff for {_label(labels)} has {count} value{'s' * (count != 1)}, expected {n}",
                items.line,
            )
        for i, (player, item) in enumerate(zip(self.players, items.items, strict=True)):
            number = self.reader.number(
                item, f"payoff of {player} for {_label(labels)}", items.line, source
            )
            self.numbers.append(number)
            flat = int(np.ravel_multi_index((i, *key), self.shape))
            self.lines[flat] = number.line
            if number.expression.is_constant:
                self.base.reshape(-1)[flat] = number.evaluate({})
            else:
                self.variable.append((flat, number))

    def program(self, line: int) -> TableProgram:
        total = math.prod(self.shape[1:])
        if len(self.seen) != total:
            missing = [prof for prof in np.ndindex(*self.shape[1:]) if prof not in self.seen]
            shown = ", ".join(
                _label(tuple(s[k] for s, k in zip(self.strategies, prof, strict=True)))
                for prof in missing[:_SHOW_MISSING]
            )
            more = (
                f" and {len(missing) - _SHOW_MISSING} more" if len(missing) > _SHOW_MISSING else ""
            )
            raise self.reader.fail(
                f"payoffs: {len(missing)} of {total} strategy profiles have no payoff: "
                f"{shown}{more}",
                line,
            )
        self.base.setflags(write=False)
        return TableProgram(self.base, tuple(self.variable), tuple(self.numbers), tuple(self.lines))


def _read_payoffs(
    reader: Reader,
    node: Node | None,
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
    line: int,
) -> TableProgram:
    builder = _Payoffs(reader, players, strategies)
    if isinstance(node, Map):
        # Compact form: "a, b, c": [u1, u2, u3], or {payoffs: [...], source: ..., note: ...}
        for key, value in node.entries:
            names = [(part.strip(), key.line) for part in key.text.split(",")]
            labels, index = builder.profile(names, key.line)
            source = None
            if isinstance(value, Map):
                what = f"the entry for {_label(labels)}"
                fields = reader.fields(value, what, COMPACT_ENTRY)
                if "note" in fields:
                    reader.read(
                        COMPACT_ENTRY.kind("note"), fields["note"], "note", value.key_line("note")
                    )
                if "source" in fields:
                    source = reader.read(
                        COMPACT_ENTRY.kind("source"),
                        fields["source"],
                        "source",
                        value.key_line("source"),
                    )
                value = fields["payoffs"]
            builder.values(labels, index, value, key.line, source)
        return builder.program(node.line)
    entries = reader.read(_ENTRIES, node, "payoffs", line)
    if len(entries.items) < _ENTRIES.min_items:
        raise reader.fail("payoffs must list at least one strategy profile", entries.line)
    for entry in entries.items:
        entry_map = reader.read(PAYOFF_ENTRY, entry, "a payoff entry", entries.line)
        fields = reader.fields(entry_map, "a payoff entry", PAYOFF_ENTRY)
        if "note" in fields:
            reader.read(PAYOFF_ENTRY.kind("note"), fields["note"], "note", entry_map.line)
        source = None
        if "source" in fields:
            source = reader.read(
                PAYOFF_ENTRY.kind("source"),
                fields["source"],
                "source",
                entry_map.key_line("source"),
            )
        profile = PAYOFF_ENTRY.kind("profile")
        profile_node = reader.read(
            profile, fields["profile"], "profile", entry_map.key_line("profile")
        )
        names = [
            (reader.read(profile.item, item, "strategy name", profile_node.line), item.line)
            for item in profile_node.items
        ]
        labels, index = builder.profile(names, profile_node.line)
        builder.values(labels, index, fields["payoffs"], entry_map.key_line("payoffs"), source)
    return builder.program(entries.line)


def read_stances(
    reader: Reader,
    node: Node | None,
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
    line: int,
) -> Stances:
    """For every player and strategy, the set of other players it is warm toward."""
    table = reader.read(_STANCES, node, "stances", line)
    per_player = _STANCES.value
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for key, value in table.entries:
        player = key.text
        if player not in players:
            raise reader.fail(
                f"stances: unknown player {excerpt(player)}{suggest(player, players)}", key.line
            )
        options = strategies[players.index(player)]
        per = reader.read(per_player, value, f"stances of {player}", key.line)
        warm: dict[str, frozenset[str]] = {}
        for skey, svalue in per.entries:
            strategy = skey.text
            if strategy not in options:
                raise reader.fail(
                    f"stances of {player}: unknown strategy {excerpt(strategy)}"
                    f"{suggest(strategy, options)}; strategies of {player}: {', '.join(options)}",
                    skey.line,
                )
            warm[strategy] = _warm_set(reader, svalue, player, strategy, players, skey.line)
        missing = [s for s in options if s not in warm]
        if missing:
            raise reader.fail(
                f"stances of {player}: missing strategies {', '.join(missing)}", per.line
            )
        found[player] = tuple(warm[s] for s in options)
    missing_players = [p for p in players if p not in found]
    if missing_players:
        raise reader.fail(
            f"stances: missing for {', '.join(missing_players)} (give every player's stances)",
            table.line,
        )
    return tuple(found[p] for p in players)


def _warm_set(
    reader: Reader, node: Node | None, player: str, strategy: str, players, line: int
) -> frozenset[str]:
    what = f"stance of {player} in {excerpt(strategy)}"
    kind = _STANCES.value.value
    items = reader.read(kind, node, what, line)
    warm: set[str] = set()
    for item in items.items:
        other = reader.read(kind.item, item, what, items.line)
        assert isinstance(item, Scalar)
        if other == player:
            raise reader.fail(f"{what} names {player} itself", item.line)
        if other not in players:
            others = [p for p in players if p != player]
            raise reader.fail(
                f"{what} names unknown player {excerpt(other)}{suggest(other, others)}", item.line
            )
        if other in warm:
            raise reader.fail(f"{what} names {other} twice", item.line)
        warm.add(other)
    return frozenset(warm)


__all__ = ["MAX_PROFILES", "MAX_STRATEGIES", "TableProgram", "read_stances", "read_table"]
