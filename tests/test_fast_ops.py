"""Matrix products through numpy (pipeline/ner/fast_ops.py): faster, and the same tags."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import NumpyOps

from akteursnetz.ingest import read_reports
from akteursnetz.records import Report
from akteursnetz.ner.fast_ops import MatmulOps, use_matmul_ops
from akteursnetz.nlp import DEFAULT_MODEL, load_nlp

RAW = DEFAULT_MODEL.parents[1] / "data" / "raw"


@pytest.mark.parametrize("trans1, trans2", [(False, False), (False, True), (True, False), (True, True)])
def test_gemm_agrees_with_thincs_own(trans1, trans2):
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("float32")
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    out = numpy.zeros((7, 3), dtype="float32")
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, expected, atol=1e-5)


def test_the_pipeline_runs_on_numpy_products_and_tags_as_thinc_would():
    nlp = load_nlp()
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(isinstance(node.ops, MatmulOps) for node in tok2vec.walk())
    plain = spacy.load(DEFAULT_MODEL)
    fast = use_matmul_ops(spacy.load(DEFAULT_MODEL))
    texts = [report.text for report in read_reports([RAW]) if isinstance(report, Report)]
    assert len(texts) >= 5
    ents = [[[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in m.pipe(texts)] for m in (plain, fast)]
    assert ents[0] == ents[1] and sum(map(len, ents[0])) > 50
