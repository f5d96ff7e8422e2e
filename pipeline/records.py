"""Small typed records passed between the pipeline stages.

ingest -> :class:`Report`; nlp -> spaCy ``Doc``; link -> :class:`Mention` and
:class:`Actor`; extract -> :class:`Meeting` and :class:`Participation`;
network -> edge tables.  Every record is a frozen-ish dataclass with only
scalar fields (lists of strings at most) so it maps 1:1 onto a table row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

# Actor kinds ---------------------------------------------------------------
ORG_KINDS = (
    "municipality_admin",
    "police",
    "district_admin",
    "state_ministry",
    "state_agency",
    "association",
    "ngo_institute",
    "school",
    "business",
    "other",
)
PLACE_KINDS = ("municipality", "district", "region", "venue")
ACTOR_KINDS = ("person", "collective", *ORG_KINDS, *PLACE_KINDS)

#: Kinds that count as "municipal" (kommunal) for police-municipality links:
#: towns, their administrations, districts and district offices.
MUNICIPAL_KINDS = ("municipality", "municipality_admin", "district", "district_admin")

# Roles an actor plays in a meeting; the first six make it a participant.
PARTICIPANT_ROLES = ("participant", "host", "organiser", "speaker", "moderator", "signatory")
ROLES = (*PARTICIPANT_ROLES, "mentioned", "credit")

MEETING_TYPES = (
    "Vernetzungstreffen",
    "KPR-Sitzung",
    "Unterzeichnung einer Kooperationsvereinbarung",
    "Fachtagung",
    "Präventionstag",
    "KPR-Gründung",
    "Beitritt",
    "Arbeitsgruppensitzung",
    "Klausurtagung",
    "Besuch",
    "Sicherheitsgespräch",
    "other",
)  # the types of pipeline/data/lexicon/meeting_types.json, and "other"
#: Participation in a meeting that is only announced is capped below the certainty threshold of links.
ANNOUNCED_CONFIDENCE = 0.65

# Basis of a fact: the text says it (stated) or the pipeline concluded it (inferred).
STATED, INFERRED = "stated", "inferred"


@dataclass(slots=True)
class Report:
    """One report as read from a file, split into its parts."""

    report_id: str
    source: str  # path (and row, for JSONL/CSV) it was read from
    text: str  # the cleaned report text the offsets of all mentions refer to
    title: str = ""
    date: str | None = None  # ISO 8601
    date_basis: str = "none"  # "dateline", "body", "metadata" or "none"
    caption: str = ""
    credit: str = ""
    body_start: int = 0  # offset in ``text`` where the body begins
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    duplicate_sources: list[str] = field(default_factory=list)  # other inputs with the same text

    def sections(self) -> list[tuple[str, int, int]]:
        """(name, start, end) of title, caption, credit and body in ``text``."""
        out = []
        pos = 0
        for name, part in (("title", self.title), ("caption", self.caption), ("credit", self.credit)):
            if part:
                start = self.text.find(part, pos)
                if start >= 0:
                    out.append((name, start, start + len(part)))
                    pos = start + len(part)
        out.append(("body", self.body_start, len(self.text)))
        return out


@dataclass(slots=True)
class Skipped:
    """A file or row that could not be read, with the reason for the summary."""

    source: str
    reason: str


@dataclass(slots=True)
class Duplicate:
    """An input whose text (normalised) was already read: recorded with the first report, not processed twice."""

    source: str
    report_id: str  # the report it repeats


@dataclass(slots=True)
class Sentence:
    report_id: str
    sentence_id: str
    start: int
    end: int
    section: str
    text: str


@dataclass(slots=True)
class Actor:
    actor_id: str
    name: str
    kind: str
    ags: str = ""  # official municipality key, where the actor belongs to one
    district: str = ""  # district name
    district_ags: str = ""
    key: str = ""  # evaluation key: ags:…, district:…, police:…, state:…, org:…, person:…
    role: str = ""  # a person's office (Koordinator, Bürgermeisterin, …)
    affiliation: str = ""  # actor_id of the organisation a person or collective belongs to
    lat: float | None = None
    lon: float | None = None
    confidence: float = 1.0
    basis: str = STATED
    note: str = ""  # why uncertain, which candidates were left open


@dataclass(slots=True)
class Mention:
    report_id: str
    mention_id: str
    start: int
    end: int
    text: str
    label: str  # PER, LOC, ORG, MISC
    sentence_id: str
    section: str
    actor_id: str = ""
    source: str = "model"  # "model" or "rules"
    confidence: float = 1.0
    note: str = ""


@dataclass(slots=True)
class Meeting:
    meeting_id: str
    report_id: str
    date: str | None
    type: str
    title: str = ""
    venue: str = ""
    ags: str = ""
    municipality: str = ""
    district: str = ""
    region: str = ""  # the district (Landkreis or kreisfreie Stadt) of the meeting
    programme_region: str = ""  # the programme's region the report names ("Westsachsen"), else ""
    topics: str = ""  # "; "-joined
    date_basis: str = "none"
    confidence: float = 1.0
    evidence: str = ""  # sentence id(s) the meeting rests on
    status: str = "held"  # "held", or "announced" when the report tells of it before it takes place


@dataclass(slots=True)
class Participation:
    meeting_id: str
    actor_id: str
    role: str
    basis: str = STATED
    confidence: float = 1.0
    sentence_id: str = ""
    evidence: str = ""
    #: for a person: the actor they act for in this meeting, as this report says (their office's organisation);
    #: "" where the report names none
    acts_for: str = ""


def as_row(record) -> dict:
    """A record as a flat dict (lists joined with '; ')."""
    # the fields are scalars or lists of strings: read them directly (asdict deep-copies, which was slow)
    names = _FIELDS.get(type(record))
    if names is None:
        names = _FIELDS[type(record)] = tuple(f.name for f in fields(record))
    row = {k: getattr(record, k) for k in names}
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


_FIELDS: dict[type, tuple[str, ...]] = {}


def org_id(name: str) -> str:
    """An organisation's id from its word set, so "Institut B3" = "B3 Institut"."""
    from .text import slug, stem_phrase

    return f"org:{slug(' '.join(sorted(stem_phrase(name).split())))}"


def merge_actor(actors: dict[str, Actor], actor: Actor) -> Actor:
    """Keep one record per actor id within a report; keep the surest reading."""
    known = actors.get(actor.actor_id)
    if known is None:
        actors[actor.actor_id] = actor
        return actor
    if actor.confidence > known.confidence:
        known.confidence, known.basis, known.note = actor.confidence, actor.basis, actor.note
    return known


def frame_rows(frame) -> list[dict]:
    """A table's rows as dicts, as ``frame.to_dict("records")`` gives them, built column by column:
    several times faster on large tables (``to_dict`` boxes every cell of an Arrow column one by one).

    >>> import pandas as pd
    >>> frame_rows(pd.DataFrame({"a": [1, 2], "b": ["x", None]}))
    [{'a': 1, 'b': 'x'}, {'a': 2, 'b': None}]
    """
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]
