"""Benchmark (not a test): the batched move analysis and the batched 2-player solver
against per-point and per-game loops, and Monte Carlo throughput and peak memory.

Three parts, each measured side by side in one run (the machine is shared: the load
average is printed, and CPU times are shown beside wall-clock times):

1. ``move``: the move of ``scenarios/reverse_kissinger_2025.yaml`` judged at
   ``--points`` random points (default 10⁵) by the batched path (vectorised
   compilation + :func:`triangle.analysis.batch.judge_payoffs`, in chunks of 8192),
   against per-point loops that solve the two followers' games of each point with
   (a) nashpy's ``support_enumeration`` and (b) pygambit's ``enummixed_solve``, and
   (c) the full one-point path ``analyze_move``; the loops run on a subset and are
   reported per point.
2. ``solver``: :func:`triangle.equilibria.batched.bimatrix_equilibria_batch` on
   ``--games`` random 4×4 games (default 10⁴) against nashpy ``support_enumeration``
   and Gambit ``enummixed`` (floating point) game by game on a subset.
3. ``monte-carlo``: ``triangle sweep SCENARIO --samples N --seed 7`` in a subprocess for
   N in ``--samples`` (default 10⁶; add 10⁷ with ``--samples 1000000 10000000``): wall
   time, points per second and peak resident memory (``ru_maxrss`` of the child).

Usage: ``python benchmarks/bench_uncertainty.py [--parts move solver monte-carlo]``
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

warnings.filterwarnings("ignore", category=RuntimeWarning, module="nashpy")

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "reverse_kissinger_2025.yaml"


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def per_item(fn, items, budget):
    """Run fn over items until ``budget`` seconds have passed (at least 3): per-item
    wall and CPU seconds and the count."""
    w0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for item in items:
        fn(item)
        n += 1
        if n >= 3 and time.perf_counter() - w0 > budget:
            break
    return (time.perf_counter() - w0) / n, (time.process_time() - c0) / n, n


def row(label, wall, cpu, count, unit, reference=None):
    ratio = "" if reference is None else f"{wall / reference:10.0f}x"
    print(f"  {label:44s} {wall * 1e6:12.1f} {cpu * 1e6:12.1f} {count:9d} {unit:>6s} {ratio}")


def header(title):
    print(f"\n{title}")
    print(f"  {'method':44s} {'wall us':>12s} {'cpu us':>12s} {'count':>9s} {'per':>6s}  ratio")


def part_move(points: int, budget: float) -> None:
    import nashpy
    import pygambit as gbt

    from triangle.analysis import analyze_move
    from triangle.analysis.batch import judge_payoffs
    from triangle.analysis.move import resolve_move
    from triangle.scenario import load_scenario

    sc = load_scenario(SCENARIO)
    rng = np.random.default_rng(0)
    names = [n for n, p in sc.parameters.items() if p.distribution is not None]
    arrays = {n: sc.parameters[n].distribution.ppf(rng.random(points)) for n in names}
    template = sc.compile()
    spec = resolve_move(sc, template)

    def batched():
        for start in range(0, points, 8192):
            part = {n: v[start : start + 8192] for n, v in arrays.items()}
            payoffs = sc.compile_arrays(part)
            judge_payoffs(template, spec, payoffs)

    _, wall, cpu = timed(batched)
    header(f"move analysis of {SCENARIO.name}: per point")
    row("batched (compile_arrays + judge_payoffs)", wall / points, cpu / points, points, "point")
    reference = wall / points
    point_dicts = [{n: float(v[i]) for n, v in arrays.items()} for i in range(points)]

    def followers(point):
        game = sc.compile(point)
        for k in (spec.before, spec.after):
            sub = game.subgame(spec.mover, k)
            yield sub.payoffs[0], sub.payoffs[1]

    def with_nashpy(point):
        for A, B in followers(point):
            list(nashpy.Game(A, B).support_enumeration())

    def with_gambit(point):
        for A, B in followers(point):
            gbt.nash.enummixed_solve(gbt.StrategicGame.from_arrays(A, B), rational=False)

    for label, fn in (
        ("per point: nashpy support_enumeration", with_nashpy),
        ("per point: pygambit enummixed_solve", with_gambit),
        ("per point: analyze_move (full one-point path)", lambda p: analyze_move(sc, p)),
    ):
        w, c, n = per_item(fn, point_dicts, budget)
        row(label, w, c, n, "point", reference)


def part_solver(games: int, budget: float) -> None:
    import nashpy
    import pygambit as gbt

    from triangle.equilibria.batched import bimatrix_equilibria_batch

    rng = np.random.default_rng(1)
    A, B = rng.random((games, 4, 4)), rng.random((games, 4, 4))
    bimatrix_equilibria_batch(A[:100], B[:100])  # warm the plan cache
    best = None
    for _ in range(3):
        result, wall, cpu = timed(lambda: bimatrix_equilibria_batch(A, B))
        best = (wall, cpu) if best is None or wall < best[0] else best
    header(f"all equilibria of {games:,} random 4x4 games: per game")
    row(
        "batched solver (triangle.equilibria.batched)",
        best[0] / games,
        best[1] / games,
        games,
        "game",
    )
    print(f"  ({result.game.size / games:.3f} equilibria per game)")
    pairs = list(zip(A, B, strict=True))

    def nash(ab):
        list(nashpy.Game(*ab).support_enumeration())

    def gambit(ab):
        gbt.nash.enummixed_solve(gbt.StrategicGame.from_arrays(*ab), rational=False)

    for label, fn in (
        ("nashpy support_enumeration", nash),
        ("gambit enummixed (float)", gambit),
    ):
        w, c, n = per_item(fn, pairs, budget)
        row(label, w, c, n, "game", best[0] / games)


def part_monte_carlo(sizes: list[int], threads: int | None) -> None:
    print("\nMonte Carlo: triangle sweep SCENARIO --samples N --seed 7 (subprocess)")
    print(f"  {'samples':>12s} {'wall s':>9s} {'cpu s':>9s} {'points/s':>11s} {'peak MiB':>9s}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for n in sizes:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        args = [
            sys.executable,
            "-m",
            "triangle",
            "sweep",
            str(SCENARIO),
            "--samples",
            str(n),
            "--seed",
            "7",
        ]
        if threads:
            args += ["--threads", str(threads)]
        w = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - w
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak = after.ru_maxrss / 1024  # KiB on Linux; the largest child so far
        print(f"  {n:12,d} {wall:9.1f} {cpu:9.1f} {n / wall:11,.0f} {peak:9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", default=["move", "solver", "monte-carlo"])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--samples", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per loop")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}, CPUs: {os.cpu_count()}")
    if "move" in args.parts:
        part_move(args.points, args.budget)
    if "solver" in args.parts:
        part_solver(args.games, args.budget)
    if "monte-carlo" in args.parts:
        part_monte_carlo(args.samples, args.threads)
    print(f"\nload average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
