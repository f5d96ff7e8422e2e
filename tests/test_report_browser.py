"""Open the HTML report in headless Chromium: scripts run, every actor is drawn, no errors.

Drives the chromium binary directly (--dump-dom, --screenshot), so no Python browser
package is needed. The page writes script errors into <pre id="errors">, which the
dumped DOM shows. Set AKTEURSNETZ_UPDATE_SCREENSHOT=1 to refresh docs/img/report.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from akteursnetz import viz
from akteursnetz.report import write_report

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "run"


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium found (apt-get install chromium)")


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
           "--virtual-time-budget=5000", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class Dom(HTMLParser):
    """Elements (tag, attrs) plus the text of a few elements of interest, by id."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if a.get("id") in ("errors", "details"):
            self._open.append(a["id"])
            self.text.setdefault(a["id"], "")
        elif self._open and tag in ("pre", "aside"):
            self._open.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in ("pre", "aside"):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for name in self._open:
            if name:
                self.text[name] += data

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(FIXTURE, tmp_path_factory.mktemp("report"))


def test_network_drawn_without_errors(report: Path, tmp_path: Path) -> None:
    run = viz.load_run(FIXTURE)
    dom = Dom(chromium(tmp_path, "--dump-dom", report.as_uri()))
    assert dom.text.get("errors", "").strip() == "", dom.text["errors"]
    svg = [a for a in dom.find("svg") if a.get("id") == "network"]
    assert len(svg) == 1
    assert int(svg[0]["data-node-count"]) == len(run.actors)
    assert len(dom.find("circle", "node")) == len(run.actors)
    assert len(dom.find("g", "edge-g")) == len(run.edges)
    dashed = [a for a in dom.find("line", "edge") if a.get("stroke-dasharray")]
    assert len(dashed) == int(run.edges["uncertain"].sum())
    assert 0 < len(dom.find("text", "label")) <= 15


def test_edge_details_and_filter(report: Path, tmp_path: Path) -> None:
    html = report.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1))
    index = next(i for i, e in enumerate(data["edges"]) if e["kind"] == "police_municipality" and e["uncertain"])
    url = f"{report.as_uri()}#edge={index}&hide=co_participation"
    dom = Dom(chromium(tmp_path, "--dump-dom", url))
    assert dom.text.get("errors", "").strip() == ""
    details = " ".join(dom.text["details"].split())
    assert data["edges"][index]["evidence"][0] in details
    assert "police–municipality" in details and "uncertain" in details
    groups = dom.find("g", "edge-g")
    hidden = [a for a in groups if "hidden" in a["class"].split()]
    assert hidden and all(a["data-kind"] == "co_participation" for a in hidden)
    assert len(hidden) == sum(1 for e in data["edges"] if e["kind"] == "co_participation")


def test_actor_details_zoom(report: Path, tmp_path: Path) -> None:
    dom = Dom(chromium(tmp_path, "--dump-dom", f"{report.as_uri()}#actor=A14"))
    assert dom.text.get("errors", "").strip() == ""
    assert "Polizeidirektion Zwickau" in dom.text["details"]
    assert "2023-06-21" in dom.text["details"]  # its meetings
    viewport = [a for a in dom.find("g") if a.get("id") == "viewport"][0]
    assert "scale(2.5)" in viewport["transform"]


def test_screenshot(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, "--hide-scrollbars", "--window-size=1400,1000", f"--screenshot={shot}", report.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("AKTEURSNETZ_UPDATE_SCREENSHOT"):
        dest = ROOT / "docs" / "img" / "report.png"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, dest)
