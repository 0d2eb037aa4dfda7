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


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [c.strip() for c in re.findall(r"```bash\n(.*?)```", quick, flags=re.S)]


def test_readme_quick_start_has_two_commands_that_work_in_a_new_terminal():
    install, test = quick_start_commands()
    # each creates (or reuses) the environment and calls its programs by path, so it
    # works pasted into a new terminal: nothing depends on an activated environment
    for command in (install, test):
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
        assert "activate" not in command
    assert install.endswith(".venv/bin/triangle solve scenarios/kissinger_1971.yaml")
    assert '".[dev]"' in test and test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_quick_start_commands_exactly_as_written():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    install, test = quick_start_commands()
    assert install in ci
    assert f"{test} || status=$?" in ci
