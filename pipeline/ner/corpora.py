"""Readers that turn the open German NER corpora into spaCy ``Doc`` objects.

Every reader yields docs whose ``ents`` use the four labels of spaCy's German
pipelines (PER, LOC, ORG, MISC), so a model trained on them drops into the
pipeline exactly like ``de_core_news_*``.

The corpora differ in their guidelines; the mapping choices are:

* GermEval 2014: outer spans; ``OTH`` -> MISC; ``*deriv`` / ``*part`` -> O
  (they are not names of the same span, e.g. "deutsche", "EU-weit").
* SmartData: person -> PER, location* -> LOC, organization* -> ORG; all other
  types (dates, numbers, triggers) are not names and stay O.  SmartData has no
  MISC class, so its tokens outside annotated names are marked *missing*, not O,
  when ``partial=True`` (the default) -- otherwise it would teach the model that
  every MISC name is O.
* Europeana Newspapers (historic OCR) and the legal corpus (LER) are mapped the
  same way, with unknown classes left missing.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import biluo_tags_to_spans, iob_to_biluo

LABELS = ("PER", "LOC", "ORG", "MISC")

_GERMEVAL_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
_SMARTDATA_MAP = {
    "person": "PER",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
    "organization": "ORG",
    "organization-company": "ORG",
}
# LER: PER/RR/AN/RichterIn/AnwältIn are persons; LD/ST/STR/LDS places;
# ORG/UN/INN/GRT/MRK organisations (MRK = brand, closest to ORG in GermEval).
_LER_MAP = {
    "PER": "PER", "RR": "PER", "AN": "PER",
    "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
}

_SOFT_HYPHEN = "\u00ad"


def normalise_token(token: str) -> str:
    """Repair the old GermEval encoding (U+0092 for an apostrophe, soft hyphens)."""
    token = token.replace("\u0092", "\u2019").replace(_SOFT_HYPHEN, "")
    return token or "-"


def _map_iob(tag: str, mapping: dict[str, str]) -> str:
    """Map a corpus IOB tag to one of LABELS; unknown classes become 'O'."""
    if tag in ("O", ""):
        return "O"
    prefix, _, label = tag.partition("-")
    if prefix not in ("B", "I") or label not in mapping:
        return "O"
    return f"{prefix}-{mapping[label]}"


def _doc_from_iob(vocab, words: list[str], tags: list[str]) -> Doc:
    words = [normalise_token(w) for w in words]
    doc = Doc(vocab, words=words)
    # repair I- without a preceding B- (corpora are not always clean)
    fixed, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        prev = tag
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(fixed))
    return doc


def read_germeval_train(path: Path, vocab) -> Iterator[Doc]:
    """GermEval 2014 ``train.tsv``: ``Sentence<TAB>Slot`` (CSV-quoted)."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quotechar='"')
        next(reader)  # header
        for row in reader:
            if len(row) < 2:
                continue
            words, tags = row[0].split(" "), row[1].split(" ")
            if len(words) != len(tags):
                continue
            yield _doc_from_iob(vocab, words, [_map_iob(t, _GERMEVAL_MAP) for t in tags])


def read_germeval_conll(path: Path, vocab) -> Iterator[Doc]:
    """Official GermEval 2014 dev/test: index, token, outer tag, inner tag."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield _doc_from_iob(vocab, words, tags)
                words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(_map_iob(cols[2], _GERMEVAL_MAP))
    if words:
        yield _doc_from_iob(vocab, words, tags)


def _load_concatenated_json(path: Path) -> Iterator[dict]:
    text = gzip.open(path, "rt", encoding="utf-8").read()
    decoder, i = json.JSONDecoder(), 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = decoder.raw_decode(text, i)
        yield obj


def read_smartdata(path: Path, nlp: Language, partial: bool = True) -> Iterator[Doc]:
    """DFKI SmartData v1 JSON: character-offset mentions on raw documents.

    Documents are tokenised with ``nlp`` and split into lines/sentences so that
    training batches stay small.
    """
    for record in _load_concatenated_json(path):
        text = record["text"]["string"]
        spans = []
        for mention in (record.get("conceptMentions") or {}).get("array", []):
            label = _SMARTDATA_MAP.get(mention["type"])
            if label:
                spans.append((mention["span"]["start"], mention["span"]["end"], label))
        yield from _char_spans_to_docs(nlp, text, spans, partial)


def _char_spans_to_docs(nlp: Language, text: str, spans, partial: bool) -> Iterator[Doc]:
    """Tokenise ``text`` per line, attach char-offset spans, mark the rest O or missing."""
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        doc = nlp.make_doc(line)
        ents = []
        for s, e, label in spans:
            if s >= start and e <= end:
                span = doc.char_span(s - start, e - start, label=label, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
        ents = _drop_overlaps(ents)
        if partial:
            doc.set_ents(ents, default="missing")
            # Tokens inside capitalised words that are not annotated are the
            # ones whose status we do not know (a MISC name?); everything else
            # (lower-case words, punctuation, numbers) is confidently O.
            outside = [t for t in doc if t.ent_iob_ == "" and not t.is_title and not t.is_upper]
            doc.set_ents([], outside=[doc[t.i : t.i + 1] for t in outside], default="unmodified")
        else:
            doc.ents = ents
        yield doc


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _read_token_per_line(path: Path, sep: str, mapping, vocab, partial: bool, chunk: int) -> Iterator[Doc]:
    """Token-per-line BIO files; sentences end at blank lines or (if none) at '.'."""
    words: list[str] = []
    tags: list[str] = []

    def flush() -> Iterator[Doc]:
        if words:
            doc = _doc_from_iob(vocab, words, tags)
            if partial:
                ents = list(doc.ents)
                doc.set_ents(ents, default="missing")
                outside = [t for t in doc if t.ent_iob_ == "" and not t.is_title and not t.is_upper]
                doc.set_ents([], outside=[doc[t.i : t.i + 1] for t in outside], default="unmodified")
            yield doc

    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            parts = line.split(sep) if line.strip() else []
            if len(parts) < 2 or line.startswith("# ") or parts[0] == "file:":
                if words and (not line.strip() or len(words) >= chunk):
                    yield from flush()
                    words, tags = [], []
                continue
            token, tag = parts[0], parts[-1].strip()
            if not token:
                continue
            tag = tag.replace("_", "-")
            words.append(token)
            tags.append(_map_iob(tag, mapping))
            if (token in {".", "!", "?"} and len(words) >= 8) or len(words) >= chunk:
                yield from flush()
                words, tags = [], []
    yield from flush()


def read_europeana(path: Path, vocab, partial: bool = True) -> Iterator[Doc]:
    """Europeana Newspapers BIO (historic OCR, PER/LOC/ORG only)."""
    mapping = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
    yield from _read_token_per_line(path, " ", mapping, vocab, partial, chunk=60)


def read_ler(path: Path, vocab, partial: bool = True) -> Iterator[Doc]:
    """German Legal Entity Recognition corpus (CoNLL, fine classes mapped)."""
    yield from _read_token_per_line(path, " ", _LER_MAP, vocab, partial, chunk=80)


def count_entities(docs: Iterable[Doc]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in docs:
        for ent in doc.ents:
            counts[ent.label_] = counts.get(ent.label_, 0) + 1
    return counts


_WS = re.compile(r"\s+")
