"""Every extreme equilibrium of a small bimatrix game, in exact rational arithmetic.

A float *is* a rational number, so a 2-player game given in floating point is a game
with rational payoffs, and its equilibria can be computed exactly instead of being
trusted to a tolerance. :func:`exact_bimatrix_equilibria` enumerates the vertices of
the two best-response polytopes over the rationals (integer, fraction-free
elimination [3]_) and pairs the completely labelled ones [1]_ [2]_: the result is every
extreme equilibrium of any bimatrix game, and whether the game is nondegenerate
(then the list is every equilibrium and its length is odd). Nothing is rounded: a
payoff ``0.1`` is ``3602879701896397/36028797018963968``.

:func:`~triangle.equilibria.bimatrix.bimatrix_solve` uses it as the reference for
games of up to :data:`EXACT_MAX_STRATEGIES` strategies per player: every profile a
float solver reports is matched to an exact equilibrium (or dropped), completeness
and degeneracy are decided from the game, and two equilibria a millionth apart stay
two.

Cost: ``C(m+n, m) - 1`` small integer systems per polytope (923 for 6×6), then a scan
of the vertex pairs; measured in CPU time, about 3–7 ms for a 4×4 game and 50–80 ms
for a 6×6 game with float payoffs.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in R. J. Aumann,
   S. Hart (eds.), *Handbook of Game Theory* vol. 3, ch. 45, 2002 (best-response
   polytopes, labels, nondegeneracy).
.. [2] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", *Economic Theory* 42, 9–37, 2010 (the extreme
   equilibria of a degenerate game are its completely labelled vertex pairs).
.. [3] E. H. Bareiss, "Sylvester's identity and multistep integer-preserving
   Gaussian elimination", *Mathematics of Computation* 22, 565–578, 1968.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

import numpy as np

__all__ = [
    "EXACT_MAX_STRATEGIES",
    "TIE_RTOL",
    "ExactEnumeration",
    "ExactEquilibrium",
    "exact_bimatrix_equilibria",
    "snap_ties",
    "to_fractions",
]

EXACT_MAX_STRATEGIES = 6
"""Games with at most this many strategies per player are solved exactly."""

MAX_ENUMERATION_STRATEGIES = 8
""":func:`exact_bimatrix_equilibria` refuses larger games: it solves
``C(m+n, m) - 1`` systems per polytope (12 869 for 8×8, seconds in pure Python)."""

_Vector = tuple[Fraction, ...]


TIE_RTOL = 1e-12
"""Payoffs of one player closer than this (relative to the player's payoff range) are
tied by :func:`snap_ties` before the exact enumeration: the rounding noise of payoff
arithmetic (``0.1 + 0.2`` against ``0.3``) is a tie, not a strict preference."""


def snap_ties(matrix: np.typing.ArrayLike, rtol: float = TIE_RTOL) -> np.ndarray:
    """One player's payoffs with near-equal values made equal.

    The values are sorted; a run of values each within ``rtol`` × the range of the
    previous one is one tie, and all take the run's smallest value. Values further
    apart are unchanged, so the game keeps every real difference and loses only
    rounding noise; equal floats stay equal, whatever the units.

    >>> snap_ties([[0.1 + 0.2, 0.3], [1.0, 0.0]]).tolist()
    [[0.3, 0.3], [1.0, 0.0]]
    """
    array = np.array(matrix, dtype=float)
    flat = array.reshape(-1)
    order = np.argsort(flat, kind="stable")
    values = flat[order]
    span = values[-1] - values[0] if values.size else 0.0
    if span <= 0:
        return array
    new_run = np.concatenate(([True], np.diff(values) > rtol * span))
    starts = np.maximum.accumulate(np.where(new_run, np.arange(values.size), 0))
    flat[order] = values[starts]
    return array


def _lcm_scale(rows: Sequence[Sequence[Fraction]]) -> tuple[list[list[int]], int]:
    """``rows`` times the least common multiple ``L`` of their denominators: integers."""
    scale = 1
    for row in rows:
        for v in row:
            scale = math.lcm(scale, v.denominator)
    return [[int(v * scale) for v in row] for row in rows], scale


def _exact(value: object) -> Fraction:
    """The exact rational value of one number (float, int, Fraction, Decimal)."""
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"a payoff or probability cannot be a boolean: {value!r}")
    if isinstance(value, Fraction):
        return value if type(value) is Fraction else Fraction(value.numerator, value.denominator)
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        num, den = value.as_integer_ratio()  # exact, also for float32 and longdouble
        return Fraction(num, den)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(value.numerator, value.denominator)
    raise TypeError(f"not a real number with an exact value: {value!r} ({type(value).__name__})")


def to_fractions(array: np.typing.ArrayLike) -> np.ndarray:
    """The exact rational value of every entry of an array.

    Parameters
    ----------
    array : array_like
        Floats (any NumPy float type), integers, :class:`~fractions.Fraction` (or any
        :class:`numbers.Rational`, e.g. ``pygambit.Rational``) or
        :class:`~decimal.Decimal`, of any shape.

    Returns
    -------
    ndarray of Fraction, dtype object, same shape
        ``Fraction(v)`` for each entry: the float's exact binary value (``0.1`` becomes
        ``3602879701896397/36028797018963968``), never a nearby simple fraction (no
        ``limit_denominator``).

    Raises
    ------
    ValueError
        For ``nan`` or an infinity.
    TypeError
        For anything that is not a real number (strings, complex, booleans).

    Examples
    --------
    >>> to_fractions([0.5, 3, 0.1]).tolist()
    [Fraction(1, 2), Fraction(3, 1), Fraction(3602879701896397, 36028797018963968)]
    """
    arr = np.asarray(array)
    if arr.dtype.kind in "fiu":
        arr = arr.astype(object) if arr.dtype.kind != "f" else arr
    out = np.empty(arr.shape, dtype=object)
    for index, value in np.ndenumerate(arr):
        out[index] = _exact(value)
    return out


def _solve_square(mat: list[list[int]], rhs: list[int]) -> tuple[int, list[int] | None]:
    """Solve ``mat @ x = rhs`` over the rationals for a square integer matrix.

    Fraction-free Gauss–Jordan elimination (every division is exact) [3]_. Returns
    ``(d, nums)`` with ``x = nums / d`` and ``d > 0`` (``d`` is ``|det mat|`` up to
    the content of the rows), or ``(0, None)`` when ``mat`` is singular. The answer is
    checked by substitution.
    """
    k = len(mat)
    a = [[*row, b] for row, b in zip(mat, rhs, strict=True)]
    prev = 1
    for c in range(k):
        p = c
        while p < k and a[p][c] == 0:
            p += 1
        if p == k:
            return 0, None
        if p != c:
            a[c], a[p] = a[p], a[c]
        pivot_row = a[c]
        pivot = pivot_row[c]
        for r in range(k):
            if r == c:
                continue
            row = a[r]
            f = row[c]
            if f == 0:
                for j in range(c + 1, k + 1):
                    row[j] = (pivot * row[j]) // prev
            else:
                for j in range(c + 1, k + 1):
                    row[j] = (pivot * row[j] - f * pivot_row[j]) // prev
            row[c] = 0
        prev = pivot
    det = prev
    nums = [a[i][k] for i in range(k)]
    if det < 0:
        det, nums = -det, [-v for v in nums]
    for row, b in zip(mat, rhs, strict=True):  # exact check by substitution
        if sum(m * v for m, v in zip(row, nums, strict=True)) != det * b:
            raise ArithmeticError("exact elimination failed its own check (a bug)")
    return det, nums


@dataclass(frozen=True)
class ExactEquilibrium:
    """An equilibrium of a bimatrix game in exact rationals.

    Attributes
    ----------
    x : tuple of Fraction, length m
        The row player's mixed strategy.
    y : tuple of Fraction, length n
        The column player's mixed strategy.
    u, v : Fraction
        The row and column player's expected payoffs ``x A y`` and ``x B y``, in the
        payoffs' unit.

    Two instances are equal (and hash equally) exactly when all four agree.
    """

    x: _Vector
    y: _Vector
    u: Fraction
    v: Fraction

    @property
    def supports(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Strategies with positive probability, per player."""
        return (
            tuple(i for i, p in enumerate(self.x) if p > 0),
            tuple(j for j, p in enumerate(self.y) if p > 0),
        )

    def to_float(self) -> tuple[np.ndarray, np.ndarray]:
        """The profile as float arrays (each probability correctly rounded)."""
        return (np.array([float(p) for p in self.x]), np.array([float(p) for p in self.y]))

    def sort_key(self) -> tuple:
        """Pure first, then by supports, then by probabilities (exact, deterministic)."""
        sx, sy = self.supports
        return (len(sx) + len(sy), sx, sy, tuple(-p for p in self.x), tuple(-p for p in self.y))


