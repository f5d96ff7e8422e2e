"""Pictures of a run: actor network, map of municipal links, meeting timeline.

Everything works from the CSV tables of a run's output directory, so the
pictures can be redrawn without rerunning the pipeline.  Figures are built
with matplotlib's object API on an Agg canvas (no pyplot state, no GUI) and
saved without dates or version strings, so the same input gives byte-identical
PNG files.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from akteursnetz.records import MEETING_TYPES, PARTICIPANT_ROLES
from akteursnetz.safety import csv_uncell

SEED = 7
DPI = 150
GAZETTEER = Path(__file__).parent / "data" / "gazetteer.json"

# Node groups: few enough to tell apart by colour (Okabe–Ito palette).
GROUP_COLOURS: dict[str, str] = {
    "municipality": "#0072B2",
    "district office": "#56B4E9",
    "police": "#009E73",
    "state": "#CC79A7",
    "civil society": "#E69F00",
    "person": "#D55E00",
    "other": "#9A9A9A",
}
KIND_GROUP: dict[str, str] = {
    "municipality": "municipality",
    "municipality_admin": "municipality",
    "district": "district office",
    "district_admin": "district office",
    "police": "police",
    "state_ministry": "state",
    "state_agency": "state",
    "association": "civil society",
    "ngo_institute": "civil society",
    "school": "civil society",
    "person": "person",
}
EDGE_COLOURS: dict[str, str] = {
    "co_participation": "#8C8C8C",
    "cross_municipality": "#0072B2",
    "police_municipality": "#009E73",
    "affiliation": "#CC79A7",
    "located_in": "#C8B08C",
}
EDGE_LABELS: dict[str, str] = {
    "co_participation": "co-participation",
    "cross_municipality": "municipality–municipality",
    "police_municipality": "police–municipality",
    "affiliation": "affiliation",
    "located_in": "located in",
}
# When a pair has several edge kinds, the picture shows the most specific one.
EDGE_PRIORITY = ("police_municipality", "cross_municipality", "affiliation", "co_participation", "located_in")
NETWORK_KINDS = ("co_participation", "cross_municipality", "police_municipality", "affiliation")
TYPE_MARKERS: dict[str, str] = dict(zip(MEETING_TYPES, ("o", "s", "D", "^", "P", "v", "<", ">", "h", "*", "p", "X")))

_TEXT = ("report_id", "source", "date", "title", "actor_id", "name", "kind", "ags", "district", "district_ags",
         "key", "role", "affiliation", "basis", "meeting_id", "type", "venue", "municipality", "region",
         "topics", "sentence_id", "evidence", "source", "target", "meetings", "reports")
_COLUMNS: dict[str, list[str]] = {
    "reports": ["report_id", "source", "date", "title"],
    "actors": ["actor_id", "name", "kind", "ags", "district", "district_ags", "key", "role", "affiliation",
               "lat", "lon", "confidence", "basis"],
    "meetings": ["meeting_id", "report_id", "date", "type", "venue", "ags", "municipality", "district",
                 "region", "topics", "lat", "lon"],
    "participation": ["meeting_id", "actor_id", "role", "basis", "confidence", "sentence_id", "evidence"],
    "edges": ["source", "target", "kind", "weight", "meetings", "reports", "basis", "confidence", "uncertain",
              "evidence"],
}


@dataclass(frozen=True)
class Run:
    """The tables of one run, typed once so every picture reads them alike."""

    reports: pd.DataFrame
    actors: pd.DataFrame
    meetings: pd.DataFrame
    participation: pd.DataFrame
    edges: pd.DataFrame
    path: Path | None = None


RunLike = Run | str | Path


def _read_table(run_dir: Path, name: str) -> pd.DataFrame:
    csv, parquet = run_dir / f"{name}.csv", run_dir / f"{name}.parquet"
    if csv.exists():
        df = pd.read_csv(csv, dtype=str, keep_default_na=False).map(csv_uncell)  # undo the formula guard
    elif parquet.exists():
        df = pd.read_parquet(parquet).astype(str).replace({"None": "", "nan": "", "<NA>": ""})
    else:
        df = pd.DataFrame(columns=_COLUMNS[name])
    for col in _COLUMNS[name]:
        if col not in df:
            df[col] = ""
    for col in ("lat", "lon", "confidence", "weight"):
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    if "uncertain" in df:
        df["uncertain"] = df["uncertain"].astype(str).str.lower().isin(("true", "1", "yes"))
    for col in df.columns:
        if col in _TEXT:
            df[col] = df[col].astype(str).str.strip()
    return df


def load_run(run: RunLike) -> Run:
    """Read a run directory (CSV, else Parquet); missing tables come back empty."""
    if isinstance(run, Run):
        return run
    path = Path(run)
    return Run(**{name: _read_table(path, name) for name in _COLUMNS}, path=path)


def subset_run(run: RunLike, date_from: str | None = None, date_to: str | None = None,
               districts: list[str] | tuple[str, ...] | None = None) -> Run:
    """Keep only meetings in a date range and/or districts, and what hangs on them.

    Undated meetings are dropped as soon as a date bound is given. Edges stay when
    one of their meetings stays; edges without meetings (affiliation, located_in)
    stay when both ends are still present.
    """
    run = load_run(run)
    m = run.meetings
    keep = pd.Series(True, index=m.index)
    if date_from:
        keep &= (m["date"] != "") & (m["date"] >= str(date_from))
    if date_to:
        keep &= (m["date"] != "") & (m["date"] <= str(date_to))
    if districts:
        keep &= m["district"].isin(list(districts))
    meetings = m[keep]
    ids = set(meetings["meeting_id"])
    part = run.participation[run.participation["meeting_id"].isin(ids)]
    e = run.edges
    has_meetings = e["meetings"] != ""
    by_meeting = e["meetings"].map(lambda s: bool(ids & set(s.split(";"))))
    present = set(part["actor_id"]) | set(e.loc[has_meetings & by_meeting, ["source", "target"]].values.ravel())
    structural = ~has_meetings & e["source"].isin(present) & e["target"].isin(present)
    edges = e[(has_meetings & by_meeting) | structural]
    actors = run.actors[run.actors["actor_id"].isin(present)]
    reports = run.reports[run.reports["report_id"].isin(set(meetings["report_id"]))]
    return replace(run, reports=reports, actors=actors, meetings=meetings, participation=part, edges=edges)


def group_of(kind: str, key: str = "") -> str:
    """Colour group of an actor; collectives count by what they stand for."""
    if kind == "collective":
        if key.startswith("police:"):
            return "police"
        if key.startswith("municipal:"):
            return "municipality"
    return KIND_GROUP.get(kind, "other")


def actor_graph(run: RunLike, kinds: tuple[str, ...] | list[str] | None = NETWORK_KINDS,
                all_actors: bool = False) -> nx.Graph:
    """Actor graph from edges.csv: one edge per pair, the strongest kind wins.

    Edge attributes: weight (max over kinds), kind (most specific), kinds,
    uncertain (only if every kind between the pair is uncertain).
    """
    run = load_run(run)
    g = nx.Graph()
    actors = run.actors.sort_values("actor_id")
    if all_actors:
        for row in actors.itertuples():
            g.add_node(row.actor_id)
    edges = run.edges if kinds is None else run.edges[run.edges["kind"].isin(list(kinds))]
    edges = edges[edges["source"] != edges["target"]]
    rank = {k: i for i, k in enumerate(EDGE_PRIORITY)}
    for row in edges.sort_values(["source", "target", "kind"]).itertuples():
        a, b = sorted((row.source, row.target))
        w = float(row.weight) if pd.notna(row.weight) else 1.0
        if g.has_edge(a, b):
            d = g.edges[a, b]
            d["weight"] = max(d["weight"], w)
            d["kinds"] = sorted({*d["kinds"], row.kind})
            if rank.get(row.kind, 99) < rank.get(d["kind"], 99):
                d["kind"] = row.kind
            d["uncertain"] = d["uncertain"] and bool(row.uncertain)
        else:
            g.add_edge(a, b, weight=w, kind=row.kind, kinds=[row.kind], uncertain=bool(row.uncertain))
    # Rebuild with sorted nodes so layouts do not depend on edge order.
    h = nx.Graph()
    info = actors.set_index("actor_id")
    for n in sorted(g.nodes):
        row = info.loc[n] if n in info.index else None
        name = str(row["name"]) if row is not None else n
        kind = str(row["kind"]) if row is not None else "other"
        key = str(row["key"]) if row is not None else ""
        h.add_node(n, name=name or n, kind=kind, group=group_of(kind, key), bipartite="actor")
    h.add_edges_from(sorted((a, b, d) for a, b, d in g.edges(data=True)))
    return h


def meeting_graph(run: RunLike, roles: tuple[str, ...] = PARTICIPANT_ROLES) -> nx.Graph:
    """Bipartite actor–meeting graph from participation.csv (mentions and credits left out)."""
    run = load_run(run)
    part = run.participation[run.participation["role"].isin(list(roles))]
    info = run.actors.set_index("actor_id")
    g = nx.Graph()
    for row in run.meetings.sort_values("meeting_id").itertuples():
        if row.meeting_id in set(part["meeting_id"]):
            label = " ".join(x for x in (row.date or "undated", row.municipality) if x)
            g.add_node(row.meeting_id, name=label, kind="meeting", group="meeting", bipartite="meeting")
    for aid in sorted(set(part["actor_id"])):
        row = info.loc[aid] if aid in info.index else None
        kind = str(row["kind"]) if row is not None else "other"
        g.add_node(aid, name=str(row["name"]) if row is not None else aid, kind=kind,
                   group=group_of(kind, str(row["key"]) if row is not None else ""), bipartite="actor")
    for row in part.sort_values(["meeting_id", "actor_id"]).itertuples():
        if row.meeting_id in g:
            g.add_edge(row.actor_id, row.meeting_id, weight=1.0, kind="participation",
                       uncertain=row.basis == "inferred")
    return g


def centrality(run: RunLike, top: int | None = None) -> pd.DataFrame:
    """Actors ranked by degree and betweenness in the co-participation graph.

    Degree counts distinct partners, strength sums edge weights; betweenness is
    sampled (fixed seed) only on large graphs to stay fast.
    """
    run = load_run(run)
    g = actor_graph(run)
    cols = ["actor_id", "name", "kind", "group", "district", "meetings", "degree", "strength", "betweenness"]
    if not len(g):
        return pd.DataFrame(columns=cols)
    k = min(len(g), 300) if len(g) > 600 else None
    btw = nx.betweenness_centrality(g, k=k, seed=SEED, normalized=True)
    part = run.participation[run.participation["role"].isin(list(PARTICIPANT_ROLES))]
    n_meet = part.groupby("actor_id")["meeting_id"].nunique()
    info = run.actors.set_index("actor_id")
    rows = [{
        "actor_id": n, "name": d["name"], "kind": d["kind"], "group": d["group"],
        "district": str(info.loc[n, "district"]) if n in info.index else "",
        "meetings": int(n_meet.get(n, 0)), "degree": g.degree(n),
        "strength": float(g.degree(n, weight="weight")), "betweenness": round(btw[n], 4),
    } for n, d in g.nodes(data=True)]
    df = pd.DataFrame(rows, columns=cols).sort_values(
        ["degree", "betweenness", "strength", "name"], ascending=[False, False, False, True], kind="stable")
    df = df.reset_index(drop=True)
    return df.head(top) if top else df


def layout(g: nx.Graph, seed: int = SEED) -> dict[str, np.ndarray]:
    """Layout per connected component, each scaled to a median edge length of 1, packed in rows.

    A single spring layout pushes small components to the far corners and leaves
    the main one as a blob; equal edge lengths keep the parts comparable.
    """
    pos: dict[str, np.ndarray] = {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    parts = []
    for comp in comps:
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        # Log weights: one heavy pair should not collapse onto a point.
        sub.add_edges_from(sorted((a, b, {"w": 1 + math.log1p(d.get("weight", 1.0))})
                                  for a, b, d in g.subgraph(comp).edges(data=True)))
        if len(comp) == 1:
            xy = np.zeros((1, 2))
        else:
            local = _spring(sub, seed)
            xy = np.array([local[n] for n in comp])
            lengths = [np.linalg.norm(local[a] - local[b]) for a, b in sub.edges()]
            xy = xy / max(float(np.median(lengths)), 1e-9)
            # Principal axis horizontal: pictures and the explorer are landscape.
            xy = xy - xy.mean(axis=0)
            _, _, vt = np.linalg.svd(xy, full_matrices=False)
            xy = xy @ (vt.T * np.sign(vt[0, 0] or 1.0))
        xy = xy - xy.min(axis=0)
        parts.append((comp, xy, *xy.max(axis=0)))
    gap = 1.5
    width = max(parts[0][2], 1.2 * math.sqrt(sum((w + gap) * (h + gap) for *_, w, h in parts))) if parts else 0
    x = y = row_h = 0.0
    for i, (comp, xy, w, h) in enumerate(parts):
        small_starts = len(comp) <= 2 and (i == 0 or len(comps[i - 1]) > 2)
        if x > 0 and (x + w > width or small_starts):  # pairs and isolated actors go in rows below
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        for n, p in zip(comp, xy):
            pos[n] = p + np.array([x, y - h])
        x += w + gap
        row_h = max(row_h, h)
    return pos


def _spring(g: nx.Graph, seed: int) -> dict[str, np.ndarray]:
    """Kamada–Kawai start (even edge lengths: leaves spread around their hub), spring finish."""
    init = None
    if 3 <= len(g) <= 350:
        try:
            init = nx.kamada_kawai_layout(g)
        except ImportError:  # needs scipy; the spring layout alone still works
            init = None
    pos = nx.spring_layout(g, pos=init, k=2.0 / math.sqrt(len(g)), weight="w", seed=seed,
                           iterations=60 if init else 150)
    return nx.rescale_layout_dict(pos, 1.0)


def anchored_layout(run: RunLike, g: nx.Graph, seed: int = SEED) -> dict[str, np.ndarray]:
    """Layout of an actor graph with its meetings as hidden anchors.

    Co-participation turns every meeting into a clique, and cliques collapse into
    blobs; laying out the actor–meeting graph instead spreads each meeting's actors
    around it. The actor edges (affiliation etc.) take part too.
    """
    mg = meeting_graph(run)
    lg = nx.Graph()
    lg.add_nodes_from(sorted(g.nodes))
    lg.add_edges_from(sorted((a, b, d) for a, b, d in g.edges(data=True)))
    anchors = []
    for u, v in mg.edges():
        actor, meeting = (u, v) if mg.nodes[u]["bipartite"] == "actor" else (v, u)
        if actor in g:
            anchors.append((actor, f"meeting:{meeting}", {"weight": 1.0}))
    lg.add_edges_from(sorted(anchors))
    pos = layout(lg, seed)
    return {n: pos[n] for n in g.nodes}


def _new_figure(w: float, h: float) -> Figure:
    fig = Figure(figsize=(w, h), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _halo(width: float = 3.0) -> list:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _place_labels(ax, items: list[tuple[float, float, str]], offsets: list[tuple[float, float]],
                  avoid: list[tuple[float, float, float]] = (), gid: str = "label",
                  taken: list[Bbox] | None = None, drop: bool = False, **kw) -> list:
    """Greedy label placement: first offset (points) whose box hits no earlier label and no
    marker in ``avoid`` (x, y, radius in points); else the offset with the least overlap
    (or, with ``drop``, no label at all).

    Labels stay out of the layout engine so they never shrink the axes. ``taken`` collects
    the boxes so a later call can avoid these labels too.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72
    boxes = taken if taken is not None else []
    out = []
    for x, y, r in avoid:
        cx, cy = ax.transData.transform((x, y))
        boxes.append(Bbox.from_extents(cx - r * px, cy - r * px, cx + r * px, cy + r * px))
    for x, y, text in items:
        best, best_cost = None, math.inf
        for dx, dy in offsets:
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            cand = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                               path_effects=_halo(), gid=gid, **kw)
            cand.set_in_layout(False)
            box = cand.get_window_extent(renderer)
            # overlap with earlier labels and markers, plus whatever sticks out of the axes
            cost = sum(_overlap(box, b) for b in boxes) + box.width * box.height - _overlap(box, ax.bbox)
            if cost < best_cost:
                if best is not None:
                    best.remove()
                best, best_cost = cand, cost
            else:
                cand.remove()
            if cost == 0:
                break
        if drop and best_cost > 0:  # optional labels give way rather than overlap
            best.remove()
            continue
        boxes.append(best.get_window_extent(renderer))
        out.append(best)
    return out


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _group_legend(ax, groups: list[str], extra: list[Line2D] | None = None, **kw) -> None:
    handles = [Line2D([], [], marker="o", ls="", color=GROUP_COLOURS.get(g, "#444"), markersize=8, label=g)
               for g in GROUP_COLOURS if g in groups]
    ax.legend(handles=handles + (extra or []), frameon=False, fontsize=8, **kw)


