"""Leader commitment: one player moves first with a pure strategy, the others respond.

This is the shape of a Kissinger move: one actor commits to a course (open to
China, court Russia) and the two others then play the game that commitment leaves
them. Formally it is the two-stage game in which the *leader* first picks a pure
strategy ``k``, observed by everyone, and the *followers* then play the induced
normal-form game ``game.subgame(leader, k)``. Its subgame-perfect equilibria (with
a pure first move) are exactly: in every branch ``k`` the followers play some Nash
equilibrium of the induced game, and the leader picks a ``k`` that maximises its
payoff given the equilibrium played in each branch.

Which follower equilibrium is played in a branch is a selection; three are offered,
all computed from the same equilibria, so a reader can see when the answer
depends on it:

``"optimistic"``
    the followers play the equilibrium that is best for the leader (in the
    Stackelberg literature, the *strong* or optimistic solution);
``"pessimistic"``
    they play the one that is worst for the leader (the *weak* or pessimistic
    solution, a guaranteed value given equilibrium play);
``"plausible"`` (default)
    the worst for the leader among the *plausible* follower equilibria, those in
    which no follower uses a strategy weakly dominated in the induced game (one
    round, see :mod:`triangle.equilibria.dominance`); when every equilibrium uses
    one, all are used and the branch records a note.

The followers' game of a 3-player game has two players and is solved by
:func:`triangle.equilibria.solve` with nashpy (cross-checked). For other numbers of
players :func:`~triangle.equilibria.solve` is used as well; in a 2-player game the
follower faces a one-player decision, represented as the 2-player game in which the
leader has the single committed strategy (:meth:`~triangle.game.Game.restrict`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from triangle.equilibria.methods import BIMATRIX_METHODS, DEFAULT_TIMEOUT, check_timeout
from triangle.equilibria.regret import expected_payoffs, expected_value
from triangle.equilibria.result import SolveResult
from triangle.equilibria.solve import solve
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import SolverError, TriangleInputError
from triangle.game import Game, embed
from triangle.vocabulary import SELECTIONS, Selection

__all__ = [
    "SELECTIONS",
    "Commitment",
    "CommitmentBranch",
    "Selection",
    "check_selection",
    "leader_commitment",
]


def check_selection(selection: str) -> Selection:
    """The :class:`Selection` named ``selection``.

    Raises
    ------
    TriangleInputError
        For an unknown name (the message lists the valid ones).
    """
    try:
        return Selection(selection)
    except ValueError:
        raise TriangleInputError(
            f"unknown selection {selection!r}; valid selections: {', '.join(SELECTIONS)}"
        ) from None


@dataclass(frozen=True, eq=False)
class CommitmentBranch:
    """What follows when the leader commits to one pure strategy.

    Attributes
    ----------
    strategy : str
        The leader's committed strategy.
    index : int
        Its index among the leader's strategies.
    followers : SolveResult
        The equilibria of the followers' induced game.
    profiles : tuple of tuple of ndarray
        Each follower equilibrium embedded as a full profile of the original game
        (the leader playing ``strategy`` with probability 1), in the order of
        ``followers.equilibria``.
    leader_payoffs : tuple of float
        The leader's expected payoff under each of those profiles.
    leader_values : tuple of float
        The same on the leader's normalised scale (its worst payoff in the game 0,
        its best 1): what comparisons between commitments use, so that they do not
        depend on the units or the offset of the leader's payoffs.
    plausible : tuple of int
        Indices of the follower equilibria in which no follower uses a weakly
        dominated strategy of the induced game; all indices when there is none.
    notes : tuple of str
    """

    strategy: str
    index: int
    followers: SolveResult
    profiles: tuple[tuple[np.ndarray, ...], ...]
    leader_payoffs: tuple[float, ...]
    plausible: tuple[int, ...]
    notes: tuple[str, ...] = field(default=())
    leader_values: tuple[float, ...] = ()

    def selected(self, selection: str = "plausible") -> tuple[int, ...]:
        """Indices of the follower equilibria a selection ranges over."""
        check_selection(selection)
        if selection == "plausible":
            return self.plausible
        return tuple(range(len(self.leader_payoffs)))

    def best(self, indices: tuple[int, ...] | None = None) -> float | None:
        """The leader's highest payoff over the given follower equilibria (default all);
        ``None`` when there are none."""
        j = self._pick(indices, max)
        return None if j is None else self.leader_payoffs[j]

    def worst(self, indices: tuple[int, ...] | None = None) -> float | None:
        """The leader's lowest payoff over the given follower equilibria (default all);
        ``None`` when there are none."""
        j = self._pick(indices, min)
        return None if j is None else self.leader_payoffs[j]

    def value(self, selection: str = "plausible", *, normalized: bool = False) -> float | None:
        """The leader's payoff in this branch under a selection rule (module notes), in
        payoff units or, with ``normalized``, on the leader's normalised scale."""
        j = self.outcome(selection)
        if j is None:
            return None
        return ((self.leader_values or self.leader_payoffs) if normalized else self.leader_payoffs)[
            j
        ]

    def outcome(self, selection: str = "plausible") -> int | None:
        """Index of the follower equilibrium that gives :meth:`value` (the first one in
        the deterministic order of ``followers.equilibria`` among exact ties)."""
        chosen = self.selected(selection)
        return self._pick(chosen, max if selection == Selection.OPTIMISTIC else min)

    def _pick(self, indices: tuple[int, ...] | None, choose) -> int | None:
        """The first index whose normalised leader value is ``choose``-most."""
        if indices is None:
            indices = tuple(range(len(self.leader_payoffs)))
        if not indices:
            return None
        values = self.leader_values or self.leader_payoffs
        goal = choose(values[j] for j in indices)
        return next(j for j in indices if values[j] == goal)


