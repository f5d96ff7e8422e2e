"""An ``EntityRuler`` with the same matches, found faster.

spaCy's ``EntityRuler`` runs its token patterns through a ``Matcher``, which
tests every token against every pattern's predicates; for the few thousand
organisation patterns of the gazetteer (each word a ``{"LOWER": {"IN": [...]}}``
set of inflected forms) that costs as much as the NER model. A pattern whose
tokens are all plain ``LOWER`` or ``ORTH`` tests is the same as the set of phrases
of its forms (the product of each word's variants), so those go into one
``PhraseMatcher`` per attribute, a hash lookup per token. Only patterns with
other predicates (``REGEX``, ``IS_TITLE``, ``OP``) stay in the ``Matcher``.

Phrase patterns are tokenised with ``nlp.make_doc`` (the matchers read the
words only), not run through the whole pipeline, which made loading slow.

The matches (label, id, start, end) and their resolution
(``EntityRuler.match`` / ``set_annotations``) are unchanged, so the entities are
identical.
"""

from __future__ import annotations

import warnings
from itertools import product

from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

#: A token pattern that would expand to more phrases than this stays a token pattern.
MAX_EXPANSION = 4096


def _token_forms(token: dict) -> tuple[str, list[str]] | None:
    """("LOWER"|"ORTH", forms) of a token pattern that is one plain attribute test, else None."""
    if len(token) != 1:
        return None
    (attr, value), = token.items()
    attr = attr.upper()
    if attr not in ("LOWER", "ORTH", "TEXT"):
        return None
    attr = "ORTH" if attr == "TEXT" else attr
    if isinstance(value, str):
        return attr, [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return attr, list(dict.fromkeys(value["IN"]))
    return None


def expand(pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
    """(attribute, list of word sequences) equal to a token pattern, or None if it is not expandable."""
    forms = [_token_forms(t) for t in pattern]
    if not forms or any(f is None for f in forms):
        return None
    attrs = {a for a, _ in forms}
    if len(attrs) != 1:
        return None
    n = 1
    for _, words in forms:
        n *= len(words)
    if n > MAX_EXPANSION:
        return None
    return attrs.pop(), [list(p) for p in product(*(words for _, words in forms))]


class FastEntityRuler(EntityRuler):
    """``EntityRuler`` whose plain token patterns are matched as phrases (see the module docstring)."""

    def __init__(self, nlp, name="entity_ruler", **kwargs):
        super().__init__(nlp, name=name, **kwargs)
        self.expanded = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "ORTH")}

    def add_patterns(self, patterns):
        rest, phrases = [], []
        for entry in patterns:
            pattern = entry["pattern"]
            if isinstance(pattern, str):
                phrases.append(entry)
                continue
            expanded = expand(pattern) if isinstance(pattern, list) else None
            if expanded is None:
                rest.append(entry)
                continue
            attr, sequences = expanded
            label = entry["label"]
            if "id" in entry:
                ent_label, label = label, self._create_label(label, entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (ent_label, entry["id"])
            self.token_patterns[label].append(pattern)  # kept for to_disk / len(), as EntityRuler does
            self.expanded[attr].add(label, [Doc(self.nlp.vocab, words=words) for words in sequences])
        if rest:
            super().add_patterns(rest)
        if phrases:
            self._add_phrases(phrases)

    def _add_phrases(self, entries):
        """As ``EntityRuler.add_patterns`` for phrase patterns, tokenised by the tokenizer alone."""
        for entry in entries:
            label = entry["label"]
            doc = self.nlp.make_doc(entry["pattern"])
            if "id" in entry:
                ent_label, label = label, self._create_label(label, entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (ent_label, entry["id"])
            self.phrase_patterns[label].append(doc)
            self.phrase_matcher.add(label, [doc])

    def match(self, doc: Doc):
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            matches = list(self.matcher(doc)) if len(self.matcher) else []
            matches += list(self.phrase_matcher(doc))
            for matcher in self.expanded.values():
                if len(matcher):
                    matches += list(matcher(doc))
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def _require_patterns(self) -> None:
        if len(self) == 0:
            super()._require_patterns()
