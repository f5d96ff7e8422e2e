"""What published reports have that the team's own sample had not: each case on a text of our own.

Event kinds beyond the five, announced events, routines, officers' affiliations,
towns that take part as a list or a group, generic words for one named unit.
"""

from __future__ import annotations

from akteursnetz.gazetteer import load_gazetteer
from akteursnetz.link import Linker
from akteursnetz.records import ANNOUNCED_CONFIDENCE, Report


def _extract(nlp, text: str, date: str = "2024-05-14", report_id: str = "t"):
    return _extract_with_mentions(nlp, text, date, report_id)[0]


def _extract_with_mentions(nlp, text: str, date: str = "2024-05-14", report_id: str = "t"):
    """The extraction, and each mention's text -> its actor (the first mention of a text)."""
    from akteursnetz.extract import Extractor

    gaz = load_gazetteer()
    report = Report(report_id=report_id, source=f"{report_id}.txt", text=text, title=text.split("\n")[0], date=date, body_start=0)
    doc = nlp(text)
    linked = Linker(gaz).link(report, doc)
    extraction = Extractor(gaz).extract(linked, doc)
    actor_of: dict = {}
    for m in linked.mentions:
        actor_of.setdefault(m.text, extraction.actors.get(m.actor_id))
    return extraction, actor_of


def _participants(extraction) -> dict[str, str]:
    return {p.actor_id: p.role for p in extraction.participation if p.role not in ("mentioned", "credit")}


