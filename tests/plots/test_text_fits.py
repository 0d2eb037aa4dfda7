"""Every word a chart writes can be read: it lies inside the figure, the figure's own
texts do not run into each other or into a row's rule, and a name sits inside its node
or, when it cannot, beside it. Checked by measuring the drawn artists, for names and
titles of any length and for games of two, three and four actors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import (
    all_artists,
    bargaining_scenario,
    court_scenario,
    overlapping_texts,
    powers_scenario,
    texts_outside,
)

from triangle import plots
from triangle.analysis import compare, gain_curves, verdict_map
from triangle.plots.layout import fit_text

WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=24)
NAME = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


def every_chart(tmp_path, a, b, c, title):
    """Each chart kind for two scenarios of three actors with the given names (two
    threshold parameters each, so four threshold sentences per row)."""
    s1 = court_scenario(tmp_path / "one.yaml", a, b, c, title)
    s2 = court_scenario(tmp_path / "two.yaml", a, b, c, "Second: " + title)
    analyses = compare([s1, s2], thresholds=None)
    return analyses, {
        "triangle": plots.triangle_figure(analyses[0]),
        "decomposition": plots.decomposition_figure(analyses),
        "payoffs": plots.payoffs_figure(analyses),
        "comparison": plots.comparison_figure(analyses),
        "gain-curve": plots.gain_curve_figure(gain_curves([s1, s2], "x", points=11)),
        "verdict-map": plots.verdict_map_figure(
            verdict_map(s1, "x", None, "cost", None, resolution=4, others=[s2])
        ),
    }


def assert_readable(figures):
    for kind, fig in figures.items():
        assert texts_outside(fig) == [], kind
    for kind in ("triangle", "comparison", "decomposition", "payoffs"):
        assert overlapping_texts(figures[kind]) == [], kind


def assert_names_in_their_nodes(fig, names):
    """Each name (or, when it does not fit, its initials) lies inside its node."""
    artists = all_artists(fig)
    renderer = fig.canvas.get_renderer()
    for side in ("before", "after"):
        for actor in names:
            node = [x for x in artists if x.get_gid() == f"{side}:node:{actor}"][0]
            initials = [x for x in artists if x.get_gid() == f"{side}:initials:{actor}"]
            written = (initials or [x for x in artists if x.get_gid() == f"{side}:name:{actor}"])[0]
            box, circle = written.get_window_extent(renderer), node.get_window_extent(renderer)
            assert circle.x0 <= box.x0 and box.x1 <= circle.x1, (actor, written.get_text())
            assert circle.y0 <= box.y0 and box.y1 <= circle.y1, (actor, written.get_text())


@settings(max_examples=3, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAME, min_size=3, max_size=3, unique=True), title=NAME)
def test_every_chart_keeps_its_text_inside_for_any_names(tmp_path, names, title):
    analyses, figures = every_chart(tmp_path, *names, title)
    assert_readable(figures)
    assert_names_in_their_nodes(figures["triangle"], names)


@pytest.mark.parametrize("length", [6, 100])  # 100: the longest name a scenario takes
def test_very_long_names_and_titles_still_fit(tmp_path, length):
    a = ("Alpha " * length)[:length].strip()
    b = ("Bravo" * length)[:length]  # one word wider than any node or panel
    c = ("Charlie Republic of " * length)[:length].strip()
    title = ("A scenario title of many words " * length)[: 2 * length]
    analyses, figures = every_chart(tmp_path, a, b, c, title)
    assert_readable(figures)
    assert_names_in_their_nodes(figures["triangle"], (a, b, c))
    rows = [t for t in figures["comparison"].texts if str(t.get_gid()).startswith("threshold:")]
    assert len(rows) == 2 and all("x would have to" in t.get_text() for t in rows)


def test_a_six_letter_name_fits_inside_its_node(analyses):
    fig = plots.comparison_figure(analyses)
    fig.canvas.draw()
    label = analyses[1].scenario.title
    for side in ("before", "after"):
        name = [t for t in all_artists(fig) if t.get_gid() == f"{label}:{side}:name:Russia"]
        assert name and name[0].get_text() == "Russia"
        node = [p for p in all_artists(fig) if p.get_gid() == f"{label}:{side}:node:Russia"][0]
        renderer = fig.canvas.get_renderer()
        box, circle = name[0].get_window_extent(renderer), node.get_window_extent(renderer)
        # a margin on each side: the name does not fill its circle
        assert box.width <= 0.8 * circle.width


def test_games_of_two_and_four_actors_chart_readably(tmp_path):
    two = bargaining_scenario(tmp_path / "two.yaml", "Challenger state", "Defender", "Crisis")
    four = powers_scenario(tmp_path / "four.yaml", ("Aa", "Bb", "Cc", "Dd"), "Four powers")
    analyses = compare([two, four], thresholds=None)
    figures = {
        "comparison": plots.comparison_figure(analyses),
        "decomposition": plots.decomposition_figure(analyses),
        "payoffs": plots.payoffs_figure(analyses),
        "triangle": plots.triangle_figure(analyses[1]),
    }
    assert_readable(figures)
    # the four actors' diagram: one tie per pair, the first pair friendly after the move
    ties = [x for x in all_artists(figures["triangle"]) if str(x.get_gid()).startswith("after:tie")]
    assert len(ties) == 6
    friendly = [x for x in ties if x.get_linestyle() == "-"]
    assert [x.get_gid() for x in friendly] == ["after:tie:Aa–Bb"]


@settings(max_examples=25)
@given(
    text=st.lists(st.text("abcdefghij", min_size=1, max_size=30), min_size=1, max_size=20).map(
        " ".join
    ),
    width=st.floats(20, 400),
    max_lines=st.one_of(st.none(), st.integers(1, 4)),
)
def test_fitted_text_is_never_wider_than_asked(text, width, max_lines):
    from triangle.plots.style import new_figure

    fig = new_figure(6, 4)
    fitted, size = fit_text(fig, text, width, fontsize=11, max_lines=max_lines, min_size=7)
    lines = fitted.split("\n")
    probe = fig.text(0, 0, "", fontsize=size)
    renderer = fig.canvas.get_renderer()
    for line in lines:
        probe.set_text(line)
        assert probe.get_window_extent(renderer).width <= width + 0.5, (line, width)
    assert max_lines is None or len(lines) <= max_lines
    assert 7 <= size <= 11
    if not fitted.endswith("…"):  # nothing is lost: only line breaks for some spaces
        assert fitted.replace("\n", "").replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("length", [6, 100])
def test_uncertainty_charts_keep_their_text_inside(tmp_path, length):
    from triangle.analysis.uncertainty import monte_carlo, probability_map

    a = ("Alpha " * length)[:length].strip()
    b = ("Bravo" * length)[:length]
    c = ("Charlie Republic of " * length)[:length].strip()
    title = ("A scenario title of many words " * length)[: 2 * length]
    scenario = court_scenario(tmp_path / "u.yaml", a, b, c, title, uncertain=True)
    run = monte_carlo(scenario, 600, seed=3, sobol=32)
    vmap = verdict_map(scenario, "x", None, "cost", None, resolution=4)
    figures = {
        "verdict-probability": plots.verdict_probability_figure(run),
        "gain-distribution": plots.gain_distribution_figure(run),
        "sensitivity": plots.sensitivity_figure(run),
        "probability-map": plots.probability_map_figure(
            vmap, probability_map(run, "x", "cost", bins=6)
        ),
    }
    for kind, fig in figures.items():
        assert texts_outside(fig) == [], kind
        assert overlapping_texts(fig) == [], kind
