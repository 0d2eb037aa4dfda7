"""The ``relations`` form: Dittmer's strategic triangle as a payoff generator.

Each of the three actors chooses, toward each of the other two, to be warm or
cold: four strategies named ``cold``, ``warm:B``, ``warm:C`` and ``warm:B+C``
(the other players in player order). A tie is friendly when both sides are warm
to each other. Actor ``i``'s payoff at a profile is

.. math::

    u_i = w_i\\,s_i + \\sum_j t_{ij} F_{ij} + p_i F_{jk} - \\sum_j c_{ij} F_{ij}

where ``F_xy`` is 1 when the tie ``x–y`` is friendly and 0 otherwise, ``s_i`` is
the actor's role score in the resulting triangle (Bao Zonghe's ``r_ij + r_ik − r_jk``
by default, or a user table by role), ``w_i`` the role weight, ``t`` the tie
values, ``p`` the third-party values and ``c`` the costs. The four terms are kept
as the game's components ``standing``, ``ties``, ``third party`` and ``costs``.

Everything that depends only on the stances (which ties are friendly, each actor's
role and Bao score at each of the 64 profiles) is computed once when reading; a
compilation multiplies a handful of evaluated numbers with those arrays.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from triangle.errors import ScenarioError, excerpt
from triangle.game import Stances
from triangle.roles import ROLES, Triad
from triangle.scenario.fields import Reader
from triangle.scenario.model import Number
from triangle.scenario.nodes import Map, Node, Scalar, suggest
from triangle.scenario.spec import NUMBER_MAPPING, RELATIONS_KEYS

COMPONENTS = ("standing", "ties", "third party", "costs")
"""Names of the payoff components of a relations-form game, in order."""

# What each key of the form holds (spec.RELATIONS_KEYS)
_WEIGHT_FORMS = RELATIONS_KEYS.kind("role_weight").options  # one NUMBER, or per player
_SCORE_FORMS = RELATIONS_KEYS.kind("role_scores").options  # "bao", or the six roles


def relation_strategies(players: tuple[str, ...]) -> tuple[tuple[tuple[str, frozenset], ...], ...]:
    """Each actor's four strategies as ``(name, players warm toward)``, in order.

    >>> [name for name, _ in relation_strategies(("US", "China", "USSR"))[0]]
    ['cold', 'warm:China', 'warm:USSR', 'warm:China+USSR']
    """
    out = []
    for player in players:
        b, c = (p for p in players if p != player)
        out.append(
            (
                ("cold", frozenset()),
                (f"warm:{b}", frozenset({b})),
                (f"warm:{c}", frozenset({c})),
                (f"warm:{b}+{c}", frozenset({b, c})),
            )
        )
    return tuple(out)


@dataclass(frozen=True, eq=False)
class RelationsProgram:
    """The payoff generator of a relations-form scenario, ready to evaluate.

    Attributes
    ----------
    friendly : ndarray, shape (3, 3, 4, 4, 4)
        ``friendly[i, j]`` is 1 at the profiles where the tie ``i–j`` is friendly.
    bao : ndarray, shape (3, 4, 4, 4)
        Each actor's Bao score at each profile.
    role_index : ndarray of int, shape (3, 4, 4, 4)
        Each actor's role at each profile, as an index into :data:`triangle.roles.ROLES`.
    role_weight : per actor, a Number or None (weight 1)
    role_scores : None for Bao's scores, else one Number per role in ``ROLES`` order
    ties, costs : mapping (i, j) → Number
    third_party : mapping i → Number
    section_lines : line of each top-level key, for overflow errors
    """

    path: str
    players: tuple[str, ...]
    friendly: np.ndarray
    bao: np.ndarray
    role_index: np.ndarray
    role_weight: tuple[Number | None, ...]
    role_scores: tuple[Number, ...] | None
    ties: tuple[tuple[tuple[int, int], Number], ...]
    third_party: tuple[tuple[int, Number], ...]
    costs: tuple[tuple[tuple[int, int], Number], ...]
    section_lines: tuple[tuple[str, int], ...]

    def evaluate(
        self, values: Mapping[str, float]
    ) -> tuple[np.ndarray, tuple[tuple[str, np.ndarray], ...]]:
        shape = self.bao.shape
        scores = None
        if self.role_scores is not None:
            scores = np.array([n.evaluate(values) for n in self.role_scores])
        weights = [1.0 if w is None else w.evaluate(values) for w in self.role_weight]
        ties = [(i, j, n.evaluate(values)) for (i, j), n in self.ties]
        thirds = [(i, n.evaluate(values)) for i, n in self.third_party]
        costs_ = [(i, j, n.evaluate(values)) for (i, j), n in self.costs]
        # Products and sums of finite numbers can still overflow; that is checked below
        # and reported as a located error rather than left as a numpy warning.
        with np.errstate(over="ignore", invalid="ignore"):
            standing = np.empty(shape)
            for i, w in enumerate(weights):
                base = self.bao[i] if scores is None else scores[self.role_index[i]]
                standing[i] = w * base
            tie_part = np.zeros(shape)
            for i, j, value in ties:
                tie_part[i] += value * self.friendly[i, j]
            third = np.zeros(shape)
            for i, value in thirds:
                j, k = (x for x in range(3) if x != i)
                third[i] += value * self.friendly[j, k]
            costs = np.zeros(shape)
            for i, j, value in costs_:
                costs[i] -= value * self.friendly[i, j]
            payoffs = standing + tie_part + third + costs
        parts = (standing, tie_part, third, costs)
        if not np.all(np.isfinite(payoffs)):
            self._overflow(parts, values)
        return payoffs, tuple(zip(COMPONENTS, parts, strict=True))

    def _overflow(self, parts, values: Mapping[str, float]) -> None:
        lines = dict(self.section_lines)
        keys = ("role_weight", "ties", "third_party", "costs")
        name, line = "sum", None
        for component, key, part in zip(COMPONENTS, keys, parts, strict=True):
            if not np.all(np.isfinite(part)):
                name, line = component, lines.get(key) or lines.get("role_scores")
                break
        if line is None:
            line = next((lines[k] for k in keys if k in lines), None)
        used = ", ".join(f"{k}={v:g}" for k, v in values.items())
        raise ScenarioError(
            f"the {name} part of the payoffs is not finite (overflow)"
            + (f" with {used}" if used else ""),
            path=self.path,
            line=line,
        )

    def line_of(self, flat_index: int) -> int | None:
        """Where the payoffs are generated: the first payoff section of the file."""
        lines = dict(self.section_lines)
        keys = ("role_weight", "role_scores", "ties", "third_party", "costs")
        return next((lines[k] for k in keys if k in lines), None)

    def numbers(self) -> tuple[Number, ...]:
        out: list[Number] = [n for n in self.role_weight if n is not None]
        out += list(self.role_scores or ())
        out += [n for _, n in self.ties]
        out += [n for _, n in self.third_party]
        out += [n for _, n in self.costs]
        # one role_weight number may stand for all three actors: list it once
        return tuple({id(n): n for n in out}.values())


def _profile_arrays(players: tuple[str, ...], stances: Stances):
    friendly = np.zeros((3, 3, 4, 4, 4))
    bao = np.zeros((3, 4, 4, 4))
    role_index = np.zeros((3, 4, 4, 4), dtype=int)
    for profile in itertools.product(range(4), repeat=3):
        warm = {p: stances[i][profile[i]] for i, p in enumerate(players)}
        triad = Triad.from_stances(warm)
        for i, a in enumerate(players):
            bao[(i, *profile)] = triad.score(a)
            role_index[(i, *profile)] = ROLES.index(triad.role(a))
            for j, b in enumerate(players):
                if i != j and triad.sign(a, b) > 0:
                    friendly[(i, j, *profile)] = 1.0
    for array in (friendly, bao, role_index):
        array.setflags(write=False)
    return friendly, bao, role_index


def read_relations(
    reader: Reader,
    fields: dict[str, Node],
    key_lines: dict[str, int],
    players: tuple[str, ...],
) -> tuple[tuple[tuple[str, ...], ...], Stances, RelationsProgram]:
    """Strategies, stances and payoff program of a relations-form scenario."""
    table = relation_strategies(players)
    strategies = tuple(tuple(name for name, _ in per) for per in table)
    stances: Stances = tuple(tuple(warm for _, warm in per) for per in table)
    friendly, bao, role_index = _profile_arrays(players, stances)

    role_weight: tuple[Number | None, ...] = (None, None, None)
    if "role_weight" in fields:
        role_weight = _read_role_weight(reader, fields["role_weight"], players, key_lines)
    role_scores = None
    if "role_scores" in fields:
        role_scores = _read_role_scores(reader, fields["role_scores"], key_lines["role_scores"])
    ties = _read_pairs(reader, fields.get("ties"), players, "ties", key_lines.get("ties"))
    costs = _read_pairs(reader, fields.get("costs"), players, "costs", key_lines.get("costs"))
    third = _read_third_party(reader, fields.get("third_party"), players, key_lines)
    program = RelationsProgram(
        reader.path,
        players,
        friendly,
        bao,
        role_index,
        role_weight,
        role_scores,
        ties,
        third,
        costs,
        tuple(sorted(key_lines.items())),
    )
    return strategies, stances, program


def _player_key(reader: Reader, key: Scalar, players, what: str) -> int:
    if key.text not in players:
        raise reader.fail(
            f"{what}: unknown player {excerpt(key.text)}{suggest(key.text, players)}; "
            f"players are {', '.join(players)}",
            key.line,
        )
    return players.index(key.text)


def _is_number_mapping(node: Node) -> bool:
    keys = node.keys() if isinstance(node, Map) else []
    return set(NUMBER_MAPPING.required) <= set(keys) <= set(NUMBER_MAPPING.names)


def _read_role_weight(reader: Reader, node: Node, players, key_lines) -> tuple[Number | None, ...]:
    line = key_lines["role_weight"]
    one, per_player = _WEIGHT_FORMS
    if isinstance(node, Map) and not _is_number_mapping(node):
        weights: list[Number | None] = [None, None, None]
        for key, value in node.entries:
            i = _player_key(reader, key, players, "role_weight")
            weights[i] = reader.read(
                per_player.value, value, f"role_weight of {key.text}", key.line
            )
        return tuple(weights)
    number = reader.read(one, node, "role_weight", line)
    return (number, number, number)


def _read_role_scores(reader: Reader, node: Node, line: int) -> tuple[Number, ...] | None:
    named, table = _SCORE_FORMS
    if isinstance(node, Scalar) and node.value in named.options:
        return None
    if not isinstance(node, Map):
        raise reader.fail(
            "role_scores must be 'bao' or a mapping of the six roles "
            f"({', '.join(ROLES)}) to numbers",
            node.line,
        )
    fields = reader.fields(node, "role_scores", table)
    return tuple(
        reader.read(table.kind(role), fields[role], f"role score of {role}", node.key_line(role))
        for role in ROLES
    )


def _read_pairs(reader: Reader, node: Node | None, players, what: str, line: int | None):
    if node is None:
        return ()
    kind = RELATIONS_KEYS.kind(what)
    table = reader.read(kind, node, what, line)
    out = []
    for key, value in table.entries:
        i = _player_key(reader, key, players, what)
        others = [p for p in players if p != key.text]
        inner = reader.read(kind.value, value, f"{what} of {key.text}", key.line)
        for okey, ovalue in inner.entries:
            other = okey.text
            if other == key.text:
                raise reader.fail(
                    f"{what} of {key.text} names {key.text} itself; "
                    f"name another actor ({', '.join(others)})",
                    okey.line,
                )
            if other not in others:
                raise reader.fail(
                    f"{what} of {key.text}: {excerpt(other)} is not another actor"
                    f"{suggest(other, others)}; name {' or '.join(others)}",
                    okey.line,
                )
            label = "tie value" if what == "ties" else "cost"
            number = reader.read(
                kind.value.value, ovalue, f"{label} of {key.text} for {other}", okey.line
            )
            out.append(((i, players.index(other)), number))
    return tuple(out)


def _read_third_party(reader: Reader, node: Node | None, players, key_lines):
    if node is None:
        return ()
    kind = RELATIONS_KEYS.kind("third_party")
    table = reader.read(kind, node, "third_party", key_lines["third_party"])
    out = []
    for key, value in table.entries:
        i = _player_key(reader, key, players, "third_party")
        j, k = (p for p in players if p != key.text)
        what = f"third-party value of {key.text} for {j}–{k}"
        out.append((i, reader.read(kind.value, value, what, key.line)))
    return tuple(out)
