"""Names in scripts beyond Latin: charts fall back to fonts that have their glyphs,
say once, in our own words, when none does, and text tables line up wide characters."""

from __future__ import annotations

import warnings

from click.testing import CliRunner
from matplotlib import font_manager
from support import court_scenario

from triangle.cli import cli
from triangle.plots.style import FONT_FALLBACKS, STYLE, missing_glyphs, new_figure
from triangle.report.text import _table, display_width


def test_charts_draw_with_a_fallback_list_of_installed_fonts():
    families = STYLE["font.family"]
    assert isinstance(families, list) and families[0] == "DejaVu Sans"
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    assert all(name in FONT_FALLBACKS and name in installed for name in families)


def test_a_missing_glyph_is_collected_and_other_warnings_pass_through():
    with warnings.catch_warnings(record=True) as outer:
        warnings.simplefilter("always")
        with missing_glyphs() as missing:
            fig = new_figure(2, 1)
            fig.text(0.1, 0.5, "\U0001d11e")  # the G clef: few fonts have it
            fig.canvas.draw()
            warnings.warn("something else", UserWarning, stacklevel=1)
    assert [str(w.message) for w in outer] == ["something else"]
    assert missing <= {"\U0001d11e"}


def test_a_chart_with_names_no_font_can_draw_warns_once_in_our_words(tmp_path):
    path = tmp_path / "cjk.yaml"
    court_scenario(path, "美国", "中国", "印度", "三角")
    result = CliRunner().invoke(
        cli, ["plot", str(path), "--kind", "triangle", "--out", str(tmp_path / "t.png")]
    )
    assert result.exit_code == 0, result.output
    assert "Glyph" not in result.stderr and "UserWarning" not in result.stderr
    warned = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warned) <= 1
    if warned:  # no font with these glyphs here
        assert warned[0].startswith("triangle plot: warning: no installed font has")
        assert "美" in warned[0]


def test_text_tables_line_up_wide_characters():
    lines = _table([["美国", "1"], ["US", "2"], ["中华人民共和国", "3"]], ["player", "n"])
    rows = zip(lines[2:], "123", strict=True)
    columns = {display_width(line[: line.index(n)]) for line, n in rows}
    assert len(columns) == 1
    assert display_width("中华人民共和国") == 14