def draw_network(run: RunLike, *, kinds: tuple[str, ...] | list[str] | None = NETWORK_KINDS,
                 bipartite: bool = False, max_labels: int = 15, title: str | None = None) -> Figure:
    """Actor network (or actor–meeting graph), coloured by group, labels for the most central actors."""
    run = load_run(run)
    g = meeting_graph(run) if bipartite else actor_graph(run, kinds)
    fig = _new_figure(11, 8.5)
    ax = fig.add_subplot()
    ax.set_axis_off()
    n_act = sum(1 for _, d in g.nodes(data=True) if d["bipartite"] == "actor")
    if title is None:
        what = "Actor–meeting network" if bipartite else "Actor network"
        title = f"{what}: {n_act} actors"
        title += f", {len(g) - n_act} meetings" if bipartite else f", {g.number_of_edges()} links"
    ax.set_title(title, fontsize=13, loc="left")
    if not len(g):
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes, color="#777")
        return fig
    pos = layout(g) if bipartite else anchored_layout(run, g)
    # Edges: most specific kind as colour, width by weight, dashed when uncertain.
    edges = sorted(g.edges(data=True), key=lambda e: (EDGE_PRIORITY[::-1].index(e[2]["kind"])
                                                      if e[2]["kind"] in EDGE_PRIORITY else -1, e[0], e[1]))
    wmax = max((d["weight"] for *_, d in edges), default=1.0)
    segs = [(pos[a], pos[b]) for a, b, _ in edges]
    colours = [EDGE_COLOURS.get(d["kind"], "#8C8C8C") for *_, d in edges]
    widths = [0.5 + 2.5 * math.sqrt(d["weight"] / wmax) for *_, d in edges]
    styles = [(0, (3, 2)) if d["uncertain"] else "solid" for *_, d in edges]
    alpha = 0.55 if len(edges) < 400 else 0.25
    ax.add_collection(LineCollection(segs, colors=colours, linewidths=widths, linestyles=styles,
                                     alpha=alpha, zorder=1))
    # Nodes: size by degree.
    deg = dict(g.degree())
    dmax = max(deg.values()) or 1
    biggest = min(360.0, max(60.0, 9000.0 / len(g)))  # marker area shrinks as the graph grows
    sizes = {n: biggest * (0.12 + 0.88 * math.sqrt(deg[n] / dmax)) for n in g}
    for n, d in g.nodes(data=True):
        if d["group"] == "meeting":
            sizes[n] *= 0.6
    for group in [*GROUP_COLOURS, "meeting"]:
        nodes = [n for n, d in g.nodes(data=True) if d["group"] == group]
        if not nodes:
            continue
        xy = np.array([pos[n] for n in nodes])
        if group == "meeting":
            ax.scatter(xy[:, 0], xy[:, 1], s=[sizes[n] for n in nodes], marker="s", c="#333333",
                       edgecolors="white", linewidths=0.6, zorder=2)
        else:
            ax.scatter(xy[:, 0], xy[:, 1], s=[sizes[n] for n in nodes], c=GROUP_COLOURS[group],
                       edgecolors="white", linewidths=0.7, zorder=3)
    # Labels for the most central actors only.
    actors = [n for n, d in g.nodes(data=True) if d["bipartite"] == "actor"]
    btw = nx.betweenness_centrality(g, k=min(len(g), 300) if len(g) > 600 else None, seed=SEED)
    ranked = sorted(actors, key=lambda n: (-deg[n], -btw[n], g.nodes[n]["name"]))[:max_labels]
    ax.autoscale_view()
    ax.margins(0.06)
    extra = [Line2D([], [], color=EDGE_COLOURS[k], lw=2, label=EDGE_LABELS[k])
             for k in EDGE_PRIORITY if any(d["kind"] == k for *_, d in edges)]
    if bipartite:
        extra = [Line2D([], [], marker="s", ls="", color="#333333", markersize=7, label="meeting")]
    if any(d["uncertain"] for *_, d in edges):
        extra.append(Line2D([], [], color="#555", lw=1.2, ls=(0, (3, 2)), label="uncertain"))
    groups = sorted({d["group"] for _, d in g.nodes(data=True)})
    _group_legend(ax, groups, extra, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="actors / links",
                  title_fontsize=9)
    avoid = [(*pos[n], 0.5 * math.sqrt(sizes[n])) for n in sorted(g.nodes)]
    taken: list[Bbox] = []
    _place_labels(ax, [(*pos[n], _short(g.nodes[n]["name"])) for n in ranked],
                  [(0, 9), (0, -9), (9, 0), (-9, 0), (8, 8), (-8, -8), (8, -8), (-8, 8), (0, 16), (0, -16)],
                  avoid=avoid, taken=taken, fontsize=8.5, zorder=4)
    meetings = [n for n, d in g.nodes(data=True) if d["group"] == "meeting"]
    if 0 < len(meetings) <= 25:
        _place_labels(ax, [(*pos[n], g.nodes[n]["name"]) for n in meetings], [(0, -8), (0, 8), (8, 0), (-8, 0)],
                      taken=taken, gid="meeting-label", fontsize=7.5, style="italic", color="#333", zorder=4)
    return fig


