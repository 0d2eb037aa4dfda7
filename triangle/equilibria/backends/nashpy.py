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

from collections.abc import Iterable

import numpy as np

from triangle.equilibria.tolerance import positive_image

__all__ = ["support_enumeration", "vertex_enumeration"]

Candidate = tuple[np.ndarray, np.ndarray]


def support_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    """nashpy's support enumeration on ``(A, B)`` (a generator of ``(x, y)``)."""
    import nashpy

    return nashpy.Game(A, B).support_enumeration()


def vertex_enumeration(A: np.ndarray, B: np.ndarray) -> Iterable[Candidate]:
    """nashpy's vertex enumeration on a positive image of ``(A, B)``."""
    import nashpy

    return nashpy.Game(positive_image(A), positive_image(B)).vertex_enumeration()
