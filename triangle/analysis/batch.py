"""Does a move pay off at many parameter points: the batched evaluation path.

The same numbers as :func:`~triangle.analysis.point.evaluate_point` (gains under
each :class:`~triangle.vocabulary.Selection`, verdicts, the AFTER configuration and
the target's state), for thousands of parameter points at once.

Payoff arrays are compiled per point
(:meth:`~triangle.scenario.Scenario.compile_many`: the expressions are parsed once),
then every point's followers' games are searched for *pure* equilibria with
:func:`~triangle.equilibria.pure.pure_nash_mask_batch` and the one-round dominance
kernel :func:`~triangle.equilibria.dominance.dominated_batch`, with no solver call
per point.

Pure outcomes give the full answer only when mixed equilibria cannot change it, so
each point must pass a cheap certificate, else it is solved with the full solver
(:func:`evaluate_point`) and flagged in ``fallback`` with a note:

* one follower (2-player games): its equilibria are mixtures of its best replies,
  so the mover's extreme payoffs are at pure ones;
* three players with stances: the *structure* certificate of
  :func:`_structure_certificate` (each follower's payoff is additive apart from one
  term in the followers' mutual tie). Relations-form games with Bao's scores always
  pass it, so the shipped scenarios never fall back; a user role-score table
  usually makes the tie's value depend on the third tie, and such points fall back;
* other games: the *bounds* certificate of :func:`_bounds_certificate` (pure
  equilibria already reach the lowest and highest payoff the mover can get from
  strategies an equilibrium may use);
* and a point whose followers' game has no plausible pure equilibrium always falls
  back.

The tests check that both paths agree on the shipped scenarios and on hand-built and
random games.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from triangle.analysis.move import MoveSpec, resolve_move
from triangle.analysis.point import evaluate_point, keep_state
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.dominance import dominated_batch
from triangle.equilibria.exact import EXACT_MAX_STRATEGIES
from triangle.equilibria.exact import TIE_RTOL as EXACT_TIE_RTOL
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.pure import pure_nash_mask_batch
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.game import Game, normalize, payoff_ranges
from triangle.vocabulary import SELECTIONS, SEVERAL, Selection, TargetState, Verdict, verdict_codes

__all__ = ["MoveSweep", "sweep_move"]


@dataclass(frozen=True, eq=False)
class MoveSweep:
    """The move judged at many parameter points (see :func:`sweep_move`).

    Attributes
    ----------
    points : tuple of dict
        The parameter overrides of each point (base overrides included).
    gains : dict
        ``selection -> (gain_min, gain_max)``, arrays of shape ``(len(points),)``.
    codes : dict
        ``selection -> verdict codes`` (:data:`VERDICT_CODES`).
    atol : ndarray
        Absolute tolerance of each point's verdicts.
    after_configuration : ndarray of object
        Configuration of the plausible AFTER outcomes per point (see
        :class:`PointResult`); ``None`` entries without a triangle.
    keep_value : ndarray
        The target's value of keeping its tie to the third actor (NaN when undefined).
    target_states : tuple of str
        The target's state at each point (:func:`target_state`).
    fallback : ndarray of bool
        Points evaluated with the full solver (no plausible pure equilibrium).
    notes : tuple of str
    """

    points: tuple[dict[str, float], ...]
    gains: dict[str, tuple[np.ndarray, np.ndarray]]
    codes: dict[str, np.ndarray]
    atol: np.ndarray
    after_configuration: np.ndarray
    keep_value: np.ndarray
    target_states: tuple[str, ...]
    fallback: np.ndarray
    notes: tuple[str, ...] = ()

    def verdicts(self, selection: str = "plausible") -> list[Verdict]:
        """The verdict at each point under a selection rule."""
        return [Verdict.from_code(c) for c in self.codes[check_selection(selection)]]


def _followers_batch(payoffs: np.ndarray, mover: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The followers' games and the mover's payoffs after committing to ``k``.

    As :mod:`triangle.equilibria.leader` does: with 3 or more players the mover is
    removed; in a 2-player game it stays with the single committed strategy.
    Returns ``(games, mover_payoffs)`` of shapes ``(B, m, s...)`` and ``(B, s...)``.
    """
    n = payoffs.shape[1]
    if n >= 3:
        sliced = np.take(payoffs, k, axis=2 + mover)
        games = np.delete(sliced, mover, axis=1)
        return games, sliced[:, mover]
    sliced = np.take(payoffs, [k], axis=2 + mover)
    return sliced, sliced[:, mover]


