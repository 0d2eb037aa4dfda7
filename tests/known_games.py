"""Known games with their exact equilibria, for tests of every solver.

Each entry gives a :class:`~triangle.game.Game` with integer payoffs and the exact
equilibria as :class:`fractions.Fraction` probability vectors. ``complete`` says the
list is *every* Nash equilibrium of the game (true of all entries here; each has
finitely many equilibria). :func:`exact_max_regret` checks a profile in rational
arithmetic, independently of the package's float regret code.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction as F

import numpy as np

from triangle.game import Game

ExactProfile = tuple[tuple[F, ...], ...]


@dataclass(frozen=True)
class KnownGame:
    name: str
    game: Game
    equilibria: tuple[ExactProfile, ...]
    complete: bool
    source: str
    nondegenerate: bool = True


def pure(game: Game, *picks: int) -> ExactProfile:
    """The exact profile of a pure strategy profile."""
    return tuple(
        tuple(F(1) if k == pick else F(0) for k in range(m))
        for m, pick in zip(game.shape, picks, strict=True)
    )


def as_float(profile: ExactProfile) -> tuple[np.ndarray, ...]:
    return tuple(np.array([float(x) for x in sigma]) for sigma in profile)


def exact_payoff_table(game: Game) -> np.ndarray:
    """The game's payoffs as an object array of Fractions (payoffs must be integers)."""
    table = np.empty(game.payoffs.shape, dtype=object)
    for index in np.ndindex(*game.payoffs.shape):
        value = float(game.payoffs[index])
        assert value.is_integer(), "exact checks need integer payoffs"
        table[index] = F(int(value))
    return table


def exact_regrets(game: Game, profile: Sequence[Sequence[F]]) -> tuple[F, ...]:
    """Each player's regret in rational arithmetic, by explicit sums over profiles."""
    table = exact_payoff_table(game)
    out = []
    for i in range(game.n_players):
        values = []
        for k in range(game.shape[i]):
            total = F(0)
            for prof in itertools.product(*(range(m) for m in game.shape)):
                if prof[i] != k:
                    continue
                weight = F(1)
                for j, a in enumerate(prof):
                    if j != i:
                        weight *= F(profile[j][a])
                total += weight * table[(i, *prof)]
            values.append(total)
        current = sum(F(p) * v for p, v in zip(profile[i], values, strict=True))
        out.append(max(values) - current)
    return tuple(out)


def exact_max_regret(game: Game, profile: Sequence[Sequence[F]]) -> F:
    return max(exact_regrets(game, profile))


def matches(
    found: Sequence[Sequence[np.ndarray]], expected: Sequence[ExactProfile], atol: float = 1e-6
) -> bool:
    """Whether two lists of profiles are the same set, within ``atol``."""
    if len(found) != len(expected):
        return False
    unused = list(expected)
    for prof in found:
        for n, exp in enumerate(unused):
            if all(
                np.allclose(a, b, atol=atol, rtol=0)
                for a, b in zip(prof, as_float(exp), strict=True)
            ):
                del unused[n]
                break
        else:
            return False
    return not unused


half, third = F(1, 2), F(1, 3)

# -- Prisoner's Dilemma: defection strictly dominant, unique equilibrium (D, D) -------------
PD = Game.from_bimatrix(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("row", "col"), strategies=(("C", "D"), ("C", "D"))
)
PRISONERS_DILEMMA = KnownGame(
    "prisoners_dilemma", PD, (pure(PD, 1, 1),), True, "textbook; D strictly dominates C"
)

# -- Matching Pennies: unique equilibrium, both mix 1/2 ----------------------------------
MP = Game.from_bimatrix(
    [[1, -1], [-1, 1]],
    [[-1, 1], [1, -1]],
    players=("row", "col"),
    strategies=(("H", "T"), ("H", "T")),
)
MATCHING_PENNIES = KnownGame(
    "matching_pennies",
    MP,
    (((half, half), (half, half)),),
    True,
    "textbook; zero-sum, unique equilibrium",
)

# -- Battle of the Sexes: two pure equilibria and one mixed --------------------------------
# Mixed: row plays O with p making the column indifferent, 2p = 3(1 - p) -> p = 3/5;
# column plays O with q making the row indifferent, 3q = 2(1 - q) -> q = 2/5.
BOS = Game.from_bimatrix(
    [[3, 0], [0, 2]], [[2, 0], [0, 3]], players=("row", "col"), strategies=(("O", "F"), ("O", "F"))
)
BATTLE_OF_THE_SEXES = KnownGame(
    "battle_of_the_sexes",
    BOS,
    (pure(BOS, 0, 0), pure(BOS, 1, 1), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))),
    True,
    "textbook; 2 pure + 1 mixed",
)

# -- Rock-Paper-Scissors: unique equilibrium, uniform ----------------------------------------
RPS_A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
RPS = Game.from_bimatrix(
    RPS_A,
    (-np.array(RPS_A)).tolist(),
    players=("row", "col"),
    strategies=(("R", "P", "S"), ("R", "P", "S")),
)
ROCK_PAPER_SCISSORS = KnownGame(
    "rock_paper_scissors",
    RPS,
    (((third,) * 3, (third,) * 3),),
    True,
    "textbook; zero-sum, unique uniform equilibrium",
)

