"""Who took part: the clause-level cues and the hard cases of real reports (issue 4).

Each text is written for the test; each assertion is about a decision a reader of
the network relies on — who is in the meeting, who is only named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_extraction import _analyse


def _roles(ex) -> dict[str, str]:
    return {p.actor_id: p.role for p in ex.participation}


def test_planned_meeting_guests_are_not_participants(nlp):
    text = ("Präventionsrat Kamenz tagte\n\nDer Präventionsrat hat am 4. März 2024 im Rathaus in Kamenz getagt. "
            "Oberbürgermeister Roland Dantz begrüßte die Mitglieder. "
            "Die nächste Sitzung ist für den Herbst geplant, dann auch mit Gästen aus Pulsnitz.")
    _, ex, _ = _analyse(nlp, text)
    roles = _roles(ex)
    assert roles.get("admin:14625250") == "participant"  # the mayor's town, from the meeting place
    assert roles.get("mun:14625450", "mentioned") == "mentioned"  # Pulsnitz comes only next time


def test_mayor_without_town_is_the_mayor_of_the_meeting_place_and_marked_inferred(nlp):
    text = "Sitzung in Kamenz\n\nAm 4. März 2024 trafen sich in Kamenz die Mitglieder. Oberbürgermeister Roland Dantz begrüßte sie."
    _, ex, _ = _analyse(nlp, text)
    mayor = next(a for a in ex.actors.values() if a.kind == "person")
    assert mayor.affiliation == "admin:14625250"
    assert "inferred" in mayor.note
    town = next(p for p in ex.participation if p.actor_id == "admin:14625250")
    assert town.basis == "inferred" and town.confidence < 0.7  # shown as uncertain, not as fact


def test_project_partners_in_a_relative_clause_are_not_participants(nlp):
    text = ("Fachtag in Meißen\n\nAm 2. Mai 2024 fand in Meißen ein Fachtag statt. "
            "Die Bürgermeisterin der Gemeinde Moritzburg, Karin Sachse, stellte ein Projekt vor, "
            "das ihre Gemeinde gemeinsam mit Radeburg und Radebeul betreibt.")
    _, ex, _ = _analyse(nlp, text)
    roles = _roles(ex)
    assert roles.get("admin:14627150") in ("participant", "speaker")  # Moritzburg, through its mayor
    assert roles.get("mun:14627210", "mentioned") == "mentioned"  # Radebeul
    assert roles.get("mun:14627220", "mentioned") == "mentioned"  # Radeburg


def test_police_stations_named_by_their_towns_with_a_relative_clause(nlp):
    text = ("Vereinbarung unterzeichnet\n\nAm 8. November 2023 unterzeichneten Torgau und Oschatz eine Kooperationsvereinbarung "
            "mit der Polizeidirektion Leipzig. Die Leiter der Reviere in Torgau und Oschatz, die ebenfalls an der "
            "Unterzeichnung teilnahmen, sollen sich künftig mit den Ordnungsämtern abstimmen.")
    _, ex, _ = _analyse(nlp, text)
    roles = _roles(ex)
    assert roles.get("pol:PR_Torgau") == "participant" and roles.get("pol:PR_Oschatz") == "participant"
    assert not any(a.startswith("col:municipal") for a in roles)  # the Ordnungsämter are a plan, not a participant


def test_verwaltungsgemeinschaft_named_after_a_member_town_is_not_the_town(nlp):
    text = ("Treffen in Crimmitschau\n\nAm 12. Oktober 2022 kamen in Crimmitschau Koordinatoren zusammen. "
            "Die Hauptamtsleiterin der Verwaltungsgemeinschaft Kirchberg, Doreen Weiß, berichtete über die Arbeit "
            "der Verwaltung: Neben der Stadt Kirchberg gehören drei Gemeinden zum Verbund.")
    _, ex, _ = _analyse(nlp, text)
    vg = next(a for a in ex.actors.values() if a.name.startswith("Verwaltungsgemeinschaft"))
    assert vg.kind == "municipality_admin" and vg.key == "org:Verwaltungsgemeinschaft Kirchberg"
    roles = _roles(ex)
    assert roles.get(vg.actor_id) == "participant"
    assert roles.get("admin:14524130", "mentioned") == "mentioned"  # the town Kirchberg itself is only described


def test_office_before_a_comma_and_office_in_the_next_sentence(nlp):
    text = ("Fachtagung in Dresden\n\nAm 6. November 2024 diskutierten in Dresden Bürgermeister und Polizei. "
            "Der Präsident der Polizeidirektion Görlitz, Manfred Pietsch, warb für mehr Prävention. "
            "Aus der Oberlausitz war Polizeihauptkommissar Olaf Menzel angereist. "
            "Der Sachbearbeiter im Polizeirevier Zittau-Oberland schilderte die Lage.")
    _, ex, _ = _analyse(nlp, text)
    persons = {a.name: a for a in ex.actors.values() if a.kind == "person"}
    assert persons["Manfred Pietsch"].affiliation == "pol:PD_Görlitz"
    assert persons["Olaf Menzel"].affiliation == "pol:PR_Zittau_Oberland"
    assert _roles(ex).get("pol:PR_Zittau_Oberland") == "participant"


def test_town_adjective_before_its_administration(nlp):
    text = "Vernetzungstreffen in Bautzen\n\nAm 20. Februar 2024 trafen sich in Bautzen Präventionsakteure. Die Görlitzer Stadtverwaltung stellte ihr Projekt vor."
    linked, ex, _ = _analyse(nlp, text)
    assert any(m.actor_id == "admin:14626110" for m in linked.mentions)
    assert _roles(ex).get("admin:14626110") == "participant"


def test_common_nouns_are_not_persons_and_missed_surnames_are(nlp):
    text = ("Präventionstag in Plauen\n\nAm 18. April 2024 fand in Plauen ein Präventionstag statt. Großen Andrang gab es am Stand der Polizei. "
            "Auf dem Podium sprach Polizeioberrat Frank Löser. Löser warnte vor falschen Erwartungen.")
    linked, _, doc = _analyse(nlp, text)
    persons = [e.text for e in doc.ents if e.label_ == "PER"]
    assert "Großen Andrang" not in persons
    assert persons.count("Löser") == 1 and "Frank Löser" in persons
    assert {m.actor_id for m in linked.mentions if m.text == "Löser"} == {"per:frank-loeser"}


def test_venue_names_are_places_not_organisations(nlp):
    text = "Fachtagung\n\nAm 6. November 2024 kamen 200 Gäste im Internationalen Congress Center Dresden zusammen."
    _, ex, doc = _analyse(nlp, text)
    venue = [e for e in doc.ents if "Congress" in e.text]
    assert venue and venue[0].label_ == "LOC"
    assert ex.meeting is not None and "Congress Center" in ex.meeting.venue


def test_english_date_line_is_the_report_date_not_a_person(tmp_path: Path):
    from akteursnetz.ingest import parse_report_text

    parts = parse_report_text("May 14, 2024\n\nRiesaer Präventionsrat berät\n\nIm Ratssaal.\n© Stadt Riesa\n\nDer Rat tagte.")
    assert parts.date == "2024-05-14" and parts.date_basis == "dateline"
    assert parts.title == "Riesaer Präventionsrat berät"


def test_short_names_of_towns_with_a_qualifier_stay_ambiguous():
    from akteursnetz.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    # "Neustadt in Sachsen" and "Neustadt/Vogtl." are both "Neustadt" in running text: left to context
    assert gaz.place_candidates("Neustadt") == {"ags:14628260", "ags:14523290"}
    assert gaz.place_candidates("Neustadt in Sachsen") == {"ags:14628260"}


def test_surname_that_is_also_a_given_name(nlp):
    # "Claudia Martin" and "Martin Körner" in one report: two persons; "Martin" alone is the moderator
    text = ("Vernetzungstreffen in Freital\n\nAm 18. Oktober 2023 trafen sich in Freital Koordinatorinnen und Polizeibeamte. "
            "Martin Körner vom Präventionszentrum Dresden hielt den Vortrag. Moderatorin Claudia Martin leitete die Runde. "
            "Martin fasste am Ende die Ergebnisse zusammen.")
    linked, ex, doc = _analyse(nlp, text)
    persons = {a.name for a in ex.actors.values() if a.kind == "person"}
    assert {"Martin Körner", "Claudia Martin"} <= persons
    assert not any(p in persons for p in ("Martin", "Körner Moderatorin"))
    alone = [m for m in linked.mentions if m.text == "Martin"]
    assert alone and {m.actor_id for m in alone} == {"per:claudia-martin"}
    roles = _roles(ex)
    assert roles.get("per:claudia-martin") == "moderator"


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("Am 6. November 2024 kamen 200 Gäste zur Fachtagung in den Plenarsaal im Internationalen Congress Center Dresden.",
         "Congress Center Dresden"),
        ("Der Präventionstag fand am 18. April 2024 auf dem Altmarkt statt.", "Altmarkt"),
        ("Am 26. April 2023 kamen hundert Gäste zur Fachtagung ins Konzert- und Ballhaus „Neue Welt“.", "Neue Welt"),
        ("Die Fachtagung fand am 27. September 2023 in der Alten Handelsbörse statt.", "Alte Handelsbörse"),
    ],
)
def test_venue_is_the_building_named(nlp, sentence, venue):
    _, ex, _ = _analyse(nlp, "Bericht\n\n" + sentence)
    assert ex.meeting is not None and venue in ex.meeting.venue


def test_meeting_date_from_a_weekday_counted_back_from_the_report_date(nlp):
    from akteursnetz.extract import Extractor
    from akteursnetz.gazetteer import load_gazetteer
    from akteursnetz.link import Linker
    from akteursnetz.records import Report

    gaz = load_gazetteer()
    for body, expected in [
        ("Am vergangenen Samstag kamen in Herrnhut rund 60 Gäste zu einem Fachtag zusammen.", "2024-03-02"),
        ("Am Dienstag unterzeichneten die Stadt Kamenz und die Polizeidirektion Görlitz eine Kooperationsvereinbarung.", "2024-03-05"),
        ("Am 1. März 2024 trafen sich in Kamenz die Mitglieder des Präventionsrates.", "2024-03-01"),
    ]:
        text = "Bericht\n\n" + body
        report = Report("w", "w.txt", text, title="Bericht", date="2024-03-05", date_basis="dateline", body_start=len("Bericht\n\n"))
        doc = nlp(text)
        ex = Extractor(gaz).extract(Linker(gaz).link(report, doc), doc)
        assert ex.meeting is not None and ex.meeting.date == expected, body
