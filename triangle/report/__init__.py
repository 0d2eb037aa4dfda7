"""What users read: plain data for scripts, text tables for terminals, sentences.

==================  ===========================================================
module              job
==================  ===========================================================
:mod:`.data`        every result as JSON-ready data (:func:`to_data`,
                    :func:`solve_report`)
:mod:`.text`        the text tables the command line prints
:mod:`.prose`       every generated sentence (:func:`reason`,
                    :func:`threshold_sentence`, chart titles)
:mod:`.points`      one row per evaluated point, CSV or Parquet, atomically
==================  ===========================================================
"""

from triangle.report.data import game_table, solve_report, to_data
from triangle.report.prose import finding, reason, threshold_sentence
from triangle.report.text import (
    format_analysis,
    format_compare,
    format_grid,
    format_monte_carlo,
    format_solve,
    format_sweep,
    write_sweep_csv,
)

__all__ = [
    "finding",
    "format_analysis",
    "format_compare",
    "format_grid",
    "format_monte_carlo",
    "format_solve",
    "format_sweep",
    "game_table",
    "reason",
    "solve_report",
    "threshold_sentence",
    "to_data",
    "write_sweep_csv",
]
