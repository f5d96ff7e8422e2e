"""Mentions -> canonical actors.

Each entity of a report's ``Doc`` becomes a :class:`Mention`; where the text
allows, it is resolved to a canonical :class:`Actor`: a municipality (official
key ``ags``), a district, a police unit, a state body, a named organisation or
a person. Names that belong to more than one place ("Bernsdorf", "Auerbach")
are resolved from the report's other places, or left open with a low
confidence and a note naming the candidates — never silently guessed.

Actor ids are stable and readable: ``mun:14524300``, ``admin:14524300``
(the town's administration), ``dist:14524``, ``lra:14524`` (Landratsamt),
``pol:PR_Werdau``, ``state:SMI``, ``org:institut-b3``, ``per:joerg-rudolph``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer
from .ingest import CREDIT_WORDS, bare_credit
from .lexicon import known_organisation, police_unit_type, short_forms
from .lexicon import load as load_lexicon
from .councils import (
    council_in_full,
    council_name,
    council_of,
    council_of_the_one_town,
    councils_by_town,
    councils_of_towns,
    generic_council,
)
from .nlp import NAMED_COUNCIL, RANKS
from .records import INFERRED, STATED, Actor, Mention, Report, Sentence, merge_actor, org_id
from .text import clean_space, fold, slug, stem_phrase

ADMIN_HEAD = re.compile(
    r"^(?:der |die |des )?(Stadtverwaltung|Gemeindeverwaltung|Stadt|Gemeinde|Große Kreisstadt|Rathaus"
    r"|Landeshauptstadt|Universitätsstadt|Hochschulstadt|Bergstadt|Kreisstadt|Kurstadt|Messestadt"
    r"|Ordnungsamt|Bürgermeisteramt|Stadtrat|Gemeinderat)(?:es|s)?\s+(?:der Stadt\s+|der Gemeinde\s+|von\s+)?(.+)$"
)
ORG_KIND_RULES: list[tuple[str, str]] = [
    (r"polizei|revier\b|bürgerpolizist", "police"),
    (r"landratsamt|kreisverwaltung|kreistag", "district_admin"),
    (r"stadtverwaltung|gemeindeverwaltung|rathaus|ordnungsamt|bürgermeisteramt|stadtrat|gemeinderat"
     r"|verwaltungsgemeinschaft|verwaltungsverband|gemeindeverband", "municipality_admin"),
    (r"staatsministerium|ministerium|staatskanzlei", "state_ministry"),
    (r"landesamt|landesdirektion|landeszentrale|landesstelle|landespräventionsrat|landeskriminalamt|bundesamt", "state_agency"),
    (r"schule|gymnasium|hochschule|universität|kita|kindergarten|hort\b|akademie", "school"),
    (r"e\.\s?v\.|verein|verband|bund\b|club|feuerwehr|kreisjugendring|tag\b|gemeinschaft", "association"),
    (r"institut|stiftung|partnerschaft|netzwerk|initiative|diakonie|caritas|awo|jugendhilfe|kirch|pfarr|gGmbH|beratung|zentrum|büro|projekt", "ngo_institute"),
    (r"gmbh|\bag\b|\bkg\b|bank|sparkasse|stadtwerke|werk\b|unternehmen|firma|verkehrsbetriebe|handel", "business"),
]
VENUE_HEAD = re.compile(
    r"(museum\w*|rathaus\w*|rats?saa?l\w*|halle|stadthalle|kulturhaus\w*|bürgerhaus\w*|schloss\w*|hotel\w*|gasthof\w*|kirche|saal|arena|stadion|theater\w*|kino)$",
    re.I,
)
COLLECTIVE_POLICE = re.compile(r"polizei|polizist|beamt|streifendienst|revier", re.I)


FEMININE_HEADS = r"^(?:feuerwehr|verkehrswacht|stiftung|gesellschaft|hochschule|polizei|wohnungsbaugesellschaft|arbeitsgemeinschaft|initiative)$"
MASCULINE_HEADS = r"(?:rat|rats|verein|vereins|ring|rings|bund|bundes|verband|verbands|beirat|kreis|dienst|club|treff)$"


def canonical_org_name(name: str, word_before: str = "") -> str:
    """The nominative name of an organisation as written in a genitive or with a redundant "Verein".

    >>> canonical_org_name("Stadtjugendrings Chemnitz e. V.", "des")
    'Stadtjugendring Chemnitz e. V.'
    >>> canonical_org_name("Verein Brückenschlag Elbtal e. V.")
    'Brückenschlag Elbtal e. V.'
    >>> canonical_org_name("KPR Plauen"), canonical_org_name("Freiwilligen Feuerwehr Flöha", "der")
    ('Kommunaler Präventionsrat Plauen', 'Freiwillige Feuerwehr Flöha')
    """
    council = council_name(name)
    if council:
        return council
    words = name.split()
    if len(words) > 2 and words[0] in ("Verein", "Vereins") and re.search(r"e\.\s?V\.?$", name):
        words = words[1:]
    # "der Kommunale Präventionsrat Meißen" -> "Kommunaler Präventionsrat Meißen": the adjective before a masculine head
    if len(words) >= 2 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:e|en)", words[0]) and re.search(MASCULINE_HEADS, words[1]):
        words[0] = re.sub(r"(?:e|en)$", "er", words[0])
    # "der Freiwilligen Feuerwehr Flöha" -> "Freiwillige Feuerwehr Flöha": the adjective before a feminine head
    elif word_before in ("der", "einer") and len(words) >= 2 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+en", words[0]) \
            and re.search(FEMININE_HEADS, words[1].lower()):
        words[0] = words[0][:-1]
    elif word_before in ("des", "eines") and len(words[0]) > 4 and words[0][0].isupper():
        first = words[0]
        if re.search(r"(?:s|ß|z|x|sch)es$|[^aeiouäöü][dt]es$", first):  # "Hauses", "Verbandes", "Amtes"
            words[0] = first[:-2]
        elif first.endswith("s") and not first.endswith(("ss", "us", "is")):
            words[0] = first[:-1]
    return " ".join(words)


@dataclass
class LinkedReport:
    """One report after linking: its sentences, mentions and the actors behind them."""

    report: Report
    sentences: list[Sentence]
    mentions: list[Mention]
    actors: dict[str, Actor]
    spans: dict[str, Span] = field(default_factory=dict)  # mention_id -> span (for extraction)

    def sentence_of(self, char: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= char < s.end:
                return s
        return None


#: The words before a credit's name ("Foto: Anna Berg", "© Grafik: …"), removed to leave the name.
_CREDIT_HEAD = re.compile(rf"^[•·▪*\-–]?\s*(?:©\s*)?(?:(?:{'|'.join((*CREDIT_WORDS, 'Grafik', 'Illustration', 'Text'))})\s*:)?\s*©?\s*", re.I)


class Linker:
    """Resolve the entities of one report to canonical actors."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz

    # -------------------------------------------------------------- entry
    def link(self, report: Report, doc: Doc) -> LinkedReport:
        sections = _with_repeated_credit(report, _with_background(report, report.sections()))
        sentences = []
        sent_index: dict[int, str] = {}
        for i, sent in enumerate(doc.sents):
            text = sent.text.strip()
            if not text:
                continue
            sid = f"{report.report_id}:s{i + 1:03d}"
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            sentences.append(Sentence(report.report_id, sid, start, start + len(text), _section(sections, start), text))
            for t in sent:
                sent_index[t.i] = sid
        self._credit_entities(report, doc, sections)
        context = self._place_context(doc)
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        spans: dict[str, Span] = {}
        abbreviations = self._abbreviations(doc)
        for n, ent in enumerate(doc.ents, start=1):
            mid = f"{report.report_id}:e{n:03d}"
            section = _section(sections, ent.start_char)
            mention = Mention(
                report_id=report.report_id,
                mention_id=mid,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
                sentence_id=sent_index.get(ent.start, ""),
                section=section,
                source="rules" if ent.ent_id_ else "model",
            )
            actor = self.resolve(ent, context, abbreviations, in_credit=section == "credit")
            if actor is not None:
                actor = merge_actor(actors, actor)
                mention.actor_id = actor.actor_id
                mention.confidence = actor.confidence
                mention.note = actor.note
            mentions.append(mention)
            spans[mid] = ent
        mentions += self._part_of_word_abbreviations(report, doc, sent_index, sections, actors, abbreviations, len(mentions))
        self._corefer_persons(mentions, actors)
        councils_of_towns(self.gaz, report.text, mentions, actors)
        self._corefer_organisations(mentions, actors)
        council_of_the_one_town(self.gaz, mentions, actors)
        self._short_forms_to_units(mentions, actors)
        return LinkedReport(report, sentences, mentions, actors, spans)

    def _short_forms_to_units(self, mentions: list[Mention], actors: dict[str, Actor]) -> None:
        """"der Fachdienst Prävention", "das Revier" in a report that names one such unit: that unit (collectives.json, short_forms)."""
        for m in mentions:
            actor = actors.get(m.actor_id)
            if actor is None or not actor.actor_id.startswith("org:"):
                continue
            unit = only_unit(actors, re.sub(r"^(der|die|das|des|dem|den)\s+", "", " ".join(m.text.split()), flags=re.I))
            if unit is not None:
                m.actor_id = unit.actor_id
                if not any(x.actor_id == actor.actor_id for x in mentions):
                    actors.pop(actor.actor_id, None)

    def _credit_entities(self, report: Report, doc: Doc, sections: list[tuple[str, int, int]]) -> None:
        """The credit line (and each repeat of it) names photographers and organisations, split by | / , ; and
        brackets ("Tele-Lausitz (Danilo Dittrich)").

        Its entities are rebuilt from that structure instead of the model's reading:
        a part the gazetteer knows is an organisation, two or three capitalised
        words are a person, anything else an organisation.
        """
        for name, start, end in sections:
            if name == "credit":
                self._rebuild_credit(doc, start, report.text[start:end])

    def _rebuild_credit(self, doc: Doc, start: int, line: str) -> None:
        new = []
        pos = 0
        for part in re.split(r"\s*[|/,;()]\s*|\s+-\s+", line):
            idx = line.find(part, pos)
            pos = idx + len(part)
            clean = _CREDIT_HEAD.sub("", part).strip()
            if not clean or idx < 0:
                continue
            cstart = start + idx + part.find(clean)
            span = doc.char_span(cstart, cstart + len(clean), alignment_mode="contract")
            if span is None or not len(span):
                continue
            words = clean.split()
            known = self.gaz.org_candidates(clean) or ADMIN_HEAD.match(clean) or organisation_kind(clean) != "other"
            label = "ORG" if known else ("PER" if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) else "ORG")
            new.append(Span(doc, span.start, span.end, label=label))
        if not new:
            return
        lo, hi = start, start + len(line)
        kept = [e for e in doc.ents if e.end_char <= lo or e.start_char >= hi]
        doc.set_ents(sorted(kept + new, key=lambda s: s.start), default="outside")

    # -------------------------------------------------------------- resolve
    def resolve(self, ent: Span, context: set[str], abbreviations: dict[str, str], in_credit: bool = False) -> Actor | None:
        """The actor behind one entity; a credit names a photographer or an organisation, not a place."""
        text = clean_space(ent.text)
        if ent.label_ == "PER":
            return self.person(text)
        unit = self._police_unit_of_town(text) if ent.label_ == "LOC" else None
        if unit is not None:  # "des Plauener Polizeireviers", read as a place: the unit seated in the town
            return unit
        if ent.label_ == "LOC" and not (in_credit and not self.gaz.place_candidates(text)):
            return self.place(text, ent, context)
        if ent.label_ == "MISC":  # programmes, events, titles: an actor only if the gazetteer knows it
            keys = self.gaz.org_candidates(text)
            return self.actor_for_key(next(iter(keys))) if len(keys) == 1 else None
        if ent.label_ in ("ORG", "LOC"):
            return self.organisation(text, ent, context, abbreviations)
        return None

    def _town_and_unit_type(self, name: str) -> tuple[str, str] | None:
        """"Plauener Polizeirevier" -> (Plauen's key, "Polizeirevier"), if the adjective names one town."""
        words = name.split()
        unit_type = police_unit_type(words[1]) if len(words) == 2 else ""
        towns = [k for k in self.gaz.adjective_candidates(words[0]) if k.startswith("ags:")] if unit_type else []
        return (towns[0][4:], unit_type) if len(towns) == 1 else None

    def _police_unit_of_town(self, name: str) -> Actor | None:
        """"Plauener Polizeirevier": the unit of that kind seated in the town the adjective names, if town and unit are one."""
        found = self._town_and_unit_type(name)
        units = self.gaz.police_seated_in(*found) if found else []
        return self.actor_for_key(f"police:{units[0].id}") if len(units) == 1 else None

    def _police_unit_written_out(self, name: str) -> str:
        """"Rochlitzer Polizeireviers" -> "Polizeirevier Rochlitz": the name a unit has when its town is named
        after it, so that both ways of writing it are one actor; "" unless the adjective names one town."""
        found = self._town_and_unit_type(name)
        return f"{found[1]} {self.gaz.municipalities[found[0]].name}" if found else ""

    def person(self, text: str) -> Actor | None:
        words = [w for w in text.replace(",", " ").split() if w not in RANKS]
        if not words:
            return None
        name = " ".join(words)
        return Actor(actor_id=f"per:{slug(name)}", name=name, kind="person", key=f"person:{name}")

    def place(self, text: str, ent: Span, context: set[str]) -> Actor:
        text = re.sub(r"^Freistaat(?:e?s)?\s+(?=[A-ZÄÖÜ])", "", text)  # "des Freistaates Sachsen" is Sachsen
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in {"landkreise", "landkreisen", "kreise", "landkreis", "landkreises", "kreis"}:
            # "der Landkreise Zwickau und Vogtlandkreis": the district, not the town
            districts = self.gaz.place_candidates(f"Landkreis {text}")
            if len(districts) == 1:
                return self.actor_for_key(next(iter(districts)))
        if VENUE_HEAD.search(text):
            return Actor(actor_id=f"venue:{slug(text)}", name=text, kind="venue", key=f"venue:{text}", confidence=0.8)
        keys = self.gaz.place_candidates(text)
        if not keys:
            # "Landkreis Zwickau"-like forms the model found with other boundaries
            keys = self.gaz.place_candidates(re.sub(r"^(Stadt|Gemeinde|Landkreis|Kreis)\s+", "", text))
        note = ""
        confidence = 1.0
        basis = STATED
        if len(keys) > 1:
            chosen = self._disambiguate(keys, ent, context)
            if chosen:
                note = f"ambiguous name resolved from context (candidates: {', '.join(sorted(keys))})"
                keys, confidence, basis = {chosen}, 0.8, INFERRED
            else:
                return Actor(
                    actor_id=f"place:{slug(text)}",
                    name=text,
                    kind="municipality",
                    key=f"place:{text}",
                    confidence=0.3,
                    basis=INFERRED,
                    note=f"ambiguous, not resolved: {', '.join(sorted(keys))}",
                )
        if len(keys) == 1:
            actor = self.actor_for_key(next(iter(keys)))
            actor.confidence, actor.basis, actor.note = confidence, basis, note
            return actor
        kind = "region" if re.search(r"sachsen|deutschland|europa|bundesland|region", text, re.I) else "municipality"
        return Actor(
            actor_id=f"place:{slug(text)}",
            name=text,
            kind=kind,
            key=f"place:{text}",
            confidence=0.5,
            note="not in the gazetteer of Saxony",
        )

    def organisation(self, text: str, ent: Span, context: set[str], abbreviations: dict[str, str]) -> Actor | None:
        bare = re.sub(r"^(der|die|das|des|dem|den)\s+", "", text, flags=re.I)
        keys = self.gaz.org_candidates(bare)
        if not keys and re.match(r"(?:Direktion|Revier)\w*\s+\S", bare):  # "Direktion Chemnitz": the Polizeidirektion
            keys = self.gaz.org_candidates("Polizei" + bare[0].lower() + bare[1:])
        quarter = _CITY_QUARTER.match(bare)
        if not keys and quarter:  # "Polizeirevier Nord" in a Dresden report: the Revier Dresden-Nord
            keys = {f"police:{p.id}" for p in self.gaz.police.values()
                    if p.id.startswith("PR_") and p.id.endswith(f"_{quarter.group(1)}") and f"ags:{p.seat_ags}" in context}
        if not keys and ent.ent_id_ and ":" in ent.ent_id_ and ent.ent_id_ != "ambiguous":
            keys = {ent.ent_id_}
        if not keys and bare in abbreviations:
            if isinstance(abbreviations[bare], Actor):  # defined in this report: "Sächsische Aufbaubank (SAB)"
                return abbreviations[bare]
            keys = {abbreviations[bare]}
        if len(keys) == 1:
            return self.actor_for_key(next(iter(keys)))
        m = ADMIN_HEAD.match(bare)
        if m:
            place_keys = [k for k in self.gaz.place_candidates(m.group(2)) if k.startswith("ags:")]
            if len(place_keys) > 1:
                chosen = self._disambiguate(set(place_keys), ent, context)
                place_keys = [chosen] if chosen else place_keys
            if len(place_keys) == 1:
                return self.actor_for_key("admin:" + place_keys[0][4:])
        section = _SECTION_OF.match(bare)
        if section:  # "Fachdienst Prävention der Polizeidirektion Zwickau": the directorate
            body = self.gaz.org_candidates(section.group("body"))
            if len(body) == 1:
                return self.actor_for_key(next(iter(body)))
        words = bare.split()
        if len(words) >= 2 and council_name(" ".join(words[1:])) and not NAMED_COUNCIL.match(" ".join(words[1:])):
            towns = [k for k in self.gaz.adjective_forms.get(words[0].lower(), ()) if k.startswith("ags:")]
            if len(towns) == 1:  # "des Görlitzer Präventionsrates": the council of Görlitz
                return council_of(self.gaz, towns[0][4:], head=council_name(" ".join(words[1:])))
        unit = self._police_unit_of_town(bare)
        if unit is not None:  # "des Plauener Polizeireviers": the Revier seated in Plauen
            return unit
        written_out = self._police_unit_written_out(bare)
        if written_out:  # "des Rochlitzer Polizeireviers", a unit the gazetteer does not know: "Polizeirevier Rochlitz"
            bare = written_out
        if not re.search(r"[A-ZÄÖÜ]", bare) or len(bare) < 2:
            return None
        if bare.lower() in {"polizei", "die polizei"}:
            return None  # the generic police: a collective, made by extraction
        council = council_name(bare)
        town = council.rpartition(" ")[2] if NAMED_COUNCIL.match(council) else ""
        if town:  # "KPR Plauen", "Kommunaler Präventionsrat der Stadt Plauen": the council of that town
            towns = [k for k in self.gaz.place_candidates(town) if k.startswith("ags:")]
            if len(towns) == 1:
                return Actor(actor_id=org_id(council), name=council, kind="other", key=f"org:{council}",
                             ags=towns[0][4:], confidence=0.9)
        known = known_organisation(bare)
        if known is not None:  # an organisation of the lexicon: one actor under its canonical name
            name, kind, key = known
            if key:
                return self.actor_for_key(key)
            return Actor(actor_id=org_id(name), name=name, kind=kind,
                         key=f"org:{name}", confidence=0.95)
        # any other organisation: id from its word set, so "Institut B3" = "B3 Institut"
        if VENUE_HEAD.search(bare.split()[-1]):
            stemmed = " ".join(sorted(stem_phrase(bare).split()))
            return Actor(actor_id=f"venue:{slug(stemmed)}", name=bare, kind="venue", key=f"venue:{bare}", confidence=0.8)
        kind = organisation_kind(bare)
        name = canonical_org_name(bare, ent.doc[ent.start - 1].lower_ if ent.start > 0 else "")
        return Actor(actor_id=org_id(name), name=name, kind=kind, key=f"org:{name}", confidence=0.9)

    def actor_for_key(self, key: str) -> Actor:
        """The canonical actor for a gazetteer key (ags:/admin:/district:/lra:/police:/state:/region:)."""
        gaz = self.gaz
        prefix, _, ident = key.partition(":")
        if prefix in ("ags", "admin"):
            m = gaz.municipalities[ident]
            admin = prefix == "admin"
            return Actor(
                actor_id=f"{'admin' if admin else 'mun'}:{m.ags}",
                name=f"{'Stadtverwaltung' if m.kind == 'Stadt' else 'Gemeindeverwaltung'} {m.name}" if admin else m.name,
                kind="municipality_admin" if admin else "municipality",
                ags=m.ags,
                district=m.district,
                district_ags=m.district_ags,
                key=f"ags:{m.ags}",
                lat=m.lat,
                lon=m.lon,
                affiliation=f"mun:{m.ags}" if admin else "",
            )
        if prefix in ("district", "lra"):
            d = gaz.districts[ident]
            lra = prefix == "lra"
            return Actor(
                actor_id=f"{'lra' if lra else 'dist'}:{d.district_ags}",
                name=f"Landratsamt {d.short_name}" if lra else d.name,
                kind="district_admin" if lra else "district",
                district=d.name,
                district_ags=d.district_ags,
                key=f"district:{d.district_ags}",
                lat=d.lat,
                lon=d.lon,
                affiliation=f"dist:{d.district_ags}" if lra else "",
            )
        if prefix == "police":
            p = gaz.police[ident]
            m = gaz.municipalities.get(p.seat_ags)
            return Actor(
                actor_id=f"pol:{p.id}",
                name=p.name,
                kind="police",
                ags=m.ags if m else "",
                district=m.district if m else "",
                district_ags=m.district_ags if m else "",
                key=f"police:{p.id}",
                lat=m.lat if m else None,
                lon=m.lon if m else None,
                confidence=1.0 if p.verified else 0.7,
                note="" if p.verified else "police unit not verified in the reference data",
            )
        if prefix == "state":
            s = gaz.state_bodies[ident]
            return Actor(actor_id=f"state:{s.abbr}", name=s.name, kind=s.kind, key=f"state:{s.abbr}")
        if prefix == "region":
            return Actor(actor_id=f"region:{slug(ident)}", name=ident, kind="region", key=f"region:{ident}")
        raise KeyError(key)

    # -------------------------------------------------------------- context
    def _place_context(self, doc: Doc) -> set[str]:
        """Districts and unambiguous municipalities a report names: context for ambiguous names."""
        context: set[str] = set()
        for ent in doc.ents:
            for key in self.gaz.place_candidates(ent.text) | self.gaz.org_candidates(ent.text):
                if key.startswith("district:") or key.startswith("lra:"):
                    context.add("district:" + key.split(":")[1])
            keys = self.gaz.place_candidates(ent.text)
            if len(keys) == 1:
                key = next(iter(keys))
                if key.startswith("ags:"):
                    context.add(key)
                    context.add(self.gaz.district_of(key))
                if key.startswith("region:"):
                    context.update(f"district:{d}" for d in self.gaz.regions.get(key[7:], ()))
            for key in self.gaz.org_candidates(ent.text):
                if key.startswith("police:"):
                    context.add(self.gaz.district_of(key))
        for tok in doc:  # "die Dresdner Polizei": the town of an adjective
            if tok.is_title and tok.text.endswith("er"):
                towns = [k for k in self.gaz.adjective_candidates(tok.text) if k.startswith("ags:")]
                if len(towns) == 1:
                    context.add(towns[0])
        context.discard("")
        return context

    def _disambiguate(self, keys: set[str], ent: Span, context: set[str]) -> str | None:
        # 1. a qualifier right after the name: "Bernsdorf (Landkreis Bautzen)", "Bernsdorf im Landkreis Zwickau"
        after = ent.doc[ent.end : min(len(ent.doc), ent.end + 6)].text
        local = {k for k in self.gaz.place_candidates(after) if k.startswith("district:")}
        for e in ent.doc.ents:
            if ent.end <= e.start <= ent.end + 4:
                local |= {k for k in self.gaz.place_candidates(e.text) if k.startswith("district:")}
                local |= {"district:" + k[4:] for k in self.gaz.org_candidates(e.text) if k.startswith("lra:")}
        for scope in (local, context):
            fitting = [k for k in sorted(keys) if self.gaz.district_of(k) in scope]
            if len(fitting) == 1:
                return fitting[0]
        return None

    def _abbreviations(self, doc: Doc) -> dict[str, str | Actor]:
        """'Partnerschaft für Demokratie (PfD)' defines PfD within the report."""
        found: dict[str, str] = {}
        for ent in doc.ents:
            nxt = doc[ent.end : ent.end + 3]
            if len(nxt) == 3 and nxt[0].text == "(" and nxt[2].text == ")" and re.fullmatch(r"[A-ZÄÖÜ][\w&-]{1,9}", nxt[1].text):
                keys = self.gaz.org_candidates(ent.text)
                if len(keys) == 1:
                    found[nxt[1].text] = next(iter(keys))
                elif ent.label_ == "ORG" and len(ent) > 1:
                    # "Sächsische Aufbaubank (SAB)": the abbreviation is the same organisation in this report
                    actor = self.organisation(clean_space(ent.text), ent, set(), {})
                    if actor is not None and actor.actor_id.startswith("org:"):
                        found[nxt[1].text] = actor
        return found

    def _part_of_word_abbreviations(self, report, doc, sent_index, sections, actors, abbreviations, n0) -> list[Mention]:
        """'LPR-Geschäftsführer': the abbreviation inside a compound is a mention of the organisation."""
        out = []
        n = n0
        for token in doc:
            if token.ent_type_ or token.like_url or token.like_email or "@" in token.text or "." in token.text:
                continue
            m = re.fullmatch(r"([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,6})-[A-ZÄÖÜ]\w+", token.text)
            if not m:
                continue
            abbr = m.group(1)
            keys = self.gaz.org_candidates(abbr) if abbr.isupper() or abbr in abbreviations else set()
            defined = abbreviations.get(abbr)
            if not keys and defined and not isinstance(defined, Actor):  # only gazetteer bodies inside compounds
                keys = {defined}
            if len(keys) != 1:
                continue
            actor = merge_actor(actors, self.actor_for_key(next(iter(keys))))
            n += 1
            out.append(
                Mention(
                    report_id=report.report_id,
                    mention_id=f"{report.report_id}:e{n:03d}",
                    start=token.idx,
                    end=token.idx + len(abbr),
                    text=abbr,
                    label="ORG",
                    sentence_id=sent_index.get(token.i, ""),
                    section=_section(sections, token.idx),
                    actor_id=actor.actor_id,
                    source="rules",
                )
            )
        return out

    def _corefer_organisations(self, mentions: list[Mention], actors: dict[str, Actor]) -> None:
        """"die örtliche Partnerschaft für Demokratie" is the "Partnerschaft für Demokratie Hoyerswerda" the
        report names in full: a free-text organisation whose name begins another one's is that one."""
        orgs = [a for a in actors.values() if a.actor_id.startswith("org:")]
        councils_by_town(mentions, actors)  # "Oelsnitzer Präventionsrat" = "Kommunaler Präventionsrat Oelsnitz/Erzgeb."
        council_in_full(mentions, actors)  # ... and "des Kommunalen Präventionsrates" gives it its full designation
        orgs = [a for a in actors.values() if a.actor_id.startswith("org:")]
        councils = [a for a in orgs if NAMED_COUNCIL.match(a.name)]
        for short in orgs:
            longer = [a for a in orgs if a is not short and a.name.startswith(short.name + " ")]
            if generic_council(short.name) and len(councils) == 1:
                longer = councils  # "der KPR" in a report of the "Kriminalpräventiver Rat Leipzig": that council
            if len(longer) != 1:
                continue
            for m in mentions:
                if m.actor_id == short.actor_id:
                    m.actor_id = longer[0].actor_id
            actors.pop(short.actor_id, None)

    def _corefer_persons(self, mentions: list[Mention], actors: dict[str, Actor]) -> None:
        """'Frau Bauer' or 'Rudolph' after 'Jörg Rudolph' is the same person."""
        full = [a for a in actors.values() if a.kind == "person" and " " in a.name]
        for m in mentions:
            actor = actors.get(m.actor_id)
            if actor is None or actor.kind != "person" or " " in actor.name:
                continue
            same = [a for a in full if a.name.split()[-1] == actor.name]
            if len(same) == 1:
                m.actor_id = same[0].actor_id
                if not any(x.actor_id == actor.actor_id for x in mentions):
                    actors.pop(actor.actor_id, None)


