"""Scenarios written as variants of another one (``base:``)."""

import os
import textwrap

import numpy as np
import pytest

from triangle.errors import ScenarioError
from triangle.scenario import load_scenario

BASE = """\
format: 1
title: Base
players: [A, B, C]
form: relations
parameters:
  x: {value: 1, range: [0, 5], source: "assumption: test"}
  y: {value: 2, source: "assumption: test"}
ties:
  A: {B: x, C: y}
move: {player: A, from: cold, to: "warm:B"}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def base(tmp_path):
    return write(tmp_path, "base.yaml", BASE)


def test_variant_changes_only_the_named_parameter(tmp_path, base):
    variant = write(
        tmp_path,
        "variant.yaml",
        """\
        format: 1
        base: base.yaml
        title: Variant
        parameters:
          x: {value: 4, source: "assumption: bigger"}
        expected: {verdict: pays off}
        """,
    )
    b, v = load_scenario(base), load_scenario(variant)
    assert v.title == "Variant" and v.base == str(base)
    assert v.parameters["x"].value == 4 and v.parameters["x"].range == (0, 5)
    assert v.parameters["x"].source == "assumption: bigger"
    assert v.parameters["y"] == b.parameters["y"]
    assert v.move == b.move and v.expected["verdict"] == "pays off"
    assert np.array_equal(v.compile().payoffs, b.compile({"x": 4}).payoffs)
    assert v.unsourced() == []


def test_variants_stack(tmp_path, base):
    write(
        tmp_path,
        "v1.yaml",
        """\
        format: 1
        base: base.yaml
        title: V1
        parameters: {x: {value: 3, source: s}}
        """,
    )
    v2 = write(
        tmp_path,
        "v2.yaml",
        """\
        format: 1
        base: v1.yaml
        title: V2
        parameters: {y: {value: 0, source: s}}
        """,
    )
    values = load_scenario(v2).parameter_values()
    assert values == {"x": 3, "y": 0}


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("parameters:\n  z: {value: 1, source: s}\n", 5, "'z' is not a parameter of the base"),
        ("parameters:\n  x: {value: 9, source: s}\n", 5, "outside its range [0, 5]"),
        ("parameters:\n  x: {value: 1, range: [0, 9]}\n", 5, "cannot change the range"),
        ("players: [A, B]\n", 4, "comes from the base scenario"),
        ("ties: {A: {B: 1}}\n", 4, "comes from the base scenario"),
        ("move: {player: A, from: cold, to: hot}\n", 4, "'hot' is not a strategy of A"),
    ],
)
def test_variant_errors_are_located(tmp_path, base, body, line, message):
    variant = write(tmp_path, "v.yaml", "format: 1\nbase: base.yaml\ntitle: V\n" + body)
    with pytest.raises(ScenarioError) as err:
        load_scenario(variant)
    assert str(err.value).startswith(f"{variant}:{line}:")
    assert message in str(err.value)


def test_missing_base_and_cycles(tmp_path):
    missing = write(tmp_path, "m.yaml", "format: 1\nbase: nowhere.yaml\ntitle: M\n")
    with pytest.raises(ScenarioError, match=r"m\.yaml:2: base 'nowhere.yaml' not found"):
        load_scenario(missing)
    write(tmp_path, "a.yaml", "format: 1\nbase: b.yaml\ntitle: A\n")
    b = write(tmp_path, "b.yaml", "format: 1\nbase: a.yaml\ntitle: B\n")
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(b)


def test_error_in_the_base_names_the_base_file(tmp_path):
    write(tmp_path, "bad.yaml", BASE.replace("ties:", "tie:"))
    variant = write(tmp_path, "v.yaml", "format: 1\nbase: bad.yaml\ntitle: V\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(variant)
    assert str(err.value).startswith(f"{tmp_path / 'bad.yaml'}:8:")


def test_move_thresholds_are_checked_and_inherited(tmp_path):
    base = write(
        tmp_path, "t.yaml", BASE.replace('to: "warm:B"}', 'to: "warm:B", thresholds: [x, y, x]}')
    )
    assert load_scenario(base).move.thresholds == ("x", "y")
    variant = write(tmp_path, "tv.yaml", "format: 1\nbase: t.yaml\ntitle: V\n")
    assert load_scenario(variant).move.thresholds == ("x", "y")
    bad = write(
        tmp_path, "tb.yaml", BASE.replace('to: "warm:B"}', 'to: "warm:B", thresholds: [z]}')
    )
    with pytest.raises(
        ScenarioError, match=r"tb\.yaml:10: move thresholds: 'z' is not a parameter"
    ):
        load_scenario(bad)


# -- what a base may point to ------------------------------------------------------------


def variant_of(tmp_path, base: str):
    return write(tmp_path, "v.yaml", f"format: 1\nbase: {base!r}\ntitle: V\n")


@pytest.mark.parametrize(
    "base, message",
    [
        ("/etc/passwd", "must be a path relative to the folder of this file"),
        ("~/x.yaml", "must be a path relative to the folder of this file"),
        ("base.txt", "must name a scenario file (.yaml or .yml)"),
        ("../outside.yaml", "lies outside the folder of this file and its subfolders"),
        ("inner/../../outside.yaml", "lies outside the folder of this file"),
        ("link.yaml", "lies outside the folder of this file"),  # a link out of the tree
        ("folder.yaml", "is a directory, not a scenario file"),
        ("fifo.yaml", "is not a regular file (a FIFO, device or socket)"),
        ("loop.yaml", "is a loop of symbolic links"),
        ("missing.yaml", "not found"),
    ],
)
def test_a_base_is_a_scenario_file_in_the_folder_tree(tmp_path, base, message):
    outside = tmp_path / "outside.yaml"
    outside.write_text(BASE)
    here = tmp_path / "here"
    (here / "inner").mkdir(parents=True)
    (here / "base.txt").write_text(BASE)
    (here / "folder.yaml").mkdir()
    os.mkfifo(here / "fifo.yaml")
    (here / "link.yaml").symlink_to(outside)
    (here / "loop.yaml").symlink_to(here / "loop.yaml")
    variant = variant_of(here, base)
    with pytest.raises(ScenarioError) as err:
        load_scenario(variant)
    assert str(err.value).startswith(f"{variant}:2: base ")
    assert message in str(err.value)


def test_a_base_root_allows_bases_outside_the_folder(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    here = tmp_path / "variants"
    here.mkdir()
    variant = variant_of(here, "../base.yaml")
    with pytest.raises(ScenarioError, match="lies outside"):
        load_scenario(variant)
    assert load_scenario(variant, base_root=tmp_path).title == "V"
    with pytest.raises(ScenarioError, match=r"lies outside .* \(base_root\)"):
        load_scenario(variant, base_root=here)


def test_a_file_that_is_not_a_scenario_is_not_echoed(tmp_path):
    secret = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    write(tmp_path, "passwd.yaml", secret)
    variant = variant_of(tmp_path, "passwd.yaml")
    with pytest.raises(ScenarioError) as err:
        load_scenario(variant)
    assert "root:x" not in str(err.value) and "daemon" not in str(err.value)
    assert "a scenario must be a mapping" in str(err.value)


def test_reading_a_fifo_does_not_wait_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "s.yaml")
    with pytest.raises(ScenarioError, match="is not a regular file"):
        load_scenario(tmp_path / "s.yaml")
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)
