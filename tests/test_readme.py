"""The README's Python example runs as written, from the repository root."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_example_runs(monkeypatch):
    blocks = python_blocks((ROOT / "README.md").read_text())
    assert blocks, "the README has no Python example"
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    for n, block in enumerate(blocks):
        exec(compile(block, f"README.md[python block {n}]", "exec"), namespace)  # noqa: S102
    assert namespace["a"].verdict == "does not pay off"
    assert namespace["result"].equilibria


def test_readme_quick_start_has_the_two_commands():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", quick, flags=re.S)
    assert len(commands) == 2
    assert (
        "pip install" in commands[0]
        and "triangle solve scenarios/kissinger_1971.yaml" in commands[0]
    )
    assert commands[1].strip() == "python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pytest" in ci
