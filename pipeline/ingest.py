"""Files -> :class:`Report` records.

Reads plain text (UTF-8; cp1252/latin-1 recognised with a warning), saved
HTML pages (main text by trafilatura, photo captions from ``<figcaption>``),
and JSONL/CSV files with a text column. Recognises the report shape of the
ASSKomm news: a date line, a title, a photo caption with its ``©`` credit,
the body; drops page furniture ("zurück zum Seitenanfang", navigation).

Anything that cannot be read becomes a :class:`Skipped` with the reason, so a
run goes on and its summary can name the file.

>>> parts = parse_report_text("24.04.2024\\n\\nTreffen in Werdau\\n\\nAlle im Saal.\\n© SMI | Max Muster\\n\\nText.")
>>> parts.date, parts.title, parts.caption, parts.credit
('2024-04-24', 'Treffen in Werdau', 'Alle im Saal.', 'SMI | Max Muster')
"""

from __future__ import annotations

import csv
from fnmatch import fnmatch
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .records import Duplicate, Report, Skipped
from .safety import sanitise, shown_path
from .text import slug

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
TEXT_COLUMNS = ("text", "body", "content", "article", "fulltext")

# Page furniture of the source site and of typical CMS pages.
FURNITURE = re.compile(
    r"zurück zum Seitenanfang|nach oben|Seitenanfang|Drucken|Seite drucken|Teilen auf \w+|Diese Seite teilen"
    r"|Zur Übersicht|zurück zur Übersicht|Inhalt überspringen|Navigation überspringen",
    re.IGNORECASE,
)
NAV_LINE = re.compile(
    r"^(Startseite|Home|Kontakt|Impressum|Datenschutz(erklärung)?|Barrierefreiheit|Sitemap|Suche|Menü|Presse"
    r"|Aktuelles|Leichte Sprache|Gebärdensprache|Login|Newsletter)(\s*[|·/>»-]\s*\w+)*$",
    re.IGNORECASE,
)

MONTHS = {
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "december": 12, "mar": 3, "oct": 10, "dec": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DATELINE = re.compile(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*$")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2}\b)?")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
WORD_DATE = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
ENGLISH_DATE = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)


