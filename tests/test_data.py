"""Every data file loads and has the shape the code expects."""
import pytest

from claimx._data import DATA_FILES, load
from claimx.model import Qualifier

ISO_CODE = __import__("re").compile(r"^[A-Z]{3}$")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_loads_and_says_what_it_is(name):
    data = load(name)
    assert isinstance(data, dict) and data.get("_about")


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
