"""Score a pipeline run against the gold JSONL (see ``docs/gold-format.md``).

``evaluate(gold_path, pred_dir)`` reads the gold reports and the CSV tables of
one run and returns a dict of scores plus per-report errors; ``format_scores``
turns it into a readable table.  All scores are micro-averaged over the gold
reports (optionally restricted to ``report_ids``); prediction rows for other
reports are ignored.

Conventions shared by all measures:

* P = tp / |pred|, R = tp / |gold|; a ratio whose denominator is empty is 1.0
  when the other side is empty too and 0.0 otherwise; F1 = 0 when P + R = 0.
* Actors are compared by key.  ``org:`` keys are casefolded and
  whitespace-folded, without a closing "e. V." / "e.V.", and a form the organisation lexicon
  (``organisations.json``) lists for one organisation read as that organisation's name or key; ``person:`` keys are normalised like person names (below);
  other keys are only stripped.  A predicted actor without a key can never
  match: it counts as ``?<name>``.
* Person names match when equal after casefolding, whitespace folding and
  removing leading titles/ranks (``Dr.``, ``Prof.``, ``Herr``, ``PHK``,
  ``Polizeihauptkommissarin`` …; see ``_is_title``).  So "Dr. Anna Beispiel"
  matches "Anna Beispiel", and "A. Beispiel" does not.

Measures (per report, then summed):

* mentions — multiset of (text, label) for PER/ORG/LOC, text whitespace-folded
  and stripped of surrounding punctuation/quotes; pred MISC ignored.
* persons — gold person names vs names of pred ``person`` actors that have a
  mention in the report, unless all their participation roles there are ``credit``.
* organisations — gold organisation keys vs keys of pred organisation-kind
  actors with a mention in the report (same credit-only exclusion).
* municipality — gold ags (municipality places, ``ags:`` organisation keys) vs
  ags of the ``municipality``/``municipality_admin`` actors behind the mentions;
  accuracy = hits / gold, precision = hits / pred.
* meetings — the first pred meeting of a report against the gold meeting: found,
  date (exact; null = ""), type (exact), venue (:func:`venue_match`); accuracies
  are over gold meetings, so a missing meeting is wrong in every attribute.
  Pred meetings for a report whose gold meeting is null are ``false_meetings``.
* mentions (lenient) — as mentions, but a gold and a predicted mention of the same
  label also match when one lies inside the other on word boundaries
  ("Polizeirevier Plauen" for "Polizeirevier Plauen-Oberes Vogtland"); exact
  matches are paired first.
* participation — gold participant keys vs keys of the actors with a participant
  role in the report's pred meetings; and the same restricted to what users look
  at: persons taking part (``person:``), municipalities taking part (``ags:``)
  and organisations taking part (``org:``, ``state:``, ``district:`` and named
  ``police:`` units; ``place:`` keys are towns outside Saxony).
* meeting place — the ags of the first pred meeting against the gold meeting's
  ags; region — the district (or kreisfreie Stadt), compared casefolded without a
  leading "Landkreis"; both over gold meetings whose value is not empty.
* links — (report, {key_a, key_b}) for gold ``police-municipality`` /
  ``municipality-municipality`` vs pred edges ``police_municipality`` /
  ``cross_municipality``; an edge counts for every report of its meetings.
"""

from __future__ import annotations

import argparse
import json
import re
import string
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from akteursnetz.lexicon import known_organisation
from akteursnetz.records import ORG_KINDS, PARTICIPANT_ROLES

LABELS = ("PER", "ORG", "LOC")
LINK_KINDS = {"police-municipality": "police_municipality", "municipality-municipality": "cross_municipality"}
MUNICIPAL_AGS_KINDS = ("municipality", "municipality_admin")

COLUMNS = {
    "reports": ["report_id", "source", "date", "title"],
    "mentions": ["report_id", "start", "end", "text", "label", "actor_id"],
    "actors": ["actor_id", "name", "kind", "ags", "key"],
    "meetings": ["meeting_id", "report_id", "date", "type", "venue", "ags", "region"],
    "participation": ["meeting_id", "actor_id", "role"],
    "edges": ["source", "target", "kind", "meetings"],
}

