"""The shipped gazetteer of Saxony and the name forms used to find and link actors.

``pipeline/data/gazetteer.json`` is built by ``scripts/build_gazetteer.py``.
This module turns it into lookup tables: every way a report may write a
municipality, district, police unit or state body ("Bautzens", "Landkreises
Zwickau", "PD Chemnitz", "Polizeireviers Freital-Dippoldiswalde", "SMI") maps
to candidate canonical ids. Ambiguous forms ("Bernsdorf", "Auerbach",
"Leipzig") keep all their candidates; the linker decides from context.

>>> gaz = load_gazetteer()
>>> [m.ags for m in gaz.municipalities_named("Bautzens")]
['14625020']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .lexicon import load as load_lexicon
from .text import fold, stem_phrase


@dataclass(frozen=True, slots=True)
class Municipality:
    ags: str
    name: str
    official_name: str
    kind: str  # Stadt / Gemeinde
    district_ags: str
    district: str
    vg: str
    population: int
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class District:
    district_ags: str
    name: str
    short_name: str
    type: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PoliceUnit:
    id: str
    name: str
    type: str
    parent_id: str
    seat: str
    seat_ags: str
    verified: bool


@dataclass(frozen=True, slots=True)
class StateBody:
    abbr: str
    name: str
    type: str
    kind: str


@dataclass
class Gazetteer:
    municipalities: dict[str, Municipality]
    districts: dict[str, District]
    police: dict[str, PoliceUnit]
    state_bodies: dict[str, StateBody]
    regions: dict[str, tuple[str, ...]]
    # folded surface form -> candidate ids
    place_forms: dict[str, set[str]] = field(default_factory=dict)  # "ags:…", "district:…", "region:…"
    adjective_forms: dict[str, set[str]] = field(default_factory=dict)  # "werdauer" -> {"ags:…"}
    org_forms: dict[str, set[str]] = field(default_factory=dict)  # stemmed org name -> {"police:…", "state:…", …}
    written: dict[str, str] = field(default_factory=dict)  # folded place form -> as written

    # ------------------------------------------------------------------ lookups
    def municipalities_named(self, text: str) -> list[Municipality]:
        ids = self.place_forms.get(fold(text), set())
        return [self.municipalities[i[4:]] for i in sorted(ids) if i.startswith("ags:")]

    def place_candidates(self, text: str) -> set[str]:
        return set(self.place_forms.get(fold(text), ()))

    def police_seated_in(self, ags: str, unit_type: str) -> list[PoliceUnit]:
        """The police units of a type ("Polizeirevier", "Polizeidirektion") seated in a municipality, by id."""
        return [p for p in sorted(self.police.values(), key=lambda p: p.id) if p.seat_ags == ags and p.type == unit_type]

    def adjective_candidates(self, word: str) -> set[str]:
        return set(self.adjective_forms.get(fold(word), ()))

    def org_candidates(self, text: str) -> set[str]:
        found = set(self.org_forms.get(stem_phrase(text), ()))
        if not found and "-" in text:
            # a compound written with a hyphen: "Landes-Präventionsrat" is the "Landespräventionsrat"
            joined = re.sub(r"(?<=[a-zäöüß])-([A-ZÄÖÜ])(?=[a-zäöüß])", lambda m: m.group(1).lower(), text)
            found = set(self.org_forms.get(stem_phrase(joined), ())) if joined != text else found
        return found

    def district_of(self, key: str) -> str:
        """District key ("district:14524") of an ags/district/police key, or ''."""
        if key.startswith("ags:"):
            m = self.municipalities.get(key[4:])
            return f"district:{m.district_ags}" if m else ""
        if key.startswith("district:"):
            return key
        if key.startswith("police:"):
            unit = self.police.get(key[7:])
            if unit and unit.seat_ags:
                return f"district:{self.municipalities[unit.seat_ags].district_ags}"
        return ""

    def coordinates(self, key: str) -> tuple[float, float] | None:
        if key.startswith("ags:") and key[4:] in self.municipalities:
            m = self.municipalities[key[4:]]
            return m.lat, m.lon
        if key.startswith("district:") and key[9:] in self.districts:
            d = self.districts[key[9:]]
            return d.lat, d.lon
        if key.startswith("police:") and key[7:] in self.police:
            seat = self.police[key[7:]].seat_ags
            return self.coordinates(f"ags:{seat}") if seat else None
        return None


# --------------------------------------------------------------------- forms
def genitive_forms(name: str) -> list[str]:
    """'Bautzen' -> ['Bautzens']; names ending in s, ß, x, z take no -s."""
    if name[-1:] in "sßxz":
        return []
    return [name + "s"]


def adjective_forms(name: str) -> list[str]:
    """Place adjectives: Werdau -> Werdauer, Dresden -> Dresdner, Pirna -> Pirnaer.

    >>> adjective_forms("Bad Schandau"), adjective_forms("Aue")
    (['Bad Schandauer'], ['Auer'])
    """
    base = re.split(r"[/(,]", name)[0].strip()
    if " " in base:  # Bad Schandau -> Bad Schandauer
        head, _, last = base.rpartition(" ")
        return [f"{head} {form}" for form in adjective_forms(last)] if last[:1].isupper() and head[:1].isupper() else []
    if "-" in base and not base.split("-")[-1][:1].isupper():
        return []
    forms = []
    if base.endswith("en"):
        forms += [base[:-2] + "ner", base + "er"]  # Dresdner, Meißner, Plauener
    elif base.endswith("e"):
        forms.append(base + "r")  # Aue -> Auer
    elif base.endswith("el"):
        forms.append(base[:-2] + "ler")
    else:
        forms.append(base + "er")
    return forms


#: Other ways of writing the qualifier after a town's slash ("Oelsnitz/Erzgeb.").
QUALIFIER_FORMS = {
    "Erzgeb.": ("Erzgebirge", "Erzg.", "Erzgeb"),
    "Vogtl.": ("Vogtland", "Vogtl"),
    "O.L.": ("Oberlausitz", "OL", "O.L", "O. L."),
    "Sa.": ("Sachsen", "Sa"),
    "Sächs. Schw.": ("Sächsische Schweiz",),
}


def _municipality_forms(m: Municipality) -> set[str]:
    forms = {m.name, m.official_name.split(",")[0].strip()}
    forms.update(m.aliases)
    for form in list(forms):
        if " / " in form:  # "Bautzen / Budyšin"
            forms.update(part.strip() for part in form.split(" / "))
    for form in list(forms):
        # "Auerbach/Vogtl." -> "Auerbach", "Auerbach im Vogtland", "Auerbach (Vogtl.)"
        if "/" in form:
            base, _, qual = form.partition("/")
            forms.add(base)
            forms.add(f"{base} ({qual})")
            long = {"Vogtl.": "im Vogtland", "Erzgeb.": "im Erzgebirge", "O.L.": "in der Oberlausitz", "Sa.": "in Sachsen"}
            if qual in long:
                forms.add(f"{base} {long[qual]}")
            # "Oelsnitz/Erzgebirge", "Adorf/V.", "Rothenburg/OL", "Rothenburg i. d. OL": the qualifier spelt out or cut
            for written in QUALIFIER_FORMS.get(qual, ()):
                forms.add(f"{base}/{written}")
        if form.endswith(" im Vogtland"):
            forms.add(form[: -len(" im Vogtland")])
            forms.add(form.replace(" im Vogtland", "/Vogtl."))
        if form.startswith("Kurort "):
            forms.add(form[len("Kurort ") :])
        for suffix in (" in Sachsen", " in der Oberlausitz", " im Erzgebirge", " i. Sa."):
            if form.endswith(suffix):  # "Neustadt in Sachsen" is also written "Neustadt" (then ambiguous)
                forms.add(form[: -len(suffix)])
    forms.discard("")
    out = set(forms)
    for form in forms:
        out.update(genitive_forms(form))
    return out


def _district_forms(d: District) -> set[str]:
    short = d.short_name
    forms: set[str] = set()
    if d.type == "kreisfreie Stadt":
        return forms  # the city itself carries the name
    if short.endswith("kreis"):
        forms.update({short, short + "es", "Landkreis " + short[:-5]})
    else:
        for head in ("Landkreis", "Landkreises", "Kreis", "Kreises", "LK"):
            forms.add(f"{head} {short}")
            if short.startswith("Sächsische Schweiz"):
                forms.add(f"{head} SOE")
    return forms


def _police_forms(p: PoliceUnit, gaz_names: dict[str, str]) -> set[str]:
    forms = {p.name}
    name = p.name
    if p.type == "Polizeirevier":
        place = name.replace("Polizeirevier ", "")
        # "PR Döbeln": the abbreviation of press releases and tables
        forms.update({f"Revier {place}", f"Polizeirevier {place.replace('-', ' ')}", f"PR {place}"})
    if p.type == "Polizeidirektion":
        place = name.replace("Polizeidirektion ", "")
        # "der Leiter des Führungsstabes der Polizei Chemnitz": the directorate of its seat
        forms.update({f"PD {place}", f"Polizeidirektion {place}", f"Polizei {place}"})
    if p.id == "LKA":
        forms.update({"LKA Sachsen", "LKA", "Landeskriminalamt", "Sächsisches Landeskriminalamt"})
    if p.id == "LPP":
        forms.update({"Landespolizeipräsidium", "Landespolizeipräsidium Sachsen"})
    if p.id == "BPP":
        forms.update({"Bereitschaftspolizei", "Sächsische Bereitschaftspolizei"})
    if p.id == "HSPOL":
        forms.update({"Hochschule der Sächsischen Polizei", "Polizeihochschule", "Hochschule der Polizei"})
    return forms


def _state_forms(s: StateBody) -> set[str]:
    forms = {s.name, s.abbr}
    if s.abbr == "LPR":
        forms.update({"Landespräventionsrat", "Landespräventionsrat Sachsen", "LPR Sachsen", "Landespräventionsrates"})
    if s.abbr == "SMI":
        forms.update({"Innenministerium", "Sächsisches Innenministerium", "Staatsministerium des Innern"})
    if s.abbr == "SMS":
        forms.update(
            {
                "Sächsisches Staatsministerium für Soziales und gesellschaftlichen Zusammenhalt",
                "Sozialministerium",
                "Staatsministerium für Soziales",
            }
        )
    if s.abbr == "SMK":
        forms.update({"Kultusministerium", "Sächsisches Kultusministerium"})
    if s.abbr == "SMJ":
        forms.update({"Justizministerium", "Sächsisches Justizministerium"})
    if s.abbr == "SSG":
        forms.update({"Städte- und Gemeindetag", "Sächsischer Städte- und Gemeindetag", "SSG Sachsen"})
    if s.abbr == "SLKT":
        forms.update({"Landkreistag", "Landkreistag Sachsen"})
    if s.abbr == "LaSuB":
        forms.update({"Landesamt für Schule und Bildung", "LASUB"})
    if s.abbr == "SK":
        forms.add("Staatskanzlei")
    if "," in s.name:  # "…für Soziales, Gesundheit und …" is often shortened
        forms.add(s.name.split(",")[0])
    return forms


def build_gazetteer(data: dict) -> Gazetteer:
    municipalities = {
        m["ags"]: Municipality(
            ags=m["ags"],
            name=m["name"],
            official_name=m["official_name"],
            kind=m["kind"],
            district_ags=m["district_ags"],
            district=m["district"],
            vg=m["vg"],
            population=m["population"],
            lat=m["lat"],
            lon=m["lon"],
            aliases=tuple(m["aliases"]),
        )
        for m in data["municipalities"]
    }
    districts = {
        d["district_ags"]: District(d["district_ags"], d["name"], d["short_name"], d["type"], d["lat"], d["lon"])
        for d in data["districts"]
    }
    police = {
        p["id"]: PoliceUnit(p["id"], p["name"], p["type"], p["parent_id"], p["seat"], p["seat_ags"], p["verified"])
        for p in data["police"]
    }
    state = {s["abbr"]: StateBody(s["abbr"], s["name"], s["type"], s["kind"]) for s in data["state_bodies"]}
    regions = {r["name"]: tuple(r["district_ags"]) for r in data["regions"]}
    gaz = Gazetteer(municipalities, districts, police, state, regions)

    def add(table: dict[str, set[str]], form: str, key: str) -> None:
        table.setdefault(form, set()).add(key)

    for m in municipalities.values():
        for form in _municipality_forms(m):
            add(gaz.place_forms, fold(form), f"ags:{m.ags}")
            gaz.written.setdefault(fold(form), form)
        for form in adjective_forms(m.name):
            add(gaz.adjective_forms, fold(form), f"ags:{m.ags}")
    _add_merged_name_parts(gaz, municipalities.values())
    office_names = load_lexicon("places")["office_names_of_districts"]
    for d in districts.values():
        for form in _district_forms(d):
            add(gaz.place_forms, fold(form), f"district:{d.district_ags}")
        if d.type != "kreisfreie Stadt":
            for head in ("Landratsamt", "Landratsamtes", "Landratsamt des", "Landratsamt im", "LRA", "Kreisverwaltung"):
                for form in _district_forms(d) | {d.short_name, *office_names.get(d.name, ())}:
                    add(gaz.org_forms, stem_phrase(f"{head} {form}"), f"lra:{d.district_ags}")
            for form in adjective_forms(d.short_name):
                add(gaz.adjective_forms, fold(form + " Land"), f"district:{d.district_ags}")
    for d in districts.values():
        for form in _district_forms(d):
            gaz.written.setdefault(fold(form), form)
    for name, ds in regions.items():
        gaz.written.setdefault(fold(name), name)
        add(gaz.place_forms, fold(name), f"region:{name}")
        if not name.startswith("Region"):
            add(gaz.place_forms, fold("Region " + name), f"region:{name}")
    for p in police.values():
        for form in _police_forms(p, {}):
            add(gaz.org_forms, stem_phrase(form), f"police:{p.id}")
    for s in state.values():
        for form in _state_forms(s):
            add(gaz.org_forms, stem_phrase(form), f"state:{s.abbr}")
    return gaz


def _add_merged_name_parts(gaz: Gazetteer, municipalities) -> None:
    """A part of a merged town's name stands for the town: "Panschwitz" for Panschwitz-Kuckau, "Aue" for
    Aue-Bad Schlema; not where another town has that name or the part is a common word ("Brand", "Lauter")."""
    data = resources.files("akteursnetz").joinpath("data")
    common = frozenset(data.joinpath("common_words.txt").read_text(encoding="utf-8").split())
    places = load_lexicon("places")
    towns, not_towns = set(places["merged_name_parts_towns"]), set(places["merged_name_parts_not_towns"])
    parts: dict[str, set[str]] = {}
    for m in municipalities:
        for part in m.name.split("-") if "-" in m.name else ():
            part = part.strip()
            if part in not_towns or (part.lower() in common and part not in towns):
                continue
            if len(part) >= 3 and fold(part) not in gaz.place_forms:
                parts.setdefault(part, set()).add(m.ags)
    for part, keys in parts.items():
        if len(keys) == 1:
            gaz.place_forms[fold(part)] = {f"ags:{next(iter(keys))}"}
            gaz.written.setdefault(fold(part), part)
            for form in genitive_forms(part):
                gaz.place_forms.setdefault(fold(form), {f"ags:{next(iter(keys))}"})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (cached: it is read once per process)."""
    raw = resources.files("akteursnetz").joinpath("data/gazetteer.json").read_text(encoding="utf-8")
    return build_gazetteer(json.loads(raw))
