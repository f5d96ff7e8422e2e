"""Pictures, HTML report and notebook against the synthetic run in tests/fixtures/run."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import struct
from pathlib import Path

import pandas as pd
import pytest

from akteursnetz import viz
from akteursnetz.report import write_report

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "run"
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def png_chunks(data: bytes) -> list[bytes]:
    """Chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        out.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return out


def big_run(path: Path, n_actors: int = 300, n_meetings: int = 45, seed: int = 3) -> Path:
    """A generated run with a few hundred actors, to check the network picture stays legible."""
    rnd = random.Random(seed)
    kinds = ["municipality", "police", "district_admin", "association", "person", "state_agency", "school", "other"]
    actors = [dict(actor_id=f"X{i:03d}", name=f"Akteur Nummer {i}", kind=rnd.choice(kinds)) for i in range(n_actors)]
    meetings, part, edges = [], [], {}
    for m in range(n_meetings):
        mid = f"M{m:02d}"
        meetings.append(dict(meeting_id=mid, report_id=f"R{m}", date=f"2023-{1 + m % 12:02d}-{1 + m % 27:02d}",
                             type="KPR-Sitzung", region=f"Region {m % 5}", municipality=f"Ort {m}"))
        members = sorted(rnd.sample(actors, rnd.randint(3, 14)), key=lambda a: a["actor_id"])
        for a in members:
            part.append(dict(meeting_id=mid, actor_id=a["actor_id"], role="participant", basis="stated"))
        for a, b in itertools.combinations(members, 2):
            e = edges.setdefault((a["actor_id"], b["actor_id"]), dict(
                source=a["actor_id"], target=b["actor_id"], kind="co_participation", weight=0, meetings="",
                uncertain=str(rnd.random() < 0.2).lower(), evidence="Satz."))
            e["weight"] += 1
            e["meetings"] = ";".join(filter(None, [e["meetings"], mid]))
    path.mkdir(parents=True, exist_ok=True)
    for name, rows in (("actors", actors), ("meetings", meetings), ("participation", part),
                       ("edges", list(edges.values()))):
        pd.DataFrame(rows).to_csv(path / f"{name}.csv", index=False)
    return path


def test_load_run_types() -> None:
    run = viz.load_run(FIXTURE)
    assert len(run.meetings) == 8 and len(run.actors) == 34
    assert run.edges["uncertain"].dtype == bool
    assert set(run.edges["kind"]) == {"co_participation", "cross_municipality", "police_municipality",
                                      "affiliation", "located_in"}
    assert run.actors.loc[run.actors["name"] == "Werdau", "lat"].iloc[0] == pytest.approx(50.73)


def test_pictures_are_written_and_byte_identical(tmp_path: Path) -> None:
    first = viz.write_pictures(FIXTURE, tmp_path / "a")
    second = viz.write_pictures(FIXTURE, tmp_path / "b")
    assert [p.name for p in first] == ["network.png", "map.png", "timeline.png"]
    for a, b in zip(first, second):
        data = a.read_bytes()
        assert data == b.read_bytes(), f"{a.name} differs between two runs"
        chunks = png_chunks(data)
        # no Software text, no timestamp
        assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(chunks), chunks
        assert len(data) > 20_000


def test_network_groups_and_labels() -> None:
    fig = viz.draw_network(FIXTURE)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "label"]
    assert 0 < len(labels) <= 15
    assert "Zwickau" in labels  # the best-connected actor of the fixture
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"municipality", "police", "district office", "state", "civil society", "person"} <= set(legend)
    assert "uncertain" in legend


def test_big_network_stays_legible(tmp_path: Path) -> None:
    run = big_run(tmp_path / "big")
    fig = viz.draw_network(run)
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "label"]
    assert 0 < len(labels) <= 15
    assert "actors" in ax.get_title(loc="left")
    out = viz.save_png(fig, tmp_path / "big.png")
    assert out.stat().st_size > 50_000


def test_bipartite_network_has_meetings() -> None:
    g = viz.meeting_graph(FIXTURE)
    meetings = [n for n, d in g.nodes(data=True) if d["bipartite"] == "meeting"]
    assert len(meetings) == 8
    # mentions are not participation
    assert not g.has_edge("A21", "M1")
    fig = viz.draw_network(FIXTURE, bipartite=True)
    assert "8 meetings" in fig.axes[0].get_title(loc="left")


