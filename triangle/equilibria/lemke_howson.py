"""The Lemke–Howson algorithm, from every starting label, with a pivot bound.

Complementary pivoting on the two best-response polytopes of a bimatrix game
``(A, B)`` with positive payoffs (von Stengel 2002, §3.4):

* ``P = {x ≥ 0 : Bᵀx ≤ 1}`` as the tableau ``Bᵀx + s = 1`` (labels ``0..m-1`` for
  ``x``, ``m..m+n-1`` for the slacks ``s``), and
* ``Q = {y ≥ 0 : Ay ≤ 1}`` as ``r + Ay = 1`` (labels ``0..m-1`` for ``r``,
  ``m..m+n-1`` for ``y``).

Starting from the artificial equilibrium ``(0, 0)``, the variable with the dropped
label enters; the variable leaving one tableau names the label whose variable
enters the other; the path ends when the dropped label leaves. The minimum-ratio
test is lexicographic (on the rows of the inverse of the initial basis), which
makes the path well defined on degenerate games. Rows are pivoted in floating point
(Gauss–Jordan), so tableau entries stay of the order of the payoffs; a path longer
than :data:`MAX_PIVOTS` is abandoned (a Lemke–Howson path can be exponentially long,
Savani & von Stengel 2006).

Each path ends at one equilibrium; different labels may reach the same one, and
some equilibria are reachable from no label. The candidates are verified by the
caller like every solver's.

References
----------
C. E. Lemke, J. T. Howson, "Equilibrium points of bimatrix games", *Journal of the
SIAM* 12, 1964. B. von Stengel, "Computing equilibria for two-person games",
*Handbook of Game Theory* 3, ch. 45, 2002. R. Savani, B. von Stengel, "Hard-to-solve
bimatrix games", *Econometrica* 74, 2006.
"""

from __future__ import annotations

import time

import numpy as np

from triangle.equilibria.tolerance import positive_image

__all__ = ["MAX_PIVOTS", "lemke_howson", "lemke_howson_path"]

MAX_PIVOTS = 10_000
"""A Lemke–Howson path longer than this is abandoned."""

_RATIO_RTOL = 1e-12
"""Ratios within this (relative) count as tied in the lexicographic ratio test; a
column entry above this times the column's largest counts as positive."""


def _leaving_row(tableau: np.ndarray, column: int, lex: range) -> int | None:
    """The row of the lexicographic minimum-ratio test for the entering ``column``."""
    col = tableau[:, column]
    scale = float(np.abs(col).max())
    rows = np.flatnonzero(col > _RATIO_RTOL * scale) if scale > 0 else np.zeros(0, dtype=int)
    if rows.size == 0:
        return None
    keys = np.column_stack([tableau[rows, -1], tableau[rows][:, list(lex)]]) / col[rows, None]
    for k in range(keys.shape[1]):
        best = keys[:, k].min()
        near = keys[:, k] <= best + _RATIO_RTOL * max(1.0, abs(best))
        rows, keys = rows[near], keys[near]
        if rows.size == 1:
            break
    return int(rows[0])


def lemke_howson_path(
    A: np.ndarray, B: np.ndarray, label: int, max_pivots: int = MAX_PIVOTS
) -> tuple[np.ndarray, np.ndarray] | None:
    """The equilibrium at the end of the Lemke–Howson path that drops ``label``.

    Parameters
    ----------
    A, B : ndarray
        Payoffs of the row and column player, shape ``(m, n)`` (any sign: a positive
        affine image is used).
    label : int
        ``0..m-1`` for a row strategy, ``m..m+n-1`` for a column strategy.
    max_pivots : int
        Pivots after which the path is abandoned.

    Returns
    -------
    (x, y) or None
        The equilibrium reached (probability vectors), or ``None`` when the path was
        abandoned.

    Examples
    --------
    >>> A = np.array([[3.0, 0.0], [0.0, 2.0]]); B = np.array([[2.0, 0.0], [0.0, 3.0]])
    >>> [v.tolist() for v in lemke_howson_path(A, B, 0)]
    [[1.0, 0.0], [1.0, 0.0]]
    """
    A = positive_image(A)
    B = positive_image(B)
    m, n = A.shape
    if not 0 <= label < m + n:
        raise ValueError(f"label {label} is not in 0..{m + n - 1}")
    tableaux = {
        "P": (np.hstack([B.T, np.eye(n), np.ones((n, 1))]), list(range(m, m + n)), range(m, m + n)),
        "Q": (np.hstack([np.eye(m), A, np.ones((m, 1))]), list(range(m)), range(m)),
    }
    side = "P" if label < m else "Q"
    entering = label
    for _ in range(max_pivots):
        tableau, basis, lex = tableaux[side]
        row = _leaving_row(tableau, entering, lex)
        if row is None:  # unbounded: impossible with positive payoffs
            return None
        tableau[row] /= tableau[row, entering]
        factors = tableau[:, entering].copy()
        factors[row] = 0.0
        tableau -= np.outer(factors, tableau[row])
        leaving, basis[row] = basis[row], entering
        if leaving == label:
            break
        entering = leaving
        side = "Q" if side == "P" else "P"
    else:
        return None
    x, y = np.zeros(m), np.zeros(n)
    tp, bp, _ = tableaux["P"]
    tq, bq, _ = tableaux["Q"]
    for r, lab in enumerate(bp):
        if lab < m:
            x[lab] = tp[r, -1]
    for r, lab in enumerate(bq):
        if lab >= m:
            y[lab - m] = tq[r, -1]
    if x.sum() <= 0 or y.sum() <= 0:
        return None
    return x / x.sum(), y / y.sum()


def lemke_howson(
    A: np.ndarray, B: np.ndarray, max_pivots: int = MAX_PIVOTS, deadline: float | None = None
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[int]]:
    """Lemke–Howson from every label: the equilibria reached, and the labels whose
    path was abandoned after ``max_pivots`` pivots or not started before ``deadline``
    (a :func:`time.monotonic` time).

    Examples
    --------
    >>> A = np.array([[3.0, 0.0], [0.0, 2.0]]); B = np.array([[2.0, 0.0], [0.0, 3.0]])
    >>> found, abandoned = lemke_howson(A, B)
    >>> sorted({tuple(x.round(3).tolist()) for x, _ in found}), abandoned
    ([(0.0, 1.0), (1.0, 0.0)], [])
    """
    found, abandoned = [], []
    for label in range(sum(A.shape)):
        if deadline is not None and time.monotonic() > deadline:
            abandoned.append(label)
            continue
        end = lemke_howson_path(A, B, label, max_pivots)
        if end is None:
            abandoned.append(label)
        else:
            found.append(end)
    return found, abandoned
