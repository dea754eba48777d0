"""The tests, the package's comments and docstrings, and README.md never copy text from the gold and dev sets.

The sets under ../shared are for measuring only: a test sentence taken from them tunes the code to the measure.
This fails when any of those files shares a run of EIGHT or more words (case-insensitive, punctuation ignored)
with a text under ../shared: the corpus texts, the `text` and `subject` fields of every gold file, the dev
reports and MeasEval texts, and the dev documents' Markdown. Skipped when ../shared is absent.
"""
from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

RUN = 8  # words

_SPLIT = re.compile(r"[\s\-\u2010-\u2015/]+")  # spaces, hyphens, dashes and slashes separate words
_STRIP = re.compile(r"[^\w]+")  # any other punctuation is ignored (inside a word: "2,352" -> "2352")


def words(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """The words of `text`, lowercased and without punctuation, each with its line number."""
    out = []
    for offset, line in enumerate(text.split("\n")):
        for token in _SPLIT.split(line.lower()):
            word = _STRIP.sub("", token)
            if word:
                out.append((word, first_line + offset))
    return out


def shingles(ws: list[str]):
    for i in range(len(ws) - RUN + 1):
        yield i, " ".join(ws[i : i + RUN])


def shared_texts(shared: Path):
    """(name, text) for every text under ../shared the rule protects."""
    globs = ["corpus/*.txt", "dev/reports/texts/*", "dev/measeval/texts/*", "dev/documents/*.md"]
    for pattern in globs:
        for path in sorted(shared.glob(pattern)):
            if path.is_file():
                yield str(path.relative_to(shared)), path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(shared.glob("**/gold/*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict):
                continue
            for field in ("text", "subject"):
                if isinstance(record.get(field), str):
                    yield f"{path.relative_to(shared)}:{n}", record[field]


@pytest.fixture(scope="module")
def shared_shingles():
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    index: dict[int, tuple[str, str]] = {}
    for name, text in shared_texts(SHARED):
        for _, shingle in shingles([w for w, _ in words(text)]):
            index.setdefault(hash(shingle), (name, shingle))
    if not index:
        pytest.skip("../shared holds no texts")
    return index


def _python_prose(source: str) -> list[tuple[str, int]]:
    """The words of a module's comments and string literals (docstrings included), with their line numbers."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.STRING):
            out.extend(words(tok.string, tok.start[0]))
        elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.extend(words(tok.string, tok.start[0]))
    return out


def checked_files():
    """(path, words with line numbers) for each file the rule covers."""
    for path in sorted((ROOT / "tests").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path, words(path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted((ROOT / "claimx").rglob("*.py")):
        yield path, _python_prose(path.read_text(encoding="utf-8"))
    readme = ROOT / "README.md"
    if readme.is_file():
        yield readme, words(readme.read_text(encoding="utf-8"))


def test_words_ignore_case_and_punctuation():
    assert [w for w, _ in words("The Fund's US$3,150 loan -- half-paid,\nso far.")] == [
        "the", "funds", "us3150", "loan", "half", "paid", "so", "far"
    ]
    assert [n for _, n in words("a b\nc", 5)] == [5, 5, 6]


def test_no_file_shares_eight_words_with_the_shared_texts(shared_shingles):
    found = []
    for path, located in checked_files():
        ws = [w for w, _ in located]
        last_end = -1
        for i, shingle in shingles(ws):
            hit = shared_shingles.get(hash(shingle))
            if hit is None or hit[1] != shingle:
                continue
            if i < last_end:  # the same run, one word on
                last_end = i + RUN
                continue
            last_end = i + RUN
            found.append(f"{path.relative_to(ROOT)}:{located[i][1]}: {shingle!r} (as in {hit[0]})")
    assert not found, "text copied from ../shared:\n" + "\n".join(found)
