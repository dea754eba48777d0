"""The batch route from paths to claims: ``extract_files(paths, ...)``.

It walks the paths once (files, folders searched recursively, '-' for standard input), reads and decodes each
input, applies the store's skip rule, extracts in this process or in worker processes, and yields one
:class:`FileResult` per input, in input order, with the ``kinds`` and ``sections`` filters applied. Inputs
that cannot be read are results too (``error``, ``problem``), never prints: the caller decides how to show
them. A :class:`Summary` counts what happened.

Memory stays flat whatever the number of files: each file is read, extracted, handed back and forgotten, and
at most ``2 * jobs`` files are in flight.
"""
from __future__ import annotations

import functools
import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimx.errors import UnreadableInput
from claimx.io.documents import NoText
from claimx.io.readers import OwnOutput, RepeatedInput, Skipped, Source, UsageProblem, expand_paths, read_input
from claimx.model import Claim, EssayRow, Kind
from claimx.recognizers.dates import check_reference

if TYPE_CHECKING:  # pragma: no cover
    from claimx.io.store import Store

UNICODE_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "pdf", "html", "docx")  # documents: converted, not decoded


@dataclass
class FileResult:
    """What became of one input: its claims and essays, or why it failed, or that it was unchanged and skipped."""

    name: str
    claims: list[Claim] | None = None
    essays: list[EssayRow] | None = None
    error: str | None = None
    # 'usage' (nothing to read there), 'failed' (unreadable), 'binary' (not text), 'own' (written by claimx:
    # skipped), 'empty' (a document with no text found); 'repeated' is no input but a notice (an argument named
    # files already named: read once)
    problem: str | None = None
    notice: str | None = None  # something the user should know about a file that was read ('not UTF-8 ...')
    sha256: str | None = None
    skipped: bool = False
    encoding: str | None = None
    key: str | None = None  # the store's key: the resolved absolute path
    text: str | None = None  # the text read (a document's converted text): what claims' start/end index
    count: int | None = None  # claims written elsewhere (a cluster worker's Parquet file) when ``claims`` is None


@dataclass
class Summary:
    """Counts over a batch: files seen, claims written, files skipped, failed, not text, paths with nothing."""

    files: int = 0
    claims: int = 0
    skipped: int = 0
    failed: int = 0
    binary: int = 0
    usage: int = 0
    own: int = 0
    empty: int = 0

    def add(self, result: FileResult) -> None:
        if result.problem == "repeated":  # a notice, not a file
            return
        self.files += 1
        if result.problem:
            setattr(self, result.problem, getattr(self, result.problem) + 1)
        elif result.skipped:
            self.skipped += 1
        else:
            self.claims += len(result.claims) if result.claims is not None else (result.count or 0)

    @property
    def trouble(self) -> bool:
        return bool(self.failed or self.usage or self.binary)

    @property
    def exit_code(self) -> int:
        """2 when a path named nothing to read (a usage error), 1 when a file failed, else 0."""
        return 2 if self.usage else 1 if self.failed else 0

    def line(self) -> str:
        """'12 files: 340 claims, 3 unchanged (skipped), 1 failed'."""
        parts = [f"{self.claims} claims"]
        if self.skipped:
            parts.append(f"{self.skipped} unchanged (skipped)")
        if self.binary:
            parts.append(f"{self.binary} not text (skipped)")
        if self.own:
            parts.append(f"{self.own} written by claimx (skipped)")
        if self.empty:
            parts.append(f"{self.empty} with no text found")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.usage:
            parts.append(f"{self.usage} path(s) with nothing to read")
        return f"{self.files} file{'s' if self.files != 1 else ''}: " + ", ".join(parts)


@dataclass
class Batch:
    """The inputs of one run, walked once: ``total`` is known before the first file is read (for a progress
    bar); iterating yields one :class:`FileResult` per input and fills ``summary``.

    A Batch is iterated once (nothing is kept, so memory stays flat): iterating it again raises RuntimeError
    instead of extracting everything a second time; call :func:`extract_files` again, or keep the results
    (``list(batch)``)."""

    inputs: list[str | UnreadableInput]
    options: dict
    summary: Summary = field(default_factory=Summary)
    started: bool = field(default=False, init=False, repr=False)

    @property
    def total(self) -> int:
        return sum(not isinstance(i, RepeatedInput) for i in self.inputs)

    def __iter__(self) -> Iterator[FileResult]:
        if self.started:
            raise RuntimeError("a Batch can be iterated once; call extract_files again")
        self.started = True
        return self._results()

    def _results(self) -> Iterator[FileResult]:
        for result in _run(self.inputs, **self.options):
            self.summary.add(result)
            yield result