@dataclass
class ReportParts:
    """The recognised parts of one report text."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    body: str = ""
    date: str | None = None
    date_basis: str = "none"
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ dates
def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


#: The first day of a range right before a word date: "27. und " / "8. bis " / "8.–".
DAY_BEFORE_RANGE = re.compile(r"\b(\d{1,2})\.\s*(?:und|bis|-|–|/)\s*$")


def find_dates(text: str, default_year: int | None = None) -> list[tuple[int, str]]:
    """All dates in ``text`` as (offset, ISO) pairs, in order of appearance.

    Understands "3. November 2022", "3.11.2022", "2022-11-03", "November 3, 2022", and the
    first day of "27. und 28. Februar 2012"; a date without a year takes ``default_year``.

    >>> find_dates("Vom 8. bis 10. September 2023 feierte Plauen.")
    [(4, '2023-09-08'), (11, '2023-09-10')]
    """
    found: dict[int, str] = {}
    for m in WORD_DATE.finditer(text):
        year = int(m.group(3)) if m.group(3) else default_year
        if year:
            iso = _valid(year, MONTHS[m.group(2).lower()], int(m.group(1)))
            if iso:
                found.setdefault(m.start(), iso)
            # "am 27. und 28. Februar", "vom 8. bis 10. September": the event begins on the first day
            first = DAY_BEFORE_RANGE.search(text[max(0, m.start() - 14) : m.start()])
            if first:
                iso = _valid(year, MONTHS[m.group(2).lower()], int(first.group(1)))
                if iso:
                    found.setdefault(max(0, m.start() - 14) + first.start(1), iso)
    for m in ENGLISH_DATE.finditer(text):
        iso = _valid(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if iso:
            found.setdefault(m.start(), iso)
    for m in ISO_DATE.finditer(text):
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.setdefault(m.start(), iso)
    for m in NUMERIC_DATE.finditer(text):
        if m.start() in found or any(s <= m.start() < s + 20 for s in found):
            continue
        year_text = m.group(3)
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        elif default_year:
            year = default_year
        else:
            continue
        iso = _valid(year, int(m.group(2)), int(m.group(1)))
        if iso:
            found.setdefault(m.start(), iso)
    return sorted(found.items())


WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6}
WEEKDAY = re.compile(
    r"\b(?:am|vom|seit)\s+(?:vergangenen\s+|letzten\s+|zurückliegenden\s+)?"
    r"(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)(?:abend|vormittag|nachmittag|morgen|mittag)?\b",
    re.I,
)


#: Days back from the report's date: "gestern", "am Vortag", "heute", "Ende letzter Woche".
RELATIVE_DAYS = {"heute": 0, "heutigen": 0, "gestern": 1, "gestrigen": 1, "vortag": 1, "vorgestern": 2}
RELATIVE_DAY = re.compile(
    r"\b(vorgestern|gestern|gestrigen|heute|heutigen|am vortag|ende (?:letzter|vergangener|der vergangenen|der letzten) woche)\b", re.I
)


def weekday_before(text: str, report_date: str) -> str | None:
    """"am vergangenen Samstag" in a report dated Tuesday 5 March 2024 -> 2024-03-02; "gestern",
    "am Vortag", "Ende letzter Woche" (its Friday) likewise count back from the report's date.

    A report tells of the past: the weekday is the latest such day up to the
    report's date ("am Mittwoch" in a report of that Wednesday is that day).

    >>> weekday_before("Der Rat hat sich am Montagabend gegründet.", "2024-03-12")
    '2024-03-11'
    >>> weekday_before("Ende letzter Woche trafen sich die Bürgermeister.", "2024-03-12")
    '2024-03-08'
    """
    if not report_date:
        return None
    day = date.fromisoformat(report_date)
    m = WEEKDAY.search(text)
    relative = RELATIVE_DAY.search(text)
    if relative and (not m or relative.start() < m.start()):
        word = relative.group(1).lower()
        if "woche" in word:  # "Ende letzter Woche": the Friday of the week before
            return (day - timedelta(days=day.weekday() + 3)).isoformat()
        return (day - timedelta(days=RELATIVE_DAYS[word.split()[-1]])).isoformat()
    if not m:
        return None
    back = (day.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
    if back == 0 and re.search(r"vergangen|letzten|zurückliegend", m.group(0), re.I):
        back = 7  # "am vergangenen Mittwoch", written on a Wednesday
    return (day - timedelta(days=back)).isoformat()


# -------------------------------------------------------------- structure
def _strip_furniture(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u00ad", "")
    text = FURNITURE.sub("\n", text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if not NAV_LINE.match(ln.strip()))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def parse_report_text(text: str) -> ReportParts:
    """Split a report into date, title, caption, credit and body."""
    parts = ReportParts()
    paras = _paragraphs(_strip_furniture(text))
    # re-split: the date line and the credit line are lines of their own
    items: list[str] = []
    for i, p in enumerate(paras):
        lines = p.split("\n")
        if i <= 1 and len(lines) > 1 and _is_title_line(lines[0]) and not DATELINE.match(lines[0]):
            items.append(lines[0].strip())  # a title on a line of its own, no blank line after it
            p = "\n".join(lines[1:])
        items.extend(_split_special_lines(p))
    if items and DATELINE.match(items[0]):
        d, m, y = DATELINE.match(items[0]).groups()
        parts.date = _valid(int(y), int(m), int(d))
        parts.date_basis = "dateline" if parts.date else "none"
        items = items[1:]
    elif items and len(items[0].split()) <= 5 and find_dates(items[0]):
        # a date line in words, German or English: "6. November 2024", "May 14, 2024", "Dienstag, 3. März 2023"
        parts.date = find_dates(items[0])[0][1]
        parts.date_basis = "dateline"
        items = items[1:]
    credit_at = next((i for i, it in enumerate(items[:6]) if it.lstrip().startswith("©") or _is_credit(it)), None)
    if credit_at is not None:
        credit_line = items[credit_at]
        caption, credit = _split_credit(credit_line)
        # a bare credit line captions the short paragraph before it; after a long one it is the page's last line
        caption_before = not caption and credit_at >= 2 and len(items[credit_at - 1]) <= CAPTION_MAX
        if caption:
            parts.caption = caption
        elif caption_before:
            parts.caption = items[credit_at - 1]
        parts.credit = credit
        head = items[: credit_at - 1] if caption_before else items[:credit_at]
        parts.title = head[0] if head else ""
        body_items = head[1:] + items[credit_at + 1 :]
    else:
        parts.title = items[0] if len(items) > 1 else ""
        body_items = items[1:] if len(items) > 1 else items
    parts.body = "\n\n".join(body_items).strip()
    if parts.date is None:
        dates = find_dates(parts.body) or find_dates(parts.title)
        if dates:
            parts.date = dates[0][1]
            parts.date_basis = "body"
    if not parts.body:
        parts.warnings.append("no body text")
    return parts


#: A caption is a sentence or two; a longer paragraph before a bare credit line is body text.
CAPTION_MAX = 300


def _is_title_line(line: str) -> bool:
    """A short line without a sentence's final stop: 'Sicherheitsanalysen in Bannewitz gestartet'."""
    line = line.strip()
    return 2 <= len(line.split()) <= 16 and not re.search(r"[.,;:!?…]$", line) and line[:1].isupper()


