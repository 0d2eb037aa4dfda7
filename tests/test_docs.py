"""The documentation's examples run as written: every ``python`` block of the README and
of docs/**/*.md, each page's blocks in order in one namespace, from the repository's root
(the README's example is also checked for what it finds, in test_readme.py)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_format_reference_has_a_python_example():
    page = ROOT / "docs" / "reference" / "scenario-format.md"
    assert python_blocks(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "__docs__"}
    for n, block in enumerate(python_blocks(page.read_text(encoding="utf-8"))):
        exec(compile(block, f"{page.name}[python block {n}]", "exec"), namespace)  # noqa: S102


def test_the_readme_images_are_made_by_the_script(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_images", ROOT / "docs" / "make_images.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shown = re.findall(r"\]\(docs/images/([^)]+)\)", (ROOT / "README.md").read_text())
    assert shown and set(shown) == set(script.IMAGES)
    written = script.make_images(tmp_path)
    assert sorted(p.name for p in written) == sorted(script.IMAGES)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (ROOT / "docs" / "images" / path.name).exists()
