"""Where does the verdict flip: thresholds of one parameter.

:func:`find_threshold` finds the values of one parameter at which the verdict on a
scenario's move changes (``kind="verdict"``), or at which the target's best reply
after the move changes between keeping and dropping its tie with the third actor
(``kind="target"``), within the parameter's declared range (or a given ``[lo, hi]``).

Two methods:

``"exact (piecewise linear)"``
    When the payoff array is affine in the parameter (checked by compiling at five
    points of the range), every comparison the verdict rests on (a follower's Nash
    and dominance conditions, the mover's gains and which outcome is its worst) is a
    comparison of two payoff entries of the same player, and can change only where
    those two entries cross: ``p* = -(a1 - a2) / (b1 - b2)``. Every such crossing in
    the range is a candidate; the verdict is evaluated (batched path of
    :mod:`triangle.analysis.batch`) between consecutive candidates, and the candidates where
    it changes are the flips, exact up to floating point.
``"bisection"``
    Otherwise (``min``, ``max``, ``abs`` or powers in the payoffs), or when some
    point needs the followers' mixed equilibria (whose payoffs are not linear in the
    parameter): a grid of :data:`GRID` points, then bisection on each bracket
    where the verdict differs, to ``1e-9`` × the range's width. Two flips closer
    than the grid spacing can be missed.

Every flip is then verified with the full solvers
(:func:`~triangle.analysis.point.evaluate_point`)
on both sides of it; a disagreement is reported in ``notes`` and ``verified``. With
``verify=False`` that check, and the full solve of the state at the scenario's value,
are skipped: the flips are the same values, read from the batched path alone, at a
fraction of the cost (a few hundredths of a second a parameter instead of tenths), for
callers that ask again at every step, such as :func:`~triangle.explorer.explore`.

A parameter without a declared range is searched over ``value ± 10·max(1, |value|)``
unless ``lo`` and ``hi`` are given (the result notes it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from triangle.analysis.batch import sweep_move
from triangle.analysis.move import resolve_move
from triangle.analysis.point import evaluate_point
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError, excerpt
from triangle.numbers import flip_value, tidy
from triangle.vocabulary import Verdict

__all__ = ["GRID", "KINDS", "Flip", "Threshold", "find_threshold"]

KINDS = ("verdict", "target")
"""What a threshold is about: the verdict on the move, or the target's best reply."""
GRID = 101
"""Grid points of the bisection method."""
EXACT = "exact (piecewise linear)"
BISECTION = "bisection"
_PROBES = (0.0, 0.2763932022500210, 0.5, 0.7236067977499790, 1.0)
"""Where in the range the payoffs are compiled to check that they are affine."""
_GOLDEN = 0.3819660112501051
"""Where in a range without flips its state is read: a point no payoff crossing is
expected to fall on."""


@dataclass(frozen=True)
class Flip:
    """One value at which the verdict (or the target's reply) changes.

    Attributes
    ----------
    value : float
        The parameter value.
    below, above : str
        The verdict (or target state) just below and just above it.
    verified : bool
        The full solvers agree on both sides.
    """

    value: float
    below: str
    above: str
    verified: bool = True


@dataclass(frozen=True, eq=False)
class Threshold:
    """Where the verdict on a move (or the target's best reply) flips along one parameter.

    Attributes
    ----------
    parameter : str
    kind : str
        ``"verdict"`` or ``"target"``.
    value : float
        The parameter's value in the scenario (after overrides).
    lo, hi : float
        The interval searched.
    range_source : str
        ``"declared"``, ``"given"`` or ``"default"``.
    method : str
        ``"exact (piecewise linear)"`` or ``"bisection"``.
    flips : tuple of Flip
        In increasing order.
    state : str
        The verdict (or target state) at ``value``.
    margin : float or None
        Nearest flip minus ``value``; ``None`` when there is no flip.
    selection : str
    notes : tuple of str
    target, third : str or None
        The move's target and the third actor (named by ``kind="target"`` findings).
    steady : str or None
        Without flips: the state throughout the interval. It differs from ``state``
        when the scenario's value sits on an isolated point where the game is
        degenerate (two payoffs equal, say), e.g. a verdict that depends on equilibrium
        selection only there. ``None`` when there are flips.

    :func:`triangle.report.threshold_sentence` states the finding in words.
    """

    parameter: str
    kind: str
    value: float
    lo: float
    hi: float
    range_source: str
    method: str
    flips: tuple[Flip, ...]
    state: str
    margin: float | None
    selection: str = "plausible"
    notes: tuple[str, ...] = field(default=())
    target: str | None = None
    third: str | None = None
    steady: str | None = None

    @property
    def points(self) -> tuple[float, ...]:
        """The flip values."""
        return tuple(f.value for f in self.flips)

    @property
    def nearest(self) -> Flip | None:
        """The flip closest to the scenario's value (the lower one among equals)."""
        if not self.flips:
            return None
        return min(self.flips, key=lambda f: (abs(f.value - self.value), f.value))


