"""Regenerate the images of the README from the shipped scenarios.

Run from the repository's root (the test suite runs it into a temporary folder):

    python docs/make_images.py              # rewrites docs/images/*.png
    python docs/make_images.py --out DIR    # writes them to DIR instead

Each image is the chart of a command the README shows:

* ``comparison.png``: ``triangle compare scenarios/kissinger_1971.yaml
  scenarios/reverse_kissinger_2025.yaml --out comparison.png`` (each scenario with the
  thresholds its move names);
* ``gain-curve.png``: ``triangle plot scenarios/kissinger_1971.yaml
  scenarios/reverse_kissinger_2025.yaml --kind gain-curve --parameter rivalry``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from triangle import plots
from triangle.analysis import compare, gain_curves
from triangle.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [
    ROOT / "scenarios" / "kissinger_1971.yaml",
    ROOT / "scenarios" / "reverse_kissinger_2025.yaml",
]
IMAGES = ("comparison.png", "gain-curve.png")
"""The files written, as the README names them under docs/images/."""


def make_images(out: Path) -> list[Path]:
    """Draw every image of the README into ``out``; returns the files written."""
    scenarios = [load_scenario(path) for path in SCENARIOS]
    figures = {
        "comparison.png": plots.comparison_figure(compare(scenarios, thresholds=None)),
        "gain-curve.png": plots.gain_curve_figure(gain_curves(scenarios, "rivalry")),
    }
    assert tuple(figures) == IMAGES
    return [plots.save_figure(fig, out / name, force=True) for name, fig in figures.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    for path in make_images(parser.parse_args().out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
