"""Benchmark: claimx on a Dask LocalCluster with 1 and 2 single-threaded workers, next to `--jobs 1` and
`--jobs 2`, on the same texts (the bundled essays repeated to --mb megabytes) in one run.

    pip install "claimx[dask]"; python benchmarks/bench_dask.py [--mb 1.0]

Each worker loads the model and reads one of the essays before the clock starts (the model loaded, claimx's
patterns compiled); `--jobs` phases are warmed the same way, in the process its workers are forked from. Each
phase then reads the corpus twice: the first pass (a fresh worker's first batch: its memory still growing) and
the second (a long-running worker's batch, what a cluster mostly does). The ratio of 2 workers to 1 is the
speed-up the cluster gives on this machine; chars/s per core is the number to size a cluster with.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench import make_corpus


WARM_UP = Path(__file__).resolve().parents[1] / "fixtures" / "000_f2578a8095776c86.txt"


def warm_up() -> None:
    """Load the model, compile claimx's patterns and fill its caches (as a long-running worker has), so the clock
    measures work."""
    import claimx

    claimx.extract(WARM_UP.read_text(encoding="utf-8"))


def dask_phase(paths: list[Path], workers: int) -> list[float]:
    import dask
    from distributed import Client, LocalCluster

    import claimx.dask
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.run(warm_up)  # the model and claimx's compiled patterns in every worker, before the clock
        passes = []
        for _ in range(2):
            start = time.perf_counter()
            claims, errors = claimx.dask.claims_frame([str(p) for p in paths], workers=workers)
            got, _ = dask.compute(claims, errors)
            passes.append(time.perf_counter() - start)
            assert len(got) > 0
    return passes


def jobs_phase(paths: list[Path], jobs: int) -> list[float]:
    from claimx.batch import extract_files
    from claimx.nlp import load_nlp

    nlp = load_nlp()
    warm_up()
    passes = []
    for _ in range(2):
        start = time.perf_counter()
        for _ in extract_files([str(p) for p in paths], jobs=jobs, nlp=nlp):
            pass
        passes.append(time.perf_counter() - start)
    return passes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, size = make_corpus(Path(tmp), a.mb)
        print(f"corpus: {len(paths)} files, {size:,} characters ({size / 1e6:.2f} MB); machine: {os.cpu_count()} cores")
        print(f"{'phase':<18}{'1st pass s':>11}{'2nd pass s':>11}{'chars/s':>12}{'per core':>12}")
        times = {}
        for name, run, n in (("--jobs 1", jobs_phase, 1), ("--jobs 2", jobs_phase, 2),
                             ("dask 1 worker", dask_phase, 1), ("dask 2 workers", dask_phase, 2)):
            first, times[name] = run(paths, n)
            t = times[name]
            print(f"{name:<18}{first:>11.1f}{t:>11.1f}{size / t:>12,.0f}{size / t / n:>12,.0f}")
        print(f"second pass: dask 2 workers vs 1: {times['dask 1 worker'] / times['dask 2 workers']:.2f}x; "
              f"--jobs 2 vs 1: {times['--jobs 1'] / times['--jobs 2']:.2f}x; a dask worker vs a --jobs worker: "
              f"{times['--jobs 1'] / times['dask 1 worker']:.2f} (1), {times['--jobs 2'] / times['dask 2 workers']:.2f} (2)")


if __name__ == "__main__":
    main()