@dataclass(frozen=True, eq=False)
class Commitment:
    """The leader's pure commitments and the followers' equilibrium responses.

    Attributes
    ----------
    game : Game
    leader : str
    branches : tuple of CommitmentBranch
        One per leader strategy, in the game's strategy order.
    tol : float
        Relative tolerance used by the solvers and for ties between commitments.
    notes : tuple of str
    """

    game: Game
    leader: str
    branches: tuple[CommitmentBranch, ...]
    tol: float = DEFAULT_TOL
    notes: tuple[str, ...] = field(default=())

    def branch(self, strategy: str | int) -> CommitmentBranch:
        """The branch of one leader strategy (name or index)."""
        return self.branches[self.game.strategy_index(self.leader, strategy)]

    def values(self, selection: str = "plausible") -> dict[str, float | None]:
        """The leader's payoff from each commitment under a selection rule."""
        check_selection(selection)
        return {b.strategy: b.value(selection) for b in self.branches}

    def best(self, selection: str = "plausible") -> tuple[str, ...]:
        """The leader strategies that maximise its payoff under a selection rule.

        Parameters
        ----------
        selection : {"plausible", "optimistic", "pessimistic"}
            Which follower equilibrium each branch is valued at: the worst for the
            leader among the plausible ones, the best for the leader, or the worst
            for the leader (see the module notes).

        Returns
        -------
        tuple of str
            Every commitment whose value is within ``tol`` × the leader's payoff
            range of the maximum, in strategy order; several when they tie. Branches
            with no follower equilibrium found are skipped.
        """
        check_selection(selection)
        known = {
            b.strategy: v
            for b in self.branches
            if (v := b.value(selection, normalized=True)) is not None
        }
        if not known:
            raise SolverError(f"no follower equilibrium found for any commitment of {self.leader}")
        top = max(known.values())
        return tuple(s for s, v in known.items() if v >= top - self.tol)

    def outcome(self, selection: str = "plausible") -> tuple[np.ndarray, ...]:
        """The full profile played when the leader commits to the first of
        :meth:`best` and the followers respond by the selection rule."""
        branch = self.branch(self.best(selection)[0])
        return branch.profiles[branch.outcome(selection)]


