"""claimx on a Dask cluster: paths (local, or fsspec URLs such as ``s3://bucket/essays/*.txt``) grouped into
partitions, each read and extracted on a worker that loads the spaCy model once (``claimx.nlp.load_nlp`` is
cached per worker process).

    pip install "claimx[dask]"

    from distributed import Client
    import claimx.dask
    client = Client("tcp://scheduler:8786")
    claims, errors = claimx.dask.claims_frame(["s3://bucket/essays/*.txt"])
    claims.to_parquet("claims.parquet")          # or claims.compute(), claims.groupby("kind").size() ...

The CLI's ``--scheduler`` uses :func:`run`: it streams the claims back in input order (for CSV, JSON Lines and the
table) or has each worker write its partition's Parquet file (``-o claims.parquet``), skipping partitions
already written, so an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from claimx.errors import UnreadableInput
from claimx.model import Kind
from claimx.recognizers.dates import check_reference

ERROR_COLUMNS = ("file", "problem", "error")
ERRORS_FILE = "_errors.parquet"  # beside the partitions; a leading '_' keeps it out of the dataset


@dataclass(frozen=True)
class Options:
    """What each worker needs to read a partition like ``claimx extract`` would."""

    kinds: tuple[Kind, ...] | None = None
    sections: frozenset[str] | None = None
    as_of: str | None = None
    encoding: str | None = None
    model: str | None = None

    @classmethod
    def of(cls, kinds=None, sections=None, as_of: str | None = None, encoding: str | None = None,
           model: str | None = None) -> "Options":
        """Options from what ``claimx extract`` takes (kinds as names or Kinds, sections as any iterable); an
        ``as_of`` that is no real ISO date is a ValueError."""
        check_reference(as_of)
        return cls(tuple(Kind(k) for k in kinds) if kinds else None, frozenset(sections) if sections else None,
                   as_of, encoding, model)


def is_url(path: str) -> bool:
    return "://" in path


def expand(paths: Iterable[str]) -> list[str | UnreadableInput]:
    """Files to read, in order: local paths as ``claimx extract`` walks them; URLs expanded by fsspec (a glob, or
    a 'folder' of objects) to every text and document they name."""
    from claimx.io.readers import READ_SUFFIXES, UsageProblem, expand_paths

    out: list[str | UnreadableInput] = []
    local: list[str] = []

    def flush() -> None:
        out.extend(expand_paths(local))
        local.clear()

    for p in paths:
        if not is_url(p):
            local.append(p)
            continue
        flush()
        import fsspec

        try:
            fs, _, found = fsspec.get_fs_token_paths(p)
            if len(found) == 1 and fs.isdir(found[0]):
                found = sorted(f for f in fs.find(found[0]) if f.lower().endswith(READ_SUFFIXES))
        except (ImportError, ValueError, OSError) as e:
            out.append(UsageProblem(f"{p}: cannot list ({e})".splitlines()[0], p))
            continue
        if not found:
            out.append(UsageProblem(f"{p}: no such file or folder", p))
        protocol = p.split("://", 1)[0]
        out.extend(f if is_url(f) else f"{protocol}://{f}" for f in sorted(found))
    flush()
    return out


def _source(path: str, encoding: str | None):
    from claimx.io.readers import read_input, source_from_bytes

    if not is_url(path):
        return read_input(path, encoding, convert=False)
    import fsspec

    try:
        with fsspec.open(path, "rb") as f:
            data = f.read()
    except (OSError, ValueError) as e:
        return UnreadableInput(f"{path}: cannot read ({e})".splitlines()[0], path)
    return source_from_bytes(data, path, path, encoding, convert=False)


def extract_chunk(paths: list[str], options: Options) -> list:
    """Read and extract a partition's files on a worker, as one machine's batch does
    (:func:`claimx.batch.read_source`): one :class:`claimx.batch.FileResult` per path (claims, essays, or the
    error), without the texts."""
    from claimx.batch import FileResult, problem_of, read_source, tune_allocator
    from claimx.nlp import load_nlp

    tune_allocator()
    results = []
    for path in paths:
        source = _source(path, options.encoding)
        if isinstance(source, UnreadableInput):
            results.append(FileResult(source.name or path, error=str(source), problem=problem_of(source)))
            continue
        r = read_source(load_nlp(options.model), (source, None), list(options.kinds) if options.kinds else None,
                        options.as_of)
        if r.claims is not None and options.sections is not None:
            r.claims = [c for c in r.claims if c.section in options.sections]
        r.text = None  # the client needs the claims, not the document back
        results.append(r)
    return results


def _frames(results: list):
    """(claims, errors) pandas DataFrames of a partition's results."""
    import pandas as pd
    import pyarrow as pa

    from claimx.io import parquet

    claims = parquet.frame([c for r in results if r.claims for c in r.claims])
    errors = pd.DataFrame([(r.name, r.problem, r.error) for r in results if r.error], columns=list(ERROR_COLUMNS),
                          dtype=pd.ArrowDtype(pa.string()))
    return claims, errors