def extract_files(paths: Iterable[str], *, jobs: int = 1, model: str | None = None, nlp=None,
                  kinds: Iterable[Kind | str] | None = None, sections: Iterable[str] | None = None,
                  encoding: str | None = None, as_of: str | None = None, store: "Store | None" = None) -> Batch:
    """Extract the claims of files and folders (``'-'``: standard input). See the module docstring.

    ``kinds``/``sections`` filter what each result holds; the ``store`` (a :class:`claimx.io.store.Store`) always
    receives a file's full extraction, and files it holds with the same content, claimx version and model are
    skipped. ``as_of`` (ISO date) resolves relative dates in essays without a date. ``jobs`` > 1 uses that many
    worker processes, each with the model loaded once; 0 means one per available core. ``nlp`` is a loaded
    pipeline to use instead of loading ``model``. An ``as_of`` that is no real ISO date is a ValueError.
    """
    check_reference(as_of)
    wanted = [Kind(k) for k in kinds] if kinds else None
    options = dict(jobs=cpu_count() if jobs == 0 else max(1, jobs), model=model, nlp=nlp, kinds=wanted,
                   sections=set(sections) if sections else None, encoding=encoding, as_of=as_of, store=store)
    return Batch(list(expand_paths(paths)), options)


def problem_of(error: UnreadableInput) -> str:
    """The :attr:`FileResult.problem` an error is counted as."""
    if isinstance(error, RepeatedInput):
        return "repeated"
    if isinstance(error, OwnOutput):
        return "own"
    if isinstance(error, NoText):
        return "empty"
    return "usage" if isinstance(error, UsageProblem) else "binary" if isinstance(error, Skipped) else "failed"


def notice_only(error: UnreadableInput) -> bool:
    """An input that is not read but is no failure either: written by claimx, no text found, given twice."""
    return problem_of(error) in ("own", "empty", "repeated")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# (source, sha256): a file read and due for extraction; a document is converted to text in the worker
Job = tuple[Source, str]


def _run(inputs, *, jobs, model, nlp, kinds, sections, encoding, as_of, store) -> Iterator[FileResult]:
    from claimx import __version__

    identity = None
    if store is not None:
        from claimx.nlp import model_identity

        # an option that changes the claims is part of what the store checks: a rerun with another --as-of re-extracts
        identity = model_identity(model) + (f"; as-of {as_of}" if as_of else "")

    def items() -> Iterator[FileResult | Job]:
        for item in inputs:
            if not isinstance(item, UnreadableInput):
                item = read_input(item, encoding, convert=False)
            if isinstance(item, UnreadableInput):
                yield FileResult(item.name or "?", error=str(item), problem=problem_of(item))
                continue
            # a text by its decoded text, a document by its bytes (converting it may be the slow part)
            sha = hashlib.sha256(item.raw).hexdigest() if item.raw is not None else content_hash(item.text)
            if store is not None and store.is_current(item.key, sha, __version__, identity):
                yield FileResult(item.name, sha256=sha, skipped=True, encoding=item.encoding, key=item.key)
            else:
                yield (item, sha)

    # the store keeps every claim, whatever is written: filter after extraction when there is one
    extract_kinds = kinds if store is None else None
    reads = (_read_here(items(), model, nlp, extract_kinds, as_of) if jobs == 1 else
             _read_in_workers(items(), jobs, model, nlp, extract_kinds, as_of))
    for result in reads:
        if result.claims is not None:
            if store is not None:
                store.replace(result.key, result.sha256, __version__, identity, result.claims)
            result.claims = [c for c in result.claims if (kinds is None or c.kind in kinds)
                             and (sections is None or c.section in sections)]
            if encoding is None and result.encoding not in UNICODE_ENCODINGS:
                result.notice = f"not UTF-8; read as {result.encoding}"
        yield result


