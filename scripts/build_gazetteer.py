"""Build ``pipeline/data/gazetteer.json`` from the reference CSVs in ``../shared``.

The product never reads ``../shared``; it ships the compact JSON this script
writes. Run it again when the reference data changes::

    python scripts/build_gazetteer.py [--shared ../shared] [--out pipeline/data/gazetteer.json]

Sources: municipality keys and names from the Eurostat LAU 2024 list;
population, coordinates and area from the Destatis Gemeindeverzeichnis
(GV-ISys, Datenlizenz Deutschland – Namensnennung 2.0, © Statistisches
Bundesamt); police and state bodies from the public pages of the Saxon police
and ministries.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# kind of organisation for the state bodies' "type" column
STATE_BODY_KIND = {
    "Staatskanzlei": "state_ministry",
    "Staatsministerium": "state_ministry",
    "Gremium": "state_agency",
    "kommunaler Spitzenverband": "association",
}

# ASSKomm and common usage group districts into regions; a curated, small list.
REGIONS = {
    "Westsachsen": ["14523", "14524"],
    "Südwestsachsen": ["14511", "14521", "14523", "14524"],
    "Vogtland": ["14523"],
    "Erzgebirge": ["14521"],
    "Ostsachsen": ["14625", "14626"],
    "Oberlausitz": ["14625", "14626"],
    "Nordsachsen": ["14730"],
    "Nordwestsachsen": ["14713", "14729", "14730"],
    "Region Leipzig": ["14713", "14729", "14730"],
    "Region Dresden": ["14612", "14627", "14628"],
    "Region Chemnitz": ["14511", "14521", "14522"],
    "Sächsische Schweiz": ["14628"],
    "Mittelsachsen": ["14522"],
}

DISTRICT_NAMES = {
    "Landkreis": "Landkreis {short}",
}


def _district_name(short: str, dtype: str) -> str:
    if dtype == "kreisfreie Stadt":
        return short.replace(", Stadt", "")
    if short.endswith("kreis"):  # Vogtlandkreis, Erzgebirgskreis
        return short
    return f"Landkreis {short}"


def build(shared: Path) -> dict:
    gaz_dir = shared / "data" / "gazetteer"
    with open(gaz_dir / "saxony_municipalities.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    municipalities = []
    districts: dict[str, dict] = {}
    for r in rows:
        aliases = [a.strip() for a in r["aliases"].split(";") if a.strip()] if r["aliases"] else []
        municipalities.append(
            {
                "ags": r["ags"],
                "name": r["short_name"],
                "official_name": r["name"],
                "kind": r["kind"],
                "district_ags": r["district_ags"],
                "vg": r["verwaltungsverband_or_gemeinschaft"],
                "population": int(r["population_2019"] or 0),
                "lat": round(float(r["lat"]), 5),
                "lon": round(float(r["lon"]), 5),
                "aliases": aliases,
            }
        )
        d = districts.setdefault(
            r["district_ags"],
            {
                "district_ags": r["district_ags"],
                "name": _district_name(r["district_short"], r["district_type"]),
                "short_name": r["district_short"].replace(", Stadt", ""),
                "type": r["district_type"],
                "_w": 0.0,
                "_lat": 0.0,
                "_lon": 0.0,
            },
        )
        w = float(r["population_2019"] or 1)
        d["_w"] += w
        d["_lat"] += w * float(r["lat"])
        d["_lon"] += w * float(r["lon"])
    for d in districts.values():
        w = d.pop("_w")
        d["lat"] = round(d.pop("_lat") / w, 5)
        d["lon"] = round(d.pop("_lon") / w, 5)
    for m in municipalities:
        m["district"] = districts[m["district_ags"]]["name"]

    by_name: dict[str, list[str]] = {}
    for m in municipalities:
        by_name.setdefault(m["name"], []).append(m["ags"])
    district_of = {m["ags"]: m["district_ags"] for m in municipalities}

    with open(gaz_dir / "saxony_police.csv", encoding="utf-8") as fh:
        police_rows = [r for r in csv.DictReader(fh) if not r["verification"].startswith("unknown")]
        area = {r["id"]: _area_districts(r["responsible_area"], districts.values()) for r in police_rows}
        police = []
        for r in police_rows:
            allowed = area.get(r["parent_id"]) or area.get(r["id"]) or set()
            seat_ags = _seat_ags(r["seat"], by_name, {a for a, d in district_of.items() if d in allowed})
            police.append(
                {
                    "id": r["id"],
                    "name": re.sub(r"\s*\(.*\)$", "", r["name"]).strip(),
                    "type": r["type"],
                    "parent_id": r["parent_id"],
                    "seat": r["seat"].split("(")[0].split(",")[0].strip(),
                    "seat_ags": seat_ags,
                    "responsible_area": r["responsible_area"],
                    "verified": not r["verification"].startswith("unverified"),
                }
            )
    with open(gaz_dir / "saxony_state_bodies.csv", encoding="utf-8") as fh:
        state_bodies = [
            {
                "abbr": r["abbr"],
                "name": re.sub(r"\s*\(.*\)$", "", r["name"]).strip(),
                "type": r["type"],
                "kind": STATE_BODY_KIND.get(r["type"], "state_agency"),
            }
            for r in csv.DictReader(fh)
        ]
    return {
        "about": "Derived by scripts/build_gazetteer.py. Municipality keys and names: Eurostat LAU 2024; "
        "population, coordinates, PLZ, area: Destatis Gemeindeverzeichnis (GV-ISys), Datenlizenz "
        "Deutschland – Namensnennung 2.0, © Statistisches Bundesamt; police and state bodies: public "
        "pages of the Saxon police and ministries.",
        "municipalities": sorted(municipalities, key=lambda m: m["ags"]),
        "districts": sorted(districts.values(), key=lambda d: d["district_ags"]),
        "regions": [{"name": k, "district_ags": v} for k, v in sorted(REGIONS.items())],
        "police": sorted(police, key=lambda p: p["id"]),
        "state_bodies": sorted(state_bodies, key=lambda s: s["abbr"]),
    }


def _area_districts(area: str, districts) -> set[str]:
    """District keys named in a directorate's responsible area ("Stadt Chemnitz; Erzgebirgskreis")."""
    return {d["district_ags"] for d in districts if d["short_name"] and d["short_name"] in area}


def _seat_ags(seat: str, by_name: dict[str, list[str]], allowed: set[str]) -> str:
    """The municipality key of a police unit's seat, preferring the directorate's own districts.

    "Auerbach" as the seat of a Revier of PD Zwickau is Auerbach/Vogtl., not
    Auerbach in the Erzgebirgskreis; "Aue" is Aue-Bad Schlema.
    """
    town = seat.split("(")[0].split(",")[0].split(";")[0].strip()
    if not town:
        return ""
    candidates = sorted(
        {a for name, ags in by_name.items() for a in ags if name == town or name.startswith((town + "/", town + "-"))}
    )
    if allowed:
        candidates = [a for a in candidates if a in allowed] or candidates
    exact = [a for a in candidates if a in by_name.get(town, [])]
    if len(exact) == 1:
        return exact[0]
    return candidates[0] if len(candidates) == 1 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "pipeline" / "data" / "gazetteer.json")
    args = parser.parse_args()
    data = build(args.shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(
        f"wrote {args.out}: {len(data['municipalities'])} municipalities, {len(data['districts'])} districts, "
        f"{len(data['police'])} police units, {len(data['state_bodies'])} state bodies"
    )


if __name__ == "__main__":
    main()
