"""Measure (and tune) the subject ranker's table leaving one gold set out.

    python benchmarks/subject_loso.py [--shared ../shared] [--cache /tmp/subject_loso.pkl] [--write]

1. Runs `claimx extract` (in process) over the three visible sets (the essays corpus with ../shared/gold, the
   reports and MeasEval dev sets) and caches, for every claim whose subject the ranker chose, its candidate
   options (rule, role, features, phrase) and the rest of the subject's path (the sentence subject fallback, the
   'label: figure' line, plausibility), so a table is scored without parsing again.
2. Scores subject end to end (as ../shared/eval/score.py: right subject / gold claims with a subject) for a table.
3. Leave one set out: tunes the table by coordinate search on two sets (mean subject end to end) and scores the
   third; for all three. Prints the table of held-out scores, the hand table ("rules") against the tuned one.
   With --write, writes the table tuned on all three sets to claimx/data/subject_weights.json (ship it only when
   the held-out scores say the tuned table beats the hand one).
The gold sets are read for measuring only; nothing from them goes into the package but the weights.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SETS = {  # name: (texts, gold, kinds the set does not score)
    "corpus": ("corpus", "gold", set()),
    "reports": ("dev/reports/texts", "dev/reports/gold", set()),
    "measeval": ("dev/measeval/texts", "dev/measeval/gold", {"date"}),
}


def _score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(texts: Path) -> tuple[list[dict], dict]:
    """The claims of a folder as rows, and the ranker's options for each claim by (file, start, end)."""
    import claimx.api as api
    from claimx import context
    from claimx.cli import app
    from claimx.context import subjects

    cache, last = {}, {}
    real_subject, real_label, real_claim = context.subject_of, context.line_label, api._claim

    def subject_of(span, kind, noun=None, unit=None):
        last.update(options=subjects.candidates(span, kind, noun, unit), sentence=subjects.sentence_subject(span),
                    kind=kind, unit=unit)
        return real_subject(span, kind, noun, unit)

    def line_label(before, subject):
        last["before"] = before
        return real_label(before, subject)

    def claim(*a, **kw):
        last.clear()
        found = real_claim(*a, **kw)
        if found is not None and "options" in last:
            cache[(os.path.basename(found.file), found.start, found.end)] = dict(last)
        return found

    out = Path(f"/tmp/subject_loso_{os.getpid()}.jsonl")
    context.subject_of, context.line_label, api._claim = subject_of, line_label, claim
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            app(["extract", str(texts), "--format", "jsonl", "-o", str(out)], standalone_mode=False)
    finally:
        context.subject_of, context.line_label, api._claim = real_subject, real_label, real_claim
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.unlink()
    return rows, cache


def build(shared: Path) -> dict:
    """Per set: the options of every matched claim with a gold subject, whether each would be right if chosen,
    the claims right or wrong whatever the table says, and the number of gold claims with a subject."""
    from claimx.api import PLAIN_QUOTES
    from claimx.context.subjects import line_label, plausible_subject

    score = _score_module(shared)
    data = {}
    for name, (texts, gold_dir, ignored) in SETS.items():
        rows, cache = _run(shared / texts)
        gold_rows = score.drop_kinds(score.load_jsonl([str(shared / gold_dir)]), ignored)
        rows = score.drop_kinds(rows, ignored)
        gold, pred = score.by_file(gold_rows, "gold"), score.by_file(rows, "predicted")
        claims, fixed = [], 0
        for fname, gs in gold.items():
            for g, p in score.match(gs, pred.get(fname, []))[0]:
                if g.get("optional") or g["kind"] == "date" or not g.get("subject_heads"):
                    continue
                entry = cache.get((fname, p["start"], p["end"]))
                if entry is None:  # the subject came another way (a table's row label, an elided unit)
                    fixed += bool(score.subject_ok(g, p))
                    continue
                opts = []
                for o in entry["options"]:
                    subject = plausible_subject(o.phrase or entry["sentence"], entry["kind"], entry["unit"])
                    subject = line_label(entry.get("before", ""), subject) or subject
                    subject = subject.translate(PLAIN_QUOTES) if subject else subject
                    opts.append((o.rule, o.role, tuple(sorted(o.features)), bool(score.subject_ok(g, {"subject": subject}))))
                claims.append(opts)
        total = sum(1 for g in gold_rows if not g.get("optional") and g.get("kind") != "date" and g.get("subject_heads"))
        data[name] = {"claims": claims, "fixed": fixed, "total": total}
    return data