def read_source(nlp, job: Job, kinds, as_of) -> FileResult:
    """One source read and extracted: a document converted first; its error, when it cannot be, as the result."""
    from claimx.api import read_texts

    source, sha = job
    try:
        source = source.converted()
    except UnreadableInput as e:  # an encrypted, damaged or image-only document: one line, the batch goes on
        return FileResult(source.name, error=str(e), problem=problem_of(e))
    try:
        reading = next(read_texts([(source.text, source.name)], nlp=nlp, kinds=kinds, as_of=as_of))
    except MemoryError:
        raise
    except Exception as e:  # a fault of claimx's own: this file is reported failed, the batch goes on
        return FileResult(source.name, error=f"{source.name}: internal error while extracting "
                                             f"({type(e).__name__}: {e}); please report it with the file", problem="failed")
    return FileResult(source.name, claims=reading.claims, essays=reading.essays, sha256=sha,
                      encoding=source.encoding, key=source.key, text=source.text,
                      notice="; ".join(source.notices) or None)


def _read_here(items: Iterator[FileResult | Job], model, nlp, kinds, as_of) -> Iterator[FileResult]:
    from claimx.nlp import is_own_process

    if is_own_process():  # the CLI, not a notebook's extract_files
        tune_allocator()
    for item in items:
        if isinstance(item, FileResult):
            yield item
            continue
        if nlp is None:  # loaded only when there is text to read
            from claimx.nlp import load_nlp

            nlp = load_nlp(model)
        yield read_source(nlp, item, kinds, as_of)


_worker_nlp = None


def _die_with_parent() -> None:
    """Ask Linux to end this worker when its parent dies, even by kill -9 (prctl PR_SET_PDEATHSIG); elsewhere the
    pool's own shutdown has to do."""
    import ctypes
    import ctypes.util
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() == 1:  # the parent died before the call
        os._exit(1)


@functools.cache
def tune_allocator() -> None:
    """Once per process, on glibc: a fixed mmap threshold of 32 MB (glibc's own ceiling) and trim threshold of
    64 MB. Dask's nanny starts its workers with MALLOC_TRIM_THRESHOLD_=65536, which also turns glibc's dynamic
    mmap threshold off: every large array spaCy makes is then mapped and unmapped afresh, and a worker reads
    14% slower than ``--jobs`` (benchmarks/bench_dask.py). Peak memory is the same. Elsewhere: nothing."""
    import ctypes
    import ctypes.util
    import platform

    # not where the user chose the allocator's settings (Dask's own default is what this undoes)
    if platform.libc_ver()[0] != "glibc" or any(k.startswith("MALLOC_") and k.endswith("_") and
                                                (k, v) != ("MALLOC_TRIM_THRESHOLD_", "65536")
                                                for k, v in os.environ.items()):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD
        libc.mallopt(-1, 64 << 20)  # M_TRIM_THRESHOLD
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    tune_allocator()  # a pool worker is claimx's own process
    if _worker_nlp is None:  # not inherited from the parent (spawn start method)
        from claimx.nlp import load_nlp, own_process

        own_process()
        _worker_nlp = load_nlp(model)


def _read_in_worker(args: tuple[Job, list[Kind] | None, str | None]) -> FileResult:
    job, kinds, as_of = args
    return read_source(_worker_nlp, job, kinds, as_of)


def _read_in_workers(items: Iterator[FileResult | Job], jobs: int, model, nlp, kinds, as_of) -> Iterator[FileResult]:
    import multiprocessing

    global _worker_nlp
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:  # load once here; the forked workers share it copy-on-write instead of each loading it again
        from claimx.nlp import load_nlp

        _worker_nlp = nlp or load_nlp(model)
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        inflight: deque = deque()
        for item in items:
            inflight.append(item if isinstance(item, FileResult) else
                            pool.apply_async(_read_in_worker, ((item, kinds, as_of),)))
            while len(inflight) > 2 * jobs or (inflight and isinstance(inflight[0], FileResult)):
                head = inflight.popleft()
                yield head if isinstance(head, FileResult) else head.get()
        while inflight:
            head = inflight.popleft()
            yield head if isinstance(head, FileResult) else head.get()
