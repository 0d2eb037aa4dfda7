"""Wall-clock of ``triangle solve`` on each shipped scenario against the import floor.

The floor is ``python -c "import nashpy, numpy, yaml"``: the libraries any solve needs
(the project's requirement: a default solve takes at most 1.5 times it). Timed beside
it: ``python -c pass``, ``triangle --help``, ``triangle validate``, and ``triangle
solve`` on every ``scenarios/*.yaml`` with the default options and with ``--solver
pure``. The runs are interleaved: one warm-up round, then ``--repeat`` rounds, each
running every command once (starting one command later each round), so a change of
load on the machine hits every command alike; the median of each is reported with its
ratio to the floor, and a last line says whether every default solve is within 1.5
times the floor.

``--install`` (slow, off by default) also times a newcomer's first command: the
working tree is copied to a temporary directory (without .git, virtual environments
and caches), and the first ``bash`` block of README.md's Quick start runs there as
given (``python3`` is a plain interpreter, not this environment's), with
``PIP_NO_CACHE_DIR=1`` and without this machine's pip configuration, so every
package is downloaded from PyPI as on a fresh machine; then ``pip install -e
'.[gambit]'`` in the same environment.

Run from the repository root, in the environment where triangle is installed::

    python benchmarks/bench_cli.py --repeat 5
    python benchmarks/bench_cli.py --repeat 3 --install --json

Not a test: timings on shared machines are noisy; read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_IMPORTS = "import nashpy, numpy, yaml"
MAX_RATIO = 1.5
"""A default solve must take at most this many times the floor."""
QUICK_START_FALLBACK = (
    "python3 -m venv .venv && .venv/bin/python -m pip install -e . && "
    ".venv/bin/triangle solve scenarios/kissinger_1971.yaml"
)
"""The newcomer's command when README.md's Quick start has no ``bash`` block."""
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv*",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".benchmarks",
    "build",
    "dist",
)
INSTALL_TIMEOUT = 3600.0


# -- interleaved timing ------------------------------------------------------------------------


def commands() -> list[tuple[str, str, list[str]]]:
    """``(kind, label, argv)`` for every command timed; kind is ``floor``, ``solve``
    (a default solve, held to the 1.5x rule) or ``other``."""
    exe = shutil.which("triangle", path=str(Path(sys.executable).parent)) or shutil.which(
        "triangle"
    )
    triangle = [exe] if exe else [sys.executable, "-m", "triangle"]
    rows = [
        ("other", "python -c pass", [sys.executable, "-c", "pass"]),
        ("floor", f'python -c "{FLOOR_IMPORTS}" (floor)', [sys.executable, "-c", FLOOR_IMPORTS]),
        ("other", "triangle --help", [*triangle, "--help"]),
        (
            "other",
            "triangle validate scenarios/kissinger_1971.yaml",
            [*triangle, "validate", "scenarios/kissinger_1971.yaml"],
        ),
    ]
    for scenario in sorted((ROOT / "scenarios").glob("*.yaml")):
        rel = str(scenario.relative_to(ROOT))
        rows.append(("solve", f"triangle solve {rel}", [*triangle, "solve", rel]))
        rows.append(
            (
                "other",
                f"triangle solve {rel} --solver pure",
                [*triangle, "solve", rel, "--solver", "pure"],
            )
        )
    return rows


def run_once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace").strip().splitlines()
        raise SystemExit(
            f"{shlex.join(argv)} exited with {done.returncode}: {err[-1] if err else ''}"
        )
    return seconds


def interleaved(argvs: list[list[str]], repeat: int) -> list[list[float]]:
    """Every command once per round, ``repeat`` rounds after one warm-up round; round
    ``r`` starts at command ``r`` (mod the number of commands)."""
    for argv in argvs:  # warm-up: disk cache, bytecode
        run_once(argv)
    times: list[list[float]] = [[] for _ in argvs]
    n = len(argvs)
    for r in range(repeat):
        for k in range(n):
            j = (r + k) % n
            times[j].append(run_once(argvs[j]))
    return times


# -- a newcomer's install --------------------------------------------------------------------


def quick_start_command(readme: Path = ROOT / "README.md") -> tuple[str, bool]:
    """The first ``bash`` block under README.md's "Quick start" heading, and whether it
    was found there (else :data:`QUICK_START_FALLBACK`)."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return QUICK_START_FALLBACK, False
    heading = re.search(r"^#+\s*Quick start\s*$", text, flags=re.MULTILINE | re.IGNORECASE)
    if heading is None:
        return QUICK_START_FALLBACK, False
    block = re.search(r"^```bash\s*\n(.*?)^```", text[heading.end() :], re.MULTILINE | re.DOTALL)
    if block is None or not block.group(1).strip():
        return QUICK_START_FALLBACK, False
    return block.group(1).strip(), True


def plain_python() -> str:
    """A python3 that is not this environment's: /usr/bin/python3 when it is 3.11 or
    newer, else the first python3 on PATH outside any virtual environment."""
    candidates = ["/usr/bin/python3"]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder and not (Path(folder).parent / "pyvenv.cfg").exists():
            candidates.append(str(Path(folder) / "python3"))
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys, venv; print(sys.version_info >= (3, 11))"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return candidate
    raise SystemExit("--install: no python3 >= 3.11 with the venv module found")