def _split_special_lines(paragraph: str) -> list[str]:
    """Lines that are a date line or a credit stand alone; other lines join."""
    out: list[str] = []
    buf: list[str] = []
    for ln in (x.strip() for x in paragraph.split("\n")):
        if not ln:
            continue
        if DATELINE.match(ln) or ln.startswith("©") or _is_credit(ln):
            if buf:
                out.append(" ".join(buf))
                buf = []
            out.append(ln)
        else:
            buf.append(ln)
    if buf:
        out.append(" ".join(buf))
    return out


#: The words of a credit line before its colon: "Foto: Name", "Bildrechte: dpa".
CREDIT_WORDS = ("Foto", "Fotos", "Titelfoto", "Bild", "Bilder", "Bildquelle", "Bildrechte", "Quelle", "Photo", "Fotografin", "Fotograf")
#: "Foto: Name", also as a list item ("• Foto: Tele-Lausitz (Name)")
_CREDIT_PREFIX = re.compile(rf"^(?:[•·▪*\-–]\s*)?({'|'.join(CREDIT_WORDS)})\s*:\s*\S", re.IGNORECASE)


def _is_credit(line: str) -> bool:
    return bool(_CREDIT_PREFIX.match(line)) and len(line) < 120 or ("©" in line and len(line) < 400)


def bare_credit(line: str) -> str | None:
    """The credit of a line that is nothing but a credit ("Foto: Anna Berg", "© Anna Berg"), else None.

    >>> bare_credit("• Foto: Tele-Lausitz (Danilo Dittrich)"), bare_credit("Matthias Böhme im SMK © Institut B3")
    ('Tele-Lausitz (Danilo Dittrich)', None)
    """
    line = line.strip()
    if not (line.startswith("©") or _is_credit(line)):
        return None
    caption, credit = _split_credit(line)
    return None if caption else credit


def _split_credit(line: str) -> tuple[str, str]:
    """'Caption text. © SMI | Name' -> ('Caption text.', 'SMI | Name')."""
    if "©" in line:
        caption, _, credit = line.partition("©")
    else:
        caption, credit = "", _CREDIT_PREFIX.sub(lambda m: m.group(0)[-1], line)
    credit = re.sub(r"^(?:[•·▪*\-–]\s*)?(Foto|Fotos|Bild|Quelle)\s*:\s*", "", credit.strip(), flags=re.IGNORECASE)
    return caption.strip(), credit.strip()