def test_founding_of_a_council_is_a_meeting_of_its_own_type(nlp):
    text = (
        "Neuer Rat für mehr Sicherheit in Limbach-Oberfrohna gegründet\n\n"
        "Am Mittwoch wurde im Rathaus der Kommunale Präventionsrat ins Leben gerufen. "
        "Oberbürgermeister Gerd Fiedler leitete die konstituierende Sitzung."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.type == "KPR-Gründung"


def test_opening_named_in_the_title_is_a_meeting(nlp):
    text = (
        "Gemeinsame Wache von Stadt und Polizei in Bautzen eröffnet\n\n"
        "Die neue Anlaufstelle am Kornmarkt ist ab sofort montags bis freitags besetzt. "
        "Oberbürgermeister Karsten Vogt und der Leiter des Polizeireviers Bautzen, Jens Richter, schnitten das Band durch."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.status == "held"


def test_citizens_forum_and_working_group_and_visit_types(nlp):
    cases = {
        "Bürgerforum zur Sicherheit im Stadtteil\n\nAm Montag sprachen Anwohner mit Vertretern der Stadt Riesa.": "Sicherheitsgespräch",
        "AG Jugend tagt in Freiberg\n\nDie Arbeitsgruppe Jugend des Präventionsrates traf sich am Dienstag im Rathaus.": "Arbeitsgruppensitzung",
        "Antrittsbesuch in Flöha\n\nDer neue Revierleiter besuchte am Freitag den Bürgermeister von Flöha.": "Besuch",
    }
    for text, expected in cases.items():
        meeting = _extract(nlp, text).meeting
        assert meeting is not None and meeting.type == expected, text


def test_announced_event_is_a_meeting_with_uncertain_participation(nlp):
    text = (
        "Einladung zum Sicherheitsforum in Oschatz\n\n"
        "Die Stadt Oschatz lädt für Donnerstag, 20. Juni 2024, zum ersten Sicherheitsforum in die Stadthalle ein. "
        "Nach der Begrüßung durch Oberbürgermeister David Schmidt wird das Polizeirevier Oschatz die Lage vorstellen."
    )
    extraction = _extract(nlp, text, date="2024-06-03")
    meeting = extraction.meeting
    assert meeting is not None and meeting.status == "announced" and meeting.date == "2024-06-20"
    assert extraction.participation and all(p.confidence <= ANNOUNCED_CONFIDENCE for p in extraction.participation)


def test_a_routine_is_no_event(nlp):
    text = (
        "Neuer Bürgerpolizist für Torgau\n\n"
        "Ab dem 1. März ist Polizeimeister Jan Vogel als Bürgerpolizist für die Stadt zuständig. "
        "Die Sprechstunde findet an jedem ersten Mittwoch im Monat im Rathaus statt."
    )
    assert _extract(nlp, text).meeting is None


def test_a_police_officer_is_never_affiliated_with_a_town(nlp):
    text = (
        "Kooperationsvereinbarung in Zittau unterzeichnet\n\n"
        "Polizeipräsident Manfred Beispiel unterschrieb im Beisein von Zittaus Oberbürgermeister Thomas Muster "
        "am Montag die Kooperationsvereinbarung."
    )
    extraction = _extract(nlp, text)
    officer = next(a for a in extraction.actors.values() if a.kind == "person" and a.name.endswith("Beispiel"))
    affiliation = extraction.actors.get(officer.affiliation)
    assert affiliation is None or affiliation.kind == "police"


def test_towns_listed_after_a_group_noun_all_take_part(nlp):
    text = (
        "Vernetzungstreffen im Erzgebirge\n\n"
        "Am Dienstag trafen sich im Rathaus Schneeberg die Bürgermeister der Kommunen Lößnitz, Schneeberg und Zschorlau "
        "mit dem Polizeirevier Aue."
    )
    extraction = _extract(nlp, text)
    towns = {a.ags for aid, a in extraction.actors.items() if aid in _participants(extraction) and a.kind == "municipality"}
    assert {"14521370", "14521530", "14521700"} <= towns  # Lößnitz, Schneeberg, Zschorlau


def test_programme_members_listed_are_not_participants(nlp):
    text = (
        "Sicherheitsanalyse vorgestellt\n\n"
        "Am Montag stellte Bürgermeister Jan Muster im Rathaus Schkeuditz die Ergebnisse vor. "
        "Insgesamt beteiligen sich die Kommunen Colditz, Plauen und Zwickau an dem Projekt."
    )
    extraction = _extract(nlp, text)
    taking_part = {extraction.actors[a].ags for a in _participants(extraction) if extraction.actors[a].kind == "municipality"}
    assert not {"14729080", "14523320", "14524330"} & taking_part


def test_a_verwaltungsverband_takes_part_through_its_members(nlp):
    text = (
        "Kooperationsvereinbarung unterzeichnet\n\n"
        "Am Mittwoch unterzeichnete der Verwaltungsverband Wildenstein die Vereinbarung mit dem Polizeirevier Marienberg."
    )
    extraction = _extract(nlp, text)
    taking_part = {extraction.actors[a].ags for a in _participants(extraction) if a.startswith("mun:")}
    members = {m.ags for m in load_gazetteer().municipalities.values() if m.vg == "Wildenstein"}
    assert members and members <= taking_part


def test_long_official_names_are_one_organisation(nlp):
    text = (
        "Fachtag in Dresden\n\n"
        "Am Montag trafen sich Vertreter des Sächsischen Staatsministeriums für Soziales und Gesellschaftlichen Zusammenhalt "
        "und des Landesamtes für Verfassungsschutz Sachsen im Rathaus Dresden."
    )
    doc = nlp(text)
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert "Sächsischen Staatsministeriums für Soziales und Gesellschaftlichen Zusammenhalt" in orgs
    assert "Landesamtes für Verfassungsschutz Sachsen" in orgs
    extraction = _extract(nlp, text)
    assert "state:SMS" in {a.key for a in extraction.actors.values()}


def test_the_alliance_is_named_but_never_a_participant(nlp):
    text = (
        "Kooperationsvereinbarung in Oschatz unterzeichnet\n\n"
        "Am Montag unterzeichneten Oberbürgermeister David Muster und das Polizeirevier Oschatz im Rahmen der "
        "Allianz Sichere Sächsische Kommunen (ASSKomm) die Kooperationsvereinbarung."
    )
    extraction = _extract(nlp, text)
    alliance = [a for a in extraction.actors.values() if a.name == "Allianz Sichere Sächsische Kommunen"]
    assert alliance, "the alliance is tagged as an organisation"
    assert alliance[0].actor_id not in _participants(extraction)


def test_a_generic_council_word_is_the_council_the_report_names(nlp):
    text = (
        "Kommunaler Präventionsrat Riesa tagt\n\n"
        "Am Dienstag trafen sich die Mitglieder des Kommunalen Präventionsrates Riesa im Rathaus. "
        "Der KPR beriet über die Sicherheit am Bahnhof."
    )
    extraction = _extract(nlp, text)
    taking_part = _participants(extraction)
    assert not any(extraction.actors[a].name in ("KPR", "Kommunaler Präventionsrat") for a in taking_part)


def test_an_organisation_and_its_abbreviation_are_one_actor(nlp):
    text = (
        "Fachtag in Meißen\n\n"
        "Am Montag stellte die Sächsische Aufbaubank (SAB) im Rathaus Meißen ihr Förderprogramm vor. "
        "Die SAB berät auch die Kommunen des Landkreises."
    )
    gaz = load_gazetteer()
    report = Report(report_id="t", source="t.txt", text=text, title=text.split("\n")[0], date="2024-05-14", body_start=0)
    linked = Linker(gaz).link(report, nlp(text))
    ids = {m.actor_id for m in linked.mentions if m.text in ("SAB", "Sächsische Aufbaubank")}
    assert len(ids) == 1 and next(iter(ids)).startswith("org:")


def test_type_refinements_and_weak_council_names(nlp):
    cases = {
        # the council's name in the title, its founding in the text: the founding wins
        "Präventionsrat in Wilsdruff hat sich konstituiert\n\n"
        "Zur Auftaktsitzung kamen am Montag zwanzig Mitglieder im Rathaus zusammen.": "KPR-Gründung",
        # joining the alliance, with the signing described: a signing
        "Hartha tritt der Sicherheitsallianz bei\n\n"
        "Am Dienstag unterzeichneten Bürgermeister Ronald Kunze und der Polizeipräsident die Vereinbarung im Rathaus.":
            "Unterzeichnung einer Kooperationsvereinbarung",
        # joining without a signing: joining
        "Hartha wird Mitglied der Sicherheitsallianz\n\n"
        "Der Stadtrat stimmte am Dienstag im Rathaus dem Beitritt zu.": "Beitritt",
        # the council organises an action day: the action day is the event
        "Beratung auf dem Marktplatz\n\n"
        "Der Kommunale Präventionsrat Oschatz lud am Samstag zum Aktionstag auf dem Neumarkt ein.": "Präventionstag",
        # a council's session stays a session
        "Beratung im Rathaus\n\n"
        "Der Präventionsrat der Stadt Oschatz tagte am Mittwoch zum Thema Jugendschutz.": "KPR-Sitzung",
        "Treffen der Spitzen in Meerane\n\n"
        "Zum Gipfeltreffen kamen am Montag der Bürgermeister und der Polizeipräsident im Rathaus zusammen.": "Sicherheitsgespräch",
    }
    for text, expected in cases.items():
        meeting = _extract(nlp, text).meeting
        assert meeting is not None and meeting.type == expected, (text, meeting and meeting.type)


def test_region_is_the_district_and_the_programme_region_apart(nlp):
    text = (
        "Vernetzungstreffen Westsachsen in Crimmitschau\n\n"
        "Am Mittwoch trafen sich die Koordinatorinnen der Region Westsachsen zum Vernetzungstreffen in Crimmitschau."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.municipality == "Crimmitschau"
    assert meeting.region == "Landkreis Zwickau" and meeting.programme_region == "Westsachsen"


def test_a_dated_verb_of_meeting_at_the_top_is_a_meeting(nlp):
    text = (
        "Hundertste Kommune im Programm\n\n"
        "Am 18. Januar 2021 wurde die Gemeinde Ebersbach im Landkreis Görlitz vom Landespräventionsrat beraten. "
        "Die Bürgermeisterin zeigte sich zufrieden."
    )
    meeting = _extract(nlp, text, date="2021-01-19").meeting
    assert meeting is not None and meeting.date == "2021-01-18"


def test_an_office_names_its_body_and_the_body_takes_part(nlp):
    text = (
        "Fachtag Prävention in Riesa\n\n"
        "Am Montag trafen sich in Riesa Vertreter der Kommunen zum Fachtag. "
        "Innenminister Armin Schuster sprach über die Landesstrategie."
    )
    extraction = _extract(nlp, text)
    schuster = next(a for a in extraction.actors.values() if a.name == "Armin Schuster")
    assert schuster.affiliation == "state:SMI"
    assert "state:SMI" in _participants(extraction)
    other = _extract(nlp, text.replace("Innenminister Armin", "Bayerns Innenminister Armin"))
    assert "state:SMI" not in _participants(other)


def test_an_organisation_that_runs_the_action_day_takes_part_a_routine_does_not(nlp):
    text = (
        "Beratung auf dem Marktplatz in Oschatz\n\n"
        "Am Samstag fand auf dem Neumarkt in Oschatz ein Aktionstag zum Einbruchschutz statt. "
        "Der Verein Sicheres Wohnen Oschatz e. V. bietet dort Beratungen zu Türschlössern an."
    )
    roles = _participants(_extract(nlp, text, date="2024-05-20"))
    assert any(k.startswith("org:") for k in roles), roles
    routine = text.replace("bietet dort Beratungen", "bietet jeden Dienstag Beratungen")
    assert not any(k.startswith("org:") for k in _participants(_extract(nlp, routine, date="2024-05-20")))


def test_members_of_a_verwaltungsverband_take_part_through_a_person_of_it(nlp):
    text = (
        "Vernetzungstreffen in Plauen\n\n"
        "Am 4. Mai fand das Vernetzungstreffen im Stadtmuseum Plauen statt. "
        "Am Nachmittag stellte Kristina Berger aus dem Verwaltungsverband Wildenstein ein Projekt vor."
    )
    roles = _participants(_extract(nlp, text))
    gaz = load_gazetteer()
    members = {f"mun:{m.ags}" for m in gaz.municipalities.values() if m.vg == "Wildenstein"}
    assert len(members) >= 2 and members <= set(roles), roles


def test_council_words_followed_by_a_town_are_that_towns_council(nlp):
    text = (
        "Vernetzungstreffen in Zwickau\n\n"
        "Am Mittwoch fand das Vernetzungstreffen im Rathaus Zwickau statt. "
        "Im Anschluss erläuterte der Koordinator des Kommunalen Präventionsrates (KPR) in Werdau, Tom Sieber, die Graffiti-Strategie. "
        "Den Fachvortrag hielt Dr. Maria Lenz der Aktion Zivilcourage e. V. aus Pirna."
    )
    extraction = _extract(nlp, text)
    sieber = next(a for a in extraction.actors.values() if a.name == "Tom Sieber")
    council = extraction.actors[sieber.affiliation]
    assert council.name == "Kommunaler Präventionsrat Werdau"
    werdau = next(k for k in load_gazetteer().place_candidates("Werdau") if k.startswith("ags:"))[4:]
    assert f"mun:{werdau}" in _participants(extraction)
    lenz = next(a for a in extraction.actors.values() if a.name == "Maria Lenz")
    assert extraction.actors[lenz.affiliation].name == "Aktion Zivilcourage e. V."


def test_event_date_not_the_pages_stamp_and_the_first_day_of_a_range(nlp):
    stamped = (
        "Sicherheitsgespräch in Torgau\n\n"
        "Stand: 10.09.2019, 09:40 Uhr. "
        "Die Oberbürgermeisterin und der Polizeipräsident trafen sich am 5. September 2019 im Rathaus Torgau."
    )
    assert _extract(nlp, stamped, date="2019-09-10").meeting.date == "2019-09-05"
    ranged = (
        "Stadtfest mit Präventionstag in Plauen\n\n"
        "Vom 8. bis 10. September fand in Plauen der Präventionstag zum Stadtfest statt."
    )
    assert _extract(nlp, ranged, date="2023-09-12").meeting.date == "2023-09-08"
    yesterday = "Bürgerforum in Riesa\n\nGestern trafen sich Anwohner und Polizei zum Bürgerforum im Rathaus Riesa."
    assert _extract(nlp, yesterday, date="2024-05-14").meeting.date == "2024-05-13"


def test_office_words_bylines_and_spokespersons(nlp):
    text = (
        "Neue Anlaufstelle in Riesa eröffnet\n\n"
        "Von Sabine Krause\n\n"
        "Am Montag eröffneten Oberbürgermeister Marco Müller und Bürgerpolizist Isert die Anlaufstelle im Rathaus Riesa. "
        "„Das ist ein gutes Zeichen“, sagte Polizeisprecher Tom Berger am Dienstag."
    )
    extraction = _extract(nlp, text, date="2024-05-14")
    names = {a.name for a in extraction.actors.values() if a.kind == "person"}
    assert "Isert" in names and "Bürgerpolizist Isert" not in names
    roles = _participants(extraction)
    assert "per:isert" in roles and any(k.startswith("per:marco-m") for k in roles), roles
    assert not any("krause" in k or "berger" in k for k in roles), roles


def test_a_meeting_without_a_named_place_is_in_the_one_town_that_takes_part(nlp):
    text = (
        "Neue Präventionskommune\n\n"
        "Am 17. Februar unterzeichnete Bürgermeister Ronald Kunze für die Stadt Hartha die Kooperationsvereinbarung "
        "mit der Polizeidirektion Chemnitz. Die Nachbarstadt Döbeln ist schon seit 2019 Mitglied der Allianz."
    )
    meeting = _extract(nlp, text, date="2024-02-20").meeting
    assert meeting is not None and meeting.municipality == "Hartha" and meeting.region == "Landkreis Mittelsachsen"


def test_a_talk_of_town_and_police_without_a_type_word_is_a_security_talk(nlp):
    text = (
        "Stadt Torgau und Polizei: Gemeinsam für mehr Sicherheit\n\n"
        "Am 5. September trafen sich die Oberbürgermeisterin der Stadt Torgau, Romina Barth, und der Leiter des "
        "Polizeireviers Torgau im Rathaus."
    )
    assert _extract(nlp, text, date="2019-09-06").meeting.type == "Sicherheitsgespräch"
    workshop = text.replace("trafen sich", "trafen sich zum Workshop")
    assert _extract(nlp, workshop, date="2019-09-06").meeting.type == "other"


def test_bracketed_body_wins_over_the_meeting_place_and_parties_are_no_body(nlp):
    text = (
        "Fachtag Prävention in Dresden\n\n"
        "Am Mittwoch fand im Rathaus Dresden der Fachtag statt. "
        "Landrätin Dr. Carola Weiß (Landkreis Mittelsachsen) forderte mehr Geld. "
        "Landrat Peter Kunz sprach zum Abschluss. "
        "Innenminister Armin Schuster (CDU) dankte allen. Am Stand der Kirchgemeinde konnten Kinder Buttons pressen."
    )
    extraction = _extract(nlp, text)
    person = {a.name: a for a in extraction.actors.values() if a.kind == "person"}
    assert person["Carola Weiß"].affiliation == "lra:14522"  # Landratsamt Mittelsachsen, not Dresden's
    assert not person["Peter Kunz"].affiliation.startswith("lra:14612")  # Dresden is a city: no Landratsamt
    assert person["Armin Schuster"].affiliation == "state:SMI"  # the office's body, not the party
    assert "Buttons" not in person


def test_a_schools_street_name_is_not_the_venue(nlp):
    text = (
        "Präventionstag auf dem Altmarkt\n\n"
        "Am Samstag fand mit Schülerinnen der Oberschule am Stadtpark der Präventionstag auf dem Altmarkt in Plauen statt."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting.venue == "Altmarkt", meeting.venue


def test_council_abbreviation_and_police_college_names(nlp):
    from akteursnetz.link import canonical_org_name

    assert canonical_org_name("Kommunaler Präventionsrat der Stadt Plauen") == "Kommunaler Präventionsrat Plauen"
    text = "Besuch in Rothenburg\n\nAm Montag besuchten Studierende der Polizeihochschule Sachsen das Rathaus Rothenburg/O.L."
    extraction = _extract(nlp, text)
    assert "pol:HSPOL" in extraction.actors


def test_greetings_make_a_speaker_an_absent_greeter_does_not_take_part_and_the_visited_host(nlp):
    text = (
        "Antrittsbesuch in Flöha\n\n"
        "Am 23. Januar war der neue Revierleiter Ulrich Scherzer bei Oberbürgermeister Volker Holuscha in der Stadtverwaltung Flöha zu Gast. "
        "Grußworte sprach Landrat Dirk Neubauer. "
        "Die Referatsleiterin Dr. Ulrike Sander, die kurzfristig verhindert war, hatte ein Grußwort geschickt."
    )
    roles = _participants(_extract(nlp, text, date="2024-01-24"))
    assert roles.get("per:dirk-neubauer") == "speaker", roles
    assert "per:ulrike-sander" not in roles
    assert roles.get("admin:14522140") == "host", roles


def test_a_signature_campaign_is_no_action_day(nlp):
    text = (
        "Mehr Polizei für Wurzen\n\n"
        "Nach einer Unterschriftenaktion trafen sich am Montag der Oberbürgermeister und der Leiter des Polizeireviers "
        "Grimma zum Gipfeltreffen im Rathaus Wurzen."
    )
    assert _extract(nlp, text, date="2018-04-24").meeting.type == "Sicherheitsgespräch"


def test_an_event_word_and_a_colon_before_who_was_there_is_a_meeting(nlp):
    text = (
        "Polizei jetzt im Rathaus\n\n"
        "Die Polizei zeigt nun im Stadtzentrum von Bad Schandau Präsenz. "
        "Feierliche Eröffnung: Bürgermeister Thomas Kunack und Revierleiter Uwe Lottermoser im Rathaus."
    )
    assert _extract(nlp, text, date="2019-05-10").meeting is not None


# --------------------------------------------------------------- prevention councils and police sections
def test_a_council_is_one_organisation_named_as_its_town_writes_it(nlp):
    text = (
        "Präventionsrat tagt in Riesa\n\n"
        "Am Dienstag kam der Kriminalpräventive Rat der Stadt Riesa im Rathaus zusammen. "
        "Der Rat will sich künftig zweimal im Jahr treffen, sagte die Koordinatorin des KPR, Anna Muster."
    )
    extraction, actor_of = _extract_with_mentions(nlp, text)
    named = actor_of.get("Kriminalpräventive Rat der Stadt Riesa")
    assert named is not None and named.name == "Kriminalpräventiver Rat Riesa" and named.ags == "14627230"
    assert actor_of.get("KPR") is named  # the generic short name stands for the one council named
    assert _participants(extraction).get(named.actor_id) == "host"


def test_the_generic_council_of_a_one_town_report_is_that_towns(nlp):
    text = (
        "Neues Gremium für Sicherheit\n\n"
        "In Freital wurde am Montag ein Kommunaler Präventionsrat gegründet. "
        "Der Präventionsrat soll Vorschläge für mehr Sicherheit erarbeiten."
    )
    _, actor_of = _extract_with_mentions(nlp, text)
    council = actor_of.get("Kommunaler Präventionsrat")
    assert council is not None and council.name == "Kommunaler Präventionsrat Freital"
    assert actor_of.get("Präventionsrat") is council  # the fullest name, one actor


def test_a_council_and_its_short_form_in_brackets_are_two_mentions_unless_a_town_follows(nlp):
    doc = nlp("Die Mitglieder des Kommunalen Präventionsrates (KPR) berieten. Der Kommunale Präventionsrat (KPR) Flöha tagte.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert orgs[:2] == ["Kommunalen Präventionsrates", "KPR"]
    assert "Kommunale Präventionsrat (KPR) Flöha" in orgs


def test_a_council_named_by_its_towns_adjective_is_that_towns(nlp):
    _, actor_of = _extract_with_mentions(nlp, "Sitzung in Zittau\n\nDer Zittauer Präventionsrat tagte am Montag im Rathaus.")
    council = actor_of.get("Zittauer Präventionsrat")
    assert council is not None and council.name == "Präventionsrat Zittau" and council.ags == "14626610"


def test_a_police_section_named_with_its_directorate_is_the_directorate(nlp):
    text = (
        "Präventionsmobil in Werdau\n\n"
        "Am Samstag informierte der Fachdienst Prävention der Polizeidirektion Zwickau auf dem Markt in Werdau. "
        "Die Beamten des Fachdienstes Prävention gaben Tipps gegen Trickbetrug."
    )
    _, actor_of = _extract_with_mentions(nlp, text)
    assert actor_of["Fachdienst Prävention der Polizeidirektion Zwickau"].actor_id == "pol:PD_Zwickau"
    assert actor_of["Fachdienstes Prävention"].actor_id == "pol:PD_Zwickau"


def test_a_given_name_read_into_an_organisation_is_the_person_after_it(nlp):
    doc = nlp("Auch der Chef des Verwaltungsverbandes Mirko Beispielmann sprach zu den Gästen.")
    assert ("Mirko Beispielmann", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_a_verwaltungsverband_named_in_the_genitive_takes_part_through_its_members(nlp):
    text = (
        "Sprechstunde im Verbandssitz\n\n"
        "Am Freitag unterzeichneten der Vorsitzende des Verwaltungsverbandes am Klosterwasser und der Leiter des "
        "Polizeireviers Kamenz im Sitz des Verbandes eine Kooperationsvereinbarung."
    )
    extraction = _extract(nlp, text)
    taking_part = {extraction.actors[a].ags for a in _participants(extraction) if a.startswith("mun:")}
    members = {m.ags for m in load_gazetteer().municipalities.values() if m.vg and m.vg.casefold() == "am klosterwasser"}
    assert members and members <= taking_part


def test_police_and_town_agreeing_is_a_meeting_without_an_event_word(nlp):
    text = (
        "Mehr Sicherheit für Torgau\n\n"
        "Darauf haben sich der Leiter der Polizeidirektion Leipzig, Torsten Beispiel, und die Oberbürgermeisterin "
        "der Stadt Torgau, Anna Muster, geeinigt."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.type == "Sicherheitsgespräch" and meeting.ags == "14730310"


def test_the_police_named_in_a_list_of_bodies_take_part(nlp):
    text = (
        "Sicherheitskonferenz in Pirna\n\n"
        "Am Montag berieten in Pirna Vertreter aus Justiz, Polizei, Schulen und Vereinen über die Lage im Stadtteil."
    )
    extraction = _extract(nlp, text)
    assert "police:*" in {extraction.actors[aid].key for aid in _participants(extraction)}


def test_the_town_of_a_signing_takes_part_even_named_only_as_the_place(nlp):
    text = (
        "Vereinbarung unterzeichnet\n\n"
        "In Oschatz wurde am Montag die Kooperationsvereinbarung der Allianz Sichere Sächsische Kommunen unterzeichnet. "
        "Es unterschrieben der Innenminister und der Polizeipräsident."
    )
    extraction = _extract(nlp, text)
    assert extraction.meeting is not None and extraction.meeting.ags == "14730230"
    assert "mun:14730230" in _participants(extraction)


def test_a_town_adjective_of_two_words_names_the_meeting_place(nlp):
    text = (
        "Polizei jetzt im Bad Schandauer Rathaus\n\n"
        "Feierliche Eröffnung: Bürgermeister Tom Muster und Revierleiter Jan Beispiel übergaben die Schlüssel."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.ags == "14628030"


def test_publication_stamps_are_never_the_event_date(nlp):
    text = (
        "Gespräch im Rathaus\n\n10.09.2019 | 14:31 Uhr\n\n"
        "Bezug: Medieninformation Nr. 505 vom 27. August 2019\n\n"
        "Am Montag trafen sich Oberbürgermeister Jan Muster und Revierleiter Tom Beispiel im Rathaus Meißen."
    )
    meeting = _extract(nlp, text, date="2019-09-10").meeting
    assert meeting is not None and meeting.date != "2019-08-27"


def test_a_former_police_directorate_is_a_police_actor(nlp):
    text = "Fachtag in Zwickau\n\nAm Dienstag trafen sich Bürgermeister und die Polizeidirektion Südwestsachsen in Zwickau."
    extraction = _extract(nlp, text)
    assert any(a.name == "Polizeidirektion Südwestsachsen" and a.kind == "police" for a in extraction.actors.values())


def test_an_officer_and_a_mayor_informing_together_is_a_meeting(nlp):
    text = (
        "Sicherheit für Senioren in Freiberg\n\n"
        "Im Rathaus informierte Ordnungsbürgermeister Jan Muster am Dienstag gemeinsam mit Präventionspolizistin "
        "Anna Beispiel über den Enkeltrick."
    )
    assert _extract(nlp, text).meeting is not None


def test_an_event_spoken_of_as_over_is_a_meeting():
    from akteursnetz.extract.meeting import _is_event_sentence

    assert _is_event_sentence("Das sagte der Minister am Montagabend nach einem Besuch in der Stadt.", strict=True)
    assert not _is_event_sentence("Das sagte der Minister am Montagabend in der Stadt.", strict=True)
    assert not _is_event_sentence("Zwei Jahre nach seiner Gründung zog der Rat Bilanz.", strict=True)


def test_an_event_held_in_two_towns_has_both_as_hosts(nlp):
    text = (
        "Sicherheitsanalysen gestartet\n\n"
        "Im März fanden die Auftaktveranstaltungen der Sicherheitsanalysen in Flöha und Oederan statt. "
        "Die Bürgermeister stellten das Vorhaben vor."
    )
    extraction = _extract(nlp, text)
    taking_part = {extraction.actors[a].ags for a in _participants(extraction) if a.startswith("mun:")}
    assert {"14522140", "14522440"} <= taking_part  # Flöha, Oederan


def test_the_event_reported_is_dated_before_what_comes_next(nlp):
    text = (
        "Präventionstour in Plauen\n\n"
        "Am Donnerstag informierten Beamte des Polizeireviers Plauen auf dem Altmarkt über Trickbetrug; "
        "am 15. August folgt die nächste Station der Tour in Reichenbach."
    )
    meeting = _extract(nlp, text, date="2023-08-07").meeting
    assert meeting is not None and meeting.date == "2023-08-03" and meeting.status == "held"


def test_bodies_joining_into_a_prevention_network_is_a_founding(nlp):
    text = (
        "Prävention ist Chefsache\n\n"
        "Stadt, Polizei und Vereine haben sich am Montag in Sebnitz zum Präventionsnetzwerk Sebnitz zusammengeschlossen."
    )
    meeting = _extract(nlp, text).meeting
    assert meeting is not None and meeting.type == "KPR-Gründung"


def test_a_present_passive_does_not_announce_the_event():
    from akteursnetz.extract.lexicon import ANNOUNCED, PASSIVE

    held = "Der Bürgermeister informierte, welche Maßnahmen getroffen werden."
    assert ANNOUNCED.search(held) and not ANNOUNCED.search(PASSIVE.sub(" ", held))
    assert ANNOUNCED.search(PASSIVE.sub(" ", "Der Präventionsrat wird am Montag erstmals tagen."))


def test_a_towns_prevention_network_and_citizens_council_are_organisations(nlp):
    doc = nlp("Das Präventionsnetzwerk Sebnitz und der Bürgerbeirat Sicherheit trafen sich im Rathaus.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    assert {"Präventionsnetzwerk Sebnitz", "Bürgerbeirat Sicherheit"} <= orgs


def test_a_towns_qualifier_spelt_out_is_the_same_town(nlp):
    gaz = load_gazetteer()
    assert gaz.place_candidates("Oelsnitz/Erzgebirge") == {"ags:14521450"}
    assert gaz.place_candidates("Rothenburg/OL") == {"ags:14626480"}
    doc = nlp("Die Stadt Oelsnitz/Erzgebirge lädt ein.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Stadt Oelsnitz/Erzgebirge", "admin:14521450")]


def test_a_directorate_or_station_named_short_is_the_police_unit(nlp):
    text = (
        "Polizei tourt durch Leipzig\n\n"
        "Am Montag informierten Beamte der Direktion Chemnitz und des Reviers Zentrum in Leipzig über Trickbetrug."
    )
    _, actor_of = _extract_with_mentions(nlp, text)
    assert actor_of["Direktion Chemnitz"].actor_id == "pol:PD_Chemnitz"
    assert actor_of["Reviers Zentrum"].actor_id == "pol:PR_Leipzig_Zentrum"


def test_a_town_adjective_gives_context_to_ambiguous_names(nlp):
    gaz = load_gazetteer()
    doc = nlp("Die Werdauer Polizei lädt ein.")
    assert "ags:14524300" in Linker(gaz)._place_context(doc)  # Werdau


def test_parties_parliaments_and_press_are_organisations_under_their_full_names(nlp):
    text = (
        "Sicherheitsforum in Leipzig\n\n"
        "Am Montag berieten im Rathaus Vertreter der Partei Die Linke und Abgeordnete des Sächsischen Landtages, "
        "wie die Sächsische Zeitung berichtete."
    )
    names = {a.name for a in _extract(nlp, text).actors.values()}
    assert {"Die Linke", "Sächsischer Landtag", "Sächsische Zeitung"} <= names


def test_a_visit_told_in_the_reporting_clause_after_a_quotation_is_a_meeting(nlp):
    # the speaker's "wollen" inside the quotation does not make the report's frame a plan
    text = (
        "Mehr Polizisten für Oschatz\n\n"
        '"Die Leute wollen mehr Streifen sehen", sagte Innenministerin Petra Lorenz am Dienstagabend '
        "nach einem Besuch in Oschatz."
    )
    extraction = _extract(nlp, text, date="2024-05-15")
    assert extraction.meeting is not None and extraction.meeting.type == "Besuch"
    assert extraction.meeting.date == "2024-05-14"


def test_an_event_on_the_reports_own_day_without_a_verb_of_meeting_is_a_meeting(nlp):
    text = (
        "Beratung auf dem Marktplatz\n\n"
        "Station des Präventionsmobils der Polizei wird am 14. Mai 2024 von 10 bis 15 Uhr auf dem Marktplatz in Geithain sein."
    )
    meeting = _extract(nlp, text, date="2024-05-14").meeting
    assert meeting is not None and meeting.type == "Präventionstag" and meeting.date == "2024-05-14"
    assert meeting.municipality == "Geithain"
    # a week before that day the sentence alone, with no verb of meeting, tells of no event
    assert _extract(nlp, text, date="2024-05-07").meeting is None


def test_the_police_of_a_directorates_seat_is_the_directorate(nlp):
    extraction, actor_of = _extract_with_mentions(
        nlp,
        "Vereinbarung in Penig unterzeichnet\n\n"
        "Bürgermeister Thomas Eulenberger und der Leiter des Führungsstabes der Polizei Chemnitz, Bernd Kühn, "
        "unterzeichneten am Montag die Kooperationsvereinbarung.",
    )
    assert actor_of["Polizei Chemnitz"].actor_id == "pol:PD_Chemnitz"
    assert "mun:14511000" not in _participants(extraction)  # Chemnitz, the seat, does not take part


def test_an_area_and_a_persons_party_do_not_take_part(nlp):
    extraction = _extract(
        nlp,
        "Markranstädt tritt der Allianz bei\n\n"
        "Den Vertrag unterzeichneten am Dienstag Bürgermeisterin Nadine Stitterich (SPD) und Karl Weber, "
        "zuständiger Mitarbeiter für den Raum Leipzig im Landespräventionsrat.",
    )
    parts = _participants(extraction)
    assert "mun:14713000" not in parts  # "für den Raum Leipzig": an area
    assert not any(a.startswith("org:spd") for a in parts)
    assert extraction.actors["per:karl-weber"].affiliation == "state:LPR"


def test_calendar_weekday_abbreviations_are_no_person(nlp):
    doc = nlp("Veranstaltungen\n\nFr Sa So Mo Di Mi\n\nAbschlusskonzert in der Kirche")
    assert not [e for e in doc.ents if e.label_ == "PER"]


def test_a_part_of_a_merged_towns_name_is_the_town():
    gaz = load_gazetteer()
    assert gaz.place_candidates("Panschwitz") == {"ags:14625440"}  # Panschwitz-Kuckau
    assert gaz.place_candidates("Aue") == {"ags:14521035"}  # Aue-Bad Schlema (places.json: a town though a noun)
    assert gaz.place_candidates("Brand") == set()  # Brand-Erbisdorf's part is a common noun
    assert gaz.place_candidates("Spremberg") == set()  # a town in Brandenburg, not Neusalza-Spremberg


def test_a_ministers_quoted_statement_is_no_taking_part_but_a_mayors_is(nlp):
    extraction = _extract(
        nlp,
        "Kooperationsvereinbarung in Roßwein unterzeichnet\n\n"
        "Am Montag unterzeichneten Bürgermeister Hubert Mai und der Leiter des Polizeireviers Döbeln die Vereinbarung.\n\n"
        "Innenministerin Petra Lorenz: „Prävention beginnt vor Ort.“\n\n"
        "Bürgermeisterin Jana Kluge: „Wir freuen uns auf die Zusammenarbeit.“",
    )
    parts = _participants(extraction)
    assert "per:petra-lorenz" not in parts
    assert "per:jana-kluge" in parts


def test_background_information_after_its_heading_takes_no_part(nlp):
    extraction = _extract(
        nlp,
        "Sicherheitsgespräch in Zittau\n\n"
        "Am Dienstag trafen sich Oberbürgermeister Lars Förster und Revierleiter Jan Pohl im Rathaus Zittau.\n\n"
        "Hintergrundinformationen zu ASSKomm:\n\n"
        "Die Mitglieder des Lenkungsgremiums sind Sabine Roth und Peter Kühn.",
    )
    parts = _participants(extraction)
    assert {"per:lars-foerster", "per:jan-pohl"} <= set(parts)
    assert "per:sabine-roth" not in parts and "per:peter-kuehn" not in parts


def test_being_on_site_is_taking_part(nlp):
    extraction = _extract(
        nlp,
        "Präventionstag für Senioren in Reichenbach\n\n"
        "Am Samstag fand im Rathaus Reichenbach der Präventionstag statt. "
        "Der Weiße Ring war mit einem Stand vor Ort.",
        date="2024-05-20",
    )
    assert any(a.startswith("org:") and "ring" in a for a in _participants(extraction))


def test_an_office_between_two_names_of_a_list_is_the_next_ones(nlp):
    extraction = _extract(
        nlp,
        "Kooperationsvereinbarung unterzeichnet\n\n"
        "Innenminister Armin Schuster, der Rothenburger Bürgermeister Philipp Eichler, der Leiter der "
        "Polizeidirektion Görlitz, Manfred Weißbach, und Sven Forkert haben am Montag eine Kooperationsvereinbarung unterzeichnet.",
    )
    assert extraction.actors["per:philipp-eichler"].affiliation == "admin:14626480"  # Rothenburg/O.L., not the police
    assert extraction.actors["per:manfred-weissbach"].affiliation == "pol:PD_Görlitz"
    assert extraction.meeting.ags == "14626480"


def test_towns_in_general_are_no_collective_but_their_representatives_are(nlp):
    head = "Kooperationsvereinbarung in Lunzenau unterzeichnet\n\nAm Montag unterzeichneten Bürgermeister Ronny Hofmann und der Revierleiter die Vereinbarung. "
    general = _extract(nlp, head + "Damit haben sich bereits 49 Kommunen in Sachsen dazu entschlossen, mehr für Prävention zu tun.")
    assert not any(a.startswith("col:municipal") for a in _participants(general))
    present = _extract(nlp, head + "Auch Vertreter der Kommunen des Umlands nahmen teil.")
    assert any(a.startswith("col:municipal") for a in _participants(present))


def test_an_event_on_an_earlier_unnamed_day_gets_no_date_from_the_report(nlp):
    body = "Die Lenkungsgruppe des Kommunalen Präventionsrates traf sich {when} im Rathaus von Oelsnitz."
    vague = _extract(nlp, "Lenkungsgruppe berät über Prävention\n\n" + body.format(when="in der vergangenen Woche"), date="2024-05-17")
    assert vague.meeting is not None and vague.meeting.date is None and vague.meeting.date_basis == "none"
    # without such words the report's own date stays the best estimate, and says where it comes from
    plain = _extract(nlp, "Lenkungsgruppe berät über Prävention\n\n" + body.format(when="erneut"), date="2024-05-17")
    assert plain.meeting.date == "2024-05-17" and plain.meeting.date_basis != "body"


def test_a_council_still_to_be_set_up_does_not_make_the_meeting_its_session(nlp):
    text = (
        "Stadt und Polizei wollen mehr Sicherheit in Riesa\n\n"
        "Darauf haben sich der Leiter der Polizeidirektion Dresden, Lutz Rodig, und der Oberbürgermeister von Riesa, Marco Müller, am Montag geeinigt. "
        "So soll ein Kommunaler Präventionsrat eingerichtet werden, den es in der Stadt noch nicht gibt."
    )
    meeting = _extract(nlp, text, date="2024-05-14").meeting
    assert meeting is not None and meeting.type != "KPR-Sitzung"
    # a council that meets is still the session's council
    held = _extract(nlp, text.replace("So soll ein Kommunaler Präventionsrat eingerichtet werden, den es in der Stadt noch nicht gibt.",
                                      "Der Kommunale Präventionsrat der Stadt Riesa war dabei vertreten."), date="2024-05-14").meeting
    assert held is not None and held.type == "KPR-Sitzung"


def test_a_persons_unit_from_another_report_links_this_meeting_only_as_uncertain(nlp, tmp_path):
    """Links rest on what each report says: an officer's unit named in one report carries over to another
    report that names no unit only as an inferred, uncertain link (people change posts)."""
    from akteursnetz.run import process

    (tmp_path / "a.txt").write_text(
        "03.05.2021\n\nKooperationsvereinbarung in Plauen\n\n"
        "Am Montag unterzeichneten Oberbürgermeister Steffen Zenner und der Leiter des Polizeireviers Plauen, "
        "Jens Kühn, im Rathaus Plauen eine Kooperationsvereinbarung.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "10.06.2024\n\nSicherheitsgespräch in Markneukirchen\n\n"
        "Am Dienstag trafen sich Bürgermeister Andreas Rubner und Jens Kühn im Rathaus Markneukirchen zu einem Sicherheitsgespräch.\n",
        encoding="utf-8")
    result = process([tmp_path], nlp)
    edges = result.tables["edges"]
    police_links = edges[edges["kind"] == "police_municipality"]
    by_meeting = {m: row for row in police_links.to_dict("records") for m in row["meetings"].split(";")}
    assert "a:m1" in by_meeting  # stated in a
    # b names no unit for him: the link through a's unit is there, but inferred and uncertain
    b_link = by_meeting["b:m1"]
    assert b_link["weight"] == 1 and b_link["basis"] == "inferred" and b_link["uncertain"]
    part = result.tables["participation"]
    kuehn = part[part["actor_id"] == "per:jens-kuehn"].set_index("meeting_id")["acts_for"].to_dict()
    assert kuehn.get("a:m1") == "pol:PR_Plauen" and kuehn.get("b:m1", "") == ""


def test_a_station_head_with_no_town_named_heads_the_station_where_they_meet(nlp):
    extraction = _extract(
        nlp,
        "Präventionsnetzwerk in Pirna gestartet\n\n"
        "Oberbürgermeister Klaus-Peter Hanke und Polizeirevierleiter Candy Sommer gaben am Freitag im Rathaus Pirna "
        "den Startschuss für das neue Präventionsnetzwerk.",
        date="2024-05-17",
    )
    sommer = extraction.actors["per:candy-sommer"]
    assert sommer.affiliation == "pol:PR_Pirna" and "inferred from the meeting place" in sommer.note


def test_a_council_gets_the_fuller_designation_its_report_gives_it(nlp):
    extraction = _extract(
        nlp,
        "Sitzung in Plauen\n\n"
        "Am Dienstag traf sich die Lenkungsgruppe des Kommunalen Präventionsrates im Rathaus. "
        "Die Geschäftsstelle des Plauener Präventionsrates berichtete über die Befragung.",
    )
    councils = sorted(a.name for a in extraction.actors.values() if "Präventionsrat" in a.name)
    assert councils == ["Kommunaler Präventionsrat Plauen"]


def test_a_police_unit_named_by_its_towns_adjective_is_that_towns_unit(nlp):
    extraction = _extract(
        nlp,
        "Sitzung des Präventionsrates in Plauen\n\n"
        "Am Dienstag tauschten sich Vertreter der Stadtverwaltung und des Plauener Polizeireviers im Rathaus aus.",
    )
    assert "pol:PR_Plauen" in _participants(extraction)
    in_a_long_list = _extract(
        nlp,
        "Sitzung des Präventionsrates in Plauen\n\n"
        "Unter dem Vorsitz der Bürgermeisterin Anke Roth berieten Vertreter der Stadtverwaltung, des Plauener "
        "Polizeireviers, der Geschäftsstelle des Präventionsrates und des Vereins Jugendhilfe Vogtland e.V. im Rathaus.",
    )
    assert "pol:PR_Plauen" in _participants(in_a_long_list)
    unknown_unit = _extract(
        nlp,
        "Sprechstunde in Rochlitz\n\nAm Montag berieten Vertreter der Stadt und des Rochlitzer Polizeireviers im Rathaus. "
        "Das Polizeirevier Rochlitz lädt im Juni wieder ein.",
    )
    units = {a.key for a in unknown_unit.actors.values() if a.kind == "police"}
    assert units == {"org:Polizeirevier Rochlitz"}  # a unit the gazetteer does not know: one actor for both forms


def test_a_town_that_joined_takes_part_in_the_joining(nlp):
    extraction = _extract(
        nlp,
        "Weißwasser tritt der Allianz bei\n\n"
        "Weißwasser ist am Montag der Allianz Sichere Sächsische Kommunen beigetreten. "
        "Oberbürgermeister Torsten Pötzsch will eine Koordinierungsstelle einrichten. "
        "Auch Bad Muskau ist dem Verbund beigetreten.",
    )
    taking_part = _participants(extraction)
    assert "mun:14626600" in taking_part and "mun:14626010" in taking_part  # Weißwasser/O.L., Bad Muskau


def test_the_press_releases_responsible_person_is_named_but_not_at_the_event(nlp):
    extraction = _extract(
        nlp,
        "Stadt und Polizei unterzeichnen Vereinbarung\n\n"
        "Am Montag unterzeichneten Oberbürgermeisterin Romina Barth und Polizeipräsident René Demmler in Torgau eine Kooperationsvereinbarung.\n\n"
        "Verantwortlich: Andreas Loepki",
    )
    roles = {p.actor_id: p.role for p in extraction.participation}
    assert roles.get("per:andreas-loepki") == "mentioned"
    assert roles.get("per:romina-barth") in ("signatory", "participant")


def test_without_a_dated_event_sentence_the_reports_first_own_date_counts_a_weekday_too(nlp):
    weekday = _extract(
        nlp,
        "Präventionstour im Vogtland\n\n"
        "Um Einbruch und Betrug ging es am Donnerstag auf dem Plauener Altmarkt. "
        "Ein Händler kam mit den Beamten ins Gespräch. "
        "Die nächsten Stopps sind am 15.8. in Oelsnitz und am 23.8. in Treuen.",
        date="2023-08-07",
    )
    assert weekday.meeting is not None and weekday.meeting.date == "2023-08-03"
    quoted = _extract(
        nlp,
        "Runder Tisch in Bautzen\n\n"
        "«Am 3. Oktober werden wir prüfen, ob wir die Maßnahme verlängern», sagte der Staatssekretär am Mittwoch. "
        "Der Runde Tisch tagte im Rathaus.",
        date="2016-09-21",
    )
    assert quoted.meeting is not None and quoted.meeting.date == "2016-09-21"


def test_a_hyphenated_state_body_and_an_office_named_with_its_ministry(nlp):
    extraction = _extract(
        nlp,
        "Vereinbarung in Limbach-Oberfrohna unterzeichnet\n\n"
        "Die Vereinbarung wurde am Montag unterzeichnet - vom Oberbürgermeister Gerd Härtig sowie der Vertreterin des "
        "Landes-Präventionsrates Anja Herold-Beckmann, im Beisein vom sächsischen Staatssekretär des Inneren Dr. Frank Pfeil.",
    )
    assert extraction.actors["per:anja-herold-beckmann"].affiliation == "state:LPR"
    assert extraction.actors["per:frank-pfeil"].affiliation == "state:SMI"


def test_a_season_is_no_person_of_that_surname(nlp):
    doc = nlp(
        "Präventionsnetzwerk Pirna\n\n"
        "Revierleiter Candy Sommer stellte das Netzwerk vor. Im Sommer 2018 wurden dazu erste Gespräche geführt."
    )
    persons = [e.text for e in doc.ents if e.label_ == "PER"]
    assert "Candy Sommer" in persons and persons.count("Sommer") == 0


def test_an_events_name_is_no_organisation_taking_part(nlp):
    extraction = _extract(
        nlp,
        "Landespräventionstag in Dresden\n\n"
        "Am 10. Mai fand in Dresden der 1. Sächsische Landespräventionstag unter dem Motto „Kommunale Prävention“ statt. "
        "Oberbürgermeister Dirk Hilbert begrüßte die Gäste.",
    )
    assert not any("landespraeventionstag" in a for a in extraction.actors)  # ids are slugs
    assert extraction.meeting is not None and extraction.meeting.type == "Fachtagung"


def test_a_free_state_with_its_name_is_one_place(nlp):
    extraction, actor_of = _extract_with_mentions(
        nlp, "Förderung\n\nDer Freistaat Sachsen unterstützt die Kommunen. Die Mittel des Freistaates Sachsen fließen in Sachsen."
    )
    assert {"Freistaat Sachsen", "Freistaates Sachsen"} <= set(actor_of)
    assert actor_of["Freistaat Sachsen"].actor_id == actor_of["Freistaates Sachsen"].actor_id == actor_of["Sachsen"].actor_id


def test_a_credit_as_a_list_item_and_its_repeated_line_stay_credits(nlp, tmp_path):
    from akteursnetz.extract import Extractor
    from akteursnetz.ingest import _make_report, parse_report_text

    text = (
        "Sicherheitspartnerschaft in Oschatz\n\n• Foto: Sachsenfernsehen (Lutz Wendel)\n\n    Foto: Sachsenfernsehen (Lutz Wendel)\n\n"
        "Stadt und Polizei wollen enger zusammenarbeiten. Gestern unterzeichneten Oberbürgermeister David Schmidt "
        "und Revierleiter Tom Ahnert in Oschatz eine Vereinbarung."
    )
    parts = parse_report_text(text)
    assert parts.credit == "Sachsenfernsehen (Lutz Wendel)" and parts.caption == ""
    report = _make_report(tmp_path / "t.txt", "t", parts, "utf-8")
    doc = nlp(report.text)
    gaz = load_gazetteer()
    linked = Linker(gaz).link(report, doc)
    assert [m.section for m in linked.mentions if m.text == "Lutz Wendel"] == ["credit", "credit"]  # both lines, counted twice
    roles = {p.actor_id: p.role for p in Extractor(gaz).extract(linked, doc).participation}
    assert roles.get("per:lutz-wendel") == "credit" and roles.get("per:david-schmidt") == "signatory"


def test_a_plan_in_the_report_names_no_type_of_the_meeting_it_tells_of(nlp):
    extraction = _extract(
        nlp,
        "Politik berät über Sicherheit in Döbeln\n\n"
        "Der Kontrollbereich am Obermarkt wird verlängert. Das bedeutet mehr Streifen am Abend. "
        "Zudem will die Polizei eine Sicherheitspartnerschaft mit Döbeln schließen. "
        "Dazu hatten sich am Mittwoch Vertreter von Stadt, Kreis und Polizei im Rathaus zu einem Sicherheitsgipfel getroffen.",
    )
    assert extraction.meeting is not None and extraction.meeting.type == "Sicherheitsgespräch"
    plan_only = _extract(
        nlp,
        "Döbeln besiegelt Zusammenarbeit\n\nDie Stadt Döbeln besiegelt ihre Zusammenarbeit mit der Polizei. "
        "Am kommenden Montag soll ein Kooperationsvertrag geschlossen werden. "
        "Die Stadt hatte sich zuvor nur an Arbeitsgruppen beteiligt.",
        date="2024-05-08",
    )
    assert plan_only.meeting is not None and plan_only.meeting.type == "Unterzeichnung einer Kooperationsvereinbarung"


def test_associations_of_the_prevention_field_are_tagged_whole(nlp):
    doc = nlp(
        "Sicherheitstag in Auerbach\n\nAm Stand informierten die AOK Plus, der Sozialverband VdK und die "
        "Gewerkschaft der Polizei über ihre Angebote."
    )
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert {"AOK Plus", "Sozialverband VdK", "Gewerkschaft der Polizei"} <= set(orgs)


def test_a_list_of_offices_and_names_gives_each_person_their_own_office(nlp):
    extraction = _extract(
        nlp,
        "Vereinbarung in Crimmitschau unterzeichnet\n\n"
        "Die Vereinbarung wurde am Montag in Crimmitschau unterzeichnet - vom Oberbürgermeister André Raphael, vom Vertreter "
        "der Polizeidirektion Zwickau Karsten Teich sowie im Beisein des Beigeordneten des Landkreises Zwickau Mario Lorenz.",
    )
    raphael, lorenz = extraction.actors["per:andre-raphael"], extraction.actors["per:mario-lorenz"]
    assert raphael.role == "Oberbürgermeister" and raphael.affiliation != "pol:PD_Zwickau"
    assert lorenz.role.startswith("Beigeordnete") and lorenz.affiliation in ("dist:14524", "lra:14524")


def test_a_police_officer_with_no_unit_named_acts_for_the_police_not_for_a_unit_of_another_report(nlp):
    def acts_for(text):
        extraction = _extract(nlp, text)
        return {p.actor_id: p.acts_for for p in extraction.participation}

    none_named = acts_for(
        "Sicherheitspartnerschaft in Radeberg\n\nAm Montag unterzeichneten in Radeberg Oberbürgermeister Frank Höhme "
        "und Polizeipräsident Lutz Rodig eine Vereinbarung."
    )
    assert none_named["per:lutz-rodig"].startswith("col:police:")  # key police:*
    one_named = acts_for(
        "Sicherheitspartnerschaft in Radeberg\n\nAm Montag unterzeichneten in Radeberg Oberbürgermeister Frank Höhme "
        "und Polizeipräsident Lutz Rodig eine Vereinbarung. Die Polizeidirektion Dresden will die Streifen verstärken."
    )
    assert one_named["per:lutz-rodig"] == "pol:PD_Dresden"
    unknown_unit = acts_for(
        "Präventionsrat in Heidenau\n\nAm Montag tagte in Heidenau der Präventionsrat. Die Leiterin des Polizeipostens "
        "Heidenau, Polizeioberkommissarin Karin Lenz, stellte die Lage vor."
    )
    assert unknown_unit.get("per:karin-lenz", "") == ""  # a unit is named, one the gazetteer does not know: no guess


def test_an_event_announced_in_reported_speech_is_announced_and_its_listed_towns_take_part(nlp):
    extraction = _extract(
        nlp,
        "Landrat plant Treffen zur Sicherheit\n\n"
        "Der Landrat sprach am Dienstag über die Lage im Landkreis. Laut Landrat wollen drei Kommunen – Oschatz, "
        "Mügeln und Dahlen – die Prävention gemeinsam stärken. Dazu werde nach Ostern in Oschatz eine Konferenz "
        "mit allen Bürgermeistern stattfinden.",
    )
    assert extraction.meeting.status == "announced"
    taking_part = _participants(extraction)
    assert {"mun:14730230", "mun:14730200", "mun:14730060"} <= set(taking_part)  # Oschatz, Mügeln, Dahlen


def test_the_occasion_after_a_name_is_no_affiliation(nlp):
    extraction = _extract(
        nlp,
        "Präventionsnetzwerk gegründet\n\n"
        "Stadt, Polizei und Vereine haben sich zum Präventionsnetzwerk Pirna zusammengeschlossen.\n"
        "Pirnas Revierleiter Candy Sommer bei der Vorstellung des Präventionsnetzwerkes Pirna.",
    )
    assert extraction.actors["per:candy-sommer"].affiliation == "pol:PR_Pirna"
    assert "pol:PR_Pirna" in _participants(extraction)


def test_in_a_list_of_members_the_office_after_a_dash_is_the_name_befores(nlp):
    extraction = _extract(
        nlp,
        "Präventionsrat berät\n\n"
        "Am Montag tagte der Kriminalpräventive Rat Chemnitz. Mitglieder sind Miko Runkel - Bürgermeister für Recht "
        "und Sicherheit, Sonja Penzel - Präsidentin Polizeidirektion Chemnitz, Ralph Burghart - Bürgermeister für Bildung.",
    )
    assert extraction.actors["per:sonja-penzel"].role == "Präsidentin"
    assert extraction.actors["per:sonja-penzel"].affiliation == "pol:PD_Chemnitz"
    assert extraction.actors["per:ralph-burghart"].role == "Bürgermeister"


def test_representatives_of_the_police_are_the_one_unit_the_report_names(nlp):
    extraction = _extract(
        nlp,
        "Bürgerforum in Chemnitz\n\n"
        "Am Montag fand im Rathaus ein Bürgerforum statt. Vertreter der Polizei standen den Bürgern Rede und Antwort. "
        "Die Polizeidirektion Chemnitz zieht eine gute Bilanz der Streifen.",
    )
    taking_part = _participants(extraction)
    assert "pol:PD_Chemnitz" in taking_part and not any(a.startswith("col:police") for a in taking_part)


def test_a_noun_in_ung_before_a_lone_surname_is_no_given_name(nlp):
    doc = nlp("Sicherheitstag in Freiberg – Teilnahme frei und ohne Anmeldung Klüger gegen Betrüger sind die "
              "Gäste des Sicherheitstages am 2. Oktober.")
    assert not [e for e in doc.ents if e.label_ == "PER" and "Anmeldung" in e.text]


def test_representatives_of_a_district_make_it_take_part(nlp):
    extraction = _extract(
        nlp,
        "Sicherheitsgespräch in Torgau\n\n"
        "Am Freitag trafen auf Initiative der Stadt Torgau und der Polizeidirektion Leipzig Vertreter beider "
        "Verwaltungen, der Staatsanwaltschaft, des Landkreises Nordsachsen und des Landespräventionsrates zusammen.",
    )
    assert "dist:14730" in _participants(extraction)
    from_districts = _extract(
        nlp,
        "Fachtag in Zwickau\n\nAm Montag kamen die Präventionsschaffenden der Landkreise Zwickau und Vogtlandkreis "
        "zum Fachtag in Zwickau zusammen.",
    )
    assert not {"dist:14524", "dist:14523"} & set(_participants(from_districts))  # where people come from


def test_a_section_at_its_body_gives_the_body_as_affiliation(nlp):
    extraction = _extract(
        nlp,
        "Präventionsrat tagte in Döbeln\n\nAm Montag tagte der Präventionsrat der Stadt Döbeln. Dieter Steinert von "
        "der Stabsstelle Asyl beim Landratsamt Mittelsachsen sprach der Stadt ein Lob aus.",
    )
    assert extraction.actors["per:dieter-steinert"].affiliation == "lra:14522"


def test_a_districts_office_under_the_name_people_use_is_that_districts(nlp):
    extraction = _extract(
        nlp,
        "Seniorentag in Plauen\n\nAm Samstag informierten beim Seniorentag in Plauen die Verbraucherzentrale Sachsen, "
        "das Landratsamt Vogtland und die Bundespolizei über Betrugsmaschen.",
    )
    assert "lra:14523" in _participants(extraction)


def test_the_bodies_of_a_joint_event_organise_it_also_those_the_model_left_untagged_between(nlp):
    extraction = _extract(
        nlp,
        "Sicherheitstag in Zwickau\n\n"
        "Am Freitag fand im Rathaus der Sicherheitstag für Senioren statt. Der Tag war eine Kooperationsveranstaltung "
        "der Stadtverwaltung Zwickau, der Seniorenvertretung der Stadt Zwickau, des Vereins Aktiv ab 50, der "
        "Verbraucherzentrale Sachsen und der Polizeidirektion Zwickau.",
    )
    roles = {p.actor_id: p.role for p in extraction.participation}
    assert roles.get("admin:14524330") == roles.get("pol:PD_Zwickau") == "organiser"


def test_a_later_office_that_names_a_body_gives_the_affiliation(nlp):
    extraction = _extract(
        nlp,
        "Hartmannsdorf tritt der Allianz bei\n\n"
        "Die Gemeinde Hartmannsdorf unterzeichnet im Beisein von Staatsminister Armin Schuster die Vereinbarung. "
        "Bürgermeister Uwe Weinert unterzeichnete die Vereinbarung am Montag im Beisein von Innenminister Armin Schuster.",
    )
    assert extraction.actors["per:armin-schuster"].affiliation == "state:SMI"
    assert "state:SMI" in _participants(extraction)


def test_an_apposition_ends_where_the_next_person_of_a_list_begins(nlp):
    extraction = _extract(
        nlp,
        "Fachtag in Dresden\n\nAm Montag fand in Dresden der Fachtag statt. Es sprachen Sven Forkert, Geschäftsführer "
        "LPR und Matthias Böhme, Leiter des Referats Bildung im SMK.",
    )
    assert extraction.actors["per:sven-forkert"].affiliation == "state:LPR"


def test_a_list_of_names_after_a_colon_belongs_to_the_clause_that_introduces_it(nlp, tmp_path):
    from akteursnetz.extract import Extractor
    from akteursnetz.ingest import _make_report, parse_report_text

    text = (
        "Aktionstag in Freiberg\n\nAm Samstag fand auf dem Obermarkt in Freiberg ein Aktionstag für Radfahrer statt.\n"
        "Den Aktionstag führten viele Partner gemeinsam durch:\n- Polizeirevier Freiberg\n- Sächsische Verkehrswacht\n"
        "- Stadt Freiberg mit Ordnungsamt\n"
    )
    report = _make_report(tmp_path / "t.txt", "t", parse_report_text(text), "utf-8")
    doc = nlp(report.text)
    gaz = load_gazetteer()
    extraction = Extractor(gaz).extract(Linker(gaz).link(report, doc), doc)
    assert {"pol:PR_Freiberg", "org:saechsisch-verkehrswacht"} <= set(_participants(extraction))


def test_towns_listed_as_members_of_a_project_after_a_colon_do_not_take_part(nlp):
    extraction = _extract(
        nlp,
        "Umfrage zur Sicherheit in Schkeuditz\n\nAm Mittwoch trafen sich im Rathaus Schkeuditz Oberbürgermeister Rayk "
        "Bergner und Vertreter der Polizei zu einem Sicherheitsgespräch. Schkeuditz ist im Arbeitspaket 1 dabei – "
        "zusammen mit drei weiteren Kommunen: Colditz, Zwickau und Plauen.",
    )
    taking_part = _participants(extraction)
    assert not {"mun:14729080", "mun:14524330", "mun:14523320"} & set(taking_part)  # Colditz, Zwickau, Plauen


def test_the_place_line_at_the_head_of_a_report_names_the_meetings_town(nlp):
    extraction = _extract(
        nlp,
        "Polizisten geben Tipps für Senioren\n\nSchwarzenberg:\nDer Bürgerpolizist war am Nachmittag zu Gast im "
        "Seniorenclub und sprach über den Enkeltrick. Ähnliche Vorträge bietet auch die Stadt Annaberg-Buchholz an.",
    )
    assert extraction.meeting is not None and extraction.meeting.ags == "14521550"


def test_police_officers_informing_seniors_with_no_type_word_is_a_prevention_event(nlp):
    extraction = _extract(
        nlp,
        "Sicherheit auch ein Thema für Senioren\n\nChemnitz - Im Bürgerhaus informierte Ordnungsbürgermeister Knut "
        "Kunze am Montag gemeinsam mit Präventionspolizistin Jana Kürschner die Senioren über Schockanrufe.",
    )
    assert extraction.meeting is not None and extraction.meeting.type == "Präventionstag"


def test_colleagues_on_holiday_do_not_take_part(nlp):
    extraction = _extract(
        nlp,
        "Polizei eröffnet Büro\n\nAm Montag eröffnete Bürgerpolizist Holger Schmid in Leipzig das neue Büro im "
        "Stadtteilladen. Seine Kollegen Sibylle Möser und Christian Seiffert sind im Urlaub.",
    )
    taking_part = _participants(extraction)
    assert "per:holger-schmid" in taking_part
    assert "per:sibylle-moeser" not in taking_part and "per:christian-seiffert" not in taking_part


def test_characters_named_by_a_first_name_only_do_not_take_part(nlp):
    extraction = _extract(
        nlp,
        "Verkehrstheater in der Kita\n\nAm Montag besuchte Polizeihauptmeisterin Anke Vogel die Kita Sonnenschein in "
        "Plauen mit einem Theaterstück. Die Kinder begleiteten Frieda und Emma auf dem Weg zur Schule. Auch "
        "Polizeiobermeister Werner war dabei.",
    )
    taking_part = _participants(extraction)
    assert "per:anke-vogel" in taking_part and "per:werner" in taking_part  # a surname after a rank
    assert "per:frieda" not in taking_part and "per:emma" not in taking_part


def test_a_title_photo_credit_is_a_credit(nlp):
    extraction = _extract(
        nlp,
        "Sicherheit für Senioren\n\nAm Mittwoch informierte Ordnungsbürgermeister Knut Kunze gemeinsam mit "
        "Präventionspolizistin Jana Kürschner im Bürgerhaus Chemnitz die Senioren.\nTitelfoto: Kristin Schmidt",
    )
    roles = {p.actor_id: p.role for p in extraction.participation}
    assert roles.get("per:kristin-schmidt") == "credit"
