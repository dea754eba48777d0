"""The subject key: a normalized form of a claim's subject under which two wordings of one measure meet.

"Brazil's soybean exports", "exports of soybeans from Brazil" and "the soybeans that Brazilian farmers exported"
all give the key ``export soybean`` and the place Brazil (or Brazilian, which ``claimx.compare`` matches to
Brazil): the content words' lemmas, each once, in alphabetical order; places taken out into the place;
determiners, numbers, dates, hedges and the words of ``claimx/data/keys.json`` dropped, and so is the agent of a
relative clause ('farmers' above), which says who did it, not what was measured.

The subject is parsed on its own (``subject_keys``), so one subject string always gets one key, whichever
sentence it came from. A figure that is the object of an act ('Kenya produced 570,000 tonnes of tea', 'Vietnam
exported coffee worth $3 billion') adds that act to the key, named by its noun (:func:`frame_of`, through the
WordNet-generated ``claimx/data/derivations.json``), with what was acted on: ``output tea``, ``coffee export``,
as "Kenya's tea production" and "Vietnam's coffee exports" have it. Words of one WordNet synset of quantities or
processes are written as one ('production', 'output' and 'yield' as ``output``; 'consumption' and 'use' as ``use``).
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from claimx._data import load
from claimx.context.attribution import stands_alone

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

SKIPPED_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "NUM", "ADV", "INTJ", "SYM", "PUNCT",
                         "SPACE", "X"})
CACHE_SIZE = 200_000  # subject strings kept with their keys per process (a few tens of MB at most)


class Words(NamedTuple):
    empty: frozenset
    fillers: frozenset
    light: frozenset
    place_labels: frozenset
    dropped: frozenset
    price_prepositions: frozenset
    abroad: frozenset
    source_verbs: frozenset


@functools.cache
def _words() -> Words:
    d = load("keys")
    return Words(*(frozenset(d[k]) for k in ("empty_heads", "fillers", "light_verbs", "place_labels", "dropped_labels",
                                             "price_prepositions", "abroad_words", "source_verbs")))


def key_of(doc: "Doc") -> tuple[str | None, str | None]:
    """``(key, place)`` for a subject parsed on its own; key None when no content word is left.

    >>> import claimx
    >>> nlp = claimx.load_nlp()
    >>> key_of(nlp("Brazil's soybean exports")), key_of(nlp("exports of soybeans from Brazil"))
    (('export soybean', 'Brazil'), ('export soybean', 'Brazil'))
    >>> key_of(nlp("the number of nurses")), key_of(nlp("about 2020"))
    (('nurse', None), (None, None))
    """
    empty, fillers, light, place_labels, dropped_labels, *_ = _words()
    acts, owners = load("derivations")["act_nouns"], load("grammar")["actor_nouns"]
    countries = load("places")["names"]
    nounless = not any(t.pos_ in ("NOUN", "PROPN") for t in doc)
    place = None
    words: list[str] = []
    agents = {t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "relcl"}
    agents |= {c.i for a in list(agents) for c in doc[a].subtree}
    for tok in doc:
        ent = tok.ent_type_
        missed = tok.pos_ == "PROPN" and ent not in place_labels and tok.lower_ in countries \
            and stands_alone(doc, tok.i, tok.i + 1)  # a country the tagger took for a person or a company
        if ent in place_labels or missed:
            if place is None:
                place = tok.text if missed else next(e.text for e in doc.ents if e.start <= tok.i < e.end)
            continue
        if ent in dropped_labels or tok.like_num or tok.pos_ in SKIPPED_POS or tok.i in agents:
            continue
        lemma = (tok.text if tok.pos_ == "PROPN" else tok.lemma_).lower().strip(".'’-")
        if not lemma or not any(ch.isalpha() for ch in lemma) or lemma in fillers:
            continue
        if tok.is_stop and lemma not in empty:
            continue
        if tok.pos_ in ("VERB", "AUX") and lemma in light:
            continue
        if tok.dep_ == "poss" and lemma in owners:  # 'the country's', 'the company's': an owner, said elsewhere
            continue
        if tok.pos_ == "VERB" and (tok.dep_ == "amod" or _before_its_noun(tok)):
            continue  # 'installed capacity', 'cut flowers': a participle that says how, not what
        if tok.pos_ == "VERB" and nounless:  # 'estimates' alone, read as a verb: a noun all the same
            lemma = singular(tok.lower_)
        elif tok.pos_ == "VERB":  # 'Spending on parks', 'the tea that Kenya produced': the act by its noun
            lemma = singular(acts.get(lemma, lemma))
        words.append(lemma)
    # a subject of empty heads only ('the estimates', 'the share') does not say what is measured: no key
    content = [_same(w) for w in words if w not in empty]
    return (" ".join(sorted(set(content))) or None), place


FRAME_CLIMB = {"nummod", "quantmod", "compound", "pobj", "prep", "amod", "npadvmod", "appos", "advmod", "nmod",
               "poss"}  # 'sold 3 billion dollars' worth of kiwifruit': the figure owns the object
FRAME_DEPS = {"dobj", "nsubjpass"}  # the figure, or the thing it measures, is what the act was done to
DOER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}  # a share's doer that names who, not a part
CLAUSE_DEPS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj"}  # said of the object, not part of its name


@functools.cache
def _frameless() -> frozenset[str]:
    """Verbs whose object is no act's object: light, stative ('span', 'cost'), perceiving or thinking ('see',
    'expect'), level, change, reporting, share and possession verbs ('reached $5 billion', 'rose 5%', 'estimates
    40%', 'accounts for 12%', 'has 3 million')."""
    from claimx.context.cues import cue

    names = ("measure_verbs", "increase_verbs", "decrease_verbs", "reporting_verbs", "speech_verbs", "share_verbs",
             "possession_verbs", "phrasal_levels")
    acts = frozenset(cue("spending_verbs")) | frozenset(cue("trade_verbs"))  # 'spend' money, not time
    return (_words().light | frozenset(load("derivations")["no_act_verbs"])
            | frozenset(w for name in names for w in cue(name))) - acts


class Frame(NamedTuple):
    """The act a figure is the object of: its key ``words`` (the act's noun, then what was acted on) and who did
    it (``actor``, the verb's subject as written, lower case), which is not what the figure measures."""

    words: tuple[str, ...]
    actor: str | None = None
    place: str | None = None  # the place the doer names ('Chile produced ...')
    whole: bool = False  # the words are the whole key ('earned $45bn from garment exports': garment exports)


@functools.cache
def _measure_nouns() -> frozenset[str]:
    return frozenset(load("derivations")["measure_nouns"])


def frame_of(span) -> Frame | None:
    """The act a claim's figure is the object of: the act's noun, and what was acted on when the object is not the
    figure itself ('Vietnam exported coffee worth $3 billion': ``export``, ``coffee``, by ``vietnam``; 'Argentina
    exported 14 million tonnes of wheat': ``export``, ``wheat``); None when the figure is no act's object.

    >>> import claimx
    >>> nlp = claimx.load_nlp()
    >>> doc = nlp("Kenya produced 570,000 tonnes of tea.")
    >>> frame_of(doc[2:4])
    Frame(words=('output', 'tea'), actor='kenya', place='Kenya', whole=False)
    """
    from claimx.context.tree import anchor_of

    anchor = anchor_of(span)
    if any(x.lower_ in load("grammar")["percent_nouns"] for x in span):
        return _part(anchor)
    obj = _acted_on(anchor)
    if obj is None:
        return None
    verb = obj.head
    lemma = verb.lemma_.lower()
    if lemma in _frameless() or any(c.dep_ == "prt" for c in verb.children):  # 'set up', 'took over'
        return None
    w = _words()
    actor = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    place = _place_named(actor) if actor is not None else None
    source = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    if lemma in w.source_verbs and source is not None:
        # 'earned $45bn from garment exports': the value of what it came from; the act adds nothing
        words = _content(x for x in source.subtree if x.pos_ in ("NOUN", "PROPN"))
        return Frame(words, None, place, whole=True) if words else None
    act = load("derivations")["act_nouns"].get(lemma, lemma)
    if any(x.lower_ in w.abroad for x in _own_clause(verb)):  # 'shipped ... abroad', 'sold ... overseas'
        act = "export"
    aside = {x.i for c in obj.children if c.dep_ in CLAUSE_DEPS for x in c.subtree}  # 'a figure that traders watch'
    if anchor.head.i == obj.i:
        aside.add(obj.i)  # '380 million boxes of bananas': the noun the figure counts is its unit, not what it measures
    inside = {x.i for x in span} | aside
    acted_on = _content(x for x in obj.subtree if x.i not in inside and x.pos_ == "NOUN")
    # acting on a quantity ('built 40,000 MW of wind capacity') measures the quantity, not the act
    act_words = () if any(x in _measure_nouns() for x in acted_on) else (_same(singular(act)),)
    return Frame((*act_words, *acted_on), _doer(actor), place)


def _acted_on(anchor):
    """The object of the verb the figure climbs to (the figure's own noun phrase, or, for a price, the thing priced:
    'sold soybeans worth $35 billion'), or None when the figure is no verb's object."""
    t = anchor
    for _ in range(8):
        if t.dep_ in FRAME_DEPS and t.head.pos_ == "VERB":
            return t
        if t.dep_ == "prep" and t.lower_ in _words().price_prepositions and t.head.pos_ == "VERB":
            return next((c for c in t.head.children if c.dep_ == "dobj"), t)
        if t.dep_ not in FRAME_CLIMB or t.head.i == t.i:
            return None
        t = t.head
    return None


def _content(tokens) -> tuple[str, ...]:
    """Key words of tokens: their lemmas, places, times and figures left out, empty heads and fillers dropped, each
    written as its synset's word."""
    w = _words()
    lemmas = (x.lemma_.lower() for x in tokens if x.ent_type_ not in w.place_labels and x.ent_type_ not in w.dropped)
    return tuple(_same(x) for x in lemmas if x not in w.empty and x not in w.fillers)


def _same(word: str) -> str:
    return load("derivations")["synonyms"].get(word, word)


OTHER_CLAUSES = CLAUSE_DEPS | {"ccomp", "xcomp", "csubj"}


def _own_clause(verb):
    """The verb's clause without the clauses inside it ('produced tea, most of which was sold abroad': not 'abroad')."""
    def inside(tok) -> bool:
        while tok.i != verb.i:
            if tok.dep_ in OTHER_CLAUSES:
                return False
            tok = tok.head
        return True

    return [x for x in verb.subtree if inside(x)]


def _doer(tok) -> str | None:
    """The doer as a subject would name it: its phrase, lower case, without what is said of it in commas
    ('Ghana, often called Africa's leading producer,': 'ghana')."""
    if tok is None:
        return None
    aside = {x.i for c in tok.children if c.dep_ in CLAUSE_DEPS for x in c.subtree}
    return " ".join(x.text for x in tok.subtree if x.i not in aside).lower()


def _place_named(tok) -> str | None:
    """The place a doer names ('Ghana, often called Africa's leading producer, produced ...': Ghana; 'German
    railways hauled ...': German, which `claimx compare` reads as Germany), where the tagger or
    claimx/data/places.json knows it as a place or a people."""
    countries = load("places")
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in _words().place_labels - {"NORP"}:
            return ent.text
    if tok.pos_ == "PROPN" and tok.lower_ in countries["names"] and stands_alone(tok.doc, tok.i, tok.i + 1):
        return tok.text
    people = [x for x in tok.children if x.dep_ in ("amod", "compound") and x.lower_ in countries["demonyms"]]
    return people[0].text if people else None


def _part(anchor) -> Frame | None:
    """A share's part when the share is the object of a verb whose subject names it ('coal supplied 20% of the
    electricity': ``coal``), so that coal's share and hydropower's share of one country's electricity stay apart;
    None otherwise (the share then keys as what it is a share of)."""
    t = anchor
    for _ in range(4):
        if t.dep_ == "dobj" and t.head.pos_ == "VERB":
            break
        if t.dep_ not in ("nummod", "quantmod", "compound", "amod") or t.head.i == t.i:
            return None
        t = t.head
    else:
        return None
    if t.head.lemma_.lower() in _frameless():
        return None  # 'inflation reached 7.9%': the subject is what the share measures, not a part of it
    doer = next((c for c in t.head.children if c.dep_ == "nsubj"), None)

    def named(x) -> bool:  # a common noun, or a name that is no actor or place ('Coal' is often an ORG to the tagger)
        return x.pos_ in ("NOUN", "ADJ") or (x.pos_ == "PROPN" and x.ent_type_ not in DOER_LABELS)

    if doer is None or not named(doer) or doer.pos_ == "ADJ":
        return None  # 'Chile supplied 40% of ...', 'It supplied ...': who, not which part
    dropped = _words().empty | _words().fillers
    words = [_same(x) for x in (tok.lemma_.lower() for tok in doer.subtree if named(tok)) if x not in dropped]
    return Frame(tuple(words)) if words else None


def singular(noun: str) -> str:
    """A plain English singular ('earnings': 'earning'; 'glass' stays), as the key's lemmas have it."""
    if noun.endswith("ss") or len(noun) <= 3:
        return noun
    for ending, single in load("keys")["plural_endings"]:
        if noun.endswith(ending):
            return noun[: len(noun) - len(ending)] + single
    return noun


def _before_its_noun(tok) -> bool:
    """A verb opening a subject and followed by its noun ('cut flowers', 'processed food'), which the parser of a
    phrase on its own reads as an order ('cut the flowers'): a modifier of the noun."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.i == 0 and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.head.i == tok.i


class KeyCache:
    """Subject strings to ``(key, place)``, parsed in batches and remembered (up to CACHE_SIZE strings)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[str | None, str | None]] = {}

    def keys(self, nlp: "Language", subjects: Iterable[str | None]) -> dict[str, tuple[str | None, str | None]]:
        """``(key, place)`` for each distinct subject (None and '' left out)."""
        wanted = {s for s in subjects if s}
        new = [s for s in wanted if s not in self.known]
        if new:
            if len(self.known) + len(new) > CACHE_SIZE:
                self.known.clear()
            for doc, s in zip(nlp.pipe(new, batch_size=256), new):
                self.known[s] = key_of(doc)
        return {s: self.known[s] for s in wanted}


_cache = KeyCache()


def subject_keys(nlp: "Language", subjects: Iterable[str | None]) -> dict[str, tuple[str | None, str | None]]:
    """``(key, place)`` for each distinct subject string, through one process-wide cache."""
    return _cache.keys(nlp, subjects)
