"""All Nash equilibria of a 2-player game, with nashpy, cross-checked with Gambit.

:func:`bimatrix_solve` runs one of nashpy's algorithms on the bimatrix game
``(A, B)`` and, by default, cross-checks it with a second complete enumeration:
nashpy's other enumeration and Gambit's ``enummixed`` (which enumerates the extreme
equilibria with lrs-style vertex enumeration, in exact rational arithmetic when the
payoffs are rationals with small denominators). Every candidate is re-verified with
:func:`~triangle.equilibria.profile.make_equilibrium` and the union is deduplicated
with :func:`~triangle.equilibria.profile.merge_equilibria`; each equilibrium records
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
(:func:`is_regular`): at ``(x, y)`` the pure best responses of each player are
exactly the support of its mixture, both supports have the same size ``k``, and the
two ``(k+1) × (k+1)`` indifference systems are nonsingular. Near such an
equilibrium every other equilibrium would have the same supports and solve the
same nonsingular systems, so there is none. Every equilibrium of a nondegenerate
game passes; one that fails proves the game degenerate (a mixed strategy with more
pure best responses than its support size, or a continuum through the point) —
or, numerically, that two payoffs tie within :data:`TIE_RTOL`. ``complete`` is
``True`` only when ``enummixed`` ran to the end and every equilibrium passed.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in Handbook of
   Game Theory vol. 3, ch. 45, 2002 (support and vertex enumeration, degeneracy).
.. [2] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", Economic Theory 42, 2010.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Callable, Iterable
from fractions import Fraction

import numpy as np

from triangle.equilibria.profile import (
    PURE_ATOL,
    Equilibrium,
    SolveResult,
    merge_equilibria,
    verify_candidates,
)
from triangle.equilibria.regret import DEFAULT_TOL, payoff_spread
from triangle.errors import TriangleInputError
from triangle.game import Game

METHODS = ("support_enumeration", "vertex_enumeration", "lemke_howson")
"""nashpy algorithms :func:`bimatrix_solve` accepts."""

ENUMMIXED_MAX_STRATEGIES = 10
"""Gambit's ``enummixed`` cross-check runs only when both players have at most this
many strategies (its running time grows exponentially; this project's games are at
most about 8×8). Above it the cross-check is skipped with a note."""

RATIONAL_MAX_STRATEGIES = 8
"""``enummixed`` uses exact rational arithmetic only up to this many strategies per
player (and only when every payoff is a rational with denominator at most
:data:`RATIONAL_MAX_DENOMINATOR`); otherwise it uses floating point."""

RATIONAL_MAX_DENOMINATOR = 10**6
"""Payoffs equal to a fraction with at most this denominator are passed to Gambit as
that exact fraction."""

TIE_RTOL = 1e-7
"""Two expected payoffs closer than this (times the payoff spread) count as tied in
the regularity test, and an indifference system with condition number above
``1 / TIE_RTOL**2`` counts as singular: near-degenerate games are reported as
degenerate, never the other way round."""

LEMKE_HOWSON_MAX_PIVOTS = 10_000
"""A Lemke–Howson path longer than this is abandoned (with a note)."""

_NAMES = {
    "support_enumeration": "nashpy.support_enumeration",
    "vertex_enumeration": "nashpy.vertex_enumeration",
    "lemke_howson": "nashpy.lemke_howson",
    "enummixed": "gambit.enummixed",
}
_PROSE = {
    "nashpy.support_enumeration": "nashpy support enumeration",
    "nashpy.vertex_enumeration": "nashpy vertex enumeration",
    "nashpy.lemke_howson": "nashpy Lemke-Howson",
    "gambit.enummixed": "gambit enummixed",
}
_COMPLETE = ("nashpy.support_enumeration", "nashpy.vertex_enumeration", "gambit.enummixed")

Candidate = tuple[np.ndarray, np.ndarray]


def _check_input(game: Game, method: str) -> None:
    if method not in METHODS:
        raise TriangleInputError(
            f"unknown 2-player method {method!r}; valid methods: {', '.join(METHODS)}"
        )
    if game.n_players != 2:
        raise TriangleInputError(
            f"bimatrix_solve needs a 2-player game, got {game.n_players} players "
            f"({', '.join(game.players)})"
        )


def _positive(M: np.ndarray) -> np.ndarray:
    """A positive affine image of ``M`` with entries in ``[1, 2]`` (same equilibria)."""
    spread = max(float(M.max() - M.min()), 1e-300)
    return (M - M.min()) / spread + 1.0


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


# -- the algorithms ------------------------------------------------------------------------


def _support_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    import nashpy

    return nashpy.Game(A, B).support_enumeration()


def _vertex_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    import nashpy

    return nashpy.Game(_positive(A), _positive(B)).vertex_enumeration()


def _lemke_howson_path(A: np.ndarray, B: np.ndarray, label: int) -> Candidate | None:
    """nashpy's Lemke–Howson from one dropped label, with a pivot bound.

    The loop is nashpy's ``lemke_howson`` (integer pivoting on its tableaux with
    lexicographic tie-breaking), with two changes: each row of the pivoted tableau is
    rescaled by a positive number (which changes neither the ratio tests nor the
    strategies read off it, but stops the entries of float tableaux from overflowing
    into ``nan``, after which the plain loop never ends), and the path is abandoned
    after :data:`LEMKE_HOWSON_MAX_PIVOTS` pivots.
    """
    from nashpy.linalg import create_col_tableau, create_row_tableau

    col = create_col_tableau(_positive(A), lexicographic=True)
    row = create_row_tableau(_positive(B), lexicographic=True)
    order = (row, col) if label in row.non_basic_variables else (col, row)
    tableaux = itertools.cycle(order)
    full = col.labels
    entering = label
    for _ in range(LEMKE_HOWSON_MAX_PIVOTS):
        tableau = next(tableaux)
        entering = tableau.pivot_and_drop_label(entering)
        matrix = tableau._tableau  # rescale rows in place (see docstring)
        scale = np.abs(matrix).max(axis=1, keepdims=True)
        scale[scale == 0] = 1.0
        matrix /= scale
        if col.non_basic_variables | row.non_basic_variables == full:
            return (
                row.to_strategy(col.non_basic_variables),
                col.to_strategy(row.non_basic_variables),
            )
    return None


def _lemke_howson(A: np.ndarray, B: np.ndarray, notes: list[str]) -> Iterable[Candidate]:
    out = []
    for label in range(sum(A.shape)):
        found = _lemke_howson_path(A, B, label)
        if found is None:
            notes.append(
                f"nashpy Lemke-Howson from label {label} stopped after "
                f"{LEMKE_HOWSON_MAX_PIVOTS} pivots"
            )
        else:
            out.append(found)
    return out


def _exact(M: np.ndarray) -> list[list[Fraction]] | None:
    """``M`` as exact fractions with small denominators, or ``None`` if it is not."""
    out = []
    for row in M:
        exact_row = []
        for value in row:
            frac = Fraction(float(value)).limit_denominator(RATIONAL_MAX_DENOMINATOR)
            if abs(float(frac) - float(value)) > 4 * np.spacing(abs(float(value))):
                return None
            exact_row.append(frac)
        out.append(exact_row)
    return out


def _enummixed(A: np.ndarray, B: np.ndarray, rational: bool) -> Iterable[Candidate]:
    import pygambit as gbt

    if rational:
        exact = [np.array(_exact(M), dtype=object) for M in (A, B)]
        gbt_game = gbt.Game.from_arrays(*exact)
    else:
        gbt_game = gbt.Game.from_arrays(A, B)
    result = gbt.nash.enummixed_solve(gbt_game, rational=rational)
    m = A.shape[0]
    out = []
    for profile in result.equilibria:
        # iterating a profile gives (strategy, probability) in player order
        flat = np.array([float(Fraction(str(p))) if rational else float(p) for _, p in profile])
        out.append((flat[:m], flat[m:]))
    return out


# -- regularity (isolation) test ---------------------------------------------------------


def _indifference_matrix(M: np.ndarray, mixed: tuple[int, ...], indifferent: tuple[int, ...]):
    """Rows ``[M[mixed, j], -1]`` for ``j`` in ``indifferent``, then ``[1, ..., 1, 0]``."""
    top = np.column_stack([M[np.ix_(mixed, indifferent)].T, -np.ones(len(indifferent))])
    bottom = np.append(np.ones(len(mixed)), 0.0)
    return np.vstack([top, bottom])


def is_regular(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray) -> bool:
    """Whether the equilibrium ``(x, y)`` of ``(A, B)`` passes the isolation test.

    True when the row player's pure best responses to ``y`` are exactly the support
    of ``x`` and vice versa, both supports have the same size ``k``, and the two
    ``(k+1) × (k+1)`` indifference systems (``x`` makes the columns of ``y``'s support
    indifferent; ``y`` makes the rows of ``x``'s support indifferent) are
    nonsingular. Such an equilibrium is isolated: no other equilibrium lies near it.
    Payoffs tied within :data:`TIE_RTOL` times the spread count as ties, so
    near-degenerate equilibria fail (the test is conservative).

    Examples
    --------
    >>> A = np.array([[3, 0], [0, 2]]); B = np.array([[2, 0], [0, 3]])
    >>> bool(is_regular(A, B, np.array([0.6, 0.4]), np.array([0.4, 0.6])))
    True
    >>> # the column player is indifferent everywhere: a continuum of equilibria
    >>> bool(is_regular(A, np.zeros((2, 2)), np.array([1.0, 0.0]), np.array([1.0, 0.0])))
    False
    """
    spread = max(1.0, float(max(A.max(), B.max()) - min(A.min(), B.min())))
    ties = TIE_RTOL * spread
    rows = tuple(int(i) for i in np.flatnonzero(x > PURE_ATOL))
    cols = tuple(int(j) for j in np.flatnonzero(y > PURE_ATOL))
    row_values = A @ y
    col_values = x @ B
    best_rows = tuple(int(i) for i in np.flatnonzero(row_values >= row_values.max() - ties))
    best_cols = tuple(int(j) for j in np.flatnonzero(col_values >= col_values.max() - ties))
    if best_rows != rows or best_cols != cols or len(rows) != len(cols):
        return False
    for matrix in (
        _indifference_matrix(B / spread, rows, cols),
        _indifference_matrix((A / spread).T, cols, rows),
    ):
        if np.linalg.cond(matrix) > 1.0 / TIE_RTOL**2:
            return False
    return True


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
        The nashpy algorithm to run. Support and vertex enumeration [1]_ list every
        extreme equilibrium; Lemke–Howson, started from every label, finds some
        equilibria only.
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
        every equilibrium passed :func:`is_regular` (then they are every
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
        "support_enumeration": lambda: _support_enumeration(A, B),
        "vertex_enumeration": lambda: _vertex_enumeration(A, B),
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
                _exact(M) is not None for M in (A, B)
            )
            plan.append((_NAMES["enummixed"], lambda: _enummixed(A, B, rational)))
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

    scale = payoff_spread(game)
    regular = all(is_regular(A / scale, B / scale, *eq.profile) for eq in equilibria)
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
