"""claimx on a Dask cluster (claimx[dask], which the test extra brings): the same claims as one process, errors as
rows, Parquet partitions written by the workers and skipped on a rerun."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app

from conftest import FIXTURES

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


def rows(frame):
    """Comparable rows: every column as text, sorted."""
    return sorted(tuple("" if v is None or v != v else str(v) for v in r) for r in frame.astype(str).itertuples(index=False))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for p in sorted(FIXTURES.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    shutil.copy(FIXTURES / "documents" / "wikipedia-t-sne.html", folder / "page.html")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<< /Type /Catalog")
    (folder / "short.md").write_text("Rents rose 5 percent in 2020, and 3 of 4 tenants paid more.", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        yield c


def test_a_cluster_gives_exactly_the_claims_of_one_process(inputs, client, nlp):
    import dask

    import claimx.dask
    from claimx.batch import extract_files
    from claimx.io import parquet

    claims, errors = claimx.dask.claims_frame([str(inputs)], files_per_partition=1)
    assert claims.npartitions == 5  # one per file, readable or not
    got, bad = dask.compute(claims, errors)
    local = [c for r in extract_files([str(inputs)], jobs=1, nlp=nlp) if r.claims for c in r.claims]
    expected = parquet.frame(local)
    assert len(got) == len(expected) > 200
    assert rows(got) == rows(expected)
    assert list(got.columns) == list(expected.columns) and dict(got.dtypes) == dict(expected.dtypes)
    assert bad["file"].tolist() == [str(inputs / "broken.pdf")] and "damaged PDF" in bad["error"].iloc[0]


def test_the_cli_writes_a_parquet_dataset_and_resumes(inputs, tmp_path):
    import pandas as pd

    out = tmp_path / "claims.parquet"
    first = CliRunner().invoke(app, ["extract", str(inputs), "--scheduler", "local", "-j", "2", "-o", str(out)])
    assert first.exit_code == 1, first.stderr  # the broken PDF failed; the rest was written
    assert "broken.pdf: damaged PDF" in first.stderr and "5 files:" in first.stderr
    claims = pd.read_parquet(out)
    assert len(claims) > 200 and set(claims["kind"]) >= {"percent", "date", "count"}
    assert pd.read_parquet(out / "_errors.parquet")["file"].str.endswith("broken.pdf").all()
    parts = sorted(p.name for p in out.glob("part-*.parquet"))
    again = CliRunner().invoke(app, ["extract", str(inputs), "--scheduler", "local", "-j", "2", "-o", str(out)])
    assert "unchanged (skipped)" in again.stderr and sorted(p.name for p in out.glob("part-*.parquet")) == parts
    assert len(pd.read_parquet(out)) == len(claims)


def test_the_cli_streams_in_input_order(inputs, nlp):
    import json

    from claimx.batch import extract_files

    result = CliRunner().invoke(app, ["extract", str(inputs), "--scheduler", "local", "-j", "2", "-f", "jsonl"])
    streamed = [(r["file"], r["start"], r["text"]) for r in map(json.loads, result.stdout.splitlines())]
    local = [(c.file, c.start, c.text) for r in extract_files([str(inputs)], nlp=nlp) if r.claims for c in r.claims]
    assert streamed == local  # the same rows in the same order


def test_a_cluster_batch_is_iterated_once(client, tmp_path):
    import claimx.dask

    (tmp_path / "a.txt").write_text("Fares rose 4 percent in 2022.", encoding="utf-8")
    batch = claimx.dask.ClusterBatch([str(tmp_path)], client=client, out_dir=None, options=claimx.dask.Options.of(
        None, None, None, None, None), workers=2)
    assert sum(len(r.claims) for r in batch) == 2 and batch.summary.claims == 2
    with pytest.raises(RuntimeError, match="iterated once"):
        iter(batch)
    assert batch.summary.claims == 2


def test_compare_on_a_cluster_gives_the_groups_of_one_process(client, nlp):
    from claimx.batch import extract_files
    from claimx.compare import compare

    collection = Path(__file__).parent / "collection"
    claims = [c for r in extract_files([str(collection)], nlp=nlp) for c in r.claims]
    here = compare(claims)
    from claimx import dask as on_dask

    there = on_dask.compare_on_cluster(claims, client, partitions=5)
    assert [(g.id, g.verdict, g.measure, [m.claim for m in g.members]) for g in there] == \
           [(g.id, g.verdict, g.measure, [m.claim for m in g.members]) for g in here]
    assert len(here) == 12 and any(g.measure.subject_key == "consumer inflation" for g in here)  # one folded in
