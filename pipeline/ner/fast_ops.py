"""Matrix products through numpy's BLAS instead of thinc's bundled ``blis``.

Why: about 70 % of the NER model's tagging time is the matrix products of its
CNN. thinc computes them with the ``blis`` package, whose generic kernels ran
3.5 times slower than numpy's OpenBLAS on the same matrices on the project's
machines (``benchmarks/bench_ner_models.py`` runs the whole model both ways:
12,654 against 6,135 words/s on one core). Same weights, same products; only
float rounding can differ.

>>> import numpy
>>> ops = MatmulOps()
>>> x, w = numpy.ones((2, 3), dtype="float32"), numpy.ones((4, 3), dtype="float32")
>>> ops.gemm(x, w, trans2=True).shape
(2, 4)
"""

from __future__ import annotations

from typing import Callable

import numpy
from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    """``NumpyOps`` with ``gemm`` done by ``numpy.matmul`` for float32 input."""

    name = "akteursnetz_matmul"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        if x.dtype != numpy.float32 or y.dtype != numpy.float32:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_matmul_ops(nlp: Language) -> Language:
    """Give every layer of every trainable component ``MatmulOps``; returns ``nlp``.

    Only pipelines on the CPU's ``NumpyOps`` are changed (a GPU pipeline keeps its ops).
    """
    ops = MatmulOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


@registry.callbacks("akteursnetz.matmul_ops.v1")
def matmul_ops_callback() -> Callable[[Language], Language]:
    """``[nlp] after_pipeline_creation`` for training: the products by numpy there too.

    Training spends most of its time in the same products (forward and
    backward), so this makes a training run about as much faster as tagging.
    ``train.package`` removes the callback from the shipped model's config.
    """
    return use_matmul_ops
