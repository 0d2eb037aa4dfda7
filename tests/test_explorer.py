"""The explorer: sliders built from a scenario, driven headlessly as a notebook would
drive them, and the same answers as the analysis at every position.

Setting a slider's ``value`` is what moving it in a notebook does: its observer runs
at once. With no event loop running (as here) the reason, charts and flips are
computed when read; :func:`test_the_slow_parts_wait_for_the_sliders_to_settle` runs an
event loop, as a kernel does, to check the waiting.
"""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import COORDINATION, COURT, load, powers_scenario, texts_outside

import triangle
from triangle import explorer as explorer_module
from triangle.analysis import analyze_move, find_threshold
from triangle.errors import TriangleInputError
from triangle.explorer import INSTALL_HINT, Explorer, explore, nice_step
from triangle.numbers import flip_value
from triangle.report import reason
from triangle.scenario import load_scenario
from triangle.vocabulary import SELECTIONS

ROOT = Path(__file__).resolve().parent.parent
S1971 = ROOT / "scenarios" / "kissinger_1971.yaml"
S2025 = ROOT / "scenarios" / "reverse_kissinger_2025.yaml"
PNG = b"\x89PNG\r\n\x1a\n"

# After the tough move the follower is indifferent between two replies, both plausible:
# the leader's gain is [0.7 - c, 2.1 - c]. At c = 1 the plausible verdict depends on
# equilibrium selection, the optimistic one (1.1) pays off, the pessimistic one (-0.3)
# does not.
SELECTION = """\
format: 1
title: The follower's choice decides
players: [Leader, Follower]
form: table
parameters:
  c: {value: 1, range: [0, 3], unit: payoff units, description: "What the tough move costs.",
      source: "test"}
strategies: {Leader: [soft, tough], Follower: [r1, r2]}
payoffs:
  "soft, r1": [0, 1]
  "soft, r2": [0, 0]
  "tough, r1": ["2.1 - c", 0]
  "tough, r2": ["0.7 - c", 0]
move: {player: Leader, from: soft, to: tough}
"""

# COURT with a parameter without a declared range (the gain is x - 1.5)
UNRANGED = COURT.replace(
    'x: {value: 0.5, range: [-4, 6], source: "test: what a tie with B is worth to A"}',
    'x: {value: 0.5, source: "test: what a tie with B is worth to A"}',
)

# The leader's payoff after the move is 1 / d: it cannot be computed at d = 0.
DIVIDED = """\
format: 1
title: Dividing by a parameter
players: [Leader, Follower]
form: table
parameters:
  d: {value: 0.5, range: [-1, 1], source: "test"}
strategies: {Leader: [stay, move], Follower: [r]}
payoffs:
  "stay, r": [0, 0]
  "move, r": ["1 / d", 0]
move: {player: Leader, from: stay, to: move}
"""


def verdict_shown(ex: Explorer) -> str:
    """The verdict sentence the widget shows, as a reader reads it."""
    text = ex._html["verdict"].value.split("</div>")[0].split(">")[-1]
    return html.unescape(text)


def shown(ex: Explorer) -> str:
    """Every text the widgets show, as a reader reads it."""
    return html.unescape(" ".join(w.value for w in ex._html.values()))


# -- the sliders --------------------------------------------------------------------------------


def test_one_slider_per_parameter_from_the_scenario():
    s = load_scenario(S1971)
    ex = explore(s)
    assert list(ex.sliders) == list(s.parameters)
    for name, p in s.parameters.items():
        slider = ex.sliders[name]
        lo, hi = p.range
        assert (slider.min, slider.max, slider.value) == (lo, hi, p.value)
        assert slider.step == nice_step(hi - lo) and 150 <= (hi - lo) / slider.step <= 400
        assert p.description.strip() in slider.tooltip and p.unit in slider.tooltip
        assert slider.description == name
    assert ex.selector.options == SELECTIONS and ex.selector.value == "plausible"
    assert ex.values == s.parameter_values() and ex.changed() == {}


