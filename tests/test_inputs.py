"""What a run reads: a path given twice is read once, claimx's own outputs are not read back as essays, a web
page with no text is a notice, a Word document is checked before it is opened (ZIP bombs, external entities)."""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

ESSAY_A = "The ferry carried 340 passengers in 2021.\n"
ESSAY_B = "Bakery sales fell 12 percent last winter.\n"


@pytest.fixture()
def essays(tmp_path, monkeypatch):
    d = tmp_path / "essays"
    d.mkdir()
    (d / "a.txt").write_text(ESSAY_A, encoding="utf-8")
    (d / "b.txt").write_text(ESSAY_B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return d


def rows(stdout: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(stdout)))


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "given more than once" in line or "already read" in line]


# ---------------------------------------------------------------- the same input under several spellings

@pytest.mark.parametrize("args,lines", [
    (["essays", "essays/", "./essays", "{abs}"], 3),  # one line per repeated argument, not one per file
    (["essays/a.txt", "./essays/a.txt", "{abs}/a.txt"], 2),
    (["essays/a.txt", "essays"], 1),  # the folder's other file is still read
    (["essays", "essays/b.txt", "essays/../essays/a.txt"], 2),
    (["essays", "essays"], 1),
])
def test_a_path_given_several_times_is_read_once(nlp, essays, args, lines):
    args = [a.replace("{abs}", str(essays.resolve())) for a in args]
    out = run_cli("extract", *args, "--format", "csv")
    assert out.exit_code == 0, out.stderr
    got = [(r["file"], r["text"]) for r in rows(out.stdout)]
    assert len(got) == len(set(got))  # every claim once
    assert {t for _, t in got} >= {"340"}
    assert got[0][0] == args[0] or got[0][0].startswith(args[0].rstrip("/"))  # the first spelling wins
    assert len(notices(out.stderr)) == lines, out.stderr


def test_the_notice_names_the_file_and_its_other_spelling(nlp, essays):
    out = run_cli("extract", "essays/a.txt", "./essays/a.txt", "--format", "csv")
    assert notices(out.stderr) == ["claimx: essays/a.txt given more than once (as ./essays/a.txt); read once"]
    out = run_cli("extract", "essays", "./essays", "--format", "csv")
    assert notices(out.stderr) == ["claimx: essays given more than once (as ./essays); read once"]


def test_a_link_beside_its_file_in_a_folder_is_read_once(nlp, essays):
    (essays / "c.txt").symlink_to("a.txt")
    out = run_cli("extract", "essays", "--format", "csv")
    assert [r["file"] for r in rows(out.stdout)].count("essays/a.txt") == 2  # 340, 2021
    assert not any(r["file"] == "essays/c.txt" for r in rows(out.stdout))
    assert notices(out.stderr) == ["claimx: essays: 1 file already read (essays/c.txt is essays/a.txt); read once"]


def test_standard_input_is_not_compared_with_files(nlp, essays):
    out = run_cli("extract", "essays/a.txt", "-", "--format", "csv", input=ESSAY_A)
    assert [r["file"] for r in rows(out.stdout)].count("-") == 2
    assert [r["file"] for r in rows(out.stdout)].count("essays/a.txt") == 2
    assert not notices(out.stderr)


def test_the_summary_counts_each_file_once(nlp, essays):
    from claimx.batch import extract_files

    batch = extract_files(["essays", "./essays", "essays/a.txt"], nlp=nlp)
    assert batch.total == 2
    results = list(batch)
    assert [r.name for r in results if r.problem is None] == ["essays/a.txt", "essays/b.txt"]
    assert [r.problem for r in results if r.problem] == ["repeated", "repeated"]
    assert batch.summary.files == 2 and batch.summary.exit_code == 0


def claimx_cmd() -> list[str]:
    script = Path(sys.executable).parent / "claimx"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimx"]


