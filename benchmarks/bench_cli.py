"""Wall-clock of ``triangle solve`` on each shipped scenario against the import floor.

The floor is ``python -c "import nashpy"``: any command that solves a game with
nashpy pays at least that. Each command runs ``--repeat`` times (after one warm-up)
and the median is reported, with its ratio to the floor. ``triangle --help`` is
timed too: it must stay near the bare interpreter (it imports no solver).

Run from the repository root, in the environment where triangle is installed::

    python benchmarks/bench_cli.py --repeat 5

Not a test: timings on shared machines are noisy; read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)  # warm-up (disk cache)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    args = parser.parse_args()

    exe = shutil.which("triangle")
    triangle = [exe] if exe else [sys.executable, "-m", "triangle"]
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ('python -c "import nashpy" (floor)', [sys.executable, "-c", "import nashpy"]),
        ("triangle --help", [*triangle, "--help"]),
    ]
    for scenario in sorted((ROOT / "scenarios").glob("*.yaml")):
        rel = scenario.relative_to(ROOT)
        rows.append((f"triangle solve {rel}", [*triangle, "solve", str(rel)]))
        rows.append(
            (
                f"triangle solve {rel} --solver pure",
                [*triangle, "solve", str(rel), "--solver", "pure"],
            )
        )

    results = [(name, wall(cmd, args.repeat)) for name, cmd in rows]
    floor = results[1][1]
    width = max(len(n) for n, _ in results)
    print(f"{'command'.ljust(width)}  median s  x floor")
    for name, seconds in results:
        print(f"{name.ljust(width)}  {seconds:8.3f}  {seconds / floor:7.2f}")


if __name__ == "__main__":
    main()
