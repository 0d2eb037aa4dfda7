"""The triangle diagram: one edge per tie styled by its sign, roles, scores, the mover,
and a title that states the finding."""

from __future__ import annotations

import matplotlib as mpl
import pytest
from matplotlib.colors import to_rgba
from support import all_artists, by_gid, title

from triangle import plots
from triangle.numbers import fixed, signed
from triangle.report import to_data
from triangle.report.prose import finding


@pytest.mark.parametrize("index", [0, 1])
def test_triangle_diagram_has_one_edge_per_tie_styled_by_sign(analyses, index):
    data = to_data(analyses[index])
    fig = plots.triangle_figure(analyses[index])
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
def test_triangle_diagram_labels_roles_scores_and_the_mover(analyses, index):
    data = to_data(analyses[index])
    mover = data["move"]["player"]
    fig = plots.triangle_figure(analyses[index])
    texts = [t.get_text() for t in fig.findobj(mpl.text.Text)]
    for side in ("before", "after"):
        info = data["move"][side]
        assert info["configuration"] in "\n".join(texts)
        for actor, role in info["roles"].items():
            score = info["scores"][actor]
            assert f"{role} ({signed(score, 0)})" in texts
            node = by_gid(all_artists(fig), f"{side}:node:{actor}")
            filled = to_rgba(node.get_facecolor()) == to_rgba(plots.MOVER_FILL)
            assert filled == (actor == mover)


def test_triangle_diagram_title_states_the_verdict_and_gain(analyses):
    for a in analyses:
        text = title(plots.triangle_figure(a))
        verdict = a.verdict
        gain = a.gain[0]
        assert verdict in text or "may or may not pay off" in text
        assert fixed(abs(gain)) in text


def test_triangle_diagram_title_is_the_finding_of_the_analysis(analyses):
    for a in analyses:
        assert title(plots.triangle_figure(a)) == finding(a)
        assert title(plots.triangle_figure(a, title="Mine")) == "Mine"


def test_draw_triangle_takes_a_side_or_a_bare_triad(analyses):
    a = analyses[0]
    fig = plots.new_figure(8, 4)
    left, right = fig.subplots(1, 2)
    plots.draw_triangle(left, a.after, mover=a.mover)
    plots.draw_triangle(right, a.after.triad, prefix="bare:")
    left_texts = [t.get_text() for t in left.texts]
    right_texts = [t.get_text() for t in right.texts]
    assert f"{a.after.triad.configuration}\nUS payoff {fixed(a.after.payoffs['US'])}" in left_texts
    assert a.after.triad.configuration in right_texts
    assert {g.get_gid() for g in right.patches} == {f"bare:node:{p}" for p in a.game.players}
    # without a mover no node is filled
    for node in right.patches:
        assert to_rgba(node.get_facecolor()) != to_rgba(plots.MOVER_FILL)
    with pytest.raises(TypeError, match="Side"):
        plots.draw_triangle(left, to_data(a)["move"]["after"])


def test_a_tie_friendly_by_chance_is_dotted_and_labelled_with_its_probability():
    from triangle.roles import Relations

    fig = plots.new_figure(4, 4)
    ax = fig.add_subplot()
    plots.draw_triangle(ax, Relations(("A", "B", "C"), (0.25, 0.0, 1.0)), prefix="x:")
    lines = {line.get_gid(): line for line in ax.lines}
    chance = lines["x:tie:A–B"]
    assert to_rgba(chance.get_color()) == to_rgba(plots.CHANCE["color"])
    assert chance.get_linestyle() != "-"  # not solid: neither friendly nor hostile
    assert to_rgba(lines["x:tie:B–C"].get_color()) == to_rgba(plots.AMITY["color"])
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert "0.25" in texts and "mixed outcome: a dotted tie is friendly by chance" in texts


def test_more_than_three_actors_are_drawn_on_a_polygon_without_roles():
    from triangle.roles import Relations

    actors = ("A", "B", "C", "D", "E")
    friendly = tuple(1.0 if k in (0, 9) else 0.0 for k in range(10))  # A–B and D–E
    fig = plots.new_figure(5, 5)
    ax = fig.add_subplot()
    plots.draw_triangle(ax, Relations(actors, friendly), mover="A")
    assert len(ax.lines) == 10 and len(ax.patches) == 5
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert "2 of 10 ties friendly" in texts
    assert not any(role in " ".join(texts) for role in ("pivot", "wing", "outcast", "foe"))
    # on a polygon of five, only the ties that are not hostile carry a sign
    assert texts.count("+") == 2 and texts.count("\u2212") == 0
