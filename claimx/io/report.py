"""The HTML report: each essay's text with every claim highlighted, the claims' details on hover and click, a
sortable, filterable table whose rows jump to the claims, counts per kind and essay as small bar charts, and,
for a collection, the figures its documents both give (``claimx compare``): each conflict with links to the passages
of every side.

One self-contained file (CSS and JavaScript inline, a Content-Security-Policy that allows no network), or, for a
large batch, a folder with an index page and one page per essay. Every piece of document text is escaped, and
the claims' data is embedded as JSON that cannot close its <script> element.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimx import __version__
from claimx.io.writers import DIRECTION_MARKS, display_value
from claimx.model import Claim, EssayRow, json_value

SUBJECT_REACH = 400  # characters either side of a claim searched for its subject, as written


@dataclass
class ReportEssay:
    """One essay of the report: where it came from, its text and its claims (offsets into ``text``)."""

    file: str
    row: EssayRow
    text: str  # the whole file's text; the essay is text[row.start:row.end]
    claims: list[Claim] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.row.title or (self.file if self.row.essay == 1 else f"{self.file} · essay {self.row.essay}")


def essays_of(results: Iterable) -> Iterable[ReportEssay]:
    """The essays of batch results (:class:`claimx.batch.FileResult` with claims, essays and text)."""
    for r in results:
        if r.claims is None or r.text is None:
            continue
        for row in r.essays or []:
            inside = [c for c in r.claims if c.essay == row.essay]
            yield ReportEssay(r.name, row, r.text, inside)


def e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def script_json(data: object) -> str:
    """JSON that is safe inside <script>: no '<', '>', '&' or line separators that could end or break it."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _claim_data(c: Claim, n: int) -> dict:
    """A claim's columns (as JSON Lines has them) for the details panel, with its number in the report and its
    value as the table shows it."""
    return {**c.to_dict(), "n": n, "shown": display_value(c)}


def _numbered(essays: list[ReportEssay]) -> Iterator[tuple[int, ReportEssay, list[int]]]:
    """(essay number, essay, its claims' numbers): claims are numbered 1, 2, ... through the whole report."""
    n = 0
    for i, ess in enumerate(essays, start=1):
        yield i, ess, list(range(n + 1, n + len(ess.claims) + 1))
        n += len(ess.claims)


def _subject_span(text: str, c: Claim, lo: int, hi: int) -> tuple[int, int] | None:
    """Where the claim's subject is written near it (the nearest occurrence within SUBJECT_REACH characters)."""
    if not c.subject or len(c.subject) < 2:
        return None
    window_lo, window_hi = max(lo, c.start - SUBJECT_REACH), min(hi, c.end + SUBJECT_REACH)
    best, at = None, text.find(c.subject, window_lo, window_hi)
    while at >= 0:
        if best is None or abs(at - c.start) < abs(best - c.start):
            best = at
        at = text.find(c.subject, at + 1, window_hi)
    return (best, best + len(c.subject)) if best is not None else None


def essay_html(essay: ReportEssay, numbers: list[int]) -> str:
    """The essay's text, escaped, with each claim in a <mark> and each claim's subject, where it is written
    near it, underlined; ``numbers`` are the claims' numbers in the report."""
    lo, hi = essay.row.start, essay.row.end
    text = essay.text
    spans: list[tuple[int, int, str, str]] = []  # (start, end, opening tag, closing tag)
    taken: list[tuple[int, int]] = []
    for c, n in zip(essay.claims, numbers):
        if lo <= c.start and c.end <= hi and not any(s < c.end and c.start < t for s, t in taken):
            title = f"{c.kind.value}: {display_value(c)} {c.unit or ''} — {c.subject or 'no subject'}".strip()
            spans.append((c.start, c.end, f'<mark class="claim k-{e(c.kind.value)}" id="c{n}" data-n="{n}" '
                          f'tabindex="0" title="{e(title)}">', "</mark>"))
            taken.append((c.start, c.end))
    for c, n in zip(essay.claims, numbers):
        found = _subject_span(text, c, lo, hi)
        if found and not any(s < found[1] and found[0] < t for s, t in taken):
            spans.append((found[0], found[1], f'<span class="subj" data-for="{n}" title="what claim {n} measures">',
                          "</span>"))
            taken.append(found)
    spans.sort()
    out, pos = [], lo
    for s, t, open_tag, close_tag in spans:
        out.append(e(text[pos:s]))
        out.append(open_tag + e(text[s:t]) + close_tag)
        pos = t
    out.append(e(text[pos:hi]))
    return "".join(out)


