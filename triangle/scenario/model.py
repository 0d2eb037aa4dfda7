"""What a validated scenario holds: parameters, the move, and a payoff program.

A :class:`Scenario` is what :func:`~triangle.scenario.load_scenario` returns. Its
payoffs are kept as a *program* (:class:`PayoffProgram`): the expressions parsed at
load time plus precomputed arrays, so that :meth:`Scenario.compile` only evaluates
numbers and fills one array. That keeps parameter sweeps cheap.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np

from triangle.errors import ScenarioError, TriangleInputError, excerpt
from triangle.game import RESOLUTION, Game, Stances, payoff_ranges, scale_problem
from triangle.numbers import plain
from triangle.scenario.distributions import Correlation, Distribution
from triangle.scenario.expressions import Expression


@dataclass(frozen=True)
class Parameter:
    """A named number of a scenario.

    Attributes
    ----------
    name : str
        An identifier, usable in payoff expressions.
    value : float
        The value used unless overridden.
    range : (float, float) or None
        The plausible interval ``[lo, hi]``; overrides outside it are refused.
    unit, description, source : str or None
        Documentation; ``source`` names the claim(s) or reference behind the value.
    line : int or None
        Where the parameter is declared in the file.
    distribution : Distribution or None
        How unsure the value is (:mod:`triangle.scenario.distributions`): what a
        Monte Carlo sweep draws the parameter from; ``None`` for a fixed value.
    """

    name: str
    value: float
    range: tuple[float, float] | None = None
    unit: str | None = None
    description: str | None = None
    source: str | None = None
    line: int | None = None
    distribution: Distribution | None = None

    def search_range(self, value: float | None = None) -> tuple[float, float]:
        """The interval searched for flips and drawn on charts: the declared range, or
        ``value ± 10·max(1, |value|)`` without one (``value`` defaults to the
        parameter's own).

        >>> Parameter("x", 2.0).search_range(), Parameter("x", 2.0, (0, 5)).search_range()
        ((-18.0, 22.0), (0.0, 5.0))
        """
        if self.range is not None:
            return float(self.range[0]), float(self.range[1])
        value = self.value if value is None else float(value)
        half = 10 * max(1.0, abs(value))
        return value - half, value + half


@dataclass(frozen=True)
class Move:
    """The move a scenario asks about: ``player`` switching ``from_strategy`` → ``to_strategy``.

    ``target`` is the player whose alignment the move tries to change, if stated;
    ``thresholds`` names the parameters whose flip points are reported by default
    (``triangle analyze`` and ``triangle compare`` without ``--threshold``).
    """

    player: str
    from_strategy: str
    to_strategy: str
    target: str | None = None
    description: str | None = None
    source: str | None = None
    line: int | None = None
    thresholds: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Number:
    """One number written in the payoff part of a file, with its provenance.

    ``what`` says what it is ("payoff of US for (open, open, detente)"), for reports
    of numbers without a source.
    """

    expression: Expression
    what: str
    source: str | None = None

    @property
    def line(self) -> int | None:
        return self.expression.line

    def evaluate(self, values: Mapping[str, float]) -> float:
        return self.expression.evaluate(values)

    def unsourced(self) -> str | None:
        """Why this number lacks a source, or ``None`` when it has one (or needs none)."""
        if self.source is not None or not self.expression.literals:
            return None
        if self.expression.is_constant and len(self.expression.literals) == 1:
            return f"{self.what}: the number {self.expression.text} has no source"
        listed = ", ".join(plain(x) for x in self.expression.literals)
        return f'{self.what}: the number(s) {listed} in "{self.expression.text}" have no source'


class PayoffProgram(Protocol):
    """Turns parameter values into payoffs (and named components) for one scenario form."""

    def evaluate(
        self, values: Mapping[str, float]
    ) -> tuple[np.ndarray, tuple[tuple[str, np.ndarray], ...]]: ...

    def numbers(self) -> tuple[Number, ...]: ...

    def line_of(self, flat_index: int) -> int | None: ...


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True, eq=False)
class Scenario:
    """A validated scenario: players, strategies, parameters and a payoff program.

    Load one with :func:`~triangle.scenario.load_scenario` or
    :func:`~triangle.scenario.loads_scenario`, then :meth:`compile` it to a
    :class:`~triangle.game.Game`.

    Examples
    --------
    >>> from triangle.scenario import loads_scenario
    >>> s = loads_scenario('''
    ... format: 1
    ... title: Matching pennies with a stake
    ... players: [Row, Column]
    ... form: table
    ... parameters:
    ...   stake: {value: 1, range: [0, 10], source: "textbook example"}
    ... strategies: {Row: [heads, tails], Column: [heads, tails]}
    ... payoffs:
    ...   "heads, heads": [stake, -stake]
    ...   "heads, tails": [-stake, stake]
    ...   "tails, heads": [-stake, stake]
    ...   "tails, tails": [stake, -stake]
    ... ''')
    >>> s.compile().payoff(("heads", "tails")).tolist()
    [-1.0, 1.0]
    >>> s.compile({"stake": 3}).payoff(("heads", "heads")).tolist()
    [3.0, -3.0]
    >>> s.unsourced()
    []
    """

    path: str
    title: str
    description: str | None
    form: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: Mapping[str, Parameter]
    move: Move | None
    expected: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    stances: Stances | None = None
    program: PayoffProgram | None = field(default=None, repr=False)
    base: str | None = None
    """Path of the scenario this one is a variant of (``base:``), else ``None``."""
    correlations: tuple[Correlation, ...] = ()
    """Rank correlations between parameters with distributions (``correlations:``)."""

    def __post_init__(self) -> None:
        if not isinstance(self.parameters, MappingProxyType):
            object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))
        if not isinstance(self.expected, MappingProxyType):
            object.__setattr__(self, "expected", MappingProxyType(dict(self.expected)))

    def __reduce__(self):
        """Pickling (worker processes, :mod:`multiprocessing`, joblib): the read-only
        mappings travel as plain dicts and are made read-only again on arrival."""
        state = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        state["parameters"] = dict(self.parameters)
        state["expected"] = dict(self.expected)
        return (_rebuild, (state,))

    # -- parameter values -------------------------------------------------------------
    def parameter_values(self, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
        """Every parameter's value, with ``overrides`` applied and checked.

        Raises
        ------
        TriangleInputError
            For an unknown parameter name, a value that is not a finite number, or a
            value outside the parameter's declared range.
        """
        values = {name: p.value for name, p in self.parameters.items()}
        for name, value in (overrides or {}).items():
            values[name] = self._checked(name, value)
        return values

    def check_parameter(self, name: str, label: str | None = None) -> None:
        """Raise unless ``name`` is one of the scenario's parameters.

        ``label`` names what asked for it in the message (default: the name itself).

        Raises
        ------
        TriangleInputError
            ``"<label>: <path> has no such parameter; parameters: ..."``.
        """
        if name not in self.parameters:
            raise TriangleInputError(
                f"{label or name}: {self.path} has no such parameter; "
                f"parameters: {', '.join(self.parameters) or 'none'}"
            )

    def _checked(self, name: str, value: Any) -> float:
        parameter = self.parameters.get(name)
        if parameter is None:
            known = ", ".join(self.parameters) or "none (this scenario has no parameters)"
            raise TriangleInputError(
                f"unknown parameter {excerpt(name)} for {self.path}; known parameters: {known}"
            )
        if not _is_real(value) or not math.isfinite(float(value)):
            raise TriangleInputError(f"{name}={excerpt(value)} is not a finite number")
        value = float(value)
        if parameter.range is not None:
            lo, hi = parameter.range
            if not lo <= value <= hi:
                raise TriangleInputError(
                    f"{name}={plain(value)} is outside its range [{plain(lo)}, {plain(hi)}]"
                )
        return value

    def with_values(self, **overrides: float) -> Scenario:
        """A copy of the scenario whose parameters have the given values.

        >>> from triangle.scenario import loads_scenario
        >>> s = loads_scenario('''
        ... {format: 1, title: t, players: [A, B], form: table,
        ...  parameters: {x: {value: 1}}, strategies: {A: [a], B: [b]},
        ...  payoffs: {"a, b": [x, 0]}}''')
        >>> s.with_values(x=2).parameters["x"].value
        2.0
        """
        checked = {name: self._checked(name, value) for name, value in overrides.items()}
        parameters = {
            name: dataclasses.replace(p, value=checked[name]) if name in checked else p
            for name, p in self.parameters.items()
        }
        return dataclasses.replace(self, parameters=MappingProxyType(parameters))

    # -- compilation -----------------------------------------------------------------
    def compile(self, overrides: Mapping[str, float] | None = None) -> Game:
        """The normal-form game for the parameter values (plus ``overrides``).

        Raises
        ------
        TriangleInputError
            For a bad override (see :meth:`parameter_values`).
        ScenarioError
            When an expression does not evaluate to a finite number at these values,
            located at the line where it is written.
        """
        if self.program is None:
            raise TriangleInputError(f"{self.path}: scenario has no payoffs to compile")
        values = self.parameter_values(overrides)
        payoffs, components = self.program.evaluate(values)
        self._check_scale(payoffs, values)
        return Game(
            self.players,
            self.strategies,
            payoffs,
            stances=self.stances,
            components=components,
        )

    def compile_many(self, points: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Payoff arrays at many parameter points, stacked: the batched :meth:`compile`.

        Each point is a mapping of overrides, checked like :meth:`compile`'s (unknown
        names and values outside a declared range are errors). The expressions were
        parsed once at load time, so each point costs only their evaluation.

        Returns
        -------
        ndarray
            Shape ``(len(points), n_players, s_1, ..., s_n)``.
        """
        if self.program is None:
            raise TriangleInputError(f"{self.path}: scenario has no payoffs to compile")
        arrays = {name: np.full(len(points), p.value) for name, p in self.parameters.items()}
        for b, point in enumerate(points):
            for name, value in point.items():
                column = arrays.get(name)
                if column is None or not _is_real(value):
                    self._checked(name, value)  # raises
                column[b] = value
        return self.compile_arrays(arrays, size=len(points))

    def compile_arrays(
        self, arrays: Mapping[str, np.ndarray], size: int | None = None
    ) -> np.ndarray:
        """Payoff arrays at many points given as one array of values per parameter.

        Parameters
        ----------
        arrays : mapping
            ``name -> values``, one value per point; parameters not given keep their
            value. Values are checked like :meth:`compile`'s overrides.
        size : int, optional
            The number of points (needed only when ``arrays`` is empty).

        Returns
        -------
        ndarray
            Shape ``(size, n_players, s_1, ..., s_n)``, the same numbers, bit for bit,
            as :meth:`compile` at each point (:mod:`triangle.scenario.vectorized`).
        """
        from triangle.scenario.vectorized import payoffs_of_arrays

        if self.program is None:
            raise TriangleInputError(f"{self.path}: scenario has no payoffs to compile")
        if size is None:
            size = len(next(iter(arrays.values()))) if arrays else 1
        values = {name: np.full(size, p.value) for name, p in self.parameters.items()}
        for name, column in arrays.items():
            column = np.asarray(column, dtype=float).reshape(-1)
            if name not in values or column.shape != (size,):
                self._checked(name, column[0] if column.size else 0.0)  # unknown: raises
                raise TriangleInputError(f"{name}: {column.size} values for {size} points")
            parameter = self.parameters[name]
            bad = ~np.isfinite(column)
            if parameter.range is not None:
                bad |= (column < parameter.range[0]) | (column > parameter.range[1])
            if bad.any():
                self._checked(name, float(column[np.argmax(bad)]))  # raises
            values[name] = column

        def point(b: int) -> dict[str, float]:
            return {name: float(column[b]) for name, column in values.items()}

        found = payoffs_of_arrays(self.program, values, size)
        if found is None:
            out = np.empty((size, len(self.players), *(len(s) for s in self.strategies)))
            for b in range(size):
                out[b] = self.program.evaluate(point(b))[0]
        else:
            out, failed = found
            for b in np.flatnonzero(failed):
                out[b] = self.program.evaluate(point(int(b)))[0]  # raises, located
        ranges = payoff_ranges(out, batch_dims=1)
        magnitude = np.abs(out).reshape(*ranges.shape, -1).max(axis=-1)
        with np.errstate(over="ignore"):
            small = np.maximum(RESOLUTION * np.spacing(magnitude), np.finfo(float).tiny)
            bad = ~np.isfinite(ranges) | ((ranges > 0) & (ranges < small))
        for b in np.flatnonzero(bad.any(axis=1)):  # the first raises, located
            self._check_scale(out[b], point(int(b)))
        return out

    def _check_scale(self, payoffs: np.ndarray, values: Mapping[str, float]) -> None:
        """Refuse payoffs whose differences cannot be compared in floating point
        (:func:`triangle.game.scale_problem`), at the line of the player's largest one."""
        problem = scale_problem(payoffs, strict=True)
        if problem is None:
            return
        values = self.parameter_values(values)
        player, what = problem
        flat = np.ravel_multi_index(
            (player, *np.unravel_index(int(np.abs(payoffs[player]).argmax()), payoffs.shape[1:])),
            payoffs.shape,
        )
        used = ", ".join(f"{k}={plain(v)}" for k, v in values.items())
        raise ScenarioError(
            f"{self.players[player]}'s {what}" + (f" (with {used})" if used else ""),
            path=self.path,
            line=self.program.line_of(int(flat)),
        )

    # -- provenance ------------------------------------------------------------------
    def unsourced(self) -> list[tuple[int | None, str]]:
        """Every number in the file that has no ``source:``, as ``(line, description)``.

        A number lacks a source when it is a literal (a YAML number, or a number
        written inside an expression) not covered by a ``source:`` of its own or of
        its payoff entry; expressions made only of parameters take the parameters'
        sources; and every parameter without ``source:`` is listed. Sorted by line.
        """
        found: list[tuple[int | None, str]] = []
        for p in self.parameters.values():
            if p.source is None:
                found.append((p.line, f"parameter {p.name!r} has no source"))
            if p.distribution is not None and p.distribution.source is None:
                found.append(
                    (p.distribution.line, f"the distribution of parameter {p.name!r} has no source")
                )
        for c in self.correlations:
            if c.source is None:
                found.append((c.line, f"the correlation of {c.first} and {c.second} has no source"))
        if self.program is not None:
            for number in self.program.numbers():
                why = number.unsourced()
                if why is not None:
                    found.append((number.line, why))
        return sorted(found, key=lambda item: (item[0] is None, item[0] or 0, item[1]))

    def __repr__(self) -> str:
        sizes = "x".join(str(len(s)) for s in self.strategies)
        return f"Scenario({self.path!r}, {self.form}, {', '.join(self.players)}; {sizes})"


def _rebuild(state: dict) -> Scenario:
    return Scenario(**state)
