"""The decomposition, payoff and comparison charts: bars that add up to the gain, each
actor's payoff, and the verdicts, reasons and threshold margins in words."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.colors import to_rgba
from support import COORDINATION, all_artists, by_gid, gids, title

from triangle import plots
from triangle.analysis import analyze_move
from triangle.errors import TriangleInputError
from triangle.numbers import signed
from triangle.report import to_data
from triangle.report.prose import comparison_finding, decomposition_title, payoffs_title
from triangle.scenario import loads_scenario
from triangle.vocabulary import Verdict


def test_decomposition_bars_add_up_to_the_gain(analyses):
    fig = plots.decomposition_figure(analyses)
    patches = [p for axis in fig.axes for p in axis.patches]
    for a in analyses:
        data = to_data(a)
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
    assert title(fig) == decomposition_title(analyses)


def test_payoff_bars_show_each_actors_payoff(analyses):
    fig = plots.payoffs_figure(analyses)
    patches = [p for ax in fig.axes for p in ax.patches]
    for a in analyses:
        data = to_data(a)
        for side in ("before", "after"):
            for actor, value in data["move"][side]["payoffs"].items():
                bar = by_gid(patches, f"{side}:{data['scenario']}:{actor}")
                assert bar.get_height() == pytest.approx(value, abs=1e-12)


def test_payoff_title_names_who_gains_most(analyses):
    winners = []
    for a in analyses:
        move = to_data(a)["move"]
        before, after = move["before"]["payoffs"], move["after"]["payoffs"]
        change = {p: after[p] - before[p] for p in before}
        best = max(change, key=change.get)
        winners.append((a.scenario.title, best, change[best], a.mover, change[a.mover]))
    text = title(plots.payoffs_figure(analyses))
    assert text == payoffs_title(winners)
    assert f"1971: the US {signed(analyses[0].gain[0])}" in text


def test_comparison_chart_states_verdicts_reasons_and_threshold_margins(analyses):
    fig = plots.comparison_figure(analyses)
    texts = {t.get_gid(): t.get_text().replace("\n", " ") for t in fig.texts if t.get_gid()}
    for a in analyses:
        data = to_data(a)
        label = data["scenario"]
        verdict = data["move"]["verdict"]
        assert texts[f"verdict:{label}"].lower().startswith(verdict)
        sentence = data["thresholds"][0]["sentence"]
        assert sentence[1:].rstrip(".") in texts[f"threshold:{label}"]
        for side in ("before", "after"):
            for key in data["move"][side]["ties"]:
                by_gid(all_artists(fig), f"{label}:{side}:tie:{key}")
    text = title(fig)
    assert "pays off for the US" in text and "does not pay off for the US" in text
    assert text == comparison_finding(analyses)


def test_comparison_without_thresholds_has_no_threshold_line(analyses):
    fig = plots.comparison_figure([dataclasses.replace(analyses[1], thresholds=())])
    gids = {t.get_gid() for t in fig.texts}
    label = to_data(analyses[1])["scenario"]
    assert f"verdict:{label}" in gids and f"reason:{label}" in gids
    assert f"threshold:{label}" not in gids


def test_a_verdict_that_depends_on_selection_shows_the_range(depends):
    assert depends.verdict == Verdict.DEPENDS
    label = depends.scenario.title
    fig = plots.decomposition_figure([depends])
    ax = fig.axes[0]
    net = by_gid(ax.patches, f"net:{label}")
    assert net.get_y() == pytest.approx(-0.5) and net.get_height() == pytest.approx(0.5)
    assert to_rgba(net.get_facecolor()) == to_rgba(plots.VERDICT_COLOURS[Verdict.DEPENDS])
    texts = [t.get_text() for t in ax.texts]
    assert f"{signed(-0.5)} … {signed(1.5)}" in texts
    text = title(plots.triangle_figure(depends))
    assert "may or may not pay off" in text
    assert f"between {signed(-0.5)} and {signed(1.5)}" in text


def test_the_comparison_box_of_a_verdict_that_depends_is_yellow(depends):
    fig = plots.comparison_figure([depends])
    box = by_gid(fig.texts, f"verdict:{depends.scenario.title}")
    assert (
        box.get_text() == f"Depends on equilibrium selection: gain {signed(-0.5)} … {signed(1.5)}"
    )
    face = box.get_bbox_patch().get_facecolor()
    assert to_rgba(face) == to_rgba(plots.VERDICT_COLOURS[Verdict.DEPENDS])


def test_a_game_without_stances_is_charted_without_triangles():
    a = analyze_move(loads_scenario(COORDINATION, path="coordination.yaml"))
    assert a.verdict == Verdict.DEPENDS and a.after.relations is None
    fig = plots.comparison_figure([a])
    label = "Coordination after the move"
    # no ties to draw: each actor's payoff before and after instead, and no tie legend
    assert not any(g.startswith(f"{label}:before:") for g in gids(fig))
    for actor in ("M", "F", "G"):
        by_gid(all_artists(fig), f"before:{label}:{actor}")
        by_gid(all_artists(fig), f"after:{label}:{actor}")
    assert not fig.legends
    # no payoff components: the waterfall is the net gain alone, a range here
    net = by_gid(all_artists(fig), f"net:{label}")
    assert to_rgba(net.get_facecolor()) == to_rgba(plots.VERDICT_COLOURS[Verdict.DEPENDS])
    assert not any(g.startswith("component:") for g in gids(fig))
    with pytest.raises(TriangleInputError, match="no stances, so there are no ties to draw"):
        plots.triangle_figure(a)


@pytest.mark.parametrize("chart", [plots.decomposition_figure, plots.payoffs_figure])
def test_one_scenario_is_named_once(analyses, chart):
    fig = chart([analyses[1]])
    label = analyses[1].scenario.title
    texts = [title(fig), *(ax.get_title().replace("\n", " ") for ax in fig.axes)]
    assert sum(label in t for t in texts) == 1, texts
