"""Make the README's pictures: docs/report.png (the HTML report in headless Chromium, a claim clicked) and
docs/table.svg (the terminal table at 100 columns, as Rich draws it).

    python scripts/screenshots.py        # needs Debian's chromium and `pip install playwright`
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "fixtures" / "000_f2578a8095776c86.txt"
DOCS = ROOT / "docs"


def table() -> None:
    from rich.console import Console

    from claimx.batch import extract_files
    from claimx.io.writers import write_table

    (result,) = list(extract_files([str(ESSAY)]))
    first = [c for c in result.claims if c.essay == 1]
    console = Console(width=100, record=True, file=open("/dev/null", "w"), force_terminal=True)
    write_table(first, None, console=console)
    DOCS.joinpath("table.svg").write_text(console.export_svg(title="claimx extract essay.txt"), encoding="utf-8")


def report() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "claimx", "report", str(ESSAY), "-o", str(out), "-q",
                        "--title", "claimx report: essays on Mexico and Central America"], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(out.as_uri())
            page.locator("mark.claim.k-money").first.click()
            page.locator("mark.claim.k-money").first.scroll_into_view_if_needed()
            page.screenshot(path=str(DOCS / "report.png"))
            browser.close()


if __name__ == "__main__":
    DOCS.mkdir(exist_ok=True)
    table()
    report()
    print("wrote", DOCS / "table.svg", DOCS / "report.png")