# -- McKelvey & McLennan's 2x2x2 game with 9 equilibria, 2 totally mixed -------------------
# Payoffs as distributed with Gambit ("2x2x2 Example from McKelvey-McLennan, with 9 Nash
# equilibria, 2 totally mixed"): (1,1,1) -> 9,8,12; (2,2,1) -> 9,8,2; (1,2,2) and
# (2,1,2) -> 3,4,6; every other profile 0,0,0.
# Derivation, with p, q, r the probabilities of strategy 1 of players 1, 2, 3 and d_i the
# payoff of strategy 1 minus strategy 2:
#   d1 = 9qr + 3(1-q)(1-r) - 9(1-q)r - 3q(1-r) = 3(1 - 2q)(1 - 4r)
#   d2 = 8pr + 4(1-p)(1-r) - 8(1-p)r - 4p(1-r) = 4(1 - 2p)(1 - 3r)
#   d3 = 12pq + 2(1-p)(1-q) - 6p(1-q) - 6(1-p)q = 2 - 8p - 8q + 26pq
# A mixing player needs d_i = 0; a player on strategy 1 (2) needs d_i >= 0 (<= 0).
#   all mix: (q = 1/2 or r = 1/4) and (p = 1/2 or r = 1/3); p = q = 1/2 gives d3 = 1/2,
#     so (2/5, 1/2, 1/3) [d3 = 5p - 2] and (1/2, 2/5, 1/4) [d3 = 5q - 2];
#   p, q mix, r pure: q = p = 1/2, d3 = 1/2 > 0 so r = 1: (1/2, 1/2, 1);
#   p, r mix, q pure: r = 1/4; q = 1 gives p = 1/3 with d2 = 1/3 >= 0: (1/3, 1, 1/4);
#     q = 0 gives p = 1/4 but d2 = 1/2 > 0: no;
#   q, r mix, p pure: r = 1/3; p = 0 gives q = 1/4 with d1 = -1/2 <= 0: (0, 1/4, 1/3);
#     p = 1 gives q = 1/3 but d1 = -1/3 < 0: no;
#   one player mixing alone is impossible (d1, d2 vanish only at a mixed q, p or r;
#     d3 is 12, -6, -6, 2 at pure (p, q));
#   pure: (1,1,1), (1,2,2), (2,1,2), (2,2,1) (checking the signs of d1, d2, d3 at all 8).
_MM = np.zeros((3, 2, 2, 2))
_MM[:, 0, 0, 0] = (9, 8, 12)
_MM[:, 1, 1, 0] = (9, 8, 2)
_MM[:, 0, 1, 1] = (3, 4, 6)
_MM[:, 1, 0, 1] = (3, 4, 6)
MM = Game.from_arrays(*_MM)


def _binary(p: F, q: F, r: F) -> ExactProfile:
    return tuple((x, 1 - x) for x in (F(p), F(q), F(r)))


MCKELVEY_MCLENNAN = KnownGame(
    "mckelvey_mclennan_2x2x2",
    MM,
    (
        _binary(1, 1, 1),
        _binary(1, 0, 0),
        _binary(0, 1, 0),
        _binary(0, 0, 1),
        _binary(half, half, 1),
        _binary(third, 1, F(1, 4)),
        _binary(0, F(1, 4), third),
        _binary(F(2, 5), half, third),
        _binary(half, F(2, 5), F(1, 4)),
    ),
    True,
    "McKelvey & McLennan (1997), game file shipped with Gambit; derived above",
)

# -- Three-player pure coordination: all get 1 when all choose the same, else 0 ------------
# With p, q, r the probabilities of A: d1 = q + r - 1, d2 = p + r - 1, d3 = p + q - 1.
# All mixing needs p = q = r = 1/2. Two mixing with the third pure forces p = q = 1 - r,
# which is pure. One mixing (say p) needs q + r = 1, i.e. one of them on A and one on B,
# and then that player on A has d < 0 (or on B, d > 0): no. Pure: (A,A,A) and (B,B,B)
# (any other pure profile leaves the odd one out strictly better off switching).
_CO = np.zeros((3, 2, 2, 2))
_CO[:, 0, 0, 0] = 1
_CO[:, 1, 1, 1] = 1
COORD3 = Game.from_arrays(
    *_CO, players=("X", "Y", "Z"), strategies=(("A", "B"), ("A", "B"), ("A", "B"))
)
COORDINATION_3 = KnownGame(
    "coordination_3",
    COORD3,
    (pure(COORD3, 0, 0, 0), pure(COORD3, 1, 1, 1), _binary(half, half, half)),
    True,
    "derived above",
    nondegenerate=False,
)

# -- A 2x2 game with an equilibrium in weakly dominated strategies -------------------------
# Row's B and column's R are weakly dominated (never better, worse against T / L).
# (B, R) is an equilibrium (both indifferent); any mixing by row makes L strictly better
# for column, and column on L makes T strictly better for row, so there are exactly two.
WD = Game.from_bimatrix(
    [[1, 0], [0, 0]], [[1, 0], [0, 0]], players=("row", "col"), strategies=(("T", "B"), ("L", "R"))
)
WEAK_DOMINANCE = KnownGame(
    "weak_dominance",
    WD,
    (pure(WD, 0, 0), pure(WD, 1, 1)),
    True,
    "derived above",
    nondegenerate=False,
)

TWO_PLAYER = (
    PRISONERS_DILEMMA,
    MATCHING_PENNIES,
    BATTLE_OF_THE_SEXES,
    ROCK_PAPER_SCISSORS,
    WEAK_DOMINANCE,
)
THREE_PLAYER = (MCKELVEY_MCLENNAN, COORDINATION_3)
ALL = TWO_PLAYER + THREE_PLAYER


def pure_equilibria_of(known: KnownGame) -> tuple[tuple[int, ...], ...]:
    """The pure profiles among a known game's equilibria, in lexicographic order."""
    out = []
    for prof in known.equilibria:
        if all(max(sigma) == 1 for sigma in prof):
            out.append(tuple(sigma.index(F(1)) for sigma in prof))
    return tuple(sorted(out))