# -- evaluating states -----------------------------------------------------------------------
class _Evaluator:
    """The state (verdict or target reply) at parameter values, cheap and full paths."""

    def __init__(
        self,
        scenario,
        parameter: str,
        overrides,
        kind: str,
        selection: str,
        tol: float,
        timeout: float | None,
    ):
        self.scenario = scenario
        self.parameter = parameter
        self.overrides = dict(overrides or {})
        self.kind = kind
        self.selection = selection
        self.tol = tol
        self.timeout = timeout
        self.fallbacks = 0
        self.mixed = 0

    def point(self, x: float) -> dict[str, float]:
        return {**self.overrides, self.parameter: float(x)}

    def cheap(self, xs) -> list[str]:
        xs = [float(x) for x in xs]
        if not xs:
            return []
        result = sweep_move(
            self.scenario, [self.point(x) for x in xs], tol=self.tol, timeout=self.timeout
        )
        self.fallbacks += int(result.fallback.sum())
        self.mixed += int(result.mixed.sum())
        if self.kind == "verdict":
            return result.verdicts(self.selection)
        return list(result.target_states)

    def full(self, x: float) -> str:
        game = self.scenario.compile(self.point(x))
        spec = resolve_move(self.scenario, game)
        point = evaluate_point(game, spec, tol=self.tol, timeout=self.timeout)
        if self.kind == "verdict":
            return Verdict.from_code(point.codes[self.selection])
        return point.keep


def _affine(scenario, ev: _Evaluator, lo: float, hi: float):
    """``(a, b)`` with payoffs ``a + b * x`` if the payoffs are affine on [lo, hi], else None."""
    xs = [lo + t * (hi - lo) for t in _PROBES]
    payoffs = scenario.compile_many([ev.point(x) for x in xs])
    slope = (payoffs[-1] - payoffs[0]) / (hi - lo)
    intercept = payoffs[0] - slope * lo
    scale = max(1.0, float(np.abs(payoffs).max()))
    for x, p in zip(xs, payoffs, strict=True):
        if not np.allclose(p, intercept + slope * x, rtol=0, atol=1e-9 * scale):
            return None
    return intercept, slope


def _crossings(a: np.ndarray, b: np.ndarray, spec, lo: float, hi: float) -> np.ndarray:
    """Parameter values in (lo, hi) where two payoff entries the verdict compares cross.

    Followers: two strategies of one follower against the same strategies of the
    others, on each side of the move. Mover: any two of its entries on either side.
    """
    n = a.shape[0]
    found = []

    def add(da: np.ndarray, db: np.ndarray) -> None:
        da, db = da.reshape(-1), db.reshape(-1)
        ok = np.abs(db) > 1e-12 * np.maximum(1.0, np.abs(da))
        found.append(-da[ok] / db[ok])

    mover_a, mover_b = [], []
    for k in (spec.before, spec.after):
        sa = np.take(a, k, axis=1 + spec.mover)
        sb = np.take(b, k, axis=1 + spec.mover)
        mover_a.append(sa[spec.mover].reshape(-1))
        mover_b.append(sb[spec.mover].reshape(-1))
        for f in range(n):
            if f == spec.mover:
                continue
            axis = f if f < spec.mover else f - 1
            ua = np.moveaxis(sa[f], axis, 0)
            ub = np.moveaxis(sb[f], axis, 0)
            for i in range(ua.shape[0]):
                for j in range(i + 1, ua.shape[0]):
                    add(ua[i] - ua[j], ub[i] - ub[j])
    ma, mb = np.concatenate(mover_a), np.concatenate(mover_b)
    add(ma[:, None] - ma[None, :], mb[:, None] - mb[None, :])
    values = np.concatenate(found) if found else np.zeros(0)
    width = hi - lo
    values = np.sort(values[(values > lo + 1e-9 * width) & (values < hi - 1e-9 * width)])
    if values.size == 0:
        return values
    keep = np.concatenate(([True], np.diff(values) > 1e-9 * width))
    return values[keep]