def test_map_places_links_and_counts_skipped() -> None:
    run = viz.load_run(FIXTURE)
    bg = viz.load_municipalities(FIXTURE / "municipalities.csv")
    coords = viz.actor_coordinates(run, bg)
    assert coords["A13"] == coords["A01"]  # police unit at the seat of its town
    links = run.edges[run.edges["kind"].isin(["cross_municipality", "police_municipality"])]
    skipped = int((~(links["source"].isin(coords) & links["target"].isin(coords))).sum())
    assert skipped > 0  # the collective "Polizei" has no place
    fig = viz.draw_map(run, bg)
    ax = fig.axes[0]
    assert f"{skipped} links not drawn" in ax.get_title(loc="left")
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "municipality–municipality (14)" in legend
    drawn = int((links["kind"] == "police_municipality").sum()) - sum(
        1 for r in links[links["kind"] == "police_municipality"].itertuples()
        if r.source not in coords or r.target not in coords)
    assert f"police–municipality ({drawn})" in legend
    assert any(t.get_gid() == "district-label" for t in ax.texts)


def test_gazetteer_json_shape(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps({"municipalities": [
        {"ags": "14524330", "name": "Zwickau", "district": "Zwickau", "lat": 50.72, "lon": 12.5}]}))
    df = viz.load_municipalities(path)
    assert list(df["name"]) == ["Zwickau"]
    assert viz.load_municipalities(tmp_path / "missing.json") is None


def test_timeline_counts_undated() -> None:
    fig = viz.draw_timeline(FIXTURE)
    ax = fig.axes[0]
    assert "7 dated" in ax.get_title(loc="left") and "1 without date" in ax.get_title(loc="left")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert set(ticks) == {"Westsachsen", "Vogtland", "Leipzig", "Ostsachsen"}


def test_subset_run_by_district_and_date() -> None:
    sub = viz.subset_run(FIXTURE, districts=["Zwickau"])
    assert sorted(sub.meetings["meeting_id"]) == ["M1", "M2", "M6", "M8"]
    kept = set(sub.meetings["meeting_id"])
    assert all(kept & set(m.split(";")) for m in sub.edges["meetings"] if m)
    assert set(sub.participation["meeting_id"]) <= kept
    sub = viz.subset_run(FIXTURE, date_from="2024-01-01")
    assert sorted(sub.meetings["meeting_id"]) == ["M5", "M6"]  # the undated meeting drops out


def test_centrality_ranking() -> None:
    c = viz.centrality(FIXTURE)
    assert c.iloc[0]["name"] == "Zwickau"
    assert list(c.columns[-3:]) == ["degree", "strength", "betweenness"]
    assert c["betweenness"].between(0, 1).all()


def test_empty_run(tmp_path: Path) -> None:
    paths = viz.write_pictures(tmp_path, tmp_path / "out")
    assert all(p.exists() for p in paths)
    html = write_report(tmp_path).read_text(encoding="utf-8")
    assert '"nodes":[]' in html


def test_report_is_self_contained(tmp_path: Path) -> None:
    out = write_report(FIXTURE, tmp_path)
    assert out == tmp_path / "report.html"
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html
    assert html.count('src="data:image/png;base64,') == 3
    data = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html,
                                re.S).group(1))
    run = viz.load_run(FIXTURE)
    assert len(data["nodes"]) == len(run.actors)
    assert len(data["edges"]) == len(run.edges)
    assert sum(e["uncertain"] for e in data["edges"]) == int(run.edges["uncertain"].sum())
    assert 0 < sum(1 for n in data["nodes"] if n["label"]) <= 15
    assert all(0 <= n["x"] <= data["width"] and 0 <= n["y"] <= data["height"] for n in data["nodes"])
    evidence = [e for e in data["edges"] if e["kind"] == "police_municipality" and e["evidence"]]
    assert evidence and all(isinstance(s, str) for s in evidence[0]["evidence"])
    for table in ("Meetings", "Most central actors", "Summary"):
        assert f"<h2>{table}</h2>" in html
    assert "Kriminalpräventiver Rat Plauen tagt" in html  # report title in the meetings table


def test_notebook_is_saved_without_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert "AKTEURSNETZ_RUN" in code[0].source and "data" in code[0].source


def test_notebook_runs_on_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    run = tmp_path / "run"
    shutil.copytree(FIXTURE, run)
    monkeypatch.setenv("AKTEURSNETZ_RUN", str(run))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5  # actor–meeting, two municipal networks, map, timeline
    text = "".join(o.get("text", "") for o in outputs)
    assert str(run) in text and "8 meetings" in text and "modularity" in text
    assert not list(run.glob("report.html"))  # the notebook only reads
