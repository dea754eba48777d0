"""Run extraction over many files: in this process or in worker processes, in order, one file at a time.

Memory stays flat whatever the number of files: each file is read, extracted, handed back and forgotten, and
at most ``2 * jobs`` files are in flight.
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from claimx.errors import UnreadableInput
from claimx.model import Claim, Kind
from claimx.io.readers import Skipped, UsageProblem, read_sources


@dataclass
class FileResult:
    """What became of one input: its claims, or why it failed, or that it was unchanged and skipped."""

    name: str
    claims: list[Claim] | None = None
    error: str | None = None
    problem: str | None = None  # 'usage' (nothing to read there), 'failed' (unreadable), 'binary' (not text)
    sha256: str | None = None
    skipped: bool = False
    encoding: str | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_worker_nlp = None


def _init_worker(model: str | None) -> None:
    global _worker_nlp
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if _worker_nlp is None:  # not inherited from the parent (spawn start method)
        from claimx.nlp import load_nlp

        _worker_nlp = load_nlp(model)


def _extract_one(args: tuple[str, str, str, str, list[Kind] | None, str | None]) -> FileResult:
    name, text, sha, encoding, kinds, reference_date = args
    from claimx.api import extract_texts

    claims = next(extract_texts([(text, name)], nlp=_worker_nlp, kinds=kinds, reference_date=reference_date))
    return FileResult(name, claims=claims, sha256=sha, encoding=encoding)


def run(paths: Iterable[str], *, jobs: int = 1, model: str | None = None, kinds: list[Kind] | None = None,
        reference_date: str | None = None, skip: Callable[[str, str], bool] | None = None,
        nlp=None, encoding: str | None = None) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per input, in input order.

    ``skip(name, sha256)`` returning True marks a file as unchanged: it is not extracted. ``jobs`` > 1 uses
    that many worker processes, each loading the model once; 0 means one per available core.
    """
    jobs = cpu_count() if jobs == 0 else max(1, jobs)

    def sources() -> Iterator[FileResult | tuple[str, str, str, str]]:
        for item in read_sources(paths, encoding):
            if isinstance(item, UnreadableInput):
                problem = "usage" if isinstance(item, UsageProblem) else "binary" if isinstance(item, Skipped) else "failed"
                yield FileResult(item.name or "?", error=str(item), problem=problem)
                continue
            sha = content_hash(item.text)
            if skip is not None and skip(item.name, sha):
                yield FileResult(item.name, sha256=sha, skipped=True, encoding=item.encoding)
            else:
                yield (item.name, item.text, sha, item.encoding)

    if jobs == 1:
        yield from _run_here(sources(), model=model, kinds=kinds, reference_date=reference_date, nlp=nlp)
        return
    import multiprocessing

    global _worker_nlp
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:  # load once here; the forked workers share it copy-on-write instead of each loading it again
        from claimx.nlp import load_nlp

        _worker_nlp = nlp or load_nlp(model)
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        inflight: deque = deque()
        for item in sources():
            inflight.append(item if isinstance(item, FileResult) else
                            pool.apply_async(_extract_one, ((*item, kinds, reference_date),)))
            while len(inflight) > 2 * jobs or (inflight and isinstance(inflight[0], FileResult)):
                head = inflight.popleft()
                yield head if isinstance(head, FileResult) else head.get()
        while inflight:
            head = inflight.popleft()
            yield head if isinstance(head, FileResult) else head.get()


def _run_here(items: Iterator[FileResult | tuple[str, str, str, str]], *, model, kinds, reference_date, nlp
              ) -> Iterator[FileResult]:
    from claimx.api import extract_texts
    from claimx.nlp import load_nlp

    nlp = nlp or load_nlp(model)
    for item in items:
        if isinstance(item, FileResult):
            yield item
            continue
        name, text, sha, encoding = item
        claims = next(extract_texts([(text, name)], nlp=nlp, kinds=kinds, reference_date=reference_date))
        yield FileResult(name, claims=claims, sha256=sha, encoding=encoding)
