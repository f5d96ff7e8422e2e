"""akteursnetz: German reports of municipal prevention work -> actor–meeting networks.

``import akteursnetz`` is cheap: spaCy, pandas and networkx load when first needed.

>>> import akteursnetz
>>> sorted(akteursnetz.__all__)
['RunData', 'read_run', 'run']
>>> callable(akteursnetz.run)
True

``akteursnetz.run(inputs, out=None, model=None, ...)`` reads reports and returns a
:class:`~akteursnetz.read.RunData`; ``akteursnetz.read_run(DIR)`` reads a finished run
(see :mod:`akteursnetz.api`). ``akteursnetz.run`` is also the name of the stage module
``akteursnetz/run.py`` (``from akteursnetz.run import process`` keeps working): the module
is made callable, and calling it is :func:`akteursnetz.api.run`.
"""

from __future__ import annotations

import sys
import types

__all__ = ["run", "read_run", "RunData"]


class _CallableRunModule(types.ModuleType):
    """The stage module ``akteursnetz.run``, callable as the API function of the same name."""

    def __call__(self, *args, **kwargs):
        from .api import run

        return run(*args, **kwargs)


class _Package(types.ModuleType):
    """This package: whenever the submodule ``run`` is bound to it, make that module callable."""

    def __setattr__(self, name: str, value) -> None:
        if name == "run" and isinstance(value, types.ModuleType) and not isinstance(value, _CallableRunModule):
            value.__class__ = _CallableRunModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name == "run":
        import importlib

        return importlib.import_module(".run", __name__)  # binds (and so wraps) the submodule
    if name in ("read_run", "RunData"):
        from . import read

        return getattr(read, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
