"""How sure is the verdict: Monte Carlo over the parameters' distributions, grids over
one to three parameters, sensitivity, in chunks of bounded memory.

Everything here evaluates the move through the batched path
(:func:`~triangle.analysis.batch.judge_payoffs`), so every point gets the answer
:func:`~triangle.analysis.analyze_move` gives there, and works chunk by chunk: the
memory used grows with the chunk size, plus 17 bytes per point for the gains and
verdicts the summaries need (about 200 MB for 10⁷ points).

Sampling plan (:class:`SamplingPlan`)
    Every parameter with a ``distribution:`` (and not fixed by an override) is drawn;
    the others keep their values. Draws are made in fixed blocks of :data:`BLOCK`
    points: block ``b`` comes from ``numpy.random.SeedSequence(seed).spawn(...)[b]``
    (a PCG64 generator), which draws one standard normal per parameter and point; with
    correlations they are mixed by the Cholesky factor of the Gaussian copula's
    correlation matrix (:func:`~triangle.scenario.distributions.normal_correlation`);
    the normal CDF turns them into uniforms and each distribution's quantile function
    into values. Point ``i`` is therefore the same whatever the processing chunk size
    and whichever worker evaluates it: the same seed gives the same bytes.

Summaries (:func:`monte_carlo`)
    The probability of each verdict with a 95% **Wilson** score interval
    (``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``; it keeps its
    coverage near 0 and 1 where the normal approximation does not); the mover's gain
    (mean, standard deviation, quantiles: the lower end of the gain interval, which is
    the gain itself whenever the selected outcomes agree); the probability that the
    target *flips* (its best reply after the move drops its tie with the third actor) with
    its interval; shares of target states and AFTER configurations; Spearman rank
    correlations of the gain with each drawn parameter over the first
    :data:`SCREEN` points (screening, every run); and variance-based Sobol indices of
    the gain (first order and total, with bootstrap 95% intervals) from **SALib**.

Sobol indices need their own design: SALib's Saltelli scheme with Sobol' sequences,
first and total orders only, i.e. ``N · (d + 2)`` points for ``d`` drawn parameters and a
base sample ``N`` (a power of two). ``sobol="auto"`` takes the largest ``N`` with
``N · (d + 2)`` at most an eighth of the Monte Carlo samples (so the design adds at
most 12.5% to the run), capped at 2¹³ (bootstrap intervals of about ±0.01 to ±0.02 on
the shipped scenarios); below ``N = 64`` the indices are skipped with a note. The
design is drawn on independent uniforms (correlations are ignored there, and a note
says so) and mapped through the same quantile functions; it is evaluated in the same
chunks, and SALib's bootstrap is seeded from the same seed.

Execution
    Chunks go through a ``map`` of the caller's choice: in process by default (one
    thread, or a pool of threads with :func:`thread_mapper`: numpy releases the
    interpreter lock in its loops, but only in part), worker processes of this
    machine (:func:`process_mapper`), or a ``dask.distributed`` client's
    (:mod:`triangle.analysis.distributed`); results are combined in chunk order, and
    every chunk's numbers depend only on its points, so the bytes are the same in
    every case.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from triangle.analysis.batch import MoveBatch, judge_payoffs
from triangle.analysis.move import require_move, resolve_move
from triangle.equilibria.commitment import check_selection
from triangle.equilibria.methods import DEFAULT_TIMEOUT
from triangle.equilibria.tolerance import DEFAULT_TOL
from triangle.errors import TriangleInputError
from triangle.scenario.distributions import correlation_matrix
from triangle.vocabulary import TARGET_STATES, VERDICT_CODES, TargetState, Verdict

__all__ = [
    "BLOCK",
    "CHUNK",
    "MAX_GRID_POINTS",
    "SCREEN",
    "Chunk",
    "GridAxis",
    "GridSweep",
    "MonteCarlo",
    "Probability",
    "ProbabilityMap",
    "SamplingPlan",
    "Sobol",
    "grid_sweep",
    "monte_carlo",
    "probability_map",
    "sampling_plan",
    "process_mapper",
    "thread_mapper",
]

BLOCK = 1 << 16
"""Points per block of the random stream (fixed: it does not follow the chunk size)."""
CHUNK = 8192
"""Default processing chunk: points compiled and judged at once."""
MAX_GRID_POINTS = 10_000_000
"""The most points a grid may have in all (the product of its axes' counts): the
summaries keep 17 bytes per point, about 200 MB at this size, whatever the chunk size."""
SCREEN = 1 << 18
"""The Spearman screening and the probability map use the first this many points."""
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
HISTOGRAM_BINS = 60
SOBOL_MAX = 1 << 13
SOBOL_MIN = 64


# -- the sampling plan ------------------------------------------------------------------------


class SamplingPlan:
    """Which parameters are drawn and how; point ``i``'s values are a pure function of
    ``(seed, i)`` (module notes).

    Attributes
    ----------
    names : tuple of str
        The drawn parameters, in file order.
    distributions : tuple of Distribution
    seed : int
    fixed : dict
        The overrides (held at their values, not drawn).
    correlated : bool
        Whether a copula correlates the draws.
    """

    def __init__(self, scenario, overrides: Mapping[str, float], seed: int):
        self.fixed = dict(overrides)
        chosen = [
            (n, p.distribution)
            for n, p in scenario.parameters.items()
            if p.distribution is not None and n not in self.fixed
        ]
        self.names = tuple(n for n, _ in chosen)
        self.distributions = tuple(d for _, d in chosen)
        self.seed = int(seed)
        try:
            matrix = correlation_matrix(self.names, getattr(scenario, "correlations", ()))
        except ValueError as err:
            raise TriangleInputError(f"{scenario.path}: {err}") from None
        self.cholesky = None if matrix is None else np.linalg.cholesky(matrix)
        self.correlated = self.cholesky is not None
        self._cache: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def uniforms(self, start: int, stop: int) -> np.ndarray:
        """The copula's uniforms of points ``start`` to ``stop``, shape ``(n, d)``."""
        from scipy.special import ndtr

        d = len(self.names)
        out = np.empty((stop - start, d))
        for b in range(start // BLOCK, (stop - 1) // BLOCK + 1 if stop > start else 0):
            block = self._block(b)
            lo, hi = max(start, b * BLOCK), min(stop, (b + 1) * BLOCK)
            out[lo - start : hi - start] = block[lo - b * BLOCK : hi - b * BLOCK]
        return ndtr(out) if d else out

    def _block(self, b: int) -> np.ndarray:
        with self._lock:
            found = self._cache.get(b)
        if found is not None:
            return found
        sequence = np.random.SeedSequence(self.seed, spawn_key=(b,))
        rng = np.random.Generator(np.random.PCG64(sequence))
        z = rng.standard_normal((BLOCK, len(self.names)))
        if self.cholesky is not None:
            z = z @ self.cholesky.T
        with self._lock:  # keep a few blocks: chunks walk the stream nearly in order
            while len(self._cache) >= 4:
                self._cache.pop(next(iter(self._cache)))
            self._cache[b] = z
        return z

    def values(self, uniforms: np.ndarray) -> dict[str, np.ndarray]:
        """Each drawn parameter's values at the given uniforms (one column each)."""
        return {
            n: d.ppf(uniforms[:, j])
            for j, (n, d) in enumerate(zip(self.names, self.distributions, strict=True))
        }

    def draw(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The drawn values of points ``start`` to ``stop``."""
        return self.values(self.uniforms(start, stop))


def sampling_plan(scenario, overrides: Mapping[str, float] | None = None, seed: int = 0):
    """The :class:`SamplingPlan` of a scenario (its distributed parameters not fixed by
    ``overrides``).

    Raises
    ------
    TriangleInputError
        When no parameter has a distribution.
    """
    plan = SamplingPlan(scenario, overrides or {}, seed)
    if not plan.names:
        fixed = " not fixed by --param" if overrides else ""
        raise TriangleInputError(
            f"{scenario.path}: no parameter{fixed} has a distribution: nothing to sample "
            "(give parameters a distribution: in the scenario file)"
        )
    return plan


# -- chunks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One unit of work: points ``start`` to ``stop`` of a sample, a Sobol design or a
    grid (what ``evaluate_chunk`` runs, in process or on a worker)."""

    scenario: object
    overrides: Mapping[str, float]
    selection: str
    tol: float
    start: int
    stop: int
    timeout: float | None = DEFAULT_TIMEOUT  # of each point solved one by one
    plan: SamplingPlan | None = None
    design: np.ndarray | None = None  # Sobol: uniforms of these points
    grid: tuple[tuple[str, np.ndarray], ...] = ()  # grid axes (name, values)
    keep_values: bool = False


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """What a chunk returns: per point, the verdict code, the gain bounds, the target
    state and the AFTER configuration (as small integer codes), the drawn values when
    asked, and how many points needed the batched mixed solver or the one-by-one one."""

    start: int
    codes: np.ndarray  # int8
    gain_min: np.ndarray
    gain_max: np.ndarray
    states: np.ndarray  # int8 index into TARGET_STATES
    configurations: np.ndarray  # int16 index into `labels`
    labels: tuple[str, ...]
    values: dict[str, np.ndarray] | None
    mixed: int
    fallback: int
    notes: tuple[str, ...]


def _grid_values(grid, start: int, stop: int) -> dict[str, np.ndarray]:
    shape = tuple(len(v) for _, v in grid)
    index = np.unravel_index(np.arange(start, stop), shape)
    return {name: values[i] for (name, values), i in zip(grid, index, strict=True)}


def evaluate_chunk(chunk: Chunk) -> ChunkResult:
    """Draw (or lay out) and judge the points of one chunk."""
    scenario = chunk.scenario
    size = chunk.stop - chunk.start
    if chunk.grid:
        drawn = _grid_values(chunk.grid, chunk.start, chunk.stop)
    elif chunk.design is not None:
        drawn = chunk.plan.values(chunk.design)
    else:
        drawn = chunk.plan.draw(chunk.start, chunk.stop)
    arrays = {n: np.full(size, float(v)) for n, v in chunk.overrides.items()}
    arrays.update(drawn)
    template = scenario.compile(chunk.overrides)
    spec = resolve_move(scenario, template)
    payoffs = scenario.compile_arrays(arrays, size=size)
    judged = judge_payoffs(template, spec, payoffs, tol=chunk.tol, timeout=chunk.timeout)
    return _chunk_result(chunk, judged, drawn)


def _chunk_result(chunk: Chunk, judged: MoveBatch, drawn) -> ChunkResult:
    lo, hi = judged.gains[chunk.selection]
    targets = np.asarray(judged.target_states, dtype=object)
    states = np.zeros(targets.size, dtype=np.int8)
    for i, state in enumerate(TARGET_STATES):
        states[targets == state] = i
    names = np.asarray(judged.after_configuration, dtype=object)
    labels = tuple(sorted({str(c) for c in set(names.tolist()) if c is not None}))
    configurations = np.full(names.size, -1, dtype=np.int16)
    for i, label in enumerate(labels):
        configurations[names == label] = i
    return ChunkResult(
        start=chunk.start,
        codes=judged.codes[chunk.selection].astype(np.int8),
        gain_min=np.asarray(lo, dtype=float),
        gain_max=np.asarray(hi, dtype=float),
        states=states,
        configurations=configurations,
        labels=labels,
        values=drawn if chunk.keep_values else None,
        mixed=int(judged.mixed.sum()),
        fallback=int(judged.fallback.sum()),
        notes=judged.notes,
    )


Mapper = Callable[[Callable, Iterable], Iterator]


def in_order(submit: Callable, chunks: Iterable, slots: int) -> Iterator:
    """Submit each chunk (``submit(chunk)`` returns a future) and yield the results in
    chunk order, with at most ``slots`` chunks in flight; on exit (an error, Ctrl-C, the
    caller stopping) the futures not yet run are cancelled. Serves every mapper: threads,
    worker processes and Dask."""
    from collections import deque

    window: deque = deque()
    try:
        for chunk in chunks:
            window.append(submit(chunk))
            if len(window) >= slots:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        for future in window:
            future.cancel()


def thread_mapper(threads: int) -> Mapper | None:
    """A ``mapper`` running chunks on ``threads`` threads of this process, results in
    order and at most ``2 * threads`` chunks in flight; ``None`` (plain ``map``) for
    one thread."""
    if threads <= 1:
        return None

    def mapper(function: Callable, chunks: Iterable) -> Iterator:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=threads) as pool:
            yield from in_order(lambda chunk: pool.submit(function, chunk), chunks, 2 * threads)

    return mapper


_SHARED: dict[str, object] = {}
"""In a worker process of :func:`process_mapper`: the run's scenario and sampling plan."""


def _install(scenario, plan) -> None:
    _SHARED["scenario"], _SHARED["plan"] = scenario, plan


def _run_shared(function: Callable, chunk: Chunk):
    """Run ``function`` on a chunk sent without the scenario and plan the worker holds."""
    return function(replace(chunk, scenario=_SHARED["scenario"], plan=_SHARED["plan"]))


def process_mapper(processes: int) -> Mapper | None:
    """A ``mapper`` running chunks in ``processes`` worker processes of this machine
    (:class:`concurrent.futures.ProcessPoolExecutor`, started with ``spawn`` so it
    works alike on Linux, macOS and Windows); ``None`` (plain ``map``) for one.

    The scenario and the sampling plan go to each worker once, when it starts; each
    chunk then travels as its bounds. Results come back in chunk order, at most
    ``2 * processes`` chunks in flight, so the numbers are the same bytes as in
    process. Starting the workers costs about a second (each imports numpy and
    scipy): worth it from about 10⁵ points.

    Examples
    --------
    >>> process_mapper(1) is None
    True
    """
    if processes <= 1:
        return None

    def mapper(function: Callable, chunks: Iterable) -> Iterator:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None:
            return
        pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_install,
            initargs=(first.scenario, first.plan),
        )

        def submit(chunk: Chunk):
            if chunk.scenario is first.scenario and chunk.plan is first.plan:
                light = replace(chunk, scenario=None, plan=None)
                return pool.submit(_run_shared, function, light)
            return pool.submit(function, chunk)

        try:
            yield from in_order(submit, itertools.chain([first], chunks), 2 * processes)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return mapper


def _chunks(total: int, size: int, **fields) -> Iterator[Chunk]:
    for start in range(0, total, size):
        yield Chunk(start=start, stop=min(total, start + size), **fields)


class _Collector:
    """Gathers chunk results in order into whole arrays (and the first values)."""

    def __init__(self, total: int, names: Sequence[str], keep: int):
        self.total = total
        self.codes = np.empty(total, dtype=np.int8)
        self.gain_min = np.empty(total)
        self.gain_max = np.empty(total)
        self.states = np.empty(total, dtype=np.int8)
        self.configurations = np.empty(total, dtype=np.int16)
        self.labels: list[str] = []
        self.keep = keep
        self.values = {n: np.empty(min(keep, total)) for n in names}
        self.mixed = self.fallback = 0
        self.notes: list[str] = []

    def add(self, result: ChunkResult) -> None:
        s, e = result.start, result.start + result.codes.size
        self.codes[s:e] = result.codes
        self.gain_min[s:e] = result.gain_min
        self.gain_max[s:e] = result.gain_max
        self.states[s:e] = result.states
        relabel = np.array([self._label(c) for c in result.labels] + [-1], dtype=np.int16)
        self.configurations[s:e] = relabel[result.configurations]
        if result.values is not None and s < self.keep:
            stop = min(e, self.keep)
            for n, v in result.values.items():
                if n in self.values:
                    self.values[n][s:stop] = v[: stop - s]
        self.mixed += result.mixed
        self.fallback += result.fallback

    def run_notes(self) -> list[str]:
        """What the whole run should say about how its points were solved (the chunks'
        own notes count their points, which depends on the chunk size)."""
        notes = []
        if self.mixed:
            notes.append(
                f"{self.mixed} of {self.total} points had followers' games whose mixed "
                "equilibria could matter; every extreme equilibrium of those games was "
                "computed with the batched solver"
            )
        if self.fallback:
            notes.append(
                f"{self.fallback} of {self.total} points had followers' games the batched "
                "solver does not cover and were solved one by one with the full solver"
            )
        return notes

    def _label(self, name: str) -> int:
        if name not in self.labels:
            self.labels.append(name)
        return self.labels.index(name)


def _run(
    chunks: Iterable[Chunk],
    collector: _Collector,
    mapper: Mapper | None,
    progress: Callable[[int], None] | None,
    sink: Callable[[ChunkResult], None] | None = None,
) -> None:
    results = (mapper or map)(evaluate_chunk, chunks)
    for result in results:
        collector.add(result)
        if sink is not None:
            sink(result)
        if progress is not None:
            progress(int(result.codes.size))


# -- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probability:
    """An estimated probability: ``count`` of ``total`` points, with a 95% Wilson
    score interval ``[low, high]``."""

    count: int
    total: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.count / self.total if self.total else math.nan

    @classmethod
    def of(cls, count: int, total: int) -> Probability:
        if total == 0:
            return cls(0, 0, math.nan, math.nan)
        from scipy.stats import binomtest

        ci = binomtest(int(count), int(total)).proportion_ci(confidence_level=0.95, method="wilson")
        return cls(int(count), int(total), float(ci.low), float(ci.high))


@dataclass(frozen=True)
class Sobol:
    """Sobol indices of the gain for one parameter, with 95% bootstrap half-widths."""

    first: float
    first_conf: float
    total: float
    total_conf: float


@dataclass(frozen=True, eq=False)
class MonteCarlo:
    """The move judged over ``samples`` points drawn from the parameters'
    distributions (see :func:`monte_carlo`).

    Attributes
    ----------
    path, title, mover, move_from, move_to, target, third : str or None
    selection : str
    samples, seed : int
    parameters : tuple of str
        The drawn parameters.
    distributions : dict
        ``name -> description`` of each drawn parameter's distribution.
    fixed : dict
        Parameters held at given values (overrides).
    verdicts : dict
        ``verdict -> Probability``, for the three verdicts.
    gain_mean, gain_sd : float
    gain_quantiles : dict
        ``q -> gain`` at ``QUANTILES``.
    gain_range_share : float
        Share of points where the selected outcomes give a range of gains.
    flip : Probability
        That the target drops its tie with the third actor after the move.
    target_states, configurations : dict
        Share of points in each target state / AFTER configuration.
    spearman : dict
        ``name -> rank correlation`` of the gain with each drawn parameter.
    screened : int
        Points the Spearman correlations use.
    sobol : dict or None
        ``name -> Sobol``; ``None`` when not computed.
    sobol_base : int
        SALib's base sample ``N`` (0 when not computed).
    gains : ndarray
        The gain (lower end) at every point, for charts.
    sample_values : dict
        The first :data:`SCREEN` drawn values of each parameter.
    pays_off : ndarray of bool
        Whether the move pays off at each of those points.
    gain_histogram : (ndarray, ndarray)
        Counts and bin edges of the gain, for the distribution chart.
    mixed, fallback : int
        Points solved with the batched mixed solver / one by one.
    notes : tuple of str
    correlated : bool
    """

    path: str
    title: str
    mover: str
    move_from: str
    move_to: str
    target: str | None
    third: str | None
    selection: str
    samples: int
    seed: int
    parameters: tuple[str, ...]
    distributions: dict[str, str]
    fixed: dict[str, float]
    verdicts: dict[str, Probability]
    gain_mean: float
    gain_sd: float
    gain_quantiles: dict[float, float]
    gain_range_share: float
    flip: Probability
    target_states: dict[str, float]
    configurations: dict[str, float]
    spearman: dict[str, float]
    screened: int
    sobol: dict[str, Sobol] | None
    sobol_base: int
    gains: np.ndarray = field(repr=False)
    sample_values: dict[str, np.ndarray] = field(repr=False)
    pays_off: np.ndarray = field(repr=False)
    mixed: int = 0
    fallback: int = 0
    notes: tuple[str, ...] = ()
    correlated: bool = False
    gain_histogram: tuple[np.ndarray, np.ndarray] = field(
        default=(np.zeros(0), np.zeros(1)), repr=False
    )
    """``(counts, edges)`` of the gain over ``HISTOGRAM_BINS`` equal bins."""

    def probability(self, verdict: str = Verdict.PAYS_OFF) -> Probability:
        return self.verdicts[Verdict(verdict)]

    def drivers(self) -> list[tuple[str, float]]:
        """The drawn parameters by influence on the gain: by total Sobol index when
        computed, else by absolute rank correlation; largest first."""
        if self.sobol:
            key = {n: s.total for n, s in self.sobol.items()}
        else:
            key = {n: abs(r) for n, r in self.spearman.items()}
        return sorted(key.items(), key=lambda kv: (-np.nan_to_num(kv[1]), kv[0]))


def _move_words(scenario, spec, template) -> dict:
    move = scenario.move
    return {
        "path": str(scenario.path),
        "title": str(scenario.title),
        "mover": move.player,
        "move_from": move.from_strategy,
        "move_to": move.to_strategy,
        "target": None if spec.target is None else template.players[spec.target],
        "third": None if spec.third is None else template.players[spec.third],
    }


def _check(scenario, overrides, selection):
    require_move(scenario)
    check_selection(selection)
    template = scenario.compile(overrides)
    return template, resolve_move(scenario, template)


def sobol_base(samples: int, dimensions: int, sobol: int | str | None) -> int:
    """SALib's base sample ``N`` for a run of ``samples`` points (module notes);
    0 when the indices are not computed."""
    if sobol in (None, 0, "off"):
        return 0
    if sobol == "auto":
        budget = samples // 8 // (dimensions + 2)
        if budget < SOBOL_MIN:
            return 0
        return min(SOBOL_MAX, 1 << int(math.floor(math.log2(budget))))
    n = int(sobol)
    if n < 2 or n & (n - 1):
        raise TriangleInputError(f"the Sobol base sample must be a power of 2, got {n}")
    return n


def monte_carlo(
    scenario,
    samples: int,
    *,
    seed: int = 0,
    overrides: Mapping[str, float] | None = None,
    selection: str = "plausible",
    sobol: int | str | None = "auto",
    chunk_size: int = CHUNK,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
    mapper: Mapper | None = None,
    progress: Callable[[int], None] | None = None,
    sink: Callable[[ChunkResult], None] | None = None,
) -> MonteCarlo:
    """Judge the move at ``samples`` points drawn from the parameters' distributions.

    Parameters
    ----------
    scenario : Scenario
        With a ``move:`` and at least one parameter with a distribution.
    samples : int
        Monte Carlo points (the Sobol design comes on top, see the module notes).
    seed : int
        The same seed gives the same points and results, whatever ``chunk_size`` and
        ``mapper``.
    overrides : mapping, optional
        Parameters held at these values (not drawn).
    selection : {"plausible", "optimistic", "pessimistic"}
    sobol : "auto", int, or None
        SALib's base sample size (a power of 2), ``"auto"`` or ``None``/0 for none.
    chunk_size : int
        Points per chunk (memory), any size.
    tol : float
        Relative tolerance.
    timeout : float or None
        Seconds the full solve of each point the batched path does not cover may take
        (:func:`~triangle.analysis.point.evaluate_point`).
    mapper : callable, optional
        ``mapper(function, chunks)`` yielding results in order (default: ``map``).
    progress : callable, optional
        Called with the number of points of each finished chunk.
    sink : callable, optional
        Called with each Monte Carlo chunk's ``ChunkResult`` in order (e.g. to
        write the points to a file).

    Returns
    -------
    MonteCarlo
    """
    overrides = dict(overrides or {})
    template, spec = _check(scenario, overrides, selection)
    scenario.parameter_values(overrides)
    plan = sampling_plan(scenario, overrides, seed)
    if samples < 1:
        raise TriangleInputError(f"--samples must be at least 1, got {samples}")
    chunk_size = max(1, int(chunk_size))
    keep = min(samples, SCREEN)
    collector = _Collector(samples, plan.names, keep)
    common = dict(
        scenario=scenario, overrides=overrides, selection=selection, tol=tol, timeout=timeout
    )
    chunks = _chunks(samples, chunk_size, plan=plan, keep_values=True, **common)
    _run(chunks, collector, mapper, progress, sink)
    notes = collector.run_notes()

    n_sobol = sobol_base(samples, len(plan.names), sobol)
    indices = None
    if n_sobol:
        indices = _sobol(plan, n_sobol, chunk_size, common, mapper, progress, seed)
        if plan.correlated:
            notes.append(
                "Sobol indices assume independent parameters: the correlations were "
                "left out of their design"
            )
    elif sobol == "auto":
        notes.append(
            f"Sobol indices skipped: {samples} samples are too few for a design of at "
            f"least {SOBOL_MIN} x {len(plan.names) + 2} points (use more samples or --sobol N)"
        )
    return _summarise(
        scenario, spec, template, plan, collector, selection, samples, seed, indices, n_sobol, notes
    )


def _sobol(plan, n, chunk_size, common, mapper, progress, seed) -> dict[str, Sobol]:
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as design

    d = len(plan.names)
    problem = {"num_vars": d, "names": list(plan.names), "bounds": [[0.0, 1.0]] * d}
    uniforms = design.sample(problem, n, calc_second_order=False, scramble=True, seed=seed)
    total = uniforms.shape[0]
    collector = _Collector(total, (), 0)
    chunks = (
        Chunk(
            start=s,
            stop=min(total, s + chunk_size),
            plan=plan,
            design=uniforms[s : min(total, s + chunk_size)],
            **common,
        )
        for s in range(0, total, chunk_size)
    )
    _run(chunks, collector, mapper, progress)
    result = analyze.analyze(
        problem,
        collector.gain_min,
        calc_second_order=False,
        num_resamples=100,
        conf_level=0.95,
        print_to_console=False,
        seed=seed,
    )
    return {
        name: Sobol(
            float(result["S1"][j]),
            float(result["S1_conf"][j]),
            float(result["ST"][j]),
            float(result["ST_conf"][j]),
        )
        for j, name in enumerate(plan.names)
    }


def _summarise(
    scenario, spec, template, plan, c, selection, samples, seed, indices, n_sobol, notes
) -> MonteCarlo:
    from scipy.stats import spearmanr

    verdicts = {
        Verdict(v): Probability.of(int((c.codes == code).sum()), samples)
        for v, code in VERDICT_CODES.items()
    }
    gains = c.gain_min
    states = np.bincount(c.states, minlength=len(TARGET_STATES))
    drops = int(states[TARGET_STATES.index(TargetState.DROPS)])
    configurations = {}
    if c.labels:
        counts = np.bincount(c.configurations[c.configurations >= 0], minlength=len(c.labels))
        configurations = {c.labels[i]: counts[i] / samples for i in np.argsort(c.labels)}
    keep = min(samples, SCREEN)
    spearman = {}
    for name in plan.names:
        x = c.values[name][:keep]
        if keep < 3 or np.ptp(x) == 0 or np.ptp(gains[:keep]) == 0:
            spearman[name] = math.nan
        else:
            spearman[name] = float(spearmanr(x, gains[:keep]).statistic)
    return MonteCarlo(
        **_move_words(scenario, spec, template),
        selection=selection,
        samples=samples,
        seed=seed,
        parameters=plan.names,
        distributions={
            n: d.describe() for n, d in zip(plan.names, plan.distributions, strict=True)
        },
        fixed=dict(plan.fixed),
        verdicts=verdicts,
        gain_mean=float(gains.mean()),
        gain_sd=float(gains.std()),
        gain_quantiles={
            q: float(v) for q, v in zip(QUANTILES, np.quantile(gains, QUANTILES), strict=True)
        },
        gain_range_share=float(np.mean(c.gain_max - c.gain_min > 0)),
        flip=Probability.of(drops, samples),
        target_states={
            s: float(states[i] / samples) for i, s in enumerate(TARGET_STATES) if states[i]
        },
        configurations=configurations,
        spearman=spearman,
        screened=keep,
        sobol=indices,
        sobol_base=n_sobol,
        gains=gains,
        sample_values={n: v[:keep] for n, v in c.values.items()},
        pays_off=c.codes[:keep] == VERDICT_CODES[Verdict.PAYS_OFF],
        mixed=c.mixed,
        fallback=c.fallback,
        notes=tuple(notes),
        correlated=plan.correlated,
        gain_histogram=_histogram(gains),
    )


def _histogram(gains: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = float(gains.min()), float(gains.max())
    if not hi > lo:
        lo, hi = lo - 0.5, hi + 0.5
    return np.histogram(gains, bins=HISTOGRAM_BINS, range=(lo, hi))


# -- grids --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridAxis:
    """One parameter of a grid: ``count`` evenly spaced values from ``low`` to ``high``."""

    name: str
    low: float
    high: float
    count: int

    @property
    def values(self) -> np.ndarray:
        return np.linspace(self.low, self.high, self.count)


@dataclass(frozen=True, eq=False)
class GridSweep:
    """The move judged over a grid of one to three parameters (see :func:`grid_sweep`).

    ``codes``, ``gain_min``, ``gain_max`` have the grid's shape (one axis per
    parameter, in the order given); the last parameter varies fastest in the points'
    order (C order).
    """

    path: str
    title: str
    mover: str
    move_from: str
    move_to: str
    selection: str
    axes: tuple[GridAxis, ...]
    codes: np.ndarray
    gain_min: np.ndarray
    gain_max: np.ndarray
    fixed: dict[str, float]
    shares: dict[str, float]
    mixed: int = 0
    fallback: int = 0
    notes: tuple[str, ...] = ()
    units: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return int(self.codes.size)


def grid_size_message(shape: Sequence[int]) -> str:
    """Why a grid of ``shape`` points is refused (more than :data:`MAX_GRID_POINTS`)."""
    counts = " x ".join(f"{n:,}" for n in shape)
    return (
        f"--grid: {counts} = {math.prod(shape):,} points; a grid has at most "
        f"{MAX_GRID_POINTS:,} points in all (use fewer values per axis, or --samples)"
    )


def grid_sweep(
    scenario,
    axes: Sequence[GridAxis],
    *,
    overrides: Mapping[str, float] | None = None,
    selection: str = "plausible",
    chunk_size: int = CHUNK,
    tol: float = DEFAULT_TOL,
    timeout: float | None = DEFAULT_TIMEOUT,
    mapper: Mapper | None = None,
    progress: Callable[[int], None] | None = None,
    sink: Callable[[ChunkResult], None] | None = None,
) -> GridSweep:
    """Judge the move at every point of a grid of one to three parameters.

    ``tol``, ``timeout``, ``chunk_size``, ``mapper``, ``progress`` and ``sink`` are as
    in :func:`monte_carlo`.

    Raises
    ------
    TriangleInputError
        For an unknown parameter, one given twice or also overridden, a value outside
        a declared range, or more than three axes.
    """
    overrides = dict(overrides or {})
    template, spec = _check(scenario, overrides, selection)
    axes = tuple(axes)
    if not 1 <= len(axes) <= 3:
        raise TriangleInputError(f"a grid has one to three parameters, got {len(axes)}")
    names = [a.name for a in axes]
    for a in axes:
        scenario.check_parameter(a.name, f"--grid {a.name}")
        if a.name in overrides:
            raise TriangleInputError(f"--param {a.name}: it is on the grid; drop the override")
        if a.count < 1:
            raise TriangleInputError(f"--grid {a.name}: at least one value")
        scenario.parameter_values({a.name: a.low})
        scenario.parameter_values({a.name: a.high})
    if len(set(names)) != len(names):
        raise TriangleInputError("--grid: each parameter once")
    scenario.parameter_values(overrides)
    shape = tuple(a.count for a in axes)
    total = math.prod(shape)
    if total > MAX_GRID_POINTS:
        raise TriangleInputError(grid_size_message(shape))
    grid = tuple((a.name, a.values) for a in axes)
    collector = _Collector(total, (), 0)
    chunks = _chunks(
        total,
        max(1, int(chunk_size)),
        scenario=scenario,
        overrides=overrides,
        selection=selection,
        tol=tol,
        timeout=timeout,
        grid=grid,
        keep_values=sink is not None,
    )
    _run(chunks, collector, mapper, progress, sink)
    shares = {
        Verdict(v): float(np.mean(collector.codes == code)) for v, code in VERDICT_CODES.items()
    }
    words = _move_words(scenario, spec, template)
    return GridSweep(
        path=words["path"],
        title=words["title"],
        mover=words["mover"],
        move_from=words["move_from"],
        move_to=words["move_to"],
        selection=selection,
        axes=axes,
        codes=collector.codes.reshape(shape).astype(int),
        gain_min=collector.gain_min.reshape(shape),
        gain_max=collector.gain_max.reshape(shape),
        fixed=overrides,
        shares=shares,
        mixed=collector.mixed,
        fallback=collector.fallback,
        notes=tuple(collector.run_notes()),
        units={a.name: scenario.parameters[a.name].unit for a in axes},
    )


# -- the sampled probability over a plane ---------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ProbabilityMap:
    """The sampled probability that the move pays off, over bins of two drawn
    parameters (see :func:`probability_map`): ``probability[j, i]`` belongs to
    ``(xs[i], ys[j])`` (bin centres), NaN where a bin has no sample."""

    px: str
    py: str
    xs: np.ndarray
    ys: np.ndarray
    probability: np.ndarray
    counts: np.ndarray
    samples: int


def probability_map(result: MonteCarlo, px: str, py: str, bins: int = 24) -> ProbabilityMap:
    """Bin the first :data:`SCREEN` Monte Carlo points by two drawn parameters and
    take the share that pays off in each bin.

    Raises
    ------
    TriangleInputError
        When ``px`` or ``py`` was not drawn.
    """
    for name in (px, py):
        if name not in result.sample_values:
            drawn = ", ".join(result.parameters)
            raise TriangleInputError(f"{name} was not drawn in the Monte Carlo run ({drawn})")
    x, y = result.sample_values[px], result.sample_values[py]
    xe = np.linspace(x.min(), x.max(), bins + 1)
    ye = np.linspace(y.min(), y.max(), bins + 1)
    counts, _, _ = np.histogram2d(x, y, bins=(xe, ye))
    hits, _, _ = np.histogram2d(x, y, bins=(xe, ye), weights=result.pays_off.astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        probability = np.where(counts > 0, hits / counts, np.nan)
    return ProbabilityMap(
        px=px,
        py=py,
        xs=(xe[1:] + xe[:-1]) / 2,
        ys=(ye[1:] + ye[:-1]) / 2,
        probability=probability.T,
        counts=counts.T.astype(int),
        samples=int(x.size),
    )


def grid_points(axes: Sequence[GridAxis]) -> Iterator[tuple[float, ...]]:
    """Every grid point in the order evaluated (the last axis fastest)."""
    return itertools.product(*(a.values.tolist() for a in axes))
