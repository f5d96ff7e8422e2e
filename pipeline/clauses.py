"""German clauses, and what they say about taking part.

A report names many actors; a sentence says of some of them that they were at
the meeting ("nahmen teil", "waren vertreten"), of others that they are planned
for the next one, counted in a statistic, described in a relative clause, or
absent. These helpers find the clause around a name and read its cues. They are
heuristics of German syntax — commas, relative pronouns, verb-final subordinate
clauses — not a parser, and they do not know the wording of any one report.

>>> main_clause("Die Stadt, die das Projekt trägt, nahm teil.", 0)
'Die Stadt nahm teil.'
>>> participation_cue("Die nächste Sitzung ist für Juni geplant, dann mit Gästen aus Pulsnitz.", 50)
False
"""

from __future__ import annotations

import re
from functools import lru_cache

#: A clause about what is planned or counted, not about the event itself:
#: "Die nächste Sitzung ist für Juni angesetzt", "sechs neue Vereinbarungen".
HYPOTHETICAL = re.compile(
    r"\b(nächste[nrs]?|kommende[nrs]?|geplant\w*|angesetzt|demnächst|künftig\w*|zukünftig\w*|vorgesehen|soll|sollen|"
    r"will|wollen|möchte\w*|überleg\w*|bisher|bislang|insgesamt|inzwischen|seit jahresbeginn)\b",
    re.I,
)
#: Someone who was not there.
ABSENT = re.compile(
    r"\b(verhindert|abwesend|entschuldigt|fehlte\w*|fehlen|fehlt|im urlaub|urlaubsbedingt|krankheitsbedingt|erkrankt"
    r"|absagen|abgesagt|grußwort geschickt"
    r"|nicht\b[^,.;]{0,50}\b(?:kommen|teilnehmen|anreisen|dabei sein|dabei)(?:\s+(?:konnte|konnten|kann|können))?)\b",
    re.I,
)
#: What is done routinely, not at this meeting.
HABITUAL = re.compile(r"\b(regelmäßig\w*|täglich\w*|wöchentlich\w*|monatlich\w*|jede[nrs]? (?:tag|woche|monat|dienstag|montag|mittwoch|donnerstag|freitag)|seit\b|immer|oft|häufig|in der regel)\b", re.I)
PAST_PARTICIPATION = re.compile(r"\b(nahmen|nahm|teilnahmen|teilgenommen|waren|war|kamen|kam|trafen|traf|hatten|hatte|schauten)\b", re.I)
AGGREGATE = re.compile(
    r"\b(?:(?<![\d.])\d{1,3}(?![\d.])|[Zz]wei|[Dd]rei|[Vv]ier|[Ff]ünf|[Ss]echs|[Ss]ieben|[Aa]cht|[Nn]eun|[Zz]ehn|[Zz]wölf"
    r"|[Zz]ahlreiche|[Mm]ehrere|[Vv]iele|[Ww]eitere|[Aa]lle[nr]?)\s+(?:[a-zäöüß]\w*\s+){0,2}"
    r"(?:\w*[Vv]ereinbarungen|\w*[Tt]reffen|\w*[Ss]itzungen|\w*[Tt]age|\w*[Tt]agungen|\w*[Vv]eranstaltungen)\b",
)
PARTICIPATION_CUE = re.compile(
    r"\b(trafen|traf|tagte\w*|kamen|versammelt\w*|nahmen|nahm|teil\b|teilnehm\w*|teilnahm\w*|teilgenommen|beteiligt\w*|vertreten|anwesend\w*"
    r"|zusammen\w*|dabei|gäste?n?|eingeladen\w*|einladung|folgten|mitglieder\w*|vertreter\w*|unterzeichne\w*|unterschrieb\w*"
    r"|diskutierten|berieten|tauschten|erarbeiteten|mitwirkend\w*|präsent|gemeinsam\w*|gekommen|angereist|partner\w*"
    r"|schilderte\w*|berichtete\w*|präsentierte\w*|erläuterte\w*|zeigte\w*|stellte\w* (?:\S+ ){0,12}vor"
    r"|unterstützt\w*|bereit|mitgewirkt|mitwirkte\w*|beigetreten|beitritt\w*"
    r"|vor ort (?:sein|präsent)|(?:waren|war|ist|sind|wird|werden) (?:\S+ ){0,5}vor ort)\b",
    re.I,
)


