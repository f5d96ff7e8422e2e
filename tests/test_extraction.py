"""Linking and extraction: the seed reports, the hard cases of real reports, the sample corpus."""

from __future__ import annotations

import pytest

from conftest import needs_seeds
from akteursnetz.gazetteer import load_gazetteer
from akteursnetz.link import Linker
from akteursnetz.records import Report

WERDAU, PLAUEN, ZWICKAU = "14524300", "14523320", "14524330"


def _analyse(nlp, text: str, report_id: str = "t"):
    from akteursnetz.extract import Extractor

    gaz = load_gazetteer()
    report = Report(report_id=report_id, source=f"{report_id}.txt", text=text, title=text.split("\n")[0], date="2024-05-14", body_start=0)
    doc = nlp(text)
    linked = Linker(gaz).link(report, doc)
    return linked, Extractor(gaz).extract(linked, doc), doc


# ---------------------------------------------------------------- seeds (issue: done-when)
@needs_seeds
def test_seed_meetings_dates_places(seed_run):
    result, _ = seed_run
    meetings = result.tables["meetings"].set_index("report_id")
    assert len(meetings) == 2
    assert meetings.loc["000_0f9e0fe5be4fb6d4", "date"] == "2024-04-24"
    assert meetings.loc["000_0f9e0fe5be4fb6d4", "ags"] == WERDAU
    assert meetings.loc["001_946e531dff2b79d8", "date"] == "2022-11-03"
    assert meetings.loc["001_946e531dff2b79d8", "ags"] == ZWICKAU
    assert set(meetings["type"]) == {"Vernetzungstreffen"}


@needs_seeds
def test_seed_persons_roles_and_credit(seed_run):
    result, _ = seed_run
    actors = result.tables["actors"].set_index("actor_id")
    part = result.tables["participation"]
    roles = {(r.actor_id, r.role) for r in part.itertuples()}
    persons = set(actors[actors["kind"] == "person"]["name"])
    for name in ("Jörg Rudolph", "Frank Zabel", "Peter Schulenkorf"):
        assert name in persons
    assert any(n.startswith("Martin") for n in persons)  # "Moderator Martin Ziegenhagen"
    assert ("per:joerg-rudolph", "speaker") in roles
    assert ("per:peter-schulenkorf", "speaker") in roles
    assert any(a.startswith("per:martin") and r == "moderator" for a, r in roles)
    assert actors.loc["per:frank-zabel", "role"] == "Koordinator"
    # the photographer is a credit, never a participant
    assert {r for a, r in roles if a == "per:roy-schlesinger"} == {"credit"}


@needs_seeds
def test_seed_places_linked_to_official_keys(seed_run):
    result, _ = seed_run
    actors = result.tables["actors"].set_index("actor_id")
    assert actors.loc[f"mun:{WERDAU}", "name"] == "Werdau"
    assert actors.loc[f"mun:{PLAUEN}", "name"] == "Plauen"
    assert actors.loc["dist:14524", "name"] == "Landkreis Zwickau"
    assert actors.loc["dist:14523", "name"] == "Vogtlandkreis"


@needs_seeds
def test_seed_police_municipality_link_in_each_meeting_with_evidence(seed_run):
    result, _ = seed_run
    edges = result.tables["edges"]
    pm = edges[edges["kind"] == "police_municipality"]
    meetings_with_link = {m for ms in pm["meetings"] for m in ms.split(";")}
    assert meetings_with_link == set(result.tables["meetings"]["meeting_id"])
    assert (pm["evidence"].str.len() > 20).all()
    cross = edges[edges["kind"] == "cross_municipality"]
    assert {(r.source, r.target) for r in cross.itertuples()} == {(f"mun:{PLAUEN}", f"mun:{WERDAU}")}


# ---------------------------------------------------------------- hard cases
def test_rank_abbreviation_vs_police_directorate(nlp):
    linked, ex, _ = _analyse(nlp, "Treffen in Leipzig\n\nPD Anja Roth von der PD Chemnitz sprach mit der Bürgermeisterin.")
    persons = {a.name for a in linked.actors.values() if a.kind == "person"}
    assert "Anja Roth" in persons
    assert "pol:PD_Chemnitz" in linked.actors


