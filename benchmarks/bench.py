"""Benchmark: claimx end to end against a plain spaCy pass over the same texts, in one run.

    python benchmarks/bench.py [--mb 1.0] [--jobs 1 2 ...] [--startup 5]

The texts are the bundled essay collections repeated until they reach --mb megabytes, one text per copy.
Each phase runs in its own process, so its peak memory (max RSS) is its own, and is timed from loading the
model to its last result:
  plain       nlp.pipe over the full texts with the same model, every component on
  claimx -jN  claimx.batch.extract_files over the same texts as files (read, extract, forget), N worker processes
It also runs claimx on twice as many files, to show that peak memory does not grow with the number of files,
times the installed command's start-up on one sentence (--startup runs), and times turning documents into text
(fixtures/documents: a three-column PDF report and a saved web page, each read --docs times) next to
extracting claims from that text.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.txt"))


def make_corpus(folder: Path, megabytes: float) -> tuple[list[Path], int]:
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    paths, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = texts[i % len(texts)]
        path = folder / f"essay_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        size += len(text)
        i += 1
    return paths, size


def phase(name: str, paths: list[str], jobs: int) -> dict:
    """Run in a child process: time one phase and report its peak memory."""
    from claimx.nlp import load_nlp, model_name

    start = time.perf_counter()  # every phase is timed from model loading to its last result
    if name == "plain":
        import spacy

        nlp = spacy.load(model_name())
        texts = (Path(p).read_text(encoding="utf-8") for p in paths)
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        elapsed = time.perf_counter() - start
        claims = None
    else:
        from claimx import batch

        nlp = load_nlp()
        claims = 0
        for result in batch.extract_files([str(p) for p in paths], jobs=jobs, nlp=nlp):
            claims += len(result.claims or [])
        elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_kb = max(peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": elapsed, "peak_mb": peak_kb / 1024, "claims": claims}


def documents(rounds: int, more: list[Path] = ()) -> None:
    """Conversion speed of the real document fixtures, in pages (PDF) or MB (HTML) per second, next to claimx's
    speed on the text they give (model loaded beforehand, as in a long batch); ``more``: other documents (the
    long reports of --docs-from), converted once each, with their total pages per second."""
    from claimx.io import documents as docs
    from claimx.io.readers import read_input
    from claimx.nlp import load_nlp
    import claimx

    nlp = load_nlp()
    print(f"{'document':<34}{'convert s':>10}{'rate':>16}{'claims s':>10}{'claims chars/s':>16}")
    pages = seconds = 0.0
    for path in sorted((ROOT / "fixtures" / "documents").glob("*.*")) + list(more):
        if path.suffix not in (".pdf", ".html", ".docx"):
            continue
        if path in more:
            rounds = 1
        data = path.read_bytes()
        kind = docs.document_kind(data, path.name)
        start = time.perf_counter()
        for _ in range(rounds):
            text = docs.convert(data, kind, path.name)
        convert_s = (time.perf_counter() - start) / rounds
        rate = (f"{text.count(docs.PAGE_BREAK) / convert_s:,.1f} pages/s" if kind == "pdf"
                else f"{len(data) / 1e6 / convert_s:,.2f} MB/s")
        if path in more and kind == "pdf":
            pages, seconds = pages + text.count(docs.PAGE_BREAK), seconds + convert_s
        start = time.perf_counter()
        for _ in range(rounds):
            claimx.extract(read_input(str(path)).text, nlp=nlp)
        claims_s = (time.perf_counter() - start) / rounds
        print(f"{path.name:<34}{convert_s:>10.3f}{rate:>16}{claims_s:>10.3f}{len(text) / claims_s:>16,.0f}")
    if seconds:
        print(f"PDFs of --docs-from: {pages:.0f} pages in {seconds:.1f} s, {pages / seconds:.1f} pages/s")


def startup(rounds: int) -> None:
    """The installed command on one sentence, ``rounds`` times: median wall seconds and peak memory, the cost a
    batch job pays once per run (and a worker once per process)."""
    script = Path(sys.executable).parent / "claimx"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "claimx"]
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("Rents rose 5 percent in 2020.", encoding="utf-8")
        walls, peaks = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            child = subprocess.Popen(command + ["extract", str(one), "-f", "jsonl"], stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            walls.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024)
            assert status == 0
    walls.sort()
    print(f"start-up: claimx extract on one sentence, median of {rounds}: {walls[len(walls) // 2]:.2f} s "
          f"(min {walls[0]:.2f}), peak {max(peaks):.0f} MB")


def worker_counts() -> list[int]:
    """1, 2, 4 ... up to the machine's cores, and the cores themselves."""
    cores = os.cpu_count() or 1
    counts = [1]
    while counts[-1] * 2 < cores:
        counts.append(counts[-1] * 2)
    return counts + [cores] if cores > 1 else counts


