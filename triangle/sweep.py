"""Does a move pay off at many parameter points: the cheap, batched evaluation path.

A scenario's ``move`` has one player (the *mover*) commit to a pure strategy; the
others (the *followers*) then play the game that commitment leaves them
(:meth:`~triangle.game.Game.subgame`). The move is judged by comparing the mover's
payoff when it commits to ``from`` (BEFORE) and to ``to`` (AFTER), over the
followers' equilibria picked by a *selection rule*:

``"plausible"`` (default)
    the follower equilibria in which no follower plays a strategy weakly dominated
    in the followers' game (one round, :mod:`triangle.equilibria.dominance`); when
    there is none, all of them (as in :mod:`triangle.equilibria.leader`). A verdict is
    then never an artefact of a coordination failure such as "everyone cold".
``"optimistic"``
    the follower equilibrium best for the mover, over all equilibria found;
``"pessimistic"``
    the one worst for the mover, over all equilibria found.

With ``B`` and ``A`` the mover's payoffs over the selected BEFORE and AFTER
outcomes, the gain is the interval ``[min A - max B, max A - min B]`` (a single
number under the optimistic and pessimistic rules). The verdict, with the absolute
tolerance ``atol = tol`` × the game's payoff spread
(:func:`~triangle.equilibria.regret.regret_tolerance`), is

* ``"pays off"`` when ``min A - max B > atol``;
* ``"does not pay off"`` when ``max A - min B <= atol``;
* ``"depends on equilibrium selection"`` otherwise.

:func:`triangle.analysis.analyze_move` computes this for one game with the full
solvers (nashpy for two followers) and explains it. This module computes the same
numbers for thousands of parameter points at once: payoff arrays are compiled per
point (cheap: the scenario's expressions are parsed once), then every point's
followers' games are searched for *pure* equilibria with
:func:`~triangle.equilibria.pure.pure_nash_mask_batch` and a vectorised one-round
dominance check, with no solver call per point.

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

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.equilibria.leader import CommitmentBranch, leader_commitment
from triangle.equilibria.pure import pure_nash_mask_batch
from triangle.equilibria.regret import DEFAULT_TOL, regret_tolerance, strategy_payoffs
from triangle.errors import SolverError, TriangleInputError
from triangle.game import Game
from triangle.roles import Triad

__all__ = [
    "DEPENDS",
    "DOES_NOT_PAY_OFF",
    "PAYS_OFF",
    "SELECTIONS",
    "VERDICTS",
    "VERDICT_CODES",
    "GainCurve",
    "MoveSpec",
    "MoveSweep",
    "PointResult",
    "VerdictMap",
    "compile_payoffs",
    "evaluate_point",
    "gain_curve",
    "move_branches",
    "resolve_move",
    "sweep_move",
    "verdict_codes",
    "verdict_map",
]

PAYS_OFF = "pays off"
DOES_NOT_PAY_OFF = "does not pay off"
DEPENDS = "depends on equilibrium selection"
VERDICTS = (PAYS_OFF, DOES_NOT_PAY_OFF, DEPENDS)
"""The three verdicts on a move (the strings scenario files use under ``expected``)."""

VERDICT_CODES = {PAYS_OFF: 1, DEPENDS: 0, DOES_NOT_PAY_OFF: -1}
"""Integer code of each verdict, as stored in the arrays of this module."""
_VERDICT_NAMES = {code: name for name, code in VERDICT_CODES.items()}

SELECTIONS = ("plausible", "optimistic", "pessimistic")
"""Selection rules among the followers' equilibria (see the module notes)."""

KEEPS, DROPS, INDIFFERENT = "keeps", "drops", "indifferent"
PARTNER_COLD, UNDETERMINED = "partner cold", "undetermined"
TARGET_STATES = (KEEPS, DROPS, INDIFFERENT, PARTNER_COLD, UNDETERMINED)
"""States of the target's best reply toward its partner after the move (see :func:`keep_state`)."""

