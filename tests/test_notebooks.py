"""The notebooks run in a real Jupyter kernel, as a reader opens them.

Each notebook is executed by nbclient in a fresh ``python3`` kernel started in the
notebook's own folder (as Jupyter starts it, so the notebooks read ``../scenarios/``).
A cell that raises fails the test, and so does any text on stderr (a warning the
reader would see). The outputs are then checked for what each notebook is there to
show. The notebooks are stored without outputs, and a test checks that too.
"""

import math
import os
import re
import time
from pathlib import Path

import matplotlib.font_manager  # noqa: F401 - builds matplotlib's font cache here, not in a kernel
import nbclient
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
BUDGET = 60.0
"""Seconds a notebook may take, kernel start included."""

VERDICT = r"(pays off|does not pay off|depends on equilibrium selection)"


def read(path: Path):
    return nbformat.read(path, as_version=4)


def code_cells(nb) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def kernel_env() -> dict[str, str]:
    """The kernel imports this checkout of ``triangle`` first (the tree under test,
    installed or not) and draws with the inline backend: figures become PNG outputs,
    no window opens."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


_RUNS: dict[str, tuple] = {}


def executed(name: str):
    """The notebook after a run in a fresh kernel, and the seconds the run took (each
    notebook runs once per test session)."""
    if name not in _RUNS:
        nb = read(FOLDER / name)
        client = nbclient.NotebookClient(
            nb,
            timeout=int(BUDGET),
            kernel_name="python3",
            resources={"metadata": {"path": str(FOLDER)}},
        )
        start = time.monotonic()
        client.execute(env=kernel_env())
        _RUNS[name] = (nb, time.monotonic() - start)
    return _RUNS[name]


def stdout(nb) -> str:
    return "".join(
        out.get("text", "")
        for cell in code_cells(nb)
        for out in cell.outputs
        if out.output_type == "stream" and out.name == "stdout"
    )


def images(nb) -> int:
    return sum(
        "image/png" in out.get("data", {}) for cell in code_cells(nb) for out in cell.outputs
    )


def claim_block(text: str, claim: str) -> str:
    """What the claim-by-claim listing (the last place a claim is printed) says under one
    claim, on one line."""
    blocks = re.findall(rf"^{claim}: (.*?)(?=^C\d+: |\Z)", text, flags=re.M | re.S)
    assert blocks, f"{claim} is not listed"
    return " ".join(blocks[-1].split())


def test_every_notebook_is_listed_in_the_readme():
    assert NOTEBOOKS
    readme = (FOLDER / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"`{path.name}`" in readme, f"notebooks/README.md does not list {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for n, cell in enumerate(code_cells(nb)):
        assert cell.outputs == [], f"cell {n} has outputs: clear them before committing"
        assert cell.execution_count is None, f"cell {n} has an execution count"
        assert cell.source.strip(), f"cell {n} is an empty code cell"
    assert "widgets" not in nb.metadata, "widget state is stored in the notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_kernel_within_the_budget(path):
    nb, seconds = executed(path.name)
    assert seconds < BUDGET, f"{path.name} took {seconds:.0f} s"
    for n, cell in enumerate(code_cells(nb)):
        for out in cell.outputs:
            assert out.output_type != "error"
            text = out.get("text", "")
            assert out.get("name") != "stderr", f"cell {n} wrote to stderr: {text[:300]}"


def test_quickstart_solves_changes_and_draws():
    nb, _ = executed("01_quickstart.ipynb")
    text = stdout(nb)
    # the plausible equilibrium as written, then with a 1969-style rivalry
    assert re.search(r"US\s+cold\s+payoff\s+\S+\s+outcast", text)
    assert re.search(r"China\s+warm:US\s+payoff\s+\S+\s+outcast", text)
    assert "max regret of the old equilibrium in the edited game: 1.0" in text
    assert "is outside its range" in text
    assert "2025 as written: does not pay off" in text
    assert "2025 with cheap allies: pays off" in text
    assert images(nb) >= 3


def test_the_argument_notebook_reaches_each_scenarios_expected_verdict():
    nb, _ = executed("02_kissinger_vs_reverse_kissinger.ipynb")
    text = stdout(nb)
    found = dict(re.findall(rf"^(\w+): {VERDICT} \(gain", text, flags=re.M))
    expected = {
        path.stem: yaml.safe_load(path.read_text())["expected"]["verdict"]
        for path in (ROOT / "scenarios").glob("*.yaml")
    }
    assert found == expected
    assert found["kissinger_1971"] == "pays off"
    assert found["reverse_kissinger_2025"] == "does not pay off"
    # each claim C1-C14 is listed with where it lives in the scenarios
    for c in range(1, 15):
        assert re.search(rf"^C{c}: ", text, flags=re.M)
    for claim, scenario in (("C8", "kissinger_1971"), ("C11", "reverse_kissinger_2025")):
        value = yaml.safe_load((ROOT / "scenarios" / f"{scenario}.yaml").read_text())
        rivalry = value["parameters"]["rivalry"]["value"]
        assert f"{scenario}: rivalry = {rivalry:g}" in claim_block(text, claim)
    assert images(nb) >= 6


def test_the_uncertainty_notebook_reports_a_probability_with_its_interval():
    nb, _ = executed("03_uncertainty_and_sensitivity.ipynb")
    text = stdout(nb)
    pattern = r"{}: P\(pays off\) = ([\d.]+)%, 95% interval ([\d.]+)% to ([\d.]+)%"
    value, low, high = (float(x) / 100 for x in re.search(pattern.format(2025), text).groups())
    assert 0 < low < value < high < 0.5
    value, low, high = (float(x) / 100 for x in re.search(pattern.format(1971), text).groups())
    assert math.isclose(value, 1.0) and low > 0.99
    assert "Sobol" in text
    assert images(nb) >= 5  # the grid and the four uncertainty charts


def test_the_build_your_own_notebook_analyses_both_forms():
    nb, _ = executed("04_build_your_own_triangle.ipynb")
    text = stdout(nb)
    assert re.search(rf"^US courting India: {VERDICT}$", text, flags=re.M)
    assert re.search(rf"^China's thaw with India: {VERDICT}$", text, flags=re.M)
    assert "numbers without a source: []" in text
    assert "unknown parameter 'rivalyr'" in text
    assert images(nb) >= 4


@pytest.mark.parametrize(
    "name", ["02_kissinger_vs_reverse_kissinger", "04_build_your_own_triangle"]
)
def test_the_explore_section_is_marked_for_the_live_view(name):
    cells = read(FOLDER / f"{name}.ipynb").cells
    headings = [c.source for c in cells if c.cell_type == "markdown"]
    assert any(h.startswith("## Explore it live") for h in headings)