class Scorer:
    """Subject end to end of a set for a weight vector, in numpy: options x parameters, argmax per claim."""

    def __init__(self, entry: dict, params: list[tuple[str, str]]):
        index = {p: i for i, p in enumerate(params)}
        rows, ok, seg = [], [], []
        for opts in entry["claims"]:
            if not opts:
                continue
            seg.append(len(rows))
            for rule, role, feats, right in opts:
                r = np.zeros(len(params))
                r[index[("rules", rule)]] += 1
                r[index[("roles", role)]] += 1
                for f in feats:
                    r[index[("features", f)]] += 1
                rows.append(r)
                ok.append(right)
        self.m = np.array(rows).reshape(len(rows), len(params))
        self.ok, self.seg = np.array(ok, dtype=bool), np.array(seg, dtype=int)
        self.fixed, self.total = entry["fixed"], entry["total"]
        self.owner = np.repeat(np.arange(len(seg)), np.diff(np.append(self.seg, len(rows))))

    def __call__(self, w: np.ndarray) -> float:
        if not len(self.seg):
            return self.fixed / self.total
        s = self.m @ w
        best = np.maximum.reduceat(s, self.seg)
        top = np.where(s >= best[self.owner] - 1e-9, np.arange(len(s)), len(s))
        first = np.minimum.reduceat(top, self.seg)  # of equal scores, the first proposed
        return (self.fixed + int(self.ok[first].sum())) / self.total


GRID = {"rules": [float(v) for v in range(0, 21)],
        "roles": [round(0.05 * v, 2) for v in range(0, 20)],
        "features": [-12.0, -6.0, -3.0, -1.0, -0.5, -0.1, 0.0, 0.1, 0.5, 1.0, 3.0, 6.0]}


def tune(scorers: list[Scorer], params, w0: np.ndarray, passes: int = 3, parts=("rules", "roles", "features")) -> np.ndarray:
    """Coordinate search from the hand table: each weight in turn takes the grid value that most lifts the mean
    subject end to end of ``scorers`` (a change must lift it; ties keep the hand value)."""
    w = w0.copy()
    objective = lambda v: sum(s(v) for s in scorers) / len(scorers)  # noqa: E731
    best = objective(w)
    for _ in range(passes):
        moved = False
        for i, (part, _name) in enumerate(params):
            for value in GRID[part] if part in parts else ():
                trial = w.copy()
                trial[i] = value
                got = objective(trial)
                if got > best + 1e-9:
                    w, best, moved = trial, got, True
        if not moved:
            break
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/subject_loso.pkl"))
    ap.add_argument("--rebuild", action="store_true", help="parse the sets again even if the cache exists")
    ap.add_argument("--write", action="store_true", help="write the table tuned on all three sets to the package")
    ap.add_argument("--parts", default="features", choices=("features", "roles+features", "all"),
                    help="which weights --write tunes")
    a = ap.parse_args()
    if a.cache.exists() and not a.rebuild:
        data = pickle.loads(a.cache.read_bytes())
    else:
        data = build(a.shared)
        a.cache.write_bytes(pickle.dumps(data))
    from claimx.context.subjects import weights

    table = weights()
    params = sorted({(part, k) for part in table for k in table[part]}
                    | {("rules", o[0]) for e in data.values() for c in e["claims"] for o in c}
                    | {("roles", o[1]) for e in data.values() for c in e["claims"] for o in c}
                    | {("features", f) for e in data.values() for c in e["claims"] for o in c for f in o[2]})
    hand = np.array([table[p].get(k, 0.0) for p, k in params])
    scorers = {name: Scorer(entry, params) for name, entry in data.items()}
    variants = {"features": ("features",), "roles+features": ("roles", "features"),
                "all": ("rules", "roles", "features")}
    print("subject end to end on the held-out set: the hand table (rules) and tables tuned on the other two sets")
    print(f"{'held out':<10}{'rules':>8}" + "".join(f"{v:>16}" for v in variants))
    for name in scorers:
        train = [s for n, s in scorers.items() if n != name]
        got = [scorers[name](tune(train, params, hand, parts=parts)) for parts in variants.values()]
        print(f"{name:<10}{scorers[name](hand):>8.3f}" + "".join(f"{g:>16.3f}" for g in got))
    w = tune(list(scorers.values()), params, hand, parts=variants[a.parts])
    changed = {f"{p}.{k}": (float(h), float(v)) for (p, k), h, v in zip(params, hand, w) if h != v}
    print(f"tuned ({a.parts}) on all three:", {n: round(s(w), 3) for n, s in scorers.items()}, "changes:", changed)
    if a.write:
        path = ROOT / "claimx" / "data" / "subject_weights.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        for (p, k), v in zip(params, w):
            doc[p][k] = round(float(v), 2)
        path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
