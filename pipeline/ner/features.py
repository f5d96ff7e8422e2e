"""Word-cluster features for the NER model's embedding layer.

Why: a CNN trained on 24,000 GermEval sentences only knows the words it has
seen. Brown clusters computed by the spaCy project over a large German corpus
(``de_lexeme_cluster`` and ``de_lexeme_prob`` in the MIT-licensed
``spacy-lookups-data`` package) put *Berlin*, *Dresden* and *Hamburg* in one
cluster and *Merkel* and *Müller* in another, so a name never seen in training
still gets the embedding of its kind. This is the offline stand-in for
pretrained word vectors, which this project cannot download.

The clusters are read once, at training time, and stored in the model's own
vocabulary (``nlp.vocab.lookups``); a shipped model needs neither
``spacy-lookups-data`` nor the network.

Two registered functions make this usable from a spaCy config:

- ``akteursnetz.add_word_clusters.v1`` (``[initialize.before_init]``) copies the
  clusters into the vocabulary before the model is initialised;
- ``akteursnetz.ClusterHashEmbed.v1`` is spaCy's ``MultiHashEmbed`` with extra
  columns: the cluster bit-path cut at several prefix lengths, and the word's
  log-probability bucket.

>>> code = encode_cluster(0b1010000, -8.4)
>>> decode_cluster(code)
(80, 8)
"""

from __future__ import annotations

import gzip
import json
from typing import Callable, Sequence

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.ml.featureextractor import FeatureExtractor
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

TABLE = "akteursnetz_word_clusters"
_BUCKET_BITS = 5
_UNKNOWN_BUCKET = (1 << _BUCKET_BITS) - 1
_MISSING_TABLE = (
    f"the NER model expects the word-cluster table '{TABLE}' in its vocabulary; "
    "it is written when the model is trained (akteursnetz train-ner) — was the model saved without its vocab?"
)


def encode_cluster(cluster: int, log_prob: float) -> int:
    """Pack a Brown cluster id and a rounded -log-probability into one int."""
    return (cluster << _BUCKET_BITS) | min(int(-log_prob), _UNKNOWN_BUCKET - 1)


def decode_cluster(code: int) -> tuple[int, int]:
    return code >> _BUCKET_BITS, code & _UNKNOWN_BUCKET


def load_lookups_clusters(lang: str = "de", min_log_prob: float | None = None) -> dict[str, int]:
    """Clusters from ``spacy-lookups-data`` (a training-time dependency), packed by ``encode_cluster``."""
    try:
        from importlib.resources import files

        data = files("spacy_lookups_data") / "data"
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "training the NER model needs the word clusters of 'spacy-lookups-data': "
            "pip install -e '.[train]'"
        ) from exc
    with gzip.open(data / f"{lang}_lexeme_cluster.json.gz", "rt", encoding="utf-8") as f:
        clusters: dict[str, int] = json.load(f)
    with gzip.open(data / f"{lang}_lexeme_prob.json.gz", "rt", encoding="utf-8") as f:
        probs: dict[str, float] = json.load(f)
    floor = min(probs.values()) if min_log_prob is None else min_log_prob
    return {
        word: encode_cluster(cluster, probs.get(word, floor))
        for word, cluster in clusters.items()
        if cluster and probs.get(word, floor) >= floor
    }


@registry.callbacks("akteursnetz.add_word_clusters.v1")
def add_word_clusters(lang: str = "de", min_log_prob: float | None = None) -> Callable[[Language], Language]:
    """``before_init`` callback: store the cluster table in the pipeline's vocab."""

    def before_init(nlp: Language) -> Language:
        store_clusters(nlp.vocab, load_lookups_clusters(lang, min_log_prob))
        return nlp

    return before_init


def store_clusters(vocab, clusters: dict[str, int]) -> None:
    """Put ``{word: code}`` into ``vocab.lookups`` as two packed arrays.

    Why packed: a Python dict of 860,000 words took 2.9 s to load with the
    model; two sorted arrays load in a fraction of that and are searched per
    document at once (``numpy.searchsorted``).
    """
    keys = numpy.fromiter((get_string_id(w) for w in clusters), dtype="uint64", count=len(clusters))
    codes = numpy.fromiter(clusters.values(), dtype="uint32", count=len(clusters))
    order = numpy.argsort(keys, kind="stable")
    if TABLE in vocab.lookups:
        vocab.lookups.remove_table(TABLE)
    vocab.lookups.add_table(TABLE, {"keys": keys[order].tobytes(), "codes": codes[order].tobytes()})


