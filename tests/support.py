"""What the tests share: known games with exact equilibria, hypothesis strategies,
the verified-result assertion, and small scenarios whose answers are computed by hand.

* Known games: each entry gives a :class:`~triangle.game.Game` with integer payoffs and
  the exact equilibria as :class:`fractions.Fraction` probability vectors; ``complete``
  says the list is *every* Nash equilibrium of the game. :func:`exact_max_regret` checks
  a profile in rational arithmetic, independently of the package's float regret code.
* Hypothesis strategies: :func:`games`, :func:`rational_profiles`,
  :func:`mixed_profiles`, :func:`games_and_profiles`.
* :func:`assert_verified`: every equilibrium of a result is a probability profile with
  max regret within the result's tolerance, recomputed here.
* Scenarios (``COURT``, ``SPLIT``, ...) with :func:`load`: hand-computed move analyses
  (the arithmetic is in the comments).
* Charts: :func:`by_gid`, :func:`all_artists`, :func:`gids`, :func:`title`,
  :func:`small_figure`, the file headers of each chart format, and what a reader sees:
  :func:`drawn_texts`, :func:`texts_outside`, :func:`overlapping_texts`.
* Games of any size written with any names: :func:`court_scenario` (three actors,
  relations form), :func:`bargaining_scenario` (two), :func:`powers_scenario` (four,
  with stances).
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from fractions import Fraction as F
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from triangle.equilibria.regret import max_regret, regret_tolerance
from triangle.game import Game
from triangle.scenario import load_scenario

# -- known games ----------------------------------------------------------------------

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
    """The game's payoffs as an object array of Fractions: the exact value of each float."""
    table = np.empty(game.payoffs.shape, dtype=object)
    for index in np.ndindex(*game.payoffs.shape):
        table[index] = F(float(game.payoffs[index]))
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


# -- hypothesis strategies ------------------------------------------------------------


@st.composite
def games(
    draw: st.DrawFn,
    n_players: int | Sequence[int] = 2,
    max_strategies: int = 4,
    *,
    min_strategies: int = 1,
    integer: bool = True,
    min_value: int = -10,
    max_value: int = 10,
) -> Game:
    """Random normal-form games.

    Parameters
    ----------
    n_players : int or sequence of int
        The number of players, or the numbers to choose from.
    max_strategies, min_strategies : int
        Bounds on each player's number of strategies.
    integer : bool
        Integer payoffs in ``[min_value, max_value]`` (exact arithmetic possible,
        many ties) or floats in the same range.
    """
    n = draw(st.sampled_from(tuple(n_players) if isinstance(n_players, Sequence) else (n_players,)))
    shape = tuple(
        draw(st.integers(min_strategies, max_strategies), label=f"strategies {i}") for i in range(n)
    )
    size = n * int(np.prod(shape))
    if integer:
        values = st.integers(min_value, max_value)
    else:
        values = st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    flat = draw(st.lists(values, min_size=size, max_size=size))
    payoffs = np.array(flat, dtype=float).reshape((n, *shape))
    return Game.from_arrays(*payoffs)


@st.composite
def rational_profiles(
    draw: st.DrawFn, game: Game, max_weight: int = 12
) -> tuple[tuple[Fraction, ...], ...]:
    """Random mixed profiles of ``game`` with rational probabilities (some may be pure)."""
    out = []
    for m in game.shape:
        weights = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(weights) == 0:
            weights[draw(st.integers(0, m - 1))] = 1
        total = sum(weights)
        out.append(tuple(Fraction(w, total) for w in weights))
    return tuple(out)


@st.composite
def mixed_profiles(draw: st.DrawFn, game: Game) -> tuple[np.ndarray, ...]:
    """Random mixed profiles of ``game``: one probability vector per player."""
    exact = draw(rational_profiles(game))
    return tuple(np.array([float(x) for x in sigma]) for sigma in exact)


@st.composite
def games_and_profiles(draw: st.DrawFn, **game_options) -> tuple[Game, tuple[np.ndarray, ...]]:
    game = draw(games(**game_options))
    return game, draw(mixed_profiles(game))


# -- assertions ----------------------------------------------------------------------


def assert_verified(result) -> None:
    """Every equilibrium of a SolveResult is a probability profile of its game with max
    regret within the result's tolerance, recomputed here."""
    game = result.game
    for eq in result.equilibria:
        for sigma, m in zip(eq.profile, game.shape, strict=True):
            assert sigma.shape == (m,)
            assert np.all(sigma >= 0)
            assert abs(sigma.sum() - 1.0) <= 1e-9
        assert max_regret(game, eq.profile) <= regret_tolerance(game, result.tol)
        assert eq.max_regret <= regret_tolerance(game, result.tol)


