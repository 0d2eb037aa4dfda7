"""Seeded check of triangle's equilibria against Gambit in exact (rational) mode.

Not a test (it takes minutes): a record of how often ``triangle.equilibria.solve``
reports a non-equilibrium, misses or merges an equilibrium, or claims a complete list
it does not have, on random games at three payoff scales, each player scaled and
shifted separately.

Families (seeded, ``numpy.random.default_rng``):

* 2 players, m × n with 2 ≤ m, n ≤ 6: continuous payoffs (normal), small integers in
  {0, 1, 2} (ties, degenerate games), and integers in [0, 10) plus noise below 1e-6
  (near-ties);
* 3 players, up to 3 × 3 × 3: continuous payoffs and small integers.

Scales: each player's payoffs times ``10**e`` with ``e`` drawn per player around
-10, 0 and +10 (± 2), plus an offset of up to 1000 times the player's scaled range.

Reference: for 2 players, Gambit's ``enummixed`` in rational mode on the exact value of
every float payoff (every extreme equilibrium of the game as given). For 3 players,
Gambit's ``enumpure`` on the exact payoffs for the pure equilibria, and its
``enumpoly`` for mixed ones (``solve`` runs its default method: the project's own
searches).

Columns: *wrong*, a reported profile whose regret, computed exactly in rationals,
exceeds the program's tolerance (``DEFAULT_TOL`` × the player's range: the contract
every reported equilibrium meets); *missed*, an equilibrium of the reference not within
1e-9 (1e-6 for ``enumpoly``'s floating-point roots) of a reported one; *merged*, a game
whose reference lists more equilibria than are reported although none is missed
(reference equilibria closer than the tolerance, told apart only by rounding noise in
the payoffs, are one equilibrium to ``solve``); *false complete*, a list called
complete that misses a reference equilibrium (2 players: or has another length);
*in a continuum* (3 players), an ``enumpoly`` equilibrium inside a box of pure
equilibria whose centre is listed and named as a continuum (one point of a set that
``solve`` reports as a whole); *beyond search* (3 players), an ``enumpoly`` equilibrium
in which some player mixes three strategies, which the default search does not look
for (its list is then not called complete). A *missed* 3-player equilibrium is, so far, the
end of a curve of equilibria in a degenerate game whose list is not called complete.

Usage::

    python benchmarks/check_exactness.py [--games 700] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from fractions import Fraction

import numpy as np

from triangle.equilibria import solve
from triangle.equilibria.boxes import pure_boxes
from triangle.equilibria.pure import pure_nash_mask
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.game import Game

COLUMNS = ("wrong", "missed", "merged", "false complete", "in a continuum", "beyond search")


def gambit_game(payoffs: np.ndarray):
    """A Gambit game with each player's payoffs mapped exactly (in rationals) onto
    [0, 1]: the same equilibria, and magnitudes Gambit handles (its enumerations lose
    equilibria with payoffs near 1e9)."""
    import pygambit as gbt

    arrays = []
    for p in payoffs:
        exact = np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(p)
        low, high = min(exact.flat), max(exact.flat)
        span = high - low if high > low else Fraction(1)
        arrays.append(np.vectorize(lambda v, low=low, span=span: (v - low) / span)(exact))
    return gbt.StrategicGame.from_arrays(*arrays)


def flat_profiles(result) -> list[list[Fraction]]:
    """Each equilibrium of a pygambit 17 result as its probabilities, player by player."""
    return [[Fraction(str(p)) for mixed in eq for _, p in mixed] for eq in result.equilibria]


def exact_regrets(payoffs: np.ndarray, profile) -> list[Fraction]:
    """Each player's regret in rational arithmetic (profile: float vectors, taken exactly)."""
    exact_payoffs = np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(payoffs)
    prof = [[Fraction(float(p)) for p in sigma] for sigma in profile]
    n = len(prof)
    out = []
    for i in range(n):
        values = []
        for k in range(len(prof[i])):
            total = Fraction(0)
            for others in itertools.product(*(range(len(s)) for j, s in enumerate(prof) if j != i)):
                picks = list(others)
                picks.insert(i, k)
                weight = Fraction(1)
                for j, a in enumerate(picks):
                    if j != i:
                        weight *= prof[j][a]
                if weight:
                    total += weight * exact_payoffs[(i, *picks)]
            values.append(total)
        current = sum(p * v for p, v in zip(prof[i], values, strict=True))
        out.append(max(values) - current)
    return out


def family_games(rng, count: int):
    for n in range(count):
        kind = n % 5
        if kind < 3:
            m, k = rng.integers(2, 7, size=2)
            if kind == 0:
                A, B = rng.normal(size=(m, k)), rng.normal(size=(m, k))
                name = "2p continuous"
            elif kind == 1:
                A, B = rng.integers(0, 3, (m, k)) * 1.0, rng.integers(0, 3, (m, k)) * 1.0
                name = "2p small integers"
            else:
                A = rng.integers(0, 10, (m, k)) + 1e-6 * rng.random((m, k))
                B = rng.integers(0, 10, (m, k)) + 1e-6 * rng.random((m, k))
                name = "2p near-ties"
            yield name, np.stack([A, B])
        else:
            shape = tuple(int(s) for s in rng.integers(2, 4, size=3))
            if kind == 3:
                yield "3p continuous", rng.normal(size=(3, *shape))
            else:
                yield "3p small integers", rng.integers(0, 3, (3, *shape)) * 1.0


