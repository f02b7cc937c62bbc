#!/usr/bin/env python3
"""Generate calque's embedded English lexicon (rules/lexicon/*.tsv).

Why: calque's rules need to know what a word is (noun, verb form, mass noun,
proper noun, rank/office title) and which article it takes, without pulling
in an NLP crate. Harper's Hunspell-style dictionary has the parts of speech;
we expand the affix flags that produce inflected forms and write a flat,
sorted table the Rust side can embed with include_str! and binary-search.

Inputs (read-only, see /work/shared/lexicons/README.md):
  harper/dictionary.dict, harper/annotations.json,
  harper/irregular_nouns.json, harper/irregular_verbs.json   (Apache-2.0)
  derived/harper_mass_nouns.tsv  (cross-check of the m / w flags)
  derived/a_an_exceptions.tsv    (CMUdict-derived, BSD-2-Clause-style)

Outputs (in rules/lexicon/):
  words.tsv      word<TAB>codes, sorted by UTF-8 bytes, one line per form
  irregular_nouns.tsv  singular<TAB>plural
  a_an.tsv       word<TAB>a|an|either, sorted

Usage: python3 scripts/gen_lexicon.py [--src /work/shared/lexicons] [--out rules/lexicon]
Python 3.11 standard library only; output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

# One letter per WordInfo bit. Must match CODES in src/lexicon/mod.rs.
# (letter, bit name); the order here is the bit order.
CODES = [
    ("N", "NOUN"),
    ("O", "PROPER"),
    ("s", "SINGULAR"),
    ("p", "PLURAL"),
    ("m", "MASS"),
    ("w", "MASS_COUNT"),
    ("V", "VERB"),
    ("b", "VERB_BASE"),
    ("t", "VERB_PAST"),
    ("T", "VERB_PAST_PART"),
    ("g", "VERB_ING"),
    ("h", "VERB_3SG"),
    ("J", "ADJECTIVE"),
    ("R", "ADVERB"),
    ("D", "DETERMINER"),
    ("P", "PREPOSITION"),
    ("C", "CONJUNCTION"),
    ("I", "PRONOUN"),
    ("~", "COMMON"),
    ("H", "TITLE"),
]
BIT = {name: 1 << i for i, (_, name) in enumerate(CODES)}
LETTER = {1 << i: letter for i, (letter, _) in enumerate(CODES)}

# Rank and office words (singular). Their plurals get the flag too.
# Curated for press copy: words that precede a name as a title
# ("Foreign Minister X", "Gen. Y", "Ayatollah Z") or head an office.
TITLES = """
admiral ambassador archbishop attorney ayatollah bishop brigadier captain cardinal
chairman chairperson chairwoman chancellor chief colonel commander commissioner
commodore congressman congresswoman consul corporal councillor councilman councilor
counsellor counselor deputy director emir emperor empress envoy general governor
head imam judge justice king lieutenant major marshal mayor minister mufti patriarch
pope premier president prince princess professor prosecutor queen rabbi rapporteur
secretary senator sergeant shah sheikh sheik speaker spokesman spokesperson
spokeswoman sultan undersecretary viceroy
""".split()


def load_dictionary(path: Path) -> list[tuple[str, str]]:
    """Return (word, flags) pairs; comments, blank lines and the count line dropped."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.isdigit():
            continue
        word, _, flags = line.partition("/")
        out.append((word.strip(), flags.strip()))
    return out


def parse_condition(cond: str) -> list[tuple[bool, str]]:
    """Split a Hunspell condition ('[^aeiou]y', '.', 'e') into per-char tests."""
    tests = []
    i = 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.index("]", i)
            body = cond[i + 1 : j]
            if body.startswith("^"):
                tests.append((False, body[1:]))
            else:
                tests.append((True, body))
            i = j + 1
        elif c == ".":
            tests.append((False, ""))  # "not in empty set" == any char
            i += 1
        else:
            tests.append((True, c))
            i += 1
    return tests


def cond_matches(tests: list[tuple[bool, str]], text: str) -> bool:
    if len(text) < len(tests):
        return False
    for (positive, chars), ch in zip(tests, text):
        ch = ch.lower()
        if positive != (ch in chars):
            return False
    return True


class Affix:
    def __init__(self, flag: str, spec: dict):
        self.flag = flag
        self.prefix = spec["kind"] == "prefix"
        self.cross = bool(spec.get("cross_product"))
        self.base_metadata = spec.get("base_metadata") or {}
        self.rules = [
            (r["remove"], r["add"], parse_condition(r["condition"]))
            for r in spec["replacements"]
        ]

    def apply(self, word: str) -> list[str]:
        out = []
        for remove, add, tests in self.rules:
            if self.prefix:
                if cond_matches(tests, word[: len(tests)]) and word.startswith(remove):
                    out.append(add + word[len(remove) :])
            else:
                tail = word[len(word) - len(tests) :] if tests else ""
                if cond_matches(tests, tail) and word.endswith(remove):
                    stem = word[: len(word) - len(remove)] if remove else word
                    out.append(stem + add)
        return out