def _exact(ev: _Evaluator, a, b, spec, lo: float, hi: float):
    candidates = _crossings(a, b, spec, lo, hi)
    edges = np.concatenate(([lo], candidates, [hi]))
    mids = (edges[:-1] + edges[1:]) / 2
    before = ev.fallbacks + ev.mixed
    states = ev.cheap(mids)
    if ev.fallbacks + ev.mixed > before:  # mixed equilibria: not piecewise constant
        return None
    flips = []
    sides = []
    for j in range(len(candidates)):
        if states[j] != states[j + 1]:
            flips.append((float(candidates[j]), states[j], states[j + 1]))
            sides.append((float(mids[j]), float(mids[j + 1])))
    return flips, sides


def _bisect(ev: _Evaluator, lo: float, hi: float):
    grid = np.linspace(lo, hi, GRID)
    states = ev.cheap(grid)
    eps = 1e-9 * (hi - lo)
    flips, sides = [], []
    for j in range(GRID - 1):
        left, right = float(grid[j]), float(grid[j + 1])
        s_left, s_end = states[j], states[j + 1]
        while s_left != s_end:
            l_, r_, s_r = left, right, s_end
            while r_ - l_ > eps:
                mid = (l_ + r_) / 2
                (s_mid,) = ev.cheap([mid])
                if s_mid == s_left:
                    l_ = mid
                else:
                    r_, s_r = mid, s_mid
            flips.append(((l_ + r_) / 2, s_left, s_r))
            sides.append((l_, r_))
            left, s_left = r_, s_r
    return flips, sides