def _chunk_frames(paths: list[str], options: Options):
    return _frames(extract_chunk(paths, options))


def partitions(files: list[str], workers: int, files_per_partition: int | None = None) -> list[list[str]]:
    """Files in order, in partitions of ``files_per_partition`` (default: about 16 partitions per worker, so the
    last ones balance the load; 1 to 64 files each)."""
    if not files:
        return []
    size = files_per_partition or max(1, min(64, math.ceil(len(files) / (16 * max(1, workers)))))
    return [files[i:i + size] for i in range(0, len(files), size)]


def claims_frame(paths: Iterable[str], *, files_per_partition: int | None = None, kinds=None, sections=None,
                 as_of: str | None = None, encoding: str | None = None, model: str | None = None, workers: int = 4):
    """Two Dask DataFrames over the same tasks: the claims (the ``Claim`` columns with the dtypes of
    :mod:`claimx.io.parquet`) and the errors (file, problem, error) of every path that could not be read. Paths
    that name nothing are errors too. Compute them together (``dask.compute(claims, errors)``) to read once."""
    import dask
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa

    from claimx.io import parquet

    options = Options.of(kinds, sections, as_of, encoding, model)
    found = expand(paths)
    files = [f for f in found if isinstance(f, str)]
    problems = [(f.name, "usage", str(f)) for f in found if not isinstance(f, str)]
    chunks = partitions(files, workers, files_per_partition)
    parts = [dask.delayed(_chunk_frames, pure=True, nout=2)(chunk, options) for chunk in chunks]
    claims_meta = parquet.frame([])
    error_meta = pd.DataFrame({c: pd.Series([], dtype=pd.ArrowDtype(pa.string())) for c in ERROR_COLUMNS})
    if not parts:
        return (dd.from_pandas(claims_meta, npartitions=1),
                dd.from_pandas(pd.DataFrame(problems, columns=list(ERROR_COLUMNS)).astype(error_meta.dtypes), 1))
    claims = dd.from_delayed([p[0] for p in parts], meta=claims_meta, verify_meta=False)
    errors = dd.from_delayed([p[1] for p in parts], meta=error_meta, verify_meta=False)
    if problems:
        listed = dd.from_pandas(pd.DataFrame(problems, columns=list(ERROR_COLUMNS)).astype(error_meta.dtypes), 1)
        errors = dd.concat([listed, errors])
    return claims, errors


# ---------------------------------------------------------------- the CLI's route

