"""The notebooks run, cell by cell, in one namespace, from the repository root.

Only the project's own notebooks are executed (their code cells are read from the
.ipynb JSON); a notebook that stops working fails the suite.
"""

import json
from pathlib import Path

import matplotlib
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_notebook():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch):
    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)
    cells = json.loads(path.read_text())["cells"]
    namespace: dict = {"__name__": "__notebook__"}
    for n, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        code = compile(source, f"{path.name}[cell {n}]", "exec")
        exec(code, namespace)  # noqa: S102 - the project's own notebook
    assert namespace["a2025"].verdict == "does not pay off"
    assert namespace["a1971"].verdict == "pays off"
    assert namespace["what_if"].verdict == "pays off"