# -- the entry point ---------------------------------------------------------------------------
def find_threshold(
    scenario,
    parameter: str,
    overrides: Mapping[str, float] | None = None,
    *,
    kind: str = "verdict",
    lo: float | None = None,
    hi: float | None = None,
    selection: str = "plausible",
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
    verify: bool = True,
) -> Threshold:
    """The values of ``parameter`` at which the verdict on the move (or the target's reply) flips.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    parameter : str
        One of the scenario's parameters.
    overrides : mapping, optional
        Values of the other parameters (and the reference value of this one).
    kind : {"verdict", "target"}
        ``"verdict"``: where the verdict on the move changes. ``"target"``: where the
        target's best reply after the move changes between keeping and dropping its
        tie with the third actor (value of keeping it, at the representative AFTER outcome,
        crossing zero).
    lo, hi : float, optional
        The interval to search; default the declared range, or
        ``value ± 10·max(1, |value|)`` without one. Must lie within a declared range.
    selection : {"plausible", "optimistic", "pessimistic"}
        Selection rule for ``kind="verdict"``.
    tol : float
        Relative tolerance.
    timeout : float or None
        Seconds each full solve of a probe may take (the followers' games of the move
        together; :func:`~triangle.analysis.point.evaluate_point`). ``None``: no limit.
    verify : bool
        Check each flip on both sides, and the state at the scenario's value, with the
        full solvers (default). ``False``: read them from the batched path
        (:func:`~triangle.analysis.sweep_move`) only; the flips are marked
        ``verified=False`` and a note says so.

    Returns
    -------
    Threshold

    Raises
    ------
    TriangleInputError
        For an unknown parameter (the message lists the known ones), a bad kind or
        interval, a scenario without a move, or ``kind="target"`` without a target
        and third actor.

    Examples
    --------
    >>> from triangle.scenario import load_scenario
    >>> th = find_threshold(load_scenario("scenarios/reverse_kissinger_2025.yaml"), "rivalry")
    >>> th.method, th.state, th.points[0] > th.value
    ('exact (piecewise linear)', 'does not pay off', True)
    """
    check_selection(selection)
    if kind not in KINDS:
        raise TriangleInputError(
            f"unknown threshold kind {excerpt(kind)}; valid kinds: {', '.join(KINDS)}"
        )
    if parameter not in scenario.parameters:
        known = ", ".join(scenario.parameters) or "none (this scenario has no parameters)"
        raise TriangleInputError(
            f"unknown parameter {excerpt(parameter)} for {scenario.path}; known parameters: {known}"
        )
    overrides = dict(overrides or {})
    value = scenario.parameter_values(overrides)[parameter]
    declared = scenario.parameters[parameter].range
    notes = []
    if lo is None and hi is None and declared is None:
        lo, hi = scenario.parameters[parameter].search_range(value)
        source = "default"
        notes.append(
            f"{parameter} has no declared range: searched value ± 10·max(1, |value|) = "
            f"[{flip_value(lo)}, {flip_value(hi)}]"
        )
    else:
        source = "declared" if lo is None and hi is None else "given"
        base = scenario.parameters[parameter].search_range(value)
        lo = float(base[0] if lo is None else lo)
        hi = float(base[1] if hi is None else hi)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise TriangleInputError(f"threshold interval [{lo}, {hi}] for {parameter}: need lo < hi")
    if declared is not None and (lo < declared[0] or hi > declared[1]):
        raise TriangleInputError(
            f"threshold interval [{flip_value(lo)}, {flip_value(hi)}] for {parameter} is "
            f"outside its declared range [{flip_value(declared[0])}, {flip_value(declared[1])}]"
        )

    game = scenario.compile(overrides)
    spec = resolve_move(scenario, game)
    names = {
        "target": None if spec.target is None else game.players[spec.target],
        "third": None if spec.third is None else game.players[spec.third],
    }
    if kind == "target" and (spec.third is None or game.stances is None):
        raise TriangleInputError(
            f"{scenario.path}: kind='target' needs a move with a target and a third actor in a "
            "triangle with stances (relations form, or a table with `stances:`)"
        )
    ev = _Evaluator(scenario, parameter, overrides, kind, selection, tol, timeout)

    method, found = BISECTION, None
    affine = _affine(scenario, ev, lo, hi)
    if affine is not None:
        found = _exact(ev, affine[0], affine[1], spec, lo, hi)
        if found is None:
            notes.append(
                "some points needed the full solver (no plausible pure equilibrium): "
                "the verdict is not piecewise constant between payoff crossings there, "
                "so bisection was used"
            )
        else:
            method = EXACT
    if found is None:
        found = _bisect(ev, lo, hi)
    raw, sides = found

    flips = []
    for (x, below, above), (left, right) in zip(raw, sides, strict=True):
        x = tidy(x, hi - lo)  # drop float noise, in the parameter's own units
        ok = verify and ev.full(left) == below and ev.full(right) == above
        if verify and not ok:
            notes.append(
                f"the flip at {parameter}={x:.6g} was not confirmed by the full solvers "
                "on both sides"
            )
        flips.append(Flip(float(x), below, above, ok))
    if verify:
        state = ev.full(value)
    else:
        (state,) = ev.cheap([value])
        if flips:
            notes.append("the flips were not checked with the full solvers (verify=False)")
    steady = None
    if not flips:  # the state away from isolated points: at a point no crossing falls on
        (steady,) = ev.cheap([lo + _GOLDEN * (hi - lo)])
    if ev.fallbacks:
        notes.append(f"{ev.fallbacks} evaluated points needed the full solver")
    if ev.mixed:
        notes.append(
            f"{ev.mixed} evaluated points needed the mixed equilibria of the followers' games"
        )
    margin = None
    if flips:
        nearest = min(flips, key=lambda f: (abs(f.value - value), f.value))
        margin = tidy(nearest.value - value, hi - lo)
    return Threshold(
        parameter=parameter,
        kind=kind,
        value=float(value),
        lo=float(lo),
        hi=float(hi),
        range_source=source,
        method=method,
        flips=tuple(flips),
        state=state,
        margin=margin,
        selection=selection,
        notes=tuple(notes),
        target=names["target"],
        third=names["third"],
        steady=steady,
    )
