"""Move analysis: does a move pay off, why, by how much, and where does it flip.

:func:`analyze_move` judges a scenario's ``move:`` at one parameter point with the
full solvers and explains the verdict; :func:`find_threshold` finds the parameter
values at which the verdict (or the target's best reply) flips; :func:`gain_curve`
and :func:`verdict_map` evaluate many points through the batched path of
:mod:`triangle.sweep`; :func:`compare` analyses several scenarios.
"""

from triangle.analysis.move import (
    DECOMPOSITION_RULE,
    SELECTION_RULES,
    MoveAnalysis,
    Outcome,
    Side,
    Wedge,
    analyze_move,
    compare,
)
from triangle.analysis.thresholds import Flip, Threshold, find_threshold
from triangle.sweep import (
    SELECTIONS,
    VERDICT_CODES,
    VERDICTS,
    GainCurve,
    VerdictMap,
    gain_curve,
    verdict_map,
)

__all__ = [
    "DECOMPOSITION_RULE",
    "SELECTIONS",
    "SELECTION_RULES",
    "VERDICTS",
    "VERDICT_CODES",
    "Flip",
    "GainCurve",
    "MoveAnalysis",
    "Outcome",
    "Side",
    "Threshold",
    "VerdictMap",
    "Wedge",
    "analyze_move",
    "compare",
    "find_threshold",
    "gain_curve",
    "verdict_map",
]
