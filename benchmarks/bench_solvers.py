"""Benchmark: pure equilibria of many games, batched numpy kernel vs a pygambit loop.

Generates the same random 3x3x3 games with integer payoffs from a seed, finds the
pure Nash equilibria of all of them with one call of
:func:`triangle.equilibria.pure.pure_nash_mask_batch`, and again game by game with
``pygambit.nash.enumpure_solve`` (building each ``pygambit.Game`` with
``Game.from_arrays``), checks that both find exactly the same equilibria in every
game, and prints the timings and their ratio.

Run from the repository root::

    python benchmarks/bench_solvers.py              # 10,000 games, seed 0
    python benchmarks/bench_solvers.py --games 2000 --seed 7

Exit status 1 if the two methods disagree on any game.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from triangle.equilibria.pure import pure_nash_mask, pure_nash_mask_batch
from triangle.equilibria.regret import DEFAULT_TOL

SHAPE = (3, 3, 3)
TARGET_RATIO = 20.0


def random_games(n_games: int, seed: int, low: int = -9, high: int = 9) -> np.ndarray:
    """``n_games`` random 3x3x3 games with integer payoffs in ``[low, high]``:
    shape ``(n_games, 3, 3, 3, 3)``."""
    rng = np.random.default_rng(seed)
    return rng.integers(low, high + 1, size=(n_games, len(SHAPE), *SHAPE)).astype(float)


def tolerances(payoffs: np.ndarray, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Each game's absolute tolerance, as in ``regret_tolerance`` (tol x spread, spread >= 1)."""
    flat = payoffs.reshape(payoffs.shape[0], -1)
    return tol * np.maximum(1.0, flat.max(axis=1) - flat.min(axis=1))


def as_sets(mask: np.ndarray) -> list[set[tuple[int, ...]]]:
    """Per game, the set of equilibrium profiles marked in a batched mask."""
    out: list[set[tuple[int, ...]]] = [set() for _ in range(mask.shape[0])]
    for game, *profile in np.argwhere(mask).tolist():
        out[game].add(tuple(profile))
    return out


def gambit_games(payoffs: np.ndarray) -> list:
    import pygambit as gbt

    return [gbt.Game.from_arrays(*one.astype(int)) for one in payoffs]


def gambit_pure(game) -> set[tuple[int, ...]]:
    import pygambit as gbt

    found = set()
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        found.add(tuple([eq[s] for s in player.strategies].index(1) for player in game.players))
    return found


def best_of(repeat: int, fn):
    """Run ``fn`` ``repeat`` times; return its last result and the shortest time."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=10_000, help="number of games (10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timing runs of the numpy kernels; best kept (3)"
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if args.games < 1 or args.repeat < 1:
        parser.error("--games and --repeat must be at least 1")

    import pygambit  # noqa: F401  (imported before timing so import time is not counted)

    payoffs = random_games(args.games, args.seed)
    atol = tolerances(payoffs)

    mask, t_batch = best_of(args.repeat, lambda: pure_nash_mask_batch(payoffs, atol))
    _, t_loop_numpy = best_of(
        1, lambda: [pure_nash_mask(p, a) for p, a in zip(payoffs, atol, strict=True)]
    )
    ours = as_sets(mask)

    start = time.perf_counter()
    games = gambit_games(payoffs)
    t_build = time.perf_counter() - start
    start = time.perf_counter()
    theirs = [gambit_pure(g) for g in games]
    t_solve = time.perf_counter() - start

    disagree = [k for k, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    counts = np.bincount([len(s) for s in ours])
    numbers = {
        "games": args.games,
        "seed": args.seed,
        "shape": list(SHAPE),
        "pure_equilibria_total": int(sum(len(s) for s in ours)),
        "games_by_number_of_pure_equilibria": {str(k): int(c) for k, c in enumerate(counts)},
        "disagreements": len(disagree),
        "numpy_batch_s": t_batch,
        "numpy_per_game_loop_s": t_loop_numpy,
        "gambit_build_s": t_build,
        "gambit_solve_s": t_solve,
        "ratio_with_build": (t_build + t_solve) / t_batch,
        "ratio_solve_only": t_solve / t_batch,
        "target_ratio": TARGET_RATIO,
    }
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        n = args.games
        print(f"{n} random {'x'.join(map(str, SHAPE))} games, integer payoffs, seed {args.seed}")
        print(
            f"pure equilibria found: {numbers['pure_equilibria_total']} "
            f"(games with 0, 1, 2, ...: {counts.tolist()})"
        )
        print(f"agreement with pygambit enumpure_solve: {n - len(disagree)}/{n} games")
        print(f"numpy batched kernel     {t_batch * 1e3:10.1f} ms  (best of {args.repeat})")
        print(f"numpy kernel, game loop  {t_loop_numpy * 1e3:10.1f} ms")
        print(f"pygambit build games     {t_build * 1e3:10.1f} ms")
        print(f"pygambit enumpure_solve  {t_solve * 1e3:10.1f} ms")
        print(
            f"speed-up incl. build     {numbers['ratio_with_build']:10.1f} x  "
            f"(target >= {TARGET_RATIO:g} x)"
        )
        print(f"speed-up solve only      {numbers['ratio_solve_only']:10.1f} x")
    if disagree:
        print(f"DISAGREEMENT on games {disagree[:10]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