def test_revier_abbreviation_vs_rank_before_a_name(nlp):
    text = ("Treffen in Döbeln\n\nVom PR Döbeln kam Polizeihauptkommissar Uwe Brandt, "
            "PR Karin Seidel vertrat die PD Chemnitz.")
    linked, ex, _ = _analyse(nlp, text)
    assert "pol:PR_Döbeln" in linked.actors
    persons = {a.name for a in linked.actors.values() if a.kind == "person"}
    assert {"Uwe Brandt", "Karin Seidel"} <= persons


def test_compound_police_station_and_organisation_in_role(nlp):
    text = ("Sitzung in Freital\n\nAm Treffen nahmen Anna Hoffmann (Leiterin Fachdienst Prävention der Polizeidirektion Leipzig) "
            "und Vertreter des Polizeireviers Freital-Dippoldiswalde teil.")
    linked, ex, _ = _analyse(nlp, text)
    assert "pol:PR_Freital_Dippoldiswalde" in ex.actors
    anna = next(a for a in ex.actors.values() if a.kind == "person" and a.name.endswith("Hoffmann"))
    assert anna.role == "Leiterin"
    assert anna.affiliation == "pol:PD_Leipzig"


def test_one_organisation_written_three_ways(nlp):
    text = ("Fachtag in Dresden\n\nDer Landespräventionsrat Sachsen (LPR) lud am 6. November 2024 ein. "
            "Der LPR-Geschäftsführer eröffnete die Tagung. Infos unter www.lpr.sachsen.de oder praevention@smi.sachsen.de.")
    linked, ex, _ = _analyse(nlp, text)
    lpr = [m for m in linked.mentions if m.actor_id == "state:LPR"]
    assert len(lpr) >= 3  # full name, (LPR), LPR- in a compound
    assert not any(m.actor_id == "state:SMI" for m in linked.mentions)  # an e-mail address is no mention


def test_office_named_by_adjective_links_the_town(nlp):
    linked, ex, _ = _analyse(nlp, "Treffen in Freiberg\n\nDer Freiberger Oberbürgermeister Sven Krüger begrüßte die Gäste.")
    person = next(a for a in ex.actors.values() if a.kind == "person")
    assert person.role == "Oberbürgermeister"
    assert person.affiliation == "admin:14522180"


def test_genitive_and_adjective_forms(nlp):
    gaz = load_gazetteer()
    assert [m.ags for m in gaz.municipalities_named("Bautzens")] == ["14625020"]
    assert gaz.adjective_candidates("Werdauer") == {f"ags:{WERDAU}"}
    assert gaz.adjective_candidates("Zwickauer Land") == {"district:14524"}
    linked, _, doc = _analyse(nlp, "Sitzung\n\nDie Werdauer Stadtverwaltung und die Polizei trafen sich.")
    assert not any(e.text == "Werdauer" for e in doc.ents)  # an adjective is no place name


def test_ambiguous_names_resolved_from_context_or_flagged(nlp):
    linked, _, _ = _analyse(nlp, "Treffen\n\nIn Bernsdorf im Landkreis Bautzen trafen sich die Bürgermeister.")
    bernsdorf = [a for a in linked.actors.values() if a.name.startswith("Bernsdorf") or a.ags in ("14625030", "14524010")]
    assert bernsdorf and bernsdorf[0].ags == "14625030" and bernsdorf[0].basis == "inferred"
    linked, _, _ = _analyse(nlp, "Treffen\n\nDie Koordinatorin aus Bernsdorf war dabei.")
    open_ = [a for a in linked.actors.values() if "Bernsdorf" in a.name]
    assert open_ and open_[0].ags == "" and open_[0].confidence < 0.5 and "ambiguous" in open_[0].note


def test_leipzig_city_and_district(nlp):
    linked, _, _ = _analyse(nlp, "Treffen\n\nDie Stadt Leipzig und der Landkreis Leipzig trafen sich in Borna.")
    ids = set(linked.actors)
    assert "admin:14713000" in ids and "dist:14729" in ids


