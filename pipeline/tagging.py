"""Texts -> spaCy ``Doc`` objects so that one report can never end the run.

Reports are tagged in batches (``nlp.pipe``); when a batch fails, its reports
are tagged one by one, and the one that fails is returned with its error. A
text longer than ``nlp.max_length`` (spaCy's E088) is tagged in parts cut at
paragraph boundaries and joined back into one ``Doc``, whose text is exactly
the report text, so every offset stays exact.

>>> split_text("Absatz eins.\\n\\nAbsatz zwei.\\n\\nDrei.", 20)
['Absatz eins.\\n\\n', 'Absatz zwei.\\n\\nDrei.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

#: Where to cut an over-long text, best first: paragraph, line, sentence, word.
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most ``limit`` characters whose concatenation is ``text``."""
    parts = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() <= limit]
            if ends and ends[-1] > limit // 4:
                cut = ends[-1]
                break
        cut = cut or limit  # one word longer than the limit: cut it
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return [p for p in parts if p] or [""]


def tag_one(nlp, text: str) -> Doc:
    """One text, in parts when it is longer than ``nlp.max_length``."""
    if len(text) <= nlp.max_length:
        return nlp(text)
    docs = list(nlp.pipe(split_text(text, nlp.max_length)))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text, "parts must join to the report text"
    return doc


def tag(nlp, items: Iterable, text_of, batch_size: int = 16) -> Iterator[tuple[object, Doc | None, Exception | None]]:
    """(item, doc, None) or (item, None, error) for each item, in order."""
    batch: list = []

    def flush() -> Iterator:
        short = [it for it in batch if len(text_of(it)) <= nlp.max_length]
        docs: dict[int, Doc] = {}
        if short:
            try:
                docs = {id(it): d for it, d in zip(short, nlp.pipe([text_of(it) for it in short], batch_size=batch_size))}
            except Exception:  # noqa: BLE001 - find the report that failed, one by one
                docs = {}
        for it in batch:
            if id(it) in docs:
                yield it, docs[id(it)], None
                continue
            try:
                yield it, tag_one(nlp, text_of(it)), None
            except Exception as exc:  # noqa: BLE001
                yield it, None, exc

    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
