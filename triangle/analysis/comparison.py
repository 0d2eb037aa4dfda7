"""Several scenarios' moves analysed side by side (e.g. 1971 against 2025)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from triangle.analysis.analyze import MoveAnalysis, analyze_move
from triangle.analysis.move import require_move
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError, excerpt
from triangle.scenario import load_scenario

__all__ = ["compare"]


def compare(
    scenarios: Sequence,
    overrides: Mapping[str, float] | None = None,
    *,
    thresholds: Sequence[str] | None = (),
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> tuple[MoveAnalysis, ...]:
    """:func:`analyze_move` on several scenarios (Scenario objects or file paths).

    ``overrides`` apply to every scenario that declares the parameter; a name no
    scenario declares is an error, and so is a threshold parameter that one of the
    scenarios lacks. ``thresholds=None`` gives each scenario the parameters its move
    names under ``thresholds:``. Every scenario is checked for a move before any is
    analysed. ``tol`` and ``timeout`` are those of :func:`analyze_move`.
    """
    loaded = [load_scenario(s) if isinstance(s, str | os.PathLike) else s for s in scenarios]
    for s in loaded:
        require_move(s)
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if not any(k in s.parameters for s in loaded)]
    if unknown:
        known = sorted({k for s in loaded for k in s.parameters})
        raise TriangleInputError(
            f"unknown parameter {excerpt(unknown[0])}: no scenario declares it; known parameters: "
            f"{', '.join(known)}"
        )
    return tuple(
        analyze_move(
            s,
            {k: v for k, v in overrides.items() if k in s.parameters},
            thresholds=s.move.thresholds if thresholds is None else thresholds,
            tol=tol,
            timeout=timeout,
        )
        for s in loaded
    )