def client_for(scheduler: str, jobs: int):
    """A distributed Client: a LocalCluster of ``jobs`` single-threaded worker processes for 'local', else the
    scheduler at that address."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        workers = jobs or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        return Client(cluster)
    return Client(scheduler, timeout="10s")


def _target(out_dir: str, index: int, chunk: list[str]) -> str:
    digest = hashlib.sha1("\n".join(chunk).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{out_dir.rstrip('/')}/part-{index:05d}-{digest}.parquet"


def _write_chunk(chunk: list[str], options: Options, target: str) -> list:
    """On a worker: extract a partition and write its Parquet file (atomically: a temporary name, then renamed);
    return the results with claim counts only."""
    import fsspec
    import pyarrow.parquet as pq

    from claimx.io import parquet

    results = extract_chunk(chunk, options)
    fs, path = fsspec.core.url_to_fs(target)
    tmp = path + ".part"
    with fs.open(tmp, "wb") as f:
        pq.write_table(parquet.table([c for r in results if r.claims for c in r.claims]), f)
    fs.mv(tmp, path)
    return [replace(r, claims=None, essays=None, count=len(r.claims)) if r.claims is not None else r for r in results]


class ClusterBatch:
    """A batch run on a cluster, with the interface of :class:`claimx.batch.Batch`: ``total`` known before the
    first result, iteration in input order, ``summary`` filled as it goes."""

    def __init__(self, paths: Iterable[str], *, client, out_dir: str | None, options: Options, workers: int,
                 files_per_partition: int | None = None):
        from claimx.batch import Summary

        self.found = expand(paths)
        self.client, self.out_dir, self.options = client, out_dir, options
        self.workers, self.files_per_partition = workers, files_per_partition
        self.summary = Summary()
        self.started = False

    @property
    def total(self) -> int:
        from claimx.io.readers import RepeatedInput

        return sum(not isinstance(f, RepeatedInput) for f in self.found)

    def __iter__(self) -> Iterator:
        if self.started:  # like Batch: running the files again would double the summary
            raise RuntimeError("a ClusterBatch can be iterated once; make a new one")
        self.started = True
        return self._results()

    def _results(self) -> Iterator:
        for result in run(self.found, client=self.client, out_dir=self.out_dir, options=self.options,
                          workers=self.workers, files_per_partition=self.files_per_partition):
            self.summary.add(result)
            yield result


def run(found: list, *, client, out_dir: str | None, options: Options, workers: int,
        files_per_partition: int | None = None) -> Iterator:
    """FileResults in input order from a cluster, for the paths :func:`expand` found. With ``out_dir`` each
    partition's claims go to a Parquet file there (written by the worker; partitions already written are skipped,
    their files reported unchanged) and the results carry counts; without it they carry the claims."""
    from claimx.batch import FileResult, problem_of

    for f in found:
        if not isinstance(f, str):
            yield FileResult(f.name or "?", error=str(f), problem=problem_of(f))
    files = [f for f in found if isinstance(f, str)]
    chunks = partitions(files, workers, files_per_partition)
    fs = None
    if out_dir is not None:
        import fsspec

        fs, root = fsspec.core.url_to_fs(out_dir)
        fs.makedirs(root, exist_ok=True)
    earlier = read_errors(out_dir) if out_dir is not None else {}
    futures = []
    for i, chunk in enumerate(chunks):
        if out_dir is None:
            futures.append(client.submit(extract_chunk, chunk, options, pure=False))
            continue
        target = _target(out_dir, i, chunk)
        if fs.exists(fsspec_path(target)):  # written by an earlier run: its files' errors are reported again
            futures.append([FileResult(p, error=earlier[p][1], problem=earlier[p][0]) if p in earlier
                            else FileResult(p, skipped=True) for p in chunk])
        else:
            futures.append(client.submit(_write_chunk, chunk, options, target, pure=False))
    for future in futures:  # in input order; the cluster works ahead
        yield from (future if isinstance(future, list) else future.result())


def fsspec_path(url: str) -> str:
    import fsspec

    return fsspec.core.url_to_fs(url)[1]


def read_errors(out_dir: str) -> dict[str, tuple[str, str]]:
    """file -> (problem, error) from an earlier run's _errors.parquet in ``out_dir`` (empty when none)."""
    import fsspec
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(out_dir)
    path = f"{root.rstrip('/')}/{ERRORS_FILE}"
    if not fs.exists(path):
        return {}
    with fs.open(path, "rb") as f:
        t = pq.read_table(f).to_pylist()
    return {r["file"]: (r["problem"], r["error"]) for r in t}


def write_errors(out_dir: str, rows: list[tuple[str, str, str]]) -> None:
    """The files that could not be read, beside the partitions (``_errors.parquet``; none: no file)."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(out_dir)
    path = f"{root.rstrip('/')}/{ERRORS_FILE}"
    if not rows:
        if fs.exists(path):
            fs.rm(path)
        return
    table = pa.table({c: [r[i] for r in rows] for i, c in enumerate(ERROR_COLUMNS)})
    with fs.open(path, "wb") as f:
        pq.write_table(table, f)


def compare_on_cluster(claims: list, client, partitions: int | None = None) -> list:
    """``claimx.compare.compare`` with the grouping on the cluster: the claims are spread over partitions, keyed by
    their measure's id, shuffled so that each measure's claims meet on one worker, and judged there; the client
    only numbers the groups. Places are named over the whole collection first (a small table)."""
    import dask.bag as dask_bag

    from claimx.compare import narrower, place_names

    places = place_names(c.place for c in claims if c.subject_key)
    workers = len(client.scheduler_info().get("workers", {})) or 1
    bag = dask_bag.from_sequence(claims, npartitions=partitions or max(1, min(len(claims), 4 * workers)) or 1)
    measured = bag.map(_measured, places).filter(None)
    # the measures named more fully elsewhere (a small table, from the distinct measures) before the shuffle
    into = narrower(client.compute(measured.map(lambda mc: mc[0]).distinct(), sync=True) if len(claims) else [])
    judged = (measured.map(lambda mc: (into.get(mc[0], mc[0]), mc[1]))
              .groupby(lambda mc: mc[0].id(), shuffle="tasks")
              .map(_judged).filter(None))
    from claimx.compare import numbered

    return numbered(client.compute(judged, sync=True) if len(claims) else [])


def _measured(claim, places):
    from claimx.compare import Compared, interval, measure_of

    m = measure_of(claim, places)
    span = interval(claim, m) if m is not None else None
    return (m, Compared(0, "", claim, *span)) if span is not None else None


def _judged(item):
    from claimx.compare import judge

    _, pairs = item
    return judge(pairs[0][0], [c for _, c in pairs])
