"""Does a move pay off at many parameter points: the batched evaluation path.

The same numbers as :func:`~triangle.analysis.point.evaluate_point` (gains under
each :class:`~triangle.vocabulary.Selection`, verdicts, the AFTER configuration and
the target's state), for thousands to millions of parameter points at once.

Payoff arrays are compiled per point
(:meth:`~triangle.scenario.Scenario.compile_many`: the expressions are parsed once),
then every point's followers' games are searched for *pure* equilibria with
:func:`~triangle.equilibria.pure.pure_nash_mask_batch` and the one-round dominance
kernel :func:`~triangle.equilibria.dominance.dominated_batch`, with no solver call
per point.

Pure outcomes give the full answer only when mixed equilibria cannot change it, so
each point must pass a cheap certificate:

* one follower (2-player games): its equilibria are mixtures of its best replies,
  so the mover's extreme payoffs are at pure ones;
* three players with stances: the *structure* certificate of
  ``_structure_certificate`` (each follower's payoff is additive apart from one
  term in the followers' mutual tie). Relations-form games with Bao's scores always
  pass it, so the shipped scenarios never need more; a user role-score table
  usually makes the tie's value depend on the third tie;
* other games: the *bounds* certificate of ``_bounds_certificate`` (pure
  equilibria already reach the lowest and highest payoff the mover can get from
  strategies an equilibrium may use);
* and a point whose followers' game has no plausible pure equilibrium never passes.

Points that fail are solved **in batch** when their followers' games have two players
and at most :data:`~triangle.equilibria.exact.EXACT_MAX_STRATEGIES` strategies each
(every 3-player scenario within the exact path's reach): all extreme equilibria of
both followers' games of every such point come from one call of
:func:`~triangle.equilibria.batched.bimatrix_equilibria_batch` (ties snapped as the
exact one-game path snaps them, equilibria in the order it lists them), and the same
selection, representative and target rules as :func:`evaluate_point` are applied to
them, vectorised; those points are flagged in ``mixed``. The mover's payoff is
bilinear in the followers' mixtures, so its extremes over any piece of a continuum of
equilibria are at extreme equilibria: extreme equilibria are all the verdict needs.

Only three kinds of points still go to :func:`evaluate_point` one by one (flagged in
``fallback``, with a note): followers' games of three or more players (scenarios of
four or more players: there is no batched solver for them), followers' games larger
than the exact path's limit (where the one-game path is nashpy cross-checked with
Gambit, not an exact enumeration), and games the batched solver marks
``ambiguous`` (a near-tie within the tolerance but not within
:data:`~triangle.equilibria.exact.TIE_RTOL`, which the exact path may decide the other
way).

The tests check that both paths agree on the shipped scenarios and on hand-built and
random games.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.analysis.move import MoveSpec, resolve_move
from triangle.analysis.point import evaluate_point
from triangle.equilibria.batched import bimatrix_equilibria_batch, snap_ties_batch
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.dominance import dominated_batch
from triangle.equilibria.exact import EXACT_MAX_STRATEGIES
from triangle.equilibria.exact import TIE_RTOL as EXACT_TIE_RTOL
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.pure import pure_nash_mask_batch
from triangle.equilibria.tolerance import DEFAULT_TOL, PURE_ATOL
from triangle.game import Game, normalize, payoff_ranges
from triangle.vocabulary import (
    MIXED,
    SELECTIONS,
    SEVERAL,
    Selection,
    TargetState,
    Verdict,
    verdict_codes,
)

__all__ = ["MoveBatch", "MoveSweep", "judge_payoffs", "sweep_move"]


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
        Points evaluated one by one with the full solver (module notes).
    notes : tuple of str
    mixed : ndarray of bool
        Points whose followers' games were solved for every extreme equilibrium by
        the batched solver (they failed the pure-outcome certificate).
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
    mixed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

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
    raw: np.ndarray  # (B, m, s...) the followers' games as compiled
    weak: tuple[np.ndarray, ...]  # per follower, (B, s_p) weakly dominated strategies


def _side_batch(
    payoffs: np.ndarray, normalized: np.ndarray, mover: int, k: int, tol: float
) -> _BatchSide:
    """``normalized`` holds the mover's payoffs only, ``(B, s...)``, on its own scale."""
    """The followers' games after the mover commits to ``k``: their pure equilibria
    and dominance relations (each follower's payoffs normalised in its own game, as
    :func:`~triangle.equilibria.solve` does), and the mover's normalised payoffs."""
    raw, _ = _followers_batch(payoffs, mover, k)
    games = normalize(raw, batch_dims=1)
    values = np.take(normalized, [k] if payoffs.shape[1] == 2 else k, axis=1 + mover)
    # small 2-player followers' games are solved exactly (ties within exact.TIE_RTOL):
    # their pure equilibria are the exact ones
    exact = games.shape[1] == 2 and max(games.shape[2:]) <= EXACT_MAX_STRATEGIES
    nash = pure_nash_mask_batch(games, EXACT_TIE_RTOL if exact else tol)
    undominated = np.ones_like(nash)
    unstrict = np.ones_like(nash)
    weak_sets = []
    for p, (weak, strict) in enumerate(dominated_batch(games, tol)):
        shape = [games.shape[0]] + [1] * (games.ndim - 2)
        shape[1 + p] = weak.shape[1]
        undominated &= ~weak.reshape(shape)
        unstrict &= ~strict.reshape(shape)
        weak_sets.append(weak)
    return _BatchSide(
        games,
        tol,
        nash,
        nash & undominated,
        undominated,
        unstrict,
        values,
        raw,
        tuple(weak_sets),
    )


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