def newcomer_env(python: str) -> dict[str, str]:
    """The environment of a fresh shell: ``python3`` is ``python`` (its folder first on
    PATH), no virtual environment, no pip cache, no pip configuration of this machine
    (config files, local indexes, find-links); certificates and timeouts kept."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith("PIP_") or k.startswith("PYTHON") or k == "VIRTUAL_ENV")
    }
    for keep in ("PIP_CERT", "PIP_DEFAULT_TIMEOUT"):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    folders = [
        f
        for f in os.environ.get("PATH", "").split(os.pathsep)
        if f and not (Path(f).parent / "pyvenv.cfg").exists()
    ]
    env["PATH"] = os.pathsep.join([str(Path(python).parent), *folders])
    env["PIP_NO_CACHE_DIR"] = "1"
    env["PIP_CONFIG_FILE"] = os.devnull  # pip then reads no configuration file
    return env


def timed_shell(command: str, cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, f"timed out after {INSTALL_TIMEOUT:g} s"
    seconds = time.perf_counter() - start
    tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
    return seconds, done.returncode, "\n".join(tail)


def measure_install() -> dict:
    command, from_readme = quick_start_command()
    python = plain_python()
    env = newcomer_env(python)
    version = subprocess.run(
        [python, "--version"], capture_output=True, text=True, env=env
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="triangle-install-") as tmp:
        tree = Path(tmp) / "triangle"
        shutil.copytree(ROOT, tree, ignore=COPY_IGNORE, symlinks=True)
        if "-m venv" not in command:  # the command expects an environment to exist
            subprocess.run([python, "-m", "venv", ".venv"], cwd=tree, check=True, env=env)
        seconds, code, tail = timed_shell(command, tree, env)
        gambit_cmd = ".venv/bin/python -m pip install -e '.[gambit]'"
        if code == 0:
            g_seconds, g_code, g_tail = timed_shell(gambit_cmd, tree, env)
        else:
            g_seconds, g_code, g_tail = float("nan"), None, "not run: the first command failed"
    return {
        "command": command,
        "from_readme": from_readme,
        "python": f"{python} ({version})",
        "seconds": seconds,
        "exit_status": code,
        "output_tail": tail,
        "gambit_command": gambit_cmd,
        "gambit_seconds": g_seconds,
        "gambit_exit_status": g_code,
        "gambit_output_tail": g_tail,
    }


def print_report(numbers: dict) -> None:
    """The figures of :func:`main` as a table."""
    results = numbers["commands"]
    worst = next(r for r in results if r["command"] == numbers["worst_default_solve"])
    width = max(len(r["command"]) for r in results)
    print(f"{'command'.ljust(width)}  median s  x floor   (min-max s, {numbers['repeat']} rounds)")
    for r in results:
        print(
            f"{r['command'].ljust(width)}  {r['median_s']:8.3f}  {r['ratio_to_floor']:7.2f}"
            f"   ({r['min_s']:.3f}-{r['max_s']:.3f})"
        )
    verdict = "yes" if numbers["every_default_solve_within"] else "NO"
    print(
        f"every default solve <= {MAX_RATIO:g} x floor: {verdict} "
        f"(worst {worst['ratio_to_floor']:.2f} x: {worst['command']})"
    )
    if "install" in numbers:
        inst = numbers["install"]
        source = "README.md Quick start" if inst["from_readme"] else "fallback, not README"
        print(f"fresh install ({source}, {inst['python']}, PIP_NO_CACHE_DIR=1):")
        print(f"  $ {inst['command']}")
        print(f"  {inst['seconds']:.1f} s, exit status {inst['exit_status']}")
        if inst["exit_status"] != 0:
            print(f"  {inst['output_tail']}")
        print(f"  $ {inst['gambit_command']}")
        print(f"  {inst['gambit_seconds']:.1f} s, exit status {inst['gambit_exit_status']}")


# -- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (median; 5)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--install",
        action="store_true",
        help="also time README's quick-start command in a fresh copy (slow; downloads)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    rows = commands()
    times = interleaved([argv for _, _, argv in rows], args.repeat)
    medians = [statistics.median(t) for t in times]
    floor = next(m for (kind, _, _), m in zip(rows, medians, strict=True) if kind == "floor")
    results = [
        {
            "command": label,
            "kind": kind,
            "median_s": m,
            "min_s": min(t),
            "max_s": max(t),
            "ratio_to_floor": m / floor,
        }
        for (kind, label, _), m, t in zip(rows, medians, times, strict=True)
    ]
    solves = [r for r in results if r["kind"] == "solve"]
    worst = max(solves, key=lambda r: r["ratio_to_floor"])
    within = worst["ratio_to_floor"] <= MAX_RATIO
    numbers = {
        "repeat": args.repeat,
        "python": sys.executable,
        "floor_s": floor,
        "max_ratio": MAX_RATIO,
        "every_default_solve_within": within,
        "worst_default_solve": worst["command"],
        "commands": results,
    }
    if args.install:
        numbers["install"] = measure_install()

    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        print_report(numbers)
    failed = args.install and numbers["install"]["exit_status"] != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
