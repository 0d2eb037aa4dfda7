"""Dittmer's strategic triangle: configurations, roles and Bao's role scores.

Each of the three bilateral ties is amity (``+1``) or enmity (``-1``). The eight
sign patterns form four configurations (Dittmer 1981, *World Politics* 33(4)):

==================  ==========================  ===========================
configuration       signs                       roles
==================  ==========================  ===========================
ménage à trois      + + +                       friend, friend, friend
romantic triangle   two +, one −                pivot (both + ties), 2 wings
stable marriage     one +, two −                2 partners, outcast
unit-veto           − − −                       foe, foe, foe
==================  ==========================  ===========================

Bao Zonghe's role scores follow from one formula, ``U_i = r_ij + r_ik - r_jk``:
pivot +3, friend +1, partner +1, wing −1, foe −1, outcast −3.

Configurations and roles are defined for three actors only. For any number of actors
with stances, :class:`Relations` holds what does carry over: whether each tie is
friendly (and, under a mixed profile, how likely it is to be).

Examples
--------
>>> t = Triad.from_signs(("US", "China", "Russia"),
...                      {("US", "China"): -1, ("US", "Russia"): +1, ("China", "Russia"): +1})
>>> t.configuration
'romantic triangle'
>>> t.role("Russia"), t.score("Russia"), t.role("US"), t.score("US")
('pivot', 3, 'wing', -1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MENAGE = "ménage à trois"
ROMANTIC = "romantic triangle"
MARRIAGE = "stable marriage"
UNIT_VETO = "unit-veto"
CONFIGURATIONS = (MENAGE, ROMANTIC, MARRIAGE, UNIT_VETO)

ROLES = ("pivot", "friend", "partner", "wing", "foe", "outcast")
"""The six roles, most desirable first (Wu 1996)."""

BAO_SCORES: dict[str, float] = {
    "pivot": 3,
    "friend": 1,
    "partner": 1,
    "wing": -1,
    "foe": -1,
    "outcast": -3,
}
"""Bao Zonghe's role scores (as published by Huang 2013)."""


def tie_key(a: str, b: str) -> frozenset[str]:
    """The unordered key of the tie between ``a`` and ``b``."""
    if a == b:
        raise ValueError(f"a tie needs two different actors, got {a!r} twice")
    return frozenset((a, b))


def bao_score(r_ij: int, r_ik: int, r_jk: int) -> int:
    """Bao's score ``r_ij + r_ik - r_jk`` of actor ``i`` from the three tie signs."""
    return r_ij + r_ik - r_jk


def role_of(r_ij: int, r_ik: int, r_jk: int) -> str:
    """Dittmer's role of actor ``i`` given its two ties and the other two's tie."""
    own = (r_ij > 0) + (r_ik > 0)
    other = r_jk > 0
    if own == 2:
        return "friend" if other else "pivot"
    if own == 1:
        return "wing" if other else "partner"
    return "outcast" if other else "foe"


def configuration_of(signs: Sequence[int]) -> str:
    """The configuration named by the number of friendly ties among three signs."""
    friendly = sum(1 for r in signs if r > 0)
    return (UNIT_VETO, MARRIAGE, ROMANTIC, MENAGE)[friendly]


