"""The documentation builds without a warning, and its examples run as written.

Every fenced block of README.md and of docs/**/*.md is one of these, by its language:

``python``
    Executed, each page's blocks in order in one namespace, from the repository's root;
    they must leave no new file there.
``console``
    Each ``$ triangle ...`` line runs through click's ``CliRunner``, in a temporary
    folder that holds a copy of ``scenarios/`` (so files a command writes land there,
    never in the repository), each page's blocks in order in one folder. The lines
    after a command are what it prints and must match its output line for line; a
    line ``...`` stands for lines left out. A command must exit 0, unless the next line
    is ``$ echo $?`` followed by its status. ``> FILE`` writes stdout to FILE, ``*``
    patterns expand as in a shell, ``#`` starts a comment, ``\\`` continues a line.
    Any other command is an error.
``yaml``
    A complete scenario (it starts with ``format: 1``) is loaded and compiled. When
    the line before the block is ``<!-- file: NAME -->``, the block is also saved as
    NAME in the page's console folder, for the page's console examples.
``text`` (or no language)
    Shown, not run: output, error messages, layouts, and commands deliberately not
    run (a cluster's address, runs of minutes), which the page says are not run.
``json``, and ``yaml`` that is not a complete scenario
    Data shown, not run: a document's shape, a fragment of a scenario.
``bash``
    Only commands that run elsewhere exactly as written: the README's Quick start
    (CI runs it; test_readme.py checks) and the command that builds these pages
    (:func:`test_the_site_builds_without_warnings` runs it).

Any other language fails the suite, so that no example is skipped without a rule.
MyST directives (```` ```{toctree} ````) are not examples.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import pkgutil
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import triangle
from triangle.cli import cli
from triangle.scenario import loads_scenario

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
IGNORED = {"_build", "generated"}
PAGES = [
    ROOT / "README.md",
    *sorted(p for p in DOCS.rglob("*.md") if not IGNORED & set(p.relative_to(DOCS).parts)),
]
LANGUAGES = {"python", "console", "yaml", "text", "", "json", "bash"}


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@dataclass(frozen=True)
class Block:
    language: str
    body: str
    line: int  # of the opening fence, 1-based
    marker: str  # the line before the opening fence


FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ ]*$",
    flags=re.M | re.S,
)


def blocks(text: str) -> list[Block]:
    found = []
    for m in FENCE.finditer(text):
        indent = len(m["indent"])
        body = "".join(line[indent:] for line in m["body"].splitlines(keepends=True))
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        line = text.count("\n", 0, m.start()) + 1
        found.append(Block(m["info"].strip(), body, line, before))
    return found


def python_blocks(text: str) -> list[str]:
    return [b.body for b in blocks(text) if b.language == "python"]


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


# -- which blocks there are ------------------------------------------------------------


def test_the_pages_are_found():
    names = {page_id(p) for p in PAGES}
    assert {"README.md", "docs/index.md", "docs/reference/scenario-format.md"} <= names
    assert any(n.startswith("docs/tutorial/") for n in names)
    assert any(n.startswith("docs/how-to/") for n in names)
    assert any(n.startswith("docs/explanation/") for n in names)


def test_the_format_reference_has_a_python_example():
    assert python_blocks(read(DOCS / "reference" / "scenario-format.md"))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_block_has_a_rule(page):
    for block in blocks(read(page)):
        if block.language.startswith("{"):  # a MyST directive
            continue
        assert block.language in LANGUAGES, (
            f"{page_id(page)}:{block.line}: a ```{block.language} block: use console or "
            "python to run it, text to show it unrun (tests/test_docs.py)"
        )


def quick_start_commands() -> list[str]:
    text = read(ROOT / "README.md").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.body.strip() for b in blocks(text) if b.language == "bash"]


def build_command() -> str:
    """The command that builds the pages, as the README's Documentation section gives it."""
    text = read(ROOT / "README.md").split("## Documentation", 1)[1].split("\n## ", 1)[0]
    (command,) = [b.body.strip() for b in blocks(text) if b.language == "bash"]
    return command


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_bash_blocks_are_only_commands_run_elsewhere(page):
    allowed = {*quick_start_commands(), build_command()}
    for block in blocks(read(page)):
        if block.language == "bash":
            assert block.body.strip() in allowed, (
                f"{page_id(page)}:{block.line}: a bash block that nothing runs: use console "
                "for triangle commands, text for commands the tests do not run"
            )


