"""Rewrite the README's `claimx extract --help` block from the CLI itself (tests/test_docs.py checks it)."""
from pathlib import Path

from typer.testing import CliRunner

from claimx.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
MARKER = "<!-- help:extract -->\n```\n$ claimx extract --help\n"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(MARKER, 1)
    _, tail = rest.split("\n```\n", 1)
    help_text = CliRunner().invoke(app, ["extract", "--help"]).stdout.rstrip()
    README.write_text(head + MARKER + help_text + "\n```\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
