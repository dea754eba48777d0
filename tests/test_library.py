"""The library as a notebook user meets it: dir(), plain strings, enum strings, a Batch used once, read-only data,
``as_of``, and the documented type of ``value``. The sentences are invented."""
from __future__ import annotations

import re
import subprocess
import sys
import warnings
from decimal import Decimal

import pytest

import claimx
from claimx.model import Claim, Direction, Kind, Qualifier

API = ["extract", "extract_texts", "read_texts", "extract_files", "load_nlp"]


def test_dir_lists_the_api_without_importing_spacy():
    assert set(API + ["Claim", "Kind", "FIELDS", "__version__"]) <= set(dir(claimx))
    code = ("import sys, claimx\nnames = dir(claimx)\n"
            f"print(all(n in names for n in {API!r}), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


@pytest.mark.parametrize("items, files", [
    (["The quay grew 30 percent.", "Some 400 gulls nested there."], [None, None]),
    (["The quay grew 30 percent.", ("Some 400 gulls nested there.", "gulls.txt")], [None, "gulls.txt"]),
    ([("The quay grew 30 percent.", "quay.md"), "Some 400 gulls nested there."], ["quay.md", None]),
])
def test_extract_texts_takes_plain_strings_and_pairs(nlp, items, files):
    got = list(claimx.extract_texts(items, nlp=nlp))
    assert [[c.text for c in claims] for claims in got] == [["30 percent"], ["Some 400"]]
    assert [claims[0].file for claims in got] == files
    readings = list(claimx.read_texts(items, nlp=nlp))
    assert [r.claims[0].file for r in readings] == files


@pytest.mark.parametrize("member, text", [
    (Kind.percent, "percent"), (Kind.date, "date"), (Qualifier.approx, "approx"), (Qualifier.under, "under"),
    (Direction.increase, "increase"), (Direction.decrease, "decrease"),
])
def test_enums_print_as_their_values(member, text):
    assert str(member) == text
    assert f"{member}" == text
    assert member == text


def test_a_claims_enums_print_plainly(extract):
    (c,) = extract("Ferry fares fell nearly 9 percent.")
    assert f"{c.kind} {c.qualifier} {c.direction}" == "percent approx decrease"
    assert [type(c.to_dict()[f]) for f in ("kind", "qualifier", "direction")] == [str, str, str]


def test_a_batch_is_iterated_once(nlp, tmp_path):
    for name, text in [("a.txt", "The orchard gave 120 crates."), ("b.txt", "Yields rose 8 percent.")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    batch = claimx.extract_files([str(tmp_path)], nlp=nlp)
    assert sum(len(r.claims) for r in batch) == 2
    with pytest.raises(RuntimeError, match="a Batch can be iterated once; call extract_files again"):
        iter(batch)
    assert (batch.summary.files, batch.summary.claims) == (2, 2)


def _mutable_parts(x, path="") -> list[str]:
    if isinstance(x, (dict, list, set)):
        return [path or "/"]
    if isinstance(x, (tuple, frozenset)):
        return [p for i, v in enumerate(x) for p in _mutable_parts(v, f"{path}[{i}]")]
    if hasattr(x, "items"):
        return [p for k, v in x.items() for p in _mutable_parts(v, f"{path}/{k}")]
    return []


@pytest.mark.parametrize("name", ["number_words", "currencies", "cues", "units", "dates", "labels", "sections",
                                  "grammar", "currencies_cldr"])
def test_data_files_are_read_only(name):
    from claimx._data import load

    data = load(name)
    assert _mutable_parts(data) == []
    with pytest.raises(TypeError):
        data["a key no file has"] = 1  # type: ignore[index]


AS_OF_TEXT = "The pier was rebuilt last year."


def _last_year(fn, nlp, **kw):
    if fn == "extract":
        claims = claimx.extract(AS_OF_TEXT, nlp=nlp, **kw)
    elif fn == "extract_texts":
        claims = next(claimx.extract_texts([AS_OF_TEXT], nlp=nlp, **kw))
    else:
        claims = next(claimx.read_texts([AS_OF_TEXT], nlp=nlp, **kw)).claims
    return next(c.value for c in claims if c.text == "last year")


@pytest.mark.parametrize("fn", ["extract", "extract_texts", "read_texts"])
def test_as_of_with_reference_date_as_a_deprecated_alias(nlp, fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _last_year(fn, nlp, as_of="2016-05") == "2015"
    with pytest.warns(DeprecationWarning, match="reference_date.*as_of"):
        assert _last_year(fn, nlp, reference_date="2016-05") == "2015"
    with pytest.raises(TypeError, match="not both"):
        _last_year(fn, nlp, as_of="2016-05", reference_date="2016-05")


def _documented_types() -> dict[str, type]:
    """The ``kind  value`` table of the Claim docstring: {kind: Decimal or str}."""
    rows = re.findall(r"^\s*(\w+)\s{2,}(Decimal|str)\b", Claim.__doc__ or "", flags=re.M)
    return {kind: {"Decimal": Decimal, "str": str}[t] for kind, t in rows}


@pytest.mark.parametrize("sentence, text, kind, field", [
    ("The quay grew 30 percent.", "30 percent", "percent", "value"),
    ("The toll brought in $7 million.", "$7 million", "money", "value"),
    ("Some 400 gulls nested there.", "Some 400", "count", "value"),
    ("One in four ferries ran late.", "One in four", "ratio", "value"),
    ("The catch tripled.", "tripled", "multiplier", "value"),
    ("The jetty is 60 metres long.", "60 metres", "quantity", "value"),
    ("The jetty opened in May 2011.", "May 2011", "date", "value"),
    ("Fares rose 4 to 6 percent.", "4 to 6 percent", "percent", "low"),
    ("Work ran from 2003 to 2007.", "from 2003 to 2007", "date", "low"),
])
def test_the_claim_docstring_states_the_type_of_value(extract, sentence, text, kind, field):
    documented = _documented_types()
    assert set(documented) == {k.value for k in Kind}, "Claim's docstring lists a type for every kind"
    c = next(c for c in extract(sentence) if c.text == text)
    assert c.kind == kind
    assert isinstance(getattr(c, field), documented[kind])
    if field == "low":  # a range: low and high, no value
        assert c.value is None and isinstance(c.high, documented[kind])
    assert re.search(r"None.*range", Claim.__doc__, flags=re.S) and "as_of" in Claim.__doc__
