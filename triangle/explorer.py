"""Live tweaking of a scenario: :func:`explore` gives one slider per parameter and redraws
whether the move pays off, and why, as the sliders move.

What is shown, and how each part is computed:

* **the verdict and the gain**, under the selection rule chosen and the others: the
  batched path at one point (:func:`~triangle.analysis.batch.judge_payoffs`), at every
  change of a slider or of the selection;
* **why**: :func:`~triangle.report.reason` and the wedge of
  :func:`~triangle.analysis.analyze_move` at the values shown;
* **where the verdict flips**: for each parameter alone, the nearest values where the
  verdict changes, from :func:`~triangle.analysis.find_threshold` with
  ``verify=False``, worded by :func:`~triangle.report.threshold_sentence`;
* **the charts**: the triangle before and after the move
  (:func:`~triangle.plots.draw_triangle`; each actor's payoffs,
  :func:`~triangle.plots.draw_payoffs`, for a game without ties) and the mover's gain
  by payoff component (:func:`~triangle.plots.draw_decomposition`).

**Why the verdict is the same as analyze_move's.** The
batched path is the one :func:`~triangle.analysis.sweep_move`, the threshold searches
and the Monte Carlo runs use. At every point it computes the same
:class:`~triangle.analysis.PointResult` as
:func:`~triangle.analysis.evaluate_point`, on which ``analyze_move`` rests: pure
follower equilibria where a certificate proves that mixed ones cannot change the
answer, every extreme equilibrium from the batched solver where it cannot, and
``evaluate_point`` itself for the few games that solver does not cover. The tests
check the explorer against ``analyze_move`` at random slider positions; and whenever
the full analysis has been computed for the values shown, the explorer compares the
two and says so if they ever differ.

**Flips** are read from the batched path alone (``verify=False``): the same values as
the full search, about five times faster, and exactly where the verdict shown changes
as a slider crosses them.

**Timing** (``benchmarks/bench_explore.py``, on the shipped scenarios): the verdict
takes about 10 ms a change (20–40 ms from a slider message to the kernel's update);
the reason about 0.1 s, the flips of every parameter a few tenths of a second and the
charts up to a second on a busy machine. So only the verdict is redrawn while a
slider moves; once the sliders have been still for ``settle`` seconds the reason, the
flips and the charts follow, in that order, each computed in its own turn of the
kernel's event loop, so that slider messages are never queued behind a redraw and a
change cancels the parts not yet drawn. Results are cached by parameter values:
going back to a position costs nothing.

Without a running event loop (a script, the tests) nothing is scheduled: each part is
brought up to date when it is read (:attr:`Explorer.analysis`, :attr:`Explorer.text`,
:meth:`Explorer.figure`, :meth:`Explorer.refresh`).

Without a widget front end the same object displays a static view (text and a PNG
as HTML): it carries both, and a front end that renders widgets shows the widgets.
Without ipywidgets there are no sliders, the static view says how to get them, and
everything else works. The module is imported only by :func:`~triangle.explorer.explore`, so
``import triangle`` and the command line never import ipywidgets or matplotlib, and
ipywidgets only when widgets are asked for.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import html
import io
import math
import os
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triangle.analysis.analyze import MoveAnalysis, analyze_move
from triangle.analysis.batch import judge_payoffs
from triangle.analysis.gain import Gain
from triangle.analysis.move import require_move, resolve_move
from triangle.analysis.point import PointResult
from triangle.analysis.thresholds import Threshold, find_threshold
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleError
from triangle.numbers import flip_value
from triangle.plots import (
    VERDICT_COLOURS,
    draw_decomposition,
    draw_payoffs,
    draw_triangle,
    new_figure,
    use_style,
)
from triangle.plots.layout import fit, pad_ylim
from triangle.report.prose import (
    SELECTION_RULES,
    decomposition_title,
    full_stop,
    other_selections,
    reason,
    threshold_sentence,
    verdict_sentence,
    wedge_sentence,
)
from triangle.scenario import Scenario, load_scenario
from triangle.scenario.model import Parameter
from triangle.vocabulary import SELECTIONS, Selection, TargetState, Verdict

__all__ = [
    "INSTALL_HINT",
    "SETTLE",
    "Explorer",
    "SliderRange",
    "explore",
    "nice_step",
    "slider_range",
]

SETTLE = 0.25
"""Seconds the sliders must be still before the reason, charts and flips are redrawn."""
INSTALL_HINT = "pip install 'triangle[notebooks]'"
"""How to get the widgets (and a notebook to show them in)."""
STEPS = 200
"""About how many steps a slider has over its range."""
PNG_DPI = 80
"""Resolution of the charts shown (the figure is 11 inches wide: 880 pixels)."""
_CACHE = 64
"""Points whose results are kept (going back to a value costs nothing)."""
_PARTS = ("why", "flips", "charts")
"""The parts that wait for the sliders to settle, in the order they are shown: the
cheapest first."""
_WAITING = {
    "why": "working out why…",
    "flips": "searching for flips…",
    "charts": "drawing the charts…",
}


# -- slider ranges -----------------------------------------------------------------------------


def nice_step(width: float, steps: int = STEPS) -> float:
    """The step of a slider over ``width``: ``width / steps`` rounded to the nearest of
    1, 2 or 5 times a power of ten (nearest on a log scale).

    Examples
    --------
    >>> nice_step(14), nice_step(8), nice_step(2), nice_step(2.75), nice_step(6)
    (0.05, 0.05, 0.01, 0.01, 0.02)
    """
    raw = width / steps
    exponent = math.floor(math.log10(raw))
    candidates = [float(f"{m}e{e}") for e in (exponent, exponent + 1) for m in (1, 2, 5)]
    return min(candidates, key=lambda c: abs(math.log(c / raw)))


@dataclass(frozen=True)
class SliderRange:
    """Where a parameter's slider goes.

    Attributes
    ----------
    lo, hi : float
        The ends: the parameter's declared range, else
        :meth:`~triangle.scenario.model.Parameter.search_range` of its value (the
        interval the threshold searches and charts use).
    step : float
        :func:`nice_step` of the width.
    declared : bool
        Whether the range is the scenario's own.
    tooltip : str
        The parameter's description and unit, its range, and, for a derived range,
        how it was derived.
    """

    lo: float
    hi: float
    step: float
    declared: bool
    tooltip: str

    @property
    def decimals(self) -> int:
        """Decimals the slider's readout shows: the step's, and at least two."""
        return max(2, -math.floor(math.log10(self.step) + 1e-12))


def slider_range(parameter: Parameter) -> SliderRange:
    """The :class:`SliderRange` of one of a scenario's parameters.

    Examples
    --------
    >>> from triangle.scenario.model import Parameter
    >>> r = slider_range(Parameter("rivalry", 6.0, (-4.0, 10.0), "payoff units",
    ...                            "What China and the USSR lose from a friendly tie."))
    >>> r.lo, r.hi, r.step, r.declared
    (-4.0, 10.0, 0.05, True)
    >>> print(r.tooltip)
    What China and the USSR lose from a friendly tie. (payoff units; range −4.00 to 10.00)
    >>> print(slider_range(Parameter("x", 2.0)).tooltip)
    x (no declared range: the slider spans value ± 10·max(1, |value|), −18.00 to 22.00)
    """
    lo, hi = parameter.search_range()
    declared = parameter.range is not None
    about = [parameter.unit] if parameter.unit else []
    span = f"{flip_value(lo)} to {flip_value(hi)}"
    if declared:
        about.append(f"range {span}")
    else:
        about.append(f"no declared range: the slider spans value ± 10·max(1, |value|), {span}")
    head = (parameter.description or parameter.name).strip()
    return SliderRange(lo, hi, nice_step(hi - lo), declared, f"{head} ({'; '.join(about)})")


# -- the explorer ------------------------------------------------------------------------------


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (whose front end may show widgets)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _widgets_module() -> tuple[Any, str | None]:
    """``(ipywidgets, None)``, or ``(None, why not)`` when it cannot be used."""
    try:
        import ipywidgets
    except ImportError:
        return (
            None,
            f"ipywidgets is not installed, so this view is static; for sliders: {INSTALL_HINT}",
        )
    major = str(getattr(ipywidgets, "__version__", "0")).split(".")[0]
    if not major.isdigit() or int(major) < 8:
        return None, (
            f"ipywidgets {ipywidgets.__version__} is too old (8 or later is needed), so this "
            f"view is static; for sliders: {INSTALL_HINT}"
        )
    return ipywidgets, None


class _Cache(OrderedDict):
    """The last :data:`_CACHE` results, by key."""

    def get_or(self, key, compute):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = compute()
        self[key] = value
        if len(self) > _CACHE:
            self.popitem(last=False)
        return value


class Explorer:
    """A scenario's move judged at parameter values a reader sets with sliders (see
    :func:`explore`, which makes one, and the module notes).

    Attributes
    ----------
    scenario : Scenario
    sliders : dict
        Parameter name -> ``ipywidgets.FloatSlider``, in the scenario's order
        (empty without ipywidgets). Setting a slider's ``value`` is what moving it does.
    selector : ipywidgets.ToggleButtons or None
        The selection rule (:data:`~triangle.vocabulary.SELECTIONS`).
    widget : ipywidgets.VBox or None
        Everything, as one widget (what a notebook displays).
    ranges : dict
        Parameter name -> :class:`SliderRange`.
    note : str or None
        Why there are no widgets, when there are none.
    timings : dict
        Seconds the last computation of each part took: ``"verdict"`` (the batched
        path), ``"analysis"`` (:func:`~triangle.analysis.analyze_move`), ``"charts"``
        (drawing and PNG) and ``"flips"`` (every parameter's threshold).
    settle : float
    tol : float
    timeout : float or None
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        selection: str = "plausible",
        values: Mapping[str, float] | None = None,
        widgets: bool = True,
        settle: float = SETTLE,
        tol: float = DEFAULT_TOL,
        timeout: float | None = DEFAULT_TIMEOUT,
    ):
        require_move(scenario)
        self.scenario = scenario
        self.tol = tol
        self.timeout = timeout
        self.settle = float(settle)
        self._selection = check_selection(selection)
        self._values = scenario.parameter_values(values)
        self._template = scenario.compile(self._values)
        self._spec = resolve_move(scenario, self._template)
        self.ranges = {name: slider_range(p) for name, p in scenario.parameters.items()}
        self._points = _Cache()
        self._analyses = _Cache()
        self._charts = _Cache()
        self._flips = _Cache()
        self._shown: dict[str, Any] = {}
        self._pending: asyncio.Handle | None = None
        self._quiet = False
        self.timings: dict[str, float] = {}
        self.sliders: dict[str, Any] = {}
        self.selector = None
        self.widget = None
        self.note: str | None = None
        if widgets:
            module, self.note = _widgets_module()
            if module is not None:
                self._build(module)
                self._show_verdict()
                self._request_refresh()

    # -- what is set ---------------------------------------------------------------------------
    @property
    def values(self) -> dict[str, float]:
        """Every parameter's value now."""
        return dict(self._values)

    @property
    def selection(self) -> Selection:
        """The selection rule the verdict, gain and flips are under."""
        return self._selection

    def changed(self) -> dict[str, float]:
        """The parameters whose value differs from the scenario's, with their value now."""
        return {
            name: v for name, v in self._values.items() if v != self.scenario.parameters[name].value
        }

    def set(self, **values: float) -> Explorer:
        """Set parameter values, as moving their sliders does (one update for all).

        Returns
        -------
        Explorer
            ``self``.

        Raises
        ------
        TriangleInputError
            For an unknown parameter, or a value that is not a finite number inside the
            parameter's declared range.
        """
        checked = self.scenario.parameter_values({**self._values, **values})
        self._quiet = True
        try:
            for name in values:
                slider = self.sliders.get(name)
                if slider is not None:  # a slider over a derived range widens to the value
                    slider.min = min(slider.min, checked[name])
                    slider.max = max(slider.max, checked[name])
                    slider.value = checked[name]
        finally:
            self._quiet = False
        self._values = checked
        self._changed()
        return self

    def select(self, selection: str) -> Explorer:
        """Judge the move under another selection rule (as the selector does).

        Returns
        -------
        Explorer
            ``self``.

        Raises
        ------
        TriangleInputError
            For an unknown selection.
        """
        chosen = check_selection(selection)
        if self.selector is not None:
            self.selector.value = str(chosen)  # the observer takes it from here
        else:
            self._selection = chosen
            self._changed()
        return self

    def reset(self) -> Explorer:
        """Back to the scenario's own values (the selection is kept).

        Returns
        -------
        Explorer
            ``self``.
        """
        return self.set(**{name: p.value for name, p in self.scenario.parameters.items()})

    # -- results -------------------------------------------------------------------------------
    def _key(self) -> tuple[float, ...]:
        return tuple(self._values[name] for name in self.scenario.parameters)

    @property
    def point(self) -> PointResult:
        """The move judged at the values now by the batched path: gains and verdict codes
        under every selection (what the verdict shown comes from).

        Raises
        ------
        TriangleError
            When the scenario cannot be evaluated at these values.
        """
        return self._points.get_or(self._key(), self._judge)

    def _judge(self) -> PointResult:
        start = time.perf_counter()
        payoffs = self.scenario.compile_many([self._values])
        batch = judge_payoffs(
            self._template, self._spec, payoffs, tol=self.tol, timeout=self.timeout
        )
        point = PointResult(
            gains={
                s: (float(batch.gains[s][0][0]), float(batch.gains[s][1][0])) for s in SELECTIONS
            },
            codes={s: int(batch.codes[s][0]) for s in SELECTIONS},
            atol=float(batch.atol[0]),
            after_configuration=batch.after_configuration[0],
            keep_value=float(batch.keep_value[0]),
            keep=TargetState(batch.target_states[0]),
        )
        self.timings["verdict"] = time.perf_counter() - start
        return point

    @property
    def verdict(self) -> Verdict:
        """The verdict at the values now, under the selection rule now."""
        return Verdict.from_code(self.point.codes[self._selection])

    @property
    def gain(self) -> Gain:
        """The mover's gain at the values now, under the selection rule now."""
        return Gain.of(*self.point.gains[self._selection])

    @property
    def analysis(self) -> MoveAnalysis:
        """:func:`~triangle.analysis.analyze_move` at the values now (computed when first
        read at these values): the outcomes, reason and decomposition shown. Its own
        ``verdict`` is the plausible selection's.

        Raises
        ------
        TriangleError
            When the move cannot be analysed at these values.
        """
        return self._analyses.get_or(self._key(), self._analyze)

    def _analyze(self) -> MoveAnalysis:
        start = time.perf_counter()
        analysis = analyze_move(self.scenario, self._values, tol=self.tol, timeout=self.timeout)
        self.timings["analysis"] = time.perf_counter() - start
        return analysis

    @property
    def thresholds(self) -> dict[str, Threshold]:
        """Where the verdict flips along each parameter, the others held at their values
        now, under the selection now (:func:`~triangle.analysis.find_threshold` with
        ``verify=False``; a parameter without a declared range is searched over its
        slider's range).

        Raises
        ------
        TriangleError
            When a search fails.
        """
        return self._flips.get_or((self._key(), self._selection), self._find_flips)

    def _find_flips(self) -> dict[str, Threshold]:
        start = time.perf_counter()
        found = {}
        for name, r in self.ranges.items():
            bounds = {} if r.declared else {"lo": r.lo, "hi": r.hi}
            found[name] = find_threshold(
                self.scenario,
                name,
                self._values,
                selection=self._selection,
                tol=self.tol,
                timeout=self.timeout,
                verify=False,
                **bounds,
            )
        self.timings["flips"] = time.perf_counter() - start
        return found

    # -- words ---------------------------------------------------------------------------------
    def _heading(self) -> tuple[str, str]:
        s, spec, game = self.scenario, self._spec, self._template
        move = f"move: {game.players[spec.mover]} {s.move.from_strategy} → {s.move.to_strategy}"
        extra = []
        if spec.target is not None:
            extra.append(f"target {game.players[spec.target]}")
        if spec.third is not None:
            extra.append(f"third actor {game.players[spec.third]}")
        if extra:
            move += f" ({', '.join(extra)})"
        return s.title or str(s.path), move

    def _verdict_lines(self) -> tuple[str, str]:
        point = self.point
        verdicts = {s: Verdict.from_code(point.codes[s]) for s in SELECTIONS}
        mover = self._template.players[self._spec.mover]
        return (
            verdict_sentence(mover, self.verdict, point.gains[self._selection], self._selection),
            full_stop(other_selections(verdicts, point.gains, self._selection)),
        )

    def _why_lines(self) -> list[str]:
        analysis = self.analysis
        label = "why" if self._selection is Selection.PLAUSIBLE else "why (plausible selection)"
        lines = [f"{label}: {full_stop(reason(analysis))}"]
        if analysis.wedge is not None:
            lines.append(full_stop(wedge_sentence(analysis.wedge)))
        lines += [full_stop(n) for n in analysis.notes]
        if analysis.point.codes != self.point.codes:
            full = ", ".join(
                f"{s} {Verdict.from_code(analysis.point.codes[s])}" for s in SELECTIONS
            )
            lines.append(f"the full solvers disagree with the verdict shown here: {full}.")
        return lines

    def _flip_lines(self) -> list[str]:
        found = self.thresholds

        def order(name: str) -> tuple[float, str]:
            th = found[name]
            near = math.inf if th.margin is None else abs(th.margin) / (th.hi - th.lo)
            return (near, name)

        return [
            full_stop(threshold_sentence(found[name], now=True))
            for name in sorted(found, key=order)
        ]

    def _safely(self, lines) -> tuple[list[str], str | None]:
        try:
            return list(lines()), None
        except TriangleError as err:
            return [], str(err)

    @property
    def text(self) -> str:
        """Everything shown, as plain text: the move, the verdict under each selection,
        the reason, the charts' source (their PNG aside) and the distance to each flip.
        Every part is brought up to date first."""
        title, move = self._heading()
        lines = [title, move]
        if self.note:
            lines.append(self.note)
        changed = self.changed()
        if changed:
            lines.append(
                "set here: " + ", ".join(f"{n} = {flip_value(v)}" for n, v in changed.items())
            )
        verdict, problem = self._safely(self._verdict_lines)
        if problem:
            return "\n".join([*lines, f"cannot judge the move at these values: {problem}"])
        lines += verdict
        why, problem = self._safely(self._why_lines)
        lines += why if not problem else [f"cannot explain the move at these values: {problem}"]
        if self.ranges:
            flips, problem = self._safely(self._flip_lines)
            lines.append(
                "where the verdict flips (each parameter alone, the others as they are now; "
                "nearest first, as a share of the parameter's range):"
            )
            lines += [f"  {line}" for line in flips]
            if problem:
                lines.append(f"  cannot search for flips at these values: {problem}")
        return "\n".join(lines)

    # -- charts --------------------------------------------------------------------------------
    def figure(self):
        """The charts of the values now: the triangle before and after the move (each
        actor's payoff before and after, for a game without ties) and the mover's gain
        by payoff component.

        Returns
        -------
        matplotlib.figure.Figure
            On an Agg canvas, not registered with ``pyplot``.

        Raises
        ------
        TriangleError
            When the move cannot be analysed at these values.
        """
        analysis = self.analysis
        ties = analysis.before.relations is not None and analysis.after.relations is not None
        with use_style():
            fig = new_figure(11, 4.2)
            top = 0.84 if self._selection is Selection.PLAUSIBLE else 0.78
            grid = fig.add_gridspec(
                1,
                3 if ties else 2,
                width_ratios=[1, 1, 1.25] if ties else [1, 1],
                left=0.02 if ties else 0.07,
                right=0.98,
                top=top,
                bottom=0.2,
                wspace=0.3 if ties else 0.35,
            )
            if ties:
                for k, (side, heading) in enumerate(
                    ((analysis.before, "Before"), (analysis.after, "After"))
                ):
                    ax = fig.add_subplot(grid[0, k])
                    ax.set_title(f"{heading}: {analysis.mover} {side.strategy}", fontsize=11)
                    fit(ax.title, ax.get_window_extent().width, max_lines=2, min_size=8)
                    draw_triangle(ax, side, mover=analysis.mover, prefix=f"{heading.lower()}:")
            else:
                ax = fig.add_subplot(grid[0, 0])
                draw_payoffs(ax, analysis)
                pad_ylim(ax, 0.12)  # room for the bars' labels under the changes
                ax.set_ylabel("equilibrium payoff (payoff units)")
                ax.set_title(
                    "Each actor's payoff before (grey) and after (blue) the move",
                    fontsize=10.5,
                    pad=22,
                )
                fit(ax.title, ax.get_window_extent().width, max_lines=2, min_size=8)
            ax = fig.add_subplot(grid[0, -1])
            draw_decomposition(ax, analysis)
            pad_ylim(ax, 0.12)  # room for the bars' labels under the title
            ax.set_title(decomposition_title([analysis]), fontsize=10.5)
            fit(ax.title, ax.get_window_extent().width, max_lines=3, min_size=8)
            if self._selection is not Selection.PLAUSIBLE:
                fig.suptitle(
                    f"outcomes of the plausible selection (the verdict above is the "
                    f"{self._selection} one's)",
                    fontsize=10,
                    y=0.99,
                    va="top",
                )
        return fig

    def _png(self) -> bytes:
        def draw() -> bytes:
            start = time.perf_counter()
            fig = self.figure()
            buffer = io.BytesIO()
            with use_style():
                fig.savefig(buffer, format="png", dpi=PNG_DPI)
            self.timings["charts"] = time.perf_counter() - start
            return buffer.getvalue()

        return self._charts.get_or((self._key(), self._selection), draw)

    # -- the widgets ---------------------------------------------------------------------------
    def _build(self, w) -> None:
        names = list(self.scenario.parameters)
        width = f"{0.62 * max((len(n) for n in names), default=4) + 1:.1f}em"
        for name in names:
            r = self.ranges[name]
            slider = w.FloatSlider(
                value=self._values[name],
                min=r.lo,
                max=r.hi,
                step=r.step,
                description=name,
                tooltip=r.tooltip,
                readout_format=f".{r.decimals}f",
                continuous_update=True,
                style={"description_width": width},
                layout=w.Layout(width="100%"),
            )
            slider.observe(functools.partial(self._on_slider, name), names="value")
            self.sliders[name] = slider
        self.selector = w.ToggleButtons(
            options=list(SELECTIONS),
            value=str(self._selection),
            description="selection",
            tooltips=[SELECTION_RULES[s] for s in SELECTIONS],
            style={"button_width": "8em"},
        )
        self.selector.observe(self._on_selection, names="value")
        reset = w.Button(description="scenario's values", tooltip="Set every slider back")
        reset.on_click(lambda _: self.reset())
        title, move = self._heading()
        self._html = {
            "title": w.HTML(f"<b>{html.escape(title)}</b><br>{html.escape(move)}"),
            "verdict": w.HTML(),
            "why": w.HTML(),
            "flips": w.HTML(),
            "status": w.HTML(),
        }
        self._image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        grid = w.GridBox(
            list(self.sliders.values()),
            layout=w.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))", width="100%"),
        )
        self.widget = w.VBox(
            [
                self._html["title"],
                w.HBox([self.selector, reset]),
                grid,
                self._html["verdict"],
                self._html["why"],
                self._html["flips"],
                self._image,
                self._html["status"],
            ]
        )

    def _on_slider(self, name: str, change) -> None:
        if self._quiet:
            return
        self._values = {**self._values, name: float(change.new)}
        self._changed()

    def _on_selection(self, change) -> None:
        self._selection = check_selection(change.new)
        self._changed()

    def _changed(self) -> None:
        if self.widget is None:
            return  # nothing shown: each part is computed when read
        self._show_verdict()
        self._request_refresh()

    def _request_refresh(self) -> None:
        """Redraw the slow parts once the sliders settle (module notes)."""
        self._cancel()
        loop = _running_loop()
        if loop is not None:
            self._html["status"].value = _muted("updating the reason, flips and charts…")
            self._pending = loop.call_later(self.settle, self._settled, 0)
        elif _in_kernel():
            self.refresh()

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def _settled(self, index: int) -> None:
        """Show one slow part (:data:`_PARTS`), then let the loop run before the next, so
        that a slider message in between cancels the rest."""
        self._pending = None
        try:
            problem = self._show(_PARTS[index])
        except Exception as err:  # nobody else would see it: a callback of the event loop
            self._html["status"].value = _muted(f"could not draw the {_PARTS[index]}: {err!r}")
            return
        loop = _running_loop()
        if index + 1 < len(_PARTS) and loop is not None:
            self._html["status"].value = _muted(_WAITING[_PARTS[index + 1]])
            self._pending = loop.call_soon(self._settled, index + 1)
        else:
            self._html["status"].value = _muted(problem) if problem else ""

    def refresh(self) -> Explorer:
        """Compute every part at the values now and show it (what settling does): the
        verdict, the analysis and its charts, and the flips. Parts already computed at
        these values are not computed again.

        Returns
        -------
        Explorer
            ``self``.
        """
        self._cancel()
        if self.widget is None:
            self._verdict_html(), self._why_html(), self._flips_html(), self._chart()
            return self
        self._show_verdict()
        problems = [p for p in map(self._show, _PARTS) if p]
        self._html["status"].value = _muted("; ".join(problems)) if problems else ""
        return self

    def _state(self) -> tuple:
        return (self._key(), self._selection)

    def _show_verdict(self) -> None:
        self._html["verdict"].value = self._verdict_html()

    def _show(self, part: str) -> str | None:
        """Show one of :data:`_PARTS` at the values now (unless it is shown already);
        returns why the charts cannot be drawn, if they cannot."""
        if self._shown.get(part) == self._state():
            return None
        problem = None
        if part == "why":
            self._html["why"].value = self._why_html()
        elif part == "flips":
            self._html["flips"].value = self._flips_html()
        else:
            image, problem = self._chart()
            self._image.value = image or b""
            self._image.layout.display = None if image else "none"
        self._shown[part] = self._state()
        return problem

    # -- HTML ----------------------------------------------------------------------------------
    def _verdict_html(self) -> str:
        lines, problem = self._safely(self._verdict_lines)
        if problem:
            return _para(f"cannot judge the move at these values: {problem}", bold=True)
        colour = VERDICT_COLOURS[self.verdict]
        head = (
            f'<div style="font-size:1.25em;font-weight:bold;color:{colour}">'
            f"{html.escape(lines[0])}</div>"
        )
        return head + _muted(lines[1])

    def _why_html(self) -> str:
        lines, problem = self._safely(self._why_lines)
        if problem:
            return _para(f"cannot explain the move at these values: {problem}")
        return "".join(_para(line) for line in lines)

    def _chart(self) -> tuple[bytes | None, str | None]:
        """The charts' PNG, or why there is none."""
        try:
            return self._png(), None
        except TriangleError as err:
            return None, f"no charts at these values: {err}"

    def _flips_html(self) -> str:
        if not self.ranges:
            return ""
        lines, problem = self._safely(self._flip_lines)
        items = [f"<li>{html.escape(line)}</li>" for line in lines]
        if problem:
            items.append(
                f"<li>cannot search for flips at these values: {html.escape(problem)}</li>"
            )
        head = (
            "<b>Where the verdict flips</b> (each parameter alone, the others as they are "
            "now; nearest first, as a share of the parameter's range)"
        )
        return f'<div>{head}</div><ul style="margin-top:0.2em">{"".join(items)}</ul>'

    def _repr_html_(self) -> str:
        """The static view: the text and the charts, with the parameters' values."""
        title, move = self._heading()
        parts = [_para(f"<b>{html.escape(title)}</b><br>{html.escape(move)}", escape=False)]
        if self.note:
            parts.append(_muted(self.note))
        values = ", ".join(
            (
                f"<b>{html.escape(n)} = {flip_value(v)}</b>"
                if n in self.changed()
                else f"{html.escape(n)} = {flip_value(v)}"
            )
            for n, v in self._values.items()
        )
        if values:
            parts.append(_muted(f"parameters: {values}", escape=False))
        parts.append(self._verdict_html())
        if not self._safely(self._verdict_lines)[1]:
            parts += [self._why_html(), self._flips_html()]
            image, problem = self._chart()
            if image:
                data = base64.b64encode(image).decode("ascii")
                parts.append(f'<img src="data:image/png;base64,{data}" style="max-width:100%">')
            elif problem:
                parts.append(_muted(problem))
        return f"<div>{''.join(parts)}</div>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        """The widgets for a front end that shows them, the static view (HTML with the
        charts) for any other, and :attr:`text` for a terminal."""
        bundle = {"text/plain": self.text, "text/html": self._repr_html_()}
        if self.widget is not None:
            shown = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
            bundle.update({k: v for k, v in shown.items() if k != "text/plain"})
        return bundle

    def __repr__(self) -> str:
        title = self.scenario.title or str(self.scenario.path)
        head = f"Explorer(scenario={title!r}, selection={str(self._selection)!r}"
        try:
            judged = f", verdict={self.verdict!r}, gain={self.gain!r}"
        except TriangleError as err:
            judged = f", error={str(err)!r}"
        return f"{head}{judged}, changed={self.changed()!r})"


def _para(text: str, *, bold: bool = False, escape: bool = True) -> str:
    body = html.escape(text) if escape else text
    style = "margin:0.3em 0" + (";font-weight:bold" if bold else "")
    return f'<div style="{style}">{body}</div>'


def _muted(text: str, *, escape: bool = True) -> str:
    body = html.escape(text) if escape else text
    return f'<div style="margin:0.2em 0;color:#666">{body}</div>'


def explore(
    scenario: Scenario | str | os.PathLike,
    *,
    selection: str = "plausible",
    values: Mapping[str, float] | None = None,
    widgets: bool = True,
    settle: float = SETTLE,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Explorer:
    """Tweak a scenario's parameters and watch whether its move pays off, and why.

    One slider per parameter (over its declared range, else the one threshold searches
    use; step about 1/200 of it; its description and unit as the tooltip) and a
    selection rule picker. At every change the verdict and the mover's gain are redrawn;
    once the sliders settle, the reason, the triangle before and after, the gain by
    payoff component, and for each parameter the nearest values where the verdict
    flips (module notes: how each part is computed and kept consistent with
    :func:`~triangle.analysis.analyze_move`).

    In a notebook with widgets the result displays as sliders and charts; anywhere else
    (a plain kernel, nbconvert, no ipywidgets) as a static view of the same text and
    charts.

    Parameters
    ----------
    scenario : Scenario or path
        A scenario with a ``move:`` block, or the path of its file.
    selection : {"plausible", "optimistic", "pessimistic"}
        The selection rule to start with.
    values : mapping, optional
        Parameter values to start from (default the scenario's).
    widgets : bool
        Build the sliders (needs ipywidgets 8: ``pip install 'triangle[notebooks]'``).
        ``False``, or without ipywidgets: a static view.
    settle : float
        Seconds the sliders must be still before the slow parts are redrawn.
    tol : float
        Relative tolerance (regret, dominance, verdict; times the payoff spread).
    timeout : float or None
        Seconds the followers' games may take at each point (see
        :func:`~triangle.analysis.analyze_move`); ``None``: no limit.

    Returns
    -------
    Explorer
        With the values and selection now, the verdict (:attr:`Explorer.point`,
        :attr:`Explorer.verdict`, :attr:`Explorer.gain`), the full analysis
        (:attr:`Explorer.analysis`), the flips (:attr:`Explorer.thresholds`), the
        widgets (``sliders``, ``selector``) and
        :meth:`Explorer.set` / :meth:`Explorer.select` to drive it from code.

    Raises
    ------
    ScenarioError
        For a file that is not a valid scenario.
    TriangleInputError
        For a scenario without a move, an unknown selection, or a bad value.

    Examples
    --------
    >>> import triangle
    >>> ex = triangle.explore("scenarios/reverse_kissinger_2025.yaml", widgets=False)
    >>> ex.verdict, ex.gain
    ('does not pay off', Gain(-0.65))
    >>> ex.set(rivalry=2.5).verdict
    'pays off'
    >>> print(triangle.threshold_sentence(ex.thresholds["rivalry"], now=True))
    rivalry would have to fall below 1.80 for the move not to pay off (now 2.50)
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return Explorer(
        scenario,
        selection=selection,
        values=values,
        widgets=widgets,
        settle=settle,
        tol=tol,
        timeout=timeout,
    )
