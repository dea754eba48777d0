"""The HTML report: escaped, self-contained, and working in a real browser (headless Chromium via Playwright).

The browser tests skip where Chromium or Playwright is missing (a user's clone), unless CLAIMX_REQUIRE_BROWSER is
set, as .ci/run sets it: there they must run.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli as run

HOSTILE = """Prices and <script>alert(1)</script> Politics

By Ana Lima

March 3, 2021

Rents rose 5.5 percent in 2020 <img src=x onerror="window.pwned=1">, while wages grew by $1,200 a year.
Unemployment fell to 4 percent, and 40% of households said "<b>rent</b>" was their largest cost.
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    single = folder / "report.html"
    result = run("report", str(hostile), str(FIXTURES / "000_f2578a8095776c86.txt"), "-o", str(single), "-q")
    assert result.exit_code == 0, result.stderr
    return folder, single


def test_document_text_is_escaped_and_nothing_is_fetched(reports):
    _, single = reports
    page = single.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>rent</b>" not in page
    assert "default-src 'none'" in page  # the Content-Security-Policy forbids any network access
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?(?:https?:)?//""", page)  # no address to fetch
    assert page.count("<script") == 2  # the claims' data and claimx's own script, nothing else


def test_a_folder_report_for_large_batches(tmp_path):
    out = tmp_path / "site"
    result = run("report", str(FIXTURES), "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.name for p in out.iterdir())
    assert "index.html" in pages and len([p for p in pages if p.startswith("essay-")]) > 10
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="essay-0001.html#c1"' in index


def test_extract_format_html_writes_the_report_and_export_refuses_it(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Rents rose 5 percent in 2020.", encoding="utf-8")
    result = run("extract", str(p), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 0 and 'id="c1"' in (tmp_path / "r.html").read_text(encoding="utf-8")
    db = tmp_path / "c.db"
    run("extract", str(p), "--db", str(db), "-q", "-f", "jsonl")
    refused = run("export", "--db", str(db), "-o", str(tmp_path / "all.html"))
    assert refused.exit_code == 2 and "claimx report" in refused.stderr
    assert run("export", "--db", str(db), "-f", "html").exit_code == 2  # not offered


COLLECTION = Path(__file__).parent / "collection"


def _conflicts(page: str) -> list[list[tuple[str, str]]]:
    """Each conflict of a report's 'Across documents' section: its sides' (sentence text, link target)."""
    section = page[page.index('<section id="compare">'):]
    section = section[:section.index("</section>")]
    conflicts = section.split("<h3>Conflicts</h3>", 1)[1].split("<details>", 1)[0]
    groups = conflicts.split('<div class="group"')[1:]
    return [re.findall(r'<td>((?:(?!</td>).)*<mark[^>]*>(?:(?!</td>).)*)</td><td><a class="jump" href="([^"]+)"', g)
            for g in groups]


def _mark_text(page: str, n: str) -> str:
    return re.search(rf'<mark class="claim[^"]*" id="c{n}"[^>]*>([^<]*)</mark>', page).group(1)


def test_a_collection_report_shows_each_conflict_linked_to_both_passages(tmp_path):
    single = tmp_path / "collection.html"
    assert run("report", str(COLLECTION), "-o", str(single), "-q").exit_code == 0
    page = single.read_text(encoding="utf-8")
    assert "Across documents: 12 figures" in page and "3 conflict, 2 over time, 7 agree" in page
    conflicts = _conflicts(page)
    assert len(conflicts) == 3 and all(len(sides) == 2 for sides in conflicts)
    for sides in conflicts:
        for sentence, href in sides:
            n = href.removeprefix("#c")
            claim = re.search(r"<mark[^>]*>([^<]*)</mark>", sentence).group(1)
            assert _mark_text(page, n) == claim  # the link opens the very claim the row shows
    fell, rose = (re.sub("<[^>]+>", "", s) for s, _ in conflicts[0])
    assert "fell 3%" in fell and "rose 8%" in rose  # one document's fall against the other's rise
    # the folder report's index links each side to the essay page that holds it
    site = tmp_path / "site"
    assert run("report", str(COLLECTION), "-o", str(site), "-q").exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    for sides in _conflicts(index):
        for sentence, href in sides:
            target, n = href.split("#c")
            claim = re.search(r"<mark[^>]*>([^<]*)</mark>", sentence).group(1)
            assert _mark_text((site / target).read_text(encoding="utf-8"), n) == claim


def test_a_single_essay_report_has_no_comparison(reports):
    hostile = reports[0] / "hostile.txt"
    out = reports[0] / "one.html"
    assert run("report", str(hostile), "-o", str(out), "-q").exit_code == 0
    assert 'id="compare"' not in out.read_text(encoding="utf-8")
    page = reports[1].read_text(encoding="utf-8")  # two documents with no figure in common say so
    assert "No figure is given by more than one document." in page


def _browser():
    required = os.environ.get("CLAIMX_REQUIRE_BROWSER")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if not chromium or sync_playwright is None:
        if required:
            pytest.fail(f"CLAIMX_REQUIRE_BROWSER is set but chromium={chromium!r}, playwright={sync_playwright!r}")
        pytest.skip("headless Chromium or Playwright is not installed")
    return chromium, sync_playwright


@pytest.fixture(scope="module")
def page(reports):
    chromium, sync_playwright = _browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        errors = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(Path(reports[1]).as_uri())
        pg.dialogs, pg.errors = dialogs, errors
        yield pg
        browser.close()


def test_in_a_browser_no_document_script_runs(page):
    assert page.dialogs == [] and page.errors == []
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("body >> text=<script>alert(1)</script>").count() >= 1  # shown as text


def test_in_a_browser_claims_are_highlighted_and_rows_jump_to_them(page, reports):
    marks = page.locator("mark.claim")
    rows = page.locator("#claims tbody tr")
    assert marks.count() == rows.count() > 100
    kinds = set(page.eval_on_selector_all("mark.claim", "ms => ms.map(m => m.className.split(' ')[1])"))
    assert {"k-percent", "k-money", "k-date"} <= kinds
    # every row links to a highlight that exists
    targets = page.eval_on_selector_all("#claims a.jump", "as => as.map(a => a.getAttribute('href'))")
    assert all(page.locator(t).count() == 1 for t in targets[:40])
    link = page.locator("#claims a.jump").nth(7)
    href = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == href
    page.wait_for_selector(f"{href}.active", timeout=5000)  # the claim is marked and its details shown
    assert page.locator("#details.open dd").first.inner_text()
    page.screenshot(path=str(reports[0] / "report.png"))
    assert (reports[0] / "report.png").stat().st_size > 10_000


def test_in_a_browser_the_table_filters_and_sorts(page):
    page.select_option("#f-kind", "percent")
    visible = page.eval_on_selector_all("#claims tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.dataset.kind)")
    assert visible and set(visible) == {"percent"}
    assert page.inner_text("#f-count").startswith(f"{len(visible)} of ")
    page.fill("#f-subject", "rents")
    narrowed = page.eval_on_selector_all("#claims tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.dataset.subject)")
    assert narrowed and all("rents" in s for s in narrowed)
    page.fill("#f-subject", "")
    page.select_option("#f-kind", "")
    page.click("#claims th:nth-child(4)")  # Value, ascending
    values = page.eval_on_selector_all(
        "#claims tbody tr td:nth-child(4)", "ts => ts.map(t => parseFloat(t.dataset.sort)).filter(v => !isNaN(v))")
    assert values == sorted(values)


def test_in_a_browser_a_conflict_links_to_its_passages(page, tmp_path):
    out = tmp_path / "collection.html"
    assert run("report", str(COLLECTION), "-o", str(out), "-q").exit_code == 0
    tab = page.context.browser.new_page()  # a page of its own: the other tests keep theirs
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(out.as_uri())
    links = tab.locator("#compare > .group a.jump")
    assert links.count() == 6  # the three conflicts open, two sides each; series and agreements folded away
    assert tab.locator("#compare details .group").count() == 9 and not tab.locator("#compare details .group").first.is_visible()
    for i in (0, 5):
        href = links.nth(i).get_attribute("href")
        links.nth(i).click()
        tab.wait_for_selector(f"{href}.active", timeout=5000)  # the passage is marked and its details open
        assert tab.locator(href).is_visible() and tab.locator("#details.open").count() == 1
    assert errors == []
    tab.close()


def test_in_a_browser_clicking_a_claim_shows_what_it_measures(page):
    mark = page.locator("mark.claim.k-money").first
    mark.click()
    details = page.inner_text("#details")
    assert "money" in details and "Subject" in details
    n = mark.get_attribute("data-n")
    assert page.locator(f'.subj.active[data-for="{n}"]').count() <= 1
