"""Does the move pay off at one parameter point: the full solvers, and the numbers
every path shares.

The mover commits to ``from`` (BEFORE) and to ``to`` (AFTER); in each case the
followers play the equilibria of the game that leaves them (leader commitment,
:func:`~triangle.equilibria.leader_commitment`, nashpy cross-checked for two
followers). With ``B`` and ``A`` the mover's payoffs over the BEFORE and AFTER
follower equilibria a :class:`~triangle.vocabulary.Selection` keeps, the gain is the
interval ``[min A - max B, max A - min B]`` (a single number under the optimistic and
pessimistic rules) and :func:`~triangle.vocabulary.verdict_codes` turns it into a
verdict, with the absolute tolerance ``tol`` × the game's payoff spread.

:func:`evaluate_point` is the reference: the batched path
(:mod:`triangle.analysis.batch`) computes the same :class:`PointResult` for many
points and falls back to it where its certificates fail, and
:func:`~triangle.analysis.analyze_move` explains it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from triangle.analysis.move import MoveSpec
from triangle.equilibria.commitment import CommitmentBranch, check_selection, leader_commitment
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.regret import expected_value, strategy_payoffs
from triangle.equilibria.result import pure_picks
from triangle.equilibria.tolerance import DEFAULT_TOL, PURE_ATOL, regret_tolerance
from triangle.errors import SolverError
from triangle.game import Game, embed
from triangle.roles import Relations, Triad
from triangle.vocabulary import (
    MIXED,
    SELECTIONS,
    SEVERAL,
    Selection,
    TargetState,
    verdict_codes,
)

__all__ = [
    "PointResult",
    "embed_profile",
    "evaluate_point",
    "gain_bounds",
    "keep_state",
    "keep_value",
    "move_branches",
    "third_warm",
    "relations_of",
    "representative",
    "side_bounds",
    "target_state",
    "tie_probability",
    "triad_of",
]


def keep_state(value: float, atol: float, third_warm: bool = True) -> TargetState:
    """Whether the target's best reply keeps its tie to the third actor, from the value of
    keeping it.

    ``value`` is the target's payoff from its best reply warm toward the third actor minus
    that from its best reply that is not (NaN when undefined); ``third_warm`` whether
    the third actor is warm toward the target at all (if not, there is no tie to keep).

    Examples
    --------
    >>> keep_state(4.5, 1e-9), keep_state(-0.5, 1e-9), keep_state(0.0, 1e-9, False)
    ('keeps', 'drops', 'third actor cold')
    """
    if value is None or not math.isfinite(value):
        return TargetState.UNDETERMINED
    if not third_warm:
        return TargetState.THIRD_COLD
    if value > atol:
        return TargetState.KEEPS
    if value < -atol:
        return TargetState.DROPS
    return TargetState.INDIFFERENT


def move_branches(
    game: Game, spec: MoveSpec, *, tol: float = DEFAULT_TOL, timeout: float | None = DEFAULT_TIMEOUT
) -> tuple[CommitmentBranch, CommitmentBranch]:
    """The followers' equilibria after the mover commits to ``from`` and to ``to``.

    Runs :func:`~triangle.equilibria.leader_commitment` on the game in which the mover
    has only those two strategies (the followers' games are the same as in the full
    game). The branches' ``profiles`` are profiles of that two-strategy game: use
    :func:`embed_profile` to lift one to ``game``.

    Raises
    ------
    SolverError
        When no equilibrium of a followers' game was found.
    """
    restricted = game.restrict(spec.mover, (spec.before, spec.after))
    commitment = leader_commitment(restricted, spec.mover, tol=tol, timeout=timeout)
    before, after = commitment.branches
    for branch in (before, after):
        if not branch.leader_payoffs:
            raise SolverError(
                f"no equilibrium of the followers' game found after "
                f"{game.players[spec.mover]} plays {branch.strategy}"
            )
    return before, after


def embed_profile(game: Game, spec: MoveSpec, side: int, profile) -> tuple[np.ndarray, ...]:
    """Lift a profile of the two-strategy game of :func:`move_branches` to ``game``.

    ``side`` is 0 for BEFORE, 1 for AFTER.
    """
    k = (spec.before, spec.after)[side]
    rest = [sigma for j, sigma in enumerate(profile) if j != spec.mover]
    return embed(rest, game.shape, fixed={spec.mover: k})


def side_bounds(
    values: Sequence[float], plausible: Sequence[int], selection: str
) -> tuple[float, float]:
    """The mover's lowest and highest payoff over the outcomes a selection keeps.

    ``values`` are the mover's payoffs (or normalised values) under every follower
    equilibrium and ``plausible`` the indices of the plausible ones.
    """
    selection = check_selection(selection)
    if selection is Selection.PLAUSIBLE:
        chosen = [values[j] for j in plausible]
        return min(chosen), max(chosen)
    if selection is Selection.OPTIMISTIC:
        return max(values), max(values)
    return min(values), min(values)


def gain_bounds(before: tuple[float, float], after: tuple[float, float]) -> tuple[float, float]:
    """``(min A - max B, max A - min B)`` from the side bounds ``(min, max)``."""
    return after[0] - before[1], after[1] - before[0]


def representative(
    values: Sequence[float], indices: Sequence[int], *, worst: bool, atol: float
) -> int:
    """The first of ``indices`` whose value is within ``atol`` of the worst (or best).

    "First" follows the solvers' deterministic order: pure equilibria first, in
    lexicographic order of the strategy indices.
    """
    chosen = [values[j] for j in indices]
    goal = min(chosen) if worst else max(chosen)
    for j in indices:
        if abs(values[j] - goal) <= atol:
            return j
    raise AssertionError("unreachable")


def tie_probability(game: Game, profile, a: int, b: int) -> float:
    """Probability that the tie ``a``–``b`` is friendly (both warm) under a profile."""
    pa = sum(p for k, p in enumerate(profile[a]) if game.players[b] in game.stances[a][k])
    pb = sum(p for k, p in enumerate(profile[b]) if game.players[a] in game.stances[b][k])
    return float(pa * pb)


def relations_of(game: Game, profile) -> Relations | None:
    """How likely each tie is to be friendly under a profile of a game with stances
    (any number of players; exactly 0 or 1 within :data:`PURE_ATOL`)."""
    if game.stances is None:
        return None
    n = game.n_players

    def snapped(x: float) -> float:
        return 1.0 if x >= 1 - PURE_ATOL else (0.0 if x <= PURE_ATOL else x)

    return Relations(
        game.players,
        tuple(
            snapped(tie_probability(game, profile, a, b)) for a in range(n) for b in range(a + 1, n)
        ),
    )


def triad_of(game: Game, profile) -> Triad | None:
    """The strategic triangle at a pure profile of a three-player game with stances."""
    picks = pure_picks(profile)
    return None if picks is None else game.triad(picks)


def keep_value(game: Game, spec: MoveSpec, profile) -> tuple[float, int | None, int | None]:
    """The target's value of keeping its tie to the third actor at an AFTER profile.

    The target's payoff from its best reply warm toward the third actor minus that from
    its best reply that is not, with the mover at ``to`` and the third actor at its
    strategy in ``profile`` (mixtures allowed). Returns ``(value, keep, drop)`` with
    the two best replies (the first in strategy order among equal payoffs); NaN
    and ``None`` when there is no target, no third actor, no stances, or every strategy
    of the target is on one side.
    """
    if spec.target is None or spec.third is None or game.stances is None:
        return math.nan, None, None
    t, third = spec.target, game.players[spec.third]
    u = strategy_payoffs(game, profile, t)
    keep = [k for k, warm in enumerate(game.stances[t]) if third in warm]
    drop = [k for k, warm in enumerate(game.stances[t]) if third not in warm]
    if not keep or not drop:
        return math.nan, None, None
    best_keep = max(keep, key=lambda k: (u[k], -k))
    best_drop = max(drop, key=lambda k: (u[k], -k))
    return float(u[best_keep] - u[best_drop]), best_keep, best_drop


def third_warm(game: Game, spec: MoveSpec, profile) -> bool:
    """Whether the third actor is warm toward the target with positive probability."""
    if spec.target is None or spec.third is None or game.stances is None:
        return False
    t = game.players[spec.target]
    sigma = profile[spec.third]
    return any(
        sigma[k] > PURE_ATOL and t in warm for k, warm in enumerate(game.stances[spec.third])
    )


def target_state(game: Game, spec: MoveSpec, profile, atol: float) -> tuple[float, str]:
    """:func:`keep_value` and :func:`keep_state` at an AFTER profile."""
    value = keep_value(game, spec, profile)[0]
    return value, keep_state(value, atol, third_warm(game, spec, profile))


@dataclass(frozen=True)
class PointResult:
    """The move judged at one parameter point (what both evaluation paths compute).

    Attributes
    ----------
    gains : dict
        ``selection -> (gain_min, gain_max)``, in the mover's payoff units.
    codes : dict
        ``selection -> verdict code``.
    atol : float
        The absolute tolerance of the verdicts: ``tol`` × the mover's payoff range.
    after_configuration : str or None
        Configuration of the selected (plausible) AFTER outcomes: the name when they
        share one, ``"several"`` when they do not, ``"mixed"`` when one is mixed,
        ``None`` without a triangle.
    keep_value : float
        :func:`keep_value` at the representative AFTER outcome (NaN when undefined).
    keep : TargetState
        The target's state (see :func:`target_state`).
    values : tuple of (tuple of float)
        The mover's payoff under each follower equilibrium BEFORE and AFTER, on its
        normalised scale (its worst payoff in the game 0, its best 1): what the
        verdict compares, so that it does not depend on units or offsets.
    """

    gains: dict[str, tuple[float, float]]
    codes: dict[str, int]
    atol: float
    after_configuration: str | None
    keep_value: float
    keep: TargetState
    values: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())


def configuration_of_set(game: Game, profiles) -> str | None:
    if game.stances is None or game.n_players != 3:
        return None
    names = set()
    for profile in profiles:
        triad = triad_of(game, profile)
        if triad is None:
            return MIXED
        names.add(triad.configuration)
    return names.pop() if len(names) == 1 else SEVERAL


def evaluate_point(
    game: Game,
    spec: MoveSpec,
    *,
    tol: float = DEFAULT_TOL,
    branches: tuple[CommitmentBranch, CommitmentBranch] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> PointResult:
    """Judge the move in one game with the full solvers (:func:`move_branches`).

    The reference the batched path of :func:`sweep_move` agrees with; it is used
    there at points whose followers' game has no plausible pure equilibrium, and by
    :func:`triangle.analysis.analyze_move`.
    """
    if branches is None:
        branches = move_branches(game, spec, tol=tol, timeout=timeout)
    before, after = branches
    span = float(game.ranges[spec.mover])
    values = tuple(
        tuple(
            expected_value(game.normalized[spec.mover], embed_profile(game, spec, side, p))
            for p in branch.profiles
        )
        for side, branch in enumerate(branches)
    )
    gains, codes = {}, {}
    for selection in SELECTIONS:
        b = side_bounds(values[0], before.plausible, selection)
        a = side_bounds(values[1], after.plausible, selection)
        lo, hi = gain_bounds(b, a)
        gains[selection] = (lo * span, hi * span)
        codes[selection] = int(verdict_codes(lo, hi, tol))
    chosen = [embed_profile(game, spec, 1, after.profiles[j]) for j in after.plausible]
    rep = representative(values[1], after.plausible, worst=True, atol=tol)
    target_atol = 0.0 if spec.target is None else regret_tolerance(game, tol, spec.target)
    value, state = target_state(
        game, spec, embed_profile(game, spec, 1, after.profiles[rep]), target_atol
    )
    return PointResult(
        gains=gains,
        codes=codes,
        atol=tol * span,
        after_configuration=configuration_of_set(game, chosen),
        keep_value=value,
        keep=state,
        values=values,
    )