def _as_exact_bimatrix(A, B) -> tuple[np.ndarray, np.ndarray]:
    Aex, Bex = to_fractions(A), to_fractions(B)
    if Aex.ndim != 2 or Aex.shape != Bex.shape or 0 in Aex.shape:
        raise ValueError(
            f"A and B must be nonempty matrices of one shape, got {Aex.shape} and {Bex.shape}"
        )
    return Aex, Bex


def _payoffs(Aex, Bex, x, y) -> tuple[Fraction, Fraction]:
    u = sum(
        (x[i] * Aex[i, j] * y[j] for i in range(len(x)) if x[i] for j in range(len(y)) if y[j]),
        Fraction(0),
    )
    v = sum(
        (x[i] * Bex[i, j] * y[j] for i in range(len(x)) if x[i] for j in range(len(y)) if y[j]),
        Fraction(0),
    )
    return u, v


# -- exact enumeration ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Vertex:
    point: _Vector  # the mixed strategy (normalised vertex), full length
    labels: int  # bitmask over own strategies (zeros) then other's (tight replies)
    count: int  # number of labels


def _vertices(Mpos: list[list[int]], stop_at_degenerate: bool = False):
    """Nonzero vertices of ``{z >= 0 : Mpos^T z <= 1}`` for a positive integer matrix
    ``Mpos`` (own strategies × other's), keyed by the support pair that gives them.

    A vertex with support ``I`` (``|I| = k``) has ``k`` tight inequalities ``T``
    independent on ``I``: it solves ``Mpos[I, T]^T z_I = 1``. So every vertex is found
    among the ``k × k`` nonsingular systems for equal-size ``(I, T)``. Labels: own
    strategy ``i`` when ``z_i = 0``, other's ``j`` when ``(Mpos^T z)_j = 1`` [1]_.

    Returns ``(by_pair, vertices, degenerate)`` where ``by_pair[(I, T)]`` is the
    vertex found on that pair (only feasible ones) and ``degenerate`` is whether some
    vertex has more labels than the dimension.
    """
    own, oth = len(Mpos), len(Mpos[0])
    cols = list(zip(*Mpos, strict=True))  # cols[j][i] = Mpos[i][j]
    by_pair: dict[tuple[tuple[int, ...], tuple[int, ...]], _Vertex] = {}
    seen: dict[_Vector, _Vertex] = {}
    degenerate = False
    for k in range(1, min(own, oth) + 1):
        for support in itertools.combinations(range(own), k):
            on_support = [[c[i] for i in support] for c in cols]
            for tight_set in itertools.combinations(range(oth), k):
                d, nums = _solve_square([on_support[j] for j in tight_set], [1] * k)
                if nums is None or min(nums) < 0:
                    continue
                tight = 0
                count = 0
                ok = True
                for j in range(oth):
                    s = sum(a * b for a, b in zip(on_support[j], nums, strict=True))
                    if s > d:
                        ok = False
                        break
                    if s == d:
                        tight |= 1 << (own + j)
                        count += 1
                if not ok:
                    continue
                zeros = 0
                for i in range(own):
                    if i not in support:
                        zeros |= 1 << i
                        count += 1
                for i, v in zip(support, nums, strict=True):
                    if v == 0:
                        zeros |= 1 << i
                        count += 1
                total = sum(nums)
                point = [Fraction(0)] * own
                for i, v in zip(support, nums, strict=True):
                    point[i] = Fraction(v, total)
                key = tuple(point)
                vertex = seen.get(key)
                if vertex is None:
                    vertex = _Vertex(key, zeros | tight, count)
                    seen[key] = vertex
                by_pair[(support, tight_set)] = vertex
                if count > own:
                    degenerate = True
                    if stop_at_degenerate:
                        return by_pair, list(seen.values()), True
    return by_pair, list(seen.values()), degenerate