# Characters stripped from both ends of a mention text (quotes, brackets, punctuation).
_SURROUND = string.punctuation + string.whitespace + "„“”‚‘’«»‹›–—…·"
_TITLES = frozenset(
    "dr. dr prof. prof dipl.-ing. ing. mag. med. rer. nat. phil. jur. h.c. herr frau hr. fr.".split()
)
# Police rank abbreviations (PHK, POKin …) and long forms (Polizeihauptkommissarin …).
_RANKS = frozenset(
    r + sfx for r in "pm pom phm pk pok phk ephk kk kok khk ekhk kr kor kd pr por pd ld".split() for sfx in ("", "in")
)
_RANK_WORD = re.compile(r"(polizei|kriminal)\w*(meister|kommissar|rat|rät|direktor|präsident)(in)?")


# --------------------------------------------------------------------------- normalisation
def fold(text: str) -> str:
    """Collapse runs of whitespace (incl. newlines, NBSP) to one space."""
    return " ".join(str(text).split())


def norm_mention(text: str) -> str:
    """Mention text for matching: whitespace-folded, surrounding punctuation/quotes removed."""
    return fold(fold(text).strip(_SURROUND))


def _is_title(token: str) -> bool:
    """A leading token that is an academic title, salutation or police rank."""
    return token in _TITLES or token.rstrip(".") in _RANKS or _RANK_WORD.fullmatch(token) is not None


def norm_name(name: str) -> str:
    """Person name for matching: casefolded, whitespace-folded, leading titles/ranks dropped."""
    tokens = fold(name).casefold().strip(_SURROUND).split()
    while len(tokens) > 1 and _is_title(tokens[0]):
        tokens.pop(0)
    return " ".join(tokens)


def norm_key(key: str) -> str:
    """Actor key for matching (see module docstring)."""
    key = fold(key)
    prefix, sep, rest = key.partition(":")
    if sep and prefix.casefold() == "org":
        # one organisation, named with or without its legal form ("Verbraucherzentrale Sachsen e. V."), or in
        # another of the forms the lexicon lists for it ("Sächsisches Landesamt für Verfassungsschutz");
        # "Präventionsrat der Stadt X" and "Präventionsrat X" are one council
        known = known_organisation(rest)
        if known is not None:
            return norm_key(known[2]) if known[2] else "org:" + _without_legal_form(known[0].casefold())
        rest = _without_legal_form(rest.strip().casefold())
        return "org:" + re.sub(r"(rat)(?: \(kpr\))? der (?:stadt|gemeinde|landeshauptstadt|großen kreisstadt) ", r"\1 ", rest)
    if sep and prefix.casefold() == "person":
        return "person:" + norm_name(rest)
    return key


def _without_legal_form(name: str) -> str:
    """'verbraucherzentrale sachsen e. v.' -> 'verbraucherzentrale sachsen' (casefolded names)."""
    return re.sub(r",?\s*\be\.\s*v\.?$", "", name).strip()


def venue_match(gold: str, pred: str) -> bool:
    """Venues match if both empty, one contains the other, or token Jaccard >= 0.5."""
    g, p = fold(gold).casefold().strip(_SURROUND), fold(pred).casefold().strip(_SURROUND)
    if not g or not p:
        return g == p
    if g in p or p in g:
        return True
    gt, pt = set(re.findall(r"\w+", g)), set(re.findall(r"\w+", p))
    return bool(gt | pt) and len(gt & pt) / len(gt | pt) >= 0.5


