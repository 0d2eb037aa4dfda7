"""All Nash equilibria of a 2-player game, with nashpy, cross-checked with Gambit.

:func:`bimatrix_solve` runs one algorithm (nashpy's support or vertex enumeration,
or Lemke–Howson) on the bimatrix game ``(A, B)`` and, by default, cross-checks it
with a second complete enumeration: nashpy's other enumeration and Gambit's
``enummixed`` (which enumerates the extreme equilibria with lrs-style vertex
enumeration, in exact rational arithmetic when the payoffs are rationals with small
denominators). Every candidate is re-verified with
:func:`~triangle.equilibria.result.make_equilibrium` and the union is deduplicated
with :func:`~triangle.equilibria.result.merge_equilibria`; each equilibrium records
the methods that found it.

Why the cross-check. nashpy's support enumeration decides whether a support pair
gives an equilibrium with tolerance-free comparisons (``prob >= 0`` and ``==`` on
float payoffs), so on random float games it sometimes rejects a valid support and
misses an equilibrium (about 1 game in 20 among random 4×4 games), then warns that
the game "is degenerate" because it found an even number. Vertex enumeration and
Gambit do not share that flaw.

Completeness. Support and vertex enumeration, and ``enummixed``, list every
*extreme* equilibrium of any bimatrix game [1]_. The list is *every* equilibrium
when each one found is isolated. We prove isolation with a sound sufficient test
(:func:`~triangle.equilibria.regularity.is_regular`): at ``(x, y)`` the pure best
responses of each player are exactly the support of its mixture and the support
system is nonsingular (for two players this forces supports of equal size). Near
such an equilibrium every other equilibrium would have the same supports and solve
the same nonsingular systems, so there is none. Every equilibrium of a
nondegenerate game passes; one that fails proves the game degenerate (a mixed
strategy with more pure best responses than its support size, or a continuum
through the point) — or, numerically, that two payoffs tie within
:data:`~triangle.equilibria.tolerance.TIE_RTOL`. ``complete`` is
``True`` only when ``enummixed`` ran to the end and every equilibrium passed.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in Handbook of
   Game Theory vol. 3, ch. 45, 2002 (support and vertex enumeration, degeneracy).
.. [2] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", Economic Theory 42, 2010.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable

import numpy as np

from triangle.equilibria.backends import gambit, nashpy
from triangle.equilibria.lemke_howson import MAX_PIVOTS, lemke_howson
from triangle.equilibria.methods import BIMATRIX_METHODS
from triangle.equilibria.regularity import is_regular
from triangle.equilibria.result import (
    Equilibrium,
    SolveResult,
    merge_equilibria,
    verify_candidates,
)
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError
from triangle.game import Game

__all__ = ["ENUMMIXED_MAX_STRATEGIES", "RATIONAL_MAX_STRATEGIES", "bimatrix_solve"]

ENUMMIXED_MAX_STRATEGIES = 10
"""Gambit's ``enummixed`` cross-check runs only when both players have at most this
many strategies (its running time grows exponentially; this project's games are at
most about 8×8). Above it the cross-check is skipped with a note."""

RATIONAL_MAX_STRATEGIES = 8
"""``enummixed`` uses exact rational arithmetic only up to this many strategies per
player (and only when every payoff is a rational with a small denominator, see
:func:`~triangle.equilibria.backends.gambit.as_rational`); otherwise floating point."""

_NAMES = {
    "support_enumeration": "nashpy.support_enumeration",
    "vertex_enumeration": "nashpy.vertex_enumeration",
    "lemke_howson": "lemke_howson",
    "enummixed": "gambit.enummixed",
}
_PROSE = {
    "nashpy.support_enumeration": "nashpy support enumeration",
    "nashpy.vertex_enumeration": "nashpy vertex enumeration",
    "lemke_howson": "Lemke-Howson",
    "gambit.enummixed": "gambit enummixed",
}
_COMPLETE = ("nashpy.support_enumeration", "nashpy.vertex_enumeration", "gambit.enummixed")

Candidate = tuple[np.ndarray, np.ndarray]


def _check_input(game: Game, method: str) -> None:
    if method not in BIMATRIX_METHODS:
        raise TriangleInputError(
            f"unknown 2-player method {method!r}; valid methods: {', '.join(BIMATRIX_METHODS)}"
        )
    if game.n_players != 2:
        raise TriangleInputError(
            f"bimatrix_solve needs a 2-player game, got {game.n_players} players "
            f"({', '.join(game.players)})"
        )


def _one_line(message: str) -> str:
    return re.sub(r"\s+", " ", str(message)).strip()


def _run(
    name: str, run: Callable[[], Iterable[Candidate]], notes: list[str]
) -> list[Candidate] | None:
    """Run one algorithm, turning its warnings into notes; ``None`` if it failed."""
    prose = _PROSE[name]
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            found = [(np.asarray(x, float), np.asarray(y, float)) for x, y in run()]
        except Exception as exc:  # a third-party solver failing is reported, not fatal
            notes.append(f"{prose} failed ({type(exc).__name__}: {_one_line(exc)})")
            found = None
    messages = []
    for w in caught:
        text = _one_line(w.message)
        if text not in messages:
            messages.append(text)
    for text in messages:
        notes.append(f"{prose} warned: {text}")
    return found


def _lemke_howson(A: np.ndarray, B: np.ndarray, notes: list[str]) -> list[Candidate]:
    found, abandoned = lemke_howson(A, B)
    for label in abandoned:
        notes.append(f"Lemke-Howson from label {label} stopped after {MAX_PIVOTS} pivots")
    return found


# -- the solver ----------------------------------------------------------------------------


def bimatrix_solve(
    game: Game,
    *,
    method: str = "support_enumeration",
    tol: float = DEFAULT_TOL,
    cross_check: bool = True,
) -> SolveResult:
    """All Nash equilibria of a 2-player game, with nashpy, cross-checked with Gambit.

    Parameters
    ----------
    game : Game
        A game with exactly two players.
    method : {"support_enumeration", "vertex_enumeration", "lemke_howson"}
        The algorithm to run: nashpy's support or vertex enumeration [1]_, which list
        every extreme equilibrium, or Lemke–Howson started from every label
        (:mod:`triangle.equilibria.lemke_howson`), which finds some equilibria only.
    tol : float
        Relative regret tolerance (times the game's payoff spread); every
        equilibrium returned has max regret within it.
    cross_check : bool
        Also run Gambit's ``enummixed`` and, after support (vertex) enumeration,
        nashpy's vertex (support) enumeration; the result is the union of what they
        found, and disagreements are noted. Without it ``complete`` is ``False``.

    Returns
    -------
    SolveResult
        ``equilibria`` verified, deduplicated and sorted, each with the methods that
        found it; ``complete`` is ``True`` only when ``enummixed`` ran to the end and
        every equilibrium passed
        :func:`~triangle.equilibria.regularity.is_regular` (then they are every
        equilibrium of the game); ``notes`` report degeneracy, disagreements between
        methods, warnings of the third-party solvers and skipped steps.

    Raises
    ------
    TriangleInputError
        For an unknown ``method`` or a game without exactly two players.

    Examples
    --------
    Battle of the Sexes has two pure equilibria and one mixed:

    >>> bos = Game.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> result = bimatrix_solve(bos)
    >>> [[e.profile[0].round(3).tolist(), e.profile[1].round(3).tolist()]
    ...  for e in result.equilibria]
    [[[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]], [[0.6, 0.4], [0.4, 0.6]]]
    >>> result.complete
    True
    >>> result.equilibria[-1].methods
    ('nashpy.support_enumeration', 'nashpy.vertex_enumeration', 'gambit.enummixed')
    """
    _check_input(game, method)
    A = np.array(game.payoffs[0], dtype=float)
    B = np.array(game.payoffs[1], dtype=float)
    notes: list[str] = []

    plan: list[tuple[str, Callable[[], Iterable[Candidate]]]] = []
    algorithms = {
        "support_enumeration": lambda: nashpy.support_enumeration(A, B),
        "vertex_enumeration": lambda: nashpy.vertex_enumeration(A, B),
        "lemke_howson": lambda: _lemke_howson(A, B, notes),
    }
    plan.append((_NAMES[method], algorithms[method]))
    if cross_check:
        other = {"support_enumeration": "vertex_enumeration"}.get(
            method, "support_enumeration" if method == "vertex_enumeration" else None
        )
        if other is not None:
            plan.append((_NAMES[other], algorithms[other]))
        if max(game.shape) <= ENUMMIXED_MAX_STRATEGIES:
            rational = max(game.shape) <= RATIONAL_MAX_STRATEGIES and all(
                gambit.as_rational(v) is not None for v in np.concatenate([A.ravel(), B.ravel()])
            )
            plan.append((_NAMES["enummixed"], lambda: gambit.enummixed(A, B, rational=rational)))
            if not rational:
                notes.append("gambit enummixed ran in floating point (payoffs not exact)")
        else:
            notes.append(
                f"gambit enummixed cross-check skipped: more than {ENUMMIXED_MAX_STRATEGIES} "
                "strategies for a player"
            )
    else:
        notes.append("not cross-checked: the equilibria listed are the ones found")

    found: list[Equilibrium] = []
    per_method: dict[str, list[Equilibrium]] = {}
    finished: list[str] = []
    for name, run in plan:
        candidates = _run(name, run, notes)
        if candidates is None:
            continue
        finished.append(name)
        verified, rejected = verify_candidates(game, candidates, methods=(name,), tol=tol)
        if rejected:
            notes.append(
                f"{_PROSE[name]}: {rejected} candidate profile(s) failed the regret check "
                "and were dropped"
            )
        per_method[name] = list(merge_equilibria(verified))
        found.extend(verified)

    equilibria = merge_equilibria(found)
    notes.extend(_disagreements(equilibria, [n for n in finished if n in _COMPLETE]))

    regular = all(is_regular(game, eq.profile) for eq in equilibria)
    if not regular:
        notes.append(
            "the game is degenerate (or nearly so): some equilibrium has more pure best "
            "responses than its support size or lies on a continuum; equilibria may form "
            "continua and the ones listed are the extreme points found"
        )
    complete = regular and _NAMES["enummixed"] in finished and bool(equilibria)
    return SolveResult(
        game=game,
        equilibria=equilibria,
        complete=complete,
        methods=tuple(name for name, _ in plan),
        tol=tol,
        notes=tuple(notes),
    )


def _disagreements(equilibria: tuple[Equilibrium, ...], complete_methods: list[str]) -> list[str]:
    """Notes naming what each complete enumeration missed that another one found."""
    notes = []
    for name in complete_methods:
        missed = [eq for eq in equilibria if name not in eq.methods]
        if not missed:
            continue
        finders = list(dict.fromkeys(m for e in missed for m in e.methods if m != name))
        count = len(missed)
        noun = "equilibrium" if count == 1 else "equilibria"
        by = " and ".join(_PROSE[m] for m in finders) or "another method"
        notes.append(f"{_PROSE[name]} missed {count} {noun} found by {by}")
    return notes
