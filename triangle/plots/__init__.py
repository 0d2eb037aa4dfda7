"""Charts that show *why* a move does or does not pay off.

The charts draw the typed results of :mod:`triangle.analysis` and nothing else: a
:class:`~triangle.analysis.MoveAnalysis` (triangle, decomposition, payoffs,
comparison), :class:`~triangle.analysis.GainCurve` objects (gain curve) or a
:class:`~triangle.analysis.VerdictMap`. They compute nothing and decide nothing: the
verdict colours are the results' verdicts, and every sentence (the titles, the reason,
the distance to a threshold) comes from :mod:`triangle.report.prose`.

============================  =================================================================
module                        chart
============================  =================================================================
:mod:`.triangle`              the triangle before and after the move
:mod:`.decomposition`         the mover's gain by payoff component, as a waterfall
:mod:`.payoffs`               every actor's payoff before and after the move
:mod:`.gain_curve`            the mover's gain along one parameter, thresholds and scenarios
:mod:`.verdict_map`           the verdict over the plane of two parameters
:mod:`.comparison`            several scenarios, one row each: triangles, waterfall, verdict
:mod:`.verdict_probability`   how likely each verdict is, with 95% intervals (Monte Carlo)
:mod:`.gain_distribution`     the distribution of the gain, with the break-even line
:mod:`.sensitivity`           what drives the gain: Sobol indices or rank correlations
:mod:`.probability_map`       the verdict map with the sampled probability as contours
:mod:`.style`                 palette, ``rcParams``, blank figures
:mod:`.layout`                text that fits, and labels that do not overlap
:mod:`.output`                :func:`save_figure`: atomic, reproducible files
============================  =================================================================

Every chart has ``draw_<kind>(ax, result)``, which draws into an axes of the caller's
(so charts can share a figure), and ``<kind>_figure(...)``, which lays out a whole
:class:`~matplotlib.figure.Figure` with its title and legends. Figures have an Agg
canvas and are never created through ``pyplot``; everything is drawn inside
:func:`use_style`, which leaves the caller's ``rcParams`` as they were. Key artists
carry a ``gid`` (``"node:US"``, ``"tie:US–China"``, ``"curve:1971"``...; each
module lists its own) so that tests and scripts can find them.

Examples
--------
>>> from triangle.analysis import analyze_move
>>> from triangle.scenario import load_scenario
>>> a = analyze_move(load_scenario("scenarios/kissinger_1971.yaml"))
>>> with use_style():  # the package's look for the axes too
...     fig = new_figure(9, 4)
...     left, right = fig.subplots(1, 2)
...     _ = draw_triangle(left, a.after, mover=a.mover, prefix="after:")
...     _ = draw_decomposition(right, a)
>>> sorted(line.get_gid() for line in left.lines)
['after:tie:China–USSR', 'after:tie:US–China', 'after:tie:US–USSR']
"""

from triangle.plots.comparison import comparison_figure
from triangle.plots.decomposition import decomposition_figure, draw_decomposition
from triangle.plots.gain_curve import draw_gain_curves, gain_curve_figure
from triangle.plots.gain_distribution import draw_gain_distribution, gain_distribution_figure
from triangle.plots.output import FORMATS, PNG_DPI, save_figure
from triangle.plots.payoffs import draw_payoffs, payoffs_figure
from triangle.plots.probability_map import draw_probability_map, probability_map_figure
from triangle.plots.sensitivity import draw_sensitivity, sensitivity_figure
from triangle.plots.style import (
    AFTER_COLOUR,
    AMITY,
    BEFORE_COLOUR,
    CHANCE,
    COMPONENT_COLOURS,
    CURVE_COLOURS,
    ENMITY,
    INK,
    MOVER_FILL,
    MUTED,
    NODE_FILL,
    OKABE_ITO,
    STYLE,
    VERDICT_ALPHA,
    VERDICT_COLOURS,
    new_figure,
    styled,
    use_style,
)
from triangle.plots.triangle import draw_triangle, triangle_figure
from triangle.plots.verdict_map import draw_verdict_map, verdict_map_figure
from triangle.plots.verdict_probability import (
    draw_verdict_probability,
    verdict_probability_figure,
)

__all__ = [
    "AFTER_COLOUR",
    "AMITY",
    "BEFORE_COLOUR",
    "CHANCE",
    "COMPONENT_COLOURS",
    "CURVE_COLOURS",
    "ENMITY",
    "FORMATS",
    "INK",
    "MOVER_FILL",
    "MUTED",
    "NODE_FILL",
    "OKABE_ITO",
    "PNG_DPI",
    "STYLE",
    "VERDICT_ALPHA",
    "VERDICT_COLOURS",
    "comparison_figure",
    "decomposition_figure",
    "draw_decomposition",
    "draw_gain_curves",
    "draw_gain_distribution",
    "draw_payoffs",
    "draw_probability_map",
    "draw_sensitivity",
    "draw_triangle",
    "draw_verdict_map",
    "draw_verdict_probability",
    "gain_curve_figure",
    "gain_distribution_figure",
    "new_figure",
    "payoffs_figure",
    "probability_map_figure",
    "save_figure",
    "sensitivity_figure",
    "styled",
    "triangle_figure",
    "use_style",
    "verdict_map_figure",
    "verdict_probability_figure",
]
