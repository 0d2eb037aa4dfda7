"""triangle: strategic-triangle game theory for three-actor scenarios.

The public API at a glance (each name is documented where it is defined):

>>> import triangle
>>> s = triangle.load_scenario("scenarios/reverse_kissinger_2025.yaml")
>>> a = triangle.analyze_move(s)
>>> a.verdict, a.after.triad.pivot
('does not pay off', 'Russia')

============================  ==========================================================
scenarios                     :func:`load_scenario`, :func:`loads_scenario`,
                              :class:`Scenario` (``.compile()`` gives a :class:`Game`)
equilibria                    :func:`solve`, :func:`leader_commitment`,
                              :func:`max_regret`, :func:`is_nash`
the triangle                  :class:`Triad` (Dittmer's configurations and roles)
a move                        :func:`analyze_move`, :func:`find_threshold`,
                              :func:`compare`, :func:`gain_curve`, :func:`gain_curves`,
                              :func:`verdict_map`, :func:`sweep_move`
how sure                      :func:`monte_carlo`, :func:`grid_sweep`
words                         :class:`Verdict`, :class:`Selection`, :class:`TargetState`
what users read               :func:`to_data` (JSON-ready), :func:`reason`,
                              :func:`threshold_sentence`
charts                        :mod:`triangle.plots` (imported on its own: matplotlib)
live tweaking                 :func:`explore` (sliders in a notebook; imported when
                              first used: matplotlib, and ipywidgets if installed)
============================  ==========================================================
"""

__version__ = "0.1.0"

from triangle.analysis import (
    analyze_move,
    compare,
    find_threshold,
    gain_curve,
    gain_curves,
    grid_sweep,
    monte_carlo,
    sweep_move,
    verdict_map,
)
from triangle.equilibria import is_nash, leader_commitment, max_regret, solve
from triangle.errors import ScenarioError, SolverError, TriangleError, TriangleInputError
from triangle.game import Game
from triangle.report import reason, threshold_sentence, to_data
from triangle.roles import Triad
from triangle.scenario import Scenario, load_scenario, loads_scenario
from triangle.vocabulary import Selection, TargetState, Verdict

__all__ = [
    "Explorer",
    "Game",
    "Scenario",
    "ScenarioError",
    "Selection",
    "SolverError",
    "TargetState",
    "Triad",
    "TriangleError",
    "TriangleInputError",
    "Verdict",
    "__version__",
    "analyze_move",
    "compare",
    "explore",
    "find_threshold",
    "gain_curve",
    "gain_curves",
    "grid_sweep",
    "is_nash",
    "leader_commitment",
    "load_scenario",
    "loads_scenario",
    "max_regret",
    "monte_carlo",
    "reason",
    "solve",
    "sweep_move",
    "threshold_sentence",
    "to_data",
    "verdict_map",
]

_LAZY = {"explore", "Explorer"}
"""Names imported from :mod:`triangle.explorer` when first used, so that ``import triangle``
and the command line do not import matplotlib or ipywidgets."""


def __getattr__(name: str):
    if name in _LAZY:
        from triangle import explorer

        return getattr(explorer, name)
    raise AttributeError(f"module 'triangle' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