def bar_chart(counts: list[tuple[str, int]], kinds: bool = False) -> str:
    """A small horizontal bar chart as inline SVG (no script, no network); ``kinds``: the labels are claim kinds,
    each bar in its kind's colour."""
    if not counts:
        return ""
    top = max(n for _, n in counts) or 1
    row_h, label_w, bar_w = 18, 220, 260
    rows = []
    for i, (label, n) in enumerate(counts):
        y = i * row_h
        w = max(1, round(bar_w * n / top))
        short = label if len(label) <= 34 else label[:33] + "…"
        rows.append(f'<text x="0" y="{y + 13}" class="lbl">{e(short)}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" class="bar{f" k-{e(label)}" if kinds else ""}"/>'
                    f'<text x="{label_w + w + 4}" y="{y + 13}" class="num">{n}</text>')
    height = row_h * len(counts)
    return (f'<svg class="chart" role="img" width="{label_w + bar_w + 60}" height="{height}" '
            f'viewBox="0 0 {label_w + bar_w + 60} {height}">{"".join(rows)}</svg>')


def claims_table(rows: list[tuple[int, Claim, ReportEssay, str]]) -> str:
    """The claims as a table: one row per claim, linking to it in the text (``href``)."""
    kinds = sorted({c.kind.value for _, c, _, _ in rows})
    essays = []
    for _, _, essay, _ in rows:
        if essay.title not in essays:
            essays.append(essay.title)
    options_k = "".join(f'<option value="{e(k)}">{e(k)}</option>' for k in kinds)
    options_e = "".join(f'<option value="{e(t)}">{e(t)}</option>' for t in essays)
    body = []
    for n, c, essay, href in rows:
        mark = DIRECTION_MARKS.get(json_value(c.direction) or "", "")
        body.append(
            f'<tr data-kind="{e(c.kind.value)}" data-essay="{e(essay.title)}" data-subject="{e((c.subject or "").lower())}">'
            f'<td class="num">{n}</td><td><a class="jump" href="{e(href)}#c{n}">{e(c.text)}</a></td>'
            f'<td><span class="tag k-{e(c.kind.value)}">{e(c.kind.value)}</span></td>'
            f'<td class="num" data-sort="{e(json_value(c.value) if c.value is not None else json_value(c.low) or "")}">'
            f'{e(display_value(c, direction=False))}</td><td>{e(c.unit or "")}</td><td>{e(mark)}</td>'
            f'<td>{e(c.subject or "")}</td><td>{e(essay.title)}</td><td class="num">{e(c.page or "")}</td></tr>')
    return f"""<div class="filters">
<label>Kind <select id="f-kind"><option value="">all</option>{options_k}</select></label>
<label>Essay <select id="f-essay"><option value="">all</option>{options_e}</select></label>
<label>Subject <input id="f-subject" type="search" placeholder="contains…"></label>
<span id="f-count" class="muted"></span></div>
<table id="claims"><thead><tr><th data-type="num">#</th><th>Claim</th><th>Kind</th><th data-type="num">Value</th>
<th>Unit</th><th></th><th>Subject</th><th>Essay</th><th data-type="num">Page</th></tr></thead>
<tbody>{"".join(body)}</tbody></table>"""


