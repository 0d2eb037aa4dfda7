"""All extreme Nash equilibria of many bimatrix games of one shape, batched in numpy.

:func:`bimatrix_equilibria_batch` takes ``G`` games ``(A[g], B[g])`` of shape ``m x n``
and returns every extreme Nash equilibrium of every game, in flat arrays (see
:class:`BatchEquilibria`).  Pure numpy: no numba, no Python loop over games; the only
Python loops run over the support size ``k`` (at most ``min(m, n)``), over the entries
of a ``k x k`` elimination (batched) and over chunks of games.

It is the many-games counterpart of the one-game path
(:func:`triangle.equilibria.solve`, which for games of up to
:data:`~triangle.equilibria.exact.EXACT_MAX_STRATEGIES` strategies per player is the
exact rational enumeration of :mod:`triangle.equilibria.exact`), and the batched move
analysis (:mod:`triangle.analysis.batch`) uses it for the followers' games whose pure
outcomes cannot be trusted.  To give the same list as that path:

* :func:`snap_ties_batch` ties each player's payoffs that are within
  :data:`~triangle.equilibria.exact.TIE_RTOL` of its range, exactly as
  :func:`~triangle.equilibria.exact.snap_ties` does before the exact enumeration;
* :meth:`BatchEquilibria.sorted_like_solve` puts each game's equilibria in the order
  of :meth:`~triangle.equilibria.result.Equilibrium.sort_key` (the order in which
  :func:`~triangle.equilibria.solve` lists them);
* ``BatchEquilibria.ambiguous`` marks the games in which some best-reply tie or zero
  probability was decided by the tolerance ``tol`` although it is not a tie within
  ``TIE_RTOL``: the exact path may decide it the other way, so a caller that must
  agree with it solves those games one by one.  Exactly degenerate games (ties within
  ``TIE_RTOL``, e.g. small integer payoffs) are *not* ambiguous: they are solved here by
  the complete vertex method below, which gives the extreme equilibria the exact
  enumeration gives (checked by the tests on thousands of integer games with ties).

Method
------
Normalisation.  Each player's payoffs are mapped affinely to ``[0, 1]``
(``A0 = (A - min A) / (max A - min A)``, per game and per player); a player whose
payoffs are all equal gets ``A0 = 0`` (indifferent everywhere, exactly).  Equilibria are
invariant under positive affine maps, and the tolerance ``tol`` is relative to each
player's payoff range, so after this step it is the *absolute* tolerance on ``A0`` and
``B0``.  Nothing else depends on the scale or offset of the payoffs.

Best-response polytopes.  With ``A1 = A0 + 1`` and ``B1 = B0 + 1`` (entries in
``[1, 2]``) let ``P = {x >= 0 : B1^T x <= 1}`` and ``Q = {y >= 0 : A1 y <= 1}``.  A
vertex of ``P`` other than 0 is ``x' = x / v`` for a mixed strategy ``x`` of the row
player and the column player's best-reply payoff ``v``; its labels are the rows ``i``
with ``x_i = 0`` and the columns ``j`` that are best replies to ``x``.  ``(x, y)`` is an
equilibrium iff the pair of vertices is completely labelled, and the completely
labelled vertex pairs are exactly the *extreme* equilibria, for every bimatrix game,
degenerate or not (Avis, Rosenberg, Savani, von Stengel 2010; Gambit's ``enummixed``
and lrsnash return the same set).

Bases.  Every vertex of ``P`` other than 0 is the solution of a *basis*
``(I, J)``, ``|I| = |J| = k >= 1``: ``x_i = 0`` off ``I`` and ``B1[I, J]^T x_I = 1``
(columns ``J`` tight); likewise a vertex of ``Q`` solves ``A1[I, J] y_J = 1`` (rows
``I`` tight, ``y = 0`` off ``J``).  These are exactly the systems of support
enumeration, so both polytopes are enumerated by one batched solve per ``k`` over
all games x all ``(I, J)`` x both players.  ``k = 1`` (pure strategies) needs no
solve: the basis ``(i, j)`` of ``P`` is feasible iff ``j`` is a best reply to ``i``.
The solve works on the shift-invariant form of the system -- the probability vector
``p = z / sum(z)`` solves ``D p = 0, sum(p) = 1`` with ``D`` the (exact) differences
of the rows of the basis matrix from its first row, and ``v = 1 / sum(z)`` is the
first row times ``p``.  For ``2 <= k <= 4`` ``p`` is the generalised cross product
of the rows of ``D`` (signed maximal minors, closed form); where its a-priori error
bound exceeds ~1e-13 (nearly dependent rows: ill-conditioned indifference systems,
about 1% of the bases of random games) and for every ``k >= 5`` it is computed by a
batched Gaussian elimination with partial pivoting instead.  Each basis solution is
then checked for feasibility (probabilities ``>= -tol``; every constraint outside the
basis violated by at most ``tol``, in payoff units on the normalised scale) and its
labels are computed with the same tolerance.

Degeneracy (decided from the game).  A game is nondegenerate iff no mixed strategy
with support size ``k`` has more than ``k`` pure best replies, which is equivalent
to: no point, hence no vertex, of ``P`` has more than ``m`` labels and none of ``Q``
more than ``n`` (a point of ``P`` with ``k`` nonzero coordinates and ``l`` tight
columns is a strategy with support size ``k`` and ``l`` best replies, scaled).
``degenerate[g]`` is set iff some feasible basis solution of either polytope has an
*extra* label within the tolerance: a probability on its support ``<= tol``, or a
constraint outside the basis with slack ``<= tol`` (a best-reply tie within ``tol``,
including a constraint violated by at most ``tol``).  For ``k = 1`` this is "two
best replies to a pure strategy within ``tol`` of each other".  So "degenerate"
means "degenerate, or degenerate after a perturbation of the normalised payoffs of
the order of ``tol``".  It is a property of the game (of all vertices of its two
polytopes, found by the same solves), not of which equilibria were found.  This test
is exact (an "iff") and comes free with the enumeration, unlike the sufficient
determinant test (every overdetermined "``k`` strategies make ``k+1`` replies
indifferent" system inconsistent), which cannot certify games where such a system is
consistent only with negative "probabilities" and needs ~2x the solves; the test
suite checks the flag against exact rational arithmetic and against that determinant
test.

Nondegenerate games.  Every vertex has exactly ``m`` (``n``) labels, so a
completely labelled pair must come from the *same* basis ``(I, J)`` in both
polytopes: the equilibria are the bases feasible in both ``P`` and ``Q`` -- i.e.
support enumeration over equal-size supports, with best-reply checks at tolerance
``tol``.  For ``k = 1`` this is the pure-equilibrium mask.  Each equilibrium is
isolated and is returned once.

Degenerate games.  Equal-size support enumeration can miss equilibria there
(unequal supports, continua), so the complete method is used: every feasible
basis solution of ``P`` and ``Q`` with a numerically regular basis matrix
(determinant of the shift-invariant bordered system ``[1..1; C[1:] - C[0]]`` above
``1e-11 * k^(k/2)`` in normalised payoff units, ``k^(k/2)`` being the largest possible;
an exactly singular basis can only produce a point in the middle of an edge, never a
vertex, and in floating point its determinant is ~1e-15) becomes a vertex with a
label bitmask; duplicate vertices (one vertex of a degenerate polytope is the
solution of several bases) are merged when they have the same label set, the same
support and probability vectors within 1e-8 of each other (max-norm, relative to the
largest probability); then every vertex pair whose label masks OR to the full mask
is an equilibrium.  Finally equilibria of one game with the same supports (compared
first, exactly) and both probability vectors within that distance are merged; in an
exactly degenerate game this only removes copies of one vertex (distinct extreme
equilibria with equal supports differ by far more), in a game within ``tol`` of a
degenerate one it also merges the tight cluster of exact vertices into which the
perturbation splits one vertex.  The result is
the set of *extreme* equilibria: in a game with a continuum (e.g. a player whose
payoffs are all equal) each connected component (a union of polytopes of
equilibria) is represented by its vertices, exactly as Gambit's ``enummixed``
returns them; the equilibria in between (convex combinations within a clique of
interchangeable extreme equilibria) are not listed.

Verification.  Every returned profile passes a batched check on the normalised
payoffs: for each player, every strategy played with positive probability is a best
reply within the tolerance, and the regret (best pure deviation minus the expected
payoff) is at most the tolerance.  Candidates failing it are dropped (and counted in
``BatchEquilibria.rejected``).  Probabilities are exactly zero off the support and
sum to 1.

Limitations.  ``tol`` must be well above the rounding error of the solves (the
default 1e-9 is).  For games that are nondegenerate but within ``tol`` of a
degenerate one (flagged ``degenerate``), the result is that of the complete,
tolerance-aware vertex method, i.e. the extreme equilibria of the nearby degenerate
game: it can differ from what an exact-arithmetic solver returns for the perturbed
game (equilibria closer than ~``tol`` merged, or approximate ones within ``tol``
added; they all pass the regret check at ``tol``).  In a degenerate game a basis
whose bordered determinant is below ``1e-11 * k^(k/2)`` is treated as singular.  For
integer payoffs with range ``R`` a nonsingular one is at least ``R^-(k-1)``, so this
cannot misfire for ``k <= 3`` and ``R < 1e5``, ``k = 4`` and ``R < 1800``, ``k = 5``
and ``R < 200``, ``k = 6`` and ``R < 50``; beyond that only a basis with a
near-minimal determinant (for random integer payoffs a ~1e-10 event) whose vertex has
no better-conditioned basis could be lost.  Ill-conditioned equilibria (nearly
identical strategies) are as sensitive to the rounding of the input as the condition
number says: a 1e-14 relative perturbation of the payoffs can move an exact
equilibrium by 1e-6, and the kernel follows the exact solution there.  The affine
invariance holds as long as the payoffs are representable: once ``|offset|``
exceeds ~1e5 payoff ranges, the rounding of ``a*A + b`` itself approaches the
tolerance.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from triangle.equilibria.exact import TIE_RTOL

__all__ = ["BatchEquilibria", "bimatrix_equilibria_batch", "snap_ties_batch"]

_DET_ATOL = 1e-11  # bases whose bordered determinant is below this (times k^(k/2)) are singular
_ACC = (
    1e-2  # closed-form (minor) solutions with |S| < _ACC * prod ||D_r|| are redone by elimination
)
_DEDUP_RTOL = 1e-8  # duplicates: same supports and max|dp| <= rtol * max(p) (per player)
_MAX_PAIRS = 1 << 22  # vertex pairs tested at once in degenerate games
_TARGET_ELEMENTS = 1 << 20  # per-chunk working-set size (elements of the largest arrays)


@dataclass(frozen=True)
class BatchEquilibria:
    """Extreme equilibria of a batch of ``G`` bimatrix games, as flat arrays.

    Equilibrium ``r`` belongs to game ``game[r]``; the equilibria of game ``g`` are the
    rows ``offsets[g]:offsets[g+1]`` (``game`` is sorted).  Within a game: pure
    equilibria first, ordered by (row, column); then mixed ones ordered by support
    sizes ``(|supp x|, |supp y|)``, then supports (lexicographically, as sorted index
    tuples), then by probabilities (larger probability on earlier strategies first).
    """

    game: np.ndarray  # (K,) int64, sorted
    x: np.ndarray  # (K, m) row player's mixed strategy
    y: np.ndarray  # (K, n) column player's mixed strategy
    row_payoff: np.ndarray  # (K,) expected payoff of the row player (original units)
    col_payoff: np.ndarray  # (K,) expected payoff of the column player
    row_regret: np.ndarray  # (K,) best pure deviation minus payoff (original units, >= ~0)
    col_regret: np.ndarray  # (K,)
    row_support: np.ndarray  # (K,) int64 bitmask, bit i = row i played
    col_support: np.ndarray  # (K,) int64 bitmask, bit j = column j played
    degenerate: np.ndarray  # (G,) bool, degenerate or within tol of degenerate
    count: np.ndarray  # (G,) int64 number of equilibria per game
    offsets: np.ndarray  # (G+1,) int64
    rejected: np.ndarray  # (G,) int64 candidates dropped by the final verification
    ambiguous: np.ndarray  # (G,) bool, a tie or zero decided by tol but not within TIE_RTOL
    tol: float

    def for_game(self, g: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """The equilibria of game ``g`` as a list of ``(x, y)``."""
        s, e = self.offsets[g], self.offsets[g + 1]
        return [(self.x[r], self.y[r]) for r in range(s, e)]

    def sorted_like_solve(self) -> BatchEquilibria:
        """The same equilibria, each game's in the order of
        :meth:`~triangle.equilibria.result.Equilibrium.sort_key`: pure before mixed,
        then by supports (as tuples of strategy indices, row player first, compared
        lexicographically, so ``(0, 1)`` before ``(0, 1, 2)`` before ``(0, 2)``), then by
        probabilities rounded to 9 decimals, larger first."""
        K, m = self.x.shape
        n = self.y.shape[1]
        inx, iny = self.x > 0, self.y > 0
        mixed = (inx.sum(1) > 1) | (iny.sum(1) > 1)
        keys = []  # np.lexsort: the last key is the primary one
        keys += [-np.round(self.y[:, j], 9) for j in range(n - 1, -1, -1)]
        keys += [-np.round(self.x[:, i], 9) for i in range(m - 1, -1, -1)]
        for ind, size in ((iny, n), (inx, m)):
            # the support as a tuple of indices padded with -1: a prefix sorts first
            padded = np.where(ind, np.arange(size), size)
            padded = np.sort(padded, axis=1)
            padded = np.where(padded == size, -1, padded)
            keys += [padded[:, c] for c in range(size - 1, -1, -1)]
        keys += [mixed, self.game]
        order = np.lexsort(keys) if K else np.zeros(0, np.intp)
        fields = (
            "game",
            "x",
            "y",
            "row_payoff",
            "col_payoff",
            "row_regret",
            "col_regret",
            "row_support",
            "col_support",
        )
        return dataclasses.replace(self, **{f: getattr(self, f)[order] for f in fields})


# --------------------------------------------------------------------------------------
# combinatorial plan (cached per shape)


@dataclass(frozen=True)
class _KPlan:
    k: int
    I: np.ndarray  # (nI, k) row subsets  # noqa: E741
    J: np.ndarray  # (nJ, k) column subsets
    idx: np.ndarray  # (k, k, 2, nI, nJ) flat indices into stacked (A1, B1) of shape (2*m*n, G)
    gBn: np.ndarray  # (k, n-k, nI, nJ): flat index of B0[I[a, s], j] for columns j not in J[b]
    gAn: np.ndarray  # (k, m-k, nI, nJ): flat index of A0[i, J[b, t]] for rows i not in I[a]
    zbitsI: np.ndarray  # (nI,) int64: bits of rows NOT in I (zero labels of x)
    zbitsJ: np.ndarray  # (nJ,) int64: bits (m + j) of columns NOT in J (zero labels of y)


@lru_cache(maxsize=64)
def _plan(m: int, n: int) -> tuple[_KPlan, ...]:
    plans = []
    rowbits = np.int64(1) << np.arange(m, dtype=np.int64)
    colbits = np.int64(1) << (m + np.arange(n, dtype=np.int64))
    for k in range(1, min(m, n) + 1):
        I = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)  # noqa: E741
        J = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
        nI, nJ = len(I), len(J)
        Ic = np.array([[i for i in range(m) if i not in row] for row in I], dtype=np.intp)
        Jc = np.array([[j for j in range(n) if j not in col] for col in J], dtype=np.intp)
        Ic = Ic.reshape(nI, m - k)
        Jc = Jc.reshape(nJ, n - k)
        idx = np.empty((k, k, 2, nI, nJ), dtype=np.intp)
        for s in range(k):
            for t in range(k):
                # Q system (y on J, rows I tight): C[s, t] = A1[I[s], J[t]]
                idx[s, t, 0] = I[:, s][:, None] * n + J[:, t][None, :]
                # P system (x on I, columns J tight): C[s, t] = B1[I[t], J[s]]
                idx[s, t, 1] = m * n + I[:, t][:, None] * n + J[:, s][None, :]
        gBn = I.T[:, None, :, None] * n + Jc.T[None, :, None, :]  # (k, n-k, nI, nJ)
        gAn = Ic.T[None, :, :, None] * n + J.T[:, None, None, :]  # (k, m-k, nI, nJ)
        inI = np.zeros((nI, m), bool)
        inI[np.arange(nI)[:, None], I] = True
        inJ = np.zeros((nJ, n), bool)
        inJ[np.arange(nJ)[:, None], J] = True
        plans.append(
            _KPlan(
                k=k,
                I=I,
                J=J,
                idx=idx,
                gBn=np.ascontiguousarray(gBn, dtype=np.intp),
                gAn=np.ascontiguousarray(gAn, dtype=np.intp),
                zbitsI=((~inI) * rowbits).sum(1).astype(np.int64),
                zbitsJ=((~inJ) * colbits).sum(1).astype(np.int64),
            )
        )
    return tuple(plans)


# --------------------------------------------------------------------------------------
# batched solves of the basis systems (C has shape (k, k, ...), batch axes last)


def _solve_basis(C: np.ndarray):
    """For every trailing batch index, the point of the basis ``C z = 1`` as a
    probability vector: returns ``(p, v, ok, S)`` with ``p = z / sum(z)`` (shape
    ``(k, ...)``), ``v = 1 / sum(z)`` (the payoff of the tight constraints, entries of
    ``C`` being in [1, 2]), ``ok`` = the point exists, and ``S`` the determinant of
    the bordered system below (for the regularity test).

    ``p`` solves the shift-invariant indifference system ``D p = 0, sum(p) = 1`` with
    ``D[r] = C[r+1] - C[0]``: every row of ``C p`` is the same value ``v = C[0] @ p``.
    The differences are exact (Sterbenz: entries in [1, 2]).  For ``k <= 4`` ``p`` is
    the generalised cross product of the rows of ``D`` (signed maximal minors,
    normalised): exact up to one rounding per entry for ``k = 2``; for ``k = 3, 4``
    every ``p`` whose a-priori error bound exceeds ~1e-13 (``|S| < _ACC *
    prod ||D[r]||_inf``: nearly dependent rows, i.e. ill-conditioned indifference
    systems, ~1% of bases in random games) is recomputed by Gaussian elimination with
    partial pivoting (backward stable), which is used for all ``k >= 5``.  If
    ``C z = 1`` has no unique solution with ``sum(z) != 0``, the bordered system is
    singular (``S = 0``: ``p`` not finite) or ``v <= 0`` (then ``p`` is not a
    probability vector): ``ok`` is False either way.
    """
    k = C.shape[0]
    C0 = C[0]
    D = C[1:] - C0[None]  # (k-1, k, ...)
    if k == 2:
        w = np.stack([D[0, 1], -D[0, 0]])
    elif k == 3:
        (a0, a1, a2), (b0, b1, b2) = D
        w = np.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0])
    elif k == 4:
        (a0, a1, a2, a3), (b0, b1, b2, b3), (c0, c1, c2, c3) = D
        m01 = b0 * c1 - b1 * c0
        m02 = b0 * c2 - b2 * c0
        m03 = b0 * c3 - b3 * c0
        m12 = b1 * c2 - b2 * c1
        m13 = b1 * c3 - b3 * c1
        m23 = b2 * c3 - b3 * c2
        w = np.stack(
            [
                a1 * m23 - a2 * m13 + a3 * m12,
                -(a0 * m23 - a2 * m03 + a3 * m02),
                a0 * m13 - a1 * m03 + a3 * m01,
                -(a0 * m12 - a1 * m02 + a2 * m01),
            ]
        )
    else:
        w = None
    if w is not None:
        S = w.sum(axis=0)
        p = w / S
        if k > 2:
            # A priori accuracy: each signed minor is a sum of products of entries of
            # D (exact), so its rounding error is below ~c*eps*prod_r ||D[r]||_inf;
            # where |S| >= _ACC * prod_r ||D[r]||_inf every p_j is accurate to
            # ~1e-13 (absolute).  Elsewhere (nearly dependent rows: ill-conditioned
            # indifference systems) recompute by elimination.
            scale = np.abs(D[0]).max(axis=0)
            for r in range(1, k - 1):
                scale *= np.abs(D[r]).max(axis=0)
            redo = ~(np.abs(S) >= _ACC * scale) & (S != 0) & np.isfinite(S)
            if redo.any():
                idx = np.flatnonzero(redo)
                pr, Sr = _solve_bordered_ge(D.reshape(k - 1, k, -1)[:, :, idx])
                p.reshape(k, -1)[:, idx] = pr
                S.reshape(-1)[idx] = Sr
    else:
        p, S = _solve_bordered_ge(D)
    v = C0[0] * p[0]
    for t in range(1, k):
        v += C0[t] * p[t]
    ok = np.isfinite(p).all(axis=0) & (v > 0)
    return p, v, ok, S


def _solve_bordered_ge(D: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``[1 ... 1; D] p = e_0`` (``D`` of shape ``(k-1, k, ...)``) by batched
    Gaussian elimination with partial pivoting; returns ``(p, det)``.  Row swaps are
    elementwise ``where``s, so there is no per-system indexing.  Singular systems give
    non-finite ``p``."""
    k = D.shape[1]
    batch = D.shape[2:]
    one = np.ones(batch)
    zero = np.zeros(batch)
    R = [[one] * k + [one]] + [[D[r, t] for t in range(k)] + [zero] for r in range(k - 1)]
    det = np.ones(batch)
    for c in range(k):
        best = np.abs(R[c][c])
        for r in range(c + 1, k):
            cand = np.abs(R[r][c])
            sw = cand > best
            if sw.any():
                best = np.where(sw, cand, best)
                for t in range(c, k + 1):
                    x, y = R[c][t], R[r][t]
                    R[c][t] = np.where(sw, y, x)
                    R[r][t] = np.where(sw, x, y)
                det = np.where(sw, -det, det)
        pv = R[c][c]
        det = det * pv
        for r in range(c + 1, k):
            f = R[r][c] / pv
            for t in range(c + 1, k + 1):
                R[r][t] = R[r][t] - f * R[c][t]
    z = [None] * k
    for r in range(k - 1, -1, -1):
        acc = R[r][k]
        for t in range(r + 1, k):
            acc = acc - R[r][t] * z[t]
        z[r] = acc / R[r][r]
    return np.stack(z), det