#: A police station named by its city quarter alone: "Polizeirevier Nord", "des Reviers Südost".
_CITY_QUARTER = re.compile(r"^(?:Polizei)?[Rr]evier\w*\s+(Nord|Süd|Ost|West|Mitte|Zentrum|Nordost|Südost|Südwest|Nordwest)$")
#: A section of a body named with it: "Fachdienst Prävention der Polizeidirektion Zwickau" (organisations.json, sections).
_SECTION_OF = re.compile(rf"^(?:{'|'.join(load_lexicon('organisations')['sections'])})\s+(?:der|des)\s+(?P<body>.+)$")


def only_unit(actors: dict[str, Actor], word: str, within: str = "") -> Actor | None:
    """The one actor a generic word stands for ("Revier", "der Polizeidirektion") when the report names one such unit."""
    prefix = next((p for head, p in short_forms() if re.fullmatch(head, word, re.I)), None)
    if prefix is None or not prefix.startswith(within):
        return None
    units = sorted({a.actor_id for a in actors.values() if a.actor_id.startswith(prefix)})
    return actors[units[0]] if len(units) == 1 else None


def organisation_kind(name: str) -> str:
    low = name.lower()
    for pattern, kind in ORG_KIND_RULES:
        if re.search(pattern, low):
            return kind
    return "other"