#: What an organisation does that runs an action day or an information stand: "bieten … Beratungen an",
#: "am Infostand der Polizeidirektion", "das Präventionsmobil … macht Station". Towns on a tour's route
#: are where it stops, so this cue is for organisations only.
RUNS_EVENT = re.compile(
    r"\b(bietet|bieten|boten|informierte\w*|informieren|berät|unterwegs|station|veranstaltet\w*|organisierte\w*"
    r"|durchgeführt|führen (?:\S+ ){0,8}durch|öffnet\w* (?:\S+ ){0,6}(?:tore|türen)"
    r"|(?:info|informations|beratungs|präventions)?(?:stand|mobil)\w* de[rs])\b",
    re.I,
)


#: ", das Schulen und Polizei gemeinsam tragen", ", wie die Stadt gemeinsam mit …": a clause that
#: describes something else; commas end it.
SUBORDINATE = re.compile(r",\s+(?:(?:mit|in|an|bei|von|für)\s+)?(?:das|die|der|dem|den|deren|dessen|welche[mnrs]?|wie|dass|ob|wo)\s", re.I)
#: Cues that tell a meeting took place with these actors — valid in any clause.
STRONG_CUE = re.compile(
    r"\b(trafen|traf|tagte\w*|kamen|versammelt\w*|nahmen|nahm|teil\b|teilnehm\w*|teilnahm\w*|teilgenommen|beteiligt\w*|vertreten|anwesend\w*"
    r"|eingeladen\w*|folgten|unterzeichne\w*|unterschrieb\w*|diskutierten|berieten|tauschten|präsent|gekommen|angereist)\b",
    re.I,
)


_CLAUSE_END = re.compile(r",\s+(?!(?:und|sowie|oder)\b)[a-zäöüß]")
_QUOTE = re.compile(r"[„»\"][^“«\"]*[“«\"]")