CSS = """
:root{--fg:#1d232a;--muted:#5f6b76;--line:#d9dee3;--bg:#fff}
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);margin:0;background:#f6f7f9}
header.top{background:#1d232a;color:#fff;padding:14px 24px}header.top h1{margin:0;font-size:20px}
header.top p{margin:2px 0 0;color:#c9d1d9}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
section{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{font-size:18px;margin:0 0 6px}.meta{color:var(--muted);margin:0 0 12px}
.text{white-space:pre-wrap;font:16px/1.6 Georgia,serif;max-width:80ch}
mark.claim{padding:0 2px;border-radius:3px;cursor:pointer;color:inherit}
mark.claim:focus,mark.claim.active{outline:2px solid #1d232a}
.k-percent{background:#cdeffd}.k-money{background:#c9f2d0}.k-count{background:#fff1b8}.k-ratio{background:#f4d7f7}
.k-multiplier{background:#ead7fb}.k-quantity{background:#d6e2ff}.k-date{background:#e6e8eb}
.subj{text-decoration:underline dotted 2px;text-underline-offset:3px}.subj.active{background:#ffe7a3}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart .lbl,.chart .num{font:12px system-ui,sans-serif;fill:#1d232a}
rect.bar{fill:#8aa4bf}rect.k-percent{fill:#6cc7ef}rect.k-money{fill:#5fcf73}rect.k-count{fill:#f2c94c}
rect.k-ratio{fill:#d98ee0}rect.k-multiplier{fill:#b58bea}rect.k-quantity{fill:#7d9cf0}rect.k-date{fill:#aab1b9}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid var(--line);padding:4px 6px;
text-align:left;vertical-align:top}th{cursor:pointer;background:#f0f2f4;position:sticky;top:0}td.num,th.num{text-align:right}
th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
.tag{padding:0 4px;border-radius:3px;font-size:12px}.filters{display:flex;gap:16px;align-items:center;margin:0 0 8px;flex-wrap:wrap}
.muted{color:var(--muted)}#details{position:fixed;right:16px;bottom:16px;width:340px;max-height:60vh;overflow:auto;
background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 4px 18px rgba(0,0,0,.15);padding:12px 14px;
font-size:14px;display:none}#details.open{display:block}#details dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}
#details dt{color:var(--muted)}#details dd{margin:0}#details button{float:right;border:0;background:none;font-size:18px;cursor:pointer}
nav.essays a{display:block}
.group h3{font-size:15px;margin:14px 0 4px}.verdict{padding:0 6px;border-radius:3px;font-size:13px}
.v-conflict{background:#fbd3d0;color:#8a1c12}.v-over-time{background:#fff1b8}.v-agree{background:#c9f2d0}
table.compare td:nth-child(5){max-width:60ch}details summary{cursor:pointer;margin:10px 0;font-weight:600}
"""

JS = """
(function(){
  var data = JSON.parse(document.getElementById('claim-data').textContent);
  var byN = {}; data.forEach(function(d){ byN[d.n] = d; });
  var panel = document.getElementById('details');
  var fields = [['kind','Kind'],['text','As written'],['shown','Value'],['unit','Unit'],['qualifier','Qualifier'],
    ['direction','Direction'],['subject','Subject'],['place','Place'],['time','Time'],['source','Source'],
    ['page','Page'],['section','Section']];
  function show(n){
    var d = byN[n]; if(!d || !panel) return;
    var dl = panel.querySelector('dl'); dl.textContent = '';
    fields.forEach(function(f){ var v = d[f[0]]; if(v === null || v === undefined || v === '') return;
      var dt = document.createElement('dt'); dt.textContent = f[1];
      var dd = document.createElement('dd'); dd.textContent = String(v); dl.appendChild(dt); dl.appendChild(dd); });
    panel.querySelector('h3').textContent = 'Claim ' + n;
    panel.className = 'open'; panel.setAttribute('data-n', n);
    document.querySelectorAll('.active').forEach(function(x){ x.classList.remove('active'); });
    var m = document.getElementById('c' + n); if(m) m.classList.add('active');
    document.querySelectorAll('.subj[data-for="' + n + '"]').forEach(function(s){ s.classList.add('active'); });
  }
  document.addEventListener('click', function(ev){
    var m = ev.target.closest ? ev.target.closest('mark.claim') : null;
    if(m){ show(m.getAttribute('data-n')); }
  });
  document.addEventListener('keydown', function(ev){
    if(ev.key === 'Enter' && ev.target.matches && ev.target.matches('mark.claim')) show(ev.target.getAttribute('data-n'));
    if(ev.key === 'Escape' && panel) panel.className = '';
  });
  if(panel) panel.querySelector('button').addEventListener('click', function(){ panel.className = ''; });
  function openFromHash(){ var h = location.hash.match(/^#c(\\d+)$/); if(h) show(h[1]); }
  window.addEventListener('hashchange', openFromHash); openFromHash();
  var table = document.getElementById('claims'); if(!table) return;
  var tbody = table.tBodies[0], rows = Array.prototype.slice.call(tbody.rows);
  var fk = document.getElementById('f-kind'), fe = document.getElementById('f-essay'), fs = document.getElementById('f-subject');
  var count = document.getElementById('f-count');
  function filter(){
    var k = fk.value, es = fe.value, s = fs.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function(r){
      var ok = (!k || r.getAttribute('data-kind') === k) && (!es || r.getAttribute('data-essay') === es) &&
               (!s || r.getAttribute('data-subject').indexOf(s) >= 0);
      r.hidden = !ok; if(ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' claims';
  }
  [fk, fe].forEach(function(x){ x.addEventListener('change', filter); }); fs.addEventListener('input', filter); filter();
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, i){
    th.addEventListener('click', function(){
      var num = th.getAttribute('data-type') === 'num', asc = !th.classList.contains('sorted-asc');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function(x){ x.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
      rows.sort(function(a, b){
        var x = a.cells[i].getAttribute('data-sort') || a.cells[i].textContent, y = b.cells[i].getAttribute('data-sort') || b.cells[i].textContent;
        if(num){ x = parseFloat(x); y = parseFloat(y); x = isNaN(x) ? -Infinity : x; y = isNaN(y) ? -Infinity : y; return asc ? x - y : y - x; }
        return asc ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function(r){ tbody.appendChild(r); });
    });
  });
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _groups(essays: list[ReportEssay]):
    """The groups ``claimx compare`` finds among the report's claims."""
    from claimx.compare import compare

    return compare(c for ess in essays for c in ess.claims)


