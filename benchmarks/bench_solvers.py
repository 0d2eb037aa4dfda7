"""Benchmark: triangle's solvers against pygambit loops, with an agreement check on every game.

Three sections, each on random games with integer payoffs in [-9, 9] drawn from a
seed (integer payoffs: Gambit computes with them exactly):

``pure``
    the pure equilibria of N 3x3x3 games with **one** call of the batched kernel
    :func:`triangle.equilibria.pure.pure_nash_mask_batch` (what sweeps use), against
    ``pygambit.nash.enumpure_solve`` game by game. The sets must be equal.
``mixed2``
    every equilibrium of N 4x4 and N 6x6 bimatrix games with
    :func:`triangle.equilibria.solve` (default ``"auto"``: exact rational enumeration of
    the extreme equilibria, every one verified), against
    ``pygambit.nash.enummixed_solve(game, rational=True)`` game by game (its extreme
    equilibria, in rationals). The two lists must match one to one within 1e-9.
``mixed3``
    every equilibrium of N 2x2x2 games with :func:`triangle.equilibria.solve` (default
    ``"auto"``: pure equilibria, the continua they span, and every equilibrium with
    at most two strategies a player, in closed form -- no pygambit), against
    ``pygambit.nash.enumpoly_solve`` game by game; counts the games where either
    finds an equilibrium the other does not list, and runs both on McKelvey and
    McLennan's 2x2x2 game with nine equilibria. Gambit's ``enumpoly`` is known to
    miss equilibria (for example on supports whose system is singular), so that is
    reported, not an error; it is an error when triangle calls its list complete and
    Gambit lists a verified equilibrium missing from it.

triangle's times include building its ``Game`` objects (reported apart) and, in the
mixed sections, the regret check :func:`~triangle.equilibria.solve` runs on every
equilibrium; Gambit's are split into building the games and solving them. In the
mixed sections the two run game by game, alternately, so that a change of load on the
machine hits both alike.

Run from the repository root::

    python benchmarks/bench_solvers.py                       # every section
    python benchmarks/bench_solvers.py --section mixed3 --games 2000 --seed 7 --json

Exit status 1 if the methods disagree where they must agree.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np

from triangle.equilibria import solve
from triangle.equilibria.pure import pure_nash_mask, pure_nash_mask_batch
from triangle.equilibria.result import make_equilibrium
from triangle.equilibria.tolerance import DEFAULT_TOL, player_tolerances
from triangle.game import Game

SECTIONS = ("pure", "mixed2", "mixed3")
DEFAULT_GAMES = {"pure": 10_000, "mixed2": 100, "mixed3": 1_000}
PURE_SHAPE = (3, 3, 3)
MIXED2_SIZES = (4, 6)
MIXED3_SHAPE = (2, 2, 2)
TARGET_RATIO = 20.0
"""What the batched pure kernel must save over the pygambit loop, construction included."""
MATCH_ATOL_2 = 1e-9
"""Two 2-player equilibria are the same when every probability agrees within this."""
MATCH_ATOL_3 = 1e-6
"""The same for 3 players (``enumpoly`` finds roots in floating point)."""
ENUMPOLY_MAX_RECTANGLES = 20_000
"""``enumpoly``'s per-support budget, as in ``triangle.equilibria.backends.gambit``."""

