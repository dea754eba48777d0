"""Helpers over the dependency tree that every question about a claim's context uses.

Pure functions over spaCy tokens and spans; nothing here changes the document. Dependency rules are named
sets, in the manner of textacy's ``extract/triples.py``; the English words they need come from
``claimx/data/grammar.json``.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

from claimx._data import load

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MODIFIER_DEPS = {"nummod", "amod", "compound", "quantmod", "npadvmod", "nmod", "predet"}
# how a number hangs from the verb whose subject it describes
CLIMB_DEPS = {"dobj", "pobj", "prep", "agent", "npadvmod", "attr", "acomp", "advmod", "nummod", "quantmod", "appos",
              "conj", "nmod", "oprd", "dative", "amod", "compound", "pcomp", "advcl", "xcomp", "ccomp", "acl"}
NP_KEEP_LEFT = {"det", "poss", "amod", "compound", "nmod", "nummod", "case", "predet", "quantmod", "advmod", "npadvmod"}
# clauses whose subject is their head's: 'exports rose and then fell 5 percent'
CHAINED_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp"}
NOMINAL = ("NOUN", "PROPN")
# entity types that name where, when or how much, never what is measured
FIGURE_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY"}
NON_SUBJECT_ENTS = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


@functools.cache
def words(name: str) -> frozenset[str]:
    """A word list of ``claimx/data/grammar.json`` as a set."""
    return frozenset(load("grammar")[name])


def is_pronoun(tok) -> bool:
    return tok.lower_ in words("pronouns")


def is_figure(tok) -> bool:
    """A token of another figure: a number, or a word the NER put in an amount of money or a percentage."""
    return tok.like_num or tok.ent_type_ in ("MONEY", "PERCENT")


def is_money(tok) -> bool:
    """Whether a figure's head carries a currency sign ('$2 billion')."""
    return any(t.is_currency for t in tok.subtree)


def claim_tokens(doc, start: int, end: int):
    """The tokens overlapping a character range (never None when a token overlaps: a regex hit is never dropped)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span
    toks = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not toks:
        return None
    return doc[toks[0].i: toks[-1].i + 1]


def anchor_of(span):
    """The syntactic head of a claim's tokens; of several, the number ('a million trees': 'million', not 'a')."""
    lo, hi = span.start, span.end
    heads = [t for t in span if not lo <= t.head.i < hi or t.head.i == t.i]
    if len(heads) > 1:
        numeric = [t for t in heads if t.like_num or t.pos_ == "NUM"]
        if numeric:
            return numeric[-1]
        return heads[-1]  # 'Fifty- seven percent' split by a line break: the word that ends the figure
    return _past_period_phrase(span.root)


def _past_period_phrase(tok):
    """'rose 4% year on year', 'grew 0.3% quarter over quarter': the parser hangs the figure from the period noun,
    which stands in the clause where the figure does; read the figure from there."""
    head = tok.head
    if tok.dep_ in ("compound", "nmod", "amod", "nummod") and head.i == tok.i + 1 \
            and head.lemma_.lower() in words("period_nouns"):
        after = tok.doc[head.i + 1: head.i + 3]
        if len(after) == 2 and after[0].lower_ in ("on", "over") and after[1].lemma_.lower() == head.lemma_.lower():
            return head
    return tok


