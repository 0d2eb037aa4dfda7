"""Shared test configuration: deterministic hypothesis runs, no timing deadlines.

The machine running the suite is shared and noisy, so no example has a deadline,
and hypothesis is derandomised so that every run draws the same examples.
"""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("triangle", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("triangle")
