"""Charts: files written safely, and figures that contain what they claim.

Each chart is checked against the analysis it was drawn from: tie lines against the
tie signs, threshold lines against :func:`triangle.analysis.find_threshold`, markers
against the scenario's parameter values and :func:`triangle.analysis.analyze_move`,
verdict-map cells against the verdict the one-game analysis gives at that point.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from triangle import plots
from triangle.analysis import VERDICT_CODES, analyze_move, compare, find_threshold
from triangle.errors import TriangleInputError
from triangle.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
KISSINGER = ROOT / "scenarios" / "kissinger_1971.yaml"
REVERSE = ROOT / "scenarios" / "reverse_kissinger_2025.yaml"

HEADERS = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}


@pytest.fixture(scope="module")
def scenarios():
    return load_scenario(KISSINGER), load_scenario(REVERSE)


@pytest.fixture(scope="module")
def analyses(scenarios):
    return compare(scenarios, thresholds=("rivalry",))


@pytest.fixture(scope="module")
def dicts(analyses):
    return [a.to_dict() for a in analyses]


def small_figure() -> Figure:
    fig = Figure(figsize=(2, 1.5))
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig


def by_gid(artists, gid):
    found = [a for a in artists if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist with gid {gid!r}, found {len(found)}"
    return found[0]


def all_artists(fig):
    return list(fig.findobj(lambda a: a.get_gid() is not None))


# -- save_figure -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_save_figure_writes_the_format_its_suffix_names(tmp_path, fmt):
    out = plots.save_figure(small_figure(), tmp_path / f"chart.{fmt}")
    data = out.read_bytes()
    assert out == tmp_path / f"chart.{fmt}"
    assert len(data) > 200
    if fmt == "svg":
        assert HEADERS["svg"] in data[:400]
    else:
        assert data.startswith(HEADERS[fmt])
    assert os.listdir(tmp_path) == [f"chart.{fmt}"]


def test_suffix_is_case_insensitive(tmp_path):
    out = plots.save_figure(small_figure(), tmp_path / "chart.PNG")
    assert out.read_bytes().startswith(HEADERS["png"])


def test_png_is_written_at_150_dpi(tmp_path):
    fig = small_figure()
    data = plots.save_figure(fig, tmp_path / "c.png").read_bytes()
    # IHDR: width and height are the first two 4-byte integers after the chunk tag.
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (round(2 * 150), round(1.5 * 150))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_figure_gives_the_same_bytes(tmp_path, fmt):
    fig = plots.triangle_diagram(plots.example_analysis())
    a = plots.save_figure(fig, tmp_path / f"a.{fmt}").read_bytes()
    b = plots.save_figure(fig, tmp_path / f"b.{fmt}").read_bytes()
    assert a == b


def test_existing_file_is_refused_without_force(tmp_path):
    target = tmp_path / "x.png"
    target.write_bytes(b"keep me")
    with pytest.raises(TriangleInputError) as error:
        plots.save_figure(small_figure(), target)
    assert str(error.value) == f"{target} exists; use --force to overwrite"
    assert target.read_bytes() == b"keep me"
    assert os.listdir(tmp_path) == ["x.png"]


def test_force_overwrites(tmp_path):
    target = tmp_path / "x.png"
    target.write_bytes(b"old")
    plots.save_figure(small_figure(), target, force=True)
    assert target.read_bytes().startswith(HEADERS["png"])
    assert os.listdir(tmp_path) == ["x.png"]


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.png.txt", "chart.eps"])
def test_unsupported_suffix_names_the_allowed_ones(tmp_path, name):
    with pytest.raises(TriangleInputError) as error:
        plots.save_figure(small_figure(), tmp_path / name)
    message = str(error.value)
    for suffix in (".png", ".svg", ".pdf"):
        assert suffix in message
    assert os.listdir(tmp_path) == []


def test_missing_directory_is_an_input_error(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.png"
    with pytest.raises(TriangleInputError, match="does not exist"):
        plots.save_figure(small_figure(), target)
    assert not (tmp_path / "no").exists()


def test_directory_as_target_is_an_input_error(tmp_path):
    (tmp_path / "d.png").mkdir()
    with pytest.raises(TriangleInputError, match="is a directory"):
        plots.save_figure(small_figure(), tmp_path / "d.png", force=True)


class ExplodingFigure(Figure):
    """A figure whose rendering writes part of the file and then fails."""

    def savefig(self, fname, **kwargs):
        fname.write(b"half a chart")
        raise RuntimeError("renderer failed")


@pytest.mark.parametrize("existing", [False, True])
def test_failed_write_leaves_no_temporary_file(tmp_path, existing):
    target = tmp_path / "x.svg"
    if existing:
        target.write_bytes(b"previous chart")
    with pytest.raises(RuntimeError, match="renderer failed"):
        plots.save_figure(ExplodingFigure(), target, force=True)
    assert os.listdir(tmp_path) == (["x.svg"] if existing else [])
    if existing:
        assert target.read_bytes() == b"previous chart"


def test_charts_leave_no_global_state(dicts):
    before = dict(mpl.rcParams)
    fig = plots.comparison_chart(dicts)
    assert isinstance(fig, Figure)
    after = dict(mpl.rcParams)
    assert before.keys() == after.keys()
    changed = [k for k in before if str(before[k]) != str(after[k])]
    assert changed == []


def test_no_pyplot_and_no_display_needed(tmp_path):
    script = (
        "import sys\n"
        "from triangle import plots\n"
        "fig = plots.comparison_chart([plots.example_analysis()])\n"
        f"plots.save_figure(fig, {str(tmp_path / 'c.png')!r})\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "MPLBACKEND")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "False"
    assert (tmp_path / "c.png").read_bytes().startswith(HEADERS["png"])


# -- triangle diagram ----------------------------------------------------------------------


@pytest.mark.parametrize("index", [0, 1])
def test_triangle_diagram_has_one_edge_per_tie_styled_by_sign(dicts, index):
    data = dicts[index]
    fig = plots.triangle_diagram(data)
    for side in ("before", "after"):
        ties = data["move"][side]["ties"]
        assert len(ties) == 3
        lines = [a for a in all_artists(fig) if str(a.get_gid()).startswith(f"{side}:tie:")]
        assert sorted(a.get_gid() for a in lines) == sorted(f"{side}:tie:{k}" for k in ties)
        for key, sign in ties.items():
            line = by_gid(lines, f"{side}:tie:{key}")
            style = plots.AMITY if sign > 0 else plots.ENMITY
            assert to_rgba(line.get_color()) == to_rgba(style["color"])
            assert (line.get_linestyle() == "-") == (sign > 0)


@pytest.mark.parametrize("index", [0, 1])
def test_triangle_diagram_labels_roles_scores_and_the_mover(dicts, index):
    data = dicts[index]
    mover = data["move"]["player"]
    fig = plots.triangle_diagram(data)
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    for side in ("before", "after"):
        info = data["move"][side]
        assert info["configuration"] in "\n".join(texts)
        for actor, role in info["roles"].items():
            score = info["scores"][actor]
            assert f"{role} ({plots._signed(score, 0)})" in texts
            node = by_gid(all_artists(fig), f"{side}:node:{actor}")
            filled = to_rgba(node.get_facecolor()) == to_rgba(plots._MOVER_FILL)
            assert filled == (actor == mover)


def test_triangle_diagram_title_states_the_verdict_and_gain(dicts):
    for data in dicts:
        title = plots.triangle_diagram(data)._suptitle.get_text().replace("\n", " ")
        verdict = data["move"]["verdict"]
        gain = data["move"]["gain"]["min"]
        assert verdict in title or "may or may not pay off" in title
        assert plots._num(abs(gain)) in title


def test_finding_of_the_reverse_kissinger(dicts):
    text = plots.finding(dicts[1])
    pivot = [a for a, r in dicts[1]["move"]["after"]["roles"].items() if r == "pivot"]
    assert text.startswith("Courting Russia does not pay off for the US")
    assert pivot == ["Russia"]
    assert "Russia becomes the pivot" in text
    assert f"the US loses {plots._num(-dicts[1]['move']['gain']['min'])}" in text


def test_chart_functions_accept_the_result_object_and_its_dict(analyses, dicts):
    a = plots.triangle_diagram(analyses[0])
    b = plots.triangle_diagram(dicts[0])
    assert a._suptitle.get_text() == b._suptitle.get_text()


# -- gain curve ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rivalry_chart(scenarios):
    return plots.gain_curve_chart(list(scenarios), "rivalry")


def test_gain_curve_threshold_lines_sit_at_the_computed_thresholds(scenarios, rivalry_chart):
    ax = rivalry_chart.axes[0]
    for scenario in scenarios:
        threshold = find_threshold(scenario, "rivalry")
        assert threshold.points, "the shipped scenarios flip somewhere on rivalry"
        lines = [ln for ln in ax.lines if str(ln.get_gid()).startswith("threshold:")]
        xs = [ln.get_xdata()[0] for ln in lines]
        for line in lines:
            assert line.get_xdata()[0] == line.get_xdata()[1]
        for t in threshold.points:
            assert any(math.isclose(t, x, rel_tol=0, abs_tol=1e-12) for x in xs)


def test_gain_curve_markers_sit_at_the_scenario_values(scenarios, rivalry_chart):
    ax = rivalry_chart.axes[0]
    # curves of scenarios whose titles each name one year are labelled by the year
    for scenario, year in zip(scenarios, ("1971", "2025"), strict=True):
        assert year in scenario.title
        marker = by_gid(ax.collections, f"marker:{year}")
        x, y = marker.get_offsets()[0]
        assert x == pytest.approx(scenario.parameters["rivalry"].value, abs=1e-12)
        assert y == pytest.approx(analyze_move(scenario).gain[0], abs=1e-9)


def test_gain_curve_title_places_2025_below_its_threshold(scenarios, rivalry_chart):
    title = rivalry_chart._suptitle.get_text().replace("\n", " ")
    threshold = find_threshold(scenarios[1], "rivalry")
    value = scenarios[1].parameters["rivalry"].value
    assert threshold.margin is not None and threshold.margin > 0
    assert f"{plots._num(threshold.margin)} below it" in title
    assert title.startswith("The move pays off for the US only when rivalry exceeds")
    assert f"2025 is at {plots._num(value)}" in title


def test_gain_curve_from_curves_shades_only_where_gains_differ():
    x = np.linspace(0, 4, 9)
    flat = plots.Curve("a", x, x - 2, x - 2, thresholds=(2.0,), marker=(3.0, 1.0))
    wide = plots.Curve("b", x, x - 2, x - 1, thresholds=(1.5,), marker=(0.5, -1.5))
    fig = plots.gain_curve_chart([flat, wide], "p", markers=[("a", 3.0, 1.0)])
    gids = {a.get_gid() for a in all_artists(fig)}
    assert "spread:b" in gids and "spread:a" not in gids
    assert "marker:a" in gids and "marker:b" not in gids
    assert by_gid(fig.axes[0].lines, "threshold:a").get_xdata()[0] == 2.0
    assert by_gid(fig.axes[0].lines, "threshold:b").get_xdata()[0] == 1.5


def test_identical_curves_share_one_line_but_keep_their_markers():
    x = np.linspace(-1, 1, 5)
    a = plots.Curve("1971", x, x, x, thresholds=(0.0,), marker=(0.5, 0.5))
    b = plots.Curve("2025", x, x, x, thresholds=(0.0,), marker=(-0.5, -0.5))
    fig = plots.gain_curve_chart([a, b], "rivalry")
    curves = [ln for ln in fig.axes[0].lines if str(ln.get_gid()).startswith("curve:")]
    assert [c.get_gid() for c in curves] == ["curve:1971 and 2025"]
    for label, value in (("1971", 0.5), ("2025", -0.5)):
        offsets = by_gid(fig.axes[0].collections, f"marker:{label}").get_offsets()
        assert tuple(offsets[0]) == (value, value)


def test_gain_curve_rejects_an_unknown_parameter(scenarios):
    with pytest.raises(TriangleInputError, match="unknown parameter 'rivalyr'"):
        plots.gain_curve_chart(scenarios[0], "rivalyr")


# -- verdict map ---------------------------------------------------------------------------


def test_verdict_map_colours_cells_with_the_verdict_of_the_analysis(scenarios):
    scenario = scenarios[1]
    xs = np.linspace(-4, 10, 5)
    ys = np.linspace(0, 8, 5)
    fig = plots.verdict_map_chart(scenario, "rivalry", "offer", xs=xs, ys=ys)
    mesh = by_gid(fig.axes[0].collections, "verdicts")
    codes = np.asarray(mesh.get_array()).reshape(len(ys), len(xs))
    seen = set()
    for i, j in ((0, 0), (4, 0), (0, 4), (4, 4), (2, 1)):
        x, y = xs[i], ys[j]
        verdict = analyze_move(scenario, {"rivalry": x, "offer": y}).verdict
        seen.add(verdict)
        code = codes[j, i]
        assert code == VERDICT_CODES[verdict]
        colour = mesh.get_cmap()(mesh.norm(code))
        assert colour[:3] == pytest.approx(to_rgba(plots.VERDICT_COLOURS[verdict])[:3])
    assert len(seen) >= 2, "the checked cells should show more than one verdict"


def test_verdict_map_marks_the_scenario_point_and_further_points(scenarios):
    scenario = scenarios[1]
    fig = plots.verdict_map_chart(
        scenario, "rivalry", "offer", resolution=5, points=[("a split", 6.0, 1.5)]
    )
    own = by_gid(fig.axes[0].collections, f"point:{scenario.title}")
    values = scenario.parameter_values()
    assert tuple(own.get_offsets()[0]) == (values["rivalry"], values["offer"])
    other = by_gid(fig.axes[0].collections, "point:a split")
    assert tuple(other.get_offsets()[0]) == (6.0, 1.5)
    title = fig._suptitle.get_text().replace("\n", " ")
    own_verdict = analyze_move(scenario).verdict
    assert f"{scenario.title} lies where it {own_verdict}" in title
    other_verdict = analyze_move(scenario, {"rivalry": 6.0, "offer": 1.5}).verdict
    would = {"pays off": "would pay off", "does not pay off": "would not pay off"}
    assert f"with the values of a split it {would[other_verdict]}" in title


# -- decomposition, payoffs, comparison ----------------------------------------------------


def test_decomposition_bars_add_up_to_the_gain(dicts):
    fig = plots.decomposition_chart(dicts)
    patches = [p for axis in fig.axes for p in axis.patches]
    for data in dicts:
        label = data["scenario"]
        parts = data["move"]["decomposition"]
        level = 0.0
        for name, value in parts.items():
            bar = by_gid(patches, f"component:{label}:{name}")
            assert bar.get_height() == pytest.approx(abs(value), abs=1e-12)
            assert bar.get_y() == pytest.approx(min(level, level + value), abs=1e-12)
            level += value
        net = by_gid(patches, f"net:{label}")
        gain = data["move"]["gain"]["min"]
        assert level == pytest.approx(gain, abs=1e-9)
        assert net.get_height() == pytest.approx(abs(gain), abs=1e-9)
        assert net.get_y() == pytest.approx(min(0.0, gain), abs=1e-9)
        verdict_colour = plots.VERDICT_COLOURS[data["move"]["verdict"]]
        assert to_rgba(net.get_facecolor()) == to_rgba(verdict_colour)


def test_payoff_bars_show_each_actors_payoff(dicts):
    fig = plots.payoff_comparison_chart(dicts)
    patches = [p for ax in fig.axes for p in ax.patches]
    for data in dicts:
        for side in ("before", "after"):
            for actor, value in data["move"][side]["payoffs"].items():
                bar = by_gid(patches, f"{side}:{data['scenario']}:{actor}")
                assert bar.get_height() == pytest.approx(value, abs=1e-12)


def test_comparison_chart_states_verdicts_reasons_and_threshold_margins(dicts):
    fig = plots.comparison_chart(dicts)
    texts = {t.get_gid(): t.get_text().replace("\n", " ") for t in fig.texts if t.get_gid()}
    for data in dicts:
        label = data["scenario"]
        verdict = data["move"]["verdict"]
        assert texts[f"verdict:{label}"].lower().startswith(verdict)
        sentence = data["thresholds"][0]["sentence"]
        assert sentence[1:].rstrip(".") in texts[f"threshold:{label}"]
        for side in ("before", "after"):
            for key in data["move"][side]["ties"]:
                by_gid(all_artists(fig), f"{label}:{side}:tie:{key}")
    title = fig._suptitle.get_text().replace("\n", " ")
    assert "pays off for the US" in title and "does not pay off for the US" in title


def test_empty_input_is_an_input_error():
    for chart in (plots.comparison_chart, plots.decomposition_chart, plots.payoff_comparison_chart):
        with pytest.raises(TriangleInputError, match="no analyses"):
            chart([])


def test_numbers_use_a_real_minus_sign():
    assert plots._num(-0.65) == "\u22120.65"
    assert plots._signed(0.65) == "+0.65"
    assert plots._signed(-0.0) == "0.00"
    assert plots._signed(-1e-13) == "0.00"


def test_finding_when_the_mover_becomes_the_pivot(dicts):
    after = dicts[0]["move"]["after"]["roles"]
    assert after["US"] == "pivot"
    gain = dicts[0]["move"]["gain"]["min"]
    text = plots.finding(dicts[0])
    assert text.startswith("Courting China and the USSR pays off for the US")
    assert text.endswith(f"the US becomes the pivot and gains {plots._num(gain)}")


def test_a_verdict_that_depends_on_selection_shows_the_range():
    data = plots.example_analysis()
    data["move"]["verdict"] = plots.DEPENDS
    data["move"]["gain"] = {"min": -0.5, "max": 1.5}
    data["move"]["decomposition"] = {"standing": 1.0, "costs": -1.5}
    fig = plots.decomposition_chart([data])
    ax = fig.axes[0]
    net = by_gid(ax.patches, "net:Example, 1971")
    assert net.get_y() == pytest.approx(-0.5) and net.get_height() == pytest.approx(0.5)
    assert to_rgba(net.get_facecolor()) == to_rgba(plots.VERDICT_COLOURS[plots.DEPENDS])
    texts = [t.get_text() for t in ax.texts]
    assert f"{plots._signed(-0.5)} … {plots._signed(1.5)}" in texts
    title = plots.triangle_diagram(data)._suptitle.get_text().replace("\n", " ")
    assert "may or may not pay off" in title
    assert f"between {plots._signed(-0.5)} and {plots._signed(1.5)}" in title


def test_comparison_without_thresholds_has_no_threshold_line(analyses):
    fig = plots.comparison_chart([analyses[1].to_dict() | {"thresholds": []}])
    gids = {t.get_gid() for t in fig.texts}
    label = analyses[1].to_dict()["scenario"]
    assert f"verdict:{label}" in gids and f"reason:{label}" in gids
    assert f"threshold:{label}" not in gids


@settings(max_examples=40)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_signed_numbers_read_back_to_the_rounded_value(x):
    text = plots._signed(x)
    assert text[0] in "+\u22120"
    assert float(text.replace("\u2212", "-")) == pytest.approx(round(x, 2), abs=0.006)


@settings(max_examples=12)
@given(
    st.lists(st.floats(min_value=-3.9, max_value=3.9), min_size=1, max_size=4, unique=True),
    st.floats(min_value=-3.9, max_value=3.9),
)
def test_gain_curve_draws_every_threshold_and_marker_where_given(thresholds, at):
    ordered = sorted(thresholds)
    assume(all(b - a > 1e-6 for a, b in zip(ordered, ordered[1:], strict=False)))
    x = np.linspace(-4, 4, 17)
    gain = np.sin(x)
    curve = plots.Curve("c", x, gain, gain, thresholds=tuple(thresholds), marker=(at, 0.25))
    fig = plots.gain_curve_chart(curve, "p")
    ax = fig.axes[0]
    lines = [ln for ln in ax.lines if ln.get_gid() == "threshold:c"]
    drawn = sorted(float(ln.get_xdata()[0]) for ln in lines)
    assert drawn == pytest.approx(sorted(thresholds), abs=1e-12)
    marker = by_gid(ax.collections, "marker:c")
    assert tuple(marker.get_offsets()[0]) == pytest.approx((at, 0.25))