# --------------------------------------------------------------------------------------
# the kernel


def _normalise(M: np.ndarray):
    lo = M.min(axis=(1, 2))
    rng = M.max(axis=(1, 2)) - lo
    safe = np.where(rng > 0, rng, 1.0)
    M0 = (M - lo[:, None, None]) / safe[:, None, None]
    M0[rng == 0] = 0.0
    np.clip(M0, 0.0, 1.0, out=M0)
    return M0, lo, rng


def snap_ties_batch(M: np.ndarray, rtol: float = TIE_RTOL) -> np.ndarray:
    """:func:`~triangle.equilibria.exact.snap_ties` for each game of a batch.

    ``M`` has shape ``(G, m, n)`` (one player's payoffs in ``G`` games). In each game,
    the values are sorted; a run of values each within ``rtol`` × the game's range of
    the previous one becomes one tie, all taking the run's smallest value.

    >>> snap_ties_batch(np.array([[[0.1 + 0.2, 0.3], [1.0, 0.0]]])).tolist()
    [[[0.3, 0.3], [1.0, 0.0]]]
    """
    M = np.array(M, dtype=float)
    G = M.shape[0]
    flat = M.reshape(G, -1)
    order = np.argsort(flat, axis=1, kind="stable")
    values = np.take_along_axis(flat, order, axis=1)
    span = values[:, -1] - values[:, 0]
    if flat.shape[1] == 0:
        return M
    new_run = np.ones_like(values, dtype=bool)
    new_run[:, 1:] = np.diff(values, axis=1) > (rtol * span)[:, None]
    new_run[span <= 0] = True  # a constant game is left as it is
    index = np.broadcast_to(np.arange(values.shape[1]), values.shape)
    starts = np.maximum.accumulate(np.where(new_run, index, 0), axis=1)
    np.put_along_axis(flat, order, np.take_along_axis(values, starts, axis=1), axis=1)
    return M