def _sentence_html(c: Claim, n: int | None = None) -> str:
    """The claim's sentence, escaped, with the claim in it marked (its number ``n`` opens its details on click).
    The sentence has its whitespace collapsed, so the claim's text is looked for so too (its first occurrence: the
    sentence does not keep the claim's offset in it)."""
    sentence = c.sentence or c.text
    text = " ".join(c.text.split())
    at = sentence.find(text)
    if at < 0:
        return e(sentence)
    number = f' data-n="{n}"' if n else ""
    return (e(sentence[:at]) + f'<mark class="claim k-{e(c.kind.value)}"{number}>{e(text)}</mark>'
            + e(sentence[at + len(text):]))


def comparisons_html(groups: list, where: dict[int, tuple[int, str]]) -> str:
    """The section on figures given by more than one document: every conflict open, each side's value, time,
    document, page and sentence, linking to the passage (``where``: id(claim) -> (its number, the page it is on;
    "" for this page)); series over time and agreements folded below."""
    from claimx.compare import AGREE, CONFLICT, OVER_TIME, place_shown

    if not groups:
        return ('<section id="compare"><h2>Across documents</h2><p class="muted">No figure is given by more than '
                'one document.</p></section>')
    by_verdict = {v: [g for g in groups if g.verdict == v] for v in (CONFLICT, OVER_TIME, AGREE)}

    def table(g) -> str:
        place = place_shown(g.measure, g.claims)
        what = g.measure.subject_key + (f" · {place}" if place else "")
        kind = g.measure.kind + (", change" if g.measure.change else "")
        body = []
        for m in g.members:
            c = m.claim
            n, page = where.get(id(c), (None, ""))
            mark = DIRECTION_MARKS.get(json_value(c.direction) or "", "")
            value = display_value(c, direction=False) + (f" {c.unit}" if c.unit and c.kind.value != "count" else "")
            doc = e(c.essay_title or c.file or "")
            if c.essay_title and c.file:
                doc += f'<br><span class="muted">{e(c.file)}</span>'
            link = f'<a class="jump" href="{e(page)}#c{n}">passage {n}</a>' if n else ""
            body.append(f'<tr><td class="num">{e(value)} {e(mark)}</td><td>{e(c.time or "")}</td><td>{doc}</td>'
                        f'<td class="num">{e(c.page or "")}</td><td>{_sentence_html(c, n)}</td><td>{link}</td></tr>')
        return (f'<div class="group" id="group-{g.id}"><h3>Group {g.id} <span class="verdict v-{e(g.verdict.replace(" ", "-"))}">'
                f'{e(g.verdict)}</span> {e(what)} <span class="muted">({e(kind)}; {g.documents} documents)</span></h3>'
                f'<table class="compare"><thead><tr><th>Value</th><th>Time</th><th>Document</th><th>Page</th>'
                f'<th>Sentence</th><th></th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')

    counts = ", ".join(f"{len(gs)} {v}" for v, gs in by_verdict.items() if gs)
    parts = [f'<section id="compare"><h2>Across documents: {len(groups)} figure{"s" if len(groups) != 1 else ""} '
             f'given by more than one document</h2><p class="meta">{e(counts)}</p>']
    if by_verdict[CONFLICT]:
        parts.append("<h3>Conflicts</h3>" + "".join(table(g) for g in by_verdict[CONFLICT]))
    else:
        parts.append('<p>No conflict: where documents give the same figure for the same time, they agree.</p>')
    for verdict, label in ((OVER_TIME, "Series over time"), (AGREE, "Agreements")):
        if by_verdict[verdict]:
            parts.append(f'<details><summary>{label} ({len(by_verdict[verdict])})</summary>'
                         + "".join(table(g) for g in by_verdict[verdict]) + "</details>")
    parts.append("</section>")
    return "".join(parts)