def run_child(name: str, paths: list[Path], jobs: int) -> dict:
    listing = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump([str(p) for p in paths], listing)
    listing.close()
    out = subprocess.run([sys.executable, __file__, "--child", name, "--list", listing.name, "--jobs", str(jobs)],
                         capture_output=True, text=True, check=True)
    os.unlink(listing.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in megabytes (default 1.0)")
    ap.add_argument("--jobs", type=int, nargs="+", default=worker_counts(),
                    help="worker counts to time (default 1, 2, 4 ... up to the machine's cores)")
    ap.add_argument("--startup", type=int, default=5, help="runs of the start-up timing (0: skip)")
    ap.add_argument("--docs", type=int, default=5, help="rounds of the document conversion timing (0: skip)")
    ap.add_argument("--docs-from", type=Path, metavar="DIR",
                    help="also time converting every PDF in DIR (default: ../shared/dev/documents when present)")
    ap.add_argument("--child")
    ap.add_argument("--list")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(phase(a.child, json.loads(Path(a.list).read_text()), a.jobs[0])))
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths, size = make_corpus(Path(tmp), a.mb)
        print(f"corpus: {len(paths)} files, {size:,} characters ({size / 1e6:.2f} MB); machine: {os.cpu_count()} cores")
        plain = run_child("plain", paths, 1)
        rate_plain = size / plain["seconds"]
        print(f"{'phase':<14}{'seconds':>9}{'chars/s':>12}{'vs plain':>10}{'peak MB':>9}{'claims':>8}")
        print(f"{'plain spaCy':<14}{plain['seconds']:>9.1f}{rate_plain:>12,.0f}{1:>10.2f}{plain['peak_mb']:>9.0f}{'':>8}")
        results = {}
        for jobs in a.jobs:
            r = run_child("claimx", paths, jobs)
            results[jobs] = r
            rate = size / r["seconds"]
            print(f"{'claimx -j' + str(jobs):<14}{r['seconds']:>9.1f}{rate:>12,.0f}{rate / rate_plain:>10.2f}"
                  f"{r['peak_mb']:>9.0f}{r['claims']:>8}")
        for jobs in a.jobs:
            if jobs > 1 and 1 in results:
                print(f"--jobs {jobs} vs --jobs 1: {results[1]['seconds'] / results[jobs]['seconds']:.2f}x")
        double = Path(tmp) / "double"
        double.mkdir()
        more, _ = make_corpus(double, 2 * a.mb)
        r2 = run_child("claimx", more, 1)
        print(f"memory: claimx -j1 peak {results.get(1, r2)['peak_mb']:.0f} MB on {len(paths)} files, "
              f"{r2['peak_mb']:.0f} MB on {len(more)} files")
    if a.startup:
        startup(a.startup)
    if a.docs:
        folder = a.docs_from or ROOT.parent / "shared" / "dev" / "documents"
        documents(a.docs, sorted(folder.glob("*.pdf")) if folder.is_dir() else [])


if __name__ == "__main__":
    main()