def followers_game(game: Game, leader: int, k: int) -> Game:
    """The game the followers play once the leader is fixed to strategy ``k``: the
    leader removed (3 or more players), or kept with the single strategy ``k``
    (2 players)."""
    if game.n_players > 2:
        return game.subgame(leader, k)
    return game.restrict(leader, [k])


def _lift(game: Game, leader: int, k: int, profile) -> tuple[np.ndarray, ...]:
    """A followers' profile as a profile of ``game`` (the leader playing ``k``)."""
    if game.n_players > 2:
        return embed(profile, game.shape, fixed={leader: k})
    return embed(profile, game.shape, kept={leader: [k]})


def leader_commitment(
    game: Game,
    leader: str | int,
    *,
    method: str = "auto",
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Commitment:
    """Solve the game in which ``leader`` first commits to a pure strategy.

    For each leader strategy the followers' induced game is solved with
    :func:`triangle.equilibria.solve`; together the branches describe every
    subgame-perfect outcome of the commitment game (module notes), and
    :meth:`Commitment.best` picks the leader's best commitments under a selection
    rule.

    Parameters
    ----------
    game : Game
    leader : str or int
        The committing player.
    method : str
        Solver for the followers' games, passed to :func:`~triangle.equilibria.solve`
        (default ``"auto"``). A 2-player method name applies to 2-player followers'
        games; when the followers are 3 or more it is replaced by ``"auto"`` and a
        note says so.
    tol : float
        Relative regret tolerance; also the tie tolerance between commitments.
    timeout : float or None
        Seconds all the followers' games may take together; a branch reached when
        they are spent is solved for pure equilibria only, and a note says so.

    Returns
    -------
    Commitment

    Examples
    --------
    The row player of Battle of the Sexes commits to its favourite outing:

    >>> bos = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]],
    ...                          players=("Ann", "Bob"),
    ...                          strategies=(("opera", "match"), ("opera", "match")))
    >>> c = leader_commitment(bos, "Ann")
    >>> c.best(), c.values()
    (('opera',), {'opera': 3.0, 'match': 2.0})
    """
    try:
        i = game.player_index(leader)
    except KeyError as err:
        raise TriangleInputError(str(err.args[0])) from None
    n_followers = max(game.n_players - 1, 2)
    notes = []
    sub_method = method
    if n_followers > 2 and method in BIMATRIX_METHODS:
        sub_method = "auto"
        notes.append(
            f"the followers' games have {n_followers} players: solved with method 'auto' "
            f"instead of {method!r}"
        )

    timeout = check_timeout(timeout)
    deadline = None if timeout is None else time.monotonic() + timeout
    branches = []
    for k, name in enumerate(game.strategies[i]):
        sub = followers_game(game, i, k)
        left = None if deadline is None else deadline - time.monotonic()
        branch_notes = []
        if left is not None and left <= 0:
            result = solve(sub, method="pure", tol=tol)
            branch_notes.append(
                f"the time budget was spent before the followers' game after {name}: "
                "its pure equilibria only"
            )
        else:
            result = solve(sub, method=sub_method, tol=tol, timeout=left)
        profiles = tuple(_lift(game, i, k, eq.profile) for eq in result.equilibria)
        payoffs = tuple(float(expected_payoffs(game, p)[i]) for p in profiles)
        values = tuple(expected_value(game.normalized[i], p) for p in profiles)
        plausible = tuple(j for j, eq in enumerate(result.equilibria) if not eq.weakly_dominated)
        if not result.equilibria:
            branch_notes.append(f"no equilibrium of the followers' game found after {name}")
        elif not plausible:
            plausible = tuple(range(len(result.equilibria)))
            branch_notes.append(
                f"after {name} every follower equilibrium uses a weakly dominated strategy; "
                "the plausible selection ranges over all of them"
            )
        branches.append(
            CommitmentBranch(
                strategy=name,
                index=k,
                followers=result,
                profiles=profiles,
                leader_payoffs=payoffs,
                plausible=plausible,
                notes=tuple(branch_notes),
                leader_values=values,
            )
        )
    return Commitment(
        game=game, leader=game.players[i], branches=tuple(branches), tol=tol, notes=tuple(notes)
    )