# -- scenarios computed by hand -------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
KISSINGER = SCENARIOS / "kissinger_1971.yaml"
REVERSE = SCENARIOS / "reverse_kissinger_2025.yaml"

# A courts B (relations form, Bao's scores, weight 1).
# BEFORE (A cold): B and C are warm to each other (each tie is worth 2 + y > 0 to B and
#   2 + 2 to C, standing included), a stable marriage: A outcast -3, B and C partners.
#   A's payoff -3.
# AFTER (A warm:B): B warm to A and C (pivot 3 + tie A 1 + tie C y = 6 at y = 2; the
#   alternatives give warm:C 1 + y = 3, warm:A 1 + 1 = 2, cold -1); C warm to B (wing
#   -1 + 2 = 1, against outcast -3). Romantic triangle: B pivot, A and C wings.
#   A's payoff: -1 + x - cost.
# Gain of A = (-1 + x - cost) - (-3) = x - cost + 2, i.e. x - 1.5 at cost = 3.5:
#   threshold x = 1.5; at x = 0.5 the gain is -1: standing +2, ties +0.5, costs -3.5.
COURT = """\
format: 1
title: A courts B
players: [A, B, C]
form: relations
parameters:
  x: {value: 0.5, range: [-4, 6], source: "test: what a tie with B is worth to A"}
  y: {value: 2, range: [-6, 6], source: "test: what B's tie with C is worth to B"}
  cost: {value: 3.5, range: [0, 8], source: "test: what A pays for the tie"}
ties:
  A: {B: x}
  B: {A: 1, C: y}
  C: {B: 2}
costs:
  A: {B: cost}
move: {player: A, from: cold, to: "warm:B"}
"""

# Splitting B from C, with a role-score table in which being a partner is best.
# BEFORE (A cold): B and C partners (4 each) rather than foes (0); A outcast -3.
# AFTER (A warm:B): B's replies (C warm to B): warm:A partner 4 + tie 1 = 5, warm:C
#   partner 4, warm:A+C pivot 0 + 1 = 1, cold foe 0; so B drops C for A (warm:A weakly
#   dominates warm:A+C: 5 vs 1 when C is warm to B, 5 vs 5 when not). C, left out, is the
#   outcast -3 whatever it does; warm to B weakly dominates cold. Stable marriage A-B:
#   A partner 4. Gain of A = 4 - (-3) = 7. The B-C tie breaks.
#   Target B's value of keeping C: best warm to C (warm:C, 4) - best not (warm:A, 5) = -1,
#   all of it the tie with A (ties -1, standing 0).
SPLIT = """\
format: 1
title: A splits B from C
players: [A, B, C]
form: relations
role_scores: {pivot: 0, friend: 0, partner: 4, wing: 0, foe: 0, outcast: -3}
ties:
  B: {A: 1}
move: {player: A, from: cold, to: "warm:B"}
"""

# After the move the followers play Battle of the Sexes (table form, no stances).
# BEFORE (stay): x is strictly dominant for F and for G, so (x, x): M gets 1.
# AFTER (move): F gets 2 at (x, x), 1 at (y, y), 0 otherwise; G gets 1 and 2. Equilibria:
#   (x, x): M 3; (y, y): M -1; mixed: F plays x w.p. 2/3 (G indifferent: p = 2(1-p)),
#   G plays x w.p. 1/3 (F indifferent: 2q = 1 - q); M gets 3*2/9 - 1*2/9 = 4/9.
#   Nothing is dominated, so all three are plausible.
# Gain: plausible [-1 - 1, 3 - 1] = [-2, 2] -> depends on equilibrium selection;
#   optimistic 3 - 1 = 2 (pays off); pessimistic -1 - 1 = -2 (does not pay off).
COORDINATION = """\
format: 1
title: Coordination after the move
players: [M, F, G]
form: table
strategies: {M: [stay, move], F: [x, y], G: [x, y]}
payoffs:
  "stay, x, x": [1, 1, 1]
  "stay, x, y": [0, 1, 0]
  "stay, y, x": [0, 0, 1]
  "stay, y, y": [0, 0, 0]
  "move, x, x": [3, 2, 1]
  "move, x, y": [0, 0, 0]
  "move, y, x": [0, 0, 0]
  "move, y, y": [-1, 1, 2]
move: {player: M, from: stay, to: move}
"""

