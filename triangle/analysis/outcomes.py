"""The outcomes of a move: the followers' equilibria after each commitment, grouped,
and whether the move splits its target from the third actor.

Outcomes that give every player the same payoffs and the same ties are grouped (a
stance toward a cold actor changes nothing), keeping the list of their profiles.
Degenerate followers' games have continua of equilibria; the solvers report their
extreme points, and since the mover's payoff is linear in each follower's mixture,
its lowest and highest payoffs over a component are attained at extreme points.

The *representative* outcomes, used for the decomposition, the reported triangle and
the explanation, are the mover's worst selected AFTER outcome and its best selected
BEFORE outcome (ties broken by the solvers' deterministic order): the pair whose
difference is the lower bound of the gain, so the decomposition explains the gain
the mover can count on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from triangle.analysis.move import MoveSpec
from triangle.analysis.point import (
    embed_profile,
    relations_of,
    representative,
    tie_probability,
    triad_of,
)
from triangle.equilibria.commitment import CommitmentBranch
from triangle.equilibria.regret import expected_value
from triangle.equilibria.tolerance import PURE_ATOL, player_tolerances
from triangle.game import Game
from triangle.numbers import tidy
from triangle.roles import Relations, Triad
from triangle.vocabulary import TieState, WedgeStatus

__all__ = ["Outcome", "Side", "Wedge", "components_at", "side_outcomes", "wedge_of"]


def components_at(game: Game, profile) -> dict[str, dict[str, float]]:
    """Each player's payoff components at a profile (``{"payoff": ...}`` without any)."""
    parts = game.components or (("payoff", game.payoffs),)
    return {
        p: {name: expected_value(array[i], profile) for name, array in parts}
        for i, p in enumerate(game.players)
    }


def _readable(payoffs: dict[str, float]) -> dict[str, float]:
    """Payoffs for a ``repr``, without floating-point noise (12 significant digits)."""
    return {p: tidy(v) for p, v in payoffs.items()}


@dataclass(frozen=True, eq=False)
class Outcome:
    """One outcome of the followers' game (a group of payoff-equivalent equilibria).

    Attributes
    ----------
    profiles : tuple of tuple of ndarray
        The full profiles of the grouped equilibria (mover playing its commitment).
    indices : tuple of int
        Their indices in the branch's ``followers.equilibria``.
    kind : str
        ``"pure"`` or ``"mixed"``.
    payoffs : dict
        Every player's payoff.
    plausible : bool
        Some grouped equilibrium uses no weakly dominated strategy of the followers' game.
    selected : bool
        It is among the outcomes of the plausible selection.
    triad : Triad or None
        The strategic triangle (pure outcomes of 3-player games with stances).
    relations : Relations or None
        How likely each tie is to be friendly (games with stances, any number of
        players, pure or mixed outcomes).
    components : dict
        ``{player: {component: value}}``.
    """

    profiles: tuple[tuple[np.ndarray, ...], ...]
    indices: tuple[int, ...]
    kind: str
    payoffs: dict[str, float]
    plausible: bool
    selected: bool
    triad: Triad | None
    components: dict[str, dict[str, float]]
    relations: Relations | None = None

    def __repr__(self) -> str:
        shape = "" if self.triad is None else f", triad={self.triad.configuration!r}"
        return (
            f"Outcome(kind={self.kind!r}, payoffs={_readable(self.payoffs)}{shape}, "
            f"equilibria={len(self.profiles)}, selected={self.selected})"
        )


@dataclass(frozen=True, eq=False)
class Side:
    """The followers' outcomes after one commitment of the mover (BEFORE or AFTER).

    Attributes
    ----------
    strategy : str
        The mover's commitment.
    branch : CommitmentBranch
        The solver's result (profiles of the mover's two-strategy game).
    outcomes : tuple of Outcome
        Grouped, in the solvers' deterministic order.
    representative : Outcome
        The outcome of the pair that gives the lower bound of the gain: the mover's
        worst selected outcome AFTER, its best selected outcome BEFORE.
    profile : tuple of ndarray
        The representative equilibrium itself (a selected member of ``representative``).
    triads : tuple of Triad
        The distinct triangles among the selected pure outcomes.
    """

    strategy: str
    branch: CommitmentBranch
    outcomes: tuple[Outcome, ...]
    representative: Outcome
    profile: tuple[np.ndarray, ...]
    triads: tuple[Triad, ...]

    def __repr__(self) -> str:
        shape = "" if self.triad is None else f", triad={self.triad.configuration!r}"
        selected = sum(o.selected for o in self.outcomes)
        return (
            f"Side(strategy={self.strategy!r}, payoffs={_readable(self.payoffs)}{shape}, "
            f"outcomes={len(self.outcomes)}, selected={selected})"
        )

    @property
    def triad(self) -> Triad | None:
        """The triangle of the representative outcome (``None`` without one)."""
        return self.representative.triad

    @property
    def relations(self) -> Relations | None:
        """The ties at the representative outcome (``None`` without stances)."""
        return self.representative.relations

    @property
    def roles(self) -> dict[str, str] | None:
        """Each actor's role in :attr:`triad` (``None`` without one)."""
        return None if self.triad is None else self.triad.roles

    @property
    def payoffs(self) -> dict[str, float]:
        """Every player's payoff at the representative outcome."""
        return self.representative.payoffs

    @property
    def complete(self) -> bool:
        """Whether the followers' equilibria are proven to be all of them."""
        return bool(self.branch.followers.complete)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(self.branch.notes) + tuple(self.branch.followers.notes)