def noun_phrase(tok, exclude: Iterable[int] = (), max_tokens: int = 12) -> str | None:
    """A short noun phrase headed by ``tok``: its left modifiers and its first prepositional object,
    never a relative clause, apposition or conjunct clause, and never the claim's own tokens."""
    if tok.pos_ == "NUM" and tok.ent_type_ in FIGURE_ENTS:
        return None  # another figure ('$799 billion; $799 billion in one year') measures nothing itself
    excluded = set(exclude)
    keep = {tok.i}
    preps = words("phrase_prepositions")

    def add_subtree(t, depth):
        for child in t.children:
            if child.i in excluded:
                continue
            if child.i < t.i and child.dep_ in NP_KEEP_LEFT:
                keep.add(child.i)
                add_subtree(child, depth)
            elif child.i > t.i and child.dep_ == "prep" and child.lower_ in preps and depth < 2 and \
                    not any(g.is_punct or g.pos_ in ("VERB", "AUX", "SCONJ") for g in t.doc[t.i + 1: child.i]):
                objs = [g for g in child.children if g.dep_ == "pobj" and g.i not in excluded]
                if objs and (objs[0].ent_type_ in FIGURE_ENTS or any(
                        g.dep_ == "nummod" and g.i < objs[0].i and any(ch.isdigit() for ch in g.text)
                        and g.ent_type_ not in ("DATE", "TIME") for g in objs[0].children)):
                    break  # 'a surface area of 8,372 km2 (3,232 sq mi)': another figure is no part of the phrase
                if objs:
                    keep.add(child.i)
                    keep.add(objs[0].i)
                    add_subtree(objs[0], depth + 1)
                    break  # the first prepositional phrase only
            elif child.i > t.i and child.i == t.i + 1 and (child.dep_ in ("compound", "amod") or (
                    child.dep_ == "nummod" and t.pos_ == "PROPN")):
                keep.add(child.i)  # 'the S&P 500', 'Boeing 737': a name's number stays in it
            elif child.i == t.i + 1 and child.dep_ == "acl" and child.tag_ == "VBN" and not list(child.children):
                keep.add(child.i)  # 'the total amount imported', 'the coal produced'

    add_subtree(tok, 0)
    lo, hi = min(keep), max(keep)
    # the phrase is contiguous and never holds the claim: cut it where the claim sits
    inside = [i for i in excluded if lo <= i <= hi]
    if inside:
        if tok.i > max(inside):
            lo = max(inside) + 1
        elif tok.i < min(inside):
            hi = min(inside) - 1
    while lo < hi and (tok.doc[lo].is_punct or tok.doc[lo].dep_ in ("cc", "prep") or tok.doc[lo].i in excluded):
        lo += 1
    while hi > lo and (tok.doc[hi].is_punct or tok.doc[hi].dep_ in ("cc", "det", "prep") or tok.doc[hi].i in excluded):
        hi -= 1
    if hi - lo + 1 > max_tokens:
        hi = lo + max_tokens - 1
    text = tok.doc[lo: hi + 1].text.strip().rstrip("-–—")
    return text or None