# After the move the followers play Matching Pennies: no pure equilibrium at all.
# BEFORE: h dominant for both, M gets 0. AFTER: the unique equilibrium is (1/2, 1/2)
#   for both; M gets s at (h, h) and (t, t), 0 otherwise: s/2 in equilibrium.
# Gain = s/2: pays off for s > 0, threshold s = 0.
PENNIES = """\
format: 1
title: Pennies after the move
players: [M, F, G]
form: table
parameters:
  s: {value: 2, range: [-2, 2], source: "test"}
strategies: {M: [stay, move], F: [h, t], G: [h, t]}
payoffs:
  "stay, h, h": [0, 1, 1]
  "stay, h, t": [0, 1, 0]
  "stay, t, h": [0, 0, 1]
  "stay, t, t": [0, 0, 0]
  "move, h, h": [s, 1, -1]
  "move, h, t": [0, -1, 1]
  "move, t, h": [0, -1, 1]
  "move, t, t": [s, 1, -1]
move: {player: M, from: stay, to: move}
"""

# After the move the followers play rock-paper-scissors with parameters on the diagonal
# (and ties at whole and half values): at most points their game has no pure equilibrium,
# or pure ones next to mixed ones that matter, so the pure-outcome certificate fails and
# the followers' games are solved for every extreme equilibrium.
RPS_TABLE = """\
format: 1
title: Rock-paper-scissors after the move
players: [M, F, G]
form: table
parameters:
  p: {value: 0.5, range: [-2, 2], source: "test"}
  q: {value: 0, range: [-2, 2], source: "test"}
  r: {value: 1, range: [-2, 2], source: "test"}
strategies: {M: [stay, move], F: [a, b, c], G: [a, b, c]}
payoffs:
  "stay, a, a": [1, 1, 1]
  "stay, a, b": [0, p, 0]
  "stay, a, c": [r, 0, q]
  "stay, b, a": [0, 0, p]
  "stay, b, b": [q, 1, 1]
  "stay, b, c": [0, 0, 0]
  "stay, c, a": [p, q, 0]
  "stay, c, b": [0, 0, r]
  "stay, c, c": [1, r, r]
  "move, a, a": [2, p, q]
  "move, a, b": [-1, -1, 1]
  "move, a, c": [r, 1, -1]
  "move, b, a": [q, 1, -1]
  "move, b, b": [1, q, r]
  "move, b, c": [0, -1, 1]
  "move, c, a": [p, -1, 1]
  "move, c, b": [-2, 1, -1]
  "move, c, c": [1, r, p]
move: {player: M, from: stay, to: move}
"""

# Two players: the follower fights a soft leader (1 > 0) and yields to a tough one
# (0 > -1): the leader's payoff goes from 0 to 2.
DETERRENCE = """\
format: 1
title: Getting tough
players: [Leader, Follower]
form: table
strategies: {Leader: [soft, tough], Follower: [fight, yield]}
payoffs:
  "soft, fight": [0, 1]
  "soft, yield": [1, 0]
  "tough, fight": [-1, -1]
  "tough, yield": [2, 0]
move: {player: Leader, from: soft, to: tough}
"""

NO_MOVE = """\
format: 1
title: Nothing moves
players: [A, B, C]
form: relations
parameters:
  x: {value: 1, source: "test"}
ties:
  A: {B: x}
"""


def load(tmp_path: Path, text: str, name: str = "scenario.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_scenario(path)


# -- charts --------------------------------------------------------------------------

HEADERS = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}


def small_figure():
    """A small matplotlib figure with one line."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1.5))
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig


def by_gid(artists, gid):
    """The one artist with ``gid`` among ``artists``."""
    found = [a for a in artists if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist with gid {gid!r}, found {len(found)}"
    return found[0]


def all_artists(fig_or_axes):
    """Every artist with a gid in a figure or axes."""
    return list(fig_or_axes.findobj(lambda a: a.get_gid() is not None))


def gids(fig_or_axes) -> set[str]:
    return {str(a.get_gid()) for a in all_artists(fig_or_axes)}


def title(fig) -> str:
    """A figure's title on one line."""
    return fig._suptitle.get_text().replace("\n", " ")


