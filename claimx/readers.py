"""Turn the paths a user gives (files, folders, '-') into texts, reporting what cannot be read."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimx.errors import UnreadableInput

TEXT_SUFFIXES = (".txt", ".md")
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input: its name as shown in output (the path as given, or '-') and its decoded text."""

    name: str
    text: str


def expand_paths(paths: Iterable[str]) -> Iterator[str | UnreadableInput]:
    """Files as given, folders walked recursively for *.txt and *.md (sorted), '-' kept as is."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                yield UnreadableInput(f"{p}: folder holds no .txt or .md files", p)
            for f in found:
                yield str(f)
        elif path.exists():
            yield p
        else:
            yield UnreadableInput(f"{p}: no such file or folder", p)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (a leading byte-order mark is dropped); anything else is an error naming the file."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput(f"{name}: looks like a binary file, not text; skipped", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableInput(
            f"{name}: not UTF-8 text (byte 0x{data[e.start]:02x} at position {e.start}); convert it to UTF-8", name
        ) from None


def read_sources(paths: Iterable[str]) -> Iterator[Source | UnreadableInput]:
    """Each input as a :class:`Source`, or the error that stopped it being read (the batch goes on)."""
    for p in expand_paths(paths):
        if isinstance(p, UnreadableInput):
            yield p
            continue
        try:
            data = sys.stdin.buffer.read() if p == STDIN else Path(p).read_bytes()
            yield Source(p, decode(data, p))
        except UnreadableInput as e:
            yield e
        except OSError as e:
            yield UnreadableInput(f"{p}: cannot read ({e.strerror or e})", p)