def _short(name: str, n: int = 34) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def load_municipalities(path: Path | str | None = None) -> pd.DataFrame | None:
    """Municipality points (ags, name, district, lat, lon) from a CSV or the gazetteer JSON, if present."""
    path = Path(path) if path else GAZETTEER
    if not path.exists():
        return None
    if path.suffix == ".csv":
        df = pd.read_csv(path, dtype={"ags": str})
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("municipalities", data)
        if isinstance(data, dict):  # keyed by ags
            data = [{"ags": k, **v} for k, v in data.items() if isinstance(v, dict)]
        df = pd.DataFrame(data)
    if not {"lat", "lon"} <= set(df.columns):
        return None
    for col in ("ags", "name", "district"):
        if col not in df:
            df[col] = ""
    df = df[["ags", "name", "district", "lat", "lon"]].copy()
    df["ags"] = df["ags"].astype(str)
    df[["lat", "lon"]] = df[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
    return df.dropna(subset=["lat", "lon"]).sort_values("ags").reset_index(drop=True)


def _background(run: Run, municipalities: pd.DataFrame | None) -> pd.DataFrame | None:
    if municipalities is not None:
        return municipalities
    if run.path is not None and (run.path / "municipalities.csv").exists():
        return load_municipalities(run.path / "municipalities.csv")
    return load_municipalities()


def actor_coordinates(run: RunLike, municipalities: pd.DataFrame | None = None) -> dict[str, tuple[float, float]]:
    """(lon, lat) per actor: its own coordinates, else those of its municipality (ags)."""
    run = load_run(run)
    by_ags: dict[str, tuple[float, float]] = {}
    if municipalities is not None:
        by_ags = {str(r.ags): (float(r.lon), float(r.lat)) for r in municipalities.itertuples()}
    for r in run.actors.itertuples():
        if r.kind == "municipality" and pd.notna(r.lat) and pd.notna(r.lon) and r.ags:
            by_ags.setdefault(r.ags, (float(r.lon), float(r.lat)))
    out = {}
    for r in run.actors.itertuples():
        if pd.notna(r.lat) and pd.notna(r.lon):
            out[r.actor_id] = (float(r.lon), float(r.lat))
        elif r.ags in by_ags:
            out[r.actor_id] = by_ags[r.ags]
    return out


def draw_map(run: RunLike, municipalities: pd.DataFrame | None = None) -> Figure:
    """Cross-municipality and police–municipality links on a dot map of Saxony (offline, no tiles)."""
    run = load_run(run)
    bg = _background(run, municipalities)
    coords = actor_coordinates(run, bg)
    info = run.actors.set_index("actor_id")
    fig = _new_figure(11, 8)
    ax = fig.add_subplot()
    ax.set_axis_off()
    if bg is not None and len(bg):
        ax.scatter(bg["lon"], bg["lat"], s=7, c="#C9C9C9", linewidths=0, zorder=0)
    # Police units sit at their seat; nudge several at one seat apart so local links stay visible.
    police = sorted(a for a in coords if a in info.index and group_of(info.loc[a, "kind"], info.loc[a, "key"]) == "police")
    seat_count: dict[tuple[float, float], int] = {}
    for a in police:
        i = seat_count[coords[a]] = seat_count.get(coords[a], 0) + 1
        ang = math.radians(45 + 70 * (i - 1))
        coords[a] = (coords[a][0] + 0.045 * math.cos(ang), coords[a][1] + 0.03 * math.sin(ang))
    drawn: dict[str, int] = {}
    skipped = 0
    handles = []
    used: set[str] = set()
    for kind in ("cross_municipality", "police_municipality"):
        label = EDGE_LABELS[kind]
        e = run.edges[run.edges["kind"] == kind].sort_values(["source", "target"])
        ok = e["source"].isin(coords.keys()) & e["target"].isin(coords.keys())
        skipped += int((~ok).sum())
        e = e[ok]
        drawn[kind] = len(e)
        if len(e):
            wmax = float(e["weight"].max() or 1)
            ax.add_collection(LineCollection(
                [(coords[s], coords[t]) for s, t in zip(e["source"], e["target"])],
                colors=EDGE_COLOURS[kind], alpha=0.75, zorder=2,
                linewidths=[1 + 3 * math.sqrt(w / wmax) for w in e["weight"].fillna(1)],
                linestyles=[(0, (3, 2)) if u else "solid" for u in e["uncertain"]]))
            used |= set(e["source"]) | set(e["target"])
        handles.append(Line2D([], [], color=EDGE_COLOURS[kind], lw=2.5, label=f"{label} ({len(e)})"))
    if run.edges["uncertain"].any():
        handles.append(Line2D([], [], color="#555", lw=1.5, ls=(0, (3, 2)), label="uncertain"))
    # Actors at the link ends plus meeting places.
    pts = sorted(used)
    munis = [a for a in pts if group_of(info.loc[a, "kind"], info.loc[a, "key"]) != "police"]
    pol = [a for a in pts if a not in munis]
    places = run.meetings.dropna(subset=["lat", "lon"])
    if len(places):
        ax.scatter(places["lon"], places["lat"], s=160, facecolors="none", edgecolors="#333", linewidths=1,
                   zorder=3)
        handles.append(Line2D([], [], marker="o", ls="", mfc="none", mec="#333", markersize=10,
                              label=f"meeting place ({places['ags'].nunique()})"))
    if munis:
        xy = np.array([coords[a] for a in munis])
        ax.scatter(xy[:, 0], xy[:, 1], s=45, c=GROUP_COLOURS["municipality"], edgecolors="white", zorder=4)
        handles.append(Line2D([], [], marker="o", ls="", color=GROUP_COLOURS["municipality"], markersize=7,
                              label="municipal actor"))
    if pol:
        xy = np.array([coords[a] for a in pol])
        ax.scatter(xy[:, 0], xy[:, 1], s=55, marker="^", c=GROUP_COLOURS["police"], edgecolors="white", zorder=4)
        handles.append(Line2D([], [], marker="^", ls="", color=GROUP_COLOURS["police"], markersize=8,
                              label="police unit (at its seat)"))
    # Label towns at the link ends (the busiest 25 on crowded maps).
    towns: dict[tuple[float, float], str] = {}
    weight = run.edges[run.edges["kind"].isin(["cross_municipality", "police_municipality"])]
    busy = pd.concat([weight["source"], weight["target"]]).value_counts()
    for a in sorted(munis, key=lambda a: (-busy.get(a, 0), a))[:25]:
        ags = info.loc[a, "ags"]
        name = info.loc[a, "name"] if info.loc[a, "kind"] == "municipality" else None
        if not name and bg is not None and ags in set(bg["ags"]):
            name = bg.loc[bg["ags"] == ags, "name"].iloc[0]
        towns.setdefault(coords[a], str(name or info.loc[a, "name"]))
    lats = [c[1] for c in coords.values()] + (list(bg["lat"]) if bg is not None else [])
    if lats:
        ax.set_aspect(1 / math.cos(math.radians(float(np.mean(lats)))))
    ax.autoscale_view()
    ax.margins(0.04)
    title = (f"Municipal links on the map: {drawn.get('cross_municipality', 0)} municipality–municipality, "
             f"{drawn.get('police_municipality', 0)} police–municipality")
    if skipped:
        title += f"\n{skipped} link{'s' if skipped != 1 else ''} not drawn (no coordinates for an end)"
    ax.set_title(title, fontsize=12, loc="left")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=8.5,
              frameon=False)
    taken: list[Bbox] = []
    markers = [(*coords[a], 5.0) for a in pts] + [(x, y, 8.0) for x, y in zip(places["lon"], places["lat"])]
    _place_labels(ax, [(x, y, _short(name, 28)) for (x, y), name in sorted(towns.items())],
                  [(5, -5), (5, 5), (-5, -5), (-5, 5), (0, 9), (0, -9)], avoid=markers, taken=taken,
                  fontsize=8.5, zorder=5)
    if bg is not None and len(bg):
        # District names in light caps at the centroid of their towns, where no town label sits.
        items = []
        for district, grp in sorted(bg.groupby("district"), key=lambda t: str(t[0])):
            name = str(district).removeprefix("Landkreis ").upper()
            if name and name not in {t.upper() for t in towns.values()}:  # a labelled city is its own district
                items.append((grp["lon"].mean(), grp["lat"].mean(), name))
        _place_labels(ax, items, [(0, 0), (0, 12), (0, -12)], taken=taken, drop=True, gid="district-label",
                      fontsize=7, color="#A6A6A6", zorder=1)
    return fig