def drawn_texts(fig):
    """Every non-empty text a reader sees once the figure is drawn (tick labels only of
    ticks inside the view of a visible axis)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    shown, ticks = set(), set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((tick.label1, tick.label2))
            if ax.axison and axis.get_visible():
                for tick in axis._update_ticks():
                    shown.update((tick.label1, tick.label2))
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and (t not in ticks or t in shown)
    ]


def texts_outside(fig) -> list[str]:
    """The texts that do not lie wholly inside the figure (one pixel of slack)."""
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for text in drawn_texts(fig):
        e = text.get_window_extent(renderer)
        if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
            out.append(text.get_text())
    return out


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs among the figure's own texts and the axes' titles whose boxes overlap, and
    texts that a rule drawn across the figure runs through."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    items = [t for t in fig.texts if t.get_text().strip()]
    items += [ax.title for ax in fig.axes if ax.get_title()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in items]
    out = []
    for i, (a, x) in enumerate(boxes):
        out += [(a, b) for b, y in boxes[i + 1 :] if x.overlaps(y)]
    for line in fig.lines:
        y = fig.transFigure.transform((0, line.get_ydata()[0]))[1]
        out += [(name, "a rule") for name, e in boxes if e.y0 < y < e.y1]
    return out


def _write(path: Path, doc: dict):
    import yaml

    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_scenario(path)


def court_scenario(path: Path, a: str, b: str, c: str, title: str, *, uncertain: bool = False):
    """:data:`COURT` with actors named ``a``, ``b``, ``c``, and two threshold parameters
    (``uncertain``: each parameter with a distribution over its range, for Monte Carlo)."""
    doc = {
        "format": 1,
        "title": title,
        "players": [a, b, c],
        "form": "relations",
        "parameters": {
            "x": {"value": 0.5, "range": [-4, 6], "source": "test"},
            "y": {"value": 2, "range": [-6, 6], "source": "test"},
            "cost": {"value": 3.5, "range": [0, 8], "source": "test"},
        },
        "ties": {a: {b: "x"}, b: {a: 1, c: "y"}, c: {b: 2}},
        "costs": {a: {b: "cost"}},
        "move": {"player": a, "from": "cold", "to": f"warm:{b}", "thresholds": ["x", "cost"]},
    }
    if uncertain:
        for spec in doc["parameters"].values():
            spec["distribution"] = {"kind": "uniform", "source": "test"}
    return _write(path, doc)


def bargaining_scenario(path: Path, a: str, b: str, title: str):
    """Two players, no stances: after the tough move the follower is indifferent between
    yielding and resisting, so the leader's gain is [0.7 - c, 2.1 - c] (c = 1)."""
    return _write(
        path,
        {
            "format": 1,
            "title": title,
            "players": [a, b],
            "form": "table",
            "parameters": {"c": {"value": 1, "range": [0, 3], "source": "test"}},
            "strategies": {a: ["soft", "tough"], b: ["yield", "resist"]},
            "payoffs": {
                "soft, yield": [0, 1],
                "soft, resist": [0, 0],
                "tough, yield": ["2.1 - c", 0],
                "tough, resist": ["0.7 - c", 0],
            },
            "move": {"player": a, "from": "soft", "to": "tough", "thresholds": ["c"]},
        },
    )


def powers_scenario(path: Path, names: Sequence[str], title: str):
    """Four players with stances, two pairs: each is worth ``bond`` to be warm to its
    partner when the partner is warm too, and costs ``reach`` to be warm alone. The
    first player's move from cold to warm makes the first pair friendly (its partner
    answers) and gains it ``bond - reach`` = 1.5."""
    a, b, c, d = names
    pairs = {a: b, b: a, c: d, d: c}
    strategies = {p: ["cold", "warm"] for p in names}
    payoffs = {}
    for profile in itertools.product((0, 1), repeat=4):
        warm = dict(zip(names, profile, strict=True))
        values = []
        for p in names:
            q = pairs[p]
            values.append(f"{warm[p]} * ({warm[q]} * bond - reach)")
        payoffs[", ".join("warm" if w else "cold" for w in profile)] = values
    return _write(
        path,
        {
            "format": 1,
            "title": title,
            "players": list(names),
            "form": "table",
            "parameters": {
                "bond": {"value": 2, "range": [0, 4], "source": "test"},
                "reach": {"value": 0.5, "range": [0, 3], "source": "test"},
            },
            "strategies": strategies,
            "stances": {p: {"cold": [], "warm": [pairs[p]]} for p in names},
            "payoffs": payoffs,
            "move": {"player": a, "from": "cold", "to": "warm", "thresholds": ["bond"]},
        },
    )