# -- python ------------------------------------------------------------------------------


def files_under(root: Path) -> set[Path]:
    skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}
    found = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [
            d
            for d in subfolders
            if d not in skip and d not in IGNORED and not d.endswith(".egg-info")
        ]
        found.update(Path(folder, f) for f in files)
    return found


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_python_examples_run(page, monkeypatch):
    monkeypatch.chdir(ROOT)
    before = files_under(ROOT)
    namespace: dict = {"__name__": "__docs__"}
    for block in blocks(read(page)):
        if block.language == "python":
            name = f"{page_id(page)}:{block.line}"
            exec(compile(block.body, name, "exec"), namespace)  # noqa: S102
    assert files_under(ROOT) == before, "an example left files in the repository"


# -- yaml --------------------------------------------------------------------------------


FILE_MARKER = re.compile(r"<!-- file: (\S+) -->")


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_complete_scenarios_load(page):
    """Complete scenarios load, but those saved for the console examples: these may be
    wrong on purpose, and the console examples say what happens to them."""
    for block in blocks(read(page)):
        if FILE_MARKER.fullmatch(block.marker):
            continue
        if block.language == "yaml" and block.body.startswith("format: 1\n"):
            # named as if it lay in scenarios/, so that a base: names a shipped scenario
            where = ROOT / "scenarios" / f"{page.stem}-{block.line}.yaml"
            scenario = loads_scenario(block.body, path=str(where))
            assert scenario.compile().n_players == len(scenario.players)


# -- console -----------------------------------------------------------------------------


@dataclass
class Command:
    words: list[str]
    shown: list[str]  # the lines shown after it
    where: str


def commands(block: Block, page: Path) -> list[Command]:
    found: list[Command] = []
    lines = block.body.splitlines()
    n = 0
    while n < len(lines):
        line = lines[n]
        where = f"{page_id(page)}:{block.line + 1 + n}"
        if not line.startswith("$ "):
            assert found, f"{where}: console output before any command"
            found[-1].shown.append(line.rstrip())
            n += 1
            continue
        text = line[2:]
        while text.endswith("\\"):
            n += 1
            text = text[:-1] + lines[n]
        found.append(Command(shlex.split(text, comments=True), [], where))
        n += 1
    return found


def matches(shown: list[str], output: list[str]) -> bool:
    """Whether ``output`` is ``shown`` with each ``...`` line standing for any lines."""
    pattern = "".join(r"(?:.*\n)*?" if line == "..." else re.escape(line) + r"\n" for line in shown)
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in output)) is not None


def run(words: list[str], folder: Path) -> tuple[int, list[str]]:
    """Run one ``triangle`` command in ``folder``: its status and the lines it shows."""
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    args = []
    for word in words[1:]:
        expanded = sorted(glob.glob(word, root_dir=folder)) if set("*?[") & set(word) else []
        args.extend(expanded or [word])
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if target is not None:
        (folder / target).write_text(result.stdout, encoding="utf-8")
        shown = result.stderr
    else:
        shown = result.output
    return result.exit_code, [line.rstrip() for line in shown.splitlines()]


