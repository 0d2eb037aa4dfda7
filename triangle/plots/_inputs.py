"""The typed results charts accept: checks, and the name a chart gives a scenario.

Charts take the results of :mod:`triangle.analysis` as they are; anything else (a
dict of :func:`triangle.report.to_data`, a path) is a :class:`TypeError`, and an
empty list of analyses a :class:`~triangle.errors.TriangleInputError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from triangle.analysis import GainCurve, MoveAnalysis, VerdictMap
from triangle.errors import TriangleInputError

__all__ = ["analyses_of", "analysis_of", "curves_of", "scenario_label", "verdict_map_of"]


def _kind(value: Any) -> str:
    return type(value).__name__


def analysis_of(value: Any) -> MoveAnalysis:
    """``value`` if it is a :class:`~triangle.analysis.MoveAnalysis`, else a TypeError."""
    if not isinstance(value, MoveAnalysis):
        raise TypeError(
            f"expected a MoveAnalysis (from triangle.analysis.analyze_move), got {_kind(value)}"
        )
    return value


def analyses_of(values: Iterable[Any]) -> list[MoveAnalysis]:
    """A non-empty list of analyses (one analysis alone is taken as a list of one)."""
    if isinstance(values, MoveAnalysis):
        return [values]
    found = [analysis_of(v) for v in values]
    if not found:
        raise TriangleInputError("nothing to chart: no analyses given")
    return found


def curves_of(values: Any) -> list[GainCurve]:
    """A non-empty list of gain curves of one parameter (one curve alone is a list of one)."""
    if isinstance(values, GainCurve):
        return [values]
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"expected a GainCurve or a sequence of them, got {_kind(values)}")
    curves = list(values)
    for c in curves:
        if not isinstance(c, GainCurve):
            raise TypeError(
                f"expected GainCurve objects (from triangle.analysis.gain_curves), got {_kind(c)}"
            )
    if not curves:
        raise TriangleInputError("nothing to chart: no curves given")
    parameters = list(dict.fromkeys(c.parameter for c in curves))
    if len(parameters) > 1:
        raise TriangleInputError(
            f"curves of different parameters ({', '.join(parameters)}) cannot share an axis"
        )
    return curves


def verdict_map_of(value: Any) -> VerdictMap:
    """``value`` if it is a :class:`~triangle.analysis.VerdictMap`, else a TypeError."""
    if not isinstance(value, VerdictMap):
        raise TypeError(
            f"expected a VerdictMap (from triangle.analysis.verdict_map), got {_kind(value)}"
        )
    return value


def scenario_label(analysis: MoveAnalysis) -> str:
    """The scenario's title (its path when it has none): how charts name a scenario in
    headings and gids."""
    scenario = analysis.scenario
    return str(getattr(scenario, "title", None) or getattr(scenario, "path", None) or "scenario")
