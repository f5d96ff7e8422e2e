"""Keep only the meetings of a period (``--since`` / ``--until``) and rebuild the links on them.

Meetings, participation and the meeting-based links (co-participation, cross-municipality,
police–municipality) are restricted; reports, sentences, mentions and actors stay whole, so
every id in the tables still resolves. Undated meetings drop out as soon as a bound is given.
Bounds are inclusive ISO dates; a year alone (``2024``) means its first or last day.

>>> parse_bound("2024", end=True), parse_bound("2024-03-01")
('2024-12-31', '2024-03-01')
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads only when tables are restricted: the CLI checks bounds before anything loads
    import pandas as pd


class BadPeriod(ValueError):
    """A bound that is not an ISO date."""


def parse_bound(value: str | date | None, end: bool = False) -> str | None:
    """An inclusive bound as ``YYYY-MM-DD`` (``YYYY`` and ``YYYY-MM`` are widened to the whole year/month)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 4:
            return f"{int(text):04d}-12-31" if end else f"{int(text):04d}-01-01"
        if len(text) == 7:
            first = date.fromisoformat(f"{text}-01")
            if not end:
                return first.isoformat()
            nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise BadPeriod(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") from exc


def restrict(tables: dict[str, pd.DataFrame], since: str | None = None, until: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables with meetings from ``since`` to ``until`` (inclusive) and the links rebuilt on them."""
    import pandas as pd

    from .network import build_edges

    since, until = parse_bound(since), parse_bound(until, end=True)
    if not since and not until:
        return tables
    meetings = tables["meetings"]
    dates = meetings["date"].fillna("").astype(str) if len(meetings) else pd.Series(dtype=str)
    keep = dates != ""
    if since:
        keep &= dates >= since
    if until:
        keep &= dates <= until
    out = dict(tables)
    out["meetings"] = meetings[keep].reset_index(drop=True) if len(meetings) else meetings
    part = tables["participation"]
    out["participation"] = part[part["meeting_id"].isin(set(out["meetings"]["meeting_id"]))].reset_index(drop=True) if len(part) else part
    out["edges"] = build_edges(out["actors"], out["meetings"], out["participation"], out["mentions"], out["sentences"])
    return out