# --------------------------------------------------------------------------- scoring helpers
def ratio(num: int, den: int, other: int) -> float:
    """num/den; with den == 0: 1.0 if the other side is empty as well, else 0.0."""
    if den:
        return num / den
    return 1.0 if other == 0 else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall, F1 with the zero-division rule of :func:`ratio`."""
    p = ratio(tp, tp + fp, tp + fn)
    r = ratio(tp, tp + fn, tp + fp)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _diff(gold: Counter, pred: Counter) -> tuple[int, list, list]:
    """Multiset comparison: (tp, false positives, false negatives), errors sorted."""
    tp = sum((gold & pred).values())
    fp = sorted((pred - gold).elements(), key=str)
    fn = sorted((gold - pred).elements(), key=str)
    return tp, fp, fn


def _inside(short: str, long: str) -> bool:
    """``short`` occurs in ``long`` on word boundaries (casefolded)."""
    a, b = short.casefold(), long.casefold()
    return bool(a) and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None


def lenient_pairs(gold: list[str], pred: list[str]) -> tuple[int, list[str], list[str]]:
    """Multiset match where containment also counts; exact pairs first.

    >>> lenient_pairs(["Polizeirevier Plauen", "Plauen"], ["Polizeirevier Plauen-Oberes Vogtland", "Zwickau"])
    (1, ['Zwickau'], ['Plauen'])
    """
    tp, fp_exact, fn_exact = _diff(Counter(gold), Counter(pred))
    fns = list(fn_exact)
    fps: list[str] = []
    for p in fp_exact:
        # the closest candidate: the longest gold text that contains or is contained
        hits = [i for i, g in enumerate(fns) if _inside(g, p) or _inside(p, g)]
        hit = max(hits, key=lambda i: (len(fns[i]), -i)) if hits else None
        if hit is None:
            fps.append(p)
        else:
            fns.pop(hit)
            tp += 1
    return tp, fps, fns


class _Tally:
    """Accumulates tp/fp/fn over reports."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: Iterable, pred: Iterable) -> dict[str, list]:
        tp, fp, fn = _diff(Counter(gold), Counter(pred))
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + len(fp), self.fn + len(fn)
        return {"fp": fp, "fn": fn}

    def add_lenient(self, gold: list[str], pred: list[str]) -> dict[str, list]:
        tp, fp, fn = lenient_pairs(gold, pred)
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + len(fp), self.fn + len(fn)
        return {"fp": fp, "fn": fn}

    def scores(self) -> dict[str, float | int]:
        return prf(self.tp, self.fp, self.fn)


def key_class(key: str) -> str:
    """Which user-facing participant measure a (normalised) key belongs to.

    >>> [key_class(k) for k in ("person:anna b", "ags:14523320", "police:PR_Plauen", "police:*", "org:kpr")]
    ['persons', 'municipalities', 'organisations', 'collective', 'organisations']
    """
    prefix = key.partition(":")[0]
    if prefix == "person":
        return "persons"
    if prefix == "ags":
        return "municipalities"
    if key.endswith(":*") or prefix.startswith("?"):
        return "collective" if key.endswith(":*") else "unknown"
    if prefix in ("org", "state", "district", "police"):
        return "organisations"
    return "other"


def norm_region(region: str) -> str:
    """Region for matching: casefolded, without a leading "Landkreis"."""
    r = fold(region).casefold()
    return r[len("landkreis "):] if r.startswith("landkreis ") else r


# --------------------------------------------------------------------------- reading
def read_gold(path: str | Path) -> dict[str, dict]:
    """Gold reports by report_id; blank lines skipped, duplicate ids rejected."""
    gold: dict[str, dict] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: invalid JSON: {exc}") from exc
        rid = rec["report_id"]
        if rid in gold:
            raise ValueError(f"{path}:{n}: duplicate report_id {rid!r}")
        gold[rid] = rec
    return gold


def read_table(pred_dir: str | Path, name: str) -> pd.DataFrame:
    """One output CSV as strings; a missing or empty file gives an empty table with the needed columns."""
    path = Path(pred_dir) / f"{name}.csv"
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (FileNotFoundError, pd.errors.EmptyDataError):
        df = pd.DataFrame()
    for col in COLUMNS[name]:
        if col not in df.columns:
            df[col] = ""
    return df.fillna("").astype(str)


def _gold_mentions(rec: dict) -> list[tuple[str, str]]:
    out = []
    for m in rec.get("mentions") or []:
        text, label = (m["text"], m["label"]) if isinstance(m, dict) else (m[0], m[1])
        if label in LABELS:
            out.append((norm_mention(text), label))
    return out


