"""The output folder as one unit: staged beside it, swapped in one step, marked by a manifest.

A run writes every file (tables, graphs, pictures, report) into a hidden
sibling ``.<out>.akteursnetz-tmp-*``, writes ``manifest.json`` last, and then
exchanges that folder with ``out`` (``renameat2(RENAME_EXCHANGE)`` on Linux:
one atomic step; elsewhere: rename the old folder aside, rename the new one
in, delete the old one). A run killed at any moment leaves the previous
output complete; the next run restores it if the kill fell between the two
renames, and removes leftover staging folders. A lock file keeps two runs
from writing the same folder at once.

The manifest (file names, sizes, SHA-256) marks a folder as akteursnetz
output: such a folder may be replaced, and is never read as input.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

from .safety import checkpoint

MANIFEST = "manifest.json"
TABLES = ("reports", "sentences", "mentions", "actors", "meetings", "participation", "edges", "skipped")
#: Every file name a run writes (also what a run from before manifests left behind).
KNOWN_OUTPUTS = frozenset(
    [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
    + ["network.graphml", "network.gexf", "network.json", "summary.json", MANIFEST]
    + ["network.png", "map.png", "timeline.png", "report.html"]
    # the analysis graphs and tables (graph_files.py)
    + [f"{g}.{ext}" for g in ("actor_meeting", "actor_actor", "municipality", "police_municipality") for ext in ("graphml", "gexf")]
    + ["actor_meeting_timeline.gexf", "centrality.csv", "communities.csv", "municipality_matrix.csv", "edges_by_year.csv"]
)
TAG = ".akteursnetz-"


class OutputFolderError(RuntimeError):
    """``--out`` cannot be used as it is (a file, someone else's files, another run writing)."""


def _siblings(out: Path, kind: str) -> list[Path]:
    parent = out.parent
    if not parent.is_dir():
        return []
    prefix = f".{out.name}{TAG}{kind}-"
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix))


def read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("akteursnetz") and isinstance(data.get("files"), dict) else None


def is_output_folder(folder: Path) -> bool:
    """A folder a run wrote: it has a manifest, or (runs from before manifests) the core tables and summary."""
    folder = Path(folder)
    return read_manifest(folder) is not None or all((folder / n).is_file() for n in ("reports.csv", "edges.csv", "summary.json"))


def check_out(out: Path, force: bool = False) -> None:
    """Refuse an ``--out`` that is a file or holds files no run wrote (unless ``force``): before any work is done."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} is a file, not a folder: choose a folder for the output")
    if not out.is_dir() or force:
        return
    names = sorted(p.name for p in out.iterdir())
    if not names or read_manifest(out) is not None:
        return
    foreign = [n for n in names if n not in KNOWN_OUTPUTS]
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputFolderError(
            f"--out {out} holds files akteursnetz did not write ({shown}); a run replaces the whole folder. "
            "Choose a new or empty folder, or pass --force to write there anyway (those files are kept)."
        )


# ------------------------------------------------------------------ staging
class Lock:
    """An exclusive lock beside ``out`` (POSIX ``flock``; no-op where unavailable)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.path = self.out.parent / f".{self.out.name}{TAG}lock"
        self.fd: int | None = None

    def __enter__(self) -> "Lock":
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(self.fd)
            self.fd = None
            raise OutputFolderError(f"another akteursnetz run is writing {self.out}") from exc
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


def recover(out: Path) -> None:
    """Undo what a killed run left: restore the previous output if it was renamed aside, drop staging folders."""
    out = Path(out)
    aside = [p for p in _siblings(out, "old") if read_manifest(p) is not None or is_output_folder(p)]
    if not out.exists() and aside:
        os.rename(aside[-1], out)
    for p in _siblings(out, "tmp") + _siblings(out, "old"):
        shutil.rmtree(p, ignore_errors=True)


def stage(out: Path) -> Path:
    """A fresh, empty staging folder beside ``out`` (same file system, so renames are atomic)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}{TAG}tmp-{os.getpid()}-{secrets.token_hex(4)}"
    tmp.mkdir()
    return tmp


def write_manifest(folder: Path) -> Path:
    """List the run's files in ``folder`` with size and SHA-256; written last, it marks the folder complete."""
    folder = Path(folder)
    files = {}
    for p in sorted(folder.iterdir()):
        rel = p.name
        if p.is_file() and rel in KNOWN_OUTPUTS and rel != MANIFEST:
            data = p.read_bytes()
            files[rel] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    path = folder / MANIFEST
    payload = {"akteursnetz": 1, "files": files}
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def carry_over(out: Path, tmp: Path) -> None:
    """Keep files in ``out`` that no run wrote (``--force``): hard-linked (or copied) into the new folder."""
    out = Path(out)
    if not out.is_dir():
        return
    for p in sorted(out.iterdir()):
        if p.name in KNOWN_OUTPUTS or (tmp / p.name).exists():
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.copytree(p, tmp / p.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(p, tmp / p.name)


def _link_or_copy(src, dst) -> None:
    try:
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        else:
            os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where the system cannot."""
    if os.environ.get("AKTEURSNETZ_NO_EXCHANGE"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd = -100
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def replace(tmp: Path, out: Path) -> None:
    """Put the complete folder ``tmp`` in the place of ``out``; the old output is deleted afterwards."""
    tmp, out = Path(tmp), Path(out)
    checkpoint("swap")
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous output
        return
    aside = out.parent / f".{out.name}{TAG}old-{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(out, aside)
    checkpoint("swap-aside")
    os.rename(tmp, out)
    shutil.rmtree(aside, ignore_errors=True)
