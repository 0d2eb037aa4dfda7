"""Mixed equilibria spanned by pure ones: boxes of pure equilibria and their centres.

A *box* is a product ``S_1 × ... × S_n`` of strategy sets every profile of which is a
pure Nash equilibrium. Then every mixed profile with supports inside the box is an
equilibrium too: each strategy of ``S_i`` is a best reply to every pure profile of the
others in the box, so (payoffs being linear in each opponent's mixture) to every
mixture of them. A box with two or more strategies for some player is a continuum of
equilibria whose extreme points are the pure ones; its centre (every player uniform
over its set) is the mixed equilibrium :func:`box_centres` lists for it.

Such continua are common in triangle games: a stance toward an actor who is cold
changes nothing, so strategies that differ only in it are payoff-equivalent. The
centres are what a homotopy method such as Gambit's ``logit`` converges to there, at
no cost: the boxes are read off the pure-equilibrium mask.

Each box is grown greedily from a pure equilibrium not yet inside a listed box
(players in order, strategies in order), so every box listed is maximal and the list
is deterministic; a pure equilibrium that lies in several maximal boxes is not
guaranteed to have all of them listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from triangle.game import Game

__all__ = ["box_centre", "box_centres", "describe_box", "pure_boxes"]


def _inside(mask: np.ndarray, box: list[list[int]]) -> bool:
    return bool(mask[np.ix_(*box)].all())


def pure_boxes(mask: np.ndarray) -> list[tuple[tuple[int, ...], ...]]:
    """The maximal boxes of pure equilibria grown from each pure equilibrium, those with
    more than one profile, in the order of the equilibria they grow from.

    Parameters
    ----------
    mask : ndarray of bool
        Shape ``(s_1, ..., s_n)``: which pure profiles are equilibria
        (:func:`~triangle.equilibria.pure.pure_nash_mask`).

    Returns
    -------
    list of tuple of tuple of int
        Each box as the strategy indices of every player.

    Examples
    --------
    A coordination game on a 2×2 block of ties: one box holds all four profiles.

    >>> mask = np.array([[True, True, False], [True, True, False], [False, False, True]])
    >>> pure_boxes(mask)
    [((0, 1), (0, 1))]
    """
    mask = np.asarray(mask, dtype=bool)
    boxes: list[tuple[tuple[int, ...], ...]] = []
    for start in np.argwhere(mask):
        if any(all(int(k) in b for k, b in zip(start, box, strict=True)) for box in boxes):
            continue  # inside a box already listed
        box = [[int(k)] for k in start]
        grown = True
        while grown:
            grown = False
            for i, size in enumerate(mask.shape):
                for k in range(size):
                    if k in box[i]:
                        continue
                    trial = [sorted([*b, k]) if j == i else b for j, b in enumerate(box)]
                    if _inside(mask, trial):
                        box, grown = trial, True
        key = tuple(tuple(b) for b in box)
        if any(len(b) > 1 for b in key) and key not in boxes:
            boxes.append(key)
    return boxes


def box_centre(shape: tuple[int, ...], box: tuple[tuple[int, ...], ...]) -> tuple[np.ndarray, ...]:
    """The centre of a box: each player uniform over its set.

    Examples
    --------
    >>> [v.tolist() for v in box_centre((2, 2), ((0,), (0, 1)))]
    [[1.0, 0.0], [0.5, 0.5]]
    """
    profile = []
    for size, chosen in zip(shape, box, strict=True):
        vec = np.zeros(size)
        vec[list(chosen)] = 1.0 / len(chosen)
        profile.append(vec)
    return tuple(profile)


def box_centres(mask: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """The centre of every box of :func:`pure_boxes` (:func:`box_centre`).

    Examples
    --------
    >>> mask = np.array([[True, True], [False, False]])
    >>> [[v.tolist() for v in c] for c in box_centres(mask)]
    [[[1.0, 0.0], [0.5, 0.5]]]
    """
    return [box_centre(mask.shape, box) for box in pure_boxes(mask)]


def _names(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def describe_box(game: Game, box: tuple[tuple[int, ...], ...]) -> str:
    """One sentence naming a continuum of equilibria in the game's own terms.

    Names each player that mixes in the box and the strategies it is indifferent
    between, with the reason when the game has stances (its strategies differ only in
    its stance toward actors who are cold to it everywhere in the box, so that stance
    changes nothing), then what the other players play.

    Parameters
    ----------
    game : Game
    box : tuple of tuple of int
        Strategy indices of every player (:func:`pure_boxes`), some player with two or
        more.

    Returns
    -------
    str

    Examples
    --------
    >>> from triangle.game import Game
    >>> g = Game.from_arrays(np.zeros((2, 2)), np.zeros((2, 2)), players=("A", "B"),
    ...                      strategies=(("x", "y"), ("u", "v")))
    >>> describe_box(g, ((0,), (0, 1)))
    'B is indifferent between u and v while A plays x: every mixture is an equilibrium'
    """
    mixing, fixed = [], []
    for i, chosen in enumerate(box):
        names = [game.strategies[i][k] for k in chosen]
        player = game.players[i]
        if len(chosen) == 1:
            fixed.append(f"{player} plays {names[0]}")
            continue
        clause = f"{player} is indifferent between {_names(names)}"
        if game.stances is not None:
            warm = [game.stances[i][k] for k in chosen]
            differ = sorted(frozenset.union(*warm) - frozenset.intersection(*warm))
            cold = bool(differ) and all(
                actor in game.players
                and all(
                    player not in game.stances[game.players.index(actor)][k]
                    for k in box[game.players.index(actor)]
                )
                for actor in differ
            )
            if cold:
                who = "who is" if len(differ) == 1 else "who are"
                clause += f" (its stance toward {_names(differ)}, {who} cold to it)"
            elif differ:
                clause += f" (they differ only in its stance toward {_names(differ)})"
        mixing.append(clause)
    sentence = "; ".join(mixing)
    if fixed:
        sentence += f" while {_names(fixed)}"
    return f"{sentence}: every mixture is an equilibrium"
