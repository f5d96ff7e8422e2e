"""Small German text helpers shared by the stages: folding, light stemming, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
_QUOTES = "\"'„“”‚‘’»«›‹"
# Inflectional endings stripped for matching names across case forms:
# "Sächsischen Städte- und Gemeindetages" ~ "Sächsischer Städte- und Gemeindetag".
_ENDINGS = ("es", "en", "em", "er", "e", "s", "n")


@lru_cache(maxsize=1 << 16)  # pure and called with the same names again and again
def fold(text: str) -> str:
    """Case- and whitespace-folded form for exact lookups."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = text.strip().strip(_QUOTES).strip()
    return _WS.sub(" ", text).casefold()


@lru_cache(maxsize=1 << 16)  # pure and called with the same names again and again
def stem_word(word: str) -> str:
    """Strip up to two endings, so that 'Polizeireviers' and 'Polizeirevier' meet."""
    word = word.casefold()
    for _ in range(2):
        if not (len(word) > 4 and word.isalpha()):
            break
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        else:
            break
    return word


@lru_cache(maxsize=1 << 16)  # pure and called with the same names again and again
def stem_phrase(text: str) -> str:
    """Folded phrase with each word's inflectional ending stripped."""
    words = re.findall(r"[\w.]+(?:-[\w.]*)*|&", fold(text))
    return " ".join(stem_word(w) for w in words)


@lru_cache(maxsize=1 << 16)  # pure and called with the same names again and again
def slug(text: str) -> str:
    """ASCII slug for stable, readable ids: 'Jörg Rudolph' -> 'joerg-rudolph'."""
    text = text.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def clean_space(text: str) -> str:
    return _WS.sub(" ", text).strip()
