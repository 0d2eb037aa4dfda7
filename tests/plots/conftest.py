"""Analyses and curves of the two shipped cases, computed once for every chart test;
and every chart drawn in a fresh interpreter, in the background."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest
from support import KISSINGER, REVERSE, ROOT

from triangle.analysis import compare, gain_curves
from triangle.scenario import load_scenario
from triangle.vocabulary import SELECTIONS


@pytest.fixture(scope="session")
def scenarios():
    return load_scenario(KISSINGER), load_scenario(REVERSE)


@pytest.fixture(scope="session")
def analyses(scenarios):
    """1971 and 2025, with the thresholds on rivalry."""
    return compare(scenarios, thresholds=("rivalry",))


@pytest.fixture(scope="session")
def rivalry_curves(scenarios):
    return gain_curves(list(scenarios), "rivalry")


@pytest.fixture(scope="session")
def depends(analyses):
    """The 1971 analysis with a gain between −0.5 and +1.5 under every selection: its
    verdict depends on equilibrium selection."""
    a = analyses[0]
    point = dataclasses.replace(
        a.point,
        gains={s: (-0.5, 1.5) for s in SELECTIONS},
        codes={s: 0 for s in SELECTIONS},
    )
    return dataclasses.replace(a, point=point, decomposition={"standing": 1.0, "costs": -1.5})


FRESH_SCRIPT = """\
import sys
from triangle import plots
from triangle.analysis import compare, gain_curves, verdict_map
from triangle.scenario import load_scenario

s = [load_scenario(p) for p in sys.argv[2:]]
a = compare(s)
figures = {
    "triangle": plots.triangle_figure(a[0]),
    "decomposition": plots.decomposition_figure(a),
    "payoffs": plots.payoffs_figure(a),
    "comparison": plots.comparison_figure(a),
    "gain-curve": plots.gain_curve_figure(gain_curves(s, "rivalry", points=21)),
    "verdict-map": plots.verdict_map_figure(
        verdict_map(s[1], "rivalry", None, "offer", None, resolution=5)
    ),
}
for name, fig in figures.items():
    plots.save_figure(fig, f"{sys.argv[1]}/{name}.png")
print("matplotlib.pyplot" in sys.modules)
"""


@pytest.fixture(scope="session", autouse=True)
def fresh_interpreter(tmp_path_factory):
    """Every *_figure drawn and saved in a fresh interpreter without a display.

    It starts with the chart tests and runs beside them (it spends most of its time
    importing the solvers); ``test_without_pyplot.py`` reads its answer. Yields the
    folder it writes to and the process.
    """
    folder = tmp_path_factory.mktemp("fresh-interpreter")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "MPLBACKEND")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    process = subprocess.Popen(
        [sys.executable, "-c", FRESH_SCRIPT, str(folder), str(KISSINGER), str(REVERSE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    yield folder, process
    if process.poll() is None:  # the test was not run
        process.kill()
    process.communicate()