@dataclass(frozen=True)
class _BatchSide:
    games: np.ndarray  # (B, m, s...) the followers' games, each follower normalised
    tol: float  # relative tolerance (on the normalised games)
    nash: np.ndarray  # (B, s...)
    plausible: np.ndarray  # (B, s...)
    undominated: np.ndarray  # (B, s...) profiles of weakly undominated strategies
    unstrict: np.ndarray  # (B, s...) profiles of strategies not strictly dominated
    mover: np.ndarray  # (B, s...) mover's payoffs, normalised over the whole game


def _side_batch(
    payoffs: np.ndarray, normalized: np.ndarray, mover: int, k: int, tol: float
) -> _BatchSide:
    """The followers' games after the mover commits to ``k``: their pure equilibria
    and dominance relations (each follower's payoffs normalised in its own game, as
    :func:`~triangle.equilibria.solve` does), and the mover's normalised payoffs."""
    raw, _ = _followers_batch(payoffs, mover, k)
    games = normalize(raw, batch_dims=1)
    values = _followers_batch(normalized, mover, k)[1]
    # small 2-player followers' games are solved exactly (ties within exact.TIE_RTOL):
    # their pure equilibria are the exact ones
    exact = games.shape[1] == 2 and max(games.shape[2:]) <= EXACT_MAX_STRATEGIES
    nash = pure_nash_mask_batch(games, EXACT_TIE_RTOL if exact else tol)
    undominated = np.ones_like(nash)
    unstrict = np.ones_like(nash)
    for p, (weak, strict) in enumerate(dominated_batch(games, tol)):
        shape = [games.shape[0]] + [1] * (games.ndim - 2)
        shape[1 + p] = weak.shape[1]
        undominated &= ~weak.reshape(shape)
        unstrict &= ~strict.reshape(shape)
    return _BatchSide(games, tol, nash, nash & undominated, undominated, unstrict, values)


