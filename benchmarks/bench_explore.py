"""How fast ``triangle.explore`` follows its sliders, on every shipped scenario.

For each ``scenarios/*.yaml`` an explorer is built inside a running asyncio event loop,
as in a Jupyter kernel, and its sliders are moved to random values (``--moves``; a
random parameter each time, uniform over its slider's range, seeded):

* ``verdict``: what one slider change costs before the verdict shown is updated (the
  slider's observer, the batched path at one point and the verdict's HTML); the
  median and the slowest of all moves. This is the part that must feel instant.

Then at ``--points`` new random points the parts that wait for the sliders to settle
are computed one by one (:meth:`Explorer.refresh`, read from
:attr:`Explorer.timings`), each at a point not seen before:

* ``analysis``: :func:`triangle.analyze_move` (reason, outcomes, decomposition);
* ``charts``: drawing the triangles and the waterfall, and the PNG;
* ``flips``: :func:`triangle.find_threshold` (``verify=False``) for every parameter;
* ``settled``: the sliders' wait (``settle``) plus those three: how long after the
  last change everything shown is up to date.

At those points the verdict shown must equal the full analysis's (both are computed);
the script exits with status 1 if it does not.

``--kernel`` also runs the explorer in a real IPython kernel (``jupyter_client``,
``ipykernel``) and sends it the messages a front end sends when a slider moves (one
move at a time, waiting for everything to be redrawn): the time from each message to
the kernel's message updating the verdict shown (the round trip a reader sees,
serialisation included), the reason, the flips, and the charts (the last part
drawn, when the status line is cleared). A text that has not changed is not sent
again, so a part's median is over the moves that changed it.

Run from the repository root, in the environment where triangle is installed with the
``notebooks`` (or ``dev``) extra::

    python benchmarks/bench_explore.py
    python benchmarks/bench_explore.py --moves 50 --points 5 --kernel --json

Not a test: timings on a shared machine are noisy; the tests check what is shown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import queue
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _random_point(ex, rng: np.random.Generator) -> dict[str, float]:
    """A random value of a random parameter (the others as they are)."""
    name = list(ex.ranges)[int(rng.integers(len(ex.ranges)))]
    r = ex.ranges[name]
    return {name: float(rng.uniform(r.lo, r.hi))}


def in_process(path: Path, moves: int, points: int, seed: int) -> dict:
    """Time slider moves and the settled parts of one scenario's explorer."""
    import triangle

    rng = np.random.default_rng(seed)

    async def run() -> dict:
        ex = triangle.explore(path)
        verdict = []
        for _ in range(moves):
            ((name, value),) = _random_point(ex, rng).items()
            start = time.perf_counter()
            ex.sliders[name].value = value
            verdict.append(time.perf_counter() - start)
            await asyncio.sleep(0)  # let the loop run, as between two slider messages
        parts: dict[str, list[float]] = {"analysis": [], "charts": [], "flips": []}
        disagree = 0
        for _ in range(points):
            ex.set(**_random_point(ex, rng))
            ex.timings.clear()
            ex.refresh()
            for key in parts:
                parts[key].append(ex.timings[key])
            disagree += ex.analysis.point.codes != ex.point.codes
        settled = [
            ex.settle + a + c + f
            for a, c, f in zip(parts["analysis"], parts["charts"], parts["flips"], strict=True)
        ]
        return {
            "scenario": path.name,
            "parameters": len(ex.ranges),
            "verdict_median_ms": 1000 * statistics.median(verdict),
            "verdict_max_ms": 1000 * max(verdict),
            **{f"{k}_median_s": statistics.median(v) for k, v in parts.items()},
            "settled_median_s": statistics.median(settled),
            "disagreements": int(disagree),
        }

    return asyncio.run(run())


# -- a real kernel -------------------------------------------------------------------------------