def base_bits(word: str, flags: str) -> int:
    """WordInfo bits of a dictionary entry itself (before affixes)."""
    f = set(flags)
    bits = 0
    noun = bool(f & set("NOmw09")) or "g" in f  # Harper: 'g' implies a noun base
    if "O" in f:
        bits |= BIT["PROPER"] | BIT["NOUN"]
    if noun:
        bits |= BIT["NOUN"]
        if word[:1].isupper() and not (f & set("NJVRDPCI")):
            bits |= BIT["PROPER"]  # capitalised name with no other POS
        if "9" in f:
            bits |= BIT["PLURAL"]
        if "0" in f or "9" not in f:
            bits |= BIT["SINGULAR"]
    if "m" in f:
        bits |= BIT["MASS"]
    if "w" in f:
        bits |= BIT["MASS_COUNT"]
    if f & set("Vjtbh6TlA"):
        bits |= BIT["VERB"]
        forms = f & set("jtTh6b")
        if "b" in f or not forms:
            bits |= BIT["VERB_BASE"]
        if f & set("jt"):
            bits |= BIT["VERB_PAST"]
        if "T" in f:
            bits |= BIT["VERB_PAST_PART"]
        if "6" in f:
            bits |= BIT["VERB_ING"]
        if "h" in f:
            bits |= BIT["VERB_3SG"]
    if f & set("Jcu") or "Y" in f:  # Harper: 'Y' (-ly) implies an adjective base
        bits |= BIT["ADJECTIVE"]
    if f & set("Ry8%"):
        bits |= BIT["ADVERB"]
    if f & set("DqM5"):
        bits |= BIT["DETERMINER"]
    if "P" in f:
        bits |= BIT["PREPOSITION"]
    if "C" in f:
        bits |= BIT["CONJUNCTION"]
    if f & set("IsoF*.:a"):
        bits |= BIT["PRONOUN"]
    if "~" in f:
        bits |= BIT["COMMON"]
    return bits


# Properties that Harper propagates from a base word to its derived forms.
PROPAGATED = BIT["COMMON"] | BIT["PROPER"]
POS_MASK = (
    BIT["NOUN"] | BIT["VERB"] | BIT["ADJECTIVE"] | BIT["ADVERB"]
    | BIT["DETERMINER"] | BIT["PREPOSITION"] | BIT["CONJUNCTION"] | BIT["PRONOUN"]
)
# Affix flags we do not expand: possessive 's (the Rust side does not store
# possessives; callers strip them).
SKIPPED_AFFIXES = {"g"}


def suffix_bits(flag: str, base: int, form: str) -> int:
    """WordInfo bits for a suffixed form, given the base's bits.

    Follows Harper's affix targets, narrowed where Harper's blanket metadata
    would hurt precision (every -ed form an adjective, every -ing form a noun).
    """
    noun = base & BIT["NOUN"]
    verb = base & BIT["VERB"]
    adj = base & BIT["ADJECTIVE"]
    mass_only = base & BIT["MASS"]
    bits = base & PROPAGATED
    if flag == "S":
        # A mass-only noun has no plural; if it is also a verb the -s form is
        # the verb ("researches"), otherwise Harper accepts it as a plural.
        if noun and not (mass_only and verb):
            bits |= BIT["NOUN"] | BIT["PLURAL"]
        if verb:
            bits |= BIT["VERB"] | BIT["VERB_3SG"]
    elif flag == "d":
        if verb:
            bits |= BIT["VERB"] | BIT["VERB_PAST"] | BIT["VERB_PAST_PART"]
        else:
            bits |= BIT["ADJECTIVE"]  # talented, bearded
    elif flag == "G":
        if verb:
            bits |= BIT["VERB"] | BIT["VERB_ING"]
    elif flag in "YQ":
        bits |= BIT["ADVERB"]
    elif flag in ">^":
        if adj:
            bits |= BIT["ADJECTIVE"]
        elif verb and flag == ">":
            bits |= BIT["NOUN"] | BIT["SINGULAR"]  # agent noun: runner
    elif flag == "Z":
        if verb:
            bits |= BIT["NOUN"] | BIT["PLURAL"]
    elif flag == "z":
        bits |= BIT["NOUN"] | BIT["PLURAL"]  # meetings, buildings
    elif flag in "pL":
        bits |= BIT["NOUN"] | BIT["SINGULAR"]  # -ness, -ment
    elif flag == "n":
        if form.endswith(("ion", "ication")):
            bits |= BIT["NOUN"] | BIT["SINGULAR"]
    elif flag == "X":
        if form.endswith(("ions", "ications")):
            bits |= BIT["NOUN"] | BIT["PLURAL"]
    elif flag in "vB":
        bits |= BIT["ADJECTIVE"]
    return bits


