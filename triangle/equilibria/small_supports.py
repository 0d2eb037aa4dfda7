"""Support enumeration for 3-player games, up to two strategies per player, in closed form.

For a support profile in which each player ``i`` plays one or two strategies, a Nash
equilibrium on it makes every mixing player indifferent between its two strategies.
With ``q_j`` the probability a mixing player ``j`` puts on its second strategy, player
``i``'s payoff difference is multilinear in the other mixing players' ``q``:

* two players mixing: each difference is linear in the other's ``q``, one root each;
* three mixing: ``D_1(q_2, q_3) = D_2(q_1, q_3) = D_3(q_1, q_2) = 0``. Solving the first
  two for ``q_2`` and ``q_1`` as ratios of linear functions of ``q_3`` and clearing the
  denominators of the third gives a polynomial of degree at most 2 in ``q_3``: at most
  two solutions, in closed form.

Every root strictly inside ``(0, 1)`` is a candidate; the caller verifies it (regret
and support condition) and Newton-polishes it. In degenerate games the indifferences
may leave one probability free (a player indifferent whatever another mixes): every
payoff is then linear in it, and the ends of the interval where nobody gains by
deviating are the candidates (an isolated equilibrium pinned by a best-response
inequality, or the ends of a segment of equilibria, counted as a continuum). A support
whose system leaves more than one probability free is skipped and counted: the boxes of
pure equilibria (:mod:`triangle.equilibria.boxes`) cover the common such case.

When every support profile of a game has at most two strategies per player (a 2×2×2
game) and none was skipped, this is complete: every equilibrium is found. The search
visits support profiles in a fixed order and stops at a deadline, saying how far it
got.

References
----------
R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games", *Handbook of
Computational Economics* 1, ch. 2, 1996 (support enumeration, the 2×2×2 game with nine
equilibria).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

import numpy as np

__all__ = ["SmallSupportSearch", "small_support_equilibria"]

_ROOT_ATOL = 1e-12
"""A root within this of 0 or 1 is a boundary one (a smaller support, found there)."""


@dataclass
class SmallSupportSearch:
    """What :func:`small_support_equilibria` searched.

    Attributes
    ----------
    candidates : list of tuple of ndarray
        Profiles solving a support's indifference system (not yet verified).
    searched, total : int
        Support profiles with a mixing player visited, and how many there are.
    continua : int
        Supports skipped because their system holds on a continuum.
    complete : bool
        Every support profile of the game was visited (each player has at most two
        strategies, and the deadline was not reached) and none was skipped.
    """

    candidates: list[tuple[np.ndarray, ...]] = field(default_factory=list)
    searched: int = 0
    total: int = 0
    continua: int = 0
    complete: bool = False


def _supports(size: int) -> list[tuple[int, ...]]:
    return [(k,) for k in range(size)] + list(itertools.combinations(range(size), 2))


def _difference(payoffs: np.ndarray, i: int, support: tuple[int, int]) -> np.ndarray:
    """Player ``i``'s payoff from its first support strategy minus its second, as an
    array over the other two players' strategies (in player order)."""
    own = np.moveaxis(payoffs[i], i, 0)
    return own[support[0]] - own[support[1]]


def _corners(delta: np.ndarray, sa: tuple[int, ...], sb: tuple[int, ...]) -> np.ndarray:
    """Coefficients ``(a, b, c, d)`` of ``a + b q_A + c q_B + d q_A q_B`` for a difference
    ``delta`` over two players A, B with supports ``sa``, ``sb`` (a pure player's ``q`` is
    absent: its coefficients are 0)."""
    pa = list(sa) if len(sa) == 2 else [sa[0], sa[0]]
    pb = list(sb) if len(sb) == 2 else [sb[0], sb[0]]
    d00, d01 = delta[pa[0], pb[0]], delta[pa[0], pb[1]]
    d10, d11 = delta[pa[1], pb[0]], delta[pa[1], pb[1]]
    return np.array([d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00])


def _inside(q: float) -> bool:
    return _ROOT_ATOL < q < 1.0 - _ROOT_ATOL


def _profile(shape, supports, q) -> tuple[np.ndarray, ...]:
    out = []
    for size, sup, qi in zip(shape, supports, q, strict=True):
        vec = np.zeros(size)
        if len(sup) == 1:
            vec[sup[0]] = 1.0
        else:
            vec[sup[0]], vec[sup[1]] = 1.0 - qi, qi
        out.append(vec)
    return tuple(out)


