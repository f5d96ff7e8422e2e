"""The German spaCy pipeline: a statistical NER model with domain rules around it.

``load_nlp()`` loads the project's own model from ``models/`` (or any
``de_core_news_*`` / model path given) and adds three registered components:

* ``akteursnetz_sentences`` — sentence starts at paragraph breaks, and a
  sentencizer where the model has no parser;
* ``akteursnetz_rules`` (before ``ner``) — an ``EntityRuler`` with the
  organisation names of the gazetteer (police units, state bodies, district
  offices, "Stadt X", "PD Chemnitz", "SMI"); the model then tags the rest;
* ``akteursnetz_places`` (after ``ner``) — municipality, district and region
  names the model missed; never overrides the model;
* ``akteursnetz_cleanup`` — removes what is not a name in this domain (ranks
  before names, addresses, place adjectives) and splits "Stadt X" used as a
  place.

Each component is a spaCy factory, so a config can add, drop or reorder them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import known_organisation
from .lexicon import load as load_lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "de_akteursnetz_ner"
LABELS = ("PER", "LOC", "ORG", "MISC")

#: Police and civil-service ranks written before a name ("PHK Jens Kühn", "PD Anja Roth").
RANKS = {
    "PM", "POM", "PHM", "PK", "POK", "PHK", "EPHK", "KK", "KOK", "KHK", "EKHK", "PR", "POR", "PD", "LPD",
    "KR", "KOR", "KD", "LKD", "PMA", "KM", "KOM", "KHM", "Polizeihauptkommissar", "Polizeihauptkommissarin",
    "Polizeioberkommissar", "Polizeioberkommissarin", "Polizeikommissar", "Polizeikommissarin",
    "Polizeihauptmeister", "Polizeihauptmeisterin", "Polizeiobermeister", "Polizeiobermeisterin",
    "Kriminalhauptkommissar", "Kriminalhauptkommissarin", "Polizeidirektor", "Polizeidirektorin",
    "Polizeioberrat", "Polizeirätin", "Polizeirat", "Kriminaloberrat", "Dr.", "Prof.", "Dipl.-Ing.", "Frau", "Herr",
}  # fmt: skip
RANKS |= {r + "in" for r in RANKS if r.isupper() and len(r) >= 2}  # PKin, POKin, KHKin

#: Head nouns of buildings that are never an actor of their own (unlike "Zentrum", "Haus", "Schule").
VENUE_HEAD_WORD = re.compile(r"(museums?|schloss|schlosses|halle|saal|kirche|villa|theaters?|arena|stadion|bahnhofs?|park|platz(es)?)$", re.I)
_venues_lexicon = load_lexicon("venues")
#: A street or square name by its ending ("Kornmarkt", "Eisenbahnstraße"); the street word alone needs an -er word before it.
STREET_NAME = re.compile(rf"(?:{'|'.join(_venues_lexicon['street_suffixes'])})$", re.I)
STREET_WORD_ALONE = re.compile(rf"^(?:{'|'.join(_venues_lexicon['street_suffixes'])})$", re.I)
GENERIC_PLACES = frozenset(_venues_lexicon["generic_places"])


def _office_word(word: str) -> bool:
    """An office of roles.json, also as the end of a compound ("Ordnungsbürgermeister", "Kinderpolizist")."""
    return bool(_OFFICE_WORD.match(word))


_OFFICE_WORD = re.compile(rf"^(?:[\wäöüß]+-)?[\wäöüß]*?(?:{'|'.join(load_lexicon('roles')['offices'])})$", re.I)

#: Offices written before a name like a title.
OFFICE_TITLE = re.compile(
    r"^(?:Polizei)?[Pp]räsident(?:in)?$|^(?:Ober)?[Bb]ürgermeister(?:in)?$|^Landr(?:at|ätin)$|^Staats(?:minister|sekretär)(?:in)?$"
    r"|^Revierleiter(?:in)?$|^Beigeordnete[r]?$"
)
#: Words that make a name an organisation's.
ORG_WORD = re.compile(r"(gemeinde|gemeine|verein\w*|verband\w*|zentrum\w*|stiftung|initiative|schule|gymnasium|werk|ring|bund|e\.\s?V\.?)$", re.I)
#: Words for events.
EVENT_NOUN = re.compile(r"(forum|treffen|tag|tage|konferenz|tagung|woche|sitzung|messe|meile)$", re.I)
#: Building words that, before a town's name, make one place: "Kulturhaus Aue", "Bahnhof Aue".
BUILDING_BEFORE_TOWN = re.compile(r"^(?!Rathaus)(?:\w*haus|\w*zentrum|\w*halle|Schloss|Kloster|\w*museum|Stadion)$")  # not "Rathaus Pirna"
#: Sections of an organisation: "Sachgebiet Prävention", "Fachdienst Jugend".
SUBUNIT = re.compile(r"^(?:Sachgebiet|Fachdienst|Fachbereich|Referat|Abteilung|Dezernat|Stabsstelle|Sachbereich)e?s?$")
#: Words a name never ends with.
TRAILING_FUNCTION_WORDS = {"der", "die", "das", "des", "dem", "den", "und", "oder", "von", "vom", "im", "in", "für", "mit", ","}
#: Building words that a building's own name follows: "Schloss Burgk", "Kloster Buch".
NAMED_BUILDING = {"Schloss", "Burg", "Kloster", "Villa", "Rittergut", "Herrenhaus", "Wasserschloss", "Jagdschloss"}
#: Words that stand before an association's name without being part of it: "der Verein Brückenschlag e. V.".
GENERIC_ORG_WORDS = {"Verein", "Vereins", "Vereines", "Träger", "Trägers", "Partner", "Vertreter", "Vertreterin", "Vertreterinnen", "Mitglieder"}
REVIER_WORD = re.compile(r"^(?:Polizei)?[Rr]evier(?:s|es|e|en)?$")
#: Titles a town carries before its name: "Stadt Plauen", "Landeshauptstadt Dresden".
TOWN_TITLES = ("Stadt", "Gemeinde", "Landeshauptstadt", "Universitätsstadt", "Bergstadt", "Kreisstadt", "Hochschulstadt")
#: Words for buildings and sites: an "organisation" in or at one of them is the venue.
BUILDING = re.compile(
    r"(schloss|burg|börse|cent(er|re)|fabrik|haus|halle|saal|hof|kloster|museum|theater|kirche|park|platz|markt|straße"
    r"|gut|mühle|villa|arena|stadion|bühne|forum|speicher|bahnhof|kaserne|zentrum)\b",
    re.I,
)

#: Names of programmes and strategies: not organisations that meet (tagged MISC).
PROGRAMMES = {"soziale orte", "demokratie leben!", "demokratie leben"}
#: Last words of an event's name ("1. Sächsischer Landespräventionstag"): MISC, never an actor (meeting_types.json).
EVENT_NAME = re.compile(rf"(?:{'|'.join(load_lexicon('meeting_types')['event_names'])})")
#: First words of phrases that name something of a programme, not an organisation ("das ASSKomm Roll up").
PROGRAMME_HEADS = {"asskomm", "pit", "allianz"}
#: The adjectives of a town's prevention council: "Kommunaler Präventionsrat", "Kriminalpräventiver Rat".
COUNCIL_ADJECTIVE = r"(?:kommunal|kriminalpräventiv|kommunalpräventiv)e[rn]?"
#: The head of a council's name: "Präventionsrat(es)", or "Rat(es)" after a council adjective.
COUNCIL_HEAD = rf"(?:(?:{COUNCIL_ADJECTIVE} )?(?:kriminal)?präventionsr(?:at|ats|ates|äte)|{COUNCIL_ADJECTIVE} rat(?:s|es)?|kprs?)"
#: The body that meets is not an actor beside its members: "der Kommunale Präventionsrat", "KPR", "die Allianz …".
MEETING_BODIES = re.compile(rf"^(der |die )?([\w\-]+s )?{COUNCIL_HEAD}( \(kpr\))?$|^allianz sichere", re.I)
#: A council named with its town is an organisation: "Kommunaler Präventionsrat Döbeln", "KPR Pirna".
NAMED_COUNCIL = re.compile(rf"^{COUNCIL_HEAD}(?: \(kpr\))? [A-ZÄÖÜ]", re.I)
DETERMINERS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "alle", "viele", "keine", "unsere", "ihre", "diese", "mehrere"}
SURNAME_STOP = {"Der", "Die", "Das", "Den", "Dem", "Des", "Und", "Im", "Am", "In", "Bei", "Mit", "Von", "Für", "Auch", "Als", "Sie", "Er", "Es"}
PLACE_PREPOSITIONS = {"in", "nach", "durch", "um", "bei", "aus", "im", "ins"}
ADMIN_HEADS = ("Stadtverwaltung", "Gemeindeverwaltung", "Stadt", "Gemeinde", "Große Kreisstadt", "Rathaus")


class ModelNotFound(RuntimeError):
    pass


def resolve_model(name: str | os.PathLike | None) -> str | Path:
    """The model to load: an explicit name/path, ``$AKTEURSNETZ_MODEL``, or the shipped one."""
    name = name or os.environ.get("AKTEURSNETZ_MODEL") or DEFAULT_MODEL
    path = Path(name)
    if path.exists():
        return path
    if isinstance(name, str) and spacy.util.is_package(name):
        return name
    if str(name) == str(DEFAULT_MODEL):
        raise ModelNotFound(
            f"the shipped NER model is missing at {DEFAULT_MODEL}. Reinstall the repository "
            "or rebuild it with `make model` (needs ../shared)."
        )
    raise ModelNotFound(
        f"spaCy model {name!r} is neither an installed package nor a folder. "
        f"Install an official model where you have internet (pip install de_core_news_sm from the spaCy "
        f"models release page, or `python -m spacy download de_core_news_sm`), or pass a path."
    )


def load_nlp(model: str | os.PathLike | None = None, rules: bool = True) -> Language:
    """The German pipeline with the project's domain components."""
    from .ner import features  # noqa: F401 - registers the shipped model's embedding layer
    from .ner.fast_ops import use_matmul_ops

    target = resolve_model(model)
    exclude = [p for p in ("lemmatizer", "morphologizer", "attribute_ruler") if model is not None]
    nlp = use_matmul_ops(spacy.load(target, exclude=exclude))
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"model {target} has no 'ner' component")
    first = nlp.pipe_names[0]
    nlp.add_pipe("akteursnetz_sentences", before=first)
    if rules:
        nlp.add_pipe("akteursnetz_rules", before="ner")
        nlp.add_pipe("akteursnetz_places", after="ner")
        nlp.add_pipe("akteursnetz_cleanup", last=True)
    nlp.meta.setdefault("akteursnetz", {})["model"] = str(target)
    return nlp