def bimatrix_equilibria_batch(
    A, B, *, tol: float = 1e-9, chunk: int | None = None
) -> BatchEquilibria:
    """All extreme Nash equilibria of the bimatrix games ``(A[g], B[g])``.

    Parameters
    ----------
    A, B : array_like, shape (G, m, n)
        Payoffs of the row and column player in each of ``G`` games.
    tol : float
        Relative tolerance, per player and per game: the row player's absolute
        tolerance is ``tol * (A[g].max() - A[g].min())`` (likewise for B).
    chunk : int, optional
        Games per internal chunk (default: chosen to bound memory).

    Returns
    -------
    BatchEquilibria
    """
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if A.ndim != 3 or A.shape != B.shape:
        raise ValueError(f"A and B must have the same shape (G, m, n); got {A.shape}, {B.shape}")
    G, m, n = A.shape
    if m < 1 or n < 1:
        raise ValueError("each player needs at least one strategy")
    if m + n > 62:
        raise ValueError("m + n must be at most 62 (labels are int64 bitmasks)")
    if not (np.isfinite(A).all() and np.isfinite(B).all()):
        raise ValueError("payoffs must be finite")
    tol = float(tol)
    if not tol >= 0:
        raise ValueError("tol must be >= 0")
    plans = _plan(m, n)
    if chunk is None:
        per_game = max(
            p.idx.size + p.gBn.size + p.gAn.size + 2 * p.I.shape[0] * p.J.shape[0] for p in plans
        )
        chunk = int(max(8, min(2048, _TARGET_ELEMENTS // max(per_game, 1))))

    parts = []
    degenerate = np.zeros(G, bool)
    ambiguous = np.zeros(G, bool)
    rejected = np.zeros(G, np.int64)
    for start in range(0, G, chunk):
        stop = min(G, start + chunk)
        res = _chunk(A[start:stop], B[start:stop], plans, m, n, tol)
        degenerate[start:stop] = res["degenerate"]
        ambiguous[start:stop] = res["ambiguous"]
        rejected[start:stop] = res["rejected"]
        res["game"] = res["game"] + start
        parts.append(res)

    def cat(key, shape):
        arrs = [p[key] for p in parts]
        return np.concatenate(arrs) if arrs else np.zeros(shape)

    game = cat("game", (0,)).astype(np.int64)
    count = np.bincount(game, minlength=G).astype(np.int64)
    offsets = np.zeros(G + 1, np.int64)
    np.cumsum(count, out=offsets[1:])
    return BatchEquilibria(
        game=game,
        x=cat("x", (0, m)),
        y=cat("y", (0, n)),
        row_payoff=cat("row_payoff", (0,)),
        col_payoff=cat("col_payoff", (0,)),
        row_regret=cat("row_regret", (0,)),
        col_regret=cat("col_regret", (0,)),
        row_support=cat("row_support", (0,)).astype(np.int64),
        col_support=cat("col_support", (0,)).astype(np.int64),
        degenerate=degenerate,
        count=count,
        offsets=offsets,
        rejected=rejected,
        ambiguous=ambiguous,
        tol=tol,
    )


def _chunk(A, B, plans, m, n, tol):
    G = A.shape[0]
    A0, alo, arng = _normalise(A)
    B0, blo, brng = _normalise(B)
    # game axis last: (m*n, G)
    A0t = np.ascontiguousarray(A0.reshape(G, m * n).T)
    B0t = np.ascontiguousarray(B0.reshape(G, m * n).T)
    A0t3 = A0t.reshape(m, n, G)
    B0t3 = B0t.reshape(m, n, G)

    per_k = []
    with np.errstate(all="ignore"):
        # ---- k = 1 (pure strategies): no solve.  P-basis (i, j): x = e_i, column j
        # tight, feasible iff j is a best reply to i; extra label iff another column
        # ties with it within tol.  Likewise Q-basis (i, j): y = e_j, row i tight.
        bmax = B0t3.max(axis=1)  # (m, G)
        amax = A0t3.max(axis=0)  # (n, G)
        feasP = B0t3 >= (bmax - tol)[:, None, :]  # (m, n, G)
        feasQ = A0t3 >= (amax - tol)[None, :, :]
        # a best reply within tol of the best but not within TIE_RTOL: a near-tie that
        # the exact one-game path would call strict
        ambiguous = (feasP & ~(B0t3 >= (bmax - TIE_RTOL)[:, None, :])).any(axis=(0, 1)) | (
            feasQ & ~(A0t3 >= (amax - TIE_RTOL)[None, :, :])
        ).any(axis=(0, 1))
        degenerate = (feasP.sum(axis=1) >= 2).any(axis=0) | (feasQ.sum(axis=0) >= 2).any(axis=0)
        per_k.append(dict(k=1, p=plans[0], feasP=feasP, feasQ=feasQ, valP=B0t3, valQ=A0t3))

        # ---- k >= 2: one batched solve for both polytopes and all (games, I, J)
        AB1t = np.concatenate([A0t, B0t])
        AB1t += 1.0  # entries in [1, 2]
        for p in plans[1:]:
            k = p.k
            C = AB1t[p.idx]  # (k, k, 2, nI, nJ, G)
            prob, v1, ok, det = _solve_basis(C)
            val = v1 - 1.0  # expected payoff in [0, 1] units at the tight constraints
            pmin = prob.min(axis=0)  # (2, nI, nJ, G)
            ok &= pmin >= -tol
            extra = pmin <= tol
            near = _near(pmin, tol)
            pQ, pP = prob[:, 0], prob[:, 1]
            # P: largest payoff of a column outside J against x -> slack to the value
            if n > k:
                GB = B0t[p.gBn]  # (k, n-k, nI, nJ, G)
                u = pP[0][None] * GB[0]
                for s in range(1, k):
                    u += pP[s][None] * GB[s]
                smin = val[1] - u.max(axis=0)
                feasP = ok[1] & (smin >= -tol)
                extraP = extra[1] | (smin <= tol)
                nearP = near[1] | _near(smin, tol)
            else:
                feasP, extraP, nearP = ok[1], extra[1], near[1]
            if m > k:
                GA = A0t[p.gAn]  # (k, m-k, nI, nJ, G)
                w = pQ[0][None] * GA[0]
                for t in range(1, k):
                    w += pQ[t][None] * GA[t]
                smin = val[0] - w.max(axis=0)
                feasQ = ok[0] & (smin >= -tol)
                extraQ = extra[0] | (smin <= tol)
                nearQ = near[0] | _near(smin, tol)
            else:
                feasQ, extraQ, nearQ = ok[0], extra[0], near[0]
            degenerate |= ((feasP & extraP) | (feasQ & extraQ)).any(axis=(0, 1))
            ambiguous |= ((feasP & nearP) | (feasQ & nearQ)).any(axis=(0, 1))
            per_k.append(
                dict(
                    k=k,
                    p=p,
                    C=C,
                    det=det,
                    pP=pP,
                    pQ=pQ,
                    valP=val[1],
                    valQ=val[0],
                    feasP=feasP,
                    feasQ=feasQ,
                )
            )

        # ---- nondegenerate games: the same basis feasible in both polytopes
        games, xs, ys = [], [], []
        nd = ~degenerate
        for d in per_k:
            p = d["p"]
            eq = d["feasP"] & d["feasQ"] & nd
            a, b, g = np.nonzero(eq)
            if a.size == 0:
                continue
            K = a.size
            x = np.zeros((K, m))
            y = np.zeros((K, n))
            if d["k"] == 1:
                x[np.arange(K), a] = 1.0
                y[np.arange(K), b] = 1.0
            else:
                r = np.arange(K)[:, None]
                x[r, p.I[a]] = d["pP"][:, a, b, g].T
                y[r, p.J[b]] = d["pQ"][:, a, b, g].T
            games.append(g)
            xs.append(x)
            ys.append(y)

        # ---- degenerate games: complete vertex enumeration with label matching
        if degenerate.any():
            g, x, y = _degenerate_pairs(per_k, degenerate, A0, B0, m, n, tol)
            if g.size:
                games.append(g)
                xs.append(x)
                ys.append(y)

    if games:
        game = np.concatenate(games)
        x = np.concatenate(xs)
        y = np.concatenate(ys)
    else:
        game = np.zeros(0, np.intp)
        x = np.zeros((0, m))
        y = np.zeros((0, n))
    res = _finish(game, x, y, A0, B0, alo, arng, blo, brng, degenerate, tol, G, m, n)
    res["ambiguous"] = ambiguous
    return res


def _near(value: np.ndarray, tol: float) -> np.ndarray:
    """Where a slack or probability is zero within ``tol`` but not within
    :data:`TIE_RTOL` (normalised payoff units)."""
    size = np.abs(value)
    return (size > TIE_RTOL) & (size <= tol)


def _regular(k: int, S: np.ndarray) -> np.ndarray:
    """Bases treated as regular in degenerate games: ``|S| > _DET_ATOL * k**(k/2)``,
    ``S`` the determinant of the bordered system ``[1..1; D]`` whose rows have entries
    in [-1, 1] (normalised payoffs), i.e. norms at most ``sqrt(k)``.  The measure is
    absolute in normalised payoff units on purpose: a basis two of whose strategies
    differ by noise of 1e-13 is singular for all practical purposes even though the
    noise fixes its solution."""
    return np.abs(S) > _DET_ATOL * float(k) ** (k / 2)


def _degenerate_pairs(per_k, degenerate, A0, B0, m, n, tol):
    """Vertices of P and Q of the degenerate games, deduplicated, then all completely
    labelled pairs.  Returns (game, x, y)."""
    colbits = np.int64(1) << (m + np.arange(n, dtype=np.int64))
    rowbits = np.int64(1) << np.arange(m, dtype=np.int64)
    Pg, Pm, Px, Qg, Qm, Qy = [], [], [], [], [], []
    for d in per_k:
        p = d["p"]
        k = d["k"]
        for side in (1, 0):  # 1 = P (x on I, columns J tight), 0 = Q (y on J, rows I tight)
            feas = (d["feasP"] if side == 1 else d["feasQ"]) & degenerate
            a, b, g = np.nonzero(feas)
            if a.size == 0:
                continue
            if k > 1:
                regular = _regular(k, d["det"][side, a, b, g])
                a, b, g = a[regular], b[regular], g[regular]
                if a.size == 0:
                    continue
            K = a.size
            r = np.arange(K)[:, None]
            if side == 1:
                val = d["valP"][a, b, g]
                prob = np.ones((K, 1)) if k == 1 else d["pP"][:, a, b, g].T  # (K, k)
                small = prob <= tol
                prob = np.where(small, 0.0, prob)
                x = np.zeros((K, m))
                x[r, p.I[a]] = prob
                u = np.einsum("kij,ki->kj", B0[g], x)  # column payoffs
                tight = (val[:, None] - u) <= tol
                mask = (
                    p.zbitsI[a]
                    | (small * rowbits[p.I[a]]).sum(1)
                    | (tight * colbits).sum(1)
                    | colbits[p.J[b]].sum(1)
                )
                Pg.append(g)
                Pm.append(mask)
                Px.append(x)
            else:
                val = d["valQ"][a, b, g]
                prob = np.ones((K, 1)) if k == 1 else d["pQ"][:, a, b, g].T
                small = prob <= tol
                prob = np.where(small, 0.0, prob)
                y = np.zeros((K, n))
                y[r, p.J[b]] = prob
                w = np.einsum("kij,kj->ki", A0[g], y)  # row payoffs
                tight = (val[:, None] - w) <= tol
                mask = (
                    p.zbitsJ[b]
                    | (small * colbits[p.J[b]]).sum(1)
                    | (tight * rowbits).sum(1)
                    | rowbits[p.I[a]].sum(1)
                )
                Qg.append(g)
                Qm.append(mask)
                Qy.append(y)
    if not Pg or not Qg:
        return np.zeros(0, np.intp), np.zeros((0, m)), np.zeros((0, n))
    Pg, Pm, Px = _dedupe_vertices(np.concatenate(Pg), np.concatenate(Pm), np.concatenate(Px))
    Qg, Qm, Qy = _dedupe_vertices(np.concatenate(Qg), np.concatenate(Qm), np.concatenate(Qy))
    # ragged cartesian product of P and Q vertices within each game
    G = degenerate.size
    cQ = np.bincount(Qg, minlength=G)
    startQ = np.cumsum(cQ) - cQ
    rep = cQ[Pg]
    full = (np.int64(1) << (m + n)) - 1
    # blocks of P vertices with at most _MAX_PAIRS candidate pairs each (memory bound)
    cum = np.cumsum(rep)
    cuts = np.searchsorted(
        cum, np.arange(_MAX_PAIRS, int(cum[-1]) if cum.size else 0, _MAX_PAIRS), "right"
    )
    bounds = [0, *sorted(set(int(c) for c in cuts if 0 < c < Pg.size)), Pg.size]
    Pis, Qis = [], []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        r = rep[lo:hi]
        total = int(r.sum())
        if total == 0:
            continue
        Pi = lo + np.repeat(np.arange(hi - lo), r)
        pos = np.arange(total) - np.repeat(np.cumsum(r) - r, r)
        Qi = startQ[Pg[Pi]] + pos
        ok = (Pm[Pi] | Qm[Qi]) == full
        Pis.append(Pi[ok])
        Qis.append(Qi[ok])
    if not Pis:
        return np.zeros(0, np.intp), np.zeros((0, m)), np.zeros((0, n))
    Pi = np.concatenate(Pis)
    Qi = np.concatenate(Qis)
    x = Px[Pi]
    y = Qy[Qi]
    x /= x.sum(1, keepdims=True)
    y /= y.sum(1, keepdims=True)
    return Pg[Pi], x, y


def _close(p, q):
    """Rows of p and q equal up to ``_DEDUP_RTOL`` relative to the probability vectors
    (max-norm).  Only used after the supports were compared (exactly)."""
    return np.abs(p - q).max(1) <= _DEDUP_RTOL * np.maximum(p.max(1), q.max(1))


def _dedupe_vertices(g, mask, x):
    """Sort vertices by (game, label mask, probabilities) and drop those equal (same
    label set, same support, probabilities equal within the dedupe tolerance) to the
    first vertex of their (game, mask) run."""
    keys = [x[:, i] for i in range(x.shape[1] - 1, -1, -1)] + [mask, g]
    order = np.lexsort(keys)
    g, mask, x = g[order], mask[order], x[order]
    head = np.ones(g.size, bool)
    head[1:] = (g[1:] != g[:-1]) | (mask[1:] != mask[:-1])
    run = np.cumsum(head) - 1
    hx = x[np.flatnonzero(head)][run]
    same_supp = ((x > 0) == (hx > 0)).all(1)
    close = _close(x, hx)
    keep = head | ~(same_supp & close)
    return g[keep], mask[keep], x[keep]


def _finish(game, x, y, A0, B0, alo, arng, blo, brng, degenerate, tol, G, m, n):
    """Clean, verify, order and deduplicate the candidate equilibria of one chunk."""
    # clean: exact zeros off the support, sum 1 (nondegenerate candidates have every
    # support probability > tol already; degenerate ones were cleaned by the same rule)
    x = np.where(x > tol, x, 0.0)
    y = np.where(y > tol, y, 0.0)
    x /= x.sum(1, keepdims=True)
    y /= y.sum(1, keepdims=True)
    # verification on the normalised payoffs (absolute tolerance tol)
    Ay = np.einsum("kij,kj->ki", A0[game], y)
    xB = np.einsum("kij,ki->kj", B0[game], x)
    rmax = Ay.max(1)
    cmax = xB.max(1)
    rpay = np.einsum("ki,ki->k", x, Ay)
    cpay = np.einsum("kj,kj->k", y, xB)
    rreg = rmax - rpay
    creg = cmax - cpay
    indx = x > 0
    indy = y > 0
    ok = (
        (rreg <= tol)
        & (creg <= tol)
        & ~(indx & (Ay < (rmax - tol)[:, None])).any(1)
        & ~(indy & (xB < (cmax - tol)[:, None])).any(1)
    )
    rejected = np.bincount(game[~ok], minlength=G).astype(np.int64)
    # order: game, pure before mixed, |supp x|, |supp y|, supports (lexicographic as
    # sorted index tuples), then probabilities (descending, earlier strategies first)
    kx = indx.sum(1)
    ky = indy.sum(1)
    mixed = (kx > 1) | (ky > 1)
    wx = np.int64(1) << np.arange(m - 1, -1, -1, dtype=np.int64)  # row 0 = most significant
    wy = np.int64(1) << np.arange(n - 1, -1, -1, dtype=np.int64)
    sxkey = (~indx) @ wx  # supports containing earlier strategies sort first
    sykey = (~indy) @ wy
    if m + n <= 24:
        key = ((((game.astype(np.int64) * 2 + mixed) * (m + 1) + kx) * (n + 1) + ky) << (m + n)) + (
            (sxkey << n) + sykey
        )
        key = np.where(ok, key, np.iinfo(np.int64).max)  # rejected ones last, then dropped
        prim = [key]
    else:
        prim = [sykey, sxkey, ky, kx, mixed, game, ~ok]
    if degenerate[game].any():
        # several equilibria can share supports only in degenerate games
        keys = [-y[:, j] for j in range(n - 1, -1, -1)] + [-x[:, i] for i in range(m - 1, -1, -1)]
        order = np.lexsort(keys + prim)
    elif len(prim) == 1:
        order = np.argsort(prim[0], kind="stable")
    else:
        order = np.lexsort(prim)
    order = order[: int(ok.sum())]
    game, x, y, indx, indy = game[order], x[order], y[order], indx[order], indy[order]
    rpay, cpay, rreg, creg = rpay[order], cpay[order], rreg[order], creg[order]
    # deduplicate (adjacent after sorting): same game, same supports, close probabilities
    if game.size > 1 and degenerate[game].any():
        same = (
            (game[1:] == game[:-1])
            & (indx[1:] == indx[:-1]).all(1)
            & (indy[1:] == indy[:-1]).all(1)
        )
        dup = same & _close(x[1:], x[:-1]) & _close(y[1:], y[:-1])
        if dup.any():
            keep = np.ones(game.size, bool)
            keep[1:] = ~dup
            game, x, y, indx, indy = game[keep], x[keep], y[keep], indx[keep], indy[keep]
            rpay, cpay, rreg, creg = rpay[keep], cpay[keep], rreg[keep], creg[keep]
    rowbits = np.int64(1) << np.arange(m, dtype=np.int64)
    colbits = np.int64(1) << np.arange(n, dtype=np.int64)
    return dict(
        game=game,
        x=x,
        y=y,
        row_payoff=alo[game] + arng[game] * rpay,
        col_payoff=blo[game] + brng[game] * cpay,
        row_regret=np.maximum(rreg, 0.0) * arng[game],
        col_regret=np.maximum(creg, 0.0) * brng[game],
        row_support=indx @ rowbits,
        col_support=indy @ colbits,
        degenerate=degenerate,
        rejected=rejected,
    )