def _page(title: str, body: str, claims_json: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="claimx {__version__}"><title>{e(title)}</title><style>{CSS}</style></head>
<body>{body}
<aside id="details" aria-live="polite"><button type="button" aria-label="close">×</button><h3></h3><dl></dl></aside>
<script type="application/json" id="claim-data">{claims_json}</script>
<script>{JS}</script></body></html>
"""


def _essay_section(essay: ReportEssay, numbers: list[int], index: int) -> str:
    row = essay.row
    meta = " · ".join(x for x in (", ".join(row.authors), row.date or "", essay.file,
                                  f"{len(essay.claims)} claims") if x)
    return (f'<section class="essay" id="essay-{index}"><h2>{e(essay.title)}</h2><p class="meta">{e(meta)}</p>'
            f'<div class="text">{essay_html(essay, numbers)}</div></section>')


def _summary(essays: list[ReportEssay]) -> str:
    kinds = Counter(c.kind.value for ess in essays for c in ess.claims)
    per_essay = [(ess.title, len(ess.claims)) for ess in essays]
    total = sum(kinds.values())
    return (f'<section><h2>{total} claims in {len(essays)} essays</h2><div class="charts">'
            f'<div><p class="muted">per kind</p>{bar_chart(sorted(kinds.items(), key=lambda x: -x[1]), kinds=True)}</div>'
            f'<div><p class="muted">per essay</p>{bar_chart(per_essay[:30])}'
            f'{"<p class=muted>first 30 essays shown</p>" if len(per_essay) > 30 else ""}</div></div></section>')


def render_report(essays: list[ReportEssay], title: str = "claimx report") -> tuple[str, int]:
    """One self-contained page: summary charts, the claims table, then every essay. Returns (html, claims)."""
    numbered = list(_numbered(essays))
    rows = [(k, c, ess, "") for _, ess, numbers in numbered for k, c in zip(numbers, ess.claims)]
    data = [_claim_data(c, k) for k, c, _, _ in rows]
    compared = comparisons_html(_groups(essays), {id(c): (k, "") for k, c, _, _ in rows}) if len(essays) > 1 else ""
    body = (f'<header class="top"><h1>{e(title)}</h1><p>{len(rows)} claims · {len(essays)} essays</p></header><main>'
            + _summary(essays) + compared + f'<section><h2>Claims</h2>{claims_table(rows)}</section>'
            + "".join(_essay_section(ess, numbers, i) for i, ess, numbers in numbered) + "</main>")
    return _page(title, body, script_json(data)), len(rows)


def write_report(results: Iterable, out, title: str = "claimx report") -> int:
    """The report of batch results as one HTML page written to ``out`` (a text stream); returns the claims."""
    page, n = render_report(list(essays_of(results)), title)
    out.write(page)
    return n


def write_report_folder(results: Iterable, folder: Path, title: str = "claimx report") -> int:
    """A folder report: index.html (charts, the table of every claim, the list of essays) and one page per essay
    (essay-0001.html ...), for batches too large for one page. Returns the number of claims."""
    folder.mkdir(parents=True, exist_ok=True)
    essays = list(essays_of(results))
    rows, links = [], []
    for i, ess, numbers in _numbered(essays):
        page = f"essay-{i:04d}.html"
        own = [(k, c, ess, "") for k, c in zip(numbers, ess.claims)]
        rows += [(k, c, ess, page) for k, c, _, _ in own]
        body = (f'<header class="top"><h1>{e(ess.title)}</h1><p><a style="color:#c9d1d9" href="index.html">'
                f'← {e(title)}</a></p></header><main>'
                + f'<section><h2>Claims</h2>{claims_table(own)}</section>'
                + _essay_section(ess, numbers, i) + "</main>")
        (folder / page).write_text(_page(ess.title, body, script_json([_claim_data(c, k) for k, c, _, _ in own])),
                                   encoding="utf-8")
        links.append(f'<a href="{page}">{e(ess.title)}</a>')
    compared = (comparisons_html(_groups(essays), {id(c): (k, page) for k, c, _, page in rows})
                if len(essays) > 1 else "")
    body = (f'<header class="top"><h1>{e(title)}</h1><p>{len(rows)} claims · {len(essays)} essays</p></header><main>'
            + _summary(essays) + compared + f'<section><h2>Essays</h2><nav class="essays">{"".join(links)}</nav></section>'
            + f'<section><h2>Claims</h2>{claims_table(rows)}</section></main>')
    # the index shows no text, so no claim's details open there: its rows link to the essays' pages
    (folder / "index.html").write_text(_page(title, body, script_json([])), encoding="utf-8")
    return len(rows)