class _Kernel:
    """An IPython kernel running from the repository root, with triangle importable."""

    def __init__(self):
        from jupyter_client import KernelManager

        self.manager = KernelManager(kernel_name="python3")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.manager.start_kernel(env=env, cwd=str(ROOT))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)

    def messages(self, seconds: float, until=None) -> list[dict]:
        """The iopub messages of the next ``seconds`` (or until one satisfies ``until``),
        each stamped with its arrival time ``"_t"``."""
        out, end = [], time.perf_counter() + seconds
        while time.perf_counter() < end:
            try:
                msg = self.client.get_iopub_msg(timeout=0.02)
            except queue.Empty:
                continue
            msg["_t"] = time.perf_counter()
            out.append(msg)
            if until is not None and until(msg):
                break
        return out

    def run(self, code: str, seconds: float = 300) -> list[dict]:
        msg_id = self.client.execute(code)

        def done(m):
            return (
                m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"
                and m["parent_header"].get("msg_id") == msg_id
            )

        found = self.messages(seconds, done)
        errors = [m["content"] for m in found if m["msg_type"] == "error"]
        if errors:
            raise RuntimeError("\n".join(errors[0]["traceback"]))
        return found

    def move(self, comm_id: str, value: float) -> None:
        """What a front end sends when a slider is moved to ``value``."""
        self.client.session.send(
            self.client.shell_channel.socket,
            "comm_msg",
            {
                "comm_id": comm_id,
                "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
            },
        )

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def in_kernel(kernel: _Kernel, path: Path, moves: int, seed: int) -> dict:
    """Round trips from a slider message to the kernel's updates of what is shown."""
    opened = kernel.run(f"import triangle\nex = triangle.explore({str(path)!r})\nex")
    models = {}
    for m in opened:
        if m["msg_type"] == "comm_open":
            state = m["content"]["data"]["state"]
            models[m["content"]["comm_id"]] = state
    sliders = {
        s.get("description"): c for c, s in models.items() if s["_model_name"] == "FloatSliderModel"
    }
    html = {c for c, s in models.items() if s["_model_name"] == "HTMLModel"}
    kernel.messages(2.0)  # the first settle
    rng = np.random.default_rng(seed)
    import triangle

    ranges = triangle.explore(path, widgets=False).ranges
    shown: dict[str, list[float]] = {"verdict": [], "why": [], "flips": [], "charts": []}
    marks = {
        "verdict": " selection)</div>",
        "why": ">why",
        "flips": "Where the verdict flips",
    }

    def value_of(m) -> str | None:
        """The new value of one of the explorer's texts, from a kernel message."""
        if m["msg_type"] != "comm_msg" or m["content"]["comm_id"] not in html:
            return None
        state = m["content"]["data"].get("state", {})
        return state.get("value") if isinstance(state.get("value"), str) else None

    for _ in range(moves):
        name = list(ranges)[int(rng.integers(len(ranges)))]
        value = float(rng.uniform(ranges[name].lo, ranges[name].hi))
        sent = time.perf_counter()
        kernel.move(sliders[name], value)
        # everything is drawn when the status line is cleared
        got = kernel.messages(180, lambda m: value_of(m) == "")
        for part, mark in marks.items():
            times = [m["_t"] - sent for m in got if mark in (value_of(m) or "")]
            if times:  # a text is not sent again when it has not changed
                shown[part].append(times[0])
        if got and value_of(got[-1]) == "":
            shown["charts"].append(got[-1]["_t"] - sent)
    kernel.run("del ex")
    row = {"scenario": path.name, "kernel_moves": moves}
    for part, times in shown.items():
        row[f"kernel_{part}_median_s"] = statistics.median(times) if times else None
        row[f"kernel_{part}_count"] = len(times)
    return row


def _number(row: dict, part: str, scale: float, width: int, digits: int) -> str:
    value = row.get(f"kernel_{part}_median_s")
    return f"{'-':>{width}}" if value is None else f"{scale * value:>{width}.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves per scenario")
    parser.add_argument("--points", type=int, default=5, help="settled points per scenario")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kernel", action="store_true", help="also time a real kernel")
    parser.add_argument("--kernel-moves", type=int, default=8, help="moves per scenario there")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)

    paths = sorted((ROOT / "scenarios").glob("*.yaml"))
    rows = [in_process(p, args.moves, args.points, args.seed + n) for n, p in enumerate(paths)]
    if args.kernel:
        kernel = _Kernel()
        try:
            for n, (p, row) in enumerate(zip(paths, rows, strict=True)):
                row.update(in_kernel(kernel, p, args.kernel_moves, args.seed + n))
        finally:
            kernel.close()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if args.json:
        print(json.dumps({"rows": rows, "load_average": load, "cpus": os.cpu_count()}, indent=2))
    else:
        head = (
            f"{'scenario':<42} {'verdict ms':>16} {'analysis s':>10} {'charts s':>9} "
            f"{'flips s':>8} {'settled s':>9}"
        )
        if args.kernel:
            head += "   kernel: verdict ms  why s  flips s  charts s"
        print(head)
        for r in rows:
            line = (
                f"{r['scenario']:<42} "
                f"{r['verdict_median_ms']:>7.1f} (max {r['verdict_max_ms']:>4.0f}) "
                f"{r['analysis_median_s']:>10.2f} {r['charts_median_s']:>9.2f} "
                f"{r['flips_median_s']:>8.2f} {r['settled_median_s']:>9.2f}"
            )
            if args.kernel:
                line += " " * 10 + "".join(
                    f" {_number(r, part, scale, width, digits)}"
                    for part, scale, width, digits in (
                        ("verdict", 1000, 10, 1),
                        ("why", 1, 6, 2),
                        ("flips", 1, 8, 2),
                        ("charts", 1, 9, 2),
                    )
                )
            print(line)
        print(
            f"medians over {args.moves} slider moves and {args.points} settled points per "
            f"scenario; machine: {os.cpu_count()} CPUs, load average "
            + (", ".join(f"{x:.1f}" for x in load) if load else "unknown")
        )
    bad = [r["scenario"] for r in rows if r["disagreements"]]
    if bad:
        print(
            f"the verdict shown differs from the full analysis in: {', '.join(bad)}",
            file=sys.stderr,
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