# ------------------------------------------------------------------ reading
#: Larger files are not read (a corpus this size belongs in several files).
MAX_FILE_BYTES = 256 * 2**20


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read, with its path relative to the input folder it was found in (for ids)."""

    path: Path
    rel: str


def report_id_for(path: Path, row: int | None = None, row_id: str | None = None) -> str:
    """Readable id from the file name (and row); :func:`read_reports` makes it unique."""
    base = slug(path.stem) if not path.stem[:1].isdigit() else re.sub(r"[^\w.-]+", "-", path.stem)
    if row is None:
        return base
    return f"{base}-{slug(row_id) if row_id else f'{row:05d}'}"


def unique_id(base: str, key: str, seen: set[str]) -> str:
    """``base``, or when taken ``base-<hash of key>`` (longer, then counted, until free).

    ``key`` is the source's path relative to its input folder (and row), so the
    ids do not depend on the machine; sources are read in sorted order, so
    they do not depend on the file system's listing order either.

    >>> seen = {"bericht-pirna"}
    >>> unique_id("bericht-pirna", "Bericht_Pirna.txt", seen)
    'bericht-pirna-316b78'
    """
    if base not in seen:
        return base
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    for n in (6, 10, 16, 64):
        candidate = f"{base}-{digest[:n]}"
        if candidate not in seen:
            return candidate
    n = 2
    while f"{base}-{digest[:6]}-{n}" in seen:
        n += 1
    return f"{base}-{digest[:6]}-{n}"


def content_key(text: str) -> str:
    """Hash of a report text with Unicode NFC and whitespace folded: the same report under any name or format."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text, encoding name and warnings.

    A byte-order mark decides (UTF-8/16/32). Otherwise UTF-8; a file that is
    mostly valid UTF-8 (at least as many valid multi-byte characters as bad bytes) stays
    UTF-8 with the bad bytes replaced and counted; only a file that is not
    goes to a detected single-byte code page (cp1252, latin-1).

    >>> decode("Frank Löser".encode() + bytes([255]))[1:]
    ('utf-8', ['invalid UTF-8: 1 bad byte replaced with U+FFFD'])
    """
    bom = _bom(data)
    if bom:
        encoding, skip = bom
        text = data[skip:].decode(encoding, errors="replace")
        return text, encoding, ([] if "\ufffd" not in text or encoding == "utf-8" else [f"invalid {encoding.upper()} replaced with U+FFFD"])
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in escaped if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in escaped if ord(ch) > 127) - bad
    if good and good >= bad:
        plural = "byte" if bad == 1 else "bytes"
        return data.decode("utf-8", errors="replace"), "utf-8", [f"invalid UTF-8: {bad} bad {plural} replaced with U+FFFD"]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    encoding = best.encoding if best else "cp1252"
    return data.decode(encoding, errors="replace"), encoding, []


def _looks_binary(data: bytes) -> bool:
    if _bom(data):
        return False
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


#: What a folder is searched for; a file named explicitly may be any of SUFFIXES.
FOLDER_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".csv"}


def iter_sources(
    paths: Iterable[Path], exclude: Iterable[Path] = (), follow_links: bool = False, exclude_globs: Iterable[str] = ()
) -> Iterator[Source | Skipped]:
    """Files to read, folders expanded recursively, each folder's files in sorted order.

    Hidden files and folders are left out, and so are ``exclude`` (the run's
    output and cache) and any folder that holds akteursnetz output or a cache
    (``manifest.json``, ``CACHEDIR.TAG``). A symbolic link is followed only
    when it stays inside the input folder, unless ``follow_links``. Folders
    that cannot be listed are named with the reason.
    """
    from .outdir import KNOWN_OUTPUTS, is_output_folder

    excluded = [os.path.realpath(p) for p in exclude]
    globs = list(exclude_globs)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            root = os.path.realpath(path)
            if any(_inside(root, e) for e in excluded) and root not in excluded:
                yield Skipped(shown_path(path), "inside the run's own output or cache folder, not read as input")
                continue
            found: list[Path] = []
            problems: list[Skipped] = []
            visited = {root}

            def failed(exc: OSError) -> None:
                problems.append(Skipped(shown_path(exc.filename or path), f"cannot read folder: {exc.strerror or exc}"))

            for dirpath, dirnames, filenames in os.walk(path, onerror=failed, followlinks=follow_links):
                here = Path(dirpath)
                real_here = os.path.realpath(dirpath)
                keep = []
                for d in sorted(dirnames):
                    sub = here / d
                    real = os.path.realpath(sub)
                    if d.startswith("."):
                        continue
                    if any(_inside(real, e) for e in excluded if not _inside(root, e)):
                        continue  # the run's output or cache inside an input folder
                    if (sub / "CACHEDIR.TAG").is_file() or is_output_folder(sub):
                        problems.append(Skipped(shown_path(sub), "an akteursnetz output or cache folder, not read as input"))
                        continue
                    if sub.is_symlink():
                        if not follow_links:
                            if not _inside(real, root):
                                problems.append(Skipped(shown_path(sub), "symbolic link to a folder outside the input folder, not followed (use --follow-links)"))
                            continue
                        if real in visited:
                            continue
                    visited.add(real)
                    keep.append(d)
                dirnames[:] = keep
                own_output = real_here in excluded
                for name in filenames:
                    child = here / name
                    if name.startswith(".") or child.suffix.lower() not in FOLDER_SUFFIXES:
                        continue  # README.md, notes: not reports (the CLI lists them as ignored)
                    relative = child.relative_to(path).as_posix()
                    if any(fnmatch(name, g) or fnmatch(relative, g) or fnmatch(str(child), g) for g in globs):
                        continue
                    if own_output and name in KNOWN_OUTPUTS:
                        continue  # --out is this input folder: its own tables are not reports
                    if child.is_symlink() and not follow_links and not _inside(os.path.realpath(child), root):
                        problems.append(Skipped(shown_path(child), "symbolic link to a file outside the input folder, not followed (use --follow-links)"))
                        continue
                    if child.is_file():
                        found.append(child)
            for child in sorted(found):
                yield Source(child, child.relative_to(path).as_posix())
            yield from sorted(problems, key=lambda s: s.source)
        elif path.is_file():
            if not any(fnmatch(path.name, g) or fnmatch(str(path), g) for g in globs):
                yield Source(path, path.name)
        else:
            yield Skipped(shown_path(path), "no such file or directory")


def read_reports(
    paths: Iterable[Path], exclude: Iterable[Path] = (), follow_links: bool = False, dedupe: bool = True,
    exclude_globs: Iterable[str] = (),
) -> Iterator[Report | Skipped | Duplicate]:
    """Every readable report in ``paths``; unreadable inputs as :class:`Skipped`.

    Ids are unique in the run (:func:`unique_id`). With ``dedupe``, a report
    whose normalised text was already read becomes a :class:`Duplicate` of the
    first one instead of a second report.
    """
    seen: set[str] = set()
    texts: dict[str, str] = {}
    for source in iter_sources(paths, exclude, follow_links, exclude_globs):
        if isinstance(source, Skipped):
            yield source
            continue
        try:
            items = list(_read_file(source.path))
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not end the run
            items = [Skipped(shown_path(source.path), f"could not be read: {type(exc).__name__}: {exc}")]
        rows = source.path.suffix.lower() in TABLE_SUFFIXES
        for n, item in enumerate(items):
            if isinstance(item, Report):
                key = content_key(item.text)
                if dedupe and key in texts:
                    yield Duplicate(item.source, texts[key])
                    continue
                item.report_id = unique_id(item.report_id, f"{source.rel}:{n}" if rows else source.rel, seen)
                seen.add(item.report_id)
                texts[key] = item.report_id
            yield item


def _read_file(path: Path) -> Iterator[Report | Skipped]:
    where = shown_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Skipped(where, f"file too large ({size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(where, f"cannot read file: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Skipped(where, "empty file")
        return
    if _looks_binary(data):
        yield Skipped(where, "binary file, not text")
        return
    text, encoding, warnings = decode(data)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        text = sanitise(text)  # tables are sanitised cell by cell, after parsing (U+2028 is legal inside JSON)
    if suffix in HTML_SUFFIXES or (suffix not in TABLE_SUFFIXES and re.match(r"\s*<(!doctype|html)", text, re.I)):
        items = _from_html(path, text, encoding)
    elif suffix in (".jsonl", ".ndjson"):
        items = _from_jsonl(path, text, encoding)
    elif suffix == ".csv":
        items = _from_csv(path, text, encoding)
    else:
        items = iter([_make_report(path, report_id_for(path), parse_report_text(text), encoding)])
    for item in items:
        if isinstance(item, Report):
            item.warnings[:0] = warnings
        yield item


def _make_report(path: Path | str, report_id: str, parts: ReportParts, encoding: str, source: str | None = None) -> Report:
    chunks = [c for c in (parts.title, parts.caption, parts.credit) if c]
    head = "\n\n".join(chunks)
    text = f"{head}\n\n{parts.body}" if head else parts.body
    warnings = list(parts.warnings)
    if encoding.replace("_", "").replace("-", "").lower() not in ("utf8", "ascii"):
        warnings.append(f"not UTF-8: decoded as {encoding}")
    if parts.date is None:
        warnings.append("no date found: the meeting date is left empty")
    credit = f"© {parts.credit}" if parts.credit else ""
    if credit:
        text = text.replace(parts.credit, credit, 1)
    return Report(
        report_id=report_id,
        source=source or shown_path(path),
        text=text,
        title=parts.title,
        date=parts.date,
        date_basis=parts.date_basis,
        caption=parts.caption,
        credit=credit,
        body_start=len(head) + 2 if head else 0,
        encoding=encoding,
        warnings=warnings,
    )


def _from_html(path: Path, html: str, encoding: str) -> Iterator[Report | Skipped]:
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises several kinds
        yield Skipped(shown_path(path), f"HTML could not be parsed: {exc}")
        return
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    captions = [" ".join(fc.text_content().split()) for fc in tree.xpath("//figcaption")]
    h1 = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, include_images=False, with_metadata=True, favor_recall=True
    )
    body = (getattr(doc, "text", None) if doc is not None else None) or ""
    meta_date = getattr(doc, "date", None) if doc is not None else None
    if len(body.split()) < 20:
        yield Skipped(shown_path(path), "HTML page without a report (no main text found)")
        return
    # Rebuild the report shape: dateline, title, caption + credit, body.
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    title = h1[0] if h1 else (getattr(doc, "title", "") or "")
    dateline = ""
    head_text = " ".join(tree.xpath("//article//text()|//main//text()")[:40]) if tree is not None else ""
    m = re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", head_text)
    if m:
        dateline = m.group(0)
    lines = [ln for ln in lines if ln != title and ln != dateline and not any(ln in c or c in ln for c in captions)]
    lines = [ln for ln in lines if not ln.startswith("©")]
    caption_block = ""
    if captions:
        cap = captions[0]
        caption_block = cap if "©" in cap else cap
    text = "\n\n".join(x for x in (dateline, title, caption_block, "\n\n".join(lines)) if x)
    parts = parse_report_text(text)
    if parts.date is None and meta_date:
        parts.date, parts.date_basis = meta_date[:10], "metadata"
    yield _make_report(path, report_id_for(path), parts, encoding)


def _rows_to_reports(path: Path, rows: Iterable[tuple[int, dict]], encoding: str) -> Iterator[Report | Skipped]:
    for i, row in rows:
        where = f"{shown_path(path)}:{i}"
        if not isinstance(row, dict):
            yield Skipped(where, "row is not an object")
            continue
        row = {sanitise(str(k)): sanitise(v) if isinstance(v, str) else v for k, v in row.items()}
        column = next((c for c in TEXT_COLUMNS if isinstance(row.get(c), str) and row[c].strip()), None)
        if column is None:
            yield Skipped(where, f"no text column (expected one of: {', '.join(TEXT_COLUMNS)})")
            continue
        parts = parse_report_text(row[column])
        if row.get("title") and not parts.title:
            parts.title = sanitise(str(row["title"]))
        if row.get("date"):
            found = find_dates(sanitise(str(row["date"])))
            if found:
                parts.date, parts.date_basis = found[0][1], "metadata"
        row_id = sanitise(str(row.get("id") or row.get("report_id") or "")) or None
        yield _make_report(path, report_id_for(path, i, row_id), parts, encoding, source=sanitise(str(row.get("source") or where)))


def _from_jsonl(path: Path, text: str, encoding: str) -> Iterator[Report | Skipped]:
    rows: list[tuple[int, dict]] = []
    for n, line in enumerate(text.split("\n"), start=1):  # row = line number, also after a broken line
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except (json.JSONDecodeError, RecursionError) as exc:
            yield Skipped(f"{shown_path(path)}:{n}", f"invalid JSON: {getattr(exc, 'msg', type(exc).__name__)}")
    yield from _rows_to_reports(path, rows, encoding)


def _from_csv(path: Path, text: str, encoding: str) -> Iterator[Report | Skipped]:
    try:
        rows = list(enumerate(csv.DictReader(io.StringIO(text)), start=1))
    except csv.Error as exc:
        yield Skipped(shown_path(path), f"invalid CSV: {exc}")
        return
    if not rows:
        yield Skipped(shown_path(path), "CSV file without rows")
        return
    yield from _rows_to_reports(path, rows, encoding)
