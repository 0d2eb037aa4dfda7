"""The mover's gain from a move, as a result a person can read.

Over the follower equilibria a selection keeps, the gain is an interval (see
:mod:`triangle.analysis.point`); it is a single number when its bounds agree.
:class:`Gain` holds the two bounds with names, without floating-point noise (to
1e-12 of the mover's payoff range, as the JSON output writes them), so that
``2.0999999999999996`` reads ``2.1`` in any units, and decides once when a gain is a
range.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from triangle.numbers import tidy

__all__ = ["Gain", "is_range"]


def is_range(lo: float, hi: float) -> bool:
    """Whether a gain's bounds differ enough to be written as a range: by more than a
    billionth of the larger (the bounds are tidied to their scale beforehand, so what
    remains is a real difference, in any units).

    Examples
    --------
    >>> is_range(2.0999999999999996, 2.1), is_range(-0.5, 1.5), is_range(5e-13, 4.5e-12)
    (False, True, True)
    """
    return not math.isclose(lo, hi, rel_tol=1e-9, abs_tol=0.0)


class _Bounds(NamedTuple):
    min: float
    max: float


class Gain(_Bounds):
    """The mover's gain: its lowest and highest value over the selected outcomes.

    A tuple ``(min, max)`` with named fields, so ``lo, hi = analysis.gain`` still works;
    ``Gain(x)`` is the single number ``x`` (``Gain(x, x)``). ``float(gain)`` is the gain
    when it is one number (a :class:`ValueError` when it is a range: then say which
    bound you mean).

    Attributes
    ----------
    min, max : float
        The bounds, without floating-point noise (:func:`~triangle.numbers.tidy`).

    Examples
    --------
    >>> g = Gain.of(2.0999999999999996, 2.0999999999999996)
    >>> g, g.min, float(g)
    (Gain(2.1), 2.1, 2.1)
    >>> Gain.of(-0.5, 1.5)
    Gain(min=-0.5, max=1.5)
    >>> float(Gain.of(-0.5, 1.5))
    Traceback (most recent call last):
    ...
    ValueError: the gain is a range, from -0.5 to 1.5: use .min or .max
    """

    __slots__ = ()

    def __new__(cls, min: float, max: float | None = None) -> Gain:
        return super().__new__(cls, float(min), float(min if max is None else max))

    @classmethod
    def of(cls, lo: float, hi: float, scale: float | None = None) -> Gain:
        """The gain with bounds ``lo`` and ``hi`` tidied to 1e-12 of ``scale`` (the
        mover's payoff range; by default 12 significant digits of each bound)."""
        return cls(tidy(lo, scale), tidy(hi, scale))

    @property
    def is_range(self) -> bool:
        """Whether the bounds differ (:func:`is_range`): the gain depends on which of
        the selected outcomes the followers play."""
        return is_range(self.min, self.max)

    def __float__(self) -> float:
        if self.is_range:
            raise ValueError(
                f"the gain is a range, from {self.min!r} to {self.max!r}: use .min or .max"
            )
        return self.min

    def __repr__(self) -> str:
        if self.min != self.max:
            return f"Gain(min={self.min!r}, max={self.max!r})"
        return f"Gain({self.min!r})"
