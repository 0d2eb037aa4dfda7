"""Every sentence the package writes about a result, in one place.

The words come from :mod:`triangle.vocabulary` and the numbers from the typed results
of :mod:`triangle.analysis`; numbers are written by :mod:`triangle.numbers`. Nothing
here computes an equilibrium or decides a verdict: it states what the analysis found.

* :func:`reason` — why a move pays off or not (the ``why:`` line);
* :func:`threshold_sentence` — how far a parameter is from flipping the verdict;
* :func:`verdict_sentence`, :func:`other_selections` — the verdict under a chosen
  selection rule, and under the others (what :func:`~triangle.explorer.explore` shows);
* :func:`finding`, :func:`curve_finding`, :func:`map_finding`,
  :func:`comparison_finding`, :func:`balance` — the titles of the charts;
* the rules in words (:data:`SELECTION_RULES`, ``GAIN_RULE``, ...), as the JSON
  output states them.

The module is longer than most because keeping every sentence in one place is its
purpose: a change of wording never has to be hunted across the package.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from triangle.analysis.gain import is_range
from triangle.numbers import brief, fixed, flip_value, signed
from triangle.vocabulary import TargetState, TieState, Verdict, WedgeStatus

__all__ = [
    "COMMITMENT_RULE",
    "DECOMPOSITION_RULE",
    "GAIN_RULE",
    "PLAUSIBLE_RULE",
    "SELECTION_LINES",
    "SELECTION_RULES",
    "WEDGE_RULE",
    "balance",
    "comparison_finding",
    "curve_finding",
    "decomposition_title",
    "finding",
    "full_stop",
    "gain_summary",
    "gain_text",
    "is_range",
    "map_finding",
    "move_phrase",
    "other_selections",
    "payoffs_title",
    "reason",
    "the",
    "threshold_sentence",
    "verdict_line",
    "verdict_sentence",
    "wedge_sentence",
]

# -- the rules, in words ------------------------------------------------------------------

SELECTION_RULES = {
    "plausible": (
        "follower equilibria in which no follower plays a strategy weakly dominated in the "
        "followers' game (one round); all equilibria if none is"
    ),
    "optimistic": (
        "the follower equilibrium best for the mover, over all equilibria found, both "
        "BEFORE and AFTER (gain = best A - best B)"
    ),
    "pessimistic": (
        "the follower equilibrium worst for the mover, over all equilibria found, both "
        "BEFORE and AFTER (gain = worst A - worst B)"
    ),
}
"""The selection rules among the followers' equilibria, in words."""

SELECTION_LINES = {
    "plausible": "no weakly dominated strategy; from the worst case to the best",
    "optimistic": "the mover's best before and after: not the top of the range",
    "pessimistic": "the mover's worst before and after: not the bottom of the range",
}
"""Each selection in one short line, for the text beside the gains it gives. The
optimistic gain is not the top of the plausible
range (that pairs the best outcome after with the worst before)."""

GAIN_RULE = (
    "gain = mover's payoff AFTER - BEFORE; over the selected outcomes B (before) and A "
    "(after): min = min A - max B, max = max A - min B"
)
DECOMPOSITION_RULE = (
    "mover's payoff components at its worst selected AFTER outcome minus those at its best "
    "selected BEFORE outcome (they add up to gain.min)"
)
PLAUSIBLE_RULE = (
    "no player puts positive probability on a pure strategy that is weakly dominated "
    "by another pure strategy (one round, not iterated)"
)
WEDGE_RULE = (
    "the third actor is the player of the triangle who is neither the mover nor the "
    "target; the move drives a wedge between the target and the third actor when their "
    "tie is hostile in every selected AFTER outcome (breaks: friendly in some selected "
    "BEFORE outcome; already broken: hostile before too; holds: friendly after)"
)
COMMITMENT_RULE = (
    "the leader commits to a pure strategy; the followers play a Nash equilibrium of "
    "the game it leaves them. plausible = the leader's worst among follower equilibria "
    "that use no weakly dominated strategy; optimistic/pessimistic = its best/worst "
    "among all follower equilibria found"
)

# -- small pieces --------------------------------------------------------------------------

_ARTICLES = {"pivot": "the", "outcast": "the"}


def the(name: str, *, start: bool = False) -> str:
    """``"the US"`` for initialisms (US, USSR, EU), the bare name otherwise.

    >>> the("US"), the("China"), the("USSR", start=True)
    ('the US', 'China', 'The USSR')
    """
    if len(name) >= 2 and name.isupper():
        return ("The " if start else "the ") + name
    return name