def cluster_codes(vocab, keys) -> numpy.ndarray:
    """The packed code of each string hash in ``keys`` (0 where the word is not in the table)."""
    table_keys, table_codes = _packed(vocab)
    keys = numpy.asarray(keys, dtype="uint64")
    idx = numpy.searchsorted(table_keys, keys).clip(0, len(table_keys) - 1)
    return numpy.where(table_keys[idx] == keys, table_codes[idx], 0)


def _packed(vocab) -> tuple[numpy.ndarray, numpy.ndarray]:
    if not vocab.lookups.has_table(TABLE):
        raise ValueError(_MISSING_TABLE)
    table = vocab.lookups.get_table(TABLE)
    cached = getattr(table, "_arrays", None)  # kept on the table: it lives and dies with the model's vocab
    if cached is None:
        cached = (numpy.frombuffer(table["keys"], dtype="uint64"), numpy.frombuffer(table["codes"], dtype="uint32"))
        table._arrays = cached
    return cached


def ClusterFeatures(prefixes: Sequence[int]) -> Model[list[Doc], list]:
    """One row per token: cluster path prefixes, then the probability bucket.

    A word missing from the table is looked up lower-cased and then capitalised
    (sentence starts, headlines in capitals); such fallback hits are marked in
    the probability column, and unknown words get 0 in every column.
    """
    return Model("cluster_features", _cluster_forward, attrs={"prefixes": tuple(prefixes)})


def _cluster_forward(model: Model, docs: list[Doc], is_train: bool):
    prefixes = tuple(model.attrs["prefixes"])  # a list after deserialisation
    return [_cluster_rows(doc, prefixes) for doc in docs], lambda d_features: []


def _cluster_rows(doc: Doc, prefixes: tuple[int, ...]) -> numpy.ndarray:
    width = len(prefixes) + 1
    if not len(doc):
        return numpy.zeros((0, width), dtype="uint64")
    arr = doc.to_array([ORTH, LOWER]).astype("uint64")
    codes = cluster_codes(doc.vocab, arr[:, 0]).astype("uint64")
    missing = codes == 0
    fallback = numpy.where(missing, 1 << 8, 0).astype("uint64")
    if missing.any():
        codes[missing] = cluster_codes(doc.vocab, arr[missing, 1])
        still = numpy.flatnonzero(codes == 0)
        if len(still):
            capitalised = [get_string_id(doc[int(i)].text.capitalize()) for i in still]
            codes[still] = cluster_codes(doc.vocab, capitalised)
    cluster, bucket = codes >> _BUCKET_BITS, codes & _UNKNOWN_BUCKET
    rows = numpy.zeros((len(doc), width), dtype="uint64")
    for j, length in enumerate(prefixes):
        rows[:, j] = (numpy.uint64(length) << 32) | (cluster & ((1 << length) - 1)) | (1 << 40)
    rows[:, width - 1] = bucket | fallback | (1 << 41)
    rows[codes == 0] = 0
    return rows


def _stack_features(attrs: Sequence[str | int], prefixes: Sequence[int]) -> Model[list[Doc], list]:
    base = FeatureExtractor(list(attrs))
    clusters = ClusterFeatures(prefixes)

    def forward(model: Model, docs: list[Doc], is_train: bool):
        left, _ = base(docs, is_train)
        right, _ = clusters(docs, is_train)
        return [model.ops.xp.hstack([a, b]) for a, b in zip(left, right)], lambda d: []

    return Model("extract_features_with_clusters", forward, layers=[base, clusters])


@registry.architectures("akteursnetz.ClusterHashEmbed.v1")
def cluster_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_prefixes: list[int],
    cluster_rows: int,
    cluster_width: int,
) -> Model[list[Doc], list]:
    """``spacy.MultiHashEmbed.v2`` plus word-cluster columns (see module docstring).

    The cluster columns have few distinct values, so their tables are narrower
    (``cluster_width``) to keep the mixing layer, and so the speed, close to
    the plain embedding's.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    tables = [(width, n) for n in rows] + [(cluster_width, cluster_rows)] * len(cluster_prefixes) + [(cluster_width, 64)]
    embeddings = [HashEmbed(nO, n, column=i, seed=8 + i, dropout=0.0) for i, (nO, n) in enumerate(tables)]
    return chain(
        _stack_features(attrs, cluster_prefixes),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, sum(nO for nO, _ in tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
