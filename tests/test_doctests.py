"""The examples in the docstrings are part of the documentation; they must hold."""

from __future__ import annotations

import doctest

import pytest

import akteursnetz.clauses
import akteursnetz.councils
import akteursnetz.evaluate
import akteursnetz.export
import akteursnetz.extract.lexicon
import akteursnetz.gazetteer
import akteursnetz.graph_xml
import akteursnetz.ingest
import akteursnetz.link
import akteursnetz.metrics
import akteursnetz.ner.fast_ops
import akteursnetz.ner.features
import akteursnetz.safety
import akteursnetz.tagging


@pytest.mark.parametrize("module", [akteursnetz.councils, akteursnetz.evaluate, akteursnetz.export, akteursnetz.extract.lexicon, akteursnetz.gazetteer, akteursnetz.graph_xml, akteursnetz.lexicon, akteursnetz.clauses, akteursnetz.ingest, akteursnetz.link, akteursnetz.metrics, akteursnetz.ner.fast_ops, akteursnetz.ner.features, akteursnetz.safety, akteursnetz.tagging])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
