"""Self-contained HTML report of a run: summary, pictures, tables and a network explorer.

One file that opens anywhere, offline: CSS and JS are inlined from ``assets/``,
pictures are base64 data URIs and the explorer's layout is computed here and
embedded as JSON, so the page makes no network requests at all.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from pathlib import Path
from string import Template

import pandas as pd

from akteursnetz import viz
from akteursnetz.records import PARTICIPANT_ROLES

HERE = Path(__file__).parent
WIDTH, HEIGHT = 1000, 640
LABELS = 15


def _png_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=viz.DPI, metadata={"Software": None}, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _table(df: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    if not len(df):
        return '<p class="muted">None.</p>'
    head = "".join(f'<th{" class=num" if c in numeric else ""}>{html.escape(str(c))}</th>' for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = "".join(f'<td{" class=num" if c in numeric else ""}>{html.escape(_fmt(v))}</td>'
                        for c, v in zip(df.columns, rec))
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _fmt(v) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.3f}".rstrip("0").rstrip(".")
    return str(v)


def network_data(run: viz.Run) -> dict:
    """Nodes (all actors) and edges (all kinds) with positions scaled to the SVG box."""
    g = viz.actor_graph(run, kinds=None, all_actors=True)
    pos = viz.anchored_layout(run, g)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    margin = 30
    span = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    scale = min((WIDTH - 2 * margin) / span[0], (HEIGHT - 2 * margin) / span[1])
    off_x = (WIDTH - scale * span[0]) / 2
    off_y = (HEIGHT - scale * span[1]) / 2
    index = {n: i for i, n in enumerate(sorted(g.nodes))}
    actors = run.actors.set_index("actor_id")
    part = run.participation.sort_values(["meeting_id", "actor_id"])
    attends: dict[str, list[list[str]]] = {}
    for r in part.itertuples():
        attends.setdefault(r.actor_id, []).append([r.meeting_id, r.role])
    deg = dict(g.degree())
    dmax = max(deg.values(), default=0) or 1
    ranked = list(viz.centrality(run, LABELS)["actor_id"])
    rmax = min(13.0, max(5.0, 120 / math.sqrt(max(len(g), 1))))  # smaller dots in bigger networks
    nodes = []
    for n in sorted(g.nodes):
        a = actors.loc[n] if n in actors.index else pd.Series(dtype=object)
        x, y = pos[n]
        nodes.append({
            "id": n, "name": g.nodes[n]["name"], "kind": g.nodes[n]["kind"], "group": g.nodes[n]["group"],
            "district": str(a.get("district", "")), "role": str(a.get("role", "")), "ags": str(a.get("ags", "")),
            "key": str(a.get("key", "")), "basis": str(a.get("basis", "")),
            "confidence": _fmt(a.get("confidence", "")),
            "x": round(off_x + scale * (x - min(xs)), 2), "y": round(HEIGHT - off_y - scale * (y - min(ys)), 2),
            "r": round(3 + (rmax - 3) * math.sqrt(deg[n] / dmax), 2), "label": "",
            "meetings": attends.get(n, []),
        })
    _place_labels(nodes, [index[n] for n in ranked if n in index])
    e = run.edges[run.edges["source"].isin(index) & run.edges["target"].isin(index)]
    e = e.sort_values(["kind", "source", "target"])
    wmax = float(e["weight"].max()) if len(e) and pd.notna(e["weight"].max()) else 1.0
    edges = [{
        "s": index[r.source], "t": index[r.target], "kind": r.kind,
        "weight": _fmt(r.weight if pd.notna(r.weight) else 1.0),
        "width": round(0.8 + 2.7 * math.sqrt((r.weight if pd.notna(r.weight) else 1.0) / (wmax or 1.0)), 2),
        "uncertain": bool(r.uncertain), "basis": r.basis, "confidence": _fmt(r.confidence),
        "meetings": [m for m in r.meetings.split(";") if m],
        "evidence": [s.strip() for s in r.evidence.split(" | ") if s.strip()],
    } for r in e.itertuples()]
    counts = run.edges["kind"].value_counts()
    kinds = {k: {"colour": viz.EDGE_COLOURS.get(k, "#888"), "label": viz.EDGE_LABELS.get(k, k),
                 "count": int(counts.get(k, 0))}
             for k in [*viz.EDGE_PRIORITY[::-1], *sorted(set(counts.index) - set(viz.EDGE_PRIORITY))] if k in counts}
    meetings = {r.meeting_id: " · ".join(x for x in (r.date or "undated", r.type, r.municipality) if x)
                for r in run.meetings.itertuples()}
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges, "groups": viz.GROUP_COLOURS,
            "kinds": kinds, "meetings": meetings}


def _place_labels(nodes: list[dict], order: list[int]) -> None:
    """Give each labelled node the side (n, s, e, w) where its label overlaps least.

    A label that would cover another label on every side is left out (it still shows
    on hover and selection). Text width is estimated for the 12 px font.
    """
    def box(n: dict, side: str) -> tuple[float, float, float, float]:
        w, h, r, x, y = 7.0 * len(n["name"][:40]), 14.0, n["r"] + 4, n["x"], n["y"]
        return {"n": (x - w / 2, y - r - h, x + w / 2, y - r), "s": (x - w / 2, y + r, x + w / 2, y + r + h),
                "e": (x + r, y - h / 2, x + r + w, y + h / 2), "w": (x - r - w, y - h / 2, x - r, y + h / 2)}[side]

    def overlap(a: tuple, b: tuple) -> float:
        return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))

    dots = [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in nodes]
    labels: list[tuple] = []
    for i in order:
        n = nodes[i]
        cost = {s: (sum(overlap(box(n, s), t) for t in labels), sum(overlap(box(n, s), t) for t in dots))
                for s in "nsew"}
        side = min("nsew", key=lambda s: (cost[s], "nsew".index(s)))
        if cost[side][0] > 0:
            continue
        n["label"] = side
        labels.append(box(n, side))


def _summary(run: viz.Run) -> dict[str, str]:
    dated = int((run.meetings["date"] != "").sum())
    uncertain = int(run.edges["uncertain"].sum())
    cards = [(len(run.reports), "reports"), (len(run.meetings), f"meetings ({dated} dated)"),
             (len(run.actors), "actors"), (len(run.edges), f"links ({uncertain} uncertain)")]
    counts = run.actors["kind"].value_counts()
    chips = "".join(
        f'<span class="chip"><i class="swatch" style="background:{viz.GROUP_COLOURS[viz.group_of(k)]}"></i>'
        f"{html.escape(k)}<b>{n}</b></span>"
        for k, n in sorted(counts.items(), key=lambda t: (-t[1], t[0])))
    edges = run.edges.groupby("kind").agg(links=("kind", "size"), uncertain=("uncertain", "sum")).reset_index()
    edges = edges.sort_values(["links", "kind"], ascending=[False, True])
    edges["kind"] = edges["kind"].map(lambda k: viz.EDGE_LABELS.get(k, k))
    return {
        "cards": "".join(f'<div class="card"><div class="n">{n}</div><div class="what">{html.escape(w)}</div></div>'
                         for n, w in cards),
        "actors_by_kind": chips or '<span class="muted">None.</span>',
        "edges_by_kind": _table(edges, ("links", "uncertain")),
    }


def _meetings_table(run: viz.Run) -> str:
    part = run.participation[run.participation["role"].isin(list(PARTICIPANT_ROLES))]
    n = part.groupby("meeting_id")["actor_id"].nunique()
    titles = run.reports.set_index("report_id")["title"].to_dict() if len(run.reports) else {}
    m = run.meetings.assign(undated=run.meetings["date"] == "").sort_values(["undated", "date", "meeting_id"])
    df = pd.DataFrame({
        "date": m["date"].replace("", "—"), "type": m["type"], "place": m["municipality"], "district": m["district"],
        "region": m["region"], "venue": m["venue"], "participants": m["meeting_id"].map(n).fillna(0).astype(int),
        "report": m["report_id"].map(lambda r: titles.get(r, r)),
    })
    return _table(df, ("participants",))


def _central_table(run: viz.Run) -> str:
    c = viz.centrality(run, 20)
    df = pd.DataFrame({"actor": c["name"], "kind": c["kind"], "district": c["district"], "meetings": c["meetings"],
                       "partners": c["degree"], "betweenness": c["betweenness"]})
    return _table(df, ("meetings", "partners", "betweenness"))


def _legend(data: dict) -> str:
    groups = sorted({n["group"] for n in data["nodes"]}, key=list(viz.GROUP_COLOURS).index)
    parts = [f'<span><i class="swatch" style="background:{viz.GROUP_COLOURS[g]}"></i>{html.escape(g)}</span>'
             for g in groups]
    parts.append('<span><i class="swatch line dash"></i>uncertain link</span>')
    return "".join(parts)


def _edge_filters(data: dict) -> str:
    return "".join(
        f'<label><input type="checkbox" data-kind="{html.escape(k)}" checked> '
        f'<i class="swatch line" style="background:{v["colour"]}"></i>{html.escape(v["label"])} ({v["count"]})</label>'
        for k, v in data["kinds"].items())


def _shown(path: Path) -> str:
    """The run directory relative to the working directory when inside it (no local paths in shared reports)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_report(run_dir: Path | str, dest_dir: Path | str | None = None,
                 municipalities: pd.DataFrame | None = None, shown_as: Path | str | None = None) -> Path:
    """Write ``report.html`` for a run (into ``dest_dir``, default the run directory).

    ``shown_as``: the folder name the page shows (a run writes into a staging folder first).
    """
    run = viz.load_run(run_dir)
    dest = Path(dest_dir) if dest_dir is not None else Path(run_dir)
    dest.mkdir(parents=True, exist_ok=True)
    data = network_data(run)
    pictures = [
        ("Map of municipal links", viz.draw_map(run, municipalities)),
        ("Meetings over time", viz.draw_timeline(run)),
        ("Actor network (static)", viz.draw_network(run)),
    ]
    figures = "\n".join(f'<figure><img src="{_png_uri(fig)}" alt="{html.escape(cap)}">'
                        f"<figcaption>{html.escape(cap)}</figcaption></figure>" for cap, fig in pictures)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    page = Template((HERE / "assets" / "template.html").read_text(encoding="utf-8")).substitute(
        title="Akteursnetz – report",
        run_dir=html.escape(_shown(Path(shown_as if shown_as is not None else run_dir))),
        css=(HERE / "assets" / "report.css").read_text(encoding="utf-8"),
        js=(HERE / "assets" / "network.js").read_text(encoding="utf-8"),
        data=payload, width=WIDTH, height=HEIGHT, legend=_legend(data), edge_filters=_edge_filters(data),
        pictures=figures, meetings_table=_meetings_table(run), central_table=_central_table(run), **_summary(run),
    )
    out = dest / "report.html"
    out.write_text(page, encoding="utf-8")
    return out