# ------------------------------------------------------------------ sentences
@Language.component("akteursnetz_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Sentence starts after blank lines and after sentence-final punctuation.

    Models with a parser overwrite the in-paragraph boundaries later; ours has
    none, so this is its sentence segmentation.
    """
    # the same rule, computed on plain lists and set in one call (setting it token by token was slow)
    if not len(doc):
        return doc
    texts = [t.text for t in doc]
    starts = [1] * len(texts)
    for i in range(1, len(texts)):
        prev = texts[i - 1]
        if "\n" in prev and prev.isspace():
            continue
        if prev in {".", "!", "?"} or (prev[-1:] == "." and _LETTERS_DIGITS_DOT.fullmatch(prev)):  # also after "Institut B3."
            token = doc[i]
            if token.is_title or token.is_upper or token.is_digit or token.is_quote:
                continue
        if "\n" not in doc[i - 1].whitespace_:
            starts[i] = -1
    doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


_LETTERS_DIGITS_DOT = re.compile(r"[A-Za-zÄÖÜäöü]+\d+\.")


# ------------------------------------------------------------------ patterns
def _word_variants(word: str) -> list[str]:
    """Inflected forms of one word of an organisation name, lower-cased."""
    w = word.lower()
    if not word[:1].isalpha() or len(word) <= 3 or word.isupper():
        return [w]
    if w in {"des", "der", "die", "das", "für", "und", "im", "in", "am"}:
        return [w]
    if re.search(r"isch(e|er|es|en|em)?$", w):  # Sächsisches, sächsischen
        stem = re.sub(r"(e|er|es|en|em)$", "", w)
        return sorted({stem + e for e in ("e", "er", "es", "en", "em")} | {w})
    return sorted({w, w + "s", w + "es", w + "n"})


def _token_pattern(nlp: Language, text: str) -> list[dict]:
    words = [t.text for t in nlp.make_doc(text)]
    return [{"LOWER": {"IN": _word_variants(w)}} if len(_word_variants(w)) > 1 else {"LOWER": w.lower()} for w in words]


def organisation_patterns(nlp: Language, gaz: Gazetteer) -> list[dict]:
    """EntityRuler patterns for police units, state bodies, district offices and town halls."""
    patterns: list[dict] = []
    seen: set[tuple] = set()

    def add(label: str, text: str, key: str, exact: bool = False) -> None:
        pattern = [{"ORTH": t.text} for t in nlp.make_doc(text)] if exact else _token_pattern(nlp, text)
        sig = (label, repr(pattern))
        if sig not in seen:
            seen.add(sig)
            patterns.append({"label": label, "pattern": pattern, "id": key})

    def add_phrase(label: str, text: str, key: str) -> None:
        # forms that do not inflect after their head: fast phrase patterns
        sig = (label, text)
        if sig not in seen:
            seen.add(sig)
            patterns.append({"label": label, "pattern": text, "id": key})

    from .gazetteer import _district_forms, _police_forms, _state_forms

    # organisations of the prevention field, as data (pipeline/data/lexicon/organisations.json)
    for org in load_lexicon("organisations")["organisations"]:
        for form in org["forms"]:
            add("ORG", form, org.get("key", ""), exact=form.isupper() or (len(form) <= 6 and " " not in form))

    for p in gaz.police.values():
        for form in _police_forms(p, {}):
            add("ORG", form, f"police:{p.id}", exact=form.isupper() or form.startswith(("PD ", "PR ", "LKA")))
    for s in gaz.state_bodies.values():
        for form in _state_forms(s):
            add("ORG", form, f"state:{s.abbr}", exact=form.replace(" ", "").isalpha() and form.upper() == form)
    for d in gaz.districts.values():
        if d.type == "kreisfreie Stadt":
            continue
        forms = _district_forms(d)
        for form in forms:
            add_phrase("LOC", form, f"district:{d.district_ags}")
        for head in ("Landratsamt", "Landratsamtes", "Landratsamt des", "Landratsamtes des", "Landratsamt im", "Kreisverwaltung"):
            for form in forms | {d.short_name}:
                add_phrase("ORG", f"{head} {form}", f"lra:{d.district_ags}")
    for m in gaz.municipalities.values():
        names = _slash_forms(m.name)
        for head in ("Stadtverwaltung", "Gemeindeverwaltung", "Stadt", "Gemeinde", "Große Kreisstadt", "Landeshauptstadt",
                     "Universitätsstadt", "Bergstadt", "Kreisstadt", "Hochschulstadt"):
            if head == "Stadt" and m.name.startswith("Stadt "):
                continue
            for name in names:
                add_phrase("ORG", f"{head} {name}", f"admin:{m.ags}")
        for head in ("Ordnungsamt", "Ordnungsamtes", "Ordnungsamts"):
            add_phrase("ORG", f"{head} {m.name}", f"admin:{m.ags}")
    # town names with a slash or a full stop ("Stollberg/Erzgeb.", "Oelsnitz/Erzgebirge"): whole, before the model splits them
    for m in gaz.municipalities.values():
        if "/" in m.name or "." in m.name:
            for name in _slash_forms(m.name):
                add_phrase("LOC", name, f"ags:{m.ags}")
    # names of a shape rather than a list (councils, police sections, fire brigades, schools), as data
    for entry in load_lexicon("entity_patterns")["patterns"]:
        patterns.append({"label": entry["label"], "pattern": entry["pattern"]})
    # "die Werdauer Stadtverwaltung": a town's adjective before its administration
    for form, keys in sorted(gaz.adjective_forms.items()):
        if len(keys) != 1:
            continue
        adjective = "-".join(w[:1].upper() + w[1:] for w in form.split("-"))
        for head in ("Stadtverwaltung", "Gemeindeverwaltung", "Rathaus", "Ordnungsamt", "Bürgermeisteramt"):
            for ending in ("", "s", "es"):
                if ending and head.endswith("verwaltung"):
                    continue
                add_phrase("ORG", f"{adjective} {head}{ending}", f"admin:{next(iter(keys))[4:]}")
    return patterns


def _slash_forms(name: str) -> list[str]:
    """A town's name as written with its qualifier spelt out or cut: "Oelsnitz/Erzgeb." -> "Oelsnitz/Erzgebirge", …"""
    from .gazetteer import QUALIFIER_FORMS

    forms = [name, name.rstrip(".")] if name.endswith(".") else [name]
    base, slash, qual = name.partition("/")
    if slash:
        forms += [f"{base}/{written}" for written in QUALIFIER_FORMS.get(qual, ())]
    return list(dict.fromkeys(forms))


def place_patterns(gaz: Gazetteer) -> list[dict]:
    """Municipality and region names, as written (phrase patterns)."""
    patterns = []
    for form, keys in sorted(gaz.place_forms.items()):
        original = gaz.written.get(form) or _original_case(form, gaz)
        if original and original[:1].isupper() and len(original) > 2:
            patterns.append({"label": "LOC", "pattern": original, "id": sorted(keys)[0] if len(keys) == 1 else "ambiguous"})
    return patterns


def _original_case(folded: str, gaz: Gazetteer) -> str:
    # Place forms are stored folded; restore the written case word by word.
    return " ".join(w if w in {"im", "in", "der", "am", "an", "bei"} else w[:1].upper() + w[1:] for w in folded.split(" "))


@Language.factory("akteursnetz_rules", default_config={"overwrite_ents": True})
def make_rules(nlp: Language, name: str, overwrite_ents: bool):
    from .ruler import FastEntityRuler as EntityRuler  # the same matches as spaCy's EntityRuler, faster

    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, validate=False)
    ruler.add_patterns(organisation_patterns(nlp, load_gazetteer()))
    return ruler


