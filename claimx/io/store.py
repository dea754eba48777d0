"""An incremental SQLite store of claims (standard library only), keyed by file path and content hash.

Tables: ``files`` (one row per stored file: path, sha256, claimx version, model, claim count, time) and
``claims`` (one row per claim, the claim columns plus ``seq``, its order in the file). Each file is replaced
in one transaction, so a run killed mid-way loses at most the file in flight.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from claimx.errors import ClaimxError
from claimx.model import FIELDS, Claim, Direction, Kind, Qualifier

SCHEMA_VERSION = 1
NUMERIC = {"value", "low", "high"}


class StoreError(ClaimxError):
    """The store file cannot be opened or is not a claimx store."""


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self._create()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable SQLite claims store ({e})") from None

    def _create(self) -> None:
        cols = ", ".join(f'"{f}"' for f in FIELDS)
        self.conn.executescript(f"""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS files (
                path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, claimx_version TEXT NOT NULL, model TEXT NOT NULL,
                claims INTEGER NOT NULL, extracted_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS claims (path TEXT NOT NULL, seq INTEGER NOT NULL, {cols},
                PRIMARY KEY (path, seq));
            INSERT OR IGNORE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
        """)
        # a store written by an older claimx lacks the newer claim columns: add them (their files are
        # re-extracted anyway, since the claimx version is part of the skip rule)
        have = {row[1] for row in self.conn.execute("PRAGMA table_info(claims)")}
        for f in FIELDS:
            if f not in have:
                self.conn.execute(f'ALTER TABLE claims ADD COLUMN "{f}"')

    def is_current(self, path: str, sha256: str, version: str, model: str) -> bool:
        row = self.conn.execute("SELECT sha256, claimx_version, model FROM files WHERE path = ?", (path,)).fetchone()
        return row == (sha256, version, model)

    def replace(self, path: str, sha256: str, version: str, model: str, claims: list[Claim]) -> None:
        """Store a file's claims in place of any earlier ones, in one transaction."""
        marks = ", ".join("?" for _ in range(len(FIELDS) + 2))
        cols = ", ".join(f'"{f}"' for f in FIELDS)
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.execute("DELETE FROM claims WHERE path = ?", (path,))
            self.conn.executemany(f"INSERT INTO claims (path, seq, {cols}) VALUES ({marks})",
                                  [(path, i, *_sql_row(c)) for i, c in enumerate(claims)])
            self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                              (path, sha256, version, model, len(claims),
                               datetime.now(timezone.utc).isoformat(timespec="seconds")))

    def claims(self) -> Iterator[Claim]:
        """Every stored claim, file by file (in path order), in text order."""
        cols = ", ".join(f'"{f}"' for f in FIELDS)
        for row in self.conn.execute(f"SELECT {cols} FROM claims ORDER BY path, seq"):
            yield _claim(dict(zip(FIELDS, row)))

    def close(self) -> None:
        self.conn.close()


def _sql_row(c: Claim) -> list:
    d = c.to_dict()
    out = []
    for f in FIELDS:
        v = d[f]
        if isinstance(v, list):
            v = json.dumps(v, ensure_ascii=False)
        elif isinstance(v, int) and not isinstance(v, bool) and not -2**63 <= v < 2**63:
            v = str(v)  # beyond SQLite's integers: the exact digits, as text
        out.append(v)
    return out


def _claim(d: dict) -> Claim:
    kind = Kind(d["kind"])
    for f in NUMERIC:
        if d[f] is not None:  # dates are ISO strings, other values exact Decimals
            d[f] = str(d[f]) if kind == Kind.date else _decimal(d[f])
    d["kind"] = kind
    d["qualifier"] = Qualifier(d["qualifier"]) if d["qualifier"] else None
    d["direction"] = Direction(d["direction"]) if d["direction"] else None
    d["authors"] = tuple(json.loads(d["authors"])) if d["authors"] else ()
    d["in_table"] = bool(d["in_table"])
    return Claim(**d)


def _decimal(v) -> Decimal | str:
    """A stored number as an exact Decimal ('1E+400' and 'Infinity' included); text that is no number stays text."""
    try:
        return Decimal(str(v))
    except ArithmeticError:
        return str(v)
