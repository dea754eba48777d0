"""PDF, HTML and Word input: the same claims as the text they were made from, pages, metadata, real documents
(fixtures/documents/SOURCES.md) and documents that cannot be read."""
from __future__ import annotations

import html
import io
import json
import unicodedata
from collections import Counter

import pytest
from typer.testing import CliRunner

from claimx.batch import extract_files
from claimx.cli import app
from claimx.io.documents import clean_extracted, document_kind
from claimx.io.readers import read_input

from conftest import FIXTURES

DOCS = FIXTURES / "documents"
ESSAY = FIXTURES / "000_f2578a8095776c86.txt"
FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "•": "-", "€": "EUR ", "…": "..."})


def folded(text: str) -> str:
    """The essay in the characters a PDF core font can show (the same text is read as .txt for comparison)."""
    text = unicodedata.normalize("NFKC", text.translate(FOLD))
    return text.encode("latin-1", "replace").decode("latin-1")


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def make_pdf(paras: list[str]) -> tuple[bytes, list[tuple[int, int]]]:
    """A multi-page PDF, one paragraph after another; for each paragraph the pages it starts and ends on."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pages = []
    for p in paras:
        first = pdf.page_no()
        pdf.multi_cell(0, 6, p)
        pdf.ln(3)
        pages.append((first, pdf.page_no()))
    return bytes(pdf.output()), pages


def make_html(paras: list[str]) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(paras[0])}</title>
<meta name="author" content="Jane Analyst"><meta name="date" content="2024-03-05"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li><li><a href="/donate">Donate 25 dollars</a></li></ul></nav>
<article><h1>{html.escape(paras[0])}</h1>{body}</article>
<footer>Copyright 2024 Example Institute. 1200 Main Street, Suite 300. All rights reserved.</footer>
</body></html>""".encode()


def make_docx(paras: list[str]) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = paras[0]
    d.core_properties.author = "Jane Analyst"
    d.add_heading(paras[0], level=1)
    for p in paras[1:]:
        d.add_paragraph(p)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Country", "2019", "2020"], ["Mexico", "12%", "15%"], ["Peru", "8%", "9%"]]):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def key(c) -> tuple:
    return (c.kind.value, " ".join(c.text.split()), str(c.value), str(c.low), str(c.high))


def f1(a: Counter, b: Counter) -> float:
    tp = sum((a & b).values())
    return 2 * tp / (sum(a.values()) + sum(b.values())) if a or b else 1.0


@pytest.fixture(scope="module")
def essay_documents(tmp_path_factory, nlp):
    """The bundled essay as .txt (folded to Latin-1), .pdf, .html and .docx, and each one's claims."""
    folder = tmp_path_factory.mktemp("docs")
    text = folded(ESSAY.read_text(encoding="utf-8"))
    paras = paragraphs(text)
    plain = "\n\n".join(paras) + "\n"
    pdf, pages = make_pdf(paras)
    files = {"txt": plain.encode("latin-1"), "pdf": pdf, "html": make_html(paras), "docx": make_docx(paras)}
    for suffix, data in files.items():
        (folder / f"essay.{suffix}").write_bytes(data)
    results = {r.name.rsplit(".", 1)[1]: r for r in extract_files([str(folder / f"essay.{s}") for s in files], nlp=nlp)}
    return folder, paras, pages, results


@pytest.mark.parametrize("suffix", ["pdf", "html", "docx"])
def test_a_document_gives_the_claims_of_its_text(essay_documents, suffix):
    _, _, _, results = essay_documents
    assert results[suffix].error is None, results[suffix].error
    text_claims = Counter(key(c) for c in results["txt"].claims if c.section not in ("title", "byline"))
    doc_claims = Counter(key(c) for c in results[suffix].claims if c.section not in ("title", "byline"))
    assert len(text_claims) > 50
    assert f1(text_claims, doc_claims) >= 0.97, (text_claims - doc_claims, doc_claims - text_claims)


def test_pdf_claims_carry_their_page(essay_documents):
    folder, paras, pages, results = essay_documents
    assert pages[-1][1] >= 3  # the essay runs over several pages
    text = results["txt"].claims
    starts = []  # where each paragraph starts in the .txt
    at = 0
    plain = "\n\n".join(paras)
    for p in paras:
        starts.append(plain.index(p, at))
        at = starts[-1] + len(p)
    expected = {}
    for c in text:
        k = max(i for i, s in enumerate(starts) if s <= c.start)
        expected.setdefault(key(c), set()).update(range(pages[k][0], pages[k][1] + 1))
    pdf_claims = results["pdf"].claims
    checked = [c for c in pdf_claims if key(c) in expected]
    assert len(checked) > 50 and {c.page for c in pdf_claims} >= {1, 2, 3}
    wrong = [(c.text, c.page, expected[key(c)]) for c in checked if c.page not in expected[key(c)]]
    assert not wrong
    assert all(c.page is None for c in text)


