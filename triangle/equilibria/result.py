"""Result types shared by all solvers: one verified equilibrium, one solve result.

:func:`make_equilibrium` is the gate every profile passes before it is reported: it
cleans probabilities below :data:`~triangle.equilibria.tolerance.PURE_ATOL`, checks
the max regret against the tolerance and wraps the profile with its evidence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.equilibria.regret import (
    as_profile,
    expected_payoffs,
    max_regret,
    relative_regrets,
    support_gaps,
)
from triangle.equilibria.tolerance import DEFAULT_TOL, PURE_ATOL
from triangle.game import Game
from triangle.numbers import decimals

__all__ = [
    "Equilibrium",
    "SolveResult",
    "make_equilibrium",
    "merge_equilibria",
    "plays_any",
    "same_equilibrium",
    "pure_picks",
    "support",
    "verify_candidates",
]


def pure_picks(profile: Sequence[np.typing.ArrayLike]) -> tuple[int, ...] | None:
    """Strategy indices of a pure profile (each probability within
    :data:`~triangle.equilibria.tolerance.PURE_ATOL` of 1), else ``None``.

    >>> pure_picks([np.array([0.0, 1.0]), np.array([1.0, 0.0])])
    (1, 0)
    >>> pure_picks([np.array([0.5, 0.5]), np.array([1.0, 0.0])]) is None
    True
    """
    picks = []
    for sigma in profile:
        sigma = np.asarray(sigma, dtype=float)
        k = int(np.argmax(sigma))
        if abs(float(sigma[k]) - 1.0) > PURE_ATOL:
            return None
        picks.append(k)
    return tuple(picks)


def plays_any(profile: Sequence[np.ndarray], strategies: Sequence[Sequence[int]]) -> bool:
    """Whether some player ``i`` puts positive probability (above
    :data:`~triangle.equilibria.tolerance.PURE_ATOL`) on one of ``strategies[i]``."""
    return any(profile[i][k] > PURE_ATOL for i, ks in enumerate(strategies) for k in ks)


def support(
    profile: Sequence[np.typing.ArrayLike], atol: float = PURE_ATOL
) -> tuple[tuple[int, ...], ...]:
    """Indices played with probability above ``atol``, per player.

    >>> support([np.array([0.5, 0.0, 0.5]), np.array([1.0])])
    ((0, 2), (0,))
    """
    return tuple(
        tuple(int(k) for k in np.flatnonzero(np.asarray(s, dtype=float) > atol)) for s in profile
    )


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A Nash equilibrium of a game, with the evidence that it is one.

    Attributes
    ----------
    profile : tuple of ndarray
        One probability vector per player.
    payoffs : ndarray
        Each player's expected payoff.
    max_regret : float
        The largest gain from a unilateral deviation (checked ≤ tolerance).
    methods : tuple of str
        The solvers that found it (e.g. ``("pure",)``, ``("nashpy.support_enumeration",
        "gambit.enummixed")``).
    weakly_dominated : bool
        Whether some player puts positive probability on a weakly dominated pure
        strategy (see :mod:`triangle.equilibria.dominance`).
    players, strategies : tuple of str, tuple of (tuple of str)
        The game's names, for its ``repr`` (empty when not known).

    Examples
    --------
    >>> from triangle.game import Game
    >>> pd = Game(("Row", "Col"), (("C", "D"), ("C", "D")),
    ...           np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float))
    >>> make_equilibrium(pd, [np.array([0.0, 1.0]), np.array([0.0, 1.0])])
    Equilibrium(Row: D; Col: D; payoffs Row 1, Col 1; max regret 0)
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    max_regret: float
    methods: tuple[str, ...] = ()
    weakly_dominated: bool = False
    players: tuple[str, ...] = field(default=(), repr=False)
    strategies: tuple[tuple[str, ...], ...] = field(default=(), repr=False)

    def __repr__(self) -> str:
        """The profile by name (each player's strategies played, with their
        probabilities when mixed), the payoffs and the max regret."""
        n = len(self.profile)
        players = self.players if len(self.players) == n else tuple(f"player {i}" for i in range(n))
        parts = []
        for i, (who, sigma) in enumerate(zip(players, self.profile, strict=True)):
            names = self.strategies[i] if len(self.strategies) == n else ()
            if len(names) != len(sigma):
                names = tuple(str(k) for k in range(len(sigma)))
            played = [(names[k], float(sigma[k])) for k in support([sigma])[0]]
            if len(played) == 1:
                parts.append(f"{who}: {played[0][0]}")
            else:
                parts.append(f"{who}: " + ", ".join(f"{s} {decimals(p)}" for s, p in played))
        payoffs = ", ".join(
            f"{who} {decimals(float(v))}" for who, v in zip(players, self.payoffs, strict=True)
        )
        extra = "; weakly dominated" if self.weakly_dominated else ""
        profile = "; ".join(parts)
        return f"Equilibrium({profile}; payoffs {payoffs}; max regret {self.max_regret:.2g}{extra})"

    @property
    def kind(self) -> str:
        """``"pure"`` when every player plays one strategy with probability 1."""
        return "pure" if self.pure_profile is not None else "mixed"

    @property
    def pure_profile(self) -> tuple[int, ...] | None:
        """Strategy indices if the profile is pure, else ``None``."""
        return pure_picks(self.profile)

    def support(self, atol: float = PURE_ATOL) -> tuple[tuple[int, ...], ...]:
        """Indices played with positive probability, per player."""
        return support(self.profile, atol)

    def named(self, game: Game, atol: float = PURE_ATOL) -> dict[str, dict[str, float]]:
        """``{player: {strategy: probability}}`` over the support."""
        return {
            p: {game.strategies[i][k]: float(self.profile[i][k]) for k in sup}
            for i, (p, sup) in enumerate(zip(game.players, self.support(atol), strict=True))
        }

    def sort_key(self) -> tuple:
        """Deterministic order: pure before mixed, then by support, then by probabilities."""
        pure = self.pure_profile
        flat = tuple(-round(float(x), 9) for s in self.profile for x in s)
        return (pure is None, pure or (), self.support(), flat)


def make_equilibrium(
    game: Game,
    profile: Sequence[np.typing.ArrayLike],
    *,
    methods: Iterable[str] = (),
    tol: float = DEFAULT_TOL,
    dominated: Sequence[Sequence[int]] | None = None,
) -> Equilibrium | None:
    """Verify a candidate profile and wrap it, or return ``None`` if it is not an
    equilibrium up to ``tol``.

    Probabilities within :data:`PURE_ATOL` of 0 are cleaned to 0 and the vector is
    renormalised before the check, so that the reported profile is the one checked.
    It passes when, for every player, the regret and the *support gap* (how far below
    the best reply the worst strategy played with positive probability is) are at
    most ``tol`` times the player's own payoff range
    (:func:`~triangle.equilibria.regret.relative_regrets`,
    :func:`~triangle.equilibria.regret.support_gaps`). ``dominated[i]`` lists player
    ``i``'s weakly dominated strategies.
    """
    cleaned = []
    for sigma in profile:
        vec = np.clip(np.asarray(sigma, dtype=float), 0.0, None)
        vec[vec < PURE_ATOL] = 0.0
        total = vec.sum()
        if total <= 0:
            return None
        cleaned.append(vec / total)
    prof = as_profile(game, cleaned)
    if np.any(relative_regrets(game, prof) > tol) or np.any(support_gaps(game, prof) > tol):
        return None
    regret = max_regret(game, prof)
    uses_dominated = dominated is not None and plays_any(prof, dominated)
    return Equilibrium(
        profile=prof,
        payoffs=expected_payoffs(game, prof),
        max_regret=regret,
        methods=tuple(methods),
        weakly_dominated=uses_dominated,
        players=tuple(game.players),
        strategies=tuple(tuple(ss) for ss in game.strategies),
    )


def verify_candidates(
    game: Game,
    candidates: Iterable[Sequence[np.typing.ArrayLike]],
    *,
    methods: Iterable[str],
    tol: float = DEFAULT_TOL,
    refine: Callable[[Game, Sequence[np.ndarray]], Sequence[np.ndarray] | None] | None = None,
) -> tuple[list[Equilibrium], int]:
    """Check a solver's candidate profiles; return the equilibria and how many failed.

    A candidate fails when a player's vector has the wrong length or a non-finite
    entry, or when its regret is above tolerance even after ``refine`` (if given: a
    function returning an improved profile, or ``None``) has been tried on it.
    """
    methods = tuple(methods)
    verified: list[Equilibrium] = []
    rejected = 0
    for candidate in candidates:
        profile = [np.asarray(sigma, dtype=float) for sigma in candidate]
        shaped = len(profile) == game.n_players and all(
            sigma.shape == (m,) and bool(np.all(np.isfinite(sigma)))
            for sigma, m in zip(profile, game.shape, strict=False)
        )
        eq = make_equilibrium(game, profile, methods=methods, tol=tol) if shaped else None
        if eq is None and shaped and refine is not None:
            better = refine(game, profile)
            if better is not None:
                eq = make_equilibrium(game, better, methods=methods, tol=tol)
        if eq is None:
            rejected += 1
        else:
            verified.append(eq)
    return verified, rejected


SAME_RTOL = 1e-9
"""Two equilibria with the same supports are the same when every probability agrees
within this, relative to the larger of the two (see :func:`same_equilibrium`)."""


def same_equilibrium(
    a: Sequence[np.ndarray], b: Sequence[np.ndarray], rtol: float = SAME_RTOL
) -> bool:
    """Whether two cleaned profiles are the same equilibrium, up to rounding.

    Different supports make different equilibria, however close their probabilities
    (an equilibrium of a nondegenerate game is determined by its supports). With the
    same supports, every probability must agree within ``rtol`` times the larger of
    the two: two distinct equilibria a millionth apart stay distinct.

    >>> x = [np.array([0.5, 0.5]), np.array([1.0, 0.0])]
    >>> same_equilibrium(x, [np.array([0.5 + 1e-12, 0.5 - 1e-12]), np.array([1.0, 0.0])])
    True
    >>> same_equilibrium(x, [np.array([0.5 + 1e-7, 0.5 - 1e-7]), np.array([1.0, 0.0])])
    False
    """
    if support(a, 0.0) != support(b, 0.0):
        return False
    for sa, sb in zip(a, b, strict=True):
        sa, sb = np.asarray(sa, dtype=float), np.asarray(sb, dtype=float)
        if np.any(np.abs(sa - sb) > rtol * np.maximum(np.abs(sa), np.abs(sb))):
            return False
    return True


def merge_equilibria(
    found: Iterable[Equilibrium], prefer: str | None = None
) -> tuple[Equilibrium, ...]:
    """Deduplicate equilibria (:func:`same_equilibrium`), merging their method lists,
    and sort them deterministically. The first one found gives the probabilities,
    unless a later one comes from the method ``prefer`` (e.g. ``"exact"``)."""
    merged: list[Equilibrium] = []
    for eq in found:
        for n, kept in enumerate(merged):
            if same_equilibrium(kept.profile, eq.profile):
                methods = kept.methods + tuple(m for m in eq.methods if m not in kept.methods)
                base = eq if prefer is not None and prefer in eq.methods else kept
                merged[n] = dataclasses.replace(base, methods=methods)
                break
        else:
            merged.append(eq)
    return tuple(sorted(merged, key=Equilibrium.sort_key))


@dataclass(frozen=True, eq=False)
class SolveResult:
    """What a solver run found on one game.

    Attributes
    ----------
    game : Game
    equilibria : tuple of Equilibrium
        Every one verified (max regret ≤ tolerance), deduplicated, in a deterministic
        order (pure first).
    complete : bool
        ``True`` only when the list is proven to be every equilibrium (e.g. support
        enumeration on a nondegenerate 2-player game confirmed by a second method,
        or pure equilibria only). Otherwise these are the equilibria *found*.
    methods : tuple of str
        The solvers that ran.
    tol : float
        Relative regret tolerance used.
    notes : tuple of str
        What a reader should know (time limits hit, degeneracy, disagreements).
    exact : bool
        Whether the list was computed in exact rational arithmetic (small 2-player
        games, :mod:`triangle.equilibria.exact`): every equilibrium listed is then an
        exact equilibrium of the game (up to ties within
        :data:`~triangle.equilibria.exact.TIE_RTOL`), pure ones included.
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    complete: bool
    methods: tuple[str, ...]
    tol: float = DEFAULT_TOL
    notes: tuple[str, ...] = field(default=())
    exact: bool = False

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "pure")

    @property
    def mixed(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.kind == "mixed")

    @property
    def plausible(self) -> tuple[Equilibrium, ...]:
        """Equilibria in which nobody plays a weakly dominated strategy."""
        return tuple(e for e in self.equilibria if not e.weakly_dominated)
