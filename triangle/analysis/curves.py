"""The move's verdict along one parameter and over a plane of two: curves and maps.

:func:`gain_curve` and :func:`verdict_map` evaluate a scenario's move at many
parameter points through the batched path (:func:`~triangle.analysis.batch.sweep_move`);
:func:`gain_curves` adds, for each of several scenarios, where its verdict flips and
where the scenario itself lies, which is what the gain-curve chart draws.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from triangle.analysis.batch import sweep_move
from triangle.analysis.move import require_move
from triangle.analysis.thresholds import find_threshold
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError
from triangle.vocabulary import Verdict, verdict_codes

__all__ = [
    "GainCurve",
    "MarkedPoint",
    "VerdictMap",
    "curve_labels",
    "gain_curve",
    "gain_curves",
    "parameter_grid",
    "verdict_map",
]


@dataclass(frozen=True, eq=False)
class GainCurve:
    """The mover's gain along one parameter (see :func:`gain_curve`).

    Unpacks as ``gain_min, gain_max, verdicts = curve``.

    Attributes
    ----------
    parameter : str
    values : ndarray, shape (k,)
        The parameter's values, in the order evaluated.
    gain_min, gain_max : ndarray, shape (k,)
        Bounds of the mover's gain (payoff units) under the selection rule.
    verdicts : tuple of Verdict
        The verdict at each value.
    selection : str
    fallback : ndarray of bool, shape (k,)
        Values evaluated with the full solver.
    notes : tuple of str
    label : str
        A short name for legends (see :func:`curve_labels`).
    thresholds : tuple of float
        Where the verdict flips (:func:`~triangle.analysis.find_threshold`), when
        computed (:func:`gain_curves`).
    marker : (float, float) or None
        The scenario's own value of the parameter and the mover's gain there.
    unit, mover : str or None
        The parameter's unit and the mover's name, for labels.
    """

    parameter: str
    values: np.ndarray
    gain_min: np.ndarray
    gain_max: np.ndarray
    verdicts: tuple[Verdict, ...]
    selection: str = "plausible"
    fallback: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    notes: tuple[str, ...] = ()
    label: str = ""
    thresholds: tuple[float, ...] = ()
    marker: tuple[float, float] | None = None
    unit: str | None = None
    mover: str | None = None

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float).reshape(-1)
        lo = np.asarray(self.gain_min, dtype=float).reshape(-1)
        hi = np.asarray(self.gain_max, dtype=float).reshape(-1)
        if lo.shape != values.shape or hi.shape != values.shape:
            raise ValueError("values, gain_min and gain_max must have one length")
        if len(self.verdicts) != values.size:
            raise ValueError(f"{len(self.verdicts)} verdicts for {values.size} values")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "gain_min", lo)
        object.__setattr__(self, "gain_max", hi)
        object.__setattr__(self, "verdicts", tuple(Verdict(v) for v in self.verdicts))
        object.__setattr__(self, "thresholds", tuple(sorted(float(t) for t in self.thresholds)))
        if self.marker is not None:
            object.__setattr__(self, "marker", (float(self.marker[0]), float(self.marker[1])))

    @classmethod
    def from_gains(
        cls,
        parameter: str,
        values: np.typing.ArrayLike,
        gain_min: np.typing.ArrayLike,
        gain_max: np.typing.ArrayLike | None = None,
        *,
        tol: float = DEFAULT_TOL,
        **fields,
    ) -> GainCurve:
        """A curve from gains computed elsewhere, its verdicts decided from the gains
        by :func:`~triangle.vocabulary.verdict_codes` with the tolerance ``tol`` × the
        spread of the gains. Other attributes go in ``fields``.

        >>> c = GainCurve.from_gains("x", [0, 1, 2], [-1, 0, 1], label="demo")
        >>> c.verdicts
        ('does not pay off', 'does not pay off', 'pays off')
        """
        lo = np.asarray(gain_min, dtype=float).reshape(-1)
        hi = lo if gain_max is None else np.asarray(gain_max, dtype=float).reshape(-1)
        both = np.concatenate([lo, hi])
        atol = tol * float(np.ptp(both)) if both.size else 0.0
        codes = verdict_codes(lo, hi, atol)
        return cls(
            parameter,
            np.asarray(values, dtype=float),
            lo,
            hi,
            tuple(Verdict.from_code(c) for c in codes),
            **fields,
        )

    def __iter__(self) -> Iterator:
        return iter((self.gain_min, self.gain_max, self.verdicts))


def gain_curve(
    scenario,
    parameter: str,
    values: Sequence[float] | np.ndarray,
    selection: str = "plausible",
    *,
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> GainCurve:
    """The mover's gain as one parameter varies, through the batched path.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    parameter : str
        A parameter of the scenario.
    values : sequence of float
        Its values (each within the parameter's declared range).
    selection : {"plausible", "optimistic", "pessimistic"}
        Selection rule among the followers' equilibria (module notes).
    overrides : mapping, optional
        Other parameters' values.
    tol : float
        Relative tolerance.
    timeout : float or None
        Seconds each point that needs the full solver may take
        (:func:`~triangle.analysis.batch.sweep_move`).

    Returns
    -------
    GainCurve
        Unpacks as ``(gain_min, gain_max, verdicts)``.

    Raises
    ------
    TriangleInputError
        For an unknown parameter (listing the known ones), a value outside the
        declared range, or a scenario without a move.
    """
    check_selection(selection)
    values = np.asarray(values, dtype=float).reshape(-1)
    if parameter not in scenario.parameters:
        scenario.parameter_values({parameter: 0.0})  # raises, listing the known names
    result = sweep_move(
        scenario,
        [{parameter: float(v)} for v in values],
        overrides=overrides,
        tol=tol,
        timeout=timeout,
    )
    lo, hi = result.gains[selection]
    return GainCurve(
        parameter=parameter,
        values=values,
        gain_min=lo,
        gain_max=hi,
        verdicts=tuple(result.verdicts(selection)),
        selection=selection,
        fallback=result.fallback,
        notes=result.notes,
        unit=scenario.parameters[parameter].unit,
        mover=scenario.move.player,
    )


def curve_labels(scenarios: Sequence) -> list[str]:
    """Distinct short names for curves: the year each title names (``"1971"``), else
    the file names without suffix, else the titles.

    >>> from types import SimpleNamespace as S
    >>> curve_labels([S(title="Kissinger, 1971", path="a.yaml"),
    ...               S(title="Reverse Kissinger, 2025", path="b.yaml")])
    ['1971', '2025']
    """
    titles = [str(s.title) for s in scenarios]
    years = [sorted(set(re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", t))) for t in titles]
    if all(len(y) == 1 for y in years) and len({y[0] for y in years}) == len(titles):
        return [y[0] for y in years]
    stems = [Path(str(s.path)).stem for s in scenarios]
    if all(stems) and len(set(stems)) == len(stems):
        return stems
    return titles


def gain_curves(
    scenarios,
    parameter: str,
    *,
    values: Sequence[float] | None = None,
    points: int = 241,
    selection: str = "plausible",
    labels: Sequence[str] | None = None,
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
) -> list[GainCurve]:
    """Each scenario's gain along ``parameter``, with its flips and its own value marked.

    Parameters
    ----------
    scenarios : Scenario or sequence of Scenario
        Each must have a ``move:`` and the parameter.
    parameter : str
        The parameter to vary.
    values : sequence of float, optional
        Where to evaluate; by default ``points`` evenly spaced values over each
        scenario's search range of the parameter
        (:meth:`~triangle.scenario.Parameter.search_range`), plus its own value and
        points just either side of each flip (at the flip itself the game is
        degenerate, and its extra equilibria would draw a spike).
    points : int
        Number of evenly spaced values when ``values`` is not given.
    selection : {"plausible", "optimistic", "pessimistic"}
    labels : sequence of str, optional
        Labels of the curves; by default :func:`curve_labels`.
    overrides : mapping, optional
        Values of the other parameters (each scenario takes those it declares).
    tol : float
        Relative tolerance.

    Returns
    -------
    list of GainCurve
        One per scenario, with ``label``, ``thresholds`` (the verdict's flips) and
        ``marker`` (the scenario's own value and gain) set; ``values`` increasing.

    Raises
    ------
    TriangleInputError
        For a scenario without a move or without the parameter, or labels that do not
        match the scenarios.
    """
    scenarios = [scenarios] if hasattr(scenarios, "compile") else list(scenarios)
    if labels is not None and len(labels) != len(scenarios):
        raise TriangleInputError(f"{len(labels)} labels for {len(scenarios)} scenarios")
    for scenario in scenarios:
        require_move(scenario)
        if parameter not in scenario.parameters:
            known = ", ".join(scenario.parameters) or "none"
            raise TriangleInputError(
                f"{scenario.path}: unknown parameter {parameter!r} (parameters: {known})"
            )
    names = list(labels) if labels is not None else curve_labels(scenarios)
    curves = []
    for name, scenario in zip(names, scenarios, strict=True):
        own = {k: v for k, v in (overrides or {}).items() if k in scenario.parameters}
        threshold = find_threshold(scenario, parameter, own, selection=selection, tol=tol)
        flips = sorted(threshold.points)
        current = float(scenario.parameter_values(own)[parameter])
        if values is None:
            lo, hi = threshold.lo, threshold.hi
            grid = np.linspace(lo, hi, points)
        else:
            grid = np.asarray(values, dtype=float)
            lo, hi = float(grid.min()), float(grid.max())
        eps = 1e-7 * (hi - lo)
        near = [u for t in flips for u in (t - eps, t + eps) if lo <= u <= hi]
        grid = np.unique(np.concatenate([grid, [current], near]))
        curve = gain_curve(scenario, parameter, grid, selection, overrides=own, tol=tol)
        at = int(np.flatnonzero(grid == current)[0])
        curves.append(
            dataclasses.replace(
                curve,
                label=name,
                thresholds=tuple(flips),
                marker=(current, float(curve.gain_min[at])),
            )
        )
    return curves


@dataclass(frozen=True)
class MarkedPoint:
    """A point marked on a verdict map: a label, its coordinates and the verdict of the
    map's scenario there (``None`` outside the parameters' ranges)."""

    label: str
    x: float
    y: float
    verdict: Verdict | None


@dataclass(frozen=True, eq=False)
class VerdictMap:
    """Verdicts over a grid of two parameters (see :func:`verdict_map`).

    ``codes[j, i]`` and ``configurations[j, i]`` belong to ``(xs[i], ys[j])``: rows
    follow ``ys``, columns ``xs`` (the layout of ``pcolormesh(xs, ys, codes)``).
    Unpacks as ``codes, configurations = vmap``.

    Attributes
    ----------
    px, py : str
        The parameters on the x and y axes.
    xs, ys : ndarray
    codes : ndarray of int, shape (len(ys), len(xs))
        Verdict codes (:data:`~triangle.vocabulary.VERDICT_CODES`).
    configurations : ndarray of object, shape (len(ys), len(xs))
        Configuration of the plausible AFTER outcomes ("several" when they differ,
        "mixed" when one is mixed, ``None`` without a triangle).
    selection : str
    fallback : ndarray of bool, shape (len(ys), len(xs))
    notes : tuple of str
    points : tuple of MarkedPoint
        The scenario's own point first, then any others asked for.
    mover : str or None
    units : dict
        The unit of each axis parameter (``None`` when not declared).
    """

    px: str
    py: str
    xs: np.ndarray
    ys: np.ndarray
    codes: np.ndarray
    configurations: np.ndarray
    selection: str = "plausible"
    fallback: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    notes: tuple[str, ...] = ()
    points: tuple[MarkedPoint, ...] = ()
    mover: str | None = None
    units: dict = field(default_factory=dict)

    def __iter__(self) -> Iterator:
        return iter((self.codes, self.configurations))

    def verdicts(self) -> list[list[Verdict]]:
        """The verdicts, rows following ``ys``."""
        return [[Verdict.from_code(c) for c in row] for row in self.codes]


def parameter_grid(scenario, name: str, resolution: int = 81) -> np.ndarray:
    """``resolution`` evenly spaced values over a parameter's search range
    (:meth:`~triangle.scenario.Parameter.search_range`)."""
    lo, hi = scenario.parameters[name].search_range()
    return np.linspace(lo, hi, resolution)


def _verdict_at(scenario, point: Mapping[str, float], overrides, selection, tol) -> Verdict | None:
    try:
        found = sweep_move(scenario, [point], overrides=overrides, tol=tol)
    except TriangleInputError:  # outside a declared range
        return None
    return found.verdicts(selection)[0]


def verdict_map(
    scenario,
    px: str,
    xs: Sequence[float] | np.ndarray | None,
    py: str,
    ys: Sequence[float] | np.ndarray | None,
    *,
    selection: str = "plausible",
    overrides: Mapping[str, float] | None = None,
    points: Sequence[tuple[str, float, float]] = (),
    others: Sequence = (),
    resolution: int = 81,
    tol: float = DEFAULT_TOL,
) -> VerdictMap:
    """Verdicts and AFTER configurations over a grid of two parameters.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    px, py : str
        The parameters on the x and y axes (two different ones).
    xs, ys : sequence of float or None
        Grid values; ``None`` for ``resolution`` values over the search range
        (:func:`parameter_grid`).
    selection : {"plausible", "optimistic", "pessimistic"}
    overrides : mapping, optional
        Values of the other parameters.
    points : sequence of (label, x, y)
        Further points to mark (e.g. other scenarios' values); the verdict of this
        scenario's move at each is computed. The scenario's own point is always
        marked first, labelled with its title.
    resolution : int
        Grid size along an axis whose values are not given.
    tol : float
        Relative tolerance.

    Returns
    -------
    VerdictMap

    Raises
    ------
    TriangleInputError
        For an unknown parameter, the same parameter twice, a value outside a
        declared range, or a scenario without a move.
    """
    check_selection(selection)
    require_move(scenario)
    if px == py:
        raise TriangleInputError(f"verdict_map needs two different parameters, got {px!r} twice")
    for name in (px, py):
        if name not in scenario.parameters:
            known = ", ".join(scenario.parameters) or "none"
            raise TriangleInputError(
                f"{scenario.path}: unknown parameter {name!r} (parameters: {known})"
            )
    xs = parameter_grid(scenario, px, resolution) if xs is None else xs
    ys = parameter_grid(scenario, py, resolution) if ys is None else ys
    xs = np.asarray(xs, dtype=float).reshape(-1)
    ys = np.asarray(ys, dtype=float).reshape(-1)
    grid = [{px: float(x), py: float(y)} for y in ys for x in xs]
    result = sweep_move(scenario, grid, overrides=overrides, tol=tol)
    shape = (len(ys), len(xs))
    values = scenario.parameter_values(overrides)
    marked = [(str(scenario.title), float(values[px]), float(values[py]))]
    for other in others:
        if px in other.parameters and py in other.parameters:
            own = other.parameter_values()
            points = [*points, (other.title, own[px], own[py])]
    marked += [(str(label), float(x), float(y)) for label, x, y in points if label != marked[0][0]]
    return VerdictMap(
        px=px,
        py=py,
        xs=xs,
        ys=ys,
        codes=result.codes[selection].reshape(shape),
        configurations=result.after_configuration.reshape(shape),
        selection=selection,
        fallback=result.fallback.reshape(shape),
        notes=result.notes,
        points=tuple(
            MarkedPoint(
                label, x, y, _verdict_at(scenario, {px: x, py: y}, overrides, selection, tol)
            )
            for label, x, y in marked
        ),
        mover=scenario.move.player,
        units={n: scenario.parameters[n].unit for n in (px, py)},
    )
