"""Move analysis: does a move pay off, why, by how much, and where does it flip.

=====================  =========================================================
module                 concept
=====================  =========================================================
:mod:`.move`           the move a scenario asks about, resolved to indices
:mod:`.gain`           the mover's gain, with named bounds
:mod:`.point`          the verdict at one parameter point with the full solvers
:mod:`.batch`          the same numbers at many points, batched, with certificates
:mod:`.outcomes`       the followers' outcomes after each commitment; the wedge
:mod:`.explain`        the numbers behind the explanation
:mod:`.analyze`        :func:`analyze_move`: all of it for one scenario
:mod:`.thresholds`     :func:`find_threshold`: where the verdict flips
:mod:`.curves`         :func:`gain_curve`, :func:`gain_curves`, :func:`verdict_map`
:mod:`.comparison`     :func:`compare`: several scenarios side by side
:mod:`.uncertainty`    :func:`monte_carlo`, :func:`grid_sweep`: how sure the verdict is
:mod:`.distributed`    sending chunks to a Dask cluster
=====================  =========================================================

The words (verdicts, selections, target states) are in :mod:`triangle.vocabulary`;
the sentences in :mod:`triangle.report.prose`.
"""

from triangle.analysis.analyze import MoveAnalysis, analyze_move
from triangle.analysis.batch import MoveSweep, sweep_move
from triangle.analysis.comparison import compare
from triangle.analysis.curves import (
    GainCurve,
    MarkedPoint,
    VerdictMap,
    gain_curve,
    gain_curves,
    verdict_map,
)
from triangle.analysis.explain import TieFacts
from triangle.analysis.gain import Gain
from triangle.analysis.move import MoveSpec, resolve_move
from triangle.analysis.outcomes import Outcome, Side, Wedge
from triangle.analysis.point import PointResult, evaluate_point
from triangle.analysis.thresholds import Flip, Threshold, find_threshold
from triangle.analysis.uncertainty import GridAxis, GridSweep, MonteCarlo, grid_sweep, monte_carlo
from triangle.vocabulary import (
    SELECTIONS,
    VERDICT_CODES,
    VERDICTS,
    Selection,
    TargetState,
    Verdict,
)

__all__ = [
    "SELECTIONS",
    "VERDICTS",
    "VERDICT_CODES",
    "Flip",
    "Gain",
    "GainCurve",
    "GridAxis",
    "GridSweep",
    "MarkedPoint",
    "MonteCarlo",
    "MoveAnalysis",
    "MoveSpec",
    "MoveSweep",
    "Outcome",
    "PointResult",
    "Selection",
    "Side",
    "TargetState",
    "Threshold",
    "TieFacts",
    "Verdict",
    "VerdictMap",
    "Wedge",
    "analyze_move",
    "compare",
    "evaluate_point",
    "find_threshold",
    "gain_curve",
    "gain_curves",
    "grid_sweep",
    "monte_carlo",
    "resolve_move",
    "sweep_move",
    "verdict_map",
]