@dataclass(frozen=True)
class Triad:
    """Three actors and the sign (+1 amity, −1 enmity) of each of their three ties."""

    actors: tuple[str, str, str]
    signs: tuple[tuple[frozenset[str], int], ...]

    @classmethod
    def from_signs(
        cls, actors: Sequence[str], signs: Mapping[tuple[str, str] | frozenset[str], int]
    ) -> Triad:
        actors = tuple(actors)
        if len(actors) != 3 or len(set(actors)) != 3:
            raise ValueError(f"a triad has three distinct actors, got {actors}")
        table = {frozenset(k): (1 if v > 0 else -1) for k, v in signs.items()}
        pairs = [
            tie_key(a, b)
            for a, b in ((actors[0], actors[1]), (actors[0], actors[2]), (actors[1], actors[2]))
        ]
        missing = [tuple(sorted(p)) for p in pairs if p not in table]
        if missing or len(table) != 3:
            raise ValueError(f"need the sign of each of the three ties; missing {missing}")
        return cls(actors, tuple((p, table[p]) for p in pairs))

    @classmethod
    def from_stances(cls, warm: Mapping[str, frozenset[str] | set[str]]) -> Triad:
        """Ties from stances: a tie is friendly when both sides are warm to each other."""
        actors = tuple(warm)
        signs = {
            (a, b): 1 if (b in warm[a] and a in warm[b]) else -1
            for n, a in enumerate(actors)
            for b in actors[n + 1 :]
        }
        return cls.from_signs(actors, signs)

    def sign(self, a: str, b: str) -> int:
        return dict(self.signs)[tie_key(a, b)]

    def _others(self, actor: str) -> tuple[str, str]:
        if actor not in self.actors:
            raise KeyError(f"unknown actor {actor!r}")
        j, k = (a for a in self.actors if a != actor)
        return j, k

    def role(self, actor: str) -> str:
        j, k = self._others(actor)
        return role_of(self.sign(actor, j), self.sign(actor, k), self.sign(j, k))

    def score(self, actor: str, scores: Mapping[str, float] | None = None) -> float:
        """The actor's role score: Bao's by default, or a user table by role."""
        if scores is None:
            j, k = self._others(actor)
            return bao_score(self.sign(actor, j), self.sign(actor, k), self.sign(j, k))
        return scores[self.role(actor)]

    @property
    def configuration(self) -> str:
        return configuration_of([r for _, r in self.signs])

    @property
    def roles(self) -> dict[str, str]:
        return {a: self.role(a) for a in self.actors}

    @property
    def scores(self) -> dict[str, float]:
        return {a: self.score(a) for a in self.actors}

    def ties(self) -> list[tuple[str, str, int]]:
        """Each tie as ``(a, b, sign)``, ``a`` before ``b`` in actor order, in the order
        of the actor pairs ``(0, 1), (0, 2), (1, 2)``.

        >>> Triad.from_signs(("A", "B", "C"), {("B", "A"): 1, ("A", "C"): -1,
        ...                                    ("B", "C"): -1}).ties()
        [('A', 'B', 1), ('A', 'C', -1), ('B', 'C', -1)]
        """
        out = []
        for key, r in self.signs:
            a, b = sorted(key, key=self.actors.index)
            out.append((a, b, r))
        return out

    @property
    def pivot(self) -> str | None:
        """The pivot of a romantic triangle, else ``None``."""
        return next((a for a in self.actors if self.role(a) == "pivot"), None)


@dataclass(frozen=True)
class Relations:
    """The ties among any number of actors: for each pair, the probability that the tie
    is friendly (1 amity, 0 enmity; in between when someone mixes).

    Dittmer's configurations and roles need exactly three actors (:class:`Triad`); the
    signed ties are what a game of two, four or more actors with stances has.

    Attributes
    ----------
    actors : tuple of str
    friendly : tuple of float
        One probability per pair of actors, in the order of :meth:`pairs`.

    Examples
    --------
    >>> r = Relations.from_stances({"A": {"B"}, "B": {"A"}, "C": {"D"}, "D": set()})
    >>> r.ties()
    [('A', 'B', 1.0), ('A', 'C', 0.0), ('A', 'D', 0.0), ('B', 'C', 0.0), ('B', 'D', 0.0), \
('C', 'D', 0.0)]
    >>> r.friendly_pairs(), r.is_pure, r.sign("B", "A")
    ([('A', 'B')], True, 1)
    """

    actors: tuple[str, ...]
    friendly: tuple[float, ...]

    def __post_init__(self) -> None:
        n = len(self.actors)
        if len(set(self.actors)) != n or n < 2:
            raise ValueError(f"relations need two or more distinct actors, got {self.actors}")
        if len(self.friendly) != n * (n - 1) // 2:
            raise ValueError("need one probability per pair of actors")

    @classmethod
    def from_stances(cls, warm: Mapping[str, frozenset[str] | set[str]]) -> Relations:
        """Ties from stances at a pure profile: friendly when both sides are warm."""
        actors = tuple(warm)
        return cls(
            actors,
            tuple(
                1.0 if (b in warm[a] and a in warm[b]) else 0.0
                for n, a in enumerate(actors)
                for b in actors[n + 1 :]
            ),
        )

    def pairs(self) -> list[tuple[str, str]]:
        """Every pair of actors, in actor order: ``(0, 1), (0, 2), ..., (1, 2), ...``."""
        return [(a, b) for n, a in enumerate(self.actors) for b in self.actors[n + 1 :]]

    def ties(self) -> list[tuple[str, str, float]]:
        """Each tie as ``(a, b, probability it is friendly)``, in the order of :meth:`pairs`."""
        return [(a, b, p) for (a, b), p in zip(self.pairs(), self.friendly, strict=True)]

    @property
    def is_pure(self) -> bool:
        """Whether every tie is certainly friendly or certainly hostile."""
        return all(p in (0.0, 1.0) for p in self.friendly)

    def sign(self, a: str, b: str) -> int | None:
        """``+1`` (friendly), ``-1`` (hostile) or ``None`` (friendly only by chance)."""
        for (x, y), p in zip(self.pairs(), self.friendly, strict=True):
            if {x, y} == {a, b}:
                return 1 if p == 1.0 else (-1 if p == 0.0 else None)
        raise KeyError(f"no tie between {a!r} and {b!r}")

    def friendly_pairs(self) -> list[tuple[str, str]]:
        """The pairs whose tie is certainly friendly."""
        return [(a, b) for a, b, p in self.ties() if p == 1.0]