def test_a_parameter_without_a_range_gets_one_and_says_so(tmp_path):
    s = load(tmp_path, UNRANGED)
    ex = explore(s)
    slider = ex.sliders["x"]
    assert (slider.min, slider.max) == s.parameters["x"].search_range() == (-9.5, 10.5)
    assert "no declared range" in slider.tooltip
    assert not ex.ranges["x"].declared and ex.ranges["cost"].declared
    # the flips are searched over the slider's range: gain = x - 1.5
    th = ex.thresholds["x"]
    assert (th.lo, th.hi) == (-9.5, 10.5) and [round(f.value, 9) for f in th.flips] == [1.5]
    # a value beyond the derived range widens the slider instead of being clipped
    ex.set(x=20)
    assert slider.max == 20 and slider.value == 20 and ex.values["x"] == 20


# -- the verdict flips where find_threshold says ---------------------------------------------------


@pytest.mark.parametrize(
    ("path", "parameter"),
    [(S1971, "rivalry"), (S2025, "rivalry"), (S2025, "offer")],
    ids=lambda x: getattr(x, "stem", x),
)
def test_the_verdict_shown_flips_at_the_threshold(path, parameter):
    s = load_scenario(path)
    th = find_threshold(s, parameter)  # the full, verified search
    assert th.flips, "a parameter with a flip"
    ex = explore(s)
    slider = ex.sliders[parameter]
    eps = 1e-6 * (th.hi - th.lo)
    for flip in th.flips:
        assert flip.verified
        slider.value = flip.value - eps
        assert ex.verdict == flip.below
        assert verdict_shown(ex).lower().startswith(flip.below)
        slider.value = flip.value + eps
        assert ex.verdict == flip.above
        assert verdict_shown(ex).lower().startswith(flip.above)
        # and the explorer's own flips name the same value, in the CLI's words
        ex.refresh()
        assert [f.value for f in ex.thresholds[parameter].flips] == list(th.points)
        assert f"{parameter} would have to fall below {flip_value(flip.value)}" in shown(ex)
        assert f"(now {flip_value(flip.value + eps)})" in shown(ex)


def test_moving_one_slider_moves_the_other_parameters_flips(tmp_path):
    # gain = x - cost + 2 (support.COURT): the flip of x is at cost - 2
    ex = explore(load(tmp_path, COURT))
    assert [round(v, 9) for v in ex.thresholds["x"].points] == [1.5]
    ex.sliders["cost"].value = 5
    assert [round(v, 9) for v in ex.thresholds["x"].points] == [3.0]
    assert ex.verdict == "does not pay off" and ex.gain.min == pytest.approx(-2.5)


# -- selections ----------------------------------------------------------------------------------


def test_the_selection_picker_changes_the_verdict(tmp_path):
    ex = explore(load(tmp_path, SELECTION))
    expected = {
        "plausible": ("depends on equilibrium selection", "−0.30 … +1.10"),
        "optimistic": ("pays off", "+1.10"),
        "pessimistic": ("does not pay off", "−0.30"),
    }
    for selection, (verdict, gain) in expected.items():
        ex.selector.value = selection
        assert ex.selection == selection and ex.verdict == verdict
        assert verdict_shown(ex).lower().startswith(verdict)
        assert f"gain {gain} ({selection} selection)" in verdict_shown(ex)
        assert ex.thresholds["c"].selection == selection
    # the flips follow the selection: optimistic pays off below 2.1, pessimistic below 0.7
    ex.refresh()
    assert "c would have to fall below 0.70 for the move to pay off (now 1.00)" in shown(ex)
    assert "why (plausible selection)" in shown(ex)
    assert ex.select("optimistic").verdict == "pays off"
    assert "c would have to exceed 2.10 for the move not to pay off (now 1.00)" in ex.text


def test_a_game_without_parameters_or_ties(tmp_path):
    """Battle of the Sexes after the move (support.COORDINATION): no sliders; the
    selections disagree; the charts show payoffs, not triangles."""
    ex = explore(load(tmp_path, COORDINATION))
    assert ex.sliders == {} and ex.thresholds == {}
    assert ex.verdict == "depends on equilibrium selection"
    assert ex.select("pessimistic").verdict == "does not pay off"
    fig = ex.figure()
    assert any(a.get_gid() == "after:Coordination after the move:M" for a in fig.findobj())
    assert not any(str(a.get_gid()).startswith("after:tie:") for a in fig.findobj())
    assert texts_outside(fig) == []
    assert "where the verdict flips" not in ex.text