def test_credit_with_ministry_and_photographer(nlp):
    text = "Treffen in Riesa\n\nDie Gruppe im Saal.\n\n© SMI / Katrin Lange\n\nDie Polizei und die Stadt Riesa trafen sich am 14. Mai 2024."
    gaz = load_gazetteer()
    from akteursnetz.extract import Extractor

    report = Report("c", "c.txt", text, title="Treffen in Riesa", caption="Die Gruppe im Saal.", credit="© SMI / Katrin Lange", date="2024-05-14")
    report.body_start = text.index("Die Polizei")
    doc = nlp(text)
    linked = Linker(gaz).link(report, doc)
    ex = Extractor(gaz).extract(linked, doc)
    roles = {p.actor_id: p.role for p in ex.participation}
    assert roles.get("state:SMI") == "credit"
    assert roles.get("per:katrin-lange") == "credit"


def test_report_without_meeting_yields_no_meeting(nlp):
    text = ("Neue Förderrichtlinie\n\nDas Innenministerium hat eine Richtlinie zur Förderung kommunaler Prävention veröffentlicht. "
            "Anträge können Städte und Gemeinden bis Ende März stellen.")
    _, ex, _ = _analyse(nlp, text)
    assert ex.meeting is None


# ---------------------------------------------------------------- sample corpus
def test_sample_corpus_runs_and_links_police_and_towns(sample_run):
    result, _ = sample_run
    assert result.summary["reports"] >= 12
    assert not result.skipped
    edges = result.tables["edges"]
    assert (edges["kind"] == "police_municipality").sum() > 10
    assert (edges["kind"] == "cross_municipality").sum() > 3
    # every edge between actors rests on evidence (sentences), except the facts of the gazetteer
    linked = edges[~edges["kind"].isin(["located_in"])]
    assert (linked["sentence_ids"].str.len() > 0).all()


@pytest.mark.parametrize(
    "sentence, name, label",
    [
        # the whole registered name before a legal form, also where the model tagged only part or none of it
        ("Gastgeber war der Verein Lichtblick Muldental e. V. in Grimma.", "Lichtblick Muldental e. V.", "ORG"),
        ("Es sprach eine Mitarbeiterin der Kinder- und Familienhilfe Sonnenschein e. V. aus Wurzen.", "Kinder- und Familienhilfe Sonnenschein e. V.", "ORG"),
        # a building word and the building's own name are one place
        ("Die Runde tagte diesmal im Schloss Wolkenburg.", "Schloss Wolkenburg", "LOC"),
    ],
)
def test_names_completed_around_the_model(nlp, sentence, name, label):
    doc = nlp(sentence)
    assert (name, label) in {(e.text, e.label_) for e in doc.ents}, [(e.text, e.label_) for e in doc.ents]


def test_place_after_von_and_no_line_breaks_in_names(nlp):
    doc = nlp("Fachtag an der Hochschule Zittau\n\nDie Gäste begrüßte Bürgermeister Uwe Kranz von Trebsen.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Trebsen", "LOC") in ents, ents
    assert not any("\n" in text for text, _ in ents), ents


def test_a_units_section_is_not_an_actor_beside_the_unit(nlp):
    text = "Treffen in Löbau\n\nAm Treffen nahm POK Jan Ulbrich vom Sachgebiet Prävention der Polizeidirektion Görlitz teil."
    linked, ex, doc = _analyse(nlp, text)
    assert not any(e.text.startswith("Sachgebiet") for e in doc.ents)
    jan = next(a for a in ex.actors.values() if a.kind == "person" and a.name.endswith("Ulbrich"))
    assert jan.affiliation == "pol:PD_Görlitz", jan.affiliation


@pytest.mark.parametrize(
    "sentence",
    [
        # one person's office, not a group of police officers
        "Den Tag eröffnete der Bürgermeister gemeinsam mit dem Oschatzer Revierleiter, Polizeirat Tim Berger.",
        # "der Polizei" stands for the unit named beside it
        "Aus Sicht der Polizei berichtete PHK Ina Roth vom Polizeirevier Oschatz über die Lage und nahm an der Runde teil.",
    ],
)
def test_no_police_collective_beside_a_named_officer_or_unit(nlp, sentence):
    linked, ex, _ = _analyse(nlp, "Vernetzungstreffen in Oschatz\n\nAm 14. Mai 2024 trafen sich Vertreter in Oschatz. " + sentence)
    assert not any(a.startswith("col:police") for a in ex.actors), sorted(ex.actors)