#: A line that opens background information (report_parts.json): "Hintergrundinformationen zu ASSKomm:".
_BACKGROUND_HEADING = re.compile(
    rf"^[ \t]*(?:{'|'.join(load_lexicon('report_parts')['background_headings'])})[ \t]*:?[ \t]*$", re.I | re.M
)


def _with_background(report: Report, sections: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The sections, with the body's background part (from its heading to the end) as ``background``."""
    heading = _BACKGROUND_HEADING.search(report.text, report.body_start)
    if heading is None:
        return sections
    return [("background", heading.start(), len(report.text)), *sections]


def _with_repeated_credit(report: Report, sections: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    r"""A page that shows its photo twice repeats the bare credit line in the body ("Foto: Tele-Lausitz (Name)"):
    that line is a credit too. A caption with the same credit ("Matthias Böhme im SMK © Institut B3") is not.

    >>> r = Report("r", "r.txt", "Titel\n\n© Anna Berg\n\nFoto: Anna Berg\n\nText.", title="Titel", credit="© Anna Berg", body_start=20)
    >>> _with_repeated_credit(r, [])
    [('credit', 20, 35)]
    """
    credit = report.credit.removeprefix("©").strip()
    if not credit:
        return sections
    repeats = []
    pos = report.body_start
    for line in report.text[report.body_start :].split("\n"):
        stripped = line.strip()
        if stripped and bare_credit(stripped) == credit:
            start = pos + line.index(stripped)
            repeats.append(("credit", start, start + len(stripped)))
        pos += len(line) + 1
    return [*repeats, *sections]


def _section(sections: list[tuple[str, int, int]], char: int) -> str:
    for name, start, end in sections:
        if start <= char < end:
            return name
    return "body"


__all__ = ["Linker", "LinkedReport", "organisation_kind", "fold"]