INFLECTIONAL = set("SdGzZ")


def expand(entries, affixes):
    """Yield (form, bits, kind, suffix_flag) for every entry and its affixed forms.

    kind is "entry" for a dictionary entry, "infl" for an inflection
    (-s, -ed, -ing, -ings, -ers), "deriv" for other suffixes and "prefixed"
    for anything built with a prefix (re+porter+s is weaker evidence for
    "reporters" than report+ers).
    """
    for word, flags in entries:
        bits = base_bits(word, flags)
        yield word, bits, "entry", ""
        if len(word) < 2:
            continue  # single letters carry junk affixes ("M" + -ing)
        # Prefixed forms keep the base's part of speech (re+do, un+clear).
        prefixed = [(word, bits)]
        for fl in flags:
            a = affixes.get(fl)
            if a is None or not a.prefix:
                continue
            for form in a.apply(word):
                pbits = bits & ~(BIT["PROPER"] | BIT["MASS"] | BIT["MASS_COUNT"] | BIT["TITLE"])
                yield form, pbits, "prefixed", ""
                if a.cross:
                    prefixed.append((form, pbits))
        for fl in flags:
            a = affixes.get(fl)
            if a is None or a.prefix or fl in SKIPPED_AFFIXES:
                continue
            stems = prefixed if a.cross else prefixed[:1]
            for stem, sbits in stems:
                for form in a.apply(stem):
                    if stem != word:
                        kind = "prefixed"
                    elif fl in INFLECTIONAL:
                        kind = "infl"
                    else:
                        kind = "deriv"
                    yield form, suffix_bits(fl, sbits, form), kind, fl


