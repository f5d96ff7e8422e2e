"""Which files a run reads: checked before any model is loaded, so a wrong path fails at once.

Folders are searched recursively for report files (:data:`REPORT_SUFFIXES`); anything else in
them (a README.md, notes, pictures) is not read and is listed as ignored. A file named
explicitly is read whatever its suffix. Hidden files and folders (``.git``) are passed over.
``exclude`` takes glob patterns, matched against the file name and the path below the input
folder (``drafts/*``, ``*_entwurf.txt``).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("a.txt", "README.md", "b_entwurf.txt"): _ = (d / name).write_text("x")
>>> s = select_inputs([d], exclude=["*_entwurf.txt"])
>>> [p.name for p in s.files], [(pathlib.Path(i.source).name, i.reason) for i in s.ignored]
(['a.txt'], [('README.md', 'not a report file (.md)'), ('b_entwurf.txt', 'excluded by *_entwurf.txt')])
>>> select_inputs([d / "nothing"]).missing == [str(d / "nothing")]
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable

#: what a folder is searched for: plain text, saved HTML pages, JSONL/CSV with a ``text`` column
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")


@dataclass(frozen=True)
class Ignored:
    source: str
    reason: str


@dataclass
class InputSelection:
    """The report files to read, the files passed over (with why) and the paths that do not exist."""

    files: list[Path] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # the paths as given (ingest expands them the same way)
    exclude: list[str] = field(default_factory=list)  # the --exclude globs

    def ignored_rows(self) -> list[dict]:
        return [{"source": i.source, "reason": i.reason} for i in self.ignored]


def _excluded_by(path: Path, relative: str, patterns: Iterable[str]) -> str | None:
    for pattern in patterns:
        if fnmatch(path.name, pattern) or fnmatch(relative, pattern) or fnmatch(str(path), pattern):
            return pattern
    return None


def select_inputs(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> InputSelection:
    """Expand folders into report files, in sorted order; see the module docstring."""
    exclude = list(exclude)
    paths = [Path(p) for p in paths]
    selection = InputSelection(inputs=paths, exclude=exclude)
    seen: set[Path] = set()

    def take(path: Path, relative: str, explicit: bool) -> None:
        pattern = _excluded_by(path, relative, exclude)
        if pattern:
            selection.ignored.append(Ignored(str(path), f"excluded by {pattern}"))
        elif not explicit and path.suffix.lower() not in REPORT_SUFFIXES:
            selection.ignored.append(Ignored(str(path), f"not a report file ({path.suffix or 'no suffix'})"))
        elif path.resolve() not in seen:
            seen.add(path.resolve())
            selection.files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                take(child, rel.as_posix(), explicit=False)
        elif path.is_file():
            take(path, path.name, explicit=True)
        else:
            selection.missing.append(str(path))
    return selection


def require_inputs(inputs: Iterable[str | Path] | str | Path, exclude: Iterable[str] = ()) -> InputSelection:
    """:func:`select_inputs`, but :class:`FileNotFoundError` for a missing path or when no report file is left."""
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    selection = select_inputs(inputs, exclude)
    if selection.missing:
        raise FileNotFoundError(f"input not found: {', '.join(selection.missing)}")
    if not selection.files:
        raise FileNotFoundError(f"no report files ({', '.join(REPORT_SUFFIXES)}) in: {', '.join(map(str, inputs))}")
    return selection