def side_outcomes(
    game: Game,
    spec: MoveSpec,
    index: int,
    branch: CommitmentBranch,
    values: Sequence[float],
    tol: float,
) -> Side:
    """The grouped outcomes of one commitment (``index`` 0: BEFORE, 1: AFTER).

    ``values`` are the mover's normalised payoffs under each follower equilibrium
    (``PointResult.values``); outcomes are grouped when
    their triangles agree and every follower's payoffs agree within ``tol`` times its
    payoff range in the followers' game.
    """
    equilibria = branch.followers.equilibria
    atol = player_tolerances(branch.followers.game, tol)
    selected = set(branch.plausible)
    profiles = [embed_profile(game, spec, index, p) for p in branch.profiles]
    groups: list[list[int]] = []
    keys: list[tuple | None] = []
    for j, eq in enumerate(equilibria):
        relations = relations_of(game, profiles[j])
        key = None
        if relations is not None and relations.is_pure:
            key = (relations.friendly, np.asarray(eq.payoffs))
        for g, other in zip(groups, keys, strict=True):
            if (
                key is not None
                and other is not None
                and other[0] == key[0]
                and bool(np.all(np.abs(other[1] - key[1]) <= atol))
            ):
                g.append(j)
                break
        else:
            groups.append([j])
            keys.append(key)
    full_payoffs = [
        {p: expected_value(game.payoffs[i], profiles[j]) for i, p in enumerate(game.players)}
        for j in range(len(equilibria))
    ]
    outcomes = []
    by_index = {}
    for members in groups:
        first = members[0]
        outcome = Outcome(
            profiles=tuple(profiles[j] for j in members),
            indices=tuple(members),
            kind=equilibria[first].kind,
            payoffs=full_payoffs[first],
            plausible=any(not equilibria[j].weakly_dominated for j in members),
            selected=any(j in selected for j in members),
            triad=triad_of(game, profiles[first]),
            components=components_at(game, profiles[first]),
            relations=relations_of(game, profiles[first]),
        )
        outcomes.append(outcome)
        for j in members:
            by_index[j] = outcome
    worst = index == 1
    rep = representative(values, branch.plausible, worst=worst, atol=tol)
    triads: list[Triad] = []
    for o in outcomes:
        if o.selected and o.triad is not None and o.triad not in triads:
            triads.append(o.triad)
    return Side(
        strategy=branch.strategy,
        branch=branch,
        outcomes=tuple(outcomes),
        representative=by_index[rep],
        profile=profiles[rep],
        triads=tuple(triads),
    )


@dataclass(frozen=True)
class Wedge:
    """Whether the move splits its target from the third actor (drives a *wedge*
    between them).

    Attributes
    ----------
    target, third : str
    before, after : TieState
        The target–third tie over the selected outcomes: friendly in all, hostile
        in all, or varying.
    status : WedgeStatus
    """

    target: str
    third: str
    before: TieState
    after: TieState
    status: WedgeStatus

    @property
    def wedge(self) -> bool:
        """The target–third tie is hostile in every selected AFTER outcome."""
        return self.after == TieState.HOSTILE


def _tie_state(game: Game, side: Side, a: int, b: int) -> TieState:
    probs = [
        tie_probability(game, p, a, b) for o in side.outcomes if o.selected for p in o.profiles
    ]
    if all(x >= 1 - PURE_ATOL for x in probs):
        return TieState.FRIENDLY
    if all(x <= PURE_ATOL for x in probs):
        return TieState.HOSTILE
    return TieState.VARIES


def wedge_of(game: Game, spec: MoveSpec, before: Side, after: Side) -> Wedge | None:
    """The :class:`Wedge` of a move with a target and a third actor in a triangle with
    stances; ``None`` otherwise."""
    if spec.target is None or spec.third is None or game.stances is None:
        return None
    b = _tie_state(game, before, spec.target, spec.third)
    a = _tie_state(game, after, spec.target, spec.third)
    if a == TieState.HOSTILE:
        status = WedgeStatus.ALREADY_BROKEN if b == TieState.HOSTILE else WedgeStatus.BREAKS
    elif a == TieState.FRIENDLY:
        status = WedgeStatus.HOLDS
    else:
        status = WedgeStatus.DEPENDS
    return Wedge(game.players[spec.target], game.players[spec.third], b, a, status)
