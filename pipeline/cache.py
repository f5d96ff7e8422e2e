"""Each report's extraction on disk, so that a long run resumes and a rerun only rebuilds the network.

An entry is keyed by the report (id and cleaned text), the model (a hash of
its files) and the rules (a hash of this package's code and data files): any
change to one of them is a miss, never a stale result. Entries are small JSON
files written atomically; a damaged one is a miss. The folder carries a
``CACHEDIR.TAG``, so backup tools skip it and akteursnetz never reads it as
input.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from .records import Report

FORMAT = 1
TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# akteursnetz extraction cache (akteursnetz run --cache)\n"
PACKAGE = Path(__file__).resolve().parent


def default_dir() -> Path:
    """``$AKTEURSNETZ_CACHE``, else the user cache folder (``$XDG_CACHE_HOME/akteursnetz`` or ``~/.cache/akteursnetz``)."""
    if os.environ.get("AKTEURSNETZ_CACHE"):
        return Path(os.environ["AKTEURSNETZ_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "akteursnetz"


def _hash_files(files) -> str:
    h = hashlib.sha256()
    for path, rel in files:
        h.update(rel.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return h.hexdigest()


@functools.cache
def rules_version() -> str:
    """Hash of the package's code and data files (gazetteer, word lists)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".txt", ".cfg"} and "__pycache__" not in p.parts)
    return _hash_files((p, p.relative_to(PACKAGE).as_posix()) for p in files)


@functools.cache
def model_version(model: str) -> str:
    """Hash of a model folder's files; for an installed package, its name and version."""
    path = Path(model)
    if not path.is_dir():
        try:
            from importlib.metadata import version

            return f"{model}=={version(model)}"
        except Exception:  # noqa: BLE001 - unknown package: the name is all there is
            return model
    files = sorted(p for p in path.rglob("*") if p.is_file())
    return _hash_files((p, p.relative_to(path).as_posix()) for p in files)


def model_name(model: str) -> str:
    """The ``name`` in a model's meta.json, without loading the model (for the summary of a cached run)."""
    path = Path(model)
    if not path.is_dir():
        try:
            import spacy.util

            path = spacy.util.get_package_path(model)
        except Exception:  # noqa: BLE001
            return ""
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8")).get("name", "")
    except (OSError, ValueError):
        return ""


class ExtractionCache:
    """Get and put one report's extraction rows (see :func:`akteursnetz.run.process`)."""

    def __init__(self, folder: Path, model: str):
        self.folder = Path(folder)
        self.version = hashlib.sha256(f"{FORMAT}\0{model_version(str(model))}\0{rules_version()}".encode()).hexdigest()
        self.hits = self.misses = 0

    def key(self, report: Report) -> str:
        fields = [self.version, report.report_id, report.text, report.title, report.date, report.date_basis,
                  report.caption, report.credit, report.body_start]
        return hashlib.sha256(json.dumps(fields, ensure_ascii=True).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, report: Report) -> dict | None:
        path = self._path(self.key(report))
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            entry = None
        except (OSError, ValueError):
            entry = None  # damaged (a killed writer cannot cause this: writes are atomic)
        if not isinstance(entry, dict):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, report: Report, entry: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(TAG_TEXT, encoding="utf-8")
        path = self._path(self.key(report))
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=True), encoding="utf-8")  # key order is column order
        os.replace(tmp, path)