def _positive_integer(M) -> list[list[int]]:
    """An integer matrix with entries >= 1, a positive affine image of ``M``."""
    ints, _ = _lcm_scale(M.tolist())
    low = min(v for row in ints for v in row)
    return [[v - low + 1 for v in row] for row in ints]


def _check_size(Aex) -> None:
    if max(Aex.shape) > MAX_ENUMERATION_STRATEGIES:
        raise ValueError(
            f"exact enumeration is limited to {MAX_ENUMERATION_STRATEGIES} "
            f"strategies per player, the game is {Aex.shape[0]}×{Aex.shape[1]}"
        )


@dataclass(frozen=True)
class ExactEnumeration:
    """Exact equilibria of a bimatrix game and what can be claimed about them.

    Attributes
    ----------
    equilibria : tuple of ExactEquilibrium
        Every extreme equilibrium, sorted (pure first, then by support).
    nondegenerate : bool
        Exactly whether the game is nondegenerate; if so ``equilibria`` is every
        equilibrium of the game and their number is odd.
    """

    equilibria: tuple[ExactEquilibrium, ...]
    nondegenerate: bool

    @property
    def complete(self) -> bool:
        """``True`` when ``equilibria`` is every equilibrium (nondegenerate game).
        Otherwise the equilibria are the union of the convex hulls of the maximal
        "cliques" of these extreme ones (Avis et al. 2010, in the module references; not
        computed here)."""
        return self.nondegenerate


