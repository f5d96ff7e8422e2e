"""The extract stage: linked report -> meeting, persons' roles and affiliations, participation.

One concern per module: ``meeting`` (is there a meeting; type, date, venue,
place, region), ``persons`` (offices and affiliations), ``participation`` (who
takes part, in which role).  What they know of German event reports (cue words,
offices, venue words, collectives) is data in ``pipeline/data/lexicon/``, compiled
by ``lexicon``.  All rules are general cues of the genre, not the wording of one
text; each participation says whether the text states it or it is inferred.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..link import LinkedReport, Linker
from ..records import Actor, Meeting, Participation
from .meeting import MeetingFinder
from .participation import ParticipationFinder
from .persons import PersonRoles


@dataclass
class Extraction:
    meeting: Meeting | None
    participation: list[Participation] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # the report's actors incl. collectives, enriched


class Extractor:
    """Runs the three concerns in order: persons, meeting, participation."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.linker = Linker(gaz)
        self.persons = PersonRoles(gaz, self.linker)
        self.meetings = MeetingFinder(gaz, self.linker)
        self.participation = ParticipationFinder(gaz, self.linker)

    def extract(self, linked: LinkedReport, doc: Doc) -> Extraction:
        actors = dict(linked.actors)
        self.persons.roles(linked, doc, actors)
        self.persons.anaphoric_offices(linked, doc, actors)
        meeting = self.meetings.find(linked, doc, actors)
        if meeting is not None:
            self.persons.offices_of_meeting_place(actors, meeting)
        out = Extraction(meeting=meeting, actors=actors)
        if meeting is None:
            # still record credits and what is named, for the actor tables
            return out
        out.participation = self.participation.find(linked, doc, actors, meeting)
        self.meetings.place_from_participants(meeting, out.participation, actors)
        return out
