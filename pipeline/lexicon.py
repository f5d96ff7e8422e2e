"""The project's lexicon files (``pipeline/data/lexicon/*.json``), read once.

Shared by the stages that use domain knowledge: ``nlp`` (organisation names to
tag), ``link`` (their canonical names and kinds) and ``extract`` (cue words).

>>> known_organisation("ASSKomm")
('Allianz Sichere Sächsische Kommunen', 'state_agency', '')
>>> known_organisation("Verein XY") is None
True
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """One lexicon file, parsed (cached: read once per process)."""
    text = resources.files("akteursnetz").joinpath(f"data/lexicon/{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _organisation_forms() -> dict[str, tuple[str, str, str]]:
    forms: dict[str, tuple[str, str, str]] = {}
    for org in load("organisations")["organisations"]:
        for form in (org["name"], *org["forms"]):
            forms.setdefault(" ".join(form.split()).casefold(), (org["name"], org["kind"], org.get("key", "")))
    return forms


def known_organisation(text: str) -> tuple[str, str, str] | None:
    """(canonical name, kind, gazetteer key or "") of an organisation the lexicon names, else None."""
    return _organisation_forms().get(" ".join(text.split()).casefold())


@cache
def programmes() -> frozenset[str]:
    """Canonical names of programmes and alliances: named, but never participants of a meeting."""
    return frozenset(o["name"] for o in load("organisations")["organisations"] if o.get("programme"))


@cache
def police_units_by_town() -> list[tuple[re.Pattern, str]]:
    """(unit word, gazetteer type) of police units named by a town's adjective (organisations.json):
    "des Plauener Polizeireviers" is the Polizeirevier seated in Plauen."""
    return [(re.compile(rf"^(?:{u['words']})$"), u["unit"]) for u in load("organisations")["police_units_by_town"]]


def police_unit_type(word: str) -> str:
    """The gazetteer type of a police unit word ("Polizeireviers" -> "Polizeirevier"), or ""."""
    return next((unit for pattern, unit in police_units_by_town() if pattern.match(word)), "")


@cache
def short_forms() -> list[tuple[str, str]]:
    """(words, actor id prefix) of the generic words that stand for the one unit of a kind a report names
    (collectives.json, ``short_forms``): "das Revier", "der Fachdienst Prävention"."""
    return [(s["words"], s["unit"]) for s in load("collectives")["short_forms"]]
