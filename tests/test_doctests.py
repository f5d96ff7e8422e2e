"""The examples in the docstrings are part of the documentation; they must hold."""

from __future__ import annotations

import doctest

import pytest

import pipeline.clauses
import pipeline.ingest
import pipeline.link
import pipeline.ner.fast_ops
import pipeline.ner.features


@pytest.mark.parametrize("module", [pipeline.clauses, pipeline.ingest, pipeline.link, pipeline.ner.fast_ops, pipeline.ner.features])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