def test_offsets_index_the_text_that_claimx_text_prints(essay_documents):
    folder, _, _, results = essay_documents
    for suffix in ("pdf", "html", "docx"):
        printed = CliRunner().invoke(app, ["text", str(folder / f"essay.{suffix}")]).stdout
        assert printed == read_input(str(folder / f"essay.{suffix}")).text
        for c in results[suffix].claims:
            assert printed[c.start:c.end] == c.text


def test_web_page_metadata_and_word_properties_become_the_essay(essay_documents):
    _, paras, _, results = essay_documents
    for suffix in ("html", "docx"):
        c = results[suffix].claims[0]
        assert c.essay_title == paras[0] or c.essay_title.startswith(paras[0][:40])
        assert c.authors == ("Jane Analyst",) or c.authors == ("Thomas Andrew O'Keefe",)
    html_claims = results["html"].claims
    assert html_claims[0].published == results["txt"].claims[0].published  # the essay's own date line wins
    assert not any("Donate" in (c.sentence or "") or "Main Street" in (c.sentence or "") for c in html_claims)


def test_word_tables_become_table_claims(essay_documents):
    cells = [(c.text, c.subject, c.time) for c in essay_documents[3]["docx"].claims if c.in_table]
    assert ("12%", "Mexico", "2019") in cells and ("9%", "Peru", "2020") in cells


def test_the_real_two_column_pdf(extract_file):
    claims = extract_file(DOCS / "irs-i1040nr-2007-pages-4-7.pdf")
    got = {(c.text, c.kind.value, str(c.value), c.page) for c in claims}
    assert ("$500,000 or more", "money", "500000", 4) in got
    assert ("$2,000,000 or more", "money", "2000000", 4) in got
    assert ("4%", "percent", "4", 3) in got
    text = read_input(str(DOCS / "irs-i1040nr-2007-pages-4-7.pdf")).text
    assert text.count("\f") == 4  # each page ends with a form feed
    assert "Page 4 of 48" not in text and "MUST be removed before printing" not in text  # running lines dropped
    # columns are read one after the other: a sentence that wraps within its column stays whole
    assert "You must provide the information required for each type of income for which a treaty claim" in text


def test_the_real_web_page(extract_file):
    claims = extract_file(DOCS / "wikipedia-t-sne.html")
    text = read_input(str(DOCS / "wikipedia-t-sne.html")).text
    assert "Privacy policy" not in text and "Jump to navigation" not in text  # menus and footer dropped
    assert claims[0].essay_title == "T-distributed stochastic neighbor embedding"
    got = {(c.text, c.kind.value, str(c.value)) for c in claims}
    assert ("two", "count", "2") in got and ("Nov 2008", "date", "2008-11") in got
    assert all(c.page is None for c in claims)


