"""Benchmark: claimx on a Dask LocalCluster with 1 and 2 single-threaded workers, next to `--jobs 1` and
`--jobs 2`, on the same texts (the bundled essays repeated to --mb megabytes) in one run.

    pip install "claimx[dask]"; python benchmarks/bench_dask.py [--mb 1.0]

Each worker loads the model and reads one sentence before the clock starts (as on a cluster that runs many
batches); `--jobs` phases are timed the same way. The ratio of 2 workers to 1 is the speed-up the cluster gives
on this machine; chars/s per core is the number to size a cluster with.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench import make_corpus


WARM_UP = "Rents rose 5.5 percent to $1,200 a month in June 2020, and 3 of 4 tenants paid more."


def warm_up() -> None:
    """Load the model and compile claimx's patterns (as a long-running worker has), so the clock measures work."""
    import claimx

    claimx.extract(WARM_UP)


def dask_phase(paths: list[Path], workers: int) -> float:
    import dask
    from distributed import Client, LocalCluster

    import claimx.dask
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.run(warm_up)  # the model and claimx's compiled patterns in every worker, before the clock
        start = time.perf_counter()
        claims, errors = claimx.dask.claims_frame([str(p) for p in paths], workers=workers)
        got, _ = dask.compute(claims, errors)
        elapsed = time.perf_counter() - start
    assert len(got) > 0
    return elapsed


def jobs_phase(paths: list[Path], jobs: int) -> float:
    from claimx.batch import extract_files
    from claimx.nlp import load_nlp

    nlp = load_nlp()
    warm_up()
    start = time.perf_counter()
    for _ in extract_files([str(p) for p in paths], jobs=jobs, nlp=nlp):
        pass
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, size = make_corpus(Path(tmp), a.mb)
        print(f"corpus: {len(paths)} files, {size:,} characters ({size / 1e6:.2f} MB); machine: {os.cpu_count()} cores")
        print(f"{'phase':<18}{'seconds':>9}{'chars/s':>12}{'per core':>12}")
        times = {}
        for name, run, n in (("--jobs 1", jobs_phase, 1), ("--jobs 2", jobs_phase, 2),
                             ("dask 1 worker", dask_phase, 1), ("dask 2 workers", dask_phase, 2)):
            times[name] = t = run(paths, n)
            print(f"{name:<18}{t:>9.1f}{size / t:>12,.0f}{size / t / n:>12,.0f}")
        print(f"dask 2 workers vs 1: {times['dask 1 worker'] / times['dask 2 workers']:.2f}x; "
              f"--jobs 2 vs 1: {times['--jobs 1'] / times['--jobs 2']:.2f}x")


if __name__ == "__main__":
    main()
