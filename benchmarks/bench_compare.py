"""Benchmark: `claimx compare --db` on a store of N synthetic claims (default 1,000,000: 1,000 files of 1,000
claims, 120 subject keys, 9 places, 8 years), timed as a whole command (reading the store, grouping, writing JSON
Lines to /dev/null), with its peak memory.

    python benchmarks/bench_compare.py [--claims 1000000] [--runs 3]

The store is built once in a temporary folder (about 40 s and 180 MB for a million claims) before the clock starts.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

WORDS = ["export", "import", "wheat", "rice", "copper", "budget", "debt", "output", "price", "wage", "rent", "tax",
         "school", "nurse", "oil", "gas"]
PLACES = ["Chile", "Peru", "Kenya", "Spain", "Norway", "Ghana", "Brazil", "India", None]


def build(path: str, claims: int, per_file: int = 1000) -> None:
    from claimx.io.store import Store
    from claimx.model import Claim, Kind

    rng = random.Random(1)
    store = Store(path)
    for f in range(max(1, claims // per_file)):
        rows = []
        for i in range(per_file):
            key = " ".join(sorted(rng.sample(WORDS, 2)))
            v = rng.choice([Decimal("12.5"), Decimal(rng.randint(1, 400))])
            rows.append(Claim(file=f"doc{f}.txt", start=i, end=i + 3, text=f"{v}%", kind=Kind.percent, value=v,
                              unit="%", subject=key, subject_key=key, place=rng.choice(PLACES),
                              time=str(rng.randint(2015, 2022)), essay=1, sentence=f"The {key} was {v}% that year."))
        store.replace(f"/bench/doc{f}.txt", "sha", "version", "model", rows)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    claimx = str(Path(sys.executable).parent / "claimx")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "claims.sqlite")
        build(db, args.claims)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([claimx, "compare", "--db", db, "-f", "jsonl", "-q"], stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"claimx compare --db on {args.claims:,} claims: best {min(times):.1f} s, median "
              f"{sorted(times)[len(times) // 2]:.1f} s of {args.runs}; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