@Language.factory("akteursnetz_places", default_config={"overwrite_ents": False})
def make_places(nlp: Language, name: str, overwrite_ents: bool):
    from .ruler import FastEntityRuler as EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr="ORTH", validate=False)
    ruler.add_patterns(place_patterns(load_gazetteer()))
    return ruler


# ------------------------------------------------------------------ cleanup
@Language.factory("akteursnetz_cleanup")
def make_cleanup(nlp: Language, name: str):
    return EntityCleanup(load_gazetteer())


def _word_list(name: str) -> frozenset[str]:
    from importlib import resources

    text = resources.files("akteursnetz").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def first_names() -> frozenset[str]:
    """Given names from GermEval 2014 train (scripts/build_first_names.py)."""
    return _word_list("first_names.txt")


def common_words() -> frozenset[str]:
    """Lower-cased words never part of a person's name in GermEval 2014 train (scripts/build_first_names.py)."""
    return _word_list("common_words.txt")


#: Endings of German common nouns and adjectives that no given name has
#: ("Rundgang", "Podiumsgespräch", "Präventionsrat", "Abendlicher").
#: "Fr Sa So Mo Di Mi" of a calendar on the page: weekdays, no name.
WEEKDAY_SHORT = frozenset({"mo", "di", "mi", "do", "fr", "sa", "so"})
def _season_at(doc: Doc, i: int) -> bool:
    """A season after a word of time ("Im Sommer 2018"), not a person of that surname."""
    return doc[i].text in SEASONS and i > 0 and doc[i - 1].lower_ in TIME_BEFORE_SEASON