def _solve(
    coeffs: list[np.ndarray], mixing: list[int], scale: float
) -> list[tuple[list[float], int | None]] | None:
    """Solutions of the indifference system: pairs ``(q, free)``, ``q`` one probability
    per player (0 for pure ones) and ``free`` the player whose ``q`` the system leaves
    free (``None`` when every ``q`` is fixed); ``None`` when it holds on a continuum
    of more than one dimension."""
    small = 1e-12 * scale
    if len(mixing) == 2:
        i, j = mixing
        # D_i is linear in q_j and D_j in q_i: coefficients (a, b) with the other's q
        out = [0.0, 0.0, 0.0]
        free = []
        for me, other in ((i, j), (j, i)):
            a, b = _linear(coeffs[me], me, other)
            if abs(b) <= small:
                if abs(a) > small:
                    return []  # me is never indifferent
                free.append(other)  # me is always indifferent: other's q is free
            else:
                out[other] = -a / b
        if len(free) == 2:
            return None
        return [(out, free[0] if free else None)]
    # three players mixing: D_1 = a1 + b1 q2 + c1 q3 + d1 q2 q3 and so on; given q3,
    # D_1 = N1 + M1 q2 and D_2 = N2 + M2 q1 are linear, D_3 bilinear in (q1, q2)
    a1, b1, c1, d1 = coeffs[0]  # in (q2, q3)
    a2, b2, c2, d2 = coeffs[1]  # in (q1, q3)
    a3, b3, c3, d3 = coeffs[2]  # in (q1, q2)
    n1, m1 = np.array([c1, a1]), np.array([d1, b1])  # highest degree first, in q3
    n2, m2 = np.array([c2, a2]), np.array([d2, b2])
    # D_3 * M1 * M2 after q2 = -N1/M1, q1 = -N2/M2 (polyadd: the products may be short)
    poly = np.polyadd(
        np.polysub(a3 * np.polymul(m1, m2), b3 * np.polymul(n2, m1)),
        np.polysub(d3 * np.polymul(n1, n2), c3 * np.polymul(n1, m2)),
    )
    if np.all(np.abs(poly) <= small):
        return None
    # every q3 where a solution can be: roots of the eliminated polynomial, and where a
    # denominator vanishes (there the first two equations leave q1 or q2 free)
    candidates = []
    for p in (poly, m1, m2):
        trimmed = np.trim_zeros(p, "f")
        if trimmed.size > 1:
            candidates += [r.real for r in np.roots(trimmed) if abs(r.imag) <= 1e-9]
    out = []
    zero = 1e-9 * scale
    for q3 in sorted(set(np.round(candidates, 14))):
        if not _inside(q3):
            continue
        N1, M1 = np.polyval(n1, q3), np.polyval(m1, q3)
        N2, M2 = np.polyval(n2, q3), np.polyval(m2, q3)
        if (abs(M1) <= zero and abs(N1) > zero) or (abs(M2) <= zero and abs(N2) > zero):
            continue  # D_1 or D_2 cannot vanish at this q3
        free1, free2 = abs(M2) <= zero, abs(M1) <= zero  # q1 (resp. q2) left free
        if free1 and free2:
            return None  # D_3 = 0 is a curve in (q1, q2): a continuum
        if free1 or free2:
            # the other probability is fixed by D_1 or D_2; D_3 is linear in the free one
            fixed = -N1 / M1 if free1 else -N2 / M2
            if free1:
                slope, level = b3 + d3 * fixed, a3 + c3 * fixed
            else:
                slope, level = c3 + d3 * fixed, a3 + b3 * fixed
            if abs(slope) <= zero:
                if abs(level) <= zero:
                    return None
                continue
            free = -level / slope
            q1, q2 = (free, fixed) if free1 else (fixed, free)
        else:
            q1, q2 = -N2 / M2, -N1 / M1
            if abs(a3 + b3 * q1 + c3 * q2 + d3 * q1 * q2) > zero:
                continue  # a root of a denominator only: not a solution
        out.append(([float(q1), float(q2), float(q3)], None))
    return out


def _linear(coeff: np.ndarray, me: int, other: int) -> tuple[float, float]:
    """``(a, b)`` of ``a + b q_other`` from the bilinear coefficients of player ``me``'s
    difference (the third player pure: its ``q`` terms vanish)."""
    a, b, c, _ = coeff
    players = [p for p in range(3) if p != me]
    return float(a), float(b if players[0] == other else c)