def test_documents_that_cannot_be_read_are_one_line_each(tmp_path, nlp):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Rents rose 5 percent.")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    (tmp_path / "locked.pdf").write_bytes(bytes(pdf.output()))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<< /Type /Catalog")
    scan = FPDF()
    scan.add_page()  # a page with no text layer, as a scan has
    scan.rect(10, 10, 100, 100, style="F")
    (tmp_path / "scan.pdf").write_bytes(bytes(scan.output()))
    (tmp_path / "memo.rtf").write_bytes(rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Sales rose 5 percent.}")
    (tmp_path / "ok.txt").write_text("Rents rose 5 percent.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    lines = result.stderr.strip().splitlines()
    assert any("locked.pdf: encrypted PDF" in line for line in lines), lines
    assert any("broken.pdf: damaged PDF" in line for line in lines), lines
    assert any("scan.pdf: PDF without a text layer" in line and "OCR" in line for line in lines), lines
    assert any("memo.rtf: RTF document" in line for line in lines), lines
    assert "Traceback" not in result.stderr and len(lines) == 5  # four lines and the summary
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["5 percent"] and rows[0]["file"].endswith("ok.txt")
    assert result.exit_code == 1  # unreadable PDFs are failures; the RTF is skipped


@pytest.mark.parametrize("data,name,kind", [
    (b"%PDF-1.4 ...", "x.bin", "pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "page", "html"),
    (b"\xef\xbb\xbf  <html><body>x</body></html>", "page.txt", "html"),
    (b"<p>hello</p>", "page.htm", "html"),
    (b"Plain <b>text</b> with a tag.", "notes.md", None),
    (b"Just text.", "a.txt", None),
])
def test_documents_are_recognised_by_content_then_suffix(data, name, kind):
    assert document_kind(data, name) == kind


def test_ligatures_soft_hyphens_and_line_end_hyphens():
    assert clean_extracted("ﬁnancial e\u00adcon-\nomy, Covid-\n19") == "financial economy, Covid-\n19"


def test_documents_on_standard_input():
    pdf, _ = make_pdf(["Rents rose 5 percent in 2023."])
    result = CliRunner().invoke(app, ["extract", "-", "-f", "jsonl"], input=pdf)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and [(r["text"], r["page"]) for r in rows] == [("5 percent", 1), ("2023", 1)]


def test_a_web_page_without_a_date_in_its_text_takes_the_metadata_date(tmp_path, extract_file):
    page = tmp_path / "page.html"
    page.write_bytes(make_html(["Rents in the capital", "Rents in the capital rose 5 percent over the year, the "
                                "statistics office said in its quarterly report on housing costs and tenancies."]))
    (c,) = [c for c in extract_file(page) if c.text == "5 percent"]
    assert (c.published, c.essay_title, c.authors, c.subject) == ("2024-03-05", "Rents in the capital",
                                                                 ("Jane Analyst",), "Rents in the capital")


def test_the_store_keys_documents_by_their_bytes_and_workers_convert_them(tmp_path):
    import shutil
    import sqlite3

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DOCS / "irs-i1040nr-2007-pages-4-7.pdf", folder / "report.pdf")
    (folder / "note.txt").write_text("Rents rose 5 percent.", encoding="utf-8")
    db = tmp_path / "claims.db"
    first = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-j", "2", "-f", "jsonl"])
    assert first.exit_code == 0, first.stderr
    again = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db), "-f", "jsonl"])
    assert "2 unchanged (skipped)" in again.stderr
    stored = sqlite3.connect(db).execute("select count(*), max(page) from claims where file like '%report.pdf'").fetchone()
    assert stored[0] == len([line for line in first.stdout.splitlines() if "report.pdf" in line]) and stored[1] == 4


def test_html_tables_become_table_claims_with_their_labels(tmp_path, extract_file):
    page = tmp_path / "table.html"
    page.write_text("""<!DOCTYPE html><html><head><title>Inflation in the region</title></head><body>
<nav><a href="/">Home</a> | <a href="/data">Data</a></nav><main><h1>Inflation in the region</h1>
<p>Consumer prices rose faster in most of the region last year, the central banks of both countries reported
in their annual bulletins, which also describe the outlook for the coming two years in some detail.</p>
<table><thead><tr><th>Country</th><th>2019</th><th>2020</th></tr></thead>
<tbody><tr><td>Mexico</td><td>3.6&percnt;</td><td>3.4&percnt;</td></tr>
<tr><td>Peru</td><td>2.1&percnt;</td><td>1.8&percnt;</td></tr></tbody></table></main>
<footer>&copy; 2024 Example Statistics Office</footer></body></html>""", encoding="utf-8")
    cells = {(c.text, c.value.normalize() if c.value else None, c.subject, c.time)
             for c in extract_file(page) if c.in_table}
    from decimal import Decimal
    assert ("3.6%", Decimal("3.6"), "Mexico", "2019") in cells and ("1.8%", Decimal("1.8"), "Peru", "2020") in cells
    assert not any(c.text.endswith("&") for c in extract_file(page))  # '&percnt;' is decoded, never '3.6&'


def test_a_web_page_dates_from_its_publication_not_its_last_change(tmp_path, extract_file):
    # a generic 'date' meta holding the last change, written before the publication date: this year is 2019
    page = tmp_path / "ferries.html"
    page.write_text("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Island ferries</title>
<meta name="date" content="2023-08-09"><meta property="article:modified_time" content="2023-08-09T10:00:00Z">
<meta property="article:published_time" content="2019-03-04T08:00:00Z"></head><body><article>
<p>This year the harbour board ran 14 ferries between the two islands, each carrying about 300 passengers a day,
the board said in its yearly note on island transport.</p></article></body></html>""", encoding="utf-8")
    claims = extract_file(page)
    (year,) = [c for c in claims if c.text == "This year"]
    assert (year.value, year.published) == ("2019", "2019-03-04")


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_a_document_without_a_title_is_titled_by_its_file_name(tmp_path, extract_file, suffix):
    para = "The harbour board ran 14 ferries between the islands, each carrying about 300 passengers a day."
    if suffix == "html":
        data = f"<html><body><article><p>{para}</p></article></body></html>".encode()
    else:
        import docx

        d = docx.Document()
        d.core_properties.title = ""
        d.add_paragraph(para)
        buf = io.BytesIO()
        d.save(buf)
        data = buf.getvalue()
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / f"island-ferries.{suffix}"
    path.write_bytes(data)
    claims = extract_file(path)
    assert claims and {c.essay_title for c in claims} == {f"island-ferries.{suffix}"}
