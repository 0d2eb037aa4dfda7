"""The words of a move's analysis, each defined once: verdicts, selections, target states.

They are string enums (:class:`enum.StrEnum`): a member *is* its string, so it prints,
compares and serialises as the plain word (``Verdict.PAYS_OFF == "pays off"``), and
scenario files, JSON output and charts all use the same words.

This module sits at the bottom of the package with :mod:`triangle.roles`: the
scenario format validates ``expected: {verdict: ...}`` against :class:`Verdict`,
leader commitment selects follower equilibria by :class:`Selection`, and the
analysis builds on both.
"""

from __future__ import annotations

import enum

import numpy as np

__all__ = [
    "MIXED",
    "SEVERAL",
    "SELECTIONS",
    "TARGET_STATES",
    "VERDICTS",
    "VERDICT_CODES",
    "Selection",
    "TargetState",
    "TieState",
    "Verdict",
    "WedgeStatus",
    "Word",
    "verdict_codes",
]


class Word(enum.StrEnum):
    """A word of the vocabulary: a string enum that reads as the plain word, also in
    ``repr`` (so that results print as ``'pays off'`` in a notebook)."""

    def __repr__(self) -> str:
        return repr(self.value)


class Verdict(Word):
    """Whether a move pays off for the mover (see :mod:`triangle.analysis`).

    With the mover's gain between ``gain_min`` and ``gain_max`` over the selected
    follower equilibria and an absolute tolerance ``atol``: it *pays off* when
    ``gain_min > atol``, *does not pay off* when ``gain_max <= atol``, and otherwise
    *depends on equilibrium selection*.
    """

    PAYS_OFF = "pays off"
    DOES_NOT_PAY_OFF = "does not pay off"
    DEPENDS = "depends on equilibrium selection"

    @property
    def code(self) -> int:
        """``1`` (pays off), ``0`` (depends) or ``-1`` (does not pay off), as stored in
        the arrays of batched results."""
        return VERDICT_CODES[self.value]

    @classmethod
    def from_code(cls, code: int) -> Verdict:
        """The verdict of an integer code (:data:`VERDICT_CODES`)."""
        return _BY_CODE[int(code)]


VERDICTS = tuple(v.value for v in Verdict)
"""The three verdicts, as scenario files write them under ``expected``."""

VERDICT_CODES = {
    Verdict.PAYS_OFF.value: 1,
    Verdict.DEPENDS.value: 0,
    Verdict.DOES_NOT_PAY_OFF.value: -1,
}
"""Integer code of each verdict, ordered from best to worst for the mover."""

_BY_CODE = {code: Verdict(name) for name, code in VERDICT_CODES.items()}


def verdict_codes(
    gain_min: np.typing.ArrayLike, gain_max: np.typing.ArrayLike, atol: np.typing.ArrayLike
) -> np.ndarray:
    """Verdict codes (:data:`VERDICT_CODES`) from gain bounds, elementwise: the one
    place where a gain becomes a verdict.

    Examples
    --------
    >>> verdict_codes([0.5, -1.0, -0.5, 1e-12], [2.0, 0.0, 0.5, 1e-12], 1e-9).tolist()
    [1, -1, 0, -1]
    """
    lo = np.asarray(gain_min, dtype=float)
    hi = np.asarray(gain_max, dtype=float)
    return np.where(lo > atol, 1, np.where(hi <= atol, -1, 0)).astype(int)


class Selection(Word):
    """Which of the followers' equilibria a move is judged by (leader commitment).

    ``plausible`` (default): the worst for the mover among the follower equilibria
    in which no follower plays a weakly dominated strategy (all of them if there is
    none); ``optimistic``: the best for the mover; ``pessimistic``: the worst.
    """

    PLAUSIBLE = "plausible"
    OPTIMISTIC = "optimistic"
    PESSIMISTIC = "pessimistic"


SELECTIONS = tuple(s.value for s in Selection)
"""The selection names, default first."""


class TargetState(Word):
    """What the move's target does with its tie to the third actor after the move: its
    best reply is warm toward the third actor (*keeps*: it prefers a tie), cold
    (*drops*: it prefers none), either (*indifferent*); or the third actor is cold to
    it (there is no tie to keep). The state says what the target prefers after the
    move, whether or not their tie was friendly before it.

    The *third actor* is the player of a triangle who is neither the mover nor the
    target: the one the move might split the target from. (It is not Dittmer's role
    *partner*, one of the two friends in a stable marriage.)"""

    KEEPS = "keeps"
    DROPS = "drops"
    INDIFFERENT = "indifferent"
    THIRD_COLD = "third actor cold"
    UNDETERMINED = "undetermined"


TARGET_STATES = tuple(s.value for s in TargetState)


class TieState(Word):
    """A tie over the selected outcomes: friendly in all, hostile in all, or varying."""

    FRIENDLY = "friendly"
    HOSTILE = "hostile"
    VARIES = "varies"


class WedgeStatus(Word):
    """What the move does to the tie between its target and the third actor: whether it
    drives a *wedge* between them."""

    BREAKS = "breaks"
    """Hostile in every selected AFTER outcome, friendly in some selected BEFORE one."""
    ALREADY_BROKEN = "already broken"
    """Hostile before and after."""
    HOLDS = "holds"
    """Friendly in every selected AFTER outcome."""
    DEPENDS = "depends on equilibrium selection"
    """Friendly in some selected AFTER outcomes, hostile in others."""


MIXED = "mixed"
"""In place of a configuration: a selected outcome is a mixed profile."""
SEVERAL = "several"
"""In place of a configuration: the selected outcomes have different configurations."""
