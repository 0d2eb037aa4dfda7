"""The normal-form game every scenario compiles to.

A :class:`Game` is one labelled payoff array of shape ``(n_players, s_1, ..., s_n)``:
``payoffs[i][a_1, ..., a_n]`` is player ``i``'s payoff when each player ``k`` plays
strategy ``a_k``. Games are immutable: the array is copied and made read-only.

Two optional annotations travel with the payoffs so that later steps can explain
results without knowing which scenario form produced the game:

``stances``
    for each player and strategy, the set of players it is *warm* toward; a tie
    between two players is friendly when each is warm toward the other. With it,
    a pure profile of a three-player game has a strategic-triangle configuration
    (see :mod:`triangle.roles`).
``components``
    named payoff arrays of the same shape as ``payoffs`` that add up to it
    (e.g. role score, tie values, costs), used to decompose a payoff change.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.roles import Triad

Stances = tuple[tuple[frozenset[str], ...], ...]

_SMALLEST = float(np.finfo(float).tiny)


def payoff_ranges(payoffs: np.typing.ArrayLike, batch_dims: int = 0) -> np.ndarray:
    """Each player's largest minus smallest payoff.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(*batch, n, s_1, ..., s_n)`` with ``batch_dims`` leading batch axes.
    batch_dims : int

    Returns
    -------
    ndarray
        Shape ``(*batch, n)``, in the payoffs' units; 0 for a player whose payoffs are
        all equal.

    Examples
    --------
    >>> payoff_ranges(np.array([[[0.0, 3.0]], [[5.0, 5.0]]])).tolist()
    [3.0, 0.0]
    """
    array = np.asarray(payoffs, dtype=float)
    flat = array.reshape(array.shape[: batch_dims + 1] + (-1,))
    with np.errstate(over="ignore", invalid="ignore"):
        return flat.max(axis=-1) - flat.min(axis=-1)


def normalize(payoffs: np.typing.ArrayLike, batch_dims: int = 0) -> np.ndarray:
    """Each player's payoffs mapped affinely onto ``[0, 1]`` (all 0 when they are equal).

    A positive affine map of one player's payoffs changes no equilibrium, no best
    reply and no dominance relation, so every such test can be made on the result
    with one relative tolerance, whatever the units and offsets of each player.
    Subtracting the player's minimum first keeps the differences between payoffs
    exact in floating point, however large the common offset.

    Examples
    --------
    >>> normalize(np.array([[[1e9 + 2.0, 1e9]], [[-5.0, -5.0]]])).tolist()
    [[[1.0, 0.0]], [[0.0, 0.0]]]
    """
    array = np.asarray(payoffs, dtype=float)
    flat = array.reshape(array.shape[: batch_dims + 1] + (-1,))
    low = flat.min(axis=-1, keepdims=True)
    span = flat.max(axis=-1, keepdims=True) - low
    safe = np.where(span > 0, span, 1.0)
    return ((flat - low) / safe).reshape(array.shape)


RESOLUTION = 1e6
"""A scenario's payoffs must have at least this many float64 steps (units in the last
place at their magnitude) across each player's range (:func:`scale_problem`)."""


def scale_problem(payoffs: np.ndarray, *, strict: bool = False) -> tuple[int, str] | None:
    """Why a player's payoffs cannot be compared in floating point, if they cannot.

    Returns ``(player index, what is wrong)`` when the player's largest minus smallest
    payoff overflows (is larger than the largest float). With ``strict`` (what a
    scenario's payoffs must pass), also when the range is a subnormal number (below
    about 2.2e-308, where floats lose their precision) or spans fewer than
    :data:`RESOLUTION` float64 steps at the payoffs' magnitude (a large common offset
    swallows the differences: 1e9 + 0.001 is stored with an error of 1e-7). ``None``
    when every player's payoffs are fine.

    >>> scale_problem(np.array([[[1e308, -1e308]], [[0.0, 1.0]]]))
    (0, 'payoffs differ by more than the largest float (1.8e+308): rescale them')
    >>> scale_problem(np.array([[[1e9, 1e9 + 1e-3]], [[0.0, 1.0]]]), strict=True)[0]
    0
    """
    for i, span in enumerate(payoff_ranges(payoffs)):
        if not math.isfinite(span):
            return i, "payoffs differ by more than the largest float (1.8e+308): rescale them"
        if not strict or span == 0:
            continue
        if span < _SMALLEST:
            return i, (
                f"payoffs differ by only {span:.3g}, below the smallest normal float "
                "(2.2e-308): rescale them"
            )
        magnitude = float(np.abs(payoffs[i]).max())
        if span < RESOLUTION * math.ulp(magnitude):
            return i, (
                f"payoffs differ by only {span:.3g} at a magnitude of {magnitude:.3g}, "
                f"where float64 resolves {math.ulp(magnitude):.2g}: subtract the common "
                "offset or rescale them"
            )
    return None


