"""Claims as Arrow tables and Parquet files (pyarrow), with one schema made from the ``Claim`` fields.

Every ``Claim`` column keeps its name and order. ``value``, ``low`` and ``high`` hold the exact value as CSV
writes it (a decimal such as ``4000000000`` or ``0.6666666666666666``, or an ISO date such as ``2019-07`` or
``--07-13``), so nothing is lost; ``value_number``, ``low_number`` and ``high_number`` (float64, null for dates
and for numbers no float holds, such as 1E-400 or 1E+400) follow them for arithmetic. Offsets, essay and page are int64, ``in_table`` is bool, ``authors`` a list of
strings, everything else a string.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from typing import Any

from claimx.model import FIELDS, Claim, Kind, json_value

NUMBER_COLUMNS = ("value", "low", "high")  # each followed by '<name>_number'
BATCH_ROWS = 10_000


def _type(name: str):
    import pyarrow as pa

    field = next(f for f in dataclasses.fields(Claim) if f.name == name)
    kind = str(field.type)
    if name in NUMBER_COLUMNS:
        return pa.string()
    if kind.startswith("int"):
        return pa.int64()
    if kind.startswith("bool"):
        return pa.bool_()
    if kind.startswith("tuple"):
        return pa.list_(pa.string())
    return pa.string()


def schema():
    """The Arrow schema of a claims table: the Claim columns, then ``<value|low|high>_number``."""
    import pyarrow as pa

    return pa.schema([pa.field(name, _type(name)) for name in FIELDS]
                     + [pa.field(f"{name}_number", pa.float64()) for name in NUMBER_COLUMNS])


def _number(claim: Claim, name: str) -> float | None:
    v = getattr(claim, name)
    if v is None or claim.kind == Kind.date or isinstance(v, str):
        return None
    f = float(v)
    return f if math.isfinite(f) and (f != 0 or v == 0) else None  # beyond a float: the exact text column only


def row(claim: Claim) -> dict[str, Any]:
    """One claim as a dict of Arrow-ready values."""
    from claimx.io.writers import plain

    d = claim.to_dict()
    out: dict[str, Any] = {}
    for name in FIELDS:
        v = d[name]
        if name in NUMBER_COLUMNS:
            out[name] = plain(v) if v is not None else None
        elif name == "authors":
            out[name] = list(v or [])
        else:
            out[name] = v if (v is None or isinstance(v, (int, bool, str))) else str(json_value(v))
    for name in NUMBER_COLUMNS:
        out[f"{name}_number"] = _number(claim, name)
    return out


def table(claims: Iterable[Claim]):
    """An Arrow table of claims, with :func:`schema`."""
    import pyarrow as pa

    rows = [row(c) for c in claims]
    return pa.Table.from_pylist(rows, schema=schema())


def frame(claims: Iterable[Claim]):
    """A pandas DataFrame of claims with Arrow-backed dtypes (the same for an empty one: Dask's ``meta``)."""
    import pandas as pd

    return table(claims).to_pandas(types_mapper=pd.ArrowDtype)


def write_parquet(claims: Iterable[Claim], path: str) -> int:
    """Claims streamed into one Parquet file in row groups of BATCH_ROWS; returns the number written."""
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, schema()) as writer:
        batch: list[Claim] = []
        for c in claims:
            batch.append(c)
            if len(batch) == BATCH_ROWS:
                writer.write_table(table(batch))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(table(batch))
            n += len(batch)
    return n


def need_pyarrow() -> None:
    """A clear message when pyarrow is missing (it comes with the 'dask' extra)."""
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        from claimx.errors import ClaimxError

        raise ClaimxError('Parquet needs pyarrow: pip install "claimx[dask]" (or pip install pyarrow)')