def scaled(rng, payoffs: np.ndarray, centre: float) -> np.ndarray:
    out = np.empty_like(payoffs)
    for i, u in enumerate(payoffs):
        a = 10.0 ** (centre + rng.uniform(-2, 2))
        span = float(np.ptp(u)) * a
        out[i] = a * u + rng.uniform(-1000, 1000) * span
    return out


def check_two_player(payoffs: np.ndarray) -> dict[str, int]:
    import pygambit as gbt

    game = Game.from_arrays(*payoffs)
    result = solve(game)
    reference = gbt.nash.enummixed_solve(gambit_game(payoffs), rational=True)
    m = game.shape[0]
    exact = {(tuple(f[:m]), tuple(f[m:])) for f in flat_profiles(reference)}
    counts = dict.fromkeys(COLUMNS, 0)
    ranges = game.ranges
    for eq in result.equilibria:
        regrets = exact_regrets(payoffs, eq.profile)
        if any(r > DEFAULT_TOL * float(s) for r, s in zip(regrets, ranges, strict=True)):
            counts["wrong"] += 1
    found = [eq.profile for eq in result.equilibria]
    for x, y in exact:
        fx = np.array([float(p) for p in x])
        fy = np.array([float(p) for p in y])
        if not any(
            np.allclose(f[0], fx, atol=1e-9) and np.allclose(f[1], fy, atol=1e-9) for f in found
        ):
            counts["missed"] += 1
    if len(result.equilibria) < len(exact) and counts["missed"] == 0:
        counts["merged"] += 1
    if result.complete and len(result.equilibria) != len(exact):
        counts["false complete"] += 1
    return counts


def check_three_player(payoffs: np.ndarray) -> dict[str, int]:
    import pygambit as gbt

    game = Game.from_arrays(*payoffs)
    result = solve(game)  # the default: pure, continua, supports of at most two
    counts = dict.fromkeys(COLUMNS, 0)
    for eq in result.equilibria:
        regrets = exact_regrets(payoffs, eq.profile)
        if any(r > DEFAULT_TOL * float(s) for r, s in zip(regrets, game.ranges, strict=True)):
            counts["wrong"] += 1
    pure = gbt.nash.enumpure_solve(gambit_game(payoffs))
    cuts = np.cumsum(game.shape)[:-1]
    reported = {eq.pure_profile for eq in result.pure}
    for flat in flat_profiles(pure):
        picks = tuple(int(np.argmax(v)) for v in np.split(np.array(flat, dtype=float), cuts))
        if picks not in reported:
            counts["missed"] += 1
    # mixed equilibria: enumpoly's, verified exactly, each must be near a reported one
    poly = gbt.nash.enumpoly_solve(gambit_game(payoffs), max_rectangles=20_000)
    found = [np.concatenate(eq.profile) for eq in result.equilibria]
    boxes = pure_boxes(pure_nash_mask(game.normalized, DEFAULT_TOL))
    missed = 0
    for flat in flat_profiles(poly):
        vec = np.array([float(p) for p in flat])
        profile = np.split(vec, cuts)
        regrets = exact_regrets(payoffs, profile)
        if any(r > DEFAULT_TOL * float(s) for r, s in zip(regrets, game.ranges, strict=True)):
            continue  # not an equilibrium at the program's tolerance
        if (vec > 1e-9).sum() == len(game.shape) or any(
            np.allclose(f, vec, atol=1e-6) for f in found
        ):
            continue  # pure (checked above), or reported
        supports = [set(np.flatnonzero(v > 1e-9).tolist()) for v in profile]
        if any(all(s <= set(b) for s, b in zip(supports, box, strict=True)) for box in boxes):
            counts["in a continuum"] += 1  # a point of a listed box of pure equilibria
        elif max(len(s) for s in supports) > 2:
            counts["beyond search"] += 1  # the default search stops at supports of two
        else:
            missed += 1
    counts["missed"] += missed
    counts["false complete"] += int(result.complete and missed > 0)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=700, help="games per scale")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    totals: dict[tuple[str, str], dict[str, int]] = {}
    start = time.perf_counter()
    for label, centre in (("1e-10", -10.0), ("1", 0.0), ("1e+10", 10.0)):
        for name, payoffs in family_games(rng, args.games):
            game_payoffs = scaled(rng, payoffs, centre)
            check = check_two_player if payoffs.shape[0] == 2 else check_three_player
            counts = check(game_payoffs)
            row = totals.setdefault((label, name), {"games": 0} | dict.fromkeys(counts, 0))
            row["games"] += 1
            for key, value in counts.items():
                row[key] += value
        print(f"scale {label} done ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    header = (
        "scale",
        "family",
        "games",
        "wrong",
        "missed",
        "merged",
        "false complete",
        "in a continuum",
        "beyond search",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for (label, name), row in totals.items():
        cells = [label, name, *(str(row[k]) for k in header[2:])]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
