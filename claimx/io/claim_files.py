"""Claims read back from claimx's own CSV and JSON Lines files (for ``claimx compare``)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from claimx.errors import ClaimxError
from claimx.model import FIELDS, Claim, Direction, Kind, Qualifier

CLAIM_SUFFIXES = (".csv", ".jsonl", ".ndjson")
REQUIRED = ("kind", "text")
INTEGERS = ("start", "end", "essay", "page")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ClaimFileError(ClaimxError):
    """A claims file that is not claimx's CSV or JSON Lines, or has a row that cannot be read."""


def is_claim_file(path: str) -> bool:
    return Path(path).suffix.lower() in CLAIM_SUFFIXES


def has_subject_keys(path: str) -> bool:
    """Whether a claim file has the ``subject_key`` column (claimx wrote it after subject keys came in): its CSV
    header, or its first JSON line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            if Path(path).suffix.lower() == ".csv":
                return "subject_key" in (next(csv.reader(f), None) or [])
            first = next((line for line in f if line.strip()), "")
            return '"subject_key"' in first
    except (OSError, UnicodeDecodeError):
        return True  # read_claims reports the file


def read_claims(path: str) -> Iterator[Claim]:
    """The claims of a CSV or JSON Lines file written by ``claimx extract`` (or ``claimx compare``: its ``group``
    and ``verdict`` columns are ignored). Raises :class:`ClaimFileError` naming the file and line."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as f:
            if p.suffix.lower() == ".csv":
                reader = csv.DictReader(f)
                missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
                if missing:
                    raise ClaimFileError(f"{path}: not a claimx CSV (no {', '.join(missing)} column)")
                for n, row in enumerate(reader, start=2):
                    yield _claim(path, n, {k: _cell(v) for k, v in row.items() if k is not None}, from_csv=True)
            else:
                for n, line in enumerate(f, start=1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line, parse_float=Decimal)
                    except json.JSONDecodeError as e:
                        raise ClaimFileError(f"{path}: line {n} is not JSON ({e.msg})") from None
                    if not isinstance(row, dict) or any(c not in row for c in REQUIRED):
                        raise ClaimFileError(f"{path}: line {n} is not a claimx claim (needs kind and text)")
                    yield _claim(path, n, row, from_csv=False)
    except OSError as e:
        raise ClaimFileError(f"{path}: cannot read ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise ClaimFileError(f"{path}: not UTF-8 text; claimx writes its CSV and JSON Lines as UTF-8") from None


def _cell(v: str | None) -> str | None:
    """A CSV cell: '' is null; a leading apostrophe that claimx put before formula-like text is taken off."""
    if v is None or v == "":
        return None
    if v.startswith("'") and v[1:2] and v[1:].startswith(FORMULA_STARTS):
        return v[1:]
    return v


def _claim(path: str, line: int, row: dict[str, Any], *, from_csv: bool) -> Claim:
    try:
        kind = Kind(row["kind"])
        d: dict[str, Any] = {f: row.get(f) for f in FIELDS}
        d["kind"] = kind
        for f in ("value", "low", "high"):
            v = d[f]
            if v is not None:
                d[f] = str(v) if kind == Kind.date else Decimal(str(v))
        for f in INTEGERS:
            if d[f] is not None:
                d[f] = int(d[f])
        d["start"] = d["start"] or 0
        d["end"] = d["end"] or 0
        d["qualifier"] = Qualifier(d["qualifier"]) if d["qualifier"] else None
        d["direction"] = Direction(d["direction"]) if d["direction"] else None
        authors = d["authors"]
        if from_csv:
            d["authors"] = tuple(a for a in (authors or "").split("; ") if a)
            d["in_table"] = (d["in_table"] or "").lower() == "true"
        else:
            d["authors"] = tuple(authors or ())
            d["in_table"] = bool(d["in_table"])
        for f in ("file", "text", "subject", "subject_key", "place", "time", "source", "essay_title", "published",
                  "section", "sentence", "unit"):
            if d[f] is not None:
                d[f] = str(d[f])
        return Claim(**d)
    except (ValueError, InvalidOperation, TypeError) as e:
        raise ClaimFileError(f"{path}: line {line} has a value claimx cannot read ({e})") from None
