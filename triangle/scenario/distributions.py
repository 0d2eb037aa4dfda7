"""How unsure a scenario is of its numbers: parameter distributions and correlations.

A parameter may carry a ``distribution:`` (see ``docs/reference/scenario-format.md``), and a
scenario a list of ``correlations:`` between such parameters. Each distribution is a
:mod:`scipy.stats` distribution restricted to the parameter's declared ``range``:

==============  ==========================  ============================================
kind            keys                        scipy.stats distribution
==============  ==========================  ============================================
``uniform``     ``min``, ``max``            ``uniform``
``triangular``  ``min``, ``mode``, ``max``  ``triang``
``pert``        ``min``, ``mode``, ``max``  ``beta(1 + λ(mode−min)/(max−min),
                (``lambda``, default 4)     1 + λ(max−mode)/(max−min))`` on [min, max]
``normal``      ``mean``, ``sd``            ``truncnorm``: the normal truncated to
                (``min``, ``max``)          [min, max] (default: the range)
``lognormal``   ``median``, ``sigma``       ``lognorm(sigma, scale=median)`` truncated to
                (``min``, ``max``)          [min, max] (default: the range)
``choice``      ``values``, ``weights``     a discrete distribution over the values
==============  ==========================  ============================================

``min`` and ``max`` default to the parameter's range and must lie within it, so that a
sampled value is always one the scenario accepts.

Sampling is by inverse transform: a point's uniform numbers ``u`` become values by
:meth:`Distribution.ppf`. Uniform and triangular quantiles are scipy's closed forms;
for the normal, lognormal and PERT, whose scipy quantile functions cost microseconds a
value, the distribution's CDF and density (from scipy.stats) are tabulated once at
about 9,000 points of ``[min, max]`` (denser toward both ends), and each quantile
solves the cubic Hermite interpolant of the CDF by Newton's method: the CDF at the
result is within 1e-8 of ``u`` (1e-10 for all but strongly skewed shapes) and the
value within 1e-9 of the support's width of scipy's ``ppf`` (tested), far below the
sampling error of any Monte Carlo run.

Correlations are Spearman (rank) correlations imposed with a Gaussian copula
(:func:`normal_correlation`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from triangle.scenario.spec import CORRELATION, DISTRIBUTION, DISTRIBUTION_KINDS, SCENARIO

__all__ = [
    "DISTRIBUTION_KINDS",
    "Correlation",
    "Distribution",
    "correlation_matrix",
    "normal_correlation",
]

_TABLE = 8192
"""Intervals of the tabulated CDF of the normal, lognormal and PERT."""


@dataclass(frozen=True, eq=False)
class Distribution:
    """A parameter's distribution (see the module notes).

    Attributes
    ----------
    kind : str
        One of :data:`DISTRIBUTION_KINDS`.
    values : mapping
        Its numbers (``min``, ``mode``, ``max``, ``mean``, ``sd``, ``median``,
        ``sigma``, ``lambda``), with ``min`` and ``max`` always set (the support).
    choices, weights : tuple of float
        The values of a ``choice`` and their probabilities (normalised to sum 1).
    source : str or None
        Why this distribution.
    line : int or None
        Where it is written.

    Examples
    --------
    >>> d = Distribution("triangular", {"min": 0.0, "mode": 1.0, "max": 4.0})
    >>> d.ppf(np.array([0.0, 0.25, 1.0])).tolist()
    [0.0, 1.0, 4.0]
    >>> d.describe()
    'triangular (min 0, mode 1, max 4)'
    """

    kind: str
    values: Mapping[str, float]
    choices: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    source: str | None = None
    line: int | None = field(default=None, compare=False)

    def __getstate__(self) -> dict:
        # the scipy object and the quantile table are rebuilt where needed, not shipped
        return {k: v for k, v in self.__dict__.items() if k not in ("frozen", "_table")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @property
    def low(self) -> float:
        return float(self.values["min"])

    @property
    def high(self) -> float:
        return float(self.values["max"])

    @cached_property
    def frozen(self):
        """The :mod:`scipy.stats` frozen distribution."""
        from scipy import stats

        v, lo, hi = self.values, self.low, self.high
        if self.kind == "uniform":
            return stats.uniform(loc=lo, scale=hi - lo)
        if self.kind == "triangular":
            return stats.triang((v["mode"] - lo) / (hi - lo), loc=lo, scale=hi - lo)
        if self.kind == "pert":
            shape = v.get("lambda", 4.0)
            a = 1 + shape * (v["mode"] - lo) / (hi - lo)
            b = 1 + shape * (hi - v["mode"]) / (hi - lo)
            return stats.beta(a, b, loc=lo, scale=hi - lo)
        if self.kind == "normal":
            mean, sd = v["mean"], v["sd"]
            return stats.truncnorm((lo - mean) / sd, (hi - mean) / sd, loc=mean, scale=sd)
        if self.kind == "lognormal":
            return _TruncatedLognormal(v["median"], v["sigma"], lo, hi)
        return stats.rv_discrete(values=(np.array(self.choices), np.array(self.weights)))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """The quantiles at probabilities ``u`` (inverse transform sampling)."""
        u = np.asarray(u, dtype=float)
        if self.kind in ("uniform", "triangular"):
            return np.clip(self.frozen.ppf(u), self.low, self.high)
        if self.kind == "choice":
            cumulative = np.cumsum(self.weights)
            cumulative[-1] = 1.0
            index = np.searchsorted(cumulative, u, side="right")
            return np.asarray(self.choices)[np.minimum(index, len(self.choices) - 1)]
        return self._table.ppf(u)

    @cached_property
    def _table(self) -> _HermiteInverse:
        return _HermiteInverse(self.frozen, self.low, self.high)

    def mean(self) -> float:
        return float(self.frozen.mean())

    def describe(self) -> str:
        """The distribution in a few words, e.g. ``pert (min 0, mode 1, max 4)``."""
        from triangle.numbers import plain

        if self.kind == "choice":
            pairs = ", ".join(
                f"{plain(c)} ({plain(round(w, 6))})"
                for c, w in zip(self.choices, self.weights, strict=True)
            )
            return f"choice of {pairs}"
        order = {
            "uniform": ("min", "max"),
            "triangular": ("min", "mode", "max"),
            "pert": ("min", "mode", "max", "lambda"),
            "normal": ("mean", "sd", "min", "max"),
            "lognormal": ("median", "sigma", "min", "max"),
        }[self.kind]
        parts = [f"{k} {plain(self.values[k])}" for k in order if k in self.values]
        return f"{self.kind} ({', '.join(parts)})"

    def narrowed(self, factor: float) -> Distribution:
        """The same kind of distribution, ``factor`` times as wide around its centre
        (mode, mean or median; for a choice, the weights pulled toward the heaviest
        value): what the tests use to check that a probability moves as it should."""
        v = dict(self.values)
        if self.kind == "choice":
            top = int(np.argmax(self.weights))
            w = np.array(self.weights) * factor
            w[top] += 1 - w.sum()
            return Distribution(self.kind, v, self.choices, tuple(w), self.source)
        centre = {
            "uniform": (self.low + self.high) / 2,
            "triangular": v.get("mode"),
            "pert": v.get("mode"),
            "normal": v.get("mean"),
            "lognormal": v.get("median"),
        }[self.kind]
        v["min"] = centre - factor * (centre - self.low)
        v["max"] = centre + factor * (self.high - centre)
        if self.kind == "normal":
            v["sd"] = v["sd"] * factor
        if self.kind == "lognormal":
            v["sigma"] = v["sigma"] * factor
        return Distribution(self.kind, v, source=self.source)


class _TruncatedLognormal:
    """``lognorm(sigma, scale=median)`` restricted to ``[lo, hi]`` (cdf, pdf, ppf, mean)."""

    def __init__(self, median: float, sigma: float, lo: float, hi: float):
        from scipy import stats

        self.base = stats.lognorm(sigma, scale=median)
        self.lo, self.hi = lo, hi
        self.c_lo, self.c_hi = float(self.base.cdf(lo)), float(self.base.cdf(hi))
        self.mass = self.c_hi - self.c_lo

    def cdf(self, x):
        x = np.clip(x, self.lo, self.hi)
        return np.clip((self.base.cdf(x) - self.c_lo) / self.mass, 0.0, 1.0)

    def pdf(self, x):
        inside = (x >= self.lo) & (x <= self.hi)
        return np.where(inside, self.base.pdf(x) / self.mass, 0.0)

    def ppf(self, u):
        return np.clip(self.base.ppf(self.c_lo + np.asarray(u) * self.mass), self.lo, self.hi)

    def mean(self) -> float:
        from scipy import integrate

        value, _ = integrate.quad(lambda x: x * float(self.pdf(np.array(x))), self.lo, self.hi)
        return value


class _HermiteInverse:
    """Quantiles of a continuous distribution on ``[lo, hi]`` from its tabulated CDF.

    The nodes are an even grid of :data:`_TABLE` intervals plus geometric grids toward
    both ends (down to 1e-13 of the width), where a density that vanishes or grows
    without bound makes the quantile function steep.
    """

    def __init__(self, frozen, lo: float, hi: float):
        width = hi - lo
        ends = 10.0 ** -np.arange(0.5, 13.01, 1 / 32)
        x = np.unique(
            np.concatenate([np.linspace(lo, hi, _TABLE + 1), lo + width * ends, hi - width * ends])
        )
        cdf = np.clip(np.asarray(frozen.cdf(x), dtype=float), 0.0, 1.0)
        cdf[0], cdf[-1] = 0.0, 1.0
        self.x = x
        self.h = np.diff(x)
        self.cdf = np.maximum.accumulate(cdf)
        pdf = np.asarray(frozen.pdf(x), dtype=float)
        pdf = np.where(np.isfinite(pdf) & (pdf > 0), pdf, 0.0)
        self.last = x.size - 2
        # the cubic Hermite interpolant on interval k, in t = (x - x_k) / h_k:
        # H(t) = f0 + d0 t + c2 t^2 + c3 t^3 (slopes d = density x width)
        f0, f1 = self.cdf[:-1], self.cdf[1:]
        d0, d1 = pdf[:-1] * self.h, pdf[1:] * self.h
        self.f0, self.d0 = f0, d0
        self.c2 = 3 * (f1 - f0) - 2 * d0 - d1
        self.c3 = 2 * (f0 - f1) + d0 + d1
        self.width = f1 - f0
        self.iterations = 3

    def ppf(self, u: np.ndarray) -> np.ndarray:
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        k = np.clip(np.searchsorted(self.cdf, u, side="right") - 1, 0, self.last)
        f0, d0, c2, c3 = self.f0[k], self.d0[k], self.c2[k], self.c3[k]
        width = self.width[k]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            r = u - f0
            t = np.where(width > 0, r / width, 0.0)
            for _ in range(self.iterations):  # Newton on the cubic H(t) - f0 = r
                value = ((c3 * t + c2) * t + d0) * t - r
                slope = (3 * c3 * t + 2 * c2) * t + d0
                step = value / slope
                t = np.clip(t - np.where(slope > 0, step, 0.0), 0.0, 1.0)
        return np.clip(self.x[k] + t * self.h[k], self.x[0], self.x[-1])


@dataclass(frozen=True)
class Correlation:
    """A rank (Spearman) correlation between two parameters with distributions."""

    first: str
    second: str
    rank: float
    source: str | None = None
    line: int | None = field(default=None, compare=False)


def normal_correlation(rank: float | np.ndarray) -> float | np.ndarray:
    """The correlation of a Gaussian copula whose Spearman correlation is ``rank``:
    ``2 sin(π rank / 6)`` (Pearson's relation for the bivariate normal).

    >>> round(float(normal_correlation(0.5)), 4)
    0.5176
    """
    return 2 * np.sin(np.pi * np.asarray(rank, dtype=float) / 6)


def correlation_matrix(
    names: Sequence[str], correlations: Sequence[Correlation]
) -> np.ndarray | None:
    """The copula's correlation matrix over ``names`` (``None`` without correlations).

    Raises
    ------
    ValueError
        When the matrix is not positive definite (the correlations contradict each
        other).
    """
    pairs = [c for c in correlations if c.first in names and c.second in names]
    if not pairs:
        return None
    index = {n: i for i, n in enumerate(names)}
    matrix = np.eye(len(names))
    for c in pairs:
        i, j = index[c.first], index[c.second]
        matrix[i, j] = matrix[j, i] = normal_correlation(c.rank)
    if np.linalg.eigvalsh(matrix).min() <= 1e-10:
        raise ValueError("the correlations are not consistent (not positive definite)")
    return matrix


def check_numbers(kind: str, values: Mapping[str, float], parameter_range) -> str | None:
    """What is wrong with a distribution's numbers, or ``None``; ``values`` has ``min``
    and ``max`` set (the range when not given)."""
    lo, hi = values["min"], values["max"]
    rlo, rhi = parameter_range
    from triangle.numbers import plain

    if not rlo <= lo < hi <= rhi:
        if not lo < hi:
            return f"min {plain(lo)} must be below max {plain(hi)}"
        return (
            f"[{plain(lo)}, {plain(hi)}] is outside the parameter's range "
            f"[{plain(rlo)}, {plain(rhi)}]"
        )
    if kind in ("triangular", "pert") and not lo <= values["mode"] <= hi:
        return f"mode {plain(values['mode'])} is outside [{plain(lo)}, {plain(hi)}]"
    if kind == "pert" and not values.get("lambda", 4.0) > 0:
        return f"lambda must be positive, got {plain(values['lambda'])}"
    if kind == "normal":
        if not values["sd"] > 0:
            return f"sd must be positive, got {plain(values['sd'])}"
        if not lo <= values["mean"] <= hi:
            return f"mean {plain(values['mean'])} is outside [{plain(lo)}, {plain(hi)}]"
    if kind == "lognormal":
        if not values["sigma"] > 0:
            return f"sigma must be positive, got {plain(values['sigma'])}"
        if not values["median"] > 0:
            return f"median must be positive, got {plain(values['median'])}"
        if hi <= 0:
            return "a lognormal needs max > 0"
        if not lo <= values["median"] <= hi:
            return f"median {plain(values['median'])} is outside [{plain(lo)}, {plain(hi)}]"
    return None


# -- reading from a scenario file -------------------------------------------------------------


def read_distribution(reader, node, what: str, line: int, parameter_range, value: float):
    """A parameter's ``distribution:`` mapping, checked, with located errors.

    ``reader`` is the loader's :class:`~triangle.scenario.fields.Reader`; ``what``
    names the parameter; ``parameter_range`` is its declared range (required);
    ``value`` its value (which must lie within the distribution's support).
    """
    from triangle.numbers import plain
    from triangle.scenario.nodes import suggest

    if parameter_range is None:
        raise reader.fail(f"{what} has a distribution but no range: give it a range", line)
    spec = reader.read(DISTRIBUTION, node, f"distribution of {what}", line)
    kind_node = spec.get(DISTRIBUTION.tag)
    if kind_node is None:
        raise reader.fail(
            f"distribution of {what} is missing the required key 'kind' "
            f"({', '.join(DISTRIBUTION_KINDS)})",
            spec.line,
        )
    kind = reader.text(kind_node, f"kind of the distribution of {what}", spec.line)
    if kind not in DISTRIBUTION_KINDS:
        raise reader.fail(
            f"unknown distribution kind {kind!r}{suggest(kind, DISTRIBUTION_KINDS)}; "
            f"kinds: {', '.join(DISTRIBUTION_KINDS)}",
            kind_node.line,
        )
    keys = DISTRIBUTION.variant(kind)
    fields = reader.fields(spec, f"a {kind} distribution", keys)
    source = None
    if "source" in fields:
        source = reader.read(
            keys.kind("source"), fields["source"], f"source of the distribution of {what}", line
        )
    where = {k: spec.key_line(k) for k in fields}
    lo_range, hi_range = parameter_range
    if kind == "choice":
        return _read_choice(reader, fields, where, what, parameter_range, value, source, spec)
    values = {}
    for key in fields:
        if key not in (DISTRIBUTION.tag, "source"):
            values[key] = reader.read(keys.kind(key), fields[key], f"{key} of {what}", where[key])
    values.setdefault("min", max(lo_range, 0.0) if kind == "lognormal" else lo_range)
    values.setdefault("max", hi_range)
    problem = check_numbers(kind, values, parameter_range)
    if problem is None and not values["min"] <= value <= values["max"]:
        problem = (
            f"the value {plain(value)} is outside the distribution's support "
            f"[{plain(values['min'])}, {plain(values['max'])}]"
        )
    if problem is not None:
        key = next((k for k in ("min", "max", "mode", "mean", "sd") if k in where), "kind")
        raise reader.fail(f"distribution of {what}: {problem}", where.get(key, spec.line))
    return Distribution(kind, values, source=source, line=spec.line)


def _read_choice(reader, fields, where, what, parameter_range, value, source, spec):
    from triangle.numbers import plain

    keys = DISTRIBUTION.variant("choice")
    kind = keys.kind("values")
    items = reader.read(kind, fields["values"], f"values of the distribution of {what}", spec.line)
    choices = [reader.read(kind.item, i, f"a value of {what}", items.line) for i in items.items]
    if not choices:
        raise reader.fail(f"distribution of {what}: values must not be empty", items.line)
    if len(set(choices)) != len(choices):
        raise reader.fail(f"distribution of {what}: values must be distinct", items.line)
    lo, hi = parameter_range
    outside = [c for c in choices if not lo <= c <= hi]
    if outside:
        raise reader.fail(
            f"distribution of {what}: value {plain(outside[0])} is outside the parameter's "
            f"range [{plain(lo)}, {plain(hi)}]",
            items.line,
        )
    weights = [1.0] * len(choices)
    if "weights" in fields:
        kind = keys.kind("weights")
        node = reader.read(kind, fields["weights"], f"weights of {what}", where["weights"])
        weights = [reader.read(kind.item, i, f"a weight of {what}", node.line) for i in node.items]
        if len(weights) != len(choices):
            raise reader.fail(
                f"distribution of {what}: {len(weights)} weights for {len(choices)} values",
                node.line,
            )
        if any(w < 0 for w in weights):
            raise reader.fail(f"distribution of {what}: weights must not be negative", node.line)
        if not sum(weights) > 0:
            raise reader.fail(f"distribution of {what}: the weights sum to 0", node.line)
    if not min(choices) <= value <= max(choices):
        raise reader.fail(
            f"distribution of {what}: the value {plain(value)} is outside the values' span "
            f"[{plain(min(choices))}, {plain(max(choices))}]",
            items.line,
        )
    total = float(sum(weights))
    order = np.argsort(choices, kind="stable")
    return Distribution(
        "choice",
        {"min": float(min(choices)), "max": float(max(choices))},
        tuple(float(choices[i]) for i in order),
        tuple(float(weights[i]) / total for i in order),
        source=source,
        line=spec.line,
    )


def read_correlations(reader, node, line: int, parameters: Mapping) -> tuple[Correlation, ...]:
    """The scenario's ``correlations:`` list, checked (parameters with distributions,
    ``-1 < rank < 1``, each pair once, a consistent matrix)."""
    from triangle.scenario.nodes import suggest

    items = reader.read(SCENARIO.kind("correlations"), node, "correlations", line)
    found: list[Correlation] = []
    seen: set[frozenset] = set()
    between = CORRELATION.kind("between")
    for item in items.items:
        spec = reader.read(CORRELATION, item, "a correlation", items.line)
        fields = reader.fields(spec, "a correlation", CORRELATION)
        pair = reader.read(between, fields["between"], "between", spec.key_line("between"))
        if not between.min_items <= len(pair.items) <= between.max_items:
            raise reader.fail("between must name two parameters", pair.line)
        names = [
            reader.read(between.item, n, "a correlated parameter", pair.line) for n in pair.items
        ]
        for name in names:
            if name not in parameters:
                raise reader.fail(
                    f"correlation: unknown parameter {name!r}{suggest(name, parameters)}",
                    pair.line,
                )
            if parameters[name].distribution is None:
                raise reader.fail(f"correlation: parameter {name!r} has no distribution", pair.line)
        if names[0] == names[1] or frozenset(names) in seen:
            raise reader.fail("correlation: a pair of two different parameters, once", pair.line)
        seen.add(frozenset(names))
        bounds = CORRELATION.kind("rank")
        rank = reader.read(bounds, fields["rank"], "rank", spec.key_line("rank"))
        if not bounds.above < rank < bounds.below:
            raise reader.fail("correlation: rank must be between -1 and 1 (exclusive)", spec.line)
        source = None
        if "source" in fields:
            source = reader.read(
                CORRELATION.kind("source"), fields["source"], "source of a correlation", spec.line
            )
        found.append(Correlation(names[0], names[1], rank, source, spec.line))
    distributed = [n for n, p in parameters.items() if p.distribution is not None]
    try:
        correlation_matrix(distributed, found)
    except ValueError as err:
        raise reader.fail(f"correlations: {err}", items.line) from None
    return tuple(found)