def _masked_bounds(values: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat_v = values.reshape(values.shape[0], -1)
    flat_m = mask.reshape(mask.shape[0], -1)
    lo = np.where(flat_m, flat_v, np.inf).min(axis=1)
    hi = np.where(flat_m, flat_v, -np.inf).max(axis=1)
    return lo, hi


def _batch_bounds(side: _BatchSide, selection: str) -> tuple[np.ndarray, np.ndarray]:
    if selection == Selection.PLAUSIBLE:
        return _masked_bounds(side.mover, side.plausible)
    lo, hi = _masked_bounds(side.mover, side.nash)
    return (hi, hi) if selection == Selection.OPTIMISTIC else (lo, lo)


def _bounds_certificate(side: _BatchSide) -> np.ndarray:
    """Points where mixed equilibria cannot widen the mover's payoff range.

    A plausible equilibrium uses only weakly undominated strategies, so the mover's
    expected payoff lies between its lowest and highest payoff over the profiles of
    those strategies; if plausible *pure* equilibria reach both ends, mixed ones add
    nothing. Likewise for all equilibria with the strategies that are not strictly
    dominated (never played in any equilibrium).
    """
    ok = np.ones(side.mover.shape[0], dtype=bool)
    for eq_mask, block in ((side.plausible, side.undominated), (side.nash, side.unstrict)):
        lo, hi = _masked_bounds(side.mover, eq_mask)
        block_lo, block_hi = _masked_bounds(side.mover, block)
        ok &= (lo - block_lo <= side.tol) & (block_hi - hi <= side.tol)
    return ok


def _structure_certificate(side: _BatchSide, template: Game, spec: MoveSpec) -> np.ndarray:
    """Points where every equilibrium component of the followers' game has pure extreme points.

    For three players with stances: each follower ``j`` (other follower ``o``) must have
    payoffs ``F(s) + G(t) + h · b_j(s) · b_o(t)``, where ``b`` says whether a strategy is
    warm toward the other follower, with ``max F`` the same over strategies warm and not
    warm toward ``o``. Then ``j`` is indifferent between the two kinds of strategies
    only when ``h · P(o warm to j) = 0``, every piece of the equilibrium set is a product
    of faces of the strategy simplices, and the mover's payoff (linear in each
    follower's mixture) takes its extreme values at pure equilibria. Relations-form
    games with Bao's scores have this form (a stance toward a cold actor changes
    nothing; the tie between the followers enters once, additively).
    """
    batch = side.games.shape[0]
    followers = [j for j in range(3) if j != spec.mover]
    tolerance = side.tol
    ok = np.ones(batch, dtype=bool)
    for p in range(2):
        j, o = followers[p], followers[1 - p]
        u = side.games[:, p] if p == 0 else np.swapaxes(side.games[:, p], 1, 2)  # [b, s, t]
        bj = np.array([template.players[o] in w for w in template.stances[j]], dtype=float)
        bo = np.array([template.players[j] in w for w in template.stances[o]], dtype=float)
        if bj.min() == bj.max() or bo.min() == bo.max():
            ok &= False
            continue
        # h from one quadruple, then the rest must be additive: R = F[s] + G[t]
        s1, s0 = int(np.argmax(bj)), int(np.argmin(bj))
        t1, t0 = int(np.argmax(bo)), int(np.argmin(bo))
        h = u[:, s1, t1] - u[:, s0, t1] - u[:, s1, t0] + u[:, s0, t0]
        r = u - h[:, None, None] * np.outer(bj, bo)[None]
        interaction = r - r[:, :, :1] - r[:, :1, :] + r[:, :1, :1]
        ok &= np.all(np.abs(interaction) <= tolerance, axis=(1, 2))
        f = r[:, :, 0]
        warm_best = f[:, bj > 0].max(axis=1)
        cold_best = f[:, bj == 0].max(axis=1)
        ok &= np.abs(warm_best - cold_best) <= side.tol
    return ok


def _certified(side: _BatchSide, template: Game, spec: MoveSpec) -> np.ndarray:
    """Points whose pure outcomes give what the full solvers would (see :func:`sweep_move`)."""
    if template.n_players == 2:  # one follower: its equilibria are mixtures of best replies
        return np.ones(side.mover.shape[0], dtype=bool)
    if template.n_players == 3 and template.stances is not None:
        return _structure_certificate(side, template, spec)
    return _bounds_certificate(side)


def _after_configurations(template: Game, spec: MoveSpec) -> np.ndarray | None:
    """Configuration name at each followers' pure profile after the move (3 players)."""
    if template.stances is None or template.n_players != 3:
        return None
    followers = [j for j in range(3) if j != spec.mover]
    shape = tuple(template.shape[j] for j in followers)
    names = np.empty(shape, dtype=object)
    for sub in np.ndindex(*shape):
        picks = [0, 0, 0]
        picks[spec.mover] = spec.after
        for j, k in zip(followers, sub, strict=True):
            picks[j] = k
        names[sub] = template.triad(picks).configuration
    return names


def sweep_move(
    scenario,
    points: Sequence[Mapping[str, float]],
    *,
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MoveSweep:
    """Judge the scenario's move at many parameter points with the batched kernels.

    Parameters
    ----------
    scenario : Scenario
        A scenario with a ``move:`` block.
    points : sequence of mapping
        Parameter overrides of each point; ``overrides`` are applied under them.
    overrides : mapping, optional
        Overrides common to every point.
    tol : float
        Relative tolerance (regret, dominance and verdicts; times the payoff spread).
    timeout : float or None
        Seconds the full solve of each point that needs one may take
        (:func:`evaluate_point`); ``None``: no limit.

    Returns
    -------
    MoveSweep

    Notes
    -----
    Pure equilibria of every point's followers' games come from one call of
    :func:`~triangle.equilibria.pure.pure_nash_mask_batch` per side, dominance from
    one vectorised comparison; points with no plausible pure equilibrium are solved
    with :func:`evaluate_point` (nashpy) and flagged in ``fallback``.
    """
    base = dict(overrides or {})
    merged = tuple({**base, **dict(p)} for p in points)
    template = scenario.compile(merged[0] if merged else base)
    spec = resolve_move(scenario, template)
    n_points = len(merged)
    if n_points == 0:
        empty = np.zeros(0)
        return MoveSweep(
            points=(),
            gains={s: (empty.copy(), empty.copy()) for s in SELECTIONS},
            codes={s: np.zeros(0, dtype=int) for s in SELECTIONS},
            atol=empty,
            after_configuration=np.zeros(0, dtype=object),
            keep_value=empty,
            target_states=(),
            fallback=np.zeros(0, dtype=bool),
        )
    payoffs = scenario.compile_many(merged)
    normalized = normalize(payoffs, batch_dims=1)
    ranges = payoff_ranges(payoffs, batch_dims=1)  # (B, n)
    span = ranges[:, spec.mover]
    atol = tol * span
    sides = (
        _side_batch(payoffs, normalized, spec.mover, spec.before, tol),
        _side_batch(payoffs, normalized, spec.mover, spec.after, tol),
    )
    gains, codes = {}, {}
    for selection in SELECTIONS:
        b = _batch_bounds(sides[0], selection)
        a = _batch_bounds(sides[1], selection)
        lo, hi = a[0] - b[1], a[1] - b[0]
        with np.errstate(invalid="ignore"):  # no pure outcome: inf, solved fully below
            gains[selection] = (lo * span, hi * span)
        codes[selection] = verdict_codes(lo, hi, tol)
    no_pure = ~(
        sides[0].plausible.reshape(n_points, -1).any(axis=1)
        & sides[1].plausible.reshape(n_points, -1).any(axis=1)
    )
    uncertified = ~(_certified(sides[0], template, spec) & _certified(sides[1], template, spec))
    fallback = no_pure | uncertified

    configurations = np.full(n_points, None, dtype=object)
    names = _after_configurations(template, spec)
    keep = np.full(n_points, np.nan)
    states = np.full(n_points, TargetState.UNDETERMINED, dtype=object)
    after = sides[1]
    flat_plausible = after.plausible.reshape(n_points, -1)
    flat_values = after.mover.reshape(n_points, -1)
    cheap = np.flatnonzero(~fallback)
    reps = np.zeros(n_points, dtype=int)
    for b in cheap:
        chosen = np.flatnonzero(flat_plausible[b])
        if names is not None:
            found = set(names.reshape(-1)[chosen])
            configurations[b] = found.pop() if len(found) == 1 else SEVERAL
        values = flat_values[b, chosen]
        reps[b] = chosen[np.flatnonzero(values <= values.min() + tol)[0]]
    if spec.third is not None and template.stances is not None and cheap.size:
        keep[cheap], states[cheap] = _batch_target_states(
            template, spec, payoffs[cheap], reps[cheap], tol * ranges[cheap, spec.target]
        )
    notes = []
    if fallback.any():
        for b in np.flatnonzero(fallback):
            game = Game(template.players, template.strategies, payoffs[b], stances=template.stances)
            point = evaluate_point(game, spec, tol=tol, timeout=timeout)
            for selection in SELECTIONS:
                lo, hi = point.gains[selection]
                gains[selection][0][b], gains[selection][1][b] = lo, hi
                codes[selection][b] = point.codes[selection]
            configurations[b] = point.after_configuration
            keep[b] = point.keep_value
            states[b] = point.keep
        if no_pure.any():
            notes.append(
                f"{int(no_pure.sum())} of {n_points} points had no plausible pure equilibrium "
                "in a followers' game and were solved with the full solver"
            )
        if (uncertified & ~no_pure).any():
            notes.append(
                f"{int((uncertified & ~no_pure).sum())} of {n_points} points had followers' "
                "games whose mixed equilibria could change the result and were solved with "
                "the full solver"
            )
    return MoveSweep(
        points=merged,
        gains=gains,
        codes=codes,
        atol=atol,
        after_configuration=configurations,
        keep_value=keep,
        target_states=tuple(states),
        fallback=fallback,
        notes=tuple(notes),
    )


def _batch_target_states(
    template: Game, spec: MoveSpec, payoffs: np.ndarray, reps: np.ndarray, atol: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """:func:`target_state` at pure AFTER outcomes of a 3-player game, for a batch.

    ``reps`` are flat indices into the followers' profiles (mover removed).
    """
    followers = [j for j in range(3) if j != spec.mover]
    shape = tuple(template.shape[j] for j in followers)
    picks = np.unravel_index(reps, shape)
    third_k = picks[followers.index(spec.third)]
    t, p = spec.target, spec.third
    own = np.moveaxis(payoffs[:, t], [1 + spec.mover, 1 + p, 1 + t], [1, 2, 3])
    u = own[np.arange(len(reps)), spec.after, third_k]  # (batch, target strategies)
    third, target = template.players[p], template.players[t]
    warm = np.array([third in w for w in template.stances[t]])
    values = np.full(len(reps), np.nan)
    if warm.any() and (~warm).any():
        values = u[:, warm].max(axis=1) - u[:, ~warm].max(axis=1)
    reciprocated = np.array([target in w for w in template.stances[p]])[third_k]
    states = [
        keep_state(float(v), float(a), bool(r))
        for v, a, r in zip(values, atol, reciprocated, strict=True)
    ]
    return values, states
