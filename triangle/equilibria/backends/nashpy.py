"""nashpy's support and vertex enumeration, through its public API.

Both return candidate profiles only; the caller verifies every one
(:func:`~triangle.equilibria.result.verify_candidates`). nashpy is imported inside the
functions, so that importing :mod:`triangle` does not load it (nor SciPy).

References
----------
V. Knight, J. Campbell, "Nashpy: A Python library for the computation of Nash
equilibria", *Journal of Open Source Software* 3(30), 2018.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable

import numpy as np

from triangle.equilibria.tolerance import positive_image

__all__ = [
    "support_enumeration",
    "support_enumeration_by_size",
    "vertex_enumeration",
    "vertex_enumeration_list",
]

Candidate = tuple[np.ndarray, np.ndarray]


def support_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    """nashpy's support enumeration on ``(A, B)`` (a generator of ``(x, y)``)."""
    import nashpy

    return nashpy.Game(A, B).support_enumeration()


def vertex_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    """nashpy's vertex enumeration on a positive image of ``(A, B)``."""
    import nashpy

    return nashpy.Game(positive_image(A), positive_image(B)).vertex_enumeration()


def vertex_enumeration_list(A: np.ndarray, B: np.ndarray) -> list[Candidate]:
    """:func:`vertex_enumeration` as a list (to be sent back from a child process)."""
    return [(np.asarray(x, float), np.asarray(y, float)) for x, y in vertex_enumeration(A, B)]


def support_enumeration_by_size(
    A: np.ndarray, B: np.ndarray, *, deadline: float | None = None, tol: float = 1e-9
) -> tuple[list[Candidate], int]:
    """Support enumeration over supports of equal size, smallest first, until a deadline.

    Each support pair's indifference systems are solved with nashpy's public
    ``solve_indifference``; the solutions are kept when they are probability vectors on
    their supports and every strategy played is a best reply within ``tol`` (of payoffs
    in ``[0, 1]``), a tolerance-aware version of nashpy's own ``==`` test, which misses
    equilibria of float games.

    Parameters
    ----------
    A, B : ndarray
        The players' payoffs, each mapped onto ``[0, 1]``.
    deadline : float, optional
        A :func:`time.monotonic` time after which no new support size is started and
        the current one is abandoned.
    tol : float
        Tolerance of the support and best-reply checks.

    Returns
    -------
    candidates : list of (x, y)
    searched : int
        The largest support size whose every pair was solved (``min(m, n)`` when the
        enumeration finished).
    """
    from nashpy.algorithms.support_enumeration import solve_indifference

    m, n = A.shape
    found: list[Candidate] = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                if deadline is not None and time.monotonic() > deadline:
                    return found, k - 1
                x = solve_indifference(B.T, cols, rows)
                y = solve_indifference(A, rows, cols)
                if x is False or y is False:
                    continue
                x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
                if x[list(rows)].min() <= 0 or y[list(cols)].min() <= 0:
                    continue
                row_values, col_values = A @ y, x @ B
                if row_values[list(rows)].min() < row_values.max() - tol:
                    continue
                if col_values[list(cols)].min() < col_values.max() - tol:
                    continue
                found.append((x, y))
    return found, min(m, n)
