"""Charts need neither pyplot nor a display (checked in a fresh interpreter, started in
the background by ``conftest.fresh_interpreter``)."""

from __future__ import annotations

from support import HEADERS

KINDS = ("triangle", "decomposition", "payoffs", "comparison", "gain-curve", "verdict-map")


def test_no_pyplot_and_no_display_needed(fresh_interpreter):
    folder, process = fresh_interpreter
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert out.strip() == "False"
    for kind in KINDS:
        assert (folder / f"{kind}.png").read_bytes().startswith(HEADERS["png"])
