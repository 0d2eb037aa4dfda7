"""Third-party solvers run in child processes, side by side, under one deadline.

A call into nashpy's vertex enumeration or a Gambit method cannot be interrupted from
inside the process that made it, and some run for minutes on inputs the format
allows. :func:`run_side_by_side` starts every task in its own process at once, waits
for the answers until the deadline and kills what is still running, so that the
wall-clock time is bounded by the budget, not by the slowest solver.

Processes are forked on Linux (fast: the parent's imports are inherited) and spawned
elsewhere (``fork`` is absent on Windows and unsafe on macOS); tasks must therefore
be module-level functions with picklable arguments.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["run_side_by_side"]


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _child(conn, function: Callable, args: tuple) -> None:
    """Run one task and send back ``("ok", value)`` or ``("error", "Type: message")``."""
    try:
        conn.send(("ok", function(*args)))
    except BaseException as exc:  # reported to the parent, which decides
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_side_by_side(
    tasks: Mapping[str, tuple[Callable, tuple]], timeout: float
) -> dict[str, tuple[str, Any]]:
    """Run every task in its own child process; they share one deadline.

    Parameters
    ----------
    tasks : mapping of str to (function, args)
        Named tasks; ``function(*args)`` must return picklable data.
    timeout : float
        Seconds from the start after which every task still running is killed.

    Returns
    -------
    dict
        Per task name: ``("ok", value)``, ``("error", "Type: message (after X s)")``
        or ``("timeout", None)``.
    """
    from multiprocessing.connection import wait

    ctx = _context()
    start = time.monotonic()
    running = {}
    for name, (function, args) in tasks.items():
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(writer, function, args), daemon=True)
        proc.start()
        writer.close()
        running[reader] = (name, proc)
    answers: dict[str, tuple[str, Any]] = {}
    try:
        while running:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                break
            for reader in wait(list(running), left):
                name, proc = running.pop(reader)
                try:
                    status, value = reader.recv()
                except EOFError:
                    status, value = "error", "the process ended without an answer"
                if status == "error":
                    value = f"{value} (after {time.monotonic() - start:.1f} s)"
                answers[name] = (status, value)
                proc.join(5.0)  # it has answered: let it exit by itself
                reader.close()
    finally:
        for reader, (_name, proc) in running.items():
            if proc.is_alive():
                proc.kill()
            proc.join()
            reader.close()
    return {name: answers.get(name, ("timeout", None)) for name in tasks}
