"""Sphinx configuration of triangle's documentation.

Build it from the repository's root, offline, with every warning an error (``-W``)
and every cross-reference resolved (``-n``):

    python -m sphinx -W --keep-going -n -b html docs docs/_build/html

Nothing is fetched at build time. Links into the documentation of Python, NumPy,
SciPy and Matplotlib (intersphinx) are off unless ``TRIANGLE_DOCS_INTERSPHINX=1`` is
set, which needs a network connection; without them, references to those projects'
objects stay plain text (``nitpick_ignore_regex`` below names them).

The Python API pages are generated from the docstrings at each build (autosummary,
into ``reference/generated/``, which git ignores), so they cannot drift from the code.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # document this checkout, whatever copy is installed

import triangle  # noqa: E402

project = "triangle"
author = "the triangle authors"
copyright = "the triangle authors (MIT licence)"
release = version = triangle.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_click",
]

# .md: the pages; .rst: the API pages autosummary writes
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
templates_path = ["_templates"]
exclude_patterns = ["_build", "_templates", "images"]

# -- Markdown pages (MyST): they read the same on GitHub ------------------------------
myst_heading_anchors = 3  # [text](#a-heading) and [text](page.md#a-heading), as on GitHub

# -- API reference (autodoc, autosummary, numpydoc) -----------------------------------
autosummary_generate = True
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc sections of the docstrings give the types
numpydoc_show_class_members = False  # members are documented by autodoc, once
numpydoc_class_members_toctree = False

# -- every reference must resolve ------------------------------------------------------
nitpicky = True
# Objects of the standard library and of the packages triangle uses: resolved only
# when intersphinx is on (it needs the network); otherwise they stay plain text.
EXTERNAL = sorted(
    set(sys.stdlib_module_names)
    | {"numpy", "scipy", "matplotlib", "nashpy", "pygambit", "dask", "distributed"}
    | {"SALib", "yaml", "click", "pyarrow", "tqdm"}
)
nitpick_ignore_regex = []

if os.environ.get("TRIANGLE_DOCS_INTERSPHINX") == "1":
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "scipy": ("https://docs.scipy.org/doc/scipy", None),
        "matplotlib": ("https://matplotlib.org/stable", None),
    }
else:
    nitpick_ignore_regex.append((r"py:.*", rf"({'|'.join(EXTERNAL)})(\..*)?"))

smartquotes_action = "qe"  # quotes and ellipses; "--param" stays two hyphens, not a dash

# -- HTML -----------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"triangle {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_show_sourcelink = False


# -- names re-exported by a package resolve to where they are documented --------------
#
# Each object is documented once, in the module that defines it
# (``triangle.analysis.analyze.analyze_move``), while docstrings and users name it where
# it is exported (``triangle.analyze_move``, ``triangle.analysis.analyze_move``, or
# ``analyze_move`` inside ``triangle.analysis``). A reference that Sphinx cannot find
# is looked up in Python: the object it names, then the name it is documented under.


def _import_longest(parts: list[str]) -> tuple[object, list[str]] | None:
    """The module named by the longest importable prefix of ``parts``, and the rest."""
    for n in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        return module, parts[n:]
    return None


def _canonical_name(dotted: str) -> tuple[str, object] | None:
    """The name under which the object ``dotted`` names is defined, and the object."""
    found = _import_longest(dotted.split("."))
    if found is None:
        return None
    current, rest = found
    name = current.__name__
    for attr in rest:
        try:
            current = inspect.getattr_static(current, attr)
        except AttributeError:
            return None
        if isinstance(current, types.ModuleType):
            name = current.__name__
        elif (inspect.isclass(current) or inspect.isfunction(current)) and hasattr(
            current, "__qualname__"
        ):
            name = f"{current.__module__}.{current.__qualname__}"
        else:
            if isinstance(current, (staticmethod, classmethod)):
                current = current.__func__
            name = f"{name}.{attr}"
    return name, current


def _documented_as(objects: dict, target: str) -> str | None:
    found = _canonical_name(target)
    if found is None:
        return None
    name, obj = found
    if name in objects:
        return name
    # module data re-exported elsewhere: the documented name with the same last part
    # that holds the very same object
    last = name.rsplit(".", 1)[-1]
    for other in objects:
        if other.rsplit(".", 1)[-1] == last:
            again = _canonical_name(other)
            if again is not None and again[1] is obj:
                return other
    return None


def _only_one_named(objects: dict, target: str) -> str | None:
    """The documented object whose name ends with ``target``, if there is exactly one:
    a docstring may name an object of a sibling module without importing it."""
    found = [name for name in objects if name.endswith(f".{target}")]
    return found[0] if len(found) == 1 else None


def resolve_reexports(app, env, node, contnode):
    if node.get("refdomain") != "py":
        return None
    from sphinx.util.nodes import make_refnode

    objects = env.domains.python_domain.objects
    target = node["reftarget"].lstrip(".").removesuffix("()")
    module, cls = node.get("py:module"), node.get("py:class")
    candidates = [target]
    if module:
        candidates.insert(0, f"{module}.{target}")
        if cls:
            candidates.insert(0, f"{module}.{cls}.{target}")
    names = (_documented_as(objects, candidate) for candidate in candidates)
    for name in (*names, _only_one_named(objects, target)):
        if name is not None:
            entry = objects[name]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name
            )
    return None


# -- modules hidden behind a name of their package --------------------------------------
#
# ``triangle.equilibria.solve`` is also the function :func:`solve`, an attribute of its
# package, so autosummary's page of that name documents the function and the module's
# own docstring is lost. Such pages are rewritten after autosummary's (priority 900)
# to document the module, which includes the function.


def _shadowed_modules() -> list[str]:
    import pkgutil

    found = []
    for info in pkgutil.walk_packages(triangle.__path__, "triangle."):
        if info.ispkg:
            package = importlib.import_module(info.name)
            for sub in pkgutil.iter_modules(package.__path__):
                value = getattr(package, sub.name, None)
                if value is not None and not isinstance(value, types.ModuleType):
                    found.append(f"{info.name}.{sub.name}")
    return found


def write_shadowed_pages(app):
    folder = Path(app.srcdir) / "reference" / "generated"
    for name in _shadowed_modules():
        path = folder / f"{name}.rst"
        if path.exists():  # autosummary wrote it: the package's page lists it
            path.write_text(f"{name}\n{'=' * len(name)}\n\n.. automodule:: {name}\n   :members:\n")


# -- the command line's help, as sphinx-click passes it -----------------------------------
#
# Click help is plain text, not reStructuredText: a block after ``\b`` is text laid
# out by hand (examples, the list of chart kinds), which sphinx-click passes as a line
# block, where ``scenarios/*.yaml`` would start an emphasis. Such blocks are shown as
# they are in a terminal, as literal blocks; `name` in prose is shown as code.


def click_help_as_text(app, ctx, lines):
    out: list[str] = []
    block = False
    for line in lines:
        if line.startswith("| "):
            if not block:
                out += ["::", ""]
                block = True
            out.append("    " + line[2:])
            continue
        if block:
            out.append("")
            block = False
        out.append(re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", line))
    lines[:] = out


def setup(app):
    app.connect("sphinx-click-process-description", click_help_as_text)
    app.connect("builder-inited", write_shadowed_pages, priority=900)
    app.connect("missing-reference", resolve_reexports)