#: Seasons, which are also surnames ("Candy Sommer"): after these words a time, not a person ("Im Sommer 2018").
SEASONS = frozenset({"Sommer", "Winter", "Herbst", "Frühjahr", "Frühling"})
TIME_BEFORE_SEASON = frozenset({"im", "in", "diesen", "dieses", "diesem", "letzten", "vergangenen", "kommenden",
                                "nächsten", "seit", "bis", "zum", "ab", "ende", "anfang", "mitte"})
NOT_A_NAME = re.compile(
    r"(?:.{5,}ung(?:en)?|.{3,}(?:heit|keit|schaft|tion|tät|ismus)(?:en)?|.{2,}(?:gang|gespräch|wechsel|dienst|leiter(?:in)?|beauftragte[rn]?)"
    r"|.{3,}(?:rat|räte)|.{3,}(?:licher|lichen|ische[nr]?)|materialien)$",
    re.I,
)
#: What follows the name of an association or company: "Jugendhaus Villa e. V.", "Gebr. Pfau GmbH".
LEGAL_FORM = ("e.V.", "e. V.", "gGmbH", "GmbH", "mbH", "AG", "KG", "gUG", "UG", "eG")


class EntityCleanup:
    """Domain fixes on the entity layer; every fix is a general rule, not a case."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        # seats of police units, written after their abbreviation: "PD Chemnitz", "PR Döbeln"
        self.unit_seats = {
            abbr: {p.name.split()[-1] for p in gaz.police.values() if p.type == unit_type}
            for abbr, unit_type in (("PD", "Polizeidirektion"), ("PR", "Polizeirevier"))
        }
        self.first_names = first_names()
        self.common_words = common_words()

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for ent in doc.ents:
            for fixed in self._fix(doc, ent):
                if fixed is not None and len(fixed) > 0:
                    ents.append(fixed)
        # a known given name before a surname the model read as a place: "Jörg Reinsberg"
        ents = [
            Span(doc, e.start - 1, e.end, label="PER")
            if e.label_ == "LOC" and len(e) == 1 and e.start > 0 and doc[e.start - 1].text in self.first_names
            and not doc[e.start - 1].ent_type_ and not any(o.start <= e.start - 1 < o.end for o in ents)
            else e
            for e in ents
        ]
        # the words once, as strings: the passes below look at few tokens, not at every one
        words = [t.text for t in doc]
        # a known given name and a capitalised word the model left untagged: a person
        taken = {i for e in ents for i in range(e.start, e.end)}
        for i in [i for i, w in enumerate(words[:-1]) if w in self.first_names]:
            tok, nxt = doc[i], doc[i + 1]
            if (
                tok.text in self.first_names
                and tok.i not in taken
                and nxt.i not in taken
                and nxt.is_title
                and nxt.is_alpha
                and nxt.text not in SURNAME_STOP
                and not self.gaz.place_candidates(nxt.text)
            ):
                ents.append(Span(doc, tok.i, tok.i + 2, label="PER"))
                taken.update((tok.i, tok.i + 1))
        # a legal form after words the model left untagged: "Straßenzeit e. V." is an organisation
        for i in [i for i in range(1, len(words)) if words[i] in LEGAL_FORM or words[i] == "e."]:
            tok = doc[i]
            end = self._legal_form_end(doc, tok.i)
            start = self._name_start_before(doc, tok.i) if end else tok.i
            if start < tok.i and not taken & set(range(start, end)):
                ents.append(Span(doc, start, end, label="ORG"))
                taken.update(range(start, end))
        # street and square names the model left untagged: "am Kornmarkt", "in der Eisenbahnstraße", "Prager Straße"
        for i in [i for i, w in enumerate(words) if len(w) >= 7 and w[:1].isupper() and STREET_NAME.search(w)]:
            tok = doc[i]
            if tok.i in taken:
                continue
            low = tok.lower_
            if low in GENERIC_PLACES or low in self.common_words or (tok.i > 0 and tok.is_sent_start and low in GENERIC_PLACES):
                continue
            start = tok.i
            if tok.i > 0 and STREET_WORD_ALONE.match(tok.text) and (prev := doc[tok.i - 1]).i not in taken and re.fullmatch(r"[A-ZÄÖÜ][\wäöüß\-]+er", prev.text):
                start = prev.i  # "Augustusburger Straße", "Wiener Platz"
            elif STREET_WORD_ALONE.match(tok.text):
                continue
            ents.append(Span(doc, start, tok.i + 1, label="LOC"))
            taken.update(range(start, tok.i + 1))
        ents = self._building_with_town(doc, self._surnames(doc, self._org_with_town(doc, _non_overlapping(ents))))
        ents = [part for e in ents for part in _abbreviation_apart(doc, e)]
        # "vom Sachgebiet Prävention der Polizeidirektion Leipzig": a unit's section is no actor beside the unit
        ents = [e for e in ents if not self._section_of_next_org(doc, e, ents)]
        ents = self._lone_words_as_persons(doc, ents)
        doc.set_ents(ents, default="outside")
        return doc

    def _lone_words_as_persons(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A one-word person is a surname only with a title, rank or office before it ("Bürgerpolizist Isert",
        "Herr Lenz") or a full name ending in it elsewhere in the report; else it is no person ("Kinder
        konnten Buttons pressen")."""
        def introduced(e: Span) -> bool:
            prev = doc[e.start - 1] if e.start > 0 else None
            return prev is not None and (prev.text in RANKS or bool(OFFICE_TITLE.match(prev.text)) or _office_word(prev.text))

        surnames = {e[-1].text for e in ents if e.label_ == "PER" and (len(e) > 1 or introduced(e))}
        return [
            Span(doc, e.start, e.end, label="MISC")
            if e.label_ == "PER" and len(e) == 1 and e.text not in surnames and e.text not in self.first_names
            else e
            for e in ents
        ]

    @staticmethod
    def _section_of_next_org(doc: Doc, ent: Span, ents: list[Span]) -> bool:
        """"Sachgebiet [Prävention] der Polizeidirektion Leipzig": up to two words, then the genitive of an organisation."""
        if ent.label_ not in ("ORG", "MISC") or not SUBUNIT.match(ent[0].text):
            return False
        starts = {e.start for e in ents if e.label_ == "ORG"}
        i = ent.end
        while i < len(doc) and i - ent.end < 2 and doc[i].is_title and not doc[i].ent_type_:
            i += 1
        return i + 1 < len(doc) and doc[i].lower_ in ("der", "des") and i + 1 in starts

    def _building_with_town(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"Kulturhaus" + "Aue", "Schloss" + "Burgk": a building named with its town or its own name is one place."""
        out = []
        for ent in ents:
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and not prev.ent_type_ and (
                ent.label_ == "LOC" and BUILDING_BEFORE_TOWN.match(prev.text)
                and any(k.startswith("ags:") for k in self.gaz.place_candidates(ent.text))
                or prev.text in NAMED_BUILDING and len(ent) <= 2 and ent.label_ in ("LOC", "ORG", "PER")
            ):
                out.append(Span(doc, ent.start - 1, ent.end, label="LOC"))
            else:
                out.append(ent)
        return out

    def _surnames(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"… Frank Löser … Löser warnte": a person's surname alone, where the model missed it."""
        surnames = {e[-1].text for e in ents if e.label_ == "PER" and len(e) >= 2 and e[-1].is_title}
        ents = [
            Span(doc, e.start, e.end, label="PER")
            if len(e) == 1 and e.label_ != "PER" and not e.ent_id_ and e.text in surnames and not self.gaz.place_candidates(e.text)
            else e
            for e in ents
        ]
        taken = {i for e in ents for i in range(e.start, e.end)}
        extra = [
            Span(doc, t.i, t.i + 1, label="PER")
            for t in doc
            if t.text in surnames and t.i not in taken and not self.gaz.place_candidates(t.text) and not _season_at(doc, t.i)
        ]
        return sorted(ents + extra, key=lambda e: e.start)

    def _org_with_town(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"Partnerschaft für Demokratie" + "Zwickau" read apart: one organisation named with its town."""
        ents = sorted(ents, key=lambda e: e.start)
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if (
                prev is not None and not prev.ent_id_ and ent.label_ == "LOC"
                and (prev.label_ == "ORG" or prev.label_ == "LOC" and ORG_WORD.search(prev[-1].text) and prev[-1].text not in TOWN_TITLES)
                and ent.start == prev.end and len(ent) <= 3
                and any(k.startswith(("ags:", "district:")) for k in self.gaz.place_candidates(ent.text))
                and not self.gaz.place_candidates(prev[-1].text)
            ):
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
                continue
            out.append(ent)
        return out

    def _not_a_name(self, tok) -> bool:
        return (tok.lower_ in self.common_words or tok.lower_ in WEEKDAY_SHORT or bool(NOT_A_NAME.match(tok.text))
                or not tok.text[:1].isupper())

    @staticmethod
    def _legal_form_end(doc: Doc, end: int) -> int:
        """The end of a legal form right after ``end`` ("e. V.", "GmbH"), or 0."""
        if end < len(doc) and doc[end].text in LEGAL_FORM:
            return end + 1
        if end + 1 < len(doc) and doc[end].text == "e." and doc[end + 1].text == "V.":
            return end + 2
        return 0

    @staticmethod
    def _name_start_before(doc: Doc, start: int, limit: int = 3) -> int:
        """Where a registered name begins: capitalised words before ``start`` up to an article or a generic word."""
        i = start
        while (
            i > 0 and start - i < limit and not doc[i - 1].is_sent_start
            and (doc[i - 1].is_title and doc[i - 1].is_alpha or doc[i - 1].is_digit and i > 1 and doc[i - 2].is_title)
            and not doc[i - 1].ent_type_ and doc[i - 1].lower_ not in DETERMINERS
            and doc[i - 1].text not in SURNAME_STOP and doc[i - 1].text not in GENERIC_ORG_WORDS
        ):
            i -= 1
        # "Kinder- und Jugendverein": a truncated compound joined by "und"/"oder" belongs to the name
        if i > 1 and doc[i - 1].lower_ in ("und", "oder") and doc[i - 2].text.endswith("-") and doc[i - 2].text[:1].isupper():
            i -= 2
        return i

    def _fix(self, doc: Doc, ent: Span):
        # URLs, e-mail addresses and the © sign are never names
        if any(t.like_url or t.like_email or "@" in t.text for t in ent):
            return [None]
        while len(ent) > 1 and ent[0].lower_ in {"der", "die", "das", "des", "dem", "den"} and known_organisation(ent.text) is None:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
        # line breaks and a dangling article or conjunction never end a name: "Hochschule Mittweida\n\n", "Prävention der"
        while len(ent) > 1 and (ent[-1].is_space or ent[-1].lower_ in TRAILING_FUNCTION_WORDS):
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)
        if len(ent) == 1 and ent[0].is_space:
            return [None]
        while len(ent) and ent[0].text in {"©", "|", "/", "(", "„", '"', "»", "-"}:
            ent = doc[ent.start + 1 : ent.end]
            ent = Span(doc, ent.start, ent.end, label=ent.label_) if len(ent) else ent
        if not len(ent):
            return [None]
        # "des Verwaltungsverbandes Mirko Domaschke": a name read into an organisation is the person after it
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].text in self.first_names and ent.end < len(doc) \
                and doc[ent.end].is_title and doc[ent.end].is_alpha and doc[ent.end].ent_type_ in ("", "PER", "MISC") \
                and not (ent.end + 1 < len(doc) and doc[ent.end + 1].ent_iob_ == "I"):
            return [Span(doc, ent.start, ent.end - 1, label="ORG"), Span(doc, ent.end - 1, ent.end + 1, label="PER")]
        # "Bürgermeister von Trossin" read as a noble name: the place after the preposition;
        # "Uwe Kranz von Trebsen": the person, then the town
        for i, tok in enumerate(ent):
            if tok.lower_ in ("von", "vom", "aus") and i < len(ent) - 1 and any(
                k.startswith("ags:") for k in self.gaz.place_candidates(ent[i + 1 :].text)
            ):
                place = Span(doc, ent.start + i + 1, ent.end, label="LOC")
                return [place] if i == 0 else [Span(doc, ent.start, ent.start + i, label=ent.label_), place]
        first = ent[0].text
        # "Jugendhaus Villa e. V.", "Gebr. Pfau": an association or a company, with its legal form
        legal = self._legal_form_end(doc, ent.end) or (ent.end if ent[-1].text in LEGAL_FORM + ("V.",) else 0)
        if legal:
            # the whole registered name before the legal form: "Brückenschlag" + "Elbtal" + "e. V."
            ent = Span(doc, self._name_start_before(doc, ent.start), legal, label="ORG")
            first = ent[0].text
        if first in ("Gebr.", "Gebrüder"):
            return [Span(doc, ent.start, ent.end, label="ORG")]
        # "Schloss Burgk", "Kloster Buch": a building word and the name after it are one place
        if first in NAMED_BUILDING and len(ent) > 1 and ent.label_ != "LOC" and not legal:
            return [Span(doc, ent.start, ent.end, label="LOC")]
        # place adjectives ("Werdauer", "Dresdner") are not names of places, whatever the model read them as
        if len(ent) == 1 and ent.label_ in ("LOC", "MISC", "ORG", "PER") and self.gaz.adjective_candidates(first):
            if not (ent.end < len(doc) and doc[ent.end].text == "Land"):
                return [None]
        # a person's name before a building word is the building: "Horch Museum", "Lessing Theater"
        if ent.label_ == "PER" and len(ent) > 1 and VENUE_HEAD_WORD.search(ent[-1].text):
            return [Span(doc, ent.start, ent.end, label="LOC")]
        # a common noun or adjective read as a person: "Grossen Andrang", "Nebenan", "Abendlicher Rundgang"
        if ent.label_ == "PER" and first not in self.first_names and (
            self._not_a_name(ent[0]) or any(NOT_A_NAME.match(t.text) for t in ent[1:]) or any(ORG_WORD.search(t.text) for t in ent)
        ) and not (ent.start > 0 and doc[ent.start - 1].text in RANKS):
            # "Evangelische Brüdergemeine Herrnhut", "Jugendvereins Oelsnitz": an organisation; "Großen Andrang": nothing
            return [Span(doc, ent.start, ent.end, label="ORG" if any(ORG_WORD.search(t.text) for t in ent) else "MISC")]
        if ent.text.lower() in PROGRAMMES and ent.label_ != "MISC":
            return [Span(doc, ent.start, ent.end, label="MISC")]
        if ent.label_ in ("ORG", "LOC") and EVENT_NAME.fullmatch(ent[-1].lower_) and not ent.ent_id_:
            return [Span(doc, ent.start, ent.end, label="MISC")]  # "des 1. Sächsischen Landespräventionstages": an event
        if MEETING_BODIES.search(ent.text) and ent.label_ != "ORG":  # "der Kommunale Präventionsrat", "KPR": a body
            return [Span(doc, ent.start, ent.end, label="ORG")]
        if NAMED_COUNCIL.match(ent.text) and self.gaz.place_candidates(ent[-1].text) and ent.label_ != "ORG":
            return [Span(doc, ent.start, ent.end, label="ORG")]
        # "Frank Zabel" read as an organisation: a given name and a surname are a person
        if ent.label_ in ("ORG", "MISC") and 2 <= len(ent) <= 3 and first in self.first_names and all(t.is_title and t.is_alpha for t in ent):
            if not re.search(r"verein|institut|stiftung|gmbh|schule|amt|rat|verband|polizei|stadt|gemeinde|zentrum|haus", ent.text, re.I) and not BUILDING.search(ent.text):
                return [Span(doc, ent.start, ent.end, label="PER")]
        gaz_place = self.gaz.place_candidates(ent.text)
        # a town name alone is a place, not a person or a "miscellaneous" name ("Meerane", "Pockau-Lengefeld")
        if (ent.label_ == "PER" and len(ent) == 1 or ent.label_ == "MISC") and any(k.startswith("ags:") for k in gaz_place):
            return [Span(doc, ent.start, ent.end, label="LOC")]
        # a given name the model left out: "Kathrin" + "Pohl" (a capitalised word before, no common word, no office)
        # a rank alone ("POKin") is no name; a town in the genitive is a place ("Frohburgs Ordnungsamt")
        if len(ent) == 1 and _season_at(doc, ent.start):
            return [None]  # "Im Sommer 2018 wurden …": a season, not the person "Sommer" named elsewhere
        if len(ent) == 1 and first in RANKS:
            return [None]
        if len(ent) == 1 and ent.label_ == "ORG" and not ent.ent_id_ and any(
            k.startswith("ags:") for k in self.gaz.place_candidates(first)
        ):
            return [Span(doc, ent.start, ent.end, label="LOC")]
        # one long word is a compound noun, not a surname: "Laubeneinbrüchen", "Reviers"
        if ent.label_ == "PER" and len(ent) == 1 and first not in self.first_names and (
            len(first) >= 13 or self._not_a_name(ent[0]) or re.sub(r"(?:es|s|n|en)$", "", first.lower()) in self.common_words
            or REVIER_WORD.match(first)
        ):
            return [Span(doc, ent.start, ent.end, label="MISC")]
        if ent.label_ == "PER" and len(ent) == 1 and ent.start > 0:
            prev = doc[ent.start - 1]
            if (
                prev.is_title and prev.is_alpha and not prev.ent_type_ and prev.text not in RANKS
                and prev.text not in SURNAME_STOP and not self._not_a_name(prev) and not _office_word(prev.text)
                and not self.gaz.place_candidates(prev.text) and not self.gaz.adjective_candidates(prev.text)
            ):
                return [Span(doc, ent.start - 1, ent.end, label="PER")]
        # a first name cut off from its surname: "Jens" + "Tamme"
        if ent.label_ == "PER" and len(ent) == 1 and ent.end < len(doc):
            nxt = doc[ent.end]
            if nxt.is_title and nxt.is_alpha and not nxt.ent_type_ and nxt.text not in SURNAME_STOP and not self.gaz.place_candidates(nxt.text):
                return [Span(doc, ent.start, ent.end + 1, label="PER")]
        # a common noun after an article is no place: "die Kitas", "den Busbahnhof"
        if ent.label_ == "LOC" and len(ent) == 1 and not gaz_place and ent.start > 0 and doc[ent.start - 1].lower_ in DETERMINERS:
            return [None]
        # nominalised participles ("die Mitwirkenden", "Teilnehmenden") are no names
        if len(ent) == 1 and re.search(r"(enden|ende|ierten)$", first) and not self.gaz.place_candidates(first):
            return [None]
        # an office before a name: "Polizeipräsident Marquardt", "Bürgerpolizist Isert" -> PER "Marquardt", "Isert"
        if ent.label_ == "PER" and len(ent) > 1 and (OFFICE_TITLE.match(first) or (first[:1].isupper() and _office_word(first))):
            return self._fix(doc, Span(doc, ent.start + 1, ent.end, label="PER"))
        # a rank before a name: "PD Anja Roth" -> PER "Anja Roth" (but "PD Chemnitz" is the directorate,
        # "PR Döbeln" the Revier)
        if first in RANKS and len(ent) > 1 and ent[1].text not in self.unit_seats.get(first, ()):
            rest = Span(doc, ent.start + 1, ent.end, label="PER" if ent.label_ in ("PER", "ORG", "MISC") else ent.label_)
            return self._fix(doc, rest)
        if ent.label_ == "PER" and first in RANKS and len(ent) == 1:
            return [None]
        # "in der Stadt Plauen": a place, not the town administration
        if ent.label_ == "ORG" and first in TOWN_TITLES and len(ent) > 1 and ent.start > 0:
            before = {t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]}
            if before & PLACE_PREPOSITIONS:
                return [Span(doc, ent.start + 1, ent.end, label="LOC")]
        # "des August-Horch-Museums", "Schloss Hartenfels": a name whose head is a building is a place
        head = next((ent[i - 1] for i in range(1, len(ent)) if ent[i].is_lower), ent[-1])  # "Oberschule am Stadtpark" -> Oberschule
        if ent.label_ == "ORG" and not ent.ent_id_ and VENUE_HEAD_WORD.search(head.text):
            return [Span(doc, ent.start, ent.end, label="LOC")]
        # "Verein Lichtblick Vogtland e. V.": the name is what follows "Verein"
        if ent.label_ == "ORG" and first == "Verein" and len(ent) >= 4 and ent[-1].text in ("V.", "V", "e.V.", "e.V"):
            ent = Span(doc, ent.start + 1, ent.end, label="ORG")
            first = ent[0].text
        # "Sicherheitsforum", "Präventionstag": an event, not an organisation
        if ent.label_ == "ORG" and len(ent) == 1 and not ent.ent_id_ and EVENT_NOUN.search(first):
            return [Span(doc, ent.start, ent.end, label="MISC")]
        # "Nachbarschaftsstreitigkeiten", "Telefonbetrug" read as places: common nouns
        if ent.label_ == "LOC" and len(ent) == 1 and not ent.ent_id_ and not self.gaz.place_candidates(first) and (
            NOT_A_NAME.match(first) or first.lower() in self.common_words
        ):
            return [None]
        # "das ASSKomm Roll up": a programme's name inside another phrase is no organisation or place
        if ent.label_ in ("ORG", "LOC") and len(ent) > 1 and first.lower() in PROGRAMME_HEADS and not ent.ent_id_ and not known_organisation(ent.text):
            return [Span(doc, ent.start, ent.end, label="MISC")]
        # "im Internationalen Congress Center Dresden", "ins Schloss Burgk", "Ballhaus „Neue Welt“": a building
        if ent.label_ == "ORG" and not ent.ent_id_ and ent.start > 0 and (
            (doc[ent.start - 1].lower_ in {"im", "ins"} or (
                ent.start > 1 and doc[ent.start - 2].lower_ in {"in", "auf", "vor"} and doc[ent.start - 1].lower_ in {"der", "dem", "das"}
            )) and BUILDING.search(ent.text)
            or doc[ent.start - 1].text in {"„", "»"} and ent.start > 1 and BUILDING.search(doc[ent.start - 2].text)
        ):
            return [Span(doc, ent.start, ent.end, label="LOC")]
        return [ent]


#: Bracketed letters that belong to a name: "Hochschule der Sächsischen Polizei (FH)".
NAME_PART_IN_BRACKETS = {"FH", "TU", "BA", "DHSV", "gGmbH"}


def _abbreviation_apart(doc: Doc, ent: Span) -> list[Span]:
    """A name that ends with its short form in brackets is two mentions: "Kommunalen Präventionsrates (KPR)" ->
    "Kommunalen Präventionsrates", "KPR" (inside a longer name, "… (KPR) Arnsdorf", it stays one)."""
    if ent.label_ != "ORG" or len(ent) < 4 or ent[-1].text != ")" or ent[-3].text != "(":
        return [ent]
    short = ent[-2]
    if not (short.is_upper and len(short.text) >= 2) or short.text in NAME_PART_IN_BRACKETS:
        return [ent]
    return [Span(doc, ent.start, ent.end - 3, label="ORG"), Span(doc, ent.end - 2, ent.end - 1, label="ORG")]


def _non_overlapping(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    last_end = -1
    for s in spans:
        if s.start >= last_end:
            out.append(s)
            last_end = s.end
    return out
