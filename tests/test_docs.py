"""The README stays true: its --help block, its column list and its set-up blocks."""
import re

from typer.testing import CliRunner

from claimx.cli import app
from claimx.model import FIELDS
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_help_block_matches_the_cli():
    block = README.split("<!-- help:extract -->", 1)[1].split("```")[1]
    documented = block.split("$ claimx extract --help\n", 1)[1].rstrip()
    actual = CliRunner().invoke(app, ["extract", "--help"]).stdout.rstrip()
    assert documented == actual, "README's help block is stale: paste the output of `claimx extract --help`"


def test_readme_documents_every_output_column():
    table = README.split("## Output columns", 1)[1].split("##", 1)[0]
    for field in FIELDS:
        assert re.search(rf"`{field}`", table), field


def test_readme_has_the_two_setup_commands():
    for marker in ("<!-- ci:install -->", "<!-- ci:test -->"):
        block = README.split(marker, 1)[1].split("```")[1]
        assert block.strip().splitlines()[1:], marker  # a language tag line, then the command


def test_running_claimx_installs_no_test_extras():
    """The first command installs what running claimx needs (about 450 MB), not the test extras (Playwright, pyarrow,
    pandas, Dask: 980 MB in all); the test command installs those before running the tests."""
    install = README.split("<!-- ci:install -->", 1)[1].split("```")[1]
    test = README.split("<!-- ci:test -->", 1)[1].split("```")[1]
    assert "pip install" in install and "[" not in install.split("&&")[0], install
    assert "pip install" in test and ".[test]" in test and "pytest" in test, test