# -- agreement with analyze_move ------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorers():
    return {p.stem: explore(load_scenario(p)) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}


@settings(max_examples=10)
@given(data=st.data())
def test_the_explorer_agrees_with_analyze_move(explorers, data):
    ex = explorers[data.draw(st.sampled_from(sorted(explorers)), label="scenario")]
    names = data.draw(st.sets(st.sampled_from(list(ex.sliders)), min_size=1), label="moved")
    for name in sorted(names):
        r = ex.ranges[name]
        ex.sliders[name].value = data.draw(st.floats(r.lo, r.hi), label=name)
    ex.selector.value = data.draw(st.sampled_from(SELECTIONS), label="selection")
    a = analyze_move(ex.scenario, ex.values)
    assert ex.point.codes == a.point.codes
    for s in SELECTIONS:
        for mine, theirs in zip(ex.point.gains[s], a.point.gains[s], strict=True):
            assert abs(mine - theirs) <= 1e-9 * max(1.0, abs(theirs))
    assert ex.verdict == a.verdicts[ex.selection]
    assert verdict_shown(ex).lower().startswith(a.verdicts[ex.selection])
    assert ex.point.keep == a.point.keep and ex.point.after_configuration == (
        a.point.after_configuration
    )


# -- what is shown -------------------------------------------------------------------------------


def test_refresh_shows_the_reason_the_charts_and_the_flips():
    ex = explore(S2025)
    ex.sliders["rivalry"].value = 2.5
    ex.refresh()
    a = analyze_move(ex.scenario, {"rivalry": 2.5})
    words = shown(ex)
    assert reason(a) in words and "Pays off for the US: gain" in words
    assert bytes(ex._image.value).startswith(PNG)
    assert "rivalry would have to fall below 1.80 for the move not to pay off (now 2.50)" in words
    assert ex.analysis.parameters["rivalry"] == 2.5 and ex.analysis.verdict == "pays off"
    assert set(ex.timings) == {"verdict", "analysis", "charts", "flips"}
    assert repr(ex) == (
        "Explorer(scenario='Reverse Kissinger: courting Russia, 2025', selection='plausible', "
        f"verdict='pays off', gain={ex.gain!r}, changed={{'rivalry': 2.5}})"
    )


def test_the_charts_draw_both_triangles_and_the_gain():
    ex = explore(S1971, widgets=False)
    fig = ex.figure()
    gids = {str(a.get_gid()) for a in fig.findobj() if a.get_gid()}
    assert {"before:tie:China–USSR", "after:tie:US–China"} <= gids
    assert any(g.startswith("net:") for g in gids)
    assert texts_outside(fig) == []


def test_a_static_view_for_a_front_end_without_widgets():
    ex = explore(S1971)
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # a widget front end uses it
    page = html.unescape(bundle["text/html"])  # any other shows this
    assert "Pays off for the US: gain +6.00 (plausible selection)" in page
    assert reason(ex.analysis) in page and "data:image/png;base64," in page
    assert "rivalry would have to fall below −2.00 for the move not to pay off (now 6.00)" in page