def _frozen(array: np.ndarray) -> np.ndarray:
    out = np.array(array, dtype=float, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class Game:
    """An N-player normal-form game with labelled players and strategies.

    Parameters
    ----------
    players : sequence of str
        Player names, unique, at least two.
    strategies : sequence of sequence of str
        ``strategies[i]`` are player ``i``'s strategy names, unique, at least one.
    payoffs : array_like
        Shape ``(n_players, len(strategies[0]), ..., len(strategies[-1]))``, finite.
    stances : optional
        ``stances[i][k]`` is the set of players that player ``i`` is warm toward
        when playing strategy ``k``.
    components : mapping of str to array_like, optional
        Named parts of the payoffs, each of the payoffs' shape, summing to them.

    Examples
    --------
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                         players=("row", "col"),
    ...                         strategies=(("C", "D"), ("C", "D")))
    >>> pd.shape
    (2, 2)
    >>> float(pd.payoff(("D", "D"))[0])
    1.0
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray
    stances: Stances | None = None
    components: tuple[tuple[str, np.ndarray], ...] = field(default=())

    def __post_init__(self) -> None:
        players = tuple(str(p) for p in self.players)
        strategies = tuple(tuple(str(s) for s in ss) for ss in self.strategies)
        if len(players) < 2:
            raise ValueError(f"a game needs at least 2 players, got {len(players)}")
        if len(set(players)) != len(players):
            raise ValueError(f"player names must be unique: {players}")
        if len(strategies) != len(players):
            raise ValueError(f"{len(players)} players but strategies for {len(strategies)}")
        for name, ss in zip(players, strategies, strict=True):
            if not ss:
                raise ValueError(f"player {name} has no strategies")
            if len(set(ss)) != len(ss):
                raise ValueError(f"strategy names of {name} must be unique: {ss}")
        payoffs = _frozen(self.payoffs)
        shape = (len(players), *(len(ss) for ss in strategies))
        if payoffs.shape != shape:
            raise ValueError(f"payoffs have shape {payoffs.shape}, expected {shape}")
        if not np.all(np.isfinite(payoffs)):
            raise ValueError("payoffs must be finite numbers")
        problem = scale_problem(payoffs)
        if problem is not None:
            raise ValueError(f"{players[problem[0]]}'s {problem[1]}")
        stances = self.stances
        if stances is not None:
            stances = tuple(tuple(frozenset(w) for w in per) for per in stances)
            if tuple(len(per) for per in stances) != shape[1:]:
                raise ValueError("stances must give one set per strategy of each player")
            for i, per in enumerate(stances):
                for warm in per:
                    # names outside ``players`` are allowed: a subgame keeps stances
                    # toward the player whose strategy it fixed
                    if players[i] in warm:
                        raise ValueError(
                            f"stance of {players[i]} names {players[i]}, not another player"
                        )
        comps = tuple((str(k), _frozen(v)) for k, v in dict(self.components).items())
        for k, v in comps:
            if v.shape != shape:
                raise ValueError(f"component {k!r} has shape {v.shape}, expected {shape}")
        magnitude = float(np.abs(payoffs).max()) if payoffs.size else 0.0
        if comps and not np.allclose(
            sum(v for _, v in comps), payoffs, rtol=1e-9, atol=1e-9 * magnitude
        ):
            raise ValueError("payoff components do not add up to the payoffs")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "payoffs", payoffs)
        object.__setattr__(self, "stances", stances)
        object.__setattr__(self, "components", comps)

    # -- constructors ----------------------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        *arrays: np.typing.ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> Game:
        """Build a game from one payoff array per player (default labels ``P1``, ``s1``...)."""
        payoffs = np.stack([np.asarray(a, dtype=float) for a in arrays])
        n = payoffs.shape[0]
        if payoffs.ndim != n + 1:
            raise ValueError(f"{n} payoff arrays must each have {n} dimensions")
        if players is None:
            players = tuple(f"P{i + 1}" for i in range(n))
        if strategies is None:
            strategies = tuple(tuple(f"s{k + 1}" for k in range(m)) for m in payoffs.shape[1:])
        return cls(tuple(players), tuple(tuple(s) for s in strategies), payoffs)

    @classmethod
    def from_bimatrix(
        cls,
        A: np.typing.ArrayLike,
        B: np.typing.ArrayLike,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> Game:
        """Build a two-player game from the row player's ``A`` and column player's ``B``."""
        return cls.from_arrays(A, B, players=players, strategies=strategies)

    # -- shape and lookup -------------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return self.payoffs.shape[1:]

    @functools.cached_property
    def ranges(self) -> np.ndarray:
        """Each player's largest minus smallest payoff, shape ``(n_players,)``: the scale
        every tolerance about that player is relative to (0 when the player's payoffs
        are all equal)."""
        return payoff_ranges(self.payoffs)

    @functools.cached_property
    def normalized(self) -> np.ndarray:
        """The payoffs with each player's mapped to ``[0, 1]`` (:func:`normalize`):
        the same equilibria, and comparisons that do not depend on units or offsets."""
        out = normalize(self.payoffs)
        out.setflags(write=False)
        return out

    def player_index(self, player: str | int) -> int:
        """Index of a player given by name or index."""
        if isinstance(player, int | np.integer):
            if not 0 <= player < self.n_players:
                raise KeyError(f"no player number {player}")
            return int(player)
        try:
            return self.players.index(player)
        except ValueError:
            raise KeyError(
                f"unknown player {player!r}; players are {', '.join(self.players)}"
            ) from None

    def strategy_index(self, player: str | int, strategy: str | int) -> int:
        """Index of a strategy of ``player`` given by name or index."""
        i = self.player_index(player)
        names = self.strategies[i]
        if isinstance(strategy, int | np.integer):
            if not 0 <= strategy < len(names):
                raise KeyError(f"{self.players[i]} has no strategy number {strategy}")
            return int(strategy)
        try:
            return names.index(strategy)
        except ValueError:
            raise KeyError(
                f"unknown strategy {strategy!r} of {self.players[i]}; "
                f"strategies are {', '.join(names)}"
            ) from None

    def profile_index(self, profile: Sequence[str | int]) -> tuple[int, ...]:
        """Indices of a pure profile given by strategy names or indices."""
        if len(profile) != self.n_players:
            raise KeyError(f"a profile names {self.n_players} strategies, got {len(profile)}")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def payoff(self, profile: Sequence[str | int]) -> np.ndarray:
        """Every player's payoff at a pure profile (names or indices)."""
        return self.payoffs[(slice(None), *self.profile_index(profile))]

    def pure_profiles(self) -> Iterator[tuple[int, ...]]:
        """All pure profiles as index tuples, in lexicographic order."""
        return itertools.product(*(range(m) for m in self.shape))

    def component(self, name: str) -> np.ndarray:
        return dict(self.components)[name]

    # -- derived games ----------------------------------------------------------------
    def subgame(self, player: str | int, strategy: str | int) -> Game:
        """The game of the other players once ``player`` is fixed to ``strategy``.

        Payoffs, stances of the remaining players and components are sliced.

        Examples
        --------
        >>> g = Game.from_arrays(*np.arange(24).reshape(3, 2, 2, 2))
        >>> sub = g.subgame("P1", "s2")
        >>> sub.players, sub.shape
        (('P2', 'P3'), (2, 2))
        """
        i = self.player_index(player)
        k = self.strategy_index(i, strategy)
        keep = [j for j in range(self.n_players) if j != i]
        index = (keep, *(k if j == i else slice(None) for j in range(self.n_players)))
        payoffs = self.payoffs[index]
        comps = tuple((name, v[index]) for name, v in self.components)
        stances = None if self.stances is None else tuple(self.stances[j] for j in keep)
        return Game(
            tuple(self.players[j] for j in keep),
            tuple(self.strategies[j] for j in keep),
            payoffs,
            stances=stances,
            components=comps,
        )

    def restrict(self, player: str | int, keep: Sequence[str | int]) -> Game:
        """The game in which ``player`` has only the strategies ``keep``, in that order.

        Payoffs, stances and components are sliced; the other players keep every
        strategy. :func:`embed` lifts a profile of the result back into this game.

        Examples
        --------
        >>> g = Game.from_arrays(*np.arange(24).reshape(3, 2, 2, 2))
        >>> g.restrict("P2", ["s2"]).strategies
        (('s1', 's2'), ('s2',), ('s1', 's2'))
        """
        i = self.player_index(player)
        ks = [self.strategy_index(i, k) for k in keep]
        if not ks:
            raise ValueError(f"{self.players[i]} must keep at least one strategy")
        index = (slice(None), *(ks if j == i else slice(None) for j in range(self.n_players)))
        strategies = tuple(
            tuple(self.strategies[j][k] for k in ks) if j == i else self.strategies[j]
            for j in range(self.n_players)
        )
        stances = None
        if self.stances is not None:
            stances = tuple(
                tuple(self.stances[j][k] for k in ks) if j == i else self.stances[j]
                for j in range(self.n_players)
            )
        return Game(
            self.players,
            strategies,
            self.payoffs[index],
            stances=stances,
            components=tuple((name, v[index]) for name, v in self.components),
        )

    def with_payoffs(self, payoffs: np.typing.ArrayLike) -> Game:
        """The same players and strategies with other payoffs (annotations dropped
        except stances)."""
        return Game(self.players, self.strategies, payoffs, stances=self.stances)

    # -- the triangle -----------------------------------------------------------------
    def warm(self, profile: Sequence[int]) -> dict[str, frozenset[str]] | None:
        """Who each player is warm toward at a pure profile (``None`` without stances)."""
        if self.stances is None:
            return None
        return {p: self.stances[i][profile[i]] for i, p in enumerate(self.players)}

    def triad(self, profile: Sequence[int]) -> Triad | None:
        """The strategic triangle at a pure profile (strategy indices) of a 3-player game
        with stances; ``None`` for other games."""
        warm = self.warm(profile)
        if warm is None or self.n_players != 3:
            return None
        return Triad.from_stances(warm)

    def __repr__(self) -> str:
        sizes = "x".join(str(m) for m in self.shape)
        return f"Game({', '.join(self.players)}; {sizes})"


def embed(
    profile: Sequence[np.typing.ArrayLike],
    shape: Sequence[int],
    *,
    fixed: Mapping[int, int] | None = None,
    kept: Mapping[int, Sequence[int]] | None = None,
) -> tuple[np.ndarray, ...]:
    """Lift a mixed profile of a derived game back into the game of ``shape``.

    The derived game is the full game with some players *fixed* (removed, as by
    :meth:`Game.subgame`) and some players' strategies *kept* (restricted, as by
    :meth:`Game.restrict`). Each is the one way of undoing the other.

    Parameters
    ----------
    profile : sequence of array_like
        One probability vector per player of the derived game, in player order.
    shape : sequence of int
        Number of strategies of each player of the full game.
    fixed : mapping of int to int, optional
        Removed players (full-game index) and the pure strategy each was fixed to.
    kept : mapping of int to sequence of int, optional
        Restricted players (full-game index) and the full-game indices of the
        strategies they kept, in the derived game's order.

    Returns
    -------
    tuple of ndarray
        One probability vector per player of the full game, shape ``(shape[i],)``.

    Examples
    --------
    >>> [v.tolist() for v in embed([[0.5, 0.5], [1.0]], (2, 2, 3), fixed={0: 1},
    ...                            kept={2: [1]})]
    [[0.0, 1.0], [0.5, 0.5], [0.0, 1.0, 0.0]]
    """
    fixed = dict(fixed or {})
    kept = {j: list(ks) for j, ks in (kept or {}).items()}
    rest = iter(profile)
    out = []
    for j, m in enumerate(shape):
        vec = np.zeros(m)
        if j in fixed:
            vec[fixed[j]] = 1.0
        elif j in kept:
            vec[kept[j]] = np.asarray(next(rest), dtype=float)
        else:
            vec = np.array(next(rest), dtype=float)
        out.append(vec)
    return tuple(out)