def governing_verb(tok):
    """The verb or copula a number hangs from, climbing through prepositions and noun modifiers."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        if t.dep_ not in CLIMB_DEPS and t.dep_ not in SUBJECT_DEPS:
            return None
        t = t.head
    return None


def verb_subject(verb):
    """The nominal subject of a verb, taken from the verb it is chained to when it has none."""
    v = verb
    for _ in range(4):
        subs = sorted((c for c in v.children if c.dep_ in SUBJECT_DEPS), key=lambda c: c.dep_ == "csubj")
        if subs:
            return subs[0]  # a nominal subject before a clausal one ('not counting X, our fund is $2 billion')
        if v.dep_ in CHAINED_DEPS and v.head.i != v.i:
            if v.dep_ in ("acl", "relcl") and v.head.pos_ in NOMINAL:
                owner = v.head  # 'rates of the disease dropping': the phrase the of-object belongs to
                if owner.dep_ == "pobj" and owner.head.lower_ == "of" and owner.head.head.pos_ in NOMINAL:
                    owner = owner.head.head
                return owner
            v = v.head
            continue
        return None
    return None


def antecedent(pronoun, reach: int = 6):
    """For 'it', 'they', 'this': what the sentences before are about. The previous sentence's nominal subject;
    when that is itself such a pronoun, or the sentence names nothing measurable, the sentence before it
    ('It is $54 billion. The next year it is $72 billion.'); when a sentence has a subject that is no noun (a
    figure, 'there', 'you'), the last thing it names. None after ``reach`` sentences."""
    if pronoun.lower_ not in words("anaphors"):
        return None
    doc, start = pronoun.doc, pronoun.sent.start
    for _ in range(reach):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        start = prev.start
        subs = [c for c in prev.root.children if c.dep_ in SUBJECT_DEPS]
        if subs and subs[0].pos_ in NOMINAL:
            return subs[0]
        things = words("thing_anaphors")
        if subs and (subs[0].lower_ == pronoun.lower_ or {subs[0].lower_, pronoun.lower_} <= things):
            continue  # 'it' after 'it': the same thing
        if pronoun.lower_ not in things:
            return None  # 'they' names people as often as things: only a nominal subject answers it
        thing = last_thing(prev)
        if thing is not None:
            return thing
    return None


def last_thing(sent):
    """The last noun a sentence names that could be measured: not a place, a date, a figure or a pronoun."""
    for t in reversed(sent):
        if t.pos_ == "NOUN" and t.dep_ not in ("compound", "npadvmod") and t.ent_type_ not in NON_SUBJECT_ENTS \
                and not t.like_num:
            return t
    return None


def relative_head(pronoun):
    """For the relative pronoun of a non-restrictive clause ('spending, which accounts for 3% of GDP'; 'subsidies,
    which the IMF puts at $1 trillion'), the noun phrase the clause describes: the head of the whole phrase before
    the comma ('public debt in Sri Lanka, which ...': debt), else None."""
    clause = next((t for t in pronoun.ancestors if t.dep_ == "relcl"), None)
    doc = pronoun.doc
    if pronoun.lower_ not in words("relative_pronouns") or clause is None or pronoun.i == 0 \
            or doc[pronoun.i - 1].text != "," or pronoun.i > clause.i:
        return None
    head = clause.head
    while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in NOMINAL:
        head = head.head.head  # up through 'in Sri Lanka', 'of the English Channel'
    if head.ent_type_ in FIGURE_ENTS or is_pronoun(head) or not (head.pos_ in NOMINAL or head.tag_ == "VBG"):
        return None  # a noun or a gerund ('spending, which ...'), not 'many, who ...'
    return head


def subject_token(verb, exclude: Iterable[int] = (), *, resolve: bool = True):
    """The noun a verb's subject names: its nominal subject (or the subject of the verb it is chained to), a
    pronoun resolved to the previous sentence's subject when ``resolve`` (else no subject); never one of the
    claim's own tokens (``exclude``)."""
    sub = verb_subject(verb)
    if sub is None or sub.i in set(exclude):
        return None
    described = relative_head(sub)
    if described is not None:
        return described if described.i not in set(exclude) else None
    if is_pronoun(sub):
        return antecedent(sub) if resolve else None
    return sub


def subject_phrase(verb, exclude: Iterable[int] = (), *, resolve: bool = True, max_tokens: int = 12) -> str | None:
    """The noun phrase a verb's subject names (see :func:`subject_token`)."""
    sub = subject_token(verb, exclude, resolve=resolve)
    return noun_phrase(sub, exclude, max_tokens=max_tokens) if sub is not None else None


def conjoined_to(span):
    """For '60 percent in A and 90 percent in B', the first figure's tokens, when ``span`` is the second."""
    anchor = anchor_of(span)
    head = anchor.head
    # (an apposition only in a list: '38%, 12% and 9%, respectively', not '$9 billion; $9 billion in one year')
    listed = anchor.dep_ == "appos" and all(t.text == "," for t in span.doc[head.i + 1: anchor.left_edge.i])
    if (anchor.dep_ == "conj" or listed) and head.i < anchor.i \
            and (head.like_num or head.pos_ == "NUM" or head.lower_ in ("percent", "%")):
        return head.doc[head.i: head.i + 1]
    return None


def pobj(prep):
    """The object of a preposition, or None."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return objs[0] if objs else None


def _possessed(obj):
    """'the two firms’ joint revenue' with the parse ending the object at 'firms' (the apostrophe taken for
    punctuation): the noun the possessive modifies, the first noun after the apostrophe past its adjectives;
    else ``obj``."""
    doc = obj.doc
    if obj.i + 2 >= len(doc) or doc[obj.i + 1].text not in ("’", "'") or doc[obj.i + 1].dep_ == "case":
        return obj
    for tok in doc[obj.i + 2: obj.i + 6]:
        if tok.pos_ in NOMINAL:
            return tok
        if tok.dep_ not in ("amod", "compound", "nummod") and tok.pos_ != "ADJ":
            break
    return obj


def content_obj(prep):
    """The object of a preposition when it names a thing: not a place, a date, a month or a number."""
    obj = pobj(prep)
    obj = _possessed(obj) if obj is not None else None
    if obj is None or obj.ent_type_ in NON_SUBJECT_ENTS or obj.pos_ not in NOMINAL \
            or obj.lower_.rstrip(".") in load("dates")["months"] or obj.like_num:
        return None
    return obj


def shares_subject(span, subject: str | None) -> bool:
    """Whether the verb a figure hangs from has no nominal subject of its own, or one named in ``subject``
    (another figure's subject): 'X was $5 billion in 2019 and 6 billion in 2020', 'add about 10 billion'."""
    verb = governing_verb(anchor_of(span))
    sub = verb_subject(verb) if verb is not None else None
    if sub is None or sub.pos_ not in NOMINAL or sub.i in {t.i for t in span}:
        return True
    return sub.text in (subject or "").split()


def nothing_named_between(doc, start_char: int, end_token: int, unit: str | None = None) -> bool:
    """Whether no noun stands between a character offset and a token, but in a prepositional phrase ('in the
    gulf about 44 billion'), as a date, or as the earlier figure's own counted noun (``unit``: '34,000 jobs'): an
    elided figure shares the thing measured before it only then."""
    own = set((unit or "").lower().split())
    for t in doc[: end_token]:
        if t.idx < start_char:
            continue
        if t.pos_ in NOMINAL and t.dep_ not in ("pobj", "compound", "poss") and t.ent_type_ not in ("DATE", "TIME") \
                and t.lower_ not in own and t.lower_ not in words("bound_words"):
            return False
    return True