MIXED = "mixed"
SEVERAL = "several"


def check_selection(selection: str) -> str:
    """Return ``selection`` if it is one of :data:`SELECTIONS`, else raise."""
    if selection not in SELECTIONS:
        raise TriangleInputError(
            f"unknown selection {selection!r}; valid selections: {', '.join(SELECTIONS)}"
        )
    return selection


def verdict_codes(
    gain_min: np.typing.ArrayLike, gain_max: np.typing.ArrayLike, atol: np.typing.ArrayLike
) -> np.ndarray:
    """Verdict codes (:data:`VERDICT_CODES`) from gain bounds, elementwise.

    Examples
    --------
    >>> verdict_codes([0.5, -1.0, -0.5, 1e-12], [2.0, 0.0, 0.5, 1e-12], 1e-9).tolist()
    [1, -1, 0, -1]
    """
    lo = np.asarray(gain_min, dtype=float)
    hi = np.asarray(gain_max, dtype=float)
    return np.where(lo > atol, 1, np.where(hi <= atol, -1, 0)).astype(int)


def verdict_name(code: int) -> str:
    """The verdict string of a code from :data:`VERDICT_CODES`."""
    return _VERDICT_NAMES[int(code)]


def keep_state(value: float, atol: float, partner_warm: bool = True) -> str:
    """Whether the target's best reply keeps its partner tie, from the value of keeping it.

    ``value`` is the target's payoff from its best reply warm toward the partner minus
    that from its best reply that is not (NaN when undefined); ``partner_warm`` whether
    the partner is warm toward the target at all (if not, there is no tie to keep).

    Examples
    --------
    >>> keep_state(4.5, 1e-9), keep_state(-0.5, 1e-9), keep_state(0.0, 1e-9, False)
    ('keeps', 'drops', 'partner cold')
    """
    if value is None or not math.isfinite(value):
        return UNDETERMINED
    if not partner_warm:
        return PARTNER_COLD
    if value > atol:
        return KEEPS
    if value < -atol:
        return DROPS
    return INDIFFERENT


# -- the move ---------------------------------------------------------------------------
@dataclass(frozen=True)
class MoveSpec:
    """A scenario's move resolved to indices of a game.

    Attributes
    ----------
    mover : int
        The committing player.
    before, after : int
        The mover's ``from`` and ``to`` strategies.
    target : int or None
        Whose alignment the move tries to change (see :func:`resolve_move`).
    partner : int or None
        In a triangle, the third actor: the one the target might be split from.
    target_rule : str
        How the target was found: ``"scenario"`` (stated in the file), ``"default"``
        (the rule of :func:`resolve_move`) or ``"none"``.
    """

    mover: int
    before: int
    after: int
    target: int | None = None
    partner: int | None = None
    target_rule: str = "none"


def _stance(game: Game, player: int, strategy: int) -> frozenset[str] | None:
    return None if game.stances is None else game.stances[player][strategy]


def resolve_move(scenario, game: Game) -> MoveSpec:
    """Indices of the scenario's move in ``game``, with its target and the target's partner.

    The target is the one stated in the scenario's ``move:`` block; otherwise, when
    the mover has exactly two opponents and the game has stances, it is the player
    the ``to`` strategy is warm toward and the ``from`` strategy is not, if there is
    exactly one such player; otherwise there is none. The partner is the third actor
    (only in a three-player game).

    Raises
    ------
    TriangleInputError
        When the scenario has no ``move:`` block.
    """
    move = getattr(scenario, "move", None)
    if move is None:
        raise TriangleInputError(
            f"{scenario.path}: scenario has no `move:` block; add one "
            "(move: {player: ..., from: ..., to: ...}) to ask whether a move pays off"
        )
    try:
        i = game.player_index(move.player)
        k0 = game.strategy_index(i, move.from_strategy)
        k1 = game.strategy_index(i, move.to_strategy)
    except KeyError as err:
        raise TriangleInputError(f"{scenario.path}: move: {err.args[0]}") from None
    target, rule = None, "none"
    if move.target is not None:
        try:
            target = game.player_index(move.target)
        except KeyError as err:
            raise TriangleInputError(f"{scenario.path}: move target: {err.args[0]}") from None
        rule = "scenario"
    elif game.n_players == 3 and game.stances is not None:
        gained = _stance(game, i, k1) - _stance(game, i, k0)
        if len(gained) == 1:
            target, rule = game.player_index(next(iter(gained))), "default"
    partner = None
    if target is not None and game.n_players == 3 and target != i:
        partner = next(j for j in range(3) if j not in (i, target))
    if target == i:
        raise TriangleInputError(f"{scenario.path}: the move's target is the mover itself")
    return MoveSpec(i, k0, k1, target, partner, rule)


