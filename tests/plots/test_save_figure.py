"""save_figure: files written atomically, in the format the suffix names, reproducibly."""

from __future__ import annotations

import os

import pytest
from matplotlib.figure import Figure
from support import HEADERS, small_figure

from triangle import plots
from triangle.errors import TriangleInputError


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
def test_same_figure_gives_the_same_bytes(tmp_path, analyses, fmt):
    fig = plots.triangle_figure(analyses[0])
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
