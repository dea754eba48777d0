"""Every data file loads and has the shape the code expects; every key is read; no word list lives in code."""
import ast
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from claimx._data import DATA_FILES, load
from claimx.model import Qualifier

ISO_CODE = re.compile(r"^[A-Z]{3}$")
PACKAGE = Path(__file__).resolve().parents[1] / "claimx"
SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_loads_and_says_what_it_is(name):
    data = load(name)
    assert isinstance(data, Mapping) and data.get("_about")


def test_every_data_file_is_known():
    assert sorted(p.stem for p in (PACKAGE / "data").glob("*.json")) == sorted(DATA_FILES)


def _string_constants() -> set[str]:
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_data_key_is_read_by_the_code():
    constants = _string_constants()
    # a key is read where the code names it as a string: load("cues")["increase_verbs"], words("pronouns") ...
    unread = [f"{name}.json: {key}" for name in DATA_FILES for key in load(name)
              if key != "_about" and key not in constants and not any(f"'{key}'" in c or f'"{key}"' in c
                                                                       for c in constants)]
    assert not unread, f"data keys no code reads (remove them or use them): {unread}"


WORD = re.compile(r"^[A-Za-z][a-z]+(?: [a-z]+)*$")
# a regex alternation of four or more plain words: a word list written into a pattern
ALTERNATION = re.compile(r"(?<![\\\w])[A-Za-z]{2,}(?:\|[A-Za-z]{2,}){3,}(?![\w])")
# collections of strings that are not English words: spaCy's dependency and entity labels, markup, file names
NOT_LINGUISTIC = {
    "text/clean.py": "HTML tag names",
    "io/readers.py": "file extensions and formats",
    "io/writers.py": "file extensions",
    "__init__.py": "public names (__all__)",
    "cli.py": "summary counters and encoding names",
    "compare.py": "column names",
    "io/claim_files.py": "column names",
    "batch.py": "summary counters and encoding names",
    "nlp.py": "Python package names of machine-learning frameworks",
    "model.py": "the section names of the claim schema",
    "text/essays.py": "front-matter keys",
    "_data.py": "the data file names",
}
# regex alternations of words that are not English: file extensions in names that are never prose
NOT_LINGUISTIC_PATTERNS = {"recognizers/__init__.py": "file extensions"}


def _glossary() -> set[str]:
    from spacy.glossary import GLOSSARY

    return set(GLOSSARY)


def test_no_word_list_lives_in_code():
    labels = _glossary()
    offenders = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                elts = node.keys if isinstance(node, ast.Dict) else node.elts
                words = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                         and WORD.match(e.value) and e.value not in labels]
                if len(words) >= 4 and str(path.relative_to(PACKAGE)) not in NOT_LINGUISTIC:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {words[:5]}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and ALTERNATION.search(node.value) \
                    and str(path.relative_to(PACKAGE)) not in NOT_LINGUISTIC_PATTERNS:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {ALTERNATION.search(node.value).group()}")
    assert not offenders, "word lists belong in claimx/data/: " + "; ".join(offenders)


def test_currencies_map_to_iso_codes():
    cur = load("currencies")
    for table in ("safe_symbols", "ambiguous_symbols", "words"):
        assert all(ISO_CODE.match(code) for code in cur[table].values()), table
    assert all(ISO_CODE.match(code) for code in cur["codes"])


def test_qualifier_groups_are_known_and_disjoint():
    cues = load("cues")
    seen = set()
    for group in ("qualifiers_before", "qualifiers_after"):
        for q, phrases in cues[group].items():
            Qualifier(q)
            assert not (set(phrases) & seen), set(phrases) & seen
            seen |= set(phrases)


def test_units_have_forms():
    for name, entry in load("units")["units"].items():
        assert entry["unit"] and entry["forms"], name


def test_number_words_are_consistent():
    w = load("number_words")
    assert w["units"]["nineteen"] == 19 and w["tens"]["ninety"] == 90
    assert not set(w["units"]) & set(w["tens"])
    assert not set(w["scale_abbreviations"]) & set(w["scales"])  # one table for the words, one for the short forms