def build_table(entries, affixes) -> dict[str, int]:
    """Merge expanded forms into form -> bits.

    A dictionary entry is authoritative for its own part of speech: forms
    from derivational suffixes are only added when the form has no entry of
    its own, prefixed forms only when nothing else produced them (so "unclear" stays an adjective rather than inheriting the verb
    sense of "clear"); inflections always merge ("meeting" + -s).
    """
    own: dict[str, int] = defaultdict(int)
    infl: dict[str, int] = defaultdict(int)
    deriv: dict[str, int] = defaultdict(int)
    prefixed: dict[str, int] = defaultdict(int)
    prefixed_plural: set[str] = set()
    explicit_base: set[str] = set()
    for word, flags in entries:
        if "b" in flags:
            explicit_base.add(word)
    for form, bits, kind, via in expand(entries, affixes):
        form = form.strip()
        if not form or "\t" in form or "\n" in form:
            continue
        if kind == "prefixed" and via == "S":
            prefixed_plural.add(form)
        {"entry": own, "infl": infl, "deriv": deriv, "prefixed": prefixed}[kind][form] |= bits
    table: dict[str, int] = defaultdict(int)
    for form, bits in own.items():
        table[form] |= bits
    for form, bits in infl.items():
        table[form] |= bits
    for form, bits in deriv.items():
        if form not in own:
            table[form] |= bits
    plain = dict(table)
    for form, bits in prefixed.items():
        if form in plain:
            continue
        # re+porter+s: if the -s form's stem is known without the prefix
        # ("reporter" from report+er), inflect that reading instead.
        stem = form[:-1]
        if form in prefixed_plural and stem in plain:
            bits = suffix_bits("S", plain[stem], form)
        table[form] |= bits
    for form, bits in infl.items():
        # "damages/VN9": an entry with a bare V that is really the -s form of
        # another verb is not a base form.
        if bits & (BIT["VERB_3SG"] | BIT["VERB_ING"]) and form not in explicit_base:
            table[form] &= ~BIT["VERB_BASE"]
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default="/work/shared/lexicons")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "rules" / "lexicon"))
    args = ap.parse_args()
    src, out = Path(args.src), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    ann = json.loads((src / "harper" / "annotations.json").read_text(encoding="utf-8"))
    affixes = {k: Affix(k, v) for k, v in ann["affixes"].items()}
    entries = load_dictionary(src / "harper" / "dictionary.dict")

    # Harper's base_metadata: a word carrying affix 'g' is a noun, 'Y' an adjective
    # (handled in base_bits).
    table = build_table(entries, affixes)

    # Irregular forms.
    nouns = [x for x in json.loads((src / "harper" / "irregular_nouns.json").read_text(encoding="utf-8")) if isinstance(x, list)]
    verbs = [x for x in json.loads((src / "harper" / "irregular_verbs.json").read_text(encoding="utf-8")) if isinstance(x, list)]
    nouns = [[w.strip() for w in x] for x in nouns]
    verbs = [[w.strip() for w in x] for x in verbs]
    for sing, plur in nouns:
        table[sing] |= BIT["NOUN"] | BIT["SINGULAR"]
        table[plur] |= BIT["NOUN"] | BIT["PLURAL"]
    for base, past, part in verbs:
        table[base] |= BIT["VERB"] | BIT["VERB_BASE"]
        table[past] |= BIT["VERB"] | BIT["VERB_PAST"]
        table[part] |= BIT["VERB"] | BIT["VERB_PAST_PART"]

    # Titles and their plurals.
    irregular_plural = dict((s, p) for s, p in nouns)
    for t in TITLES:
        if t not in table:
            print(f"note: title {t!r} not in Harper; added", file=sys.stderr)
        table[t] |= BIT["TITLE"] | BIT["NOUN"] | BIT["SINGULAR"]
        plural = irregular_plural.get(t) or (t[:-1] + "ies" if re.search(r"[^aeiou]y$", t) else t + "s")
        if plural in table and table[plural] & BIT["PLURAL"]:
            table[plural] |= BIT["TITLE"]

    # Cross-check the mass flags against the derived list.
    mass_tsv = (src / "derived" / "harper_mass_nouns.tsv").read_text(encoding="utf-8").splitlines()[1:]
    mismatches = 0
    for line in mass_tsv:
        word, kind, _ = line.split("\t")
        want = BIT["MASS"] if kind == "mass" else BIT["MASS_COUNT"]
        if not table.get(word, 0) & want:
            mismatches += 1
            table[word] |= want | BIT["NOUN"]
    if mismatches:
        print(f"note: {mismatches} mass-noun rows not matched by dictionary flags; added", file=sys.stderr)

    # A mass-only noun has no plural reading unless Harper says so ('9'):
    # "news" is not the plural of the noun "new".
    plural_entries = {w for w, f in entries if "9" in f}
    for form, bits in table.items():
        if bits & BIT["MASS"] and bits & BIT["PLURAL"] and form not in plural_entries:
            table[form] = bits & ~BIT["PLURAL"]

    codes = "".join(letter for letter, _ in CODES)
    header = (
        "# calque lexicon: word forms and their flags. Generated by scripts/gen_lexicon.py\n"
        "# from Harper's dictionary (Apache-2.0; see NOTICE). Do not edit by hand.\n"
        f"# codes: {' '.join(f'{l}={n}' for l, n in CODES)}\n"
        f"# code order: {codes}\n"
    )
    lines = []
    for form in sorted(table, key=lambda s: s.encode("utf-8")):
        bits = table[form]
        flag_str = "".join(LETTER[1 << i] for i in range(len(CODES)) if bits & (1 << i))
        lines.append(f"{form}\t{flag_str}\n")
    (out / "words.tsv").write_text(header + "".join(lines), encoding="utf-8")

    # Irregular verb forms are already in words.tsv with their form flags;
    # only the noun pairs are needed as a table (singular_of / plural_of).
    irr = ["# irregular noun plurals (singular<TAB>plural), from Harper (Apache-2.0; see NOTICE). Generated.\n"]
    irr += [f"{sing}\t{plur}\n" for sing, plur in sorted(nouns)]
    (out / "irregular_nouns.tsv").write_text("".join(irr), encoding="utf-8")

    # a/an exceptions: single words only (no possessives, dots, hyphens).
    aan = {}
    for line in (src / "derived" / "a_an_exceptions.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        word, by_sound, _, _ = line.split("\t")
        if not re.fullmatch(r"[a-z]+", word) or len(word) < 2:
            continue
        aan[word] = {"a": "a", "an": "an", "a|an": "either"}[by_sound]
    a_lines = ["# words whose article by sound differs from the letter guess; from CMUdict (BSD-2-Clause-style; see NOTICE). Generated.\n"]
    a_lines += [f"{w}\t{aan[w]}\n" for w in sorted(aan)]
    (out / "a_an.tsv").write_text("".join(a_lines), encoding="utf-8")

    total = sum((out / n).stat().st_size for n in ("words.tsv", "irregular_nouns.tsv", "a_an.tsv"))
    print(f"words.tsv: {len(table)} forms; a_an.tsv: {len(aan)}; total {total} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