def console_folder(page: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    for block in blocks(read(page)):
        marker = FILE_MARKER.fullmatch(block.marker)
        if marker:
            assert block.language == "yaml", f"{page_id(page)}:{block.line}: only yaml files"
            assert any(
                marker[1] in command.words
                for b in blocks(read(page))
                if b.language == "console"
                for command in commands(b, page)
            ), f"{page_id(page)}:{block.line}: no console example uses {marker[1]}"
            path = folder / marker[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body, encoding="utf-8")
    return folder


CONSOLE_PAGES = [p for p in PAGES if any(b.language == "console" for b in blocks(read(p)))]


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=page_id)
def test_console_examples_run_and_print_what_the_page_shows(page, tmp_path, monkeypatch):
    folder = console_folder(page, tmp_path)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "100")
    before = files_under(ROOT)
    status = None
    for block in blocks(read(page)):
        if block.language != "console":
            continue
        pending: Command | None = None
        for command in commands(block, page):
            if command.words == ["echo", "$?"]:
                assert pending is not None, f"{command.where}: echo $? with no command before"
                assert command.shown == [str(status)], (
                    f"{pending.where}: exit status {status}, the page says {command.shown}"
                )
                pending = None
                continue
            if pending is not None:
                assert status == 0, f"{pending.where}: exit status {status}"
            assert command.words[:1] == ["triangle"], (
                f"{command.where}: a console block runs triangle commands only: "
                f"{shlex.join(command.words)}"
            )
            status, output = run(command.words, folder)
            if command.shown:
                assert matches(command.shown, output), (
                    f"{command.where}: `{shlex.join(command.words)}` printed\n" + "\n".join(output)
                )
            pending = command
        if pending is not None:
            assert status == 0, f"{pending.where}: exit status {status}"
    assert files_under(ROOT) == before, "an example left files in the repository"


def test_the_output_matcher():
    assert matches(["a", "b"], ["a", "b"])
    assert not matches(["a"], ["a", "b"])
    assert matches(["a", "..."], ["a", "b", "c"])
    assert matches(["...", "c"], ["a", "b", "c"])
    assert matches(["a", "...", "c"], ["a", "c"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert not matches(["b", "..."], ["a", "b"])


# -- the site ----------------------------------------------------------------------------


def test_the_site_builds_without_warnings(tmp_path):
    """The pages build as the README says, offline, every warning an error (``-W``),
    every cross-reference resolved (``-n``), into a temporary folder."""
    words = shlex.split(build_command())
    assert words[:3] == ["python", "-m", "sphinx"] and words[-2:] == ["docs", "docs/_build/html"]
    assert {"-W", "-n", "--keep-going"} <= set(words)
    args = [*words[3:-1], str(tmp_path / "html")]
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", *args, "-E", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TRIANGLE_DOCS_INTERSPHINX": ""},
        check=False,
    )
    assert done.returncode == 0 and "WARNING" not in done.stderr, done.stderr
    html = tmp_path / "html"
    for page in ("index", "tutorial/index", "reference/cli", "reference/api"):
        assert (html / f"{page}.html").exists()
    cli_page = (html / "reference" / "cli.html").read_text(encoding="utf-8")
    for verb in cli.commands:  # a section per verb, generated from the commands
        assert f'id="triangle-{verb}"' in cli_page
    api = (html / "reference" / "generated" / "triangle.analysis.analyze.html").read_text()
    assert 'id="triangle.analysis.analyze.analyze_move"' in api


def test_the_api_reference_names_every_module():
    """Each top-level module and package of ``triangle`` (but the command line, which
    has its own page) is in docs/reference/api.md; the pages of the modules inside a
    package are found by themselves."""
    listed = set(re.findall(r"^   (triangle\.\w+)$", read(DOCS / "reference" / "api.md"), re.M))
    modules = {
        f"triangle.{m.name}"
        for m in pkgutil.iter_modules(triangle.__path__)
        if not m.name.startswith("_") and m.name != "cli"
    }
    assert listed == modules, (
        f"add to docs/reference/api.md: {sorted(modules - listed)}; "
        f"no such module: {sorted(listed - modules)}"
    )


def test_readme_links_point_at_files():
    text = read(ROOT / "README.md")
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    local = [link for link in links if "://" not in link]
    assert any(link.startswith("docs/") for link in local)
    for link in local:
        assert (ROOT / link).exists(), f"README.md links to {link}, which does not exist"


def test_the_readme_images_are_made_by_the_script(tmp_path):
    spec = importlib.util.spec_from_file_location("make_images", DOCS / "make_images.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shown = re.findall(r"\]\(docs/images/([^)]+)\)", read(ROOT / "README.md"))
    assert shown and set(shown) == set(script.IMAGES)
    written = script.make_images(tmp_path)
    assert sorted(p.name for p in written) == sorted(script.IMAGES)
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (DOCS / "images" / path.name).exists()