@dataclass(frozen=True, eq=False)
class MoveBatch:
    """The move judged at a batch of payoff arrays (see :func:`judge_payoffs`): the
    arrays of :class:`MoveSweep`, without the points' parameter values."""

    gains: dict[str, tuple[np.ndarray, np.ndarray]]
    codes: dict[str, np.ndarray]
    atol: np.ndarray
    after_configuration: np.ndarray
    keep_value: np.ndarray
    target_states: np.ndarray
    fallback: np.ndarray
    mixed: np.ndarray
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return int(self.atol.shape[0])


def _kernel_applies(template: Game) -> bool:
    """Whether the batched solver covers the followers' games: two followers, each with
    at most the exact path's number of strategies."""
    return template.n_players == 3 and max(template.shape) <= EXACT_MAX_STRATEGIES


def judge_payoffs(
    template: Game,
    spec: MoveSpec,
    payoffs: np.ndarray,
    *,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> MoveBatch:
    """Judge the move in each game of a batch of payoff arrays (module notes).

    Parameters
    ----------
    template : Game
        A game of the scenario (its players, strategies and stances; its payoffs are
        not used).
    spec : MoveSpec
        The move, resolved in ``template``.
    payoffs : ndarray
        Shape ``(B, n, s_1, ..., s_n)``: the compiled payoffs of each point.
    tol : float
        Relative tolerance (regret, dominance and verdicts; times the payoff ranges).
    timeout : float or None
        Seconds the full solve of each point solved one by one may take
        (:func:`evaluate_point`); ``None``: no limit.

    Returns
    -------
    MoveBatch
        What :func:`evaluate_point` would give at each point.
    """
    n_points = payoffs.shape[0]
    if n_points == 0:
        empty = np.zeros(0)
        return MoveBatch(
            gains={s: (empty.copy(), empty.copy()) for s in SELECTIONS},
            codes={s: np.zeros(0, dtype=int) for s in SELECTIONS},
            atol=empty,
            after_configuration=np.zeros(0, dtype=object),
            keep_value=empty,
            target_states=np.zeros(0, dtype=object),
            fallback=np.zeros(0, dtype=bool),
            mixed=np.zeros(0, dtype=bool),
        )
    ranges = payoff_ranges(payoffs, batch_dims=1)  # (B, n)
    normalized = normalize(payoffs[:, spec.mover : spec.mover + 1], batch_dims=1)[:, 0]
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
        with np.errstate(invalid="ignore"):  # no pure outcome: inf, solved below
            gains[selection] = (lo * span, hi * span)
        codes[selection] = verdict_codes(lo, hi, tol)
    no_pure = ~(
        sides[0].plausible.reshape(n_points, -1).any(axis=1)
        & sides[1].plausible.reshape(n_points, -1).any(axis=1)
    )
    uncertified = ~(_certified(sides[0], template, spec) & _certified(sides[1], template, spec))
    need = no_pure | uncertified

    names = _after_configurations(template, spec)
    configurations = np.full(n_points, None, dtype=object)
    keep = np.full(n_points, np.nan)
    states = np.full(n_points, TargetState.UNDETERMINED, dtype=object)
    target_atol = None if spec.target is None else tol * ranges[:, spec.target]

    # points that pass a certificate: their plausible pure outcomes
    cheap = np.flatnonzero(~need)
    if cheap.size:
        after = sides[1]
        flat_plausible = after.plausible.reshape(n_points, -1)[cheap]
        flat_values = after.mover.reshape(n_points, -1)[cheap]
        if names is not None:
            configurations[cheap] = _pure_configurations(names, flat_plausible)
        worst = np.where(flat_plausible, flat_values, np.inf).min(axis=1)
        reps = np.argmax(flat_plausible & (flat_values <= (worst + tol)[:, None]), axis=1)
        if _has_target(template, spec):
            followers = [j for j in range(3) if j != spec.mover]
            shape = tuple(template.shape[j] for j in followers)
            third_k = np.unravel_index(reps, shape)[followers.index(spec.third)]
            sigma = np.zeros((cheap.size, template.shape[spec.third]))
            sigma[np.arange(cheap.size), third_k] = 1.0
            keep[cheap], states[cheap] = _target_states(
                template, spec, payoffs[cheap], sigma, target_atol[cheap]
            )

    mixed = np.zeros(n_points, dtype=bool)
    fallback = np.zeros(n_points, dtype=bool)
    hard = np.flatnonzero(need)
    if hard.size and _kernel_applies(template):
        solved = _solve_mixed(template, spec, sides, payoffs, hard, span, names, tol)
        ok = solved.pop("ok")
        done = hard[ok]
        for selection in SELECTIONS:
            gains[selection][0][done] = solved["gains"][selection][0][ok]
            gains[selection][1][done] = solved["gains"][selection][1][ok]
            codes[selection][done] = solved["codes"][selection][ok]
        configurations[done] = solved["configurations"][ok]
        if _has_target(template, spec):
            keep[done], states[done] = _target_states(
                template, spec, payoffs[done], solved["third"][ok], target_atol[done]
            )
        mixed[done] = True
        fallback[hard[~ok]] = True
    else:
        fallback[hard] = True

    notes = []
    if mixed.any():
        notes.append(
            f"{int(mixed.sum())} of {n_points} points had followers' games whose mixed "
            "equilibria could matter; every extreme equilibrium of those games was "
            "computed with the batched solver"
        )
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
        notes.append(
            f"{int(fallback.sum())} of {n_points} points had followers' games the batched "
            f"solver does not cover ({_why_not(template, spec)}) and were solved one by one "
            "with the full solver"
        )
    return MoveBatch(
        gains=gains,
        codes=codes,
        atol=atol,
        after_configuration=configurations,
        keep_value=keep,
        target_states=states,
        fallback=fallback,
        mixed=mixed,
        notes=tuple(notes),
    )


def _why_not(template: Game, spec: MoveSpec) -> str:
    if template.n_players != 3:
        return f"{template.n_players - 1} followers"
    if max(template.shape) > EXACT_MAX_STRATEGIES:
        return f"more than {EXACT_MAX_STRATEGIES} strategies for a player"
    return "a near-tie within the tolerance that only the exact enumeration decides"


def _has_target(template: Game, spec: MoveSpec) -> bool:
    return spec.third is not None and template.stances is not None


def _pure_configurations(names: np.ndarray, plausible: np.ndarray) -> np.ndarray:
    """The configuration shared by each point's plausible pure outcomes, or
    ``"several"`` (``plausible`` is ``(B, profiles)``; ``names`` the name of each)."""
    labels, codes = np.unique(names.reshape(-1).astype(str), return_inverse=True)
    codes = codes.reshape(-1)
    lo = np.where(plausible, codes, len(labels)).min(axis=1)
    hi = np.where(plausible, codes, -1).max(axis=1)
    out = np.empty(plausible.shape[0], dtype=object)
    out[:] = SEVERAL
    same = lo == hi
    out[same] = labels.astype(object)[lo[same]]
    return out


def _target_states(
    template: Game, spec: MoveSpec, payoffs: np.ndarray, sigma: np.ndarray, atol: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~triangle.analysis.point.target_state` for a batch of AFTER outcomes.

    ``sigma`` is the third actor's (possibly mixed) strategy at each point's
    representative outcome, ``(batch, s_third)``; the mover plays ``to``.
    """
    t, p = spec.target, spec.third
    own = np.moveaxis(payoffs[:, t], [1 + spec.mover, 1 + p, 1 + t], [1, 2, 3])
    u = np.einsum("bp,bpt->bt", sigma, own[:, spec.after])  # (batch, target strategies)
    third, target = template.players[p], template.players[t]
    warm = np.array([third in w for w in template.stances[t]])
    values = np.full(len(sigma), np.nan)
    if warm.any() and (~warm).any():
        values = u[:, warm].max(axis=1) - u[:, ~warm].max(axis=1)
    toward = np.array([target in w for w in template.stances[p]])
    reciprocated = ((sigma > PURE_ATOL) & toward).any(axis=1)
    words = np.array(
        [
            TargetState.UNDETERMINED,
            TargetState.THIRD_COLD,
            TargetState.KEEPS,
            TargetState.DROPS,
            TargetState.INDIFFERENT,
        ],
        dtype=object,
    )
    with np.errstate(invalid="ignore"):
        which = np.select(
            [~np.isfinite(values), ~reciprocated, values > atol, values < -atol], [0, 1, 2, 3], 4
        )
    return values, words[which]


def _solve_mixed(
    template: Game,
    spec: MoveSpec,
    sides: tuple[_BatchSide, _BatchSide],
    payoffs: np.ndarray,
    hard: np.ndarray,
    span: np.ndarray,
    names: np.ndarray | None,
    tol: float,
) -> dict:
    """Every extreme equilibrium of both followers' games of the points ``hard``, from
    the batched solver, judged as :func:`evaluate_point` judges the one-game list.

    Returns gains and codes per selection, configurations, the third actor's strategy at
    the representative AFTER outcome and ``ok`` (``False`` where the game is ambiguous
    and must be solved one by one).
    """
    count = hard.size
    ok = np.ones(count, dtype=bool)
    bounds = []
    after_rows = None
    for side_index, side in enumerate(sides):
        raw = side.raw[hard]
        eqs = bimatrix_equilibria_batch(
            snap_ties_batch(raw[:, 0]), snap_ties_batch(raw[:, 1]), tol=tol
        ).sorted_like_solve()
        ok &= ~eqs.ambiguous & (eqs.count > 0)
        g = eqs.game
        dominated = ((eqs.x > PURE_ATOL) & side.weak[0][hard][g]).any(axis=1) | (
            (eqs.y > PURE_ATOL) & side.weak[1][hard][g]
        ).any(axis=1)
        plausible = ~dominated
        # no plausible equilibrium: the plausible selection ranges over all of them
        has = np.bincount(g[plausible], minlength=count) > 0
        plausible |= ~has[g]
        values = np.einsum("ki,kij,kj->k", eqs.x, side.mover[hard][g], eqs.y)

        def reduce(ufunc, v, start, g=g):
            out = np.full(count, start)
            ufunc.at(out, g, v)
            return out

        plo = reduce(np.minimum, np.where(plausible, values, np.inf), np.inf)
        phi = reduce(np.maximum, np.where(plausible, values, -np.inf), -np.inf)
        alo = reduce(np.minimum, values, np.inf)
        ahi = reduce(np.maximum, values, -np.inf)
        bounds.append(
            {
                Selection.PLAUSIBLE: (plo, phi),
                Selection.OPTIMISTIC: (ahi, ahi),
                Selection.PESSIMISTIC: (alo, alo),
            }
        )
        if side_index == 1:
            after_rows = (eqs, plausible, values, plo)
    gains, codes = {}, {}
    for selection in SELECTIONS:
        b = bounds[0][Selection(selection)]
        a = bounds[1][Selection(selection)]
        with np.errstate(invalid="ignore"):  # inf - inf where a game had no equilibrium
            lo, hi = a[0] - b[1], a[1] - b[0]
        gains[selection] = (lo * span[hard], hi * span[hard])
        codes[selection] = verdict_codes(lo, hi, tol)

    eqs, plausible, values, worst = after_rows
    g = eqs.game
    configurations = np.full(count, None, dtype=object)
    if names is not None:
        pure = (eqs.x.max(axis=1) >= 1.0 - PURE_ATOL) & (eqs.y.max(axis=1) >= 1.0 - PURE_ATOL)
        rows = np.argmax(eqs.x, axis=1)
        cols = np.argmax(eqs.y, axis=1)
        labels, label_codes = np.unique(names.astype(str), return_inverse=True)
        label_codes = label_codes.reshape(names.shape)
        eq_code = np.where(pure, label_codes[rows, cols], -1)
        chosen = plausible
        mixed_any = np.bincount(g[chosen & ~pure], minlength=count) > 0
        big = len(labels)
        lo = np.full(count, big)
        np.minimum.at(lo, g[chosen], np.where(pure[chosen], eq_code[chosen], big))
        hi = np.full(count, -1)
        np.maximum.at(hi, g[chosen], eq_code[chosen])
        configurations[:] = SEVERAL
        same = (lo == hi) & (lo < big)
        configurations[same] = labels.astype(object)[lo[same]]
        configurations[mixed_any] = MIXED
    # the representative AFTER outcome: the first plausible one within tol of the worst
    candidate = plausible & (np.abs(values - worst[g]) <= tol)
    first = np.full(count, -1)
    rows_at = np.flatnonzero(candidate)
    # rows are sorted by game: the first candidate row of each game
    seen = np.zeros(count, dtype=bool)
    order = rows_at[np.unique(g[rows_at], return_index=True)[1]]
    first[g[order]] = order
    seen[g[order]] = True
    ok &= seen
    third = np.zeros((count, template.shape[spec.third])) if spec.third is not None else None
    if third is not None:
        followers = [j for j in range(3) if j != spec.mover]
        mixes = eqs.x if followers.index(spec.third) == 0 else eqs.y
        third[seen] = mixes[first[seen]]
    return {
        "ok": ok,
        "gains": gains,
        "codes": codes,
        "configurations": configurations,
        "third": third,
    }


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
    one vectorised comparison; points whose pure outcomes cannot be trusted are solved
    for every extreme equilibrium by the batched solver (``mixed``), and the few it
    does not cover one by one (``fallback``; module notes).
    """
    base = dict(overrides or {})
    merged = tuple({**base, **dict(p)} for p in points)
    template = scenario.compile(merged[0] if merged else base)
    spec = resolve_move(scenario, template)
    if merged:
        payoffs = scenario.compile_many(merged)
    else:
        payoffs = np.zeros((0, *template.payoffs.shape))
    judged = judge_payoffs(template, spec, payoffs, tol=tol, timeout=timeout)
    return MoveSweep(
        points=merged,
        gains=judged.gains,
        codes=judged.codes,
        atol=judged.atol,
        after_configuration=judged.after_configuration,
        keep_value=judged.keep_value,
        target_states=tuple(judged.target_states),
        fallback=judged.fallback,
        notes=judged.notes,
        mixed=judged.mixed,
    )
