"""The subject ranker (claimx/context/subjects.py): candidates from every reading of a figure's context, one table
of weights (claimx/data/subject_weights.json) choosing among them. Invented sentences only."""
import ast
from pathlib import Path

import pytest

from claimx.context import subjects
from claimx.context.subjects import Option, candidates, rank, score, weights
from claimx.model import Kind

CONTEXT = Path(subjects.__file__).resolve().parent


def _span(nlp, sentence, text):
    doc = nlp(sentence)
    start = sentence.index(text)
    return doc.char_span(start, start + len(text), alignment_mode="expand")


def test_every_option_names_a_rule_and_role_of_the_table(nlp):
    table = weights()
    span = _span(nlp, "The ministry will spend $40 million on new ferries next year.", "$40 million")
    options = candidates(span, Kind.money)
    assert options
    for option in options:
        assert option.rule in table["rules"] and option.role in table["roles"], option
        assert set(option.features) <= set(table["features"]), option


def test_the_table_alone_orders_the_options():
    low, high = Option("clause", "verb_subject", "the agency"), Option("spent_on", "head", "ferries")
    assert score(high) > score(low)
    assert rank([low, high]).phrase == "ferries"
    tuned = {"rules": {"clause": 20, "spent_on": 1}, "roles": {}, "features": {}}
    assert rank([low, high], tuned).phrase == "the agency"  # a table, not the order of the code, decides


def test_of_equal_scores_the_first_proposed_wins():
    a, b = Option("at", "head", "first"), Option("at", "head", "second")
    assert rank([a, b]).phrase == "first" and rank([]) is None


def test_a_reading_with_no_subject_outranks_lower_readings(nlp):
    span = _span(nlp, "Traders say 9 percent.", "9 percent")
    best = rank(candidates(span, Kind.percent))
    assert best is not None and best.phrase is None


def test_features_name_actors_and_places(nlp):
    span = _span(nlp, "Acme Corporation paid $30 million to Ohio.", "$30 million")
    feats = {o.phrase: o.features for o in candidates(span, Kind.money) if o.phrase}
    assert any("money_actor" in f for p, f in feats.items() if "Acme" in p), feats


def test_no_function_in_context_is_over_60_lines():
    long = [f"{path.name}:{node.name}" for path in sorted(CONTEXT.glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 60]
    assert not long, long


def _assert_subject_holds(extract, sentence, text, head, ending=False):
    """The claim written ``text`` (or ending with it) has ``head`` as a word of its subject."""
    claims = extract(sentence)
    found = [c for c in claims if c.text == text or (ending and c.text.endswith(text))]
    assert found and head in (found[0].subject or "").lower().split(), [(c.text, c.subject) for c in claims]


@pytest.mark.parametrize("sentence,text,head", [
    # money names what it buys, costs, is spent on, earned, owed or lent, or the account: never who pays
    ("Harbor Bank lent the town council $70 million.", "$70 million", "loan"),
    ("The county owes $9 million to its contractors.", "$9 million", "debt"),
    ("The studio earned $12 million from streaming rights.", "$12 million", "earnings"),
    ("The foundation donated $2 million to the aquarium.", "$2 million", "donation"),
    ("The water board borrowed $45 million last spring.", "$45 million", "borrowing"),
    ("The port authority will spend $3 billion on tugboats.", "$3 billion", "tugboats"),
    ("The territory ran a surplus of $8 billion.", "$8 billion", "surplus"),
    ("Norway's exports to Korea reached $6 billion.", "$6 billion", "exports"),
    ("The ministry set aside $20 million for flood barriers.", "$20 million", "barriers"),
])
def test_money_names_the_sum_not_the_actor(extract, sentence, text, head):
    _assert_subject_holds(extract, sentence, text, head)


@pytest.mark.parametrize("sentence,text,unit", [
    # a whole figure as the level of 'the number of X' counts X
    ("Officials put the number of ferries at 57.", "57", "ferries"),
    ("The number of clinics was 412 last year.", "412", "clinics"),
    ("Planners estimated the number of kiosks at 1,250.", "1,250", "kiosks"),
])
def test_a_level_of_the_number_of_things_counts_the_things(extract, sentence, text, unit):
    found = [c for c in extract(sentence) if c.text == text]
    assert found and found[0].unit == unit, [(c.text, c.unit) for c in extract(sentence)]


@pytest.mark.parametrize("sentence,text,head", [
    # a figure conjoined to another is read the way the first was: its own 'for'/'on'/'in' names its subject
    ("The town will spend $15 million on parks and $4 million on libraries.", "$4 million", "libraries"),
    ("The bill sets aside $9 million for ferries and $2 million for piers.", "$2 million", "piers"),
    ("The trust holds $3 billion in bonds and $1 billion in equities.", "$1 billion", "equities"),
    # ... and where the second figure has no phrase of its own there, it shares the first's subject
    ("Turnout was 61 percent in Leeds and 48 percent in Hull.", "48 percent", "turnout"),
    ("Rents rose 6 percent in May and 4 percent in June.", "4 percent", "rents"),
])
def test_a_conjoined_figure_is_read_like_the_first(extract, sentence, text, head):
    _assert_subject_holds(extract, sentence, text, head)


@pytest.mark.parametrize("sentence,text,head", [
    # a possessive with a curly apostrophe the parse ends the object at: the possessed noun is what the share is of
    ("About 0.2% of the tolls, 0.6% of the fares, and 0.9% of the two agencies’ pooled receipts went to repairs.",
     "0.9%", "receipts"),
    ("Nearly 3% of the ferry lines’ annual takings came from freight.", "3%", "takings"),
])
def test_a_share_of_a_possessed_noun_names_that_noun(extract, sentence, text, head):
    _assert_subject_holds(extract, sentence, text, head, ending=True)  # 'About 0.2%' ends with '0.2%'
