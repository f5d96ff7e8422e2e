"""Is the spaCy model a user names there? Answered without importing spaCy, before anything loads.

The advice names the model asked for: ``de_core_news_lg`` is told how to install
``de_core_news_lg``, not another size.

>>> model_problem(None) is None  # the shipped model (its absence is reported by load_nlp)
True
>>> print(model_problem("de_core_news_lg"))  # doctest: +ELLIPSIS
spaCy model 'de_core_news_lg' is not installed. Install it where you have internet: ...python -m spacy download de_core_news_lg...
>>> "a folder" in model_problem("models/nothing-here")
True
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
from pathlib import Path

#: spaCy's official pipelines: <lang>_<type>_<genre>_<size>, e.g. de_core_news_sm, de_dep_news_trf
OFFICIAL = re.compile(r"^[a-z]{2,3}_(core|dep|ent)_[a-z]+_(sm|md|lg|trf)$")


def _installed(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
        return True
    except importlib.metadata.PackageNotFoundError:
        return importlib.util.find_spec(name) is not None if name.isidentifier() else False


def model_problem(name: str | os.PathLike | None) -> str | None:
    """``None`` when ``name`` is an existing folder or an installed package (or not given), else what to do."""
    name = name or os.environ.get("AKTEURSNETZ_MODEL")
    if not name or Path(name).exists():
        return None
    name = str(name)
    if OFFICIAL.match(name):
        if _installed(name):
            return None
        return (
            f"spaCy model {name!r} is not installed. Install it where you have internet: "
            f"`.venv/bin/python -m spacy download {name}`, or `pip install` the wheel {name}-<version>-py3-none-any.whl "
            f"from the spaCy models releases (a {name} release for spaCy 3.8). Or leave out --model to use the shipped model."
        )
    if _installed(name):
        return None
    if "/" in name or os.sep in name or name.startswith("."):
        return f"model folder not found: {name}. Pass a folder that holds a spaCy pipeline (config.cfg, meta.json), or an installed model's name."
    return (
        f"spaCy model {name!r} is neither an installed package nor a folder. Official German models are "
        "de_core_news_sm, de_core_news_md and de_core_news_lg (`python -m spacy download NAME`); "
        "or leave out --model to use the shipped model."
    )