def exact_bimatrix_equilibria(A: np.typing.ArrayLike, B: np.typing.ArrayLike) -> ExactEnumeration:
    """Every extreme equilibrium of a bimatrix game, exactly, and its nondegeneracy.

    Vertex enumeration of the best-response polytopes ``P = {x >= 0 : B'^T x <= 1}``
    and ``Q = {y >= 0 : A' y <= 1}`` (``A'``, ``B'`` positive integer affine images of
    ``A``, ``B``) over the rationals; the extreme equilibria are the completely
    labelled pairs of nonzero vertices, normalised (module references). The game is
    nondegenerate exactly when every vertex of ``P`` has ``m`` labels and every
    vertex of ``Q`` ``n`` labels: no mixed strategy with support size ``k`` then has
    more than ``k`` pure best responses.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs (floats at their exact values, integers or Fractions);
        ``m, n <= MAX_ENUMERATION_STRATEGIES``.

    Returns
    -------
    ExactEnumeration

    Raises
    ------
    ValueError
        For non-finite or mismatched payoffs, or a game too large.

    Notes
    -----
    Cost: ``sum_k C(m,k) C(n,k) = C(m+n, m) - 1`` integer systems of size ``k × k``
    per polytope, then a scan of the vertex pairs. Measured (pure Python):
    about 3–7 ms for 4×4 and 50–80 ms for 6×6 (CPU time) with float payoffs.

    Examples
    --------
    >>> result = exact_bimatrix_equilibria([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [(e.x, e.y) for e in result.equilibria][-1]
    ((Fraction(3, 5), Fraction(2, 5)), (Fraction(2, 5), Fraction(3, 5)))
    >>> len(result.equilibria), result.nondegenerate
    (3, True)
    """
    Aex, Bex = _as_exact_bimatrix(A, B)
    _check_size(Aex)
    m, n = Aex.shape
    _, xs, degenerate_p = _vertices(_positive_integer(Bex))
    _, ys, degenerate_q = _vertices(_positive_integer(Aex.T))
    full = (1 << (m + n)) - 1
    out = set()
    for vx in xs:
        for vy in ys:
            # P labels: rows (bits 0..m-1) and columns (bits m..); Q's are columns
            # (bits 0..n-1) then rows: swap Q's halves into P's order.
            qy = ((vy.labels & ((1 << n) - 1)) << m) | (vy.labels >> n)
            if vx.labels | qy == full:
                u, v = _payoffs(Aex, Bex, vx.point, vy.point)
                out.add(ExactEquilibrium(vx.point, vy.point, u, v))
    eqs = tuple(sorted(out, key=ExactEquilibrium.sort_key))
    return ExactEnumeration(eqs, not (degenerate_p or degenerate_q))