@lru_cache(maxsize=256)
def subordinate_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Relative and subordinate clauses: from their comma to a comma before a lower-case word
    (the next clause) — not to a comma inside a list of names."""
    spans = []
    for m in SUBORDINATE.finditer(text):
        item_start = text.rfind(",", 0, m.start()) + 1
        if re.match(r"\s*(?:der|des|dem|den|die|das|eines|einer)\s", text[item_start : m.start()]) and item_start > 0:
            continue  # "…, des Landratsamtes Vogtlandkreis, der Partnerschaft für Demokratie": a list, no relative clause
        close = _CLAUSE_END.search(text, m.end())
        end = close.start() if close else len(text)
        words = re.findall(r"[\wäöüßÄÖÜ]+", text[m.end() : end])
        if words and words[-1][:1].isupper():
            continue  # a subordinate clause ends with its verb; "…, das Landratsamt sowie das Polizeirevier" is a list
        spans.append((m.start(), end + 1 if close else end))  # with its closing comma
    return tuple(spans)


def subordinate_clause(text: str, offset: int) -> str:
    """The relative or subordinate clause around ``offset``, or "" if it stands in a main clause."""
    inside = [(a, b) for a, b in subordinate_spans(text) if a < offset < b]
    if not inside:
        return ""
    a, b = max(inside)  # the innermost
    return text[a:b]


def main_clause(text: str, offset: int) -> str:
    """The clause around ``offset`` without its subordinate clauses and quoted speech."""
    start = max(text.rfind(":", 0, offset), text.rfind(";", 0, offset)) + 1
    ends = [i for i in (text.find(":", offset), text.find(";", offset)) if i >= 0]
    end = min(ends) if ends else len(text)
    if start > 0 and text[start - 1] == ":" and _is_name_list(text[start:end]):
        # "… führen zahlreiche Organisationen gemeinsam durch: - Polizeirevier Freiberg - Sächsische Verkehrswacht":
        # a list without a verb after a colon belongs to the clause that introduces it
        start = max(text.rfind(":", 0, start - 1), text.rfind(";", 0, start - 1)) + 1
    return _WS.sub(" ", _outside_clauses(text)[start:end])


#: Small words a list of names may have between its capitalised words.
_LIST_SMALL_WORDS = frozenset("der des die das dem den und sowie mit für im am an von vom zur zum aus e v".split())


def _is_name_list(segment: str) -> bool:
    """Names only, no verb: every lower-case word is a small word of a name ("Stadt Freiberg mit Ordnungsamt")."""
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", segment)
    return len(words) >= 2 and all(w[0].isupper() or w in _LIST_SMALL_WORDS for w in words)


_WS = re.compile(r"\s+")


@lru_cache(maxsize=256)
def _outside_clauses(text: str) -> str:
    """``text`` with its subordinate clauses and quoted speech blanked out (computed once per sentence)."""
    keep = [True] * len(text)
    for a, b in subordinate_spans(text):
        for i in range(a, b):
            keep[i] = False
    for m in _QUOTE.finditer(text):
        for i in range(m.start(), m.end()):
            keep[i] = False
    return "".join(c if keep[i] else " " for i, c in enumerate(text))


def following_relative(text: str, end: int) -> str:
    """A relative clause right after a name: "die Leiter der Reviere in X, die ebenfalls teilnahmen," """
    m = re.compile(r"\s*,\s+(?:die|der|das|welche[rs]?)\s").match(text, end)
    if not m:
        return ""
    close = _CLAUSE_END.search(text, m.end())
    return text[m.start() : close.start() if close else len(text)]


def participation_cue(text: str, offset: int, end: int | None = None) -> bool:
    """Does the clause around ``offset`` say that its actors took part?

    A relative clause right after the name speaks of it ("…, die ebenfalls teilnahmen").
    In a relative or subordinate clause only strong cues count: "das ihre Gemeinde
    gemeinsam mit Radeburg betreibt" tells of a project, not of the meeting. A main
    clause that plans or counts events ("sollen sich künftig … abstimmen") is no cue.
    """
    if text.rstrip().endswith("?"):
        return False  # a question asks, it does not report who was there
    if STRONG_CUE.search(following_relative(text, end if end is not None else offset)):
        return True
    sub = subordinate_clause(text, offset)
    if sub:
        return bool(STRONG_CUE.search(sub))
    clause = main_clause(text, offset)
    if is_hypothetical(clause):
        return False
    if HABITUAL.search(clause):  # "Die Streifen laufen regelmäßig gemeinsam mit Beamten des Reviers"
        return bool(STRONG_CUE.search(clause))
    return bool(PARTICIPATION_CUE.search(clause))


@lru_cache(maxsize=8192)
def is_hypothetical(clause: str) -> bool:
    """A clause that plans or counts events rather than telling who took part in this one.

    Words inside a quotation are the speaker's, not the report's frame: in '"… wollen mehr
    Polizisten", sagte der Minister nach einem Besuch' the report tells of a visit that took place.

    >>> is_hypothetical('Mehr Polizisten", sagte der Minister nach einem Besuch in der Stadt.')
    False
    >>> is_hypothetical('"Wir wollen mehr Polizisten", sagte der Minister.')
    False
    >>> is_hypothetical("Die nächste Sitzung ist für Juni angesetzt.")
    True
    """
    frame = outside_quotes(clause)
    return bool(AGGREGATE.search(frame) or (HYPOTHETICAL.search(frame) and not PAST_PARTICIPATION.search(frame)))


_QUOTED = re.compile(r'„[^“”"]*[“”"]|"[^"]*"|»[^«]*«|«[^»]*»|“[^”]*”')
_CLOSE_THEN_SPEECH = re.compile(r'^[^„"»«“]*["“”«]\s*,\s+(?=\w)')
_OPEN_TO_END = re.compile(r'[„"»“][^„"»«“”]*$')


def outside_quotes(text: str) -> str:
    """The report's own words of a sentence: quotations removed, also one begun in the sentence
    before ('… Straße", sagte er') or going on into the next.  A sentence that is all quotation
    is kept as it is.

    >>> outside_quotes('Er sagte: „Wir kommen wieder.“ Dann ging er.')
    'Er sagte:   Dann ging er.'
    >>> outside_quotes('mehr Polizisten auf der Straße", sagte der Minister.')
    'sagte der Minister.'
    """
    if not any(q in text for q in '„"»«“”'):
        return text
    frame = _QUOTED.sub(" ", text)
    frame = _CLOSE_THEN_SPEECH.sub("", frame)
    frame = _OPEN_TO_END.sub("", frame)
    return frame if len(frame.split()) >= 2 else text