# -- the full path for one game --------------------------------------------------------
def _restricted(game: Game, mover: int, keep: tuple[int, int]) -> Game:
    """The game in which the mover has only the strategies ``keep`` (in that order)."""
    index = tuple(list(keep) if j == mover else slice(None) for j in range(game.n_players))
    full = (slice(None), *index)
    strategies = tuple(
        tuple(game.strategies[j][k] for k in keep) if j == mover else game.strategies[j]
        for j in range(game.n_players)
    )
    stances = None
    if game.stances is not None:
        stances = tuple(
            tuple(game.stances[j][k] for k in keep) if j == mover else game.stances[j]
            for j in range(game.n_players)
        )
    return Game(
        game.players,
        strategies,
        game.payoffs[full],
        stances=stances,
        components=tuple((name, v[full]) for name, v in game.components),
    )


def move_branches(
    game: Game, spec: MoveSpec, *, tol: float = DEFAULT_TOL
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
    restricted = _restricted(game, spec.mover, (spec.before, spec.after))
    commitment = leader_commitment(restricted, spec.mover, tol=tol)
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
    out = []
    for j, sigma in enumerate(profile):
        if j == spec.mover:
            vec = np.zeros(game.shape[j])
            vec[k] = 1.0
            out.append(vec)
        else:
            out.append(np.asarray(sigma, dtype=float))
    return tuple(out)


def side_bounds(
    values: Sequence[float], plausible: Sequence[int], selection: str
) -> tuple[float, float]:
    """The mover's lowest and highest payoff over the outcomes a selection keeps.

    ``values`` are the mover's payoffs under every follower equilibrium and
    ``plausible`` the indices of the plausible ones.
    """
    if selection == "plausible":
        chosen = [values[j] for j in plausible]
        return min(chosen), max(chosen)
    if selection == "optimistic":
        return max(values), max(values)
    if selection == "pessimistic":
        return min(values), min(values)
    check_selection(selection)
    raise AssertionError("unreachable")


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


def triad_of(game: Game, profile) -> Triad | None:
    """The strategic triangle at a pure profile of a three-player game with stances."""
    picks = []
    for sigma in profile:
        k = int(np.argmax(sigma))
        if abs(float(sigma[k]) - 1.0) > 1e-9:
            return None
        picks.append(k)
    return game.triad(picks)


def keep_value(game: Game, spec: MoveSpec, profile) -> tuple[float, int | None, int | None]:
    """The target's value of keeping its partner tie at an AFTER profile.

    The target's payoff from its best reply warm toward the partner minus that from
    its best reply that is not, with the mover at ``to`` and the partner at its
    strategy in ``profile`` (mixtures allowed). Returns ``(value, keep, drop)`` with
    the two best replies (the first in strategy order among equal payoffs); NaN
    and ``None`` when there is no target, no partner, no stances, or every strategy
    of the target is on one side.
    """
    if spec.target is None or spec.partner is None or game.stances is None:
        return math.nan, None, None
    t, partner = spec.target, game.players[spec.partner]
    u = strategy_payoffs(game, profile, t)
    keep = [k for k, warm in enumerate(game.stances[t]) if partner in warm]
    drop = [k for k, warm in enumerate(game.stances[t]) if partner not in warm]
    if not keep or not drop:
        return math.nan, None, None
    best_keep = max(keep, key=lambda k: (u[k], -k))
    best_drop = max(drop, key=lambda k: (u[k], -k))
    return float(u[best_keep] - u[best_drop]), best_keep, best_drop


def partner_warm(game: Game, spec: MoveSpec, profile) -> bool:
    """Whether the partner is warm toward the target with positive probability."""
    if spec.target is None or spec.partner is None or game.stances is None:
        return False
    t = game.players[spec.target]
    sigma = profile[spec.partner]
    return any(sigma[k] > 1e-9 and t in warm for k, warm in enumerate(game.stances[spec.partner]))


def target_state(game: Game, spec: MoveSpec, profile, atol: float) -> tuple[float, str]:
    """:func:`keep_value` and :func:`keep_state` at an AFTER profile."""
    value = keep_value(game, spec, profile)[0]
    return value, keep_state(value, atol, partner_warm(game, spec, profile))


@dataclass(frozen=True)
class PointResult:
    """The move judged at one parameter point (what both evaluation paths compute).

    Attributes
    ----------
    gains : dict
        ``selection -> (gain_min, gain_max)``.
    codes : dict
        ``selection -> verdict code``.
    atol : float
        The absolute tolerance of the verdicts.
    after_configuration : str or None
        Configuration of the selected (plausible) AFTER outcomes: the name when they
        share one, ``"several"`` when they do not, ``"mixed"`` when one is mixed,
        ``None`` without a triangle.
    keep_value : float
        :func:`keep_value` at the representative AFTER outcome (NaN when undefined).
    keep : str
        The target's state (:data:`TARGET_STATES`, see :func:`target_state`).
    """

    gains: dict[str, tuple[float, float]]
    codes: dict[str, int]
    atol: float
    after_configuration: str | None
    keep_value: float
    keep: str


def _configuration_of_set(game: Game, profiles) -> str | None:
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
) -> PointResult:
    """Judge the move in one game with the full solvers (:func:`move_branches`).

    The reference the batched path of :func:`sweep_move` agrees with; it is used
    there at points whose followers' game has no plausible pure equilibrium, and by
    :func:`triangle.analysis.analyze_move`.
    """
    if branches is None:
        branches = move_branches(game, spec, tol=tol)
    before, after = branches
    atol = regret_tolerance(game, tol)
    gains, codes = {}, {}
    for selection in SELECTIONS:
        b = side_bounds(before.leader_payoffs, before.plausible, selection)
        a = side_bounds(after.leader_payoffs, after.plausible, selection)
        gains[selection] = gain_bounds(b, a)
        codes[selection] = int(verdict_codes(*gains[selection], atol))
    chosen = [embed_profile(game, spec, 1, after.profiles[j]) for j in after.plausible]
    rep = representative(after.leader_payoffs, after.plausible, worst=True, atol=atol)
    value, state = target_state(game, spec, embed_profile(game, spec, 1, after.profiles[rep]), atol)
    return PointResult(
        gains=gains,
        codes=codes,
        atol=atol,
        after_configuration=_configuration_of_set(game, chosen),
        keep_value=value,
        keep=state,
    )