def small_support_equilibria(
    payoffs: np.ndarray, *, deadline: float | None = None
) -> SmallSupportSearch:
    """Candidate equilibria of a 3-player game on supports of at most two strategies.

    Parameters
    ----------
    payoffs : ndarray
        Shape ``(3, s_1, s_2, s_3)``, normalised (each player's payoffs in ``[0, 1]``).
    deadline : float, optional
        A :func:`time.monotonic` time after which the search stops.

    Returns
    -------
    SmallSupportSearch

    Examples
    --------
    Three-player coordination (all get 1 when all choose the same strategy): the
    uniform profile is the one equilibrium with every player mixing.

    >>> u = np.zeros((3, 2, 2, 2)); u[:, 0, 0, 0] = u[:, 1, 1, 1] = 1
    >>> found = small_support_equilibria(u)
    >>> [[v.tolist() for v in p] for p in found.candidates if all(v.min() > 0 for v in p)]
    [[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]]
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.shape[0] != 3 or payoffs.ndim != 4:
        raise ValueError(f"a 3-player payoff array is needed, got shape {payoffs.shape}")
    shape = payoffs.shape[1:]
    per_player = [_supports(m) for m in shape]
    result = SmallSupportSearch()
    result.total = int(np.prod([len(s) for s in per_player])) - int(np.prod(shape))
    finished = True
    for supports in itertools.product(*per_player):
        mixing = [i for i, s in enumerate(supports) if len(s) == 2]
        if len(mixing) < 2:  # one player mixing against pure ones
            if len(mixing) == 1:
                result.searched += 1
                if _single(payoffs, supports, mixing[0]):
                    _add_segment(result, payoffs, supports, [0.0, 0.0, 0.0], mixing[0])
            continue
        if deadline is not None and time.monotonic() > deadline:
            finished = False
            break
        result.searched += 1
        coeffs = [None, None, None]
        for i in mixing:
            j, k = (p for p in range(3) if p != i)
            coeffs[i] = _corners(_difference(payoffs, i, supports[i]), supports[j], supports[k])
        scale = max(1.0, max(float(np.abs(c).max()) for c in coeffs if c is not None))
        solutions = _solve(coeffs, mixing, scale)
        if solutions is None:
            result.continua += 1
            continue
        for q, free in solutions:
            if free is not None:  # one probability left free by the indifferences
                if all(_inside(q[i]) for i in mixing if i != free):
                    _add_segment(result, payoffs, supports, q, free)
            elif all(_inside(q[i]) for i in mixing):
                result.candidates.append(_profile(shape, supports, q))
    result.complete = finished and result.continua == 0 and max(shape) <= 2
    return result


def _add_segment(
    result: SmallSupportSearch, payoffs: np.ndarray, supports, q: list[float], free: int
) -> None:
    """Record the equilibria on a support whose indifferences leave player ``free``'s
    probability ``q[free]`` undetermined: every player's payoffs are linear in it, so
    the values where nobody gains by deviating form an interval. Its ends inside
    ``(0, 1)`` are candidates (extreme equilibria; an end at 0 or 1 is a smaller
    support, found there); an interval of positive length is a continuum (counted)."""
    shape = payoffs.shape[1:]
    gaps = []
    for value in (0.0, 1.0):
        at = list(q)
        at[free] = value
        gaps.append(_gaps(payoffs, _profile(shape, supports, at)))
    g0, g1 = gaps
    slope = g1 - g0
    lo, hi = 0.0, 1.0
    flat = np.abs(slope) <= 1e-12
    if np.any(g0[flat] > 1e-12):
        return  # a deviation pays whatever the free probability
    up, down = slope > 1e-12, slope < -1e-12
    if up.any():
        hi = min(hi, float(np.min(-g0[up] / slope[up])))
    if down.any():
        lo = max(lo, float(np.max(-g0[down] / slope[down])))
    if lo > hi + 1e-12:
        return
    if hi - lo > 1e-9:
        result.continua += 1
    for value in sorted({lo, hi}):
        if _inside(value):
            at = list(q)
            at[free] = value
            result.candidates.append(_profile(shape, supports, at))


def _gaps(payoffs: np.ndarray, profile: tuple[np.ndarray, ...]) -> np.ndarray:
    """Each player's payoff from each pure strategy minus its payoff at ``profile``,
    all players' strategies in one vector."""
    out = []
    for i in range(3):
        values = payoffs[i]
        for j in (2, 1, 0):  # contract the others' strategies, last axis first
            if j != i:
                values = np.tensordot(values, profile[j], axes=([j], [0]))
        out.append(values - values @ profile[i])
    return np.concatenate(out)


def _single(payoffs: np.ndarray, supports, i: int) -> bool:
    """Whether the lone mixing player ``i`` is indifferent against the others' pure
    strategies (a continuum of candidates, left to the boxes)."""
    j, k = (p for p in range(3) if p != i)
    delta = _difference(payoffs, i, supports[i])
    return abs(float(delta[supports[j][0], supports[k][0]])) <= 1e-12