# --------------------------------------------------------------------------- evaluation
def evaluate(
    gold_path: str | Path, pred_dir: str | Path, report_ids: Iterable[str] | None = None, split: str | None = None
) -> dict[str, Any]:
    """Score the run in ``pred_dir`` against ``gold_path`` (see the module docstring).

    Returns summary scores per measure and ``details[report_id]`` with the false
    positives (``fp``) and negatives (``fn``) of every measure for that report.
    """
    gold = read_gold(gold_path)
    wanted = set(report_ids) if report_ids is not None else None
    rids = [r for r in gold if (wanted is None or r in wanted) and (split is None or gold[r].get("split") == split)]

    reports = read_table(pred_dir, "reports")
    mentions = read_table(pred_dir, "mentions")
    actors = read_table(pred_dir, "actors")
    meetings = read_table(pred_dir, "meetings")
    parts = read_table(pred_dir, "participation")
    edges = read_table(pred_dir, "edges")

    actor = {r.actor_id: r for r in actors.itertuples(index=False)}

    def key_of(aid: str) -> str:
        a = actor.get(aid)
        if a is None:
            return f"?{aid}"
        return norm_key(a.key) if a.key.strip() else f"?{fold(a.name)}"

    meeting_report = dict(zip(meetings.meeting_id, meetings.report_id))
    meetings_of: dict[str, list] = {}
    for m in meetings.itertuples(index=False):
        meetings_of.setdefault(m.report_id, []).append(m)
    roles: dict[tuple[str, str], set[str]] = {}  # (report_id, actor_id) -> roles
    parts_of: dict[str, list] = {}
    for p in parts.itertuples(index=False):
        rid = meeting_report.get(p.meeting_id, "")
        roles.setdefault((rid, p.actor_id), set()).add(p.role.strip())
        parts_of.setdefault(rid, []).append(p)
    ments_of: dict[str, list] = {}
    for m in mentions.itertuples(index=False):
        ments_of.setdefault(m.report_id, []).append(m)

    # Pred links per report: each edge applies to every report of its meetings.
    pred_links: dict[str, dict[str, list]] = {k: {} for k in LINK_KINDS}
    for e in edges.itertuples(index=False):
        for kind, pred_kind in LINK_KINDS.items():
            if e.kind.strip() != pred_kind:
                continue
            pair = tuple(sorted({key_of(e.source), key_of(e.target)}))
            for rid in {meeting_report.get(mid.strip(), "") for mid in e.meetings.split(";") if mid.strip()}:
                pred_links[kind].setdefault(rid, []).append(pair)

    t_ment = {lab: _Tally() for lab in LABELS}
    t_lenient = {lab: _Tally() for lab in LABELS}
    t_taking = {k: _Tally() for k in ("persons", "municipalities", "organisations")}
    t_pers, t_org, t_part = _Tally(), _Tally(), _Tally()
    t_link = {k: _Tally() for k in LINK_KINDS}
    ags_correct = ags_gold = ags_pred = 0
    wrong_links: list[dict] = []
    meet: Counter[str] = Counter()
    false_meetings: list[str] = []
    details: dict[str, dict] = {}

    for rid in rids:
        g = gold[rid]
        d: dict[str, Any] = {}
        rments = ments_of.get(rid, [])

        # Mentions: multiset of (text, label) per label; MISC ignored.
        gm = _gold_mentions(g)
        pm = [(norm_mention(m.text), m.label.strip()) for m in rments if m.label.strip() in LABELS]
        d["mentions"] = {"fp": [], "fn": []}
        for lab in LABELS:
            err = t_ment[lab].add([x for x in gm if x[1] == lab], [x for x in pm if x[1] == lab])
            d["mentions"]["fp"] += err["fp"]
            d["mentions"]["fn"] += err["fn"]
            t_lenient[lab].add_lenient([t for t, la in gm if la == lab], [t for t, la in pm if la == lab])

        # Actors behind this report's mentions; credit-only ones are not persons/organisations of the report.
        mentioned = [actor[a] for a in dict.fromkeys(m.actor_id for m in rments) if a in actor]
        counted = [a for a in mentioned if roles.get((rid, a.actor_id), set()) != {"credit"}]

        d["persons"] = t_pers.add(
            {norm_name(p["name"]) for p in g.get("persons") or []},
            {norm_name(a.name) for a in counted if a.kind.strip() == "person"},
        )
        d["organisations"] = t_org.add(
            {norm_key(o["key"]) for o in g.get("organisations") or [] if o.get("key")},
            {key_of(a.actor_id) for a in counted if a.kind.strip() in ORG_KINDS},
        )

        # Municipality linking: ags sets.
        places, orgs = g.get("places") or [], g.get("organisations") or []
        gags = {str(p["ags"]).strip() for p in places if p.get("kind") == "municipality" and p.get("ags")}
        gags |= {o["key"].split(":", 1)[1].strip() for o in orgs if str(o.get("key") or "").startswith("ags:")}
        pags: dict[str, list[str]] = {}
        for a in mentioned:
            if a.ags.strip() and a.kind.strip() in MUNICIPAL_AGS_KINDS:
                pags.setdefault(a.ags.strip(), []).append(fold(a.name))
        ags_gold, ags_pred = ags_gold + len(gags), ags_pred + len(pags)
        ags_correct += len(gags & pags.keys())
        wrong = [{"report_id": rid, "ags": x, "actors": pags[x]} for x in sorted(pags.keys() - gags)]
        wrong_links += wrong
        d["municipality"] = {"wrong": wrong, "missed": sorted(gags - pags.keys())}

        # Meeting attributes: the first predicted meeting of the report is compared.
        gmeet, pmeets = g.get("meeting"), meetings_of.get(rid, [])
        d["meeting"] = {"n_pred": len(pmeets)}
        if gmeet is None:
            if pmeets:
                false_meetings.append(rid)
                d["meeting"]["false_meeting"] = [m.meeting_id for m in pmeets]
        else:
            meet["gold"] += 1
            pmeet = pmeets[0] if pmeets else None
            meet["found"] += pmeet is not None
            if pmeet is None:
                d["meeting"]["missing"] = True
            else:
                for name in ("date", "type", "venue"):
                    gv, pv = gmeet.get(name) or "", getattr(pmeet, name).strip()
                    ok = venue_match(gv, pv) if name == "venue" else gv == pv
                    meet[name] += ok
                    if not ok:
                        d["meeting"][name] = {"gold": gv, "pred": pv}
            # place and region: scored where the gold names them
            for name, norm in (("ags", str.strip), ("region", norm_region)):
                gv = norm(str(gmeet.get(name) or ""))
                if not gv:
                    continue
                meet[f"{name}_gold"] += 1
                pv = norm(getattr(pmeet, name)) if pmeet is not None else ""
                meet[name] += gv == pv
                if gv != pv:
                    d["meeting"][name] = {"gold": gv, "pred": pv}

        # Participation: participant keys of the report's meeting(s), all and by class.
        gkeys = {norm_key(p["key"]) for p in g.get("participants") or []}
        pkeys = {key_of(p.actor_id) for p in parts_of.get(rid, []) if p.role.strip() in PARTICIPANT_ROLES}
        d["participation"] = t_part.add(gkeys, pkeys)
        for cls, tally in t_taking.items():
            d[f"taking_part_{cls}"] = tally.add(
                {k for k in gkeys if key_class(k) == cls}, {k for k in pkeys if key_class(k) == cls}
            )

        # Links by kind.
        d["links"] = {}
        for kind in LINK_KINDS:
            links = [x for x in g.get("links") or [] if x.get("kind") == kind]
            gl = {tuple(sorted({norm_key(x["a"]), norm_key(x["b"])})) for x in links}
            d["links"][kind] = t_link[kind].add(gl, set(pred_links[kind].get(rid, [])))
        details[rid] = d

    n_pred_meetings = sum(len(meetings_of.get(r, [])) for r in rids)
    mention_scores = {lab: t.scores() for lab, t in t_ment.items()}
    t_ment_all = t_ment.values()
    mention_scores["micro"] = prf(
        sum(t.tp for t in t_ment_all), sum(t.fp for t in t_ment_all), sum(t.fn for t in t_ment_all)
    )
    lenient_scores = {lab: t.scores() for lab, t in t_lenient.items()}
    lenient_scores["micro"] = prf(*(sum(getattr(t, f) for t in t_lenient.values()) for f in ("tp", "fp", "fn")))
    return {
        "n_reports": len(rids),
        "report_ids": rids,
        "missing_in_pred": sorted(set(rids) - set(reports.report_id)),
        "unknown_report_ids": sorted(wanted - set(gold)) if wanted is not None else [],
        "mentions": mention_scores,
        "mentions_lenient": lenient_scores,
        "persons": t_pers.scores(),
        "organisations": t_org.scores(),
        "municipality": {
            "accuracy": ratio(ags_correct, ags_gold, ags_pred),
            "precision": ratio(ags_correct, ags_pred, ags_gold),
            "correct": ags_correct, "gold": ags_gold, "pred": ags_pred,
            "wrong": wrong_links,
        },
        "meetings": {
            "gold": meet["gold"],
            "found": meet["found"],
            "detected": ratio(meet["found"], meet["gold"], n_pred_meetings),
            **{f"{k}_accuracy": ratio(meet[k], meet["gold"], n_pred_meetings) for k in ("date", "type", "venue")},
            **{f"{k}_accuracy": ratio(meet[k], meet[f"{k}_gold"], 0) for k in ("ags", "region")},
            **{f"{k}_gold": meet[f"{k}_gold"] for k in ("ags", "region")},
            "false_meetings": false_meetings,
        },
        "participation": t_part.scores(),
        "taking_part": {k: t.scores() for k, t in t_taking.items()},
        "links": {k: t.scores() for k, t in t_link.items()},
        "details": details,
    }


