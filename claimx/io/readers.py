"""Turn the paths a user gives (files, folders, '-') into texts, reporting what cannot be read.

Documents (PDF, HTML, Word .docx), recognised by their content first and then by their suffix, are turned into
text by :mod:`claimx.io.documents`. Other text is decoded: a byte-order mark decides (UTF-8, UTF-16, UTF-32);
else UTF-8; else Windows-1252 (a superset of the printable Latin-1), which is reported, never silent.
``encoding=`` overrides. Other binary files (images, archives, RTF, OpenDocument, anything with NUL bytes) are
skipped with a warning.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimx.errors import Skipped, UnreadableInput
from claimx.io import documents
from claimx.io.documents import document_kind

TEXT_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (".pdf", ".html", ".htm", ".docx")
READ_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES  # what a folder walk reads
BINARY_SUFFIXES = {".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image", ".gif": "GIF image",
                   ".zip": "zip archive", ".xlsx": "Excel workbook", ".pptx": "PowerPoint file",
                   ".gz": "gzip archive", ".doc": "Word 97-2003 document (save it as .docx)",
                   ".xls": "Excel workbook", ".rtf": "RTF document (save it as .docx or .txt)",
                   ".odt": "OpenDocument file (save it as .docx or .txt)"}
MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
         (b"PK\x03\x04", "zip archive (or Office document)"), (b"\x1f\x8b", "gzip archive"), (b"\xd0\xcf\x11\xe0", "Office document"))
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
STDIN = "-"


class UsageProblem(UnreadableInput):
    """A path that names nothing to read: missing, or a folder with no text files (exit status 2)."""


class OwnOutput(Skipped):
    """A file claimx wrote (a report, a table, CSV or JSON of claims): never read back as an essay; not a failure."""


# what marks claimx's own outputs: the report's <meta name="generator">, the first line of a table written to a
# file or a pipe (writers.table_marker), the header of its CSV, the fields of its JSON
OWN_HTML = re.compile(rb'<meta\s+name="generator"\s+content="claimx[\s"]')
OWN_TABLE = re.compile(r"claimx \d\S* · (claims|essays) table")


@dataclass(frozen=True)
class Source:
    """One input: its name as shown in output (the path as given, escaped if not UTF-8, or '-'), its decoded text,
    the encoding, and the key the store files it under."""

    name: str
    text: str
    encoding: str = "utf-8"  # for a document: its kind ('pdf', 'html', 'docx')
    key: str = STDIN  # what the store keys it by: the resolved absolute path
    raw: bytes | None = None  # a document not yet converted (``read_input(..., convert=False)``): its bytes
    notices: tuple[str, ...] = ()  # what the user should know about the conversion ('a paragraph ... not read')

    def converted(self) -> "Source":
        """The source with its text: a document read with ``convert=False`` is converted now (this may raise
        :class:`UnreadableInput`); a text is returned as is."""
        if self.raw is None:
            return self
        notices: list[str] = []
        text = documents.convert(self.raw, self.encoding, self.name, notices)
        return Source(self.name, text, self.encoding, self.key, notices=tuple(notices))


def shown(path: str) -> str:
    """A path as claimx shows it: bytes that are not UTF-8 (kept by Python as lone surrogates) escaped as \\xNN,
    so a name like b'caf\\xe9.txt' can be written to any output, and always the same way.

    >>> shown("caf\\udce9.txt"), shown("café.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def store_key(path: str) -> str:
    """What the --db store keys a file by: its resolved absolute path, shown (stdin: '-')."""
    return path if path == STDIN else shown(os.path.realpath(path))


def _walk(folder: Path) -> tuple[list[Path], list[UnreadableInput]]:
    """Every file below ``folder`` (sorted), and every subfolder that could not be read or is a report folder
    claimx wrote (skipped whole)."""
    files: list[Path] = []
    problems: list[UnreadableInput] = []

    def failed(e: OSError) -> None:
        name = shown(str(e.filename)) if e.filename is not None else shown(str(folder))
        problems.append(UnreadableInput(f"{name}: cannot read folder ({e.strerror or e})", name))

    for root, dirs, names in os.walk(folder, onerror=failed):
        if root != str(folder) and "index.html" in names and _is_report(Path(root) / "index.html"):
            dirs.clear()  # a report folder claimx wrote (claimx report -o essays/report/): one line, not one a page
            name = shown(root)
            problems.append(OwnOutput(f"{name}: a report folder written by claimx; skipped", name))
            continue
        dirs.sort()
        files.extend(Path(root) / n for n in names if (Path(root) / n).is_file())
    return sorted(files), problems


def _is_report(index: Path) -> bool:
    try:
        with open(index, "rb") as f:
            return written_by_claimx(f.read(8192)) == "an HTML report"
    except OSError:
        return False


class RepeatedInput(UnreadableInput):
    """Not an input: a notice that an argument named files already named by an earlier one (the same folder
    or file under another spelling); they are read once, under the first spelling."""


def expand_paths(paths: Iterable[str]) -> Iterator[str | UnreadableInput]:
    """Files as given, folders walked recursively for text (.txt, .md) and documents (.pdf, .html, .htm, .docx),
    sorted; '-' kept as is.
    Binary files found in a folder are reported as skipped; a subfolder that cannot be read as a failure.
    A file named more than once (``essays essays/ ./essays``, a symbolic link) is read once, under the first
    spelling, in the order given; one :class:`RepeatedInput` notice per argument that repeated some (standard
    input is never compared with files)."""
    # resolved path -> (name as first given, the argument that gave it, its position)
    first: dict[str, tuple[str, str, int]] = {}

    def once(n: int, arg: str, files: list[str]) -> Iterator[str | UnreadableInput]:
        repeated: list[tuple[str, str, str, int]] = []  # (name now, name first, argument first, its position)
        for f in files:
            key = os.path.realpath(f)
            if key in first:
                repeated.append((f, *first[key]))
                continue
            first[key] = (f, arg, n)
            yield f
        if repeated:
            yield RepeatedInput(_repeated_line(n, arg, len(files), repeated), shown(arg))

    for n, p in enumerate(paths):
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found, problems = _walk(path)
            yield from problems
            texts = [f for f in found if f.suffix.lower() in READ_SUFFIXES]
            for f in found:
                kind = BINARY_SUFFIXES.get(f.suffix.lower())
                if kind and os.path.realpath(f) not in first:  # reported once too
                    first[os.path.realpath(f)] = (str(f), p, n)
                    yield Skipped(f"{shown(str(f))}: {kind}, not supported; skipped", shown(str(f)))
            if not texts and not problems:
                yield UsageProblem(f"{shown(p)}: folder holds no .txt, .md, .pdf, .html or .docx files", shown(p))
            yield from once(n, p, [str(f) for f in texts])
        elif path.exists():
            yield from once(n, p, [p])
        else:
            yield UsageProblem(f"{shown(p)}: no such file or folder", shown(p))


def _repeated_line(n: int, arg: str, found: int, repeated: list[tuple[str, str, str, int]]) -> str:
    """One line for an argument that named files already named: 'essays/a.txt given more than once (as
    ./essays/a.txt); read once', 'essays given more than once (as ./essays); read once', or for a partial
    overlap (or a link to a file beside it) 'essays: 1 file already read (essays/b.txt is essays/a.txt); read once'."""
    now, was, by, at = repeated[0]
    if len(repeated) == 1 and found == 1 and at != n:
        how = f" (as {shown(now)})" if now != was else f" (in {shown(by)} too)" if by != was else ""
        return f"{shown(was)} given more than once{how}; read once"
    if len(repeated) == found and all(r[3] == at for r in repeated) and at != n:
        return f"{shown(by)} given more than once (as {shown(arg)}); read once"
    first = shown(now) if now == was else f"{shown(now)} is {shown(was)}"
    return (f"{shown(arg)}: {len(repeated)} file{'s' if len(repeated) != 1 else ''} already read "
            f"({first}{', ...' if len(repeated) > 1 else ''}); read once")


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ('PDF', 'PNG image' ...), or None for text.

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"plain text"), binary_kind(b"a\\x00b\\x00c")
    ('PDF', None, 'binary data')
    """
    if data.startswith(tuple(b for b, _ in BOMS)):
        return None
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return "binary data" if b"\x00" in data[:8192] else None


def written_by_claimx(data: bytes) -> str | None:
    """What claimx output ``data`` is ('an HTML report', 'a claims table', 'CSV claims' ...), or None for any other
    file. By content, whatever the file is called: a report's generator tag in its head, a table's first line,
    the exact header of claimx's CSV, the exact fields of its JSON Lines or JSON.

    >>> written_by_claimx("claimx 0.2.0 · claims table\\n...".encode()), written_by_claimx(b"claimx found 3 claims")
    ('a claims table', None)
    """
    from claimx.model import ESSAY_FIELDS, FIELDS

    data = data.removeprefix(codecs.BOM_UTF8)
    if OWN_HTML.search(data[:8192].split(b"</head>", 1)[0]):
        return "an HTML report"

    def line(start: int) -> tuple[str, int]:  # a line (at most 1 MB: a JSON row with a long sentence) and the next
        end = data.find(b"\n", start, start + (1 << 20))
        end = len(data) if end < 0 else end
        return data[start:end].rstrip(b"\r").decode("utf-8", "replace"), end + 1

    first, after = line(0)
    if m := OWN_TABLE.fullmatch(first):
        return {"claims": "a claims table", "essays": "an essays table"}[m.group(1)]
    for fields, what in ((FIELDS, "claims"), (ESSAY_FIELDS, "essays")):
        if first == ",".join(fields):
            return f"CSV {what}"
    row = line(after)[0].strip().rstrip(",") if first == "[" else first
    if row.startswith('{"file": '):
        try:
            keys = tuple(json.loads(row))
        except ValueError:
            return None
        for fields, what in ((FIELDS, "claims"), (ESSAY_FIELDS, "essays")):
            if keys == fields:
                return f"JSON {what}"
    return None


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)``. A byte-order mark, else UTF-8, else Windows-1252; ``encoding`` overrides.

    >>> decode("Café".encode("cp1252"), "x")
    ('Café', 'windows-1252')
    >>> decode(codecs.BOM_UTF8 + "Café".encode(), "x")
    ('Café', 'utf-8-sig')
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise UnreadableInput(f"{name}: cannot be decoded as {encoding} ({e})", name) from None
    kind = binary_kind(data)
    if kind:
        raise Skipped(f"{name}: {kind}, not text; skipped", name)
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise UnreadableInput(f"{name}: starts with a {enc} byte-order mark but is not {enc} ({e})", name) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_input(path: str, encoding: str | None = None, *, convert: bool = True) -> Source | UnreadableInput:
    """One input named by :func:`expand_paths` ('-' is standard input) as a :class:`Source`, or the error that
    stopped it being read (returned, not raised: the batch goes on). ``convert=False`` leaves a document's
    bytes in ``raw`` for :meth:`Source.converted` (a batch converts in its worker processes)."""
    name = shown(path)
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except OSError as e:
        return UnreadableInput(f"{name}: cannot read ({e.strerror or e})", name)
    return source_from_bytes(data, name, store_key(path), encoding, convert=convert, suffix_of=path)


def source_from_bytes(data: bytes, name: str, key: str, encoding: str | None = None, *, convert: bool = True,
                      suffix_of: str | None = None) -> Source | UnreadableInput:
    """A :class:`Source` from bytes already read (a local file, standard input, an object in a bucket): a document
    (by content, then by the suffix of ``suffix_of``) or decoded text; or the error that stops it."""
    try:
        own = written_by_claimx(data)
        if own:
            raise OwnOutput(f"{name}: {own} written by claimx; skipped", name)
        kind = document_kind(data, suffix_of or name)
        if kind is not None:
            source = Source(name, "", kind, key, raw=data)
            return source.converted() if convert else source
        text, used = decode(data, name, encoding)
        return Source(name, text, used, key)
    except UnreadableInput as e:
        return e
