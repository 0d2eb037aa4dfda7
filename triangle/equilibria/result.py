"""Result types shared by all solvers: one verified equilibrium, one solve result.

:func:`make_equilibrium` is the gate every profile passes before it is reported: it
cleans probabilities below :data:`~triangle.equilibria.tolerance.PURE_ATOL`, checks
the max regret against the tolerance and wraps the profile with its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from triangle.equilibria.regret import as_profile, expected_payoffs, max_regret
from triangle.equilibria.tolerance import DEFAULT_TOL, PURE_ATOL, regret_tolerance
from triangle.game import Game

__all__ = [
    "Equilibrium",
    "SolveResult",
    "make_equilibrium",
    "merge_equilibria",
    "plays_any",
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
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    max_regret: float
    methods: tuple[str, ...] = ()
    weakly_dominated: bool = False

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

    def close_to(self, other: Equilibrium, atol: float = 1e-6) -> bool:
        return all(
            np.allclose(a, b, atol=atol, rtol=0)
            for a, b in zip(self.profile, other.profile, strict=True)
        )

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
    """Verify a candidate profile and wrap it, or return ``None`` if its regret is too high.

    Probabilities within :data:`PURE_ATOL` of 0 are cleaned to 0 and the vector is
    renormalised before the check, so that the reported profile is the one checked.
    ``dominated[i]`` lists player ``i``'s weakly dominated strategies.
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
    regret = max_regret(game, prof)
    if regret > regret_tolerance(game, tol):
        return None
    uses_dominated = dominated is not None and plays_any(prof, dominated)
    return Equilibrium(
        profile=prof,
        payoffs=expected_payoffs(game, prof),
        max_regret=regret,
        methods=tuple(methods),
        weakly_dominated=uses_dominated,
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


def merge_equilibria(found: Iterable[Equilibrium], atol: float = 1e-6) -> tuple[Equilibrium, ...]:
    """Deduplicate equilibria that agree within ``atol``, merging their method lists,
    and sort them deterministically."""
    merged: list[Equilibrium] = []
    for eq in found:
        for n, kept in enumerate(merged):
            if kept.close_to(eq, atol):
                methods = kept.methods + tuple(m for m in eq.methods if m not in kept.methods)
                merged[n] = Equilibrium(
                    kept.profile,
                    kept.payoffs,
                    min(kept.max_regret, eq.max_regret),
                    methods,
                    kept.weakly_dominated,
                )
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
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    complete: bool
    methods: tuple[str, ...]
    tol: float = DEFAULT_TOL
    notes: tuple[str, ...] = field(default=())

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
