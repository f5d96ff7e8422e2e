"""Strings that every output format can hold, CSV cells a spreadsheet shows as text, and a test hook.

Reports come from PDFs, Word exports and scrapers: form feeds, vertical tabs,
U+FFFE, lone surrogates from JSON escapes. XML (GraphML, GEXF) cannot hold
them and UTF-8 writers (CSV, JSON, Parquet) fail on surrogates, so ingest
passes every string through :func:`sanitise` once; all offsets then refer to
the sanitised text.

>>> sanitise("Seite 1\\x0cSeite 2\\ufffe\\x00 Ende\\ud800")
'Seite 1\\nSeite 2 Ende\\ufffd'
>>> csv_cell("=HYPERLINK(1)"), csv_cell("-5 Grad"), csv_cell("Werdau"), csv_cell(-5)
("'=HYPERLINK(1)", "'-5 Grad", 'Werdau', -5)
>>> csv_uncell("'=HYPERLINK(1)"), csv_uncell("''Zitat'")
('=HYPERLINK(1)', "'Zitat'")
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

# Page and line breaks of Word and pdftotext output stay breaks.
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other C0/C1 controls (tab and newline stay), DEL, the non-characters, and
# lone surrogates (the last are replaced, so a broken character stays visible).
_NONCHARS = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
_DROP = re.compile(f"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef{_NONCHARS}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def sanitise(text: str) -> str:
    """``text`` with only characters that XML 1.0, UTF-8 and every table format accept."""
    text = _BREAKS.sub("\n", text)
    text = _DROP.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def shown_path(path: str | os.PathLike) -> str:
    """A path as text for the output tables (undecodable bytes in file names become U+FFFD)."""
    return sanitise(os.fspath(path))


# ------------------------------------------------------------------ CSV
#: First characters that make a spreadsheet read a cell as a formula (OWASP
#: "CSV injection"), plus the apostrophe itself so that escaping can be undone.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value):
    """A string cell that starts like a formula gets a leading apostrophe; other values stay."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_uncell(value):
    """The raw string of a cell written by :func:`csv_cell` (for the project's own CSV readers)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


# ------------------------------------------------------------------ test hook
_seen: dict[str, int] = {}


def checkpoint(name: str) -> None:
    """Pause forever at ``name`` when ``$AKTEURSNETZ_PAUSE_AT`` asks for it (``name`` or ``name:N``).

    The kill tests start a run with this set, wait for ``$AKTEURSNETZ_PAUSE_FILE``
    to appear and send SIGKILL: so the moment of the kill is exact, not a race.
    """
    want = os.environ.get("AKTEURSNETZ_PAUSE_AT")
    if not want:
        return
    point, _, nth = want.partition(":")
    if point != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] != int(nth or 1):
        return
    flag = os.environ.get("AKTEURSNETZ_PAUSE_FILE")
    if flag:
        Path(flag).write_text(name, encoding="utf-8")
    while True:
        time.sleep(1)
