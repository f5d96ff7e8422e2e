"""Synthetic benchmark reports: any number, reproducible from a seed.

Each report has the shape of the ASSKomm news (date line, title, photo caption
with its ``©`` credit, body of four to six paragraphs) and is assembled from
templates written for this project: Vernetzungstreffen, sessions of a
Kommunaler Präventionsrat, signings of a Kooperationsvereinbarung, Fachtage and
action days. Places, districts, police units and state bodies come from the
shipped gazetteer; persons and associations are invented. Report ``i`` depends
only on ``(seed, i)``, so the first 1,000 reports of a 10,000-report corpus are
the 1,000-report corpus.

Length and entity density follow the bundled sample (``data/raw``, measured by
``python benchmarks/corpus.py OUT --measure``): the sample has 256 words and
19.6 entity mentions per report (7.6 per 100 words), the synthetic reports
252 words and 18.9 mentions (7.5 per 100 words).

    python benchmarks/corpus.py OUT_DIR -n 1000 [--seed 1] [--measure]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

FIRST_F = """Anja Birgit Claudia Daniela Elke Franziska Gabriele Heike Ines Jana Katrin Kerstin Linda Maren Nadine Petra
Ramona Sabine Sandra Silke Susann Tina Ulrike Yvonne Antje Doreen Grit Manja Romy Carolin""".split()
FIRST_M = """Andreas Bernd Carsten Dirk Enrico Falk Gunnar Heiko Ingo Jens Kai Lars Marco Nico Olaf Peter Ralf Sven
Thomas Uwe Volker Steffen Torsten Mirko René Rico Maik Holger Frank Matthias""".split()
SURNAMES = """Ahlgrimm Baumbach Bräuer Dietzel Eckhold Fiebiger Gläser Haferkorn Illgen Jähnig Kaltofen Lohse Meinhold
Naumann Oehme Pietzsch Queck Rietschel Schubart Tränkner Uhlig Vogel Weidauer Zschiesche Albrecht Beyer Claus Drechsler
Engelmann Flemming Gey Hoyer Kirsten Lange Mehnert Nestler Opitz Preußler Rudert Seifert Trommer Ullrich Wunderlich
Zenker Kämpfe Löbel Möckel Reinhold Sachse Teubner""".split()
ASSOC_HEADS = ["Jugendhaus", "Kinder- und Jugendring", "Bürgerverein", "Netzwerk", "Familienzentrum", "Seniorenbeirat",
               "Kulturverein", "Sportverein", "Förderverein", "Nachbarschaftshilfe"]
ASSOC_NAMES = ["Brückenbogen", "Lichtwerk", "Rückenwind", "Miteinander", "Sonnenseite", "Weitblick", "Zusammenhalt",
               "Kompass", "Horizont", "Leuchtturm"]
VENUES = ["im Ratssaal", "im Bürgerhaus", "im Kulturhaus", "in der Stadthalle", "im Sitzungssaal des Rathauses",
          "im Saal der Volkshochschule", "im Gemeindezentrum", "im Festsaal des Schlosses", "in der Aula der Oberschule"]
TOPICS = ["Sicherheit im öffentlichen Raum", "Jugendschutz", "Prävention von Wohnungseinbrüchen", "Schutz älterer Menschen vor Betrug",
          "sichere Schulwege", "Vandalismus an Bushaltestellen", "häusliche Gewalt", "Medienkompetenz", "Sauberkeit in den Parks",
          "Beleuchtung von Fußwegen", "Radverkehr", "Zivilcourage"]
RANKS = ["Polizeihauptkommissar", "Polizeioberkommissarin", "Polizeihauptkommissarin", "Polizeioberrat", "PHK", "KHK"]
OFFICES_MUN = ["Bürgermeister", "Oberbürgermeisterin", "Bürgermeisterin", "Oberbürgermeister"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]


class _World:
    """What the templates draw from, read once from the gazetteer."""

    def __init__(self) -> None:
        from akteursnetz.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        self.towns = sorted(
            (m for m in gaz.municipalities.values() if "/" not in m.name and "." not in m.name and "," not in m.name),
            key=lambda m: m.ags,
        )
        self.districts = {d.district_ags: d for d in gaz.districts.values()}
        self.revier = sorted((p for p in gaz.police.values() if p.type == "Polizeirevier" and p.seat_ags), key=lambda p: p.id)
        self.directions = sorted((p for p in gaz.police.values() if p.type == "Polizeidirektion"), key=lambda p: p.id)
        self.state = sorted(gaz.state_bodies.values(), key=lambda s: s.abbr)
        self.by_district: dict[str, list] = {}
        for m in self.towns:
            self.by_district.setdefault(m.district_ags, []).append(m)


_WORLD: _World | None = None


def _world() -> _World:
    global _WORLD
    if _WORLD is None:
        _WORLD = _World()
    return _WORLD


def _person(rng: random.Random, female: bool | None = None) -> tuple[str, str]:
    """(full name, surname); about half women."""
    female = rng.random() < 0.5 if female is None else female
    first = rng.choice(FIRST_F if female else FIRST_M)
    last = rng.choice(SURNAMES)
    return f"{first} {last}", last


#: Paragraphs with few names: what the participants said and planned (the sample's reports have several).
DISCUSSION = [
    "Breiten Raum nahm die Frage ein, wie Jugendliche besser erreicht werden können. Mehrere Teilnehmende schlugen vor, "
    "die offenen Angebote in den Abendstunden auszuweiten und Schulen stärker einzubinden. Einig war man sich, dass "
    "Prävention nur gelingt, wenn Verwaltung, Polizei und Vereine an einem Strang ziehen.",
    "„Wir wollen nicht warten, bis etwas passiert“, hieß es aus der Runde. Gerade in kleineren Orten seien die Wege kurz, "
    "und viele Probleme ließen sich im direkten Gespräch lösen. Gleichzeitig fehle es oft an Personal und an Geld für "
    "längerfristige Projekte.",
    "Vorgestellt wurden auch die Ergebnisse einer Befragung, an der sich fast tausend Menschen beteiligt hatten. Am "
    "häufigsten nannten sie dunkle Wege, Müll an Haltestellen und Lärm in den Nachtstunden. Tatsächliche Vorfälle hatte "
    "nur ein kleiner Teil der Befragten selbst erlebt.",
    "In der anschließenden Diskussion ging es um konkrete Schritte. Eine Arbeitsgruppe soll prüfen, an welchen Stellen "
    "zusätzliche Beleuchtung sinnvoll ist. Außerdem sollen die Sprechstunden der Bürgerpolizei bekannter gemacht werden, "
    "etwa über das Amtsblatt und die sozialen Medien.",
    "Zum Abschluss wurden die nächsten Vorhaben besprochen: ein Elternabend zum Thema Mediensucht, ein gemeinsamer "
    "Rundgang durch das Wohngebiet und ein Informationsstand beim Stadtfest. Alle Beteiligten zeigten sich mit dem "
    "Verlauf des Treffens zufrieden.",
    "Viel Zustimmung fand der Vorschlag, Seniorinnen und Senioren gezielt vor Betrugsmaschen am Telefon zu warnen. "
    "Dafür sollen Faltblätter in Arztpraxen, Apotheken und Banken ausgelegt werden. Auch Vorträge in den Begegnungsstätten "
    "sind geplant.",
]


def _long_date(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def report(i: int, seed: int = 1) -> tuple[str, str]:
    """(file name, text) of synthetic report ``i``."""
    w = _world()
    rng = random.Random(f"{seed}:{i}")
    town = rng.choice(w.towns)
    district = w.districts[town.district_ags]
    neighbours = [m for m in w.by_district.get(town.district_ags, []) if m.ags != town.ags] or w.towns
    other = rng.choice(neighbours)
    third = rng.choice(neighbours)
    near_revier = [p for p in w.revier if p.seat_ags in {m.ags for m in w.by_district.get(town.district_ags, [])}] or w.revier
    revier = rng.choice(near_revier)
    direction = next((p for p in w.directions if p.id == revier.parent_id), rng.choice(w.directions))
    state = rng.choice(w.state)
    lra = f"Landratsamt {district.short_name}" if district.type != "kreisfreie Stadt" else f"Stadtverwaltung {district.short_name}"
    mayor_f, officer_f = rng.random() < 0.4, rng.random() < 0.3
    mayor, mayor_last = _person(rng, mayor_f)
    officer, officer_last = _person(rng, officer_f)
    coord, coord_last = _person(rng, True)
    guest, _ = _person(rng, False)
    assoc_person, _ = _person(rng)
    assoc = f"{rng.choice(ASSOC_HEADS)} {rng.choice(ASSOC_NAMES)} e. V."
    office = ("Oberbürgermeisterin" if mayor_f else "Oberbürgermeister") if town.population > 20000 else (
        "Bürgermeisterin" if mayor_f else "Bürgermeister")
    rank = rng.choice(["Polizeihauptkommissarin", "Polizeioberkommissarin", "KHKin"] if officer_f else
                      ["Polizeihauptkommissar", "Polizeioberrat", "PHK", "KHK"])
    leader = "Leiterin" if officer_f else "Leiter"
    admin = f"{'Stadtverwaltung' if town.kind == 'Stadt' else 'Gemeindeverwaltung'} {town.name}"
    venue = rng.choice(VENUES)
    topic, topic2 = rng.sample(TOPICS, 2)
    day = date(2021, 1, 4) + timedelta(days=rng.randrange(0, 5 * 365))
    when = _long_date(day)
    weekday = WEEKDAYS[day.weekday()]
    n_members = rng.choice(["knapp zwanzig", "rund dreißig", "gut fünfzig", "etwa vierzig", "zwölf", "mehr als sechzig"])
    kind = rng.choice(["vernetzung", "kpr", "vereinbarung", "fachtag", "aktionstag"])

    if kind == "vernetzung":
        title = rng.choice([f"Vernetzungstreffen in {town.name}: Kommunen und Polizei stimmen sich ab",
                            f"Präventionsakteure aus {district.short_name} treffen sich in {town.name}",
                            f"Gemeinsam mehr erreichen – Vernetzungstreffen in {town.name}"])
        opening = (f"Zum Vernetzungstreffen der Präventionsakteure kamen am {when} {n_members} Teilnehmende {venue} "
                   f"von {town.name} zusammen. Eingeladen hatte die {admin} gemeinsam mit dem {revier.name}.")
    elif kind == "kpr":
        title = rng.choice([f"Kommunaler Präventionsrat {town.name} berät über {topic}",
                            f"KPR {town.name} tagt zum Thema {topic}",
                            f"{town.name}: Präventionsrat zieht Bilanz"])
        opening = (f"Der Kommunale Präventionsrat {town.name} ist am {when} {venue} zu seiner Sitzung zusammengekommen. "
                   f"{office} {mayor} begrüßte {n_members} Mitglieder und Gäste.")
    elif kind == "vereinbarung":
        title = rng.choice([f"{town.name} unterzeichnet Kooperationsvereinbarung mit der Polizei",
                            f"Kooperationsvereinbarung besiegelt: {town.name} und {other.name} treten der Allianz bei",
                            f"Neue Sicherheitspartnerschaft in {district.short_name}"])
        opening = (f"Mit ihren Unterschriften unter eine Kooperationsvereinbarung haben {office} {mayor} und der Präsident "
                   f"der {direction.name} am {when} die Zusammenarbeit in {town.name} besiegelt. Die Unterzeichnung fand {venue} statt.")
    elif kind == "fachtag":
        title = rng.choice([f"Fachtag „{topic}“ in {town.name}", f"Fachtagung in {town.name} widmet sich dem Thema {topic}",
                            f"{n_members.capitalize()} Fachleute beim Fachtag in {town.name}"])
        opening = (f"Unter dem Motto „{topic}“ stand der Fachtag, zu dem das {state.name} am {when} nach {town.name} eingeladen hatte. "
                   f"{n_members.capitalize()} Fachkräfte aus Verwaltung, Polizei und Jugendhilfe nahmen teil.")
    else:
        title = rng.choice([f"Aktionstag für mehr Sicherheit in {town.name}", f"Präventionstag lockt Familien in die Innenstadt von {town.name}",
                            f"Sicherheitstag in {town.name}: Polizei und Stadt informieren"])
        opening = (f"Beim Präventionstag am {weekday}, dem {when}, informierten Stadt, Polizei und Vereine auf dem Marktplatz von "
                   f"{town.name} über {topic}. {office} {mayor} eröffnete den Tag gemeinsam mit dem {revier.name}.")

    police_par = rng.choice([
        f"Für die Polizei berichtete {rank} {officer}, {leader} des {revier.name.replace('Polizeirevier', 'Polizeireviers')}, "
        f"über die Lage vor Ort. Die Zahl der Einbrüche sei zurückgegangen, Sorgen bereite dagegen {topic2}. "
        f"{officer_last} kündigte an, die Fußstreifen in den Abendstunden zu verstärken.",
        f"{officer} von der {direction.name} stellte die aktuellen Zahlen vor. Besonders beim Thema {topic2} wolle man "
        f"eng mit den Kommunen zusammenarbeiten. Auch die Bürgerpolizisten des Reviers waren vertreten.",
        f"Aus Sicht der Polizei schilderte {rank} {officer} ({revier.name}) die Entwicklung der vergangenen Monate. "
        f"Gemeinsam mit dem Ordnungsamt {town.name} seien mehrere Kontrollen durchgeführt worden.",
    ])
    town_par = rng.choice([
        f"Koordinatorin {coord} stellte die Ergebnisse einer Umfrage unter Einwohnern vor. Viele wünschten sich mehr "
        f"Beleuchtung und sichere Wege. Vertreter der Gemeinde {other.name} berichteten von ähnlichen Erfahrungen.",
        f"Der Präventionskoordinator der Stadt, {coord}, erläuterte die geplanten Maßnahmen zum Thema {topic}. "
        f"Aus {other.name} und {third.name} waren ebenfalls Vertreterinnen und Vertreter angereist.",
        f"Bürgermeister {guest} aus {other.name} berichtete, wie seine Gemeinde das Thema {topic2} angeht. "
        f"{coord}, Koordinatorin im {lra}, sagte Unterstützung zu.",
    ])
    assoc_par = rng.choice([
        f"Für die freien Träger sprach {assoc_person} vom {assoc}. Der Verein bietet seit dem Frühjahr offene Treffs "
        f"für Jugendliche an und sucht weitere Partner.",
        f"Der {assoc} präsentierte sein Projekt für Kinder und Familien. {assoc_person} warb für ehrenamtliche Mitarbeit "
        f"und lud alle Anwesenden zu einem Tag der offenen Tür ein.",
        f"Auch das {state.name} war vertreten: {guest} erläuterte die Fördermöglichkeiten des Landes für kommunale Präventionsprojekte.",
    ])
    district_par = rng.choice([
        f"Mitarbeitende des {lra.replace('Landratsamt', 'Landratsamtes')} ergänzten die Diskussion um Angebote der "
        f"Schulsozialarbeit. Die Zusammenarbeit im Landkreis solle weiter ausgebaut werden.",
        f"Die Teilnehmenden tauschten sich anschließend in kleinen Gruppen aus. Themen waren unter anderem {topic} und {topic2}.",
        f"Im Anschluss diskutierten die Anwesenden, wie die Zusammenarbeit zwischen {town.name}, {other.name} und der Polizei "
        f"verbessert werden kann.",
    ])
    closing = rng.choice([
        "Das nächste Treffen ist für den Herbst geplant.",
        f"Die nächste Sitzung soll im kommenden Frühjahr in {other.name} stattfinden.",
        "Eine Arbeitsgruppe soll bis zum Sommer einen Maßnahmenplan vorlegen.",
        f"{office} {mayor_last} dankte allen Beteiligten für ihr Engagement.",
    ])
    caption = rng.choice(["Die Teilnehmenden im Saal.", "Blick in die Runde.", "Gruppenbild nach der Veranstaltung.",
                          "Die Unterzeichnenden mit der Vereinbarung.", "Gespräche am Rande der Veranstaltung."])
    credit = rng.choice([admin, f"{revier.name}", f"{lra}", _person(rng)[0], f"{admin} | {_person(rng)[0]}"])
    fourth = rng.choice(neighbours)
    state2 = rng.choice(w.state)
    who_par = rng.choice([
        f"Vertreten waren außerdem die Gemeinden {fourth.name} und {third.name}, das {state2.name}, der "
        f"{rng.choice(ASSOC_HEADS)} {rng.choice(ASSOC_NAMES)} e. V. sowie Mitarbeitende der {direction.name}.",
        f"Mit am Tisch saßen Vertreterinnen und Vertreter aus {fourth.name}, {third.name} und {other.name}, "
        f"des {revier.name.replace('Polizeirevier', 'Polizeireviers')} und des {state2.name.replace('Landesamt', 'Landesamtes')}.",
        f"Unter den Gästen waren {_person(rng)[0]} vom {state2.name} und {_person(rng)[0]} aus {fourth.name}, "
        f"die über Erfahrungen aus ihrer Region berichteten.",
    ])
    middle = [police_par, town_par, assoc_par, who_par]
    rng.shuffle(middle)
    paragraphs = [opening, *middle, *rng.sample(DISCUSSION, 2), district_par, closing]
    body = "\n\n".join(paragraphs)
    text = f"{day:%d.%m.%Y}\n\n{title}\n\n{caption}\n© {credit}\n\n{body}\n"
    slug = {"vernetzung": "vernetzungstreffen", "kpr": "kpr-sitzung", "vereinbarung": "kooperationsvereinbarung",
            "fachtag": "fachtag", "aktionstag": "praeventionstag"}[kind]
    return f"{day:%Y-%m-%d}_{slug}_{i:06d}.txt", text


def reports(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    for i in range(n):
        yield report(i, seed)


def write_corpus(out: Path, n: int, seed: int = 1, per_folder: int = 1000) -> Path:
    """Write ``n`` reports as .txt files into ``out`` (sub-folders of ``per_folder``); returns ``out``."""
    out = Path(out)
    for i, (name, text) in enumerate(reports(n, seed)):
        folder = out / f"part{i // per_folder:04d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return out


def measure(paths: list[Path]) -> dict:
    """Words and entity mentions per report of a corpus, as the pipeline reads it."""
    from akteursnetz.ingest import read_reports
    from akteursnetz.nlp import load_nlp
    from akteursnetz.records import Report

    nlp = load_nlp()
    texts = [r.text for r in read_reports(paths) if isinstance(r, Report)]
    words = sum(len(t.split()) for t in texts)
    ents = sum(len(d.ents) for d in nlp.pipe(texts))
    return {"reports": len(texts), "words_per_report": round(words / len(texts), 1), "entities_per_report": round(ents / len(texts), 1),
            "entities_per_100_words": round(100 * ents / words, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", action="store_true", help="also compare length and entity density with data/raw")
    args = parser.parse_args()
    write_corpus(args.out, args.n, args.seed)
    print(f"wrote {args.n} reports to {args.out}")
    if args.measure:
        root = Path(__file__).resolve().parents[1]
        print("sample   ", measure([root / "data" / "raw"]))
        print("synthetic", measure([args.out]))


if __name__ == "__main__":
    main()
