#!/usr/bin/env python3
"""Check the gold JSONL files against docs/gold-format.md and the report texts.

Usage (from the repository root or anywhere):

    python data/gold/validate.py                 # every gold file in data/gold/
    python data/gold/validate.py data/gold/sample.jsonl --strict

Checks, per gold line:

* required fields and their types; allowed meeting types, roles, kinds, labels;
* ``report_id`` is the file name without extension and the file exists
  (``data/raw/`` for sample.jsonl, ``data/heldoutN/`` for heldoutN.jsonl,
  ``../shared/seeds/`` for seeds.jsonl; a missing seeds folder only skips the
  text checks);
* every ``ags``/``district_ags``/key refers to the gazetteer when
  ``../shared/data/gazetteer/`` is present (municipalities, police, state bodies);
* every mention text occurs in the report (title, caption, credit, body) at
  least as often as it is listed, not counting occurrences inside a longer
  listed mention; more free occurrences than listed is a warning (a possibly
  missed mention);
* persons' names, surface forms and credits occur in the text;
* participants have participant roles and unique keys, person keys name a
  listed person; links join participants, and the link set is exactly every
  police x municipal pair (``police-municipality``) plus every pair of two
  ``ags:`` keys (``municipality-municipality``).  Person keys take no part in
  links (a person counts through the affiliation, which is a participant).

Only the standard library is used.  Exit status 1 on errors (and on warnings
with ``--strict``).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
from datetime import date
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED = REPO.parent / "shared"
GAZ = SHARED / "data" / "gazetteer"
CORPUS = {
    "sample.jsonl": REPO / "data" / "raw",
    "seeds.jsonl": SHARED / "seeds",
    **{f"{name}.jsonl": REPO / "data" / name for name in ("heldout", "heldout2", "heldout3", "heldout4")},
    "real.jsonl": REPO / "data" / "real" / "texts",
}
# annotation batches of the published reports are checked against the same texts
REAL_PARTS = HERE / "real-parts"

MEETING_TYPES = {
    "Vernetzungstreffen", "KPR-Sitzung", "Unterzeichnung einer Kooperationsvereinbarung",
    "Fachtagung", "Präventionstag", "other",
    # published reports (see docs/gold-format.md, "Published reports")
    "KPR-Gründung", "Beitritt", "Arbeitsgruppensitzung", "Klausurtagung", "Besuch", "Sicherheitsgespräch",
}
PARTICIPANT_ROLES = {"participant", "host", "organiser", "speaker", "moderator", "signatory"}
PERSON_ROLES = PARTICIPANT_ROLES | {"mentioned"}
ORG_KINDS = {
    "municipality_admin", "police", "district_admin", "state_ministry", "state_agency",
    "association", "ngo_institute", "school", "business", "other",
}
PLACE_KINDS = {"municipality", "district", "region", "venue"}
LABELS = {"PER", "LOC", "ORG", "MISC"}
LINK_KINDS = {"police-municipality", "municipality-municipality", "other"}
TOP_FIELDS = ("report_id", "file", "meeting", "mentions", "persons", "organisations",
              "places", "credits", "participants", "links")
KEY_RE = re.compile(r"^(ags:\d{8}|district:\d{5}|police:.+|municipal:\*|state:.+|org:.+|person:.+|place:.+)$")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


# ------------------------------------------------------------------ gazetteer
def load_gazetteer() -> dict[str, set[str]]:
    gaz: dict[str, set[str]] = {}
    mun = GAZ / "saxony_municipalities.csv"
    if mun.exists():
        with open(mun, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        gaz["ags"] = {r["ags"].strip() for r in rows}
        gaz["district"] = {r["district_ags"].strip() for r in rows}
    pol = GAZ / "saxony_police.csv"
    if pol.exists():
        with open(pol, encoding="utf-8", newline="") as fh:
            gaz["police"] = {r["id"].strip() for r in csv.DictReader(fh)}
    state = GAZ / "saxony_state_bodies.csv"
    if state.exists():
        with open(state, encoding="utf-8", newline="") as fh:
            gaz["state"] = {r["abbr"].strip() for r in csv.DictReader(fh)}
    return gaz


# ------------------------------------------------------------------ report text
def read_text(path: Path) -> str:
    """The report as plain text: UTF-8 or cp1252; HTML crudely stripped to the article."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in HTML_SUFFIXES:
        article = re.search(r"(?is)<article\b.*?</article>", text)
        if article:
            text = article.group(0)
        else:
            text = re.sub(r"(?is)<(head|header|nav|footer|script|style)\b.*?</\1>", " ", text)
        text = re.sub(r"(?i)<br\s*/?>", "\n", text)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return text.replace("\u00a0", " ").replace("\u00ad", "")


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Occurrences of ``needle`` not glued to letters, digits or a hyphen on either side."""
    pat = re.compile(r"(?<![\w\-])" + re.escape(needle) + r"(?![\w\-])")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


# ------------------------------------------------------------------ checks
class Report:
    def __init__(self, where: str):
        self.where = where
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def err(self, msg: str) -> None:
        self.errors.append(f"{self.where}: {msg}")

    def warn(self, msg: str) -> None:
        self.warnings.append(f"{self.where}: {msg}")


def valid_iso(value) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_key(rep: Report, key: str, gaz: dict[str, set[str]], what: str) -> None:
    if not isinstance(key, str) or not KEY_RE.match(key):
        rep.err(f"{what}: malformed key {key!r}")
        return
    prefix, _, rest = key.partition(":")
    if key in ("police:*", "municipal:*"):
        return
    if prefix in ("ags", "district", "police", "state") and prefix in gaz and rest not in gaz[prefix]:
        rep.err(f"{what}: {key!r} not in the gazetteer")


def mention_list(rep: Report, raw) -> list[tuple[str, str]]:
    out = []
    if not isinstance(raw, list):
        rep.err("mentions is not a list")
        return out
    for m in raw:
        if isinstance(m, dict):
            text, label = m.get("text"), m.get("label")
        elif isinstance(m, list) and len(m) == 2:
            text, label = m
        else:
            rep.err(f"malformed mention {m!r}")
            continue
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            rep.err(f"mention text {text!r} empty or padded")
            continue
        if label not in LABELS:
            rep.err(f"mention {text!r}: label {label!r} not in {sorted(LABELS)}")
        out.append((text, label))
    return out


def check_mentions(rep: Report, mentions: list[tuple[str, str]], text: str, names: set[str] = frozenset()) -> None:
    """``names``: further names (persons, municipalities, districts, credits) that should be mentions where they occur."""
    listed: dict[str, int] = {}
    for t, _ in mentions:
        listed[t] = listed.get(t, 0) + 1
    occ = {t: spans(text, t) for t in listed}
    for t in sorted(set(names) | set(listed)):
        n = listed.get(t, 0)
        longer = [s for o, ss in occ.items() if len(o) > len(t) and t in o for s in ss]
        free = [(a, b) for a, b in (occ.get(t) or spans(text, t)) if not any(x <= a and b <= y for x, y in longer)]
        if len(free) < n:
            rep.err(f"mention {t!r} listed {n}x but occurs {len(free)}x in the text "
                    f"(outside longer mentions)")
        elif len(free) > n:
            rep.warn(f"mention {t!r} listed {n}x but occurs {len(free)}x (missed occurrence?)")


def check_record(rep: Report, rec: dict, text: str | None, gaz: dict[str, set[str]]) -> None:
    for f in TOP_FIELDS:
        if f not in rec:
            rep.err(f"missing field {f!r}")
    for f in ("mentions", "persons", "organisations", "places", "credits", "participants", "links"):
        if f in rec and not isinstance(rec[f], list):
            rep.err(f"{f} must be a list")
            rec[f] = []
    if rep.errors:
        return

    # meeting
    meeting = rec["meeting"]
    if meeting is not None:
        if not isinstance(meeting, dict):
            rep.err("meeting must be an object or null")
        else:
            for f in ("date", "type", "venue", "municipality", "ags", "region"):
                if f not in meeting:
                    rep.err(f"meeting: missing {f!r}")
            if meeting.get("date") is not None and not valid_iso(meeting.get("date")):
                rep.err(f"meeting.date {meeting.get('date')!r} is not an ISO date or null")
            if meeting.get("type") not in MEETING_TYPES:
                rep.err(f"meeting.type {meeting.get('type')!r} not allowed")
            for f in ("venue", "municipality", "region"):
                if not isinstance(meeting.get(f, ""), str):
                    rep.err(f"meeting.{f} must be a string")
            ags = meeting.get("ags") or ""
            if ags:
                check_key(rep, f"ags:{ags}", gaz, "meeting.ags")
    elif rec["participants"] or rec["links"]:
        rep.err("no meeting but participants/links given")

    # mentions
    mentions = mention_list(rep, rec["mentions"])
    if text is not None:
        names = {p.get("name", "") for p in rec["persons"] if isinstance(p, dict)}
        names |= {pl.get("name", "") for pl in rec["places"]
                  if isinstance(pl, dict) and pl.get("kind") in ("municipality", "district")}
        names |= {c for c in rec["credits"] if isinstance(c, str)}
        check_mentions(rep, mentions, text, {n for n in names if n})

    # persons
    person_names: dict[str, str] = {}
    for p in rec["persons"]:
        if not isinstance(p, dict):
            rep.err(f"person {p!r} is not an object")
            continue
        for f in ("name", "role", "affiliation", "ags", "event_role"):
            if f not in p:
                rep.err(f"person {p.get('name')!r}: missing {f!r}")
        name = p.get("name", "")
        if name in person_names:
            rep.err(f"person {name!r} listed twice")
        person_names[name] = p.get("event_role", "")
        if p.get("event_role") not in PERSON_ROLES:
            rep.err(f"person {name!r}: event_role {p.get('event_role')!r} not allowed")
        if p.get("ags"):
            check_key(rep, f"ags:{p['ags']}", gaz, f"person {name!r}")
        if text is not None and name and name not in text:
            rep.err(f"person name {name!r} not in the text")

    # organisations
    org_kind: dict[str, str] = {}
    for o in rec["organisations"]:
        if not isinstance(o, dict):
            rep.err(f"organisation {o!r} is not an object")
            continue
        for f in ("name", "surface_forms", "kind", "key", "event_role"):
            if f not in o:
                rep.err(f"organisation {o.get('name')!r}: missing {f!r}")
        if o.get("kind") not in ORG_KINDS:
            rep.err(f"organisation {o.get('name')!r}: kind {o.get('kind')!r} not allowed")
        if o.get("event_role") not in PERSON_ROLES:
            rep.err(f"organisation {o.get('name')!r}: event_role {o.get('event_role')!r} not allowed")
        key = o.get("key", "")
        check_key(rep, key, gaz, f"organisation {o.get('name')!r}")
        if key in org_kind:
            rep.err(f"organisation key {key!r} listed twice")
        org_kind[key] = o.get("kind", "")
        forms = o.get("surface_forms")
        if not isinstance(forms, list) or not forms:
            rep.err(f"organisation {o.get('name')!r}: surface_forms must be a non-empty list")
        elif text is not None:
            for form in forms:
                if form not in text:
                    rep.err(f"organisation {o.get('name')!r}: surface form {form!r} not in the text")

    # places
    for pl in rec["places"]:
        if not isinstance(pl, dict) or "name" not in pl or "kind" not in pl:
            rep.err(f"malformed place {pl!r}")
            continue
        if pl["kind"] not in PLACE_KINDS:
            rep.err(f"place {pl['name']!r}: kind {pl['kind']!r} not allowed")
        if pl["kind"] == "municipality" and not pl.get("ags"):
            rep.warn(f"place {pl['name']!r}: municipality without ags (a town outside Saxony?)")
        if pl.get("ags"):
            check_key(rep, f"ags:{pl['ags']}", gaz, f"place {pl['name']!r}")
        if pl.get("district_ags"):
            check_key(rep, f"district:{pl['district_ags']}", gaz, f"place {pl['name']!r}")

    # credits
    for c in rec["credits"]:
        if not isinstance(c, str) or not c:
            rep.err(f"malformed credit {c!r}")
        elif text is not None and c not in text:
            rep.err(f"credit {c!r} not in the text")

    # participants
    keys: list[str] = []
    for p in rec["participants"]:
        if not isinstance(p, dict) or "key" not in p or "role" not in p:
            rep.err(f"malformed participant {p!r}")
            continue
        key = p["key"]
        check_key(rep, key, gaz, "participant")
        if p["role"] not in PARTICIPANT_ROLES:
            rep.err(f"participant {key!r}: role {p['role']!r} is not a participant role")
        if key in keys:
            rep.err(f"participant {key!r} listed twice")
        keys.append(key)
        if key.startswith("person:"):
            name = key.split(":", 1)[1]
            if name not in person_names:
                rep.err(f"participant {key!r} is not in persons")
            elif person_names[name] == "mentioned":
                rep.err(f"participant {key!r} has event_role 'mentioned' in persons")
        if key.startswith("person:") and key.split(":", 1)[1] in rec["credits"]:
            rep.err(f"participant {key!r} is only a photo credit")

    # links
    def is_police(k: str) -> bool:  # a unit of the gazetteer, police present, or a named unit not in it
        return k.startswith("police:") or (k.startswith("org:") and org_kind.get(k) == "police")

    def is_municipal(k: str) -> bool:
        return (k.startswith(("ags:", "district:")) or k == "municipal:*"
                or (k.startswith("org:") and org_kind.get(k) in ("municipality_admin", "district_admin")))

    expected = {frozenset((a, b)): "police-municipality" for a in keys if is_police(a) for b in keys if is_municipal(b)}
    expected.update({frozenset((a, b)): "municipality-municipality"
                     for a, b in combinations([k for k in keys if k.startswith("ags:")], 2)})
    seen: set[frozenset] = set()
    for link in rec["links"]:
        if not isinstance(link, dict) or not {"a", "b", "kind", "explicit"} <= set(link):
            rep.err(f"malformed link {link!r}")
            continue
        a, b, kind = link["a"], link["b"], link["kind"]
        pair = frozenset((a, b))
        if kind not in LINK_KINDS:
            rep.err(f"link {a!r}-{b!r}: kind {kind!r} not allowed")
        if not isinstance(link["explicit"], bool):
            rep.err(f"link {a!r}-{b!r}: explicit must be true/false")
        if a == b:
            rep.err(f"link {a!r} joins a key with itself")
        for k in (a, b):
            if k not in keys:
                rep.err(f"link {a!r}-{b!r}: {k!r} is not a participant")
        if pair in seen:
            rep.err(f"link {a!r}-{b!r} listed twice")
        seen.add(pair)
        if kind in ("police-municipality", "municipality-municipality") and expected.get(pair) != kind:
            rep.err(f"link {a!r}-{b!r}: kind {kind!r} does not fit the keys")
    for pair, kind in expected.items():
        if pair not in seen:
            a, b = sorted(pair)
            rep.err(f"missing {kind} link {a!r}-{b!r}")


def validate_file(path: Path, gaz: dict[str, set[str]]) -> tuple[list[str], list[str], int]:
    errors: list[str] = []
    warnings: list[str] = []
    corpus = CORPUS.get(path.name) or (CORPUS["real.jsonl"] if path.parent.resolve() == REAL_PARTS else None)
    have_texts = corpus is not None and corpus.is_dir()
    if corpus is not None and not have_texts:
        warnings.append(f"{path.name}: corpus folder {corpus} not found, text checks skipped")
    ids: set[str] = set()
    files: set[str] = set()
    n = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        rep = Report(f"{path.name}:{lineno}")
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{rep.where}: invalid JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{rep.where}: not a JSON object")
            continue
        rep.where += f" ({rec.get('report_id', '?')})"
        rid, fname = rec.get("report_id"), rec.get("file")
        if not isinstance(fname, str) or not fname:
            rep.err("file missing")
            fname = ""
        elif rid != Path(fname).stem:
            rep.err(f"report_id {rid!r} is not the file name without extension ({Path(fname).stem!r})")
        if rid in ids:
            rep.err(f"duplicate report_id {rid!r}")
        ids.add(rid)
        files.add(fname)
        text = None
        if have_texts and fname:
            fpath = corpus / fname
            if not fpath.is_file():
                if corpus == CORPUS["real.jsonl"]:  # third-party texts are restored one by one: check those present
                    rep.warn(f"text {fpath.name} not restored, text checks skipped")
                else:
                    rep.err(f"file {fpath} not found")
            else:
                text = read_text(fpath)
        check_record(rep, rec, text, gaz)
        errors += rep.errors
        warnings += rep.warnings
    if have_texts and path.name == "sample.jsonl":
        on_disk = {p.name for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES}
        for missing in sorted(on_disk - files):
            errors.append(f"{path.name}: report {missing} in {corpus} has no gold line")
    return errors, warnings, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="gold JSONL files (default: all in data/gold/)")
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = ap.parse_args(argv)
    files = args.files or sorted(HERE.glob("*.jsonl"))
    gaz = load_gazetteer()
    if not gaz:
        print(f"note: gazetteer not found under {GAZ}, key checks skipped")
    total_err = total_warn = 0
    for f in files:
        if not f.exists():
            print(f"ERROR {f}: not found")
            total_err += 1
            continue
        errors, warnings, n = validate_file(f, gaz)
        for w in warnings:
            print(f"warning {w}")
        for e in errors:
            print(f"ERROR {e}")
        print(f"{f.name}: {n} reports, {len(errors)} errors, {len(warnings)} warnings")
        total_err += len(errors)
        total_warn += len(warnings)
    return 1 if total_err or (args.strict and total_warn) else 0


if __name__ == "__main__":
    sys.exit(main())