def test_without_ipywidgets_a_static_view_and_how_to_get_sliders(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets -> ImportError
    ex = triangle.explore(S2025)
    assert ex.sliders == {} and ex.selector is None and ex.widget is None
    assert INSTALL_HINT in ex.note and INSTALL_HINT in ex.text
    bundle = ex._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    page = html.unescape(bundle["text/html"])
    assert INSTALL_HINT in page and "Does not pay off for the US" in page and "<img" in page
    assert bundle["text/plain"] == ex.text  # a terminal shows the words
    # still driven from code
    assert ex.set(rivalry=2.5).verdict == "pays off"
    assert ex.select("pessimistic").selection == "pessimistic"
    assert "rivalry = 2.50" in ex.text


def test_no_text_shown_says_none(tmp_path):
    scenarios = [load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    scenarios += [
        load(tmp_path, SELECTION, "selection.yaml"),
        load(tmp_path, COORDINATION, "coordination.yaml"),
        load(tmp_path, UNRANGED, "unranged.yaml"),
        powers_scenario(tmp_path / "powers.yaml", ("A", "B", "C", "D"), "Four powers"),
    ]
    for s in scenarios:
        ex = explore(s, selection="optimistic")
        for text in (ex.text, ex._repr_html_(), repr(ex), shown(ex.refresh())):
            assert not re.search(r"\bNone\b|\bnan\b", text), (s.title, text)


def test_values_that_cannot_be_evaluated_are_said_not_raised(tmp_path):
    ex = explore(load(tmp_path, DIVIDED))
    assert ex.verdict == "pays off"  # 1 / 0.5 = 2
    ex.sliders["d"].value = 0.0
    assert verdict_shown(ex).startswith("cannot judge the move at these values")
    assert "division by zero" in verdict_shown(ex)
    assert "cannot judge the move" in ex.text and "cannot judge the move" in ex._repr_html_()
    assert "division by zero" in repr(ex)
    ex.sliders["d"].value = -0.5
    assert ex.verdict == "does not pay off"


def test_set_checks_its_values_and_reset_restores_the_scenario():
    ex = explore(S2025)
    with pytest.raises(TriangleInputError, match="unknown parameter"):
        ex.set(rivalryy=1)
    with pytest.raises(TriangleInputError, match="outside its range"):
        ex.set(rivalry=100)
    with pytest.raises(TriangleInputError, match="unknown selection"):
        ex.select("hopeful")
    ex.set(rivalry=2.5, offer=0.5)
    assert ex.sliders["offer"].value == 0.5 and ex.changed() == {"rivalry": 2.5, "offer": 0.5}
    assert ex.reset().changed() == {} and ex.sliders["rivalry"].value == 0.5
    assert ex.verdict == "does not pay off"


def test_a_scenario_without_a_move_is_refused(tmp_path):
    from support import NO_MOVE

    with pytest.raises(TriangleInputError, match="no `move:` block"):
        explore(load(tmp_path, NO_MOVE))


def test_the_slow_parts_wait_for_the_sliders_to_settle(monkeypatch):
    """In a kernel an event loop runs: the verdict follows every change at once, and
    the full analysis runs once, after the last change."""
    calls, searches = [], []
    analyze, search = explorer_module.analyze_move, explorer_module.find_threshold

    def counted_analyze(scenario, values, **options):
        calls.append(values["rivalry"])
        return analyze(scenario, values, **options)

    def counted_search(scenario, name, values, **options):
        searches.append(values["rivalry"])
        return search(scenario, name, values, **options)

    monkeypatch.setattr(explorer_module, "analyze_move", counted_analyze)
    monkeypatch.setattr(explorer_module, "find_threshold", counted_search)

    async def drag():
        ex = explore(S2025, settle=0.05)
        for value in (1.0, 1.5, 2.0, 2.5):
            ex.sliders["rivalry"].value = value
            await asyncio.sleep(0)  # a slider message
            assert ex.verdict == ("pays off" if value > 1.8 else "does not pay off")
            assert verdict_shown(ex).lower().startswith(ex.verdict)
            assert "updating" in ex._html["status"].value
        for _ in range(600):  # up to a minute on a busy machine
            await asyncio.sleep(0.1)
            if not ex._html["status"].value:
                break
        return ex

    ex = asyncio.run(drag())
    assert calls == [2.5]  # once, at the last value
    assert searches == [2.5] * len(ex.sliders)  # every parameter once, at the last value
    assert "rivalry would have to fall below 1.80 for the move not to pay off (now 2.50)" in shown(
        ex
    )
    assert bytes(ex._image.value).startswith(PNG)


def test_import_triangle_imports_neither_widgets_nor_matplotlib():
    code = (
        "import sys, triangle\n"
        "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))\n"
        "import triangle.explorer\n"
        "print(callable(triangle.explore), triangle.Explorer.__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split("\n")[:2] == ["[]", "True Explorer"]