# --------------------------------------------------------------------------- output
def format_scores(scores: dict[str, Any], verbose: bool = False) -> str:
    """Summary table; with ``verbose`` also every report's errors."""
    rows = [(f"mentions {lab}", scores["mentions"][lab]) for lab in (*LABELS, "micro")]
    rows += [(f"mentions {lab} (lenient)", scores["mentions_lenient"][lab]) for lab in (*LABELS, "micro")]
    rows += [("persons", scores["persons"]), ("organisations", scores["organisations"]),
             ("participation", scores["participation"])]
    rows += [(f"{k} taking part", v) for k, v in scores["taking_part"].items()]
    rows += [(f"links {k}", v) for k, v in scores["links"].items()]
    lines = [f"{scores['n_reports']} reports",
             f"{'measure':<32}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, s in rows:
        lines.append(f"{name:<32}{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    mu, me = scores["municipality"], scores["meetings"]
    lines.append(f"municipality linking: accuracy {mu['accuracy']:.3f} ({mu['correct']}/{mu['gold']}), "
                 f"precision {mu['precision']:.3f} ({mu['correct']}/{mu['pred']}), wrong {len(mu['wrong'])}")
    lines.append(f"meetings: found {me['found']}/{me['gold']} ({me['detected']:.3f}); date {me['date_accuracy']:.3f}, "
                 f"type {me['type_accuracy']:.3f}, venue {me['venue_accuracy']:.3f}, "
                 f"place {me['ags_accuracy']:.3f} (of {me['ags_gold']}), region {me['region_accuracy']:.3f} "
                 f"(of {me['region_gold']}); false meetings {len(me['false_meetings'])}")
    if scores.get("missing_in_pred"):
        lines.append(f"reports absent from the run: {', '.join(scores['missing_in_pred'])}")
    if verbose:
        for rid, d in scores["details"].items():
            errs = []
            for measure in ("mentions", "persons", "organisations", "participation"):
                for side in ("fp", "fn"):
                    if d[measure][side]:
                        errs.append(f"  {measure} {side}: {d[measure][side]}")
            for kind, e in d["links"].items():
                for side in ("fp", "fn"):
                    if e[side]:
                        errs.append(f"  links {kind} {side}: {[' — '.join(p) for p in e[side]]}")
            if d["municipality"]["wrong"]:
                errs.append(f"  ags wrong: {[(w['ags'], w['actors']) for w in d['municipality']['wrong']]}")
            if d["municipality"]["missed"]:
                errs.append(f"  ags missed: {d['municipality']['missed']}")
            meeting = {k: v for k, v in d["meeting"].items() if k != "n_pred"}
            if meeting:
                errs.append(f"  meeting: {meeting}")
            if errs:
                lines += [f"[{rid}]", *errs]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """``python -m akteursnetz.evaluate GOLD RUN_DIR [-v] [--json OUT]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred_dir")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--report", action="append", dest="report_ids", help="restrict to this report id (repeatable)")
    ap.add_argument("--split", help="only gold reports of this split (e.g. blind, dev)")
    ap.add_argument("--json", help="also write all scores and details to this file")
    args = ap.parse_args(argv)
    scores = evaluate(args.gold, args.pred_dir, args.report_ids, split=args.split)
    print(format_scores(scores, verbose=args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