@pytest.mark.slow
def test_installed_command_reads_a_folder_given_four_ways_once(essays):
    out = subprocess.run(claimx_cmd() + ["extract", "essays", "essays/", "./essays", str(essays.resolve())],
                         capture_output=True, text=True, timeout=300, cwd=essays.parent,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert out.returncode == 0, out.stderr
    got = [(r["file"], r["start"]) for r in rows(out.stdout)]
    assert len(got) == len(set(got)) == 3
    assert len(notices(out.stderr)) == 3


# ---------------------------------------------------------------- claimx's own outputs in the essay folder

@pytest.mark.parametrize("args,written,line", [
    (["report", "essays", "-o", "essays/report.html"], "essays/report.html", "an HTML report"),
    (["report", "essays", "-o", "essays/report"], "essays/report", "a report folder"),  # one line, not one a page
    (["extract", "essays", "-o", "essays/claims.txt"], "essays/claims.txt", "a claims table"),
    (["extract", "essays", "-f", "table"], "essays/claims.txt", "a claims table"),  # redirected: `> claims.txt`
    (["extract", "essays", "-f", "csv"], "essays/claims.txt", "CSV claims"),
    (["extract", "essays", "-f", "jsonl"], "essays/claims.md", "JSON claims"),
    (["extract", "essays", "-f", "json"], "essays/claims.txt", "JSON claims"),
    (["essays", "essays", "-f", "table"], "essays/list.txt", "an essays table"),
    (["essays", "essays", "-f", "csv"], "essays/list.txt", "CSV essays"),
])
def test_claimx_outputs_in_the_folder_are_not_read_back(nlp, essays, args, written, line):
    out = run_cli(*args)
    assert out.exit_code == 0, out.stderr
    if "-o" not in args:  # standard output redirected into the folder
        Path(written).write_text(out.stdout, encoding="utf-8")
    out = run_cli("extract", "essays", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert f"claimx: {written}: {line} written by claimx; skipped" in out.stderr.splitlines()
    assert len(out.stderr.splitlines()) == 1, out.stderr


def test_a_named_claimx_output_is_skipped_too_and_counted(nlp, essays, tmp_path):
    assert run_cli("report", "essays", "-o", "essays/report.html").exit_code == 0
    out = run_cli("extract", "essays/report.html", "essays/a.txt", "--db", tmp_path / "x.sqlite", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt"}
    assert out.stderr.splitlines() == ["claimx: essays/report.html: an HTML report written by claimx; skipped",
                                       "claimx: 2 files: 2 claims, 1 written by claimx (skipped)"]
    out = run_cli("text", "essays/report.html")
    assert (out.exit_code, out.stdout) == (0, "")
    assert "written by claimx" in out.stderr


@pytest.mark.parametrize("text", [
    "claimx found 3 claims in the 2019 survey.\n",  # an essay about claimx
    "claimx 0.2.0 claims table of 2019\n",
    "file,start,end,text\nessays/a.txt,4,9,3 percent\n",  # a CSV of another tool's
    '{"file": "a.txt", "value": 3}\nThe rest grew 4 percent.\n',
    '<html><head><meta name="generator" content="claimxyz"></head><body><p>Rents rose 4 percent.</p></body></html>',
])
def test_files_that_only_look_like_claimx_outputs_are_read(text):
    from claimx.io.readers import written_by_claimx

    assert written_by_claimx(text.encode()) is None


def test_a_table_drawn_on_a_terminal_has_no_marker_line():
    from rich.console import Console

    from claimx.io.writers import table_marker, write_table

    to_file = io.StringIO()
    write_table([], to_file)
    assert to_file.getvalue().splitlines()[0] == table_marker("claims")
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    write_table([], None, console=terminal)
    assert "claimx" not in terminal.file.getvalue()


@pytest.mark.slow
def test_installed_command_skips_its_report_and_table_in_the_folder(essays):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["report", "essays", "-o", "essays/report.html"], ["extract", "essays", "-o", "essays/claims.txt"]):
        out = subprocess.run(claimx_cmd() + args, capture_output=True, text=True, timeout=300, cwd=essays.parent,
                             env=env)
        assert out.returncode == 0, out.stderr
    out = subprocess.run(claimx_cmd() + ["extract", "essays"], capture_output=True, text=True, timeout=300,
                         cwd=essays.parent, env=env)
    assert out.returncode == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert sorted(out.stderr.splitlines()) == [
        "claimx: essays/claims.txt: a claims table written by claimx; skipped",
        "claimx: essays/report.html: an HTML report written by claimx; skipped"]


# ---------------------------------------------------------------- a web page with no text

APP_SHELL = b'<!DOCTYPE html><html><head><title>Dashboard</title></head><body><div id="root"></div>' \
            b'<script>start()</script></body></html>'


def test_a_web_page_without_text_is_a_notice_not_a_failure(nlp, essays, tmp_path):
    (essays / "app.html").write_bytes(APP_SHELL)
    out = run_cli("extract", "essays", "--db", tmp_path / "x.sqlite", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    assert {r["file"] for r in rows(out.stdout)} == {"essays/a.txt", "essays/b.txt"}
    assert out.stderr.splitlines() == [
        "claimx: essays/app.html: no text found (a web page without a main text); skipped",
        "claimx: 3 files: 3 claims, 1 with no text found"]
    out = run_cli("text", "essays/app.html")
    assert (out.exit_code, out.stdout) == (0, "")
    assert "no text found" in out.stderr


# ---------------------------------------------------------------- Word documents: ZIP bombs, entities

def docx_with(document_xml=None, *, extra: dict[str, bytes] | None = None, paras=("Wool exports rose 6 percent.",)):
    """A .docx made by python-docx, its word/document.xml replaced by ``document_xml(original)`` (a function
    returning bytes, or an iterator of chunks streamed into the archive) and ``extra`` parts added."""
    import zipfile

    import docx

    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml" and document_xml is not None:
                with z.open("word/document.xml", "w", force_zip64=True) as f:
                    for chunk in document_xml(data.decode()):
                        f.write(chunk)
                continue
            z.writestr(info, data)
        for name, data in (extra or {}).items():
            z.writestr(zipfile.ZipInfo(name), data)  # stored, as Word stores images
    return out.getvalue()


def repeated_body(mb: float):
    """document.xml with one paragraph of ``mb`` MB of repeated text, written in chunks."""
    def chunks(original: str):
        head = original.split("<w:body>")[0]
        yield (head + "<w:body><w:p><w:r><w:t>").encode()
        chunk = b"The mill ground 40 tonnes of grain. " * 2000
        for _ in range(int(mb * 2**20 / len(chunk)) + 1):
            yield chunk
        yield b"</w:t></w:r></w:p></w:body></w:document>"
    return chunks


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """The archive with ``part``'s uncompressed size in its central directory entry set to ``size`` (a lying
    header; the part is written without ZIP64 so the size is the entry's own field)."""
    at = data.index(b"PK\x01\x02")  # the central directory's first entry
    out = bytearray(data)
    while at >= 0:
        name_len = int.from_bytes(out[at + 28:at + 30], "little")
        if out[at + 46:at + 46 + name_len].decode() == part:
            out[at + 24:at + 28] = size.to_bytes(4, "little")
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{part} not in the archive")


def docx_result(data: bytes, tmp_path, name="report.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    out = run_cli("extract", path, "--format", "csv")
    return out, str(path)


@pytest.mark.parametrize("limit,mb,extra,what", [
    ("DOCX_XML_LIMIT", 2, None, "its XML parts expand to 3 MB; the limit is 1 MB"),
    ("DOCX_TOTAL_LIMIT", 0, {"word/media/image1.png": b"\x89PNG" + b"\x00" * (2 * 2**20)},
     "its parts expand to 3 MB; the limit is 1 MB"),
])
def test_a_word_document_that_expands_beyond_the_limit_is_refused_before_it_is_opened(
        tmp_path, monkeypatch, limit, mb, extra, what):
    import docx

    from claimx.io import documents

    data = docx_with(repeated_body(mb) if mb else None, extra=extra)
    monkeypatch.setattr(documents, limit, 2**20)  # the test's own small limit: no test uses GBs
    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a: opened.append(a))
    assert len(data) < (100_000 if mb else 3 * 2**20)  # streamed repeated text: the test file stays small
    out, path = docx_result(data, tmp_path)
    assert out.exit_code == 1
    assert out.stderr.splitlines()[0] == (f"claimx: {path}: Word document too large once unpacked ({what}; "
                                          "a ZIP bomb?); skipped")
    assert not opened  # refused from the central directory, before python-docx reads a byte of it


def test_the_default_limit_refuses_a_part_declared_at_300_mb(tmp_path):
    data = declare_size(docx_with(), "word/document.xml", 300 * 2**20)  # cheap: only the header says so
    out, path = docx_result(data, tmp_path)
    assert out.exit_code == 1
    assert re.search(r"report.docx: Word document too large once unpacked \(its XML parts expand to 30\d MB; "
                     r"the limit is 64 MB; a ZIP bomb\?\); skipped", out.stderr)


def test_a_part_bigger_than_its_header_says_is_not_read_past_the_declared_size(tmp_path):
    def body(original: str):  # 3 MB that the central directory will call 2,000 bytes
        yield from repeated_body(3)(original)
    data = docx_with(body)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("word/document.xml").file_size > 3 * 2**20
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():  # without ZIP64, so the size field is the entry's own
            out.writestr(info.filename, z.read(info))
    lying = declare_size(rebuilt.getvalue(), "word/document.xml", 2000)
    out, path = docx_result(lying, tmp_path)
    assert out.exit_code == 1
    assert out.stderr.splitlines()[0] == f"claimx: {path}: damaged Word document, cannot be read (BadZipFile); skipped"


def test_a_long_word_document_looks_each_style_up_once(tmp_path, monkeypatch):
    from docx.styles.styles import Styles

    from claimx.io.documents import docx_text

    calls = []
    default = Styles.default
    monkeypatch.setattr(Styles, "default", lambda self, kind: calls.append(kind) or default(self, kind))
    paras = [f"Ward {i} counted {i * 10} voters." for i in range(60)]
    text = docx_text(docx_with(paras=paras), "long.docx")
    assert "Ward 59 counted 590 voters." in text
    assert len(calls) <= 1  # was once a paragraph: 1 ms each, minutes for a long document


def entity_docx(secret: Path, declaration: str, in_table: bool = False) -> bytes:
    def body(original: str):
        decl, rest = original.split("?>", 1)
        doc = decl + f"?>\n<!DOCTYPE w:document [{declaration}]>" + rest
        cell = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Dock fees</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
                "<w:t>&x; percent</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
        para = "<w:p><w:r><w:t>Fees rose &x; percent in 2022.</w:t></w:r></w:p>"
        yield doc.replace("<w:body>", "<w:body>" + (cell if in_table else para)).encode()
    return docx_with(body, paras=("Wool exports rose 6 percent.", "Freight fell 3 percent."))


@pytest.mark.parametrize("declaration,in_table,line", [
    ('<!ENTITY x SYSTEM "file://{secret}">', False, "a paragraph with an external entity (&x;) was not read"),
    ('<!ENTITY x SYSTEM "file://{secret}">', True, "a table with an external entity (&x;) was not read"),
    ('<!ENTITY x "17">', False, "a paragraph with an entity (&x;) was not read"),
])
def test_a_word_paragraph_with_an_entity_is_reported_and_the_entity_never_resolved(
        nlp, tmp_path, declaration, in_table, line):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret 99 percent\n", encoding="utf-8")
    data = entity_docx(secret, declaration.replace("{secret}", str(secret)), in_table)
    out, path = docx_result(data, tmp_path)
    assert out.exit_code == 0, out.stderr
    assert out.stderr.splitlines() == [f"claimx: {path}: {line}; claimx never resolves entities"]
    texts = [r["sentence"] for r in rows(out.stdout)]
    assert "Wool exports rose 6 percent." in texts and "Freight fell 3 percent." in texts
    assert not any("Secret" in t or "Fees" in t or "Dock" in t for t in texts)  # left out whole, not shortened
    shown = run_cli("text", path)
    assert "Secret" not in shown.stdout and line in shown.stderr