# -- the batched path ------------------------------------------------------------------
def compile_payoffs(scenario, points: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Payoff arrays of a scenario at many parameter points, stacked.

    Each point is a mapping of parameter overrides (checked like
    :meth:`~triangle.scenario.Scenario.compile`'s: unknown names and values outside a
    declared range are errors). Returns shape ``(len(points), n, s_1, ..., s_n)``.
    """
    shape = (len(scenario.players), *(len(s) for s in scenario.strategies))
    out = np.empty((len(points), *shape))
    program = getattr(scenario, "program", None)
    for b, point in enumerate(points):
        if program is not None:
            out[b] = program.evaluate(scenario.parameter_values(point))[0]
        else:
            out[b] = scenario.compile(point).payoffs
    return out


def _spread_atol(payoffs: np.ndarray, tol: float) -> np.ndarray:
    """``tol`` × payoff spread (at least 1) of each game of a batch."""
    flat = payoffs.reshape(payoffs.shape[0], -1)
    return tol * np.maximum(1.0, flat.max(axis=1) - flat.min(axis=1))


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


def _dominated_batch(games: np.ndarray, atol: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per player of each game, its weakly and its strictly dominated pure strategies.

    The rules of :mod:`triangle.equilibria.dominance` (one round, pure dominators):
    ``l`` weakly dominates ``k`` when it is never worse by more than ``atol`` and
    somewhere better by more than ``atol``; strictly when better by more than ``atol``
    everywhere. Returns ``(weak, strict)`` boolean arrays of shape ``(B, s_p)`` per
    player ``p``.
    """
    batch, m = games.shape[:2]
    tolerance = atol.reshape(batch, 1, 1, 1)
    out = []
    for p in range(m):
        own = np.moveaxis(games[:, p], 1 + p, 1)
        u = own.reshape(batch, own.shape[1], -1)
        diff = u[:, :, np.newaxis, :] - u[:, np.newaxis, :, :]  # [b, l, k, a]
        weak = np.all(diff >= -tolerance, axis=3) & np.any(diff > tolerance, axis=3)
        strict = np.all(diff > tolerance, axis=3)
        out.append((weak.any(axis=1), strict.any(axis=1)))
    return out


def _weakly_dominated_batch(games: np.ndarray, atol: np.ndarray) -> list[np.ndarray]:
    """Per player of each game, which pure strategies are weakly dominated (one round)."""
    return [weak for weak, _ in _dominated_batch(games, atol)]


@dataclass(frozen=True)
class _BatchSide:
    games: np.ndarray  # (B, m, s...) the followers' games
    atol: np.ndarray  # (B,) their absolute tolerance
    nash: np.ndarray  # (B, s...)
    plausible: np.ndarray  # (B, s...)
    undominated: np.ndarray  # (B, s...) profiles of weakly undominated strategies
    unstrict: np.ndarray  # (B, s...) profiles of strategies not strictly dominated
    mover: np.ndarray  # (B, s...) mover's payoffs


def _side_batch(payoffs: np.ndarray, mover: int, k: int, tol: float) -> _BatchSide:
    games, values = _followers_batch(payoffs, mover, k)
    atol = _spread_atol(games, tol)
    nash = pure_nash_mask_batch(games, atol)
    undominated = np.ones_like(nash)
    unstrict = np.ones_like(nash)
    for p, (weak, strict) in enumerate(_dominated_batch(games, atol)):
        shape = [games.shape[0]] + [1] * (games.ndim - 2)
        shape[1 + p] = weak.shape[1]
        undominated &= ~weak.reshape(shape)
        unstrict &= ~strict.reshape(shape)
    return _BatchSide(games, atol, nash, nash & undominated, undominated, unstrict, values)


def _masked_bounds(values: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat_v = values.reshape(values.shape[0], -1)
    flat_m = mask.reshape(mask.shape[0], -1)
    lo = np.where(flat_m, flat_v, np.inf).min(axis=1)
    hi = np.where(flat_m, flat_v, -np.inf).max(axis=1)
    return lo, hi


def _batch_bounds(side: _BatchSide, selection: str) -> tuple[np.ndarray, np.ndarray]:
    if selection == "plausible":
        return _masked_bounds(side.mover, side.plausible)
    lo, hi = _masked_bounds(side.mover, side.nash)
    return (hi, hi) if selection == "optimistic" else (lo, lo)


def _bounds_certificate(side: _BatchSide, atol: np.ndarray) -> np.ndarray:
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
        ok &= (lo - block_lo <= atol) & (block_hi - hi <= atol)
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
    tolerance = side.atol.reshape(batch, 1, 1)
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
        ok &= np.abs(warm_best - cold_best) <= side.atol
    return ok


def _certified(side: _BatchSide, template: Game, spec: MoveSpec, atol: np.ndarray) -> np.ndarray:
    """Points whose pure outcomes give what the full solvers would (see :func:`sweep_move`)."""
    if template.n_players == 2:  # one follower: its equilibria are mixtures of best replies
        return np.ones(side.mover.shape[0], dtype=bool)
    if template.n_players == 3 and template.stances is not None:
        return _structure_certificate(side, template, spec)
    return _bounds_certificate(side, atol)


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
        The target's value of keeping its partner tie (NaN when undefined).
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

    def verdicts(self, selection: str = "plausible") -> list[str]:
        """Verdict strings under a selection rule, one per point."""
        return [verdict_name(c) for c in self.codes[check_selection(selection)]]

    def to_dict(self) -> dict:
        """Plain JSON-serialisable data."""
        return {
            "points": [dict(p) for p in self.points],
            "gains": {
                s: {"min": _floats(lo), "max": _floats(hi)} for s, (lo, hi) in self.gains.items()
            },
            "verdicts": {s: self.verdicts(s) for s in SELECTIONS},
            "after_configuration": list(self.after_configuration),
            "keep_value": _floats(self.keep_value),
            "target_states": list(self.target_states),
            "fallback": [bool(x) for x in self.fallback],
            "notes": list(self.notes),
        }


def _floats(array: np.ndarray) -> list[float | None]:
    return [None if not math.isfinite(x) else float(x) for x in np.asarray(array, dtype=float)]


def sweep_move(
    scenario,
    points: Sequence[Mapping[str, float]],
    *,
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
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
    payoffs = compile_payoffs(scenario, merged)
    atol = _spread_atol(payoffs, tol)
    sides = (
        _side_batch(payoffs, spec.mover, spec.before, tol),
        _side_batch(payoffs, spec.mover, spec.after, tol),
    )
    gains, codes = {}, {}
    for selection in SELECTIONS:
        b = _batch_bounds(sides[0], selection)
        a = _batch_bounds(sides[1], selection)
        gains[selection] = (a[0] - b[1], a[1] - b[0])
        codes[selection] = verdict_codes(*gains[selection], atol)
    no_pure = ~(
        sides[0].plausible.reshape(n_points, -1).any(axis=1)
        & sides[1].plausible.reshape(n_points, -1).any(axis=1)
    )
    uncertified = ~(
        _certified(sides[0], template, spec, atol) & _certified(sides[1], template, spec, atol)
    )
    fallback = no_pure | uncertified

    configurations = np.full(n_points, None, dtype=object)
    names = _after_configurations(template, spec)
    keep = np.full(n_points, np.nan)
    states = np.full(n_points, UNDETERMINED, dtype=object)
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
        reps[b] = chosen[np.flatnonzero(values <= values.min() + atol[b])[0]]
    if spec.partner is not None and template.stances is not None and cheap.size:
        keep[cheap], states[cheap] = _batch_target_states(
            template, spec, payoffs[cheap], reps[cheap], atol[cheap]
        )
    notes = []
    if fallback.any():
        for b in np.flatnonzero(fallback):
            game = Game(template.players, template.strategies, payoffs[b], stances=template.stances)
            point = evaluate_point(game, spec, tol=tol)
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
    partner_k = picks[followers.index(spec.partner)]
    t, p = spec.target, spec.partner
    own = np.moveaxis(payoffs[:, t], [1 + spec.mover, 1 + p, 1 + t], [1, 2, 3])
    u = own[np.arange(len(reps)), spec.after, partner_k]  # (batch, target strategies)
    partner, target = template.players[p], template.players[t]
    warm = np.array([partner in w for w in template.stances[t]])
    values = np.full(len(reps), np.nan)
    if warm.any() and (~warm).any():
        values = u[:, warm].max(axis=1) - u[:, ~warm].max(axis=1)
    reciprocated = np.array([target in w for w in template.stances[p]])[partner_k]
    states = [
        keep_state(float(v), float(a), bool(r))
        for v, a, r in zip(values, atol, reciprocated, strict=True)
    ]
    return values, states


# -- curves and maps ---------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class GainCurve:
    """The mover's gain along one parameter (see :func:`gain_curve`).

    Unpacks as ``gain_min, gain_max, verdicts = curve``.

    Attributes
    ----------
    parameter : str
    values : ndarray
    gain_min, gain_max : ndarray
        Bounds of the mover's gain under the selection rule at each value.
    verdicts : tuple of str
    selection : str
    fallback : ndarray of bool
        Values evaluated with the full solver.
    notes : tuple of str
    """

    parameter: str
    values: np.ndarray
    gain_min: np.ndarray
    gain_max: np.ndarray
    verdicts: tuple[str, ...]
    selection: str = "plausible"
    fallback: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator:
        return iter((self.gain_min, self.gain_max, self.verdicts))

    def to_dict(self) -> dict:
        """Plain JSON-serialisable data."""
        return {
            "parameter": self.parameter,
            "values": _floats(self.values),
            "gain_min": _floats(self.gain_min),
            "gain_max": _floats(self.gain_max),
            "verdicts": list(self.verdicts),
            "selection": self.selection,
            "fallback": [bool(x) for x in self.fallback],
            "notes": list(self.notes),
        }


def gain_curve(
    scenario,
    parameter: str,
    values: Sequence[float] | np.ndarray,
    selection: str = "plausible",
    *,
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
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
        scenario, [{parameter: float(v)} for v in values], overrides=overrides, tol=tol
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
    )


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
        Verdict codes (:data:`VERDICT_CODES`).
    configurations : ndarray of object, shape (len(ys), len(xs))
        Configuration of the plausible AFTER outcomes ("several" when they differ,
        "mixed" when one is mixed, ``None`` without a triangle).
    selection : str
    fallback : ndarray of bool, shape (len(ys), len(xs))
    notes : tuple of str
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

    def __iter__(self) -> Iterator:
        return iter((self.codes, self.configurations))

    def verdicts(self) -> list[list[str]]:
        """The verdict strings, rows following ``ys``."""
        return [[verdict_name(c) for c in row] for row in self.codes]

    def to_dict(self) -> dict:
        """Plain JSON-serialisable data."""
        return {
            "x": {"parameter": self.px, "values": _floats(self.xs)},
            "y": {"parameter": self.py, "values": _floats(self.ys)},
            "selection": self.selection,
            "codes": self.codes.astype(int).tolist(),
            "verdicts": self.verdicts(),
            "configurations": [list(row) for row in self.configurations],
            "verdict_codes": dict(VERDICT_CODES),
            "fallback": self.fallback.astype(bool).tolist(),
            "notes": list(self.notes),
        }


def verdict_map(
    scenario,
    px: str,
    xs: Sequence[float] | np.ndarray,
    py: str,
    ys: Sequence[float] | np.ndarray,
    *,
    selection: str = "plausible",
    overrides: Mapping[str, float] | None = None,
    tol: float = DEFAULT_TOL,
) -> VerdictMap:
    """Verdicts and AFTER configurations over a grid of two parameters.

    Examples
    --------
    See ``tests/test_sweep.py``; the chart is
    :func:`triangle.plots.verdict_map_chart`.
    """
    check_selection(selection)
    if px == py:
        raise TriangleInputError(f"verdict_map needs two different parameters, got {px!r} twice")
    xs = np.asarray(xs, dtype=float).reshape(-1)
    ys = np.asarray(ys, dtype=float).reshape(-1)
    for name in (px, py):
        if name not in scenario.parameters:
            scenario.parameter_values({name: 0.0})  # raises, listing the known names
    points = [{px: float(x), py: float(y)} for y in ys for x in xs]
    result = sweep_move(scenario, points, overrides=overrides, tol=tol)
    shape = (len(ys), len(xs))
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
    )