MCKELVEY_MCLENNAN = np.array(
    [
        [[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
        [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
        [[[12, 0], [0, 6]], [[0, 6], [2, 0]]],
    ]
)
"""McKelvey and McLennan's 2x2x2 game with nine equilibria (four pure, five mixed)."""


# -- games and timing -----------------------------------------------------------------------


def random_games(
    n_games: int, shape: Sequence[int], rng: np.random.Generator, low: int = -9, high: int = 9
) -> np.ndarray:
    """``n_games`` random games of ``shape`` with integer payoffs in ``[low, high]``:
    an int array of shape ``(n_games, len(shape), *shape)``."""
    return rng.integers(low, high + 1, size=(n_games, len(shape), *shape))


def section_rng(seed: int, section: str) -> np.random.Generator:
    """The generator of one section: the same games whichever sections run. The pure
    section keeps ``default_rng(seed)`` (its games are those of earlier runs)."""
    if section == "pure":
        return np.random.default_rng(seed)
    return np.random.default_rng([seed, SECTIONS.index(section)])


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[object, float]:
    """Run ``fn`` ``repeat`` times; return its last result and the shortest time."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        result, seconds = timed(fn)
        best = min(best, seconds)
    return result, best


# -- pygambit ---------------------------------------------------------------------------------


def gambit_game(payoffs: np.ndarray):
    """A ``pygambit.StrategicGame`` with integer payoffs (exact in Gambit)."""
    import pygambit as gbt

    return gbt.StrategicGame.from_arrays(*payoffs.astype(int))


def gambit_games(payoffs: np.ndarray) -> list:
    """One ``pygambit.StrategicGame`` per game of a batch."""
    return [gambit_game(one) for one in payoffs]


def flat(profile) -> list:
    """A pygambit profile's probabilities, player by player (as pygambit gives them)."""
    return [p for mixed in profile for _label, p in mixed]


def gambit_pure(game, shape: Sequence[int]) -> set[tuple[int, ...]]:
    import pygambit as gbt

    found = set()
    cuts = np.cumsum(shape)[:-1]
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        probs = np.split(np.array([float(p) for p in flat(eq)]), cuts)
        found.add(tuple(int(np.argmax(p)) for p in probs))
    return found


def gambit_enummixed(game) -> list[np.ndarray]:
    """Gambit's extreme equilibria in rationals, deduplicated exactly, as floats."""
    import pygambit as gbt

    exact = {tuple(flat(eq)) for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria}
    return [np.array([float(p) for p in eq]) for eq in sorted(exact)]


def gambit_enumpoly(game) -> tuple[list[np.ndarray], int]:
    """Gambit's ``enumpoly`` equilibria as flat float vectors, and how many supports it
    left because their system is singular or over its budget."""
    import pygambit as gbt

    skipped = 0

    def on_event(event) -> None:
        nonlocal skipped
        skip = (gbt.EnumPolySingularSupportEvent, gbt.EnumPolyBudgetExceededSupportEvent)
        if isinstance(event, skip):
            skipped += 1

    result = gbt.nash.enumpoly_solve(
        game, max_rectangles=ENUMPOLY_MAX_RECTANGLES, event_callback=on_event
    )
    return [np.array([float(p) for p in flat(eq)]) for eq in result.equilibria], skipped


# -- comparing lists of equilibria ----------------------------------------------------------


def unmatched(
    ours: list[np.ndarray], theirs: list[np.ndarray], atol: float
) -> tuple[list[int], list[int]]:
    """Pair equal profiles (every probability within ``atol``) one to one; return the
    indices left over on each side."""
    free = list(range(len(theirs)))
    only_ours = []
    for k, a in enumerate(ours):
        for j in free:
            if np.max(np.abs(a - theirs[j])) <= atol:
                free.remove(j)
                break
        else:
            only_ours.append(k)
    return only_ours, free


def distinct_profiles(profiles: list[np.ndarray], atol: float) -> list[np.ndarray]:
    """``profiles`` without repeats (every probability within ``atol`` of an earlier one):
    ``enumpoly`` sometimes lists an equilibrium twice."""
    kept: list[np.ndarray] = []
    for p in profiles:
        if all(np.max(np.abs(p - q)) > atol for q in kept):
            kept.append(p)
    return kept


def flats(result) -> list[np.ndarray]:
    return [np.concatenate(eq.profile) for eq in result.equilibria]


# -- sections ---------------------------------------------------------------------------------


def section_pure(n_games: int, seed: int, repeat: int) -> dict:
    payoffs = random_games(n_games, PURE_SHAPE, section_rng(seed, "pure")).astype(float)

    def kernel():  # each player's own tolerance, as pure_equilibria uses
        return pure_nash_mask_batch(payoffs, player_tolerances(payoffs, DEFAULT_TOL, batch_dims=1))

    mask, t_batch = best_of(repeat, kernel)
    atol = player_tolerances(payoffs, DEFAULT_TOL, batch_dims=1)
    _, t_loop = timed(
        lambda: [pure_nash_mask(p, a[np.newaxis]) for p, a in zip(payoffs, atol, strict=True)]
    )
    ours: list[set] = [set() for _ in range(n_games)]
    for game, *profile in np.argwhere(mask).tolist():
        ours[game].add(tuple(profile))

    games, t_build = timed(lambda: gambit_games(payoffs))
    theirs, t_solve = timed(lambda: [gambit_pure(g, PURE_SHAPE) for g in games])
    disagree = [k for k, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    counts = np.bincount([len(s) for s in ours])
    return {
        "games": n_games,
        "shape": list(PURE_SHAPE),
        "pure_equilibria_total": int(sum(len(s) for s in ours)),
        "games_by_number_of_pure_equilibria": counts.tolist(),
        "agreements": n_games - len(disagree),
        "disagreements": disagree,
        "numpy_batch_s": t_batch,
        "numpy_per_game_loop_s": t_loop,
        "gambit_build_s": t_build,
        "gambit_solve_s": t_solve,
        "ratio_with_build": (t_build + t_solve) / t_batch,
        "ratio_solve_only": t_solve / t_batch,
        "target_ratio": TARGET_RATIO,
        "repeat": repeat,
    }


def compare_solve(
    payoffs: np.ndarray, gambit_solver: Callable, atol: float
) -> tuple[dict, list[tuple]]:
    """Solve every game with triangle and with a Gambit method; time both and pair
    their equilibria. Returns the figures and, per game, (triangle result, Gambit's
    list, Gambit's extra output, only-triangle indices, only-Gambit indices).

    The two run game by game, alternately (triangle first on even games, Gambit first
    on odd ones), so a change of load on the machine hits both alike."""
    clock = {"triangle_build_s": 0.0, "triangle_solve_s": 0.0}
    clock |= {"gambit_build_s": 0.0, "gambit_solve_s": 0.0}

    per_game: dict[str, list[float]] = {"triangle_solve_s": [], "gambit_solve_s": []}

    def step(key: str, fn: Callable[[], object]) -> object:
        start = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - start
        clock[key] += seconds
        if key in per_game:
            per_game[key].append(seconds)
        return out

    def ours_one(p: np.ndarray):
        game = step("triangle_build_s", lambda: Game.from_arrays(*p))
        return step("triangle_solve_s", lambda: solve(game))

    def theirs_one(p: np.ndarray):
        game = step("gambit_build_s", lambda: gambit_game(p))
        return step("gambit_solve_s", lambda: gambit_solver(game))

    ours, theirs = [], []
    for k, p in enumerate(payoffs):
        if k % 2 == 0:
            ours.append(ours_one(p))
            theirs.append(theirs_one(p))
        else:
            theirs.append(theirs_one(p))
            ours.append(ours_one(p))
    rows = []
    duplicates = 0
    for result, answer in zip(ours, theirs, strict=True):
        listed, extra = answer if isinstance(answer, tuple) else (answer, None)
        distinct = distinct_profiles(listed, atol)
        duplicates += len(listed) - len(distinct)
        only_ours, only_theirs = unmatched(flats(result), distinct, atol)
        rows.append((result, distinct, extra, only_ours, only_theirs))
    ours_total = clock["triangle_build_s"] + clock["triangle_solve_s"]
    times = {
        **clock,
        "ratio_with_build": (clock["gambit_build_s"] + clock["gambit_solve_s"]) / ours_total,
        "ratio_solve_only": clock["gambit_solve_s"] / clock["triangle_solve_s"],
        "triangle_solve_median_s": float(np.median(per_game["triangle_solve_s"])),
        "triangle_solve_max_s": max(per_game["triangle_solve_s"]),
        "gambit_solve_median_s": float(np.median(per_game["gambit_solve_s"])),
        "gambit_solve_max_s": max(per_game["gambit_solve_s"]),
        "gambit_duplicates": duplicates,
    }
    return times, rows


def section_mixed2(n_games: int, seed: int) -> dict:
    rng = section_rng(seed, "mixed2")
    out = {"games": n_games, "sizes": []}
    for m in MIXED2_SIZES:
        payoffs = random_games(n_games, (m, m), rng)
        times, rows = compare_solve(payoffs, gambit_enummixed, MATCH_ATOL_2)
        disagree = [k for k, row in enumerate(rows) if row[3] or row[4]]
        out["sizes"].append(
            {
                "shape": [m, m],
                "equilibria_triangle": sum(len(r[0].equilibria) for r in rows),
                "equilibria_gambit": sum(len(r[1]) for r in rows),
                "mixed_equilibria": sum(len(r[0].mixed) for r in rows),
                "degenerate_games": sum(not r[0].complete for r in rows),
                "exact": sum(r[0].exact for r in rows),
                "agreements": n_games - len(disagree),
                "disagreements": disagree,
                **times,
            }
        )
    return out


def section_mixed3(n_games: int, seed: int) -> dict:
    payoffs = random_games(n_games, MIXED3_SHAPE, section_rng(seed, "mixed3"))
    times, rows = compare_solve(payoffs, gambit_enumpoly, MATCH_ATOL_3)
    # games where gambit lists fewer: silently on a game triangle solves completely,
    # after enumpoly reported skipping a support, or on another degenerate game
    missed = {"silent_complete": 0, "skipped_support": 0, "degenerate": 0}
    missed_centres = missed_equilibria = 0
    triangle_misses = gambit_invalid = 0
    failures = []
    for k, (result, listed, skipped, only_ours, only_theirs) in enumerate(rows):
        # a profile of Gambit's that is no equilibrium is not one triangle missed
        real = [j for j in only_theirs if _verified(result.game, listed[j])]
        gambit_invalid += len(only_theirs) - len(real)
        if only_ours:
            if skipped:
                missed["skipped_support"] += 1
            elif result.complete:
                missed["silent_complete"] += 1
            else:
                missed["degenerate"] += 1
            missed_equilibria += len(only_ours)
            missed_centres += sum("boxes" in result.equilibria[i].methods for i in only_ours)
        if real:
            triangle_misses += 1
            if result.complete:  # triangle claimed every equilibrium: a bug
                failures.append(k)
    mm_ours = solve(Game.from_arrays(*MCKELVEY_MCLENNAN.astype(float)))
    mm_theirs, mm_skipped = gambit_enumpoly(gambit_game(MCKELVEY_MCLENNAN))
    mm_only_ours, mm_only_theirs = unmatched(flats(mm_ours), mm_theirs, MATCH_ATOL_3)
    return {
        "games": n_games,
        "shape": list(MIXED3_SHAPE),
        "equilibria_triangle": sum(len(r[0].equilibria) for r in rows),
        "equilibria_gambit": sum(len(r[1]) for r in rows),
        "complete_triangle": sum(r[0].complete for r in rows),
        "agreements": sum(not r[3] and not r[4] for r in rows),
        "gambit_misses_games": sum(missed.values()),
        "gambit_misses_by_kind": missed,
        "gambit_missed_equilibria": missed_equilibria,
        "gambit_missed_continuum_centres": missed_centres,
        "triangle_misses_games": triangle_misses,
        "failures": failures,
        "gambit_profiles_failing_regret_check": gambit_invalid,
        **times,
        "mckelvey_mclennan": {
            "triangle": len(mm_ours.equilibria),
            "triangle_complete": mm_ours.complete,
            "gambit": len(mm_theirs),
            "gambit_skipped_supports": mm_skipped,
            "only_triangle": len(mm_only_ours),
            "only_gambit": len(mm_only_theirs),
        },
    }


def _verified(game: Game, flat_profile: np.ndarray) -> bool:
    profile = np.split(flat_profile, np.cumsum(game.shape)[:-1])
    return make_equilibrium(game, profile) is not None


# -- output -------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:10.1f} ms"


def print_pure(r: dict, seed: int) -> None:
    n = r["games"]
    print(f"== pure: {n} random {'x'.join(map(str, r['shape']))} games, seed {seed}")
    print(
        f"pure equilibria found: {r['pure_equilibria_total']} "
        f"(games with 0, 1, 2, ...: {r['games_by_number_of_pure_equilibria']})"
    )
    print(f"agreement with pygambit enumpure_solve: {r['agreements']}/{n} games")
    print(f"numpy batched kernel     {ms(r['numpy_batch_s'])}  (best of {r['repeat']})")
    print(f"numpy kernel, game loop  {ms(r['numpy_per_game_loop_s'])}")
    print(f"pygambit build games     {ms(r['gambit_build_s'])}")
    print(f"pygambit enumpure_solve  {ms(r['gambit_solve_s'])}")
    print(
        f"speed-up incl. build     {r['ratio_with_build']:10.1f} x  "
        f"(target >= {r['target_ratio']:g} x)"
    )
    print(f"speed-up solve only      {r['ratio_solve_only']:10.1f} x")


def spread(r: dict, who: str) -> str:
    median, most = r[f"{who}_solve_median_s"], r[f"{who}_solve_max_s"]
    return f"(per game: median {median * 1e3:.2f} ms, max {most * 1e3:.1f} ms)"


def print_times(r: dict, gambit_method: str) -> None:
    print(f"triangle build games     {ms(r['triangle_build_s'])}")
    print(f"triangle solve           {ms(r['triangle_solve_s'])}  {spread(r, 'triangle')}")
    print(f"pygambit build games     {ms(r['gambit_build_s'])}")
    print(f"pygambit {gambit_method:<15} {ms(r['gambit_solve_s'])}  {spread(r, 'gambit')}")
    print(f"gambit/triangle, build + solve {r['ratio_with_build']:7.2f} x")
    print(f"gambit/triangle, solve only    {r['ratio_solve_only']:7.2f} x")


def print_mixed2(r: dict, seed: int) -> None:
    n = r["games"]
    for s in r["sizes"]:
        shape = "x".join(map(str, s["shape"]))
        print(f"== mixed2: {n} random {shape} games, seed {seed}")
        print(
            f"equilibria: triangle {s['equilibria_triangle']} ({s['mixed_equilibria']} mixed), "
            f"gambit {s['equilibria_gambit']}; degenerate games {s['degenerate_games']}; "
            f"solved exactly {s['exact']}/{n}"
        )
        print(
            f"agreement with pygambit enummixed_solve(rational=True): {s['agreements']}/{n} games"
        )
        print_times(s, "enummixed_solve")


def print_mixed3(r: dict, seed: int) -> None:
    n = r["games"]
    print(f"== mixed3: {n} random {'x'.join(map(str, r['shape']))} games, seed {seed}")
    print(
        f"equilibria: triangle {r['equilibria_triangle']}, gambit {r['equilibria_gambit']}; "
        f"triangle's list proven complete on {r['complete_triangle']}/{n} games"
    )
    print(f"same list as pygambit enumpoly_solve: {r['agreements']}/{n} games")
    kinds = r["gambit_misses_by_kind"]
    print(
        f"gambit misses an equilibrium triangle lists: {r['gambit_misses_games']} games "
        f"({r['gambit_missed_equilibria']} equilibria, {r['gambit_missed_continuum_centres']} "
        "of them centres of continua)"
    )
    print(
        f"  silently, on a game triangle solves completely: {kinds['silent_complete']}; "
        f"after enumpoly skipped a support: {kinds['skipped_support']}; "
        f"other degenerate games: {kinds['degenerate']}"
    )
    print(
        f"triangle misses an equilibrium gambit lists: {r['triangle_misses_games']} games "
        f"({len(r['failures'])} where triangle's list is complete)"
    )
    if r["gambit_duplicates"]:
        print(f"gambit listed an equilibrium twice: {r['gambit_duplicates']} times (counted once)")
    if r["gambit_profiles_failing_regret_check"]:
        bad = r["gambit_profiles_failing_regret_check"]
        print(f"gambit profiles failing the regret check: {bad}")
    print_times(r, "enumpoly_solve")
    mm = r["mckelvey_mclennan"]
    complete = " (complete)" if mm["triangle_complete"] else ""
    skipped = mm["gambit_skipped_supports"]
    left = f" ({skipped} supports skipped)" if skipped else ""
    print(
        f"McKelvey-McLennan 2x2x2 (9 equilibria): triangle {mm['triangle']}{complete}, "
        f"gambit enumpoly {mm['gambit']}{left}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--section", choices=(*SECTIONS, "all"), default="all", help="what to run (all)"
    )
    parser.add_argument(
        "--games",
        type=int,
        default=None,
        help="games per section (default: pure 10000, mixed2 100 of each size, mixed3 1000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timing runs of the batched kernel; best kept (3)"
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if (args.games is not None and args.games < 1) or args.repeat < 1:
        parser.error("--games and --repeat must be at least 1")

    import pygambit  # noqa: F401  (imported before timing so import time is not counted)

    sections = SECTIONS if args.section == "all" else (args.section,)
    # warm-up: the first solve() pays imports and caches the timed loops should not
    solve(Game.from_arrays(*MCKELVEY_MCLENNAN.astype(float)))
    solve(Game.from_bimatrix(np.eye(4), np.eye(4)))

    numbers: dict = {"seed": args.seed}
    failed = []
    for name in sections:
        n = args.games if args.games is not None else DEFAULT_GAMES[name]
        if name == "pure":
            r = numbers[name] = section_pure(n, args.seed, args.repeat)
            if r["disagreements"]:
                failed.append(f"pure: games {r['disagreements'][:10]}")
            if not args.json:
                print_pure(r, args.seed)
        elif name == "mixed2":
            r = numbers[name] = section_mixed2(n, args.seed)
            for s in r["sizes"]:
                if s["disagreements"]:
                    failed.append(f"mixed2 {s['shape']}: games {s['disagreements'][:10]}")
            if not args.json:
                print_mixed2(r, args.seed)
        else:
            r = numbers[name] = section_mixed3(n, args.seed)
            if r["failures"]:
                failed.append(f"mixed3: games {r['failures'][:10]}")
            if r["mckelvey_mclennan"]["triangle"] != 9:
                failed.append(f"mixed3: McKelvey-McLennan {r['mckelvey_mclennan']['triangle']}")
            if not args.json:
                print_mixed3(r, args.seed)
    if args.json:
        print(json.dumps(numbers, indent=2))
    for what in failed:
        print(f"DISAGREEMENT {what}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