def draw_timeline(run: RunLike) -> Figure:
    """Meetings by date (x) and region (y), marker by meeting type; undated ones are counted in the title."""
    run = load_run(run)
    m = run.meetings.copy()
    m["when"] = pd.to_datetime(m["date"], errors="coerce", format="mixed")
    undated = int(m["when"].isna().sum())
    m = m.dropna(subset=["when"]).sort_values(["when", "meeting_id"])
    m["region"] = m["region"].replace("", "(no region)")
    regions = sorted(m["region"].unique(), reverse=True)
    fig = _new_figure(11, max(3.6, 1.9 + 0.45 * len(regions)))
    ax = fig.add_subplot()
    title = f"Meetings by date and region: {len(m)} dated"
    if undated:
        title += f", {undated} without date not shown"
    ax.set_title(title, fontsize=12, loc="left")
    if not len(m):
        ax.text(0.5, 0.5, "no dated meetings", ha="center", va="center", transform=ax.transAxes, color="#777")
        ax.set_yticks([])
        return fig
    ypos = {r: i for i, r in enumerate(regions)}
    # Stack meetings on the same day and region a little apart.
    m["slot"] = m.groupby(["region", "when"]).cumcount()
    m["y"] = m["region"].map(ypos) + 0.25 * m["slot"]
    types = [t for t in (*MEETING_TYPES, *sorted(set(m["type"]) - set(MEETING_TYPES))) if t in set(m["type"])]
    palette = ["#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#666666", "#56B4E9"]
    for i, t in enumerate(types):
        sub = m[m["type"] == t]
        ax.scatter(sub["when"], sub["y"], marker=TYPE_MARKERS.get(t, "o"), s=70, c=palette[i % len(palette)],
                   edgecolors="white", linewidths=0.6, zorder=3, label=f"{t} ({len(sub)})")
    ax.set_yticks(range(len(regions)), regions)
    ax.set_ylim(-0.6, len(regions) - 0.4 + 0.25 * int(m["slot"].max()))
    loc = AutoDateLocator()
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(loc))
    span = m["when"].max() - m["when"].min()
    pad = max(span * 0.05, pd.Timedelta(days=20))
    ax.set_xlim(m["when"].min() - pad, m["when"].max() + pad * 2.5)  # room for the last place name
    ax.grid(axis="x", color="#eee")
    ax.grid(axis="y", color="#f3f3f3")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.legend(loc="outside lower center", ncol=3, fontsize=8.5, frameon=False)
    if len(m) <= 40:  # name the place while it stays readable
        items = [(date2num(r.when), r.y, _short(r.municipality or r.venue, 24)) for r in m.itertuples()
                 if r.municipality or r.venue]
        marks = [(date2num(r.when), r.y, 5.0) for r in m.itertuples()]
        _place_labels(ax, items, [(7, 0), (-7, 0), (0, 8), (0, -8)], avoid=marks, fontsize=8, color="#444")
    return fig


def save_png(fig: Figure, path: Path | str) -> Path:
    """PNG without Software/date metadata, so identical input gives identical bytes."""
    path = Path(path)
    fig.savefig(path, dpi=DPI, metadata={"Software": None}, facecolor="white")
    return path


def write_pictures(run_dir: Path | str, dest_dir: Path | str,
                   municipalities: pd.DataFrame | None = None) -> list[Path]:
    """Write network.png, map.png and timeline.png for a run."""
    run = load_run(run_dir)
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    # The actor–meeting graph stays readable with hundreds of actors; the actor graph turns into blobs.
    return [save_png(draw_network(run, bipartite=True), dest / "network.png"),
            save_png(draw_map(run, municipalities), dest / "map.png"),
            save_png(draw_timeline(run), dest / "timeline.png")]
