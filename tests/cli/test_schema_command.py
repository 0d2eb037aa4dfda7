"""``triangle schema``: the schema on stdout, or in a file written atomically and never
over an existing one without --force; help that says what it is for."""

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from triangle.cli import cli
from triangle.scenario import scenario_schema

ROOT = Path(__file__).resolve().parents[2]
S1971 = ROOT / "scenarios" / "kissinger_1971.yaml"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_schema_prints_the_library_schema_as_json():
    result = run("schema")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == scenario_schema()
    Draft202012Validator.check_schema(printed)
    assert result.stdout.endswith("}\n") and not result.stderr


def test_schema_out_writes_the_same_schema_and_says_where(tmp_path):
    out = tmp_path / "triangle-scenario.schema.json"
    result = run("schema", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == run("schema").stdout
    assert json.loads(out.read_text(encoding="utf-8")) == scenario_schema()
    assert os.listdir(tmp_path) == [out.name]  # no temporary file left beside it


def test_schema_out_never_overwrites_without_force(tmp_path):
    out = tmp_path / "schema.json"
    out.write_text("mine", encoding="utf-8")
    refused = run("schema", "--out", str(out))
    assert refused.exit_code == 2
    assert refused.stderr == f"triangle schema: {out} exists; use --force to overwrite\n"
    assert out.read_text(encoding="utf-8") == "mine"
    forced = run("schema", "--out", str(out), "--force")
    assert forced.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == scenario_schema()
    assert sorted(os.listdir(tmp_path)) == ["schema.json"]


def test_schema_out_in_a_missing_folder_or_onto_a_folder_is_bad_input(tmp_path):
    missing = run("schema", "--out", str(tmp_path / "nowhere" / "schema.json"))
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr and len(missing.stderr.splitlines()) == 1
    folder = run("schema", "--out", str(tmp_path))
    assert folder.exit_code == 2
    assert os.listdir(tmp_path) == []


def test_schema_help_says_what_it_is_for_and_how_an_editor_uses_it():
    result = run("schema", "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "JSON Schema" in text and "draft 2020-12" in text
    assert "# yaml-language-server: $schema=triangle-scenario.schema.json" in text
    assert "triangle validate" in text and "Examples:" in text
    assert "triangle schema --out triangle-scenario.schema.json" in text
    assert "schema" in run("--help").stdout


def test_a_scenario_that_names_the_schema_on_its_first_line_still_validates(tmp_path):
    (tmp_path / "triangle-scenario.schema.json").write_text(run("schema").stdout)
    scenario = tmp_path / "kissinger.yaml"
    modeline = "# yaml-language-server: $schema=triangle-scenario.schema.json\n"
    scenario.write_text(modeline + S1971.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", str(scenario))
    assert result.exit_code == 0 and result.stdout == f"OK {scenario}\n"


def test_schema_imports_neither_heavy_libraries_nor_jsonschema():
    code = (
        "import sys\n"
        "from triangle.cli import main\n"
        "try:\n    main(['schema'])\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('jsonschema', 'matplotlib', 'scipy', 'nashpy', 'pygambit')"
        " if m in sys.modules]\n"
        "print('LOADED:' + ','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *printed, last = out.stdout.strip().splitlines()
    assert last == "LOADED:"
    assert json.loads("\n".join(printed)) == scenario_schema()