def _and(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _role_phrase(role: str) -> str:
    return f"{_ARTICLES.get(role, 'a')} {role}"


def _breakdown(parts: Mapping[str, float], atol: float) -> str:
    shown = [f"{name} {brief(v, signed=True)}" for name, v in parts.items() if abs(v) > atol]
    return ", ".join(shown) if shown else "no component changes"


def full_stop(text: str) -> str:
    """``text`` ending with a full stop. The first letter is left as written: a sentence
    may start with a name (``rivalry``, ``eBay``) that must not be capitalised.

    >>> full_stop("rivalry would have to exceed 1.80"), full_stop("Done.")
    ('rivalry would have to exceed 1.80.', 'Done.')
    """
    text = text.strip()
    if not text:
        return text
    return text if text.endswith((".", "!", "?")) else text + "."


def gain_text(lo: float, hi: float) -> str:
    """A gain or its range, signed: ``+6.00``, ``−0.50 … +1.50``."""
    if not is_range(lo, hi):
        return signed(lo)
    return f"{signed(lo)} … {signed(hi)}"


# -- why a move pays off ---------------------------------------------------------------------


def _tie_clause(tie) -> str | None:
    """What the target does with its tie to the third actor AFTER, and what keeping it is worth."""
    if tie is None:
        return None
    t, p, m, atol = the(tie.target), the(tie.third), the(tie.mover), tie.atol
    if tie.third_cold:
        verb = "turns" if tie.friendly_before else "stays"
        clause = f"{t}'s tie with {p} {verb} hostile: {p} is not warm to {t}"
        if tie.friendly_costs:
            costs = [f"{the(who)} {brief(cost)}" for who, cost in tie.friendly_costs]
            clause += f" (a friendly tie would cost {' and '.join(costs)})"
        return clause
    # the verb follows the tie at the outcomes the before and after rows show
    if tie.friendly_after:
        clause = (
            f"{t} keeps its tie with {p}"
            if tie.friendly_before
            else f"{t}'s tie with {p} turns friendly"
        )
    else:
        clause = f"{t} drops its tie with {p}" if tie.friendly_before else f"{t} stays cold to {p}"
    warm = "staying warm" if tie.friendly_before else "being warm"
    if tie.keep_value is not None:
        value = tie.keep_value
        if value > atol:
            clause += f": {warm} to {p} is worth {brief(value)} to {t} "
        elif value < -atol:
            clause += f": {warm} to {p} would cost {t} {brief(-value)} "
        else:
            clause += f": {warm} to {p} makes no difference to {t} "
        clause += f"({_breakdown(tie.keep_parts, atol)})"
    if tie.offer is not None:
        if tie.offer >= -atol:
            clause += f"; a tie with {m} is worth {brief(tie.offer)} to {t}"
        else:
            clause += f"; a tie with {m} would cost {t} {brief(-tie.offer)}"
    return clause


def _roles_clause(analysis) -> str | None:
    tb, ta = analysis.before.triad, analysis.after.triad
    if tb is None or ta is None:
        return None
    spec, players = analysis.spec, analysis.game.players
    order = [spec.mover] if spec.target is None else [spec.target, spec.mover]
    order += [j for j in range(len(players)) if j not in order]
    phrases = []
    for j in order:
        a = players[j]
        if ta.role(a) != tb.role(a):
            phrases.append(f"{the(a)} becomes {_role_phrase(ta.role(a))}")
        elif j == spec.mover:
            phrases.append(f"{the(a)} stays {_role_phrase(ta.role(a))}")
    if ta.configuration != tb.configuration:
        change = f"{tb.configuration} → {ta.configuration}"
    else:
        change = f"the triangle stays a {ta.configuration}"
    return f"{change}: " + ", ".join(phrases)


def _tie_changes(before, after) -> str | None:
    """Which ties a move turns friendly or hostile, between two pure
    :class:`~triangle.roles.Relations` (``None`` when either side is mixed).

    >>> from triangle.roles import Relations
    >>> _tie_changes(Relations(("A", "B", "C", "D"), (0, 0, 0, 0, 0, 1)),
    ...              Relations(("A", "B", "C", "D"), (1, 1, 0, 0, 0, 0)))
    'the A–B and A–C ties turn friendly, the C–D tie turns hostile'
    """
    if before is None or after is None or not (before.is_pure and after.is_pure):
        return None
    turned: dict[str, list[str]] = {"friendly": [], "hostile": []}
    for (a, b, was), (_, _, now) in zip(before.ties(), after.ties(), strict=True):
        if was != now:
            turned["friendly" if now == 1 else "hostile"].append(f"{a}–{b}")
    phrases = [
        f"the {_and(pairs)} {'tie turns' if len(pairs) == 1 else 'ties turn'} {word}"
        for word, pairs in turned.items()
        if pairs
    ]
    return ", ".join(phrases) if phrases else "no tie changes"


def _ties_clause(analysis) -> str | None:
    """What the move does to the ties of a game with stances but no triangle."""
    if analysis.before.triad is not None and analysis.after.triad is not None:
        return None  # the roles clause says it in the triangle's words
    return _tie_changes(analysis.before.relations, analysis.after.relations)


def _gain_clause(analysis) -> str:
    """What the mover gains, and from which payoff components (when the game has them)."""
    gain, atol, who = analysis.gain, analysis.point.atol, the(analysis.mover)
    parts = ""
    if analysis.game.components:
        parts = f" ({_breakdown(analysis.decomposition, atol)})"
    if not gain.is_range:
        if gain.min > atol:
            return f"{who} gains {brief(gain.min)}{parts}"
        if gain.min < -atol:
            return f"{who} loses {brief(-gain.min)}{parts}"
        return f"{who} gains nothing{parts}"
    followers = analysis.game.n_players - 1
    whose = "the follower's" if followers == 1 else "the followers'"
    return (
        f"{who}'s gain lies between {brief(gain.min)} and {brief(gain.max)} depending on "
        f"{whose} equilibrium; at worst {brief(gain.min)}{parts}"
    )


def reason(analysis) -> str:
    """Why the move pays off or not, in one line built from the numbers of a
    :class:`~triangle.analysis.MoveAnalysis`: the target's choice and what it is
    worth, the triangle before and after (for other numbers of actors with stances,
    which ties change), and the gain by payoff component (when the game has them).

    Examples
    --------
    >>> from triangle.scenario import load_scenario
    >>> from triangle.analysis import analyze_move
    >>> text = reason(analyze_move(load_scenario("scenarios/reverse_kissinger_2025.yaml")))
    >>> print(text.split(": ")[0])
    Russia keeps its tie with China
    """
    clauses = [
        _tie_clause(analysis.tie),
        _roles_clause(analysis),
        _ties_clause(analysis),
        _gain_clause(analysis),
    ]
    return "; ".join(c for c in clauses if c)


_WEDGE_ENDINGS = {
    WedgeStatus.BREAKS: "the move breaks it",
    WedgeStatus.ALREADY_BROKEN: "it was already broken",
    WedgeStatus.HOLDS: "it holds",
    WedgeStatus.DEPENDS: "whether it breaks depends on equilibrium selection",
}

_TIE_STATES = {
    TieState.FRIENDLY: "friendly",
    TieState.HOSTILE: "hostile",
    TieState.VARIES: "friendly in some selected outcomes and hostile in others",
}
"""A :class:`~triangle.vocabulary.TieState` as the complement of "their tie is"."""


def wedge_sentence(wedge) -> str:
    """Whether the move splits its target from the third actor, for a
    :class:`~triangle.analysis.Wedge`.

    Examples
    --------
    >>> from triangle.analysis import Wedge
    >>> print(wedge_sentence(Wedge("Russia", "China", "friendly", "friendly", "holds")))
    does the move split Russia from China? Before and after the move their tie is friendly: it holds
    >>> depends = WedgeStatus.DEPENDS
    >>> print(wedge_sentence(Wedge("India", "China", "hostile", "varies", depends)))
    does the move split India from China? Before the move their tie is hostile; after it, \
friendly in some selected outcomes and hostile in others: whether it breaks depends on \
equilibrium selection
    """
    question = f"does the move split {the(wedge.target)} from {the(wedge.third)}?"
    before, after = _TIE_STATES[TieState(wedge.before)], _TIE_STATES[TieState(wedge.after)]
    if before == after:
        tie = f"Before and after the move their tie is {before}"
    else:
        tie = f"Before the move their tie is {before}; after it, {after}"
    return f"{question} {tie}: {_WEDGE_ENDINGS[wedge.status]}"


# -- where a verdict flips --------------------------------------------------------------------


# The target states say what the target prefers after the move (its best reply is warm
# or cold toward the third actor), not whether a tie is kept: "keeps" would contradict
# a tie that was hostile before the move.


def _goal(kind: str, state: str, target: str | None, third: str | None) -> str:
    if kind == "verdict":
        return {
            Verdict.PAYS_OFF: "for the move to pay off",
            Verdict.DOES_NOT_PAY_OFF: "for the move not to pay off",
            Verdict.DEPENDS: "for the verdict to depend on equilibrium selection",
        }[state]
    t, p = the(target or ""), the(third or "")
    return {
        TargetState.KEEPS: f"for {t} to prefer a tie with {p}",
        TargetState.DROPS: f"for {t} to prefer no tie with {p}",
        TargetState.INDIFFERENT: f"for {t} to be indifferent to a tie with {p}",
        TargetState.THIRD_COLD: f"for {p} to turn cold to {t}",
        TargetState.UNDETERMINED: f"for {t}'s reply to {p} to be undetermined",
    }[state]


def _steady(kind: str, state: str, target: str | None, third: str | None) -> str:
    if kind == "verdict":
        return {
            Verdict.PAYS_OFF: "the move pays off",
            Verdict.DOES_NOT_PAY_OFF: "the move does not pay off",
            Verdict.DEPENDS: "the verdict depends on equilibrium selection",
        }[state]
    t, p = the(target or ""), the(third or "")
    return {
        TargetState.KEEPS: f"{t} prefers a tie with {p}",
        TargetState.DROPS: f"{t} prefers no tie with {p}",
        TargetState.INDIFFERENT: f"{t} is indifferent to a tie with {p}",
        TargetState.THIRD_COLD: f"{p} is cold to {t}",
        TargetState.UNDETERMINED: f"{t}'s reply to {p} is undetermined",
    }[state]


def threshold_sentence(threshold, *, now: bool = False) -> str:
    """Where the parameter of a :class:`~triangle.analysis.Threshold` would have to go
    for the verdict (or the target's reply) to change: every flip found, nearest first
    in each direction, and the state at the scenario's value whenever the flips alone
    do not say it.

    Parameters
    ----------
    threshold : Threshold
    now : bool
        Call the parameter's value its value *now*, ``(now 0.50)``, instead of the
        scenario's (``; the scenario's value is 0.50``): for a value a reader has set,
        as in :func:`~triangle.explorer.explore`.

    Returns
    -------
    str

    Examples
    --------
    >>> from triangle.scenario import load_scenario
    >>> from triangle.analysis import find_threshold
    >>> th = find_threshold(load_scenario("scenarios/reverse_kissinger_2025.yaml"), "rivalry")
    >>> threshold_sentence(th)
    "rivalry would have to exceed 1.80 for the move to pay off; the scenario's value is 0.50"
    >>> threshold_sentence(th, now=True)
    'rivalry would have to exceed 1.80 for the move to pay off (now 0.50)'
    """
    th = threshold
    names = (th.target, th.third)

    def tail(where: str | None = None) -> str:
        extra = f", where {where}" if where else ""
        if now:
            return f" (now {flip_value(th.value)}{extra})"
        return f"; the scenario's value is {flip_value(th.value)}{extra}"

    if not th.flips:
        steady = th.steady or th.state
        text = (
            f"{_steady(th.kind, steady, *names)} for every {th.parameter} in "
            f"[{flip_value(th.lo)}, {flip_value(th.hi)}]"
        )
        if steady == th.state:
            return text + tail()
        # the value sits on an isolated point of the game
        which = "the value now" if now else "the scenario's value"
        return (
            f"{text} but {which}, {flip_value(th.value)}, where "
            f"{_steady(th.kind, th.state, *names)}"
        )
    value, state = th.value, th.state
    # a flip at the scenario's value itself lies in the direction of the change
    up = [f for f in th.flips if f.value > value or (f.value == value and f.above != state)]
    down = [f for f in reversed(th.flips) if f not in up]
    ways = []
    for verb, chain, beyond in (("exceed", up, "above"), ("fall below", down, "below")):
        if chain:
            steps = [
                f"{flip_value(f.value)} {_goal(th.kind, getattr(f, beyond), *names)}" for f in chain
            ]
            ways.append((abs(chain[0].value - value), verb, getattr(chain[0], beyond), steps))
    ways.sort(key=lambda way: way[0])
    text = f"{th.parameter} would have to " + ", or ".join(
        f"{verb} " + ", then ".join(steps) for _, verb, _, steps in ways
    )
    binary = (Verdict.PAYS_OFF, Verdict.DOES_NOT_PAY_OFF)
    implied = (
        th.kind == "verdict"
        and state in binary
        and all(first in binary and first != state for _, _, first, _ in ways)
    )
    # e.g. "for the move to pay off" does not tell whether it depends now
    return text + tail(None if implied else _steady(th.kind, state, *names))


# -- chart titles ---------------------------------------------------------------------------


def move_phrase(analysis) -> str:
    """What the move does, as the subject of a sentence: ``"Courting Russia"``."""
    game, spec = analysis.game, analysis.spec
    if game.stances is not None:
        before = game.stances[spec.mover][spec.before]
        after = game.stances[spec.mover][spec.after]
        order = [p for p in (analysis.target, analysis.third) if p]
        key = {p: n for n, p in enumerate(order)}

        def ordered(xs: Iterable[str]) -> list[str]:
            return sorted(xs, key=lambda p: (key.get(p, len(key)), p))

        gained, dropped = ordered(after - before), ordered(before - after)
        parts = []
        if gained:
            parts.append("courting " + _and([the(p) for p in gained]))
        if dropped:
            parts.append("turning cold on " + _and([the(p) for p in dropped]))
        if parts:
            text = " and ".join(parts)
            return text[0].upper() + text[1:]
    return f"Switching from {analysis.before.strategy} to {analysis.after.strategy}"


def _gain_phrase(player: str, lo: float, hi: float) -> str:
    """``"the US gains 3.20"``, ``"the US loses 0.65"``, or the range of the gain."""
    who = the(player)
    if not is_range(lo, hi):
        if lo > 0:
            return f"{who} gains {fixed(lo)}"
        if lo < 0:
            return f"{who} loses {fixed(-lo)}"
        return f"{who} gains nothing"
    return f"{who} gains between {signed(lo)} and {signed(hi)}"


def _consequence(analysis) -> str:
    """What changes in the triangle: who becomes the pivot, or the new configuration."""
    before, after = analysis.before.triad, analysis.after.triad
    if after is None:
        return _ties_clause(analysis) or ""
    pivot_after = after.pivot
    pivot_before = before.pivot if before is not None else None
    if pivot_after and pivot_after != pivot_before:
        return f"{the(pivot_after)} becomes the pivot"
    article = "an" if after.configuration[:1] in "aeiou" else "a"
    if before is None or after.configuration != before.configuration:
        return f"the triangle becomes {article} {after.configuration}"
    return f"the triangle stays {article} {after.configuration}"


def finding(analysis) -> str:
    """One sentence stating whether the move pays off, what it changes and the gain.

    Examples
    --------
    >>> from triangle.scenario import load_scenario
    >>> from triangle.analysis import analyze_move
    >>> finding(analyze_move(load_scenario("scenarios/kissinger_1971.yaml")))
    'Courting China and the USSR pays off for the US: the US becomes the pivot and gains 6.00'
    """
    player = analysis.mover
    verdict = analysis.verdict
    subject = move_phrase(analysis)
    if verdict == Verdict.DEPENDS:
        head = f"{subject} may or may not pay off for {the(player)} (equilibrium selection)"
    else:
        head = f"{subject} {verdict} for {the(player)}"
    consequence = _consequence(analysis)
    gain = _gain_phrase(player, *analysis.gain)
    who = the(player) + " "
    if consequence.startswith(who) and gain.startswith(who):
        # "the US becomes the pivot and gains 3.20"
        return f"{head}: {consequence} and {gain[len(who) :]}"
    return head + ": " + ", ".join(t for t in (consequence, gain) if t)


def verdict_line(analysis) -> str:
    """``"Pays off: gain +6.00"``."""
    verdict = str(analysis.verdict)
    return f"{verdict[0].upper()}{verdict[1:]}: gain {gain_text(*analysis.gain)}"


def verdict_sentence(mover: str, verdict: str, gain: Sequence[float], selection: str) -> str:
    """The verdict on a move under one selection rule, with the mover's gain.

    Parameters
    ----------
    mover : str
    verdict : Verdict or str
    gain : (float, float)
        The gain's lower and upper bounds under ``selection``.
    selection : str

    Returns
    -------
    str

    Examples
    --------
    >>> verdict_sentence("US", "pays off", (6.0, 6.0), "plausible")
    'Pays off for the US: gain +6.00 (plausible selection)'
    >>> print(verdict_sentence("M", Verdict.DEPENDS, (-2.0, 2.0), "plausible"))
    Depends on equilibrium selection for M: gain −2.00 … +2.00 (plausible selection)
    """
    text = str(verdict)
    return (
        f"{text[:1].upper()}{text[1:]} for {the(mover)}: gain {gain_text(*gain)} "
        f"({selection} selection)"
    )


def other_selections(
    verdicts: Mapping[str, str], gains: Mapping[str, Sequence[float]], shown: str
) -> str:
    """The verdicts under the selection rules other than ``shown``: the same words
    when they agree with it, each with its gain when they do not.

    Examples
    --------
    >>> verdicts = {"plausible": "pays off", "optimistic": "pays off",
    ...             "pessimistic": "pays off"}
    >>> gains = {s: (6.0, 6.0) for s in verdicts}
    >>> other_selections(verdicts, gains, "plausible")
    'the same verdict under the optimistic and pessimistic selections'
    >>> verdicts["pessimistic"], gains["pessimistic"] = "does not pay off", (-2.0, -2.0)
    >>> print(other_selections(verdicts, gains, "plausible"))
    optimistic selection: pays off (+6.00); pessimistic selection: does not pay off (−2.00)
    """
    others = [s for s in verdicts if s != shown]
    if all(verdicts[s] == verdicts[shown] for s in others):
        return f"the same verdict under the {_and(others)} selections"
    return "; ".join(f"{s} selection: {verdicts[s]} ({gain_text(*gains[s])})" for s in others)


def balance(parts: Mapping[str, float]) -> str:
    """The net gain and what drives it: ``"−0.65 (costs −3.00 outweigh standing +2.00)"``."""
    net = sum(parts.values())
    gains = sorted(((v, k) for k, v in parts.items() if v > 0), reverse=True)
    losses = sorted((v, k) for k, v in parts.items() if v < 0)
    if net > 0 and gains:
        lead, other = gains[0], losses[0] if losses else None
    elif net < 0 and losses:
        lead, other = losses[0], gains[0] if gains else None
    else:
        return signed(net)
    top = f"{lead[1]} {signed(lead[0])}"
    if other is None:
        return f"{signed(net)} (mostly {top})"
    verb = "outweigh" if lead[1].endswith("s") else "outweighs"
    return f"{signed(net)} ({top} {verb} {other[1]} {signed(other[0])})"


def gain_summary(analysis) -> str:
    """The mover's net gain and what drives it (:func:`balance` of its payoff
    components), or the gain alone for a game without components."""
    if analysis.game.components:
        return balance(analysis.decomposition)
    return gain_text(*analysis.gain)


def _whose(analyses: Sequence) -> str:
    """``"the US's"`` when every analysis has the same mover, else ``"each mover's"``."""
    movers = list(dict.fromkeys(a.mover for a in analyses))
    return f"{the(movers[0])}'s" if len(movers) == 1 else "each mover's"


def decomposition_title(analyses: Sequence) -> str:
    """The title of the decomposition chart (each panel is titled with its scenario)."""
    head = f"Where {_whose(analyses)} gain from the move comes from"
    if len(analyses) == 1:
        return f"{head}: {gain_summary(analyses[0])}"
    pays = sum(a.verdict == Verdict.PAYS_OFF for a in analyses)
    return f"{head}: it pays off in {pays} of {len(analyses)} scenarios"


def payoffs_title(winners: Sequence[tuple[str, str, float, str, float | None]]) -> str:
    """The title of the payoff chart from, per scenario, ``(label, actor who gains most,
    its change, mover, mover's change)``; with one scenario its label is left to the
    panel's title."""
    parts = []
    for label, best, change, mover, own in winners:
        text = f"{the(best)} {signed(change)}"
        if best != mover and own is not None:
            text += f", {the(mover)} {signed(own)}"
        parts.append(text if len(winners) == 1 else f"{label}: {text}")
    return "Who gains most from the move: " + "; ".join(parts)


def comparison_finding(analyses: Sequence) -> str:
    """The title of the comparison chart: each move's verdict and gain."""
    parts = []
    for n, a in enumerate(analyses):
        what = {Verdict.PAYS_OFF: "pays off", Verdict.DOES_NOT_PAY_OFF: "does not pay off"}.get(
            a.verdict, "may or may not pay off"
        )
        phrase = move_phrase(a)
        if n:
            phrase = phrase[0].lower() + phrase[1:]
        parts.append(
            f"{phrase} {what} for {the(a.mover)} ({a.scenario.title}: {gain_text(*a.gain)})"
        )
    return "; ".join(parts)


def _pay_boundary(curve) -> tuple[float, str] | None:
    """Where the move starts (or stops) paying off along a curve, if it does so once.

    Read from the curve's own verdicts. Returns the flip listed in the curve's
    thresholds nearest the switch (else the midpoint of the samples around it) and
    ``"exceeds"`` or ``"falls below"``; ``None`` when the move pays off everywhere,
    nowhere, or over more than one interval.
    """
    pays = [v == Verdict.PAYS_OFF for v in curve.verdicts]
    switches = [k for k in range(len(pays) - 1) if pays[k] != pays[k + 1]]
    if len(switches) != 1:
        return None
    k = switches[0]
    lo, hi = curve.values[k], curve.values[k + 1]
    inside = [t for t in curve.thresholds if lo <= t <= hi]
    t = inside[-1 if pays[k + 1] else 0] if inside else (lo + hi) / 2
    return float(t), "exceeds" if pays[k + 1] else "falls below"


def _summary(markers: Sequence[tuple[str, float, float]]) -> str:
    paying = sum(1 for *_, gain in markers if gain > 0)
    return f": the move pays off in {paying} of the {len(markers)} scenarios marked"


def curve_finding(
    curves: Sequence,
    markers: Sequence[tuple[str, float, float]],
    parameter: str,
    mover: str | None,
) -> str:
    """The title of the gain-curve chart: where the move pays off along the parameter
    and where each marked scenario stands."""
    who = the(mover) if mover else "the mover"
    whose = f"for {who} " if mover else ""

    def outcome(gain: float) -> str:
        if gain > 0:
            return f"{who} gains {fixed(gain)}"
        if gain < 0:
            return f"{who} loses {fixed(-gain)}"
        return f"{who} breaks even"

    bounds = {c.label: _pay_boundary(c) for c in curves}
    directions = {b[1] for b in bounds.values() if b is not None}
    if all(b is not None for b in bounds.values()) and len(directions) == 1:
        direction = directions.pop()
        values = sorted({round(b[0], 9) for b in bounds.values() if b is not None})
        if len(values) == 1:
            where = fixed(values[0])
        elif len(bounds) > 2:
            where = f"a threshold between {fixed(values[0])} and {fixed(values[-1])}"
        else:
            where = (
                "a threshold ("
                + ", ".join(
                    f"{fixed(b[0])} for {label}" for label, b in bounds.items() if b is not None
                )
                + ")"
            )
        head = f"The move pays off {whose}only when {parameter} {direction} {where}"
        if len(markers) > 2:
            return head + _summary(markers)
        parts = []
        for label, value, gain in markers:
            bound = bounds.get(label) or (next(iter(bounds.values())) if len(bounds) == 1 else None)
            text = f"{label} is at {fixed(value)}"
            if bound is not None:
                gap = value - bound[0]
                text += f", {fixed(abs(gap))} {'above' if gap > 0 else 'below'} it"
            parts.append(f"{text}, and {outcome(gain)}")
        return head + (": " + "; ".join(parts) if parts else "")
    thresholds = sorted({round(t, 9) for c in curves for t in c.thresholds})
    if 0 < len(thresholds) <= 4:
        head = f"The verdict {whose}flips at {parameter} = " + ", ".join(
            fixed(t) for t in thresholds
        )
    elif thresholds:
        head = f"The verdict {whose}flips at {len(thresholds)} values of {parameter}"
    else:
        head = f"The verdict {whose}does not change over this range of {parameter}"
    if len(markers) > 2:
        return head + _summary(markers)
    placed = "; ".join(
        f"at {fixed(value)} ({label}) {outcome(gain)}" for label, value, gain in markers
    )
    return head + (f": {placed}" if placed else "")


def map_finding(vmap) -> str:
    """The title of the verdict map: the share of the plane where the move pays off, and
    the verdict at each marked point (the scenario's own first, then the others' values
    in this scenario's game)."""
    mover_text = f" for {the(vmap.mover)}" if vmap.mover else ""
    share = (vmap.codes == Verdict.PAYS_OFF.code).mean()
    head = (
        f"The move pays off{mover_text} in {round(100 * share)}% of this {vmap.px}–{vmap.py} plane"
    )
    would = {
        Verdict.PAYS_OFF: "would pay off",
        Verdict.DOES_NOT_PAY_OFF: "would not pay off",
        Verdict.DEPENDS: "would depend on equilibrium selection",
    }
    placed = []
    for n, point in enumerate(vmap.points):
        if point.verdict is None:
            continue
        if n == 0:
            placed.append(f"{point.label} lies where it {point.verdict}")
        else:
            placed.append(f"with the values of {point.label} it {would[point.verdict]}")
    return head + (": " + "; ".join(placed) if placed else "")


# -- uncertainty ------------------------------------------------------------------------------


def percent(p: float) -> str:
    """A probability as a percentage with one decimal (two below 1%, ``<0.01%`` for a
    tiny non-zero one).

    >>> percent(0.12786), percent(0.0042), percent(0.0), percent(1.0), percent(0.999996)
    ('12.8%', '0.42%', '0%', '100%', '>99.99%')
    """
    if p == 0 or p == 1:
        return f"{round(100 * p)}%"
    if p < 0.0001:
        return "<0.01%"
    if p > 0.9999:
        return ">99.99%"
    digits = 1 if 0.01 <= p <= 0.99 else 2
    return f"{100 * p:.{digits}f}%"


def probability_text(probability) -> str:
    """``12.8% (95% interval 12.6–13.0%)`` for a
    :class:`~triangle.analysis.uncertainty.Probability`."""
    return (
        f"{percent(probability.value)} (95% interval "
        f"{percent(probability.low)}–{percent(probability.high)})"
    )


NEGLIGIBLE_SOBOL = 0.01
"""A total Sobol index below this is no driver worth naming."""
NEGLIGIBLE_CORRELATION = 0.05
"""An absolute rank correlation below this is no driver worth naming."""


def drivers_named(result, limit: int = 3) -> list[tuple[str, float]]:
    """The drivers of the gain worth naming, largest first, at most ``limit``: by total
    Sobol index when the run computed them, else by rank correlation (the measure of
    :meth:`~triangle.analysis.uncertainty.MonteCarlo.drivers`), leaving out those
    below :data:`NEGLIGIBLE_SOBOL` or :data:`NEGLIGIBLE_CORRELATION`. Returns
    ``(name, index or signed correlation)``."""
    named = []
    for name, key in result.drivers():
        if not math.isfinite(key):
            continue
        if result.sobol:
            if key < NEGLIGIBLE_SOBOL:
                continue
            named.append((name, key))
        else:
            if key < NEGLIGIBLE_CORRELATION:
                continue
            named.append((name, result.spearman[name]))
    return named[:limit]


def _driver_phrase(result, limit: int = 3) -> str:
    """What drives the gain, in the one measure every output uses (see
    :func:`drivers_named`): ``"; what drives the gain most: tech (total Sobol index
    0.85); no other parameter matters"``."""
    measured = [(n, v) for n, v in result.drivers() if math.isfinite(v)]
    if not measured:
        return ""
    named = drivers_named(result, limit)
    if not named:
        return "; no drawn parameter moves the gain noticeably"
    if result.sobol:
        items = [f"{n} (total Sobol index {fixed(v)})" for n, v in named]
    else:
        items = [f"{n} (rank correlation {fixed(v)})" for n, v in named]
    text = "; what drives the gain most: " + _and(items)
    if len(named) < limit and len(named) < len(measured):
        text += "; no other parameter matters"
    return text


def uncertainty_finding(result) -> str:
    """The headline of a Monte Carlo run: how likely the move pays off, with its
    interval, and which guesses drive the gain."""
    move = f"{result.move_from} → {result.move_to}"
    pays = result.probability(Verdict.PAYS_OFF)
    head = (
        f"Over {result.samples:,} draws of the uncertain parameters, {the(result.mover)}'s "
        f"move {move} pays off with probability {probability_text(pays)}"
    )
    depends = result.probability(Verdict.DEPENDS)
    if depends.count:
        head += f", depends on equilibrium selection in {percent(depends.value)}"
    if result.target is not None and result.third is not None:
        head += (
            f"; after it {the(result.target)} prefers no tie with {the(result.third)} in "
            f"{percent(result.flip.value)} of the draws"
        )
        keeps = result.target_states.get(TargetState.KEEPS, 0.0)
        cold = result.target_states.get(TargetState.THIRD_COLD, 0.0)
        if keeps:
            head += f" and a tie in {percent(keeps)}"
        if cold:
            head += (
                f" ({the(result.third)} is already cold to {the(result.target)} in "
                f"{percent(cold)}: no tie to split)"
            )
    return full_stop(head + _driver_phrase(result))


def grid_finding(sweep) -> str:
    """The headline of a grid sweep: the share of grid points where the move pays off."""
    names = ", ".join(a.name for a in sweep.axes)
    share = sweep.shares[Verdict.PAYS_OFF]
    return full_stop(
        f"{the(sweep.mover, start=True)}'s move {sweep.move_from} → {sweep.move_to} pays off at "
        f"{percent(share)} of {sweep.size:,} grid points over {names}"
    )


SOBOL_RULE = (
    "Sobol indices of the gain (SALib, Saltelli design with Sobol' sequences, first and "
    "total order, 95% bootstrap intervals): the share of the gain's variance due to a "
    "parameter alone (first) and with its interactions (total)"
)
SPEARMAN_RULE = "Spearman rank correlation of the gain with each drawn parameter"
INTERVAL_RULE = "95% Wilson score interval of a binomial proportion"
