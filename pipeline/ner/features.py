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
  log-probability bucket; ``v2`` adds columns for longer prefixes and suffixes
  of the word (``AffixFeatures``).

>>> code = encode_cluster(0b1010000, -8.4)
>>> decode_cluster(code)
(80, 8)
"""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Callable, Sequence

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.ml.featureextractor import FeatureExtractor
from spacy.strings import get_string_id, hash_string
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
    document at once (``numpy.searchsorted``). They are stored compressed
    (``_compress``): 6.3 MB instead of 10.3 MB of the model's 40 MB budget.
    """
    keys = numpy.fromiter((get_string_id(w) for w in clusters), dtype="uint64", count=len(clusters))
    codes = numpy.fromiter(clusters.values(), dtype="uint32", count=len(clusters))
    order = numpy.argsort(keys, kind="stable")
    if TABLE in vocab.lookups:
        vocab.lookups.remove_table(TABLE)
    keys, codes = keys[order], codes[order]
    deltas = numpy.diff(keys, prepend=numpy.uint64(0))
    vocab.lookups.add_table(TABLE, {"keys_delta_z": _compress(deltas), "codes_z": _compress(codes)})


def _compress(values: numpy.ndarray) -> bytes:
    """zlib over the array's byte planes (all first bytes, then all second bytes …).

    Sorted hash deltas and cluster codes have mostly-constant high bytes, which
    plane by plane compress to almost nothing.
    """
    planes = values.view("uint8").reshape(len(values), values.itemsize).T
    return zlib.compress(numpy.ascontiguousarray(planes).tobytes(), 9)


def _decompress(blob: bytes, dtype: str) -> numpy.ndarray:
    itemsize = numpy.dtype(dtype).itemsize
    planes = numpy.frombuffer(zlib.decompress(blob), dtype="uint8").reshape(itemsize, -1)
    return numpy.ascontiguousarray(planes.T).view(dtype).reshape(-1)


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
        if "keys_delta_z" in table:
            keys = numpy.cumsum(_decompress(table["keys_delta_z"], "uint64"), dtype="uint64")
            cached = (keys, _decompress(table["codes_z"], "uint32"))
        else:  # uncompressed, as written by models of November 2026 (session 3)
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


def AffixFeatures(prefix_lengths: Sequence[int], suffix_lengths: Sequence[int]) -> Model[list[Doc], list]:
    """One row per token: hashes of the lower-cased word's first and last characters.

    Why: spaCy's PREFIX and SUFFIX are one and three characters. German names
    of places and bodies are compounds whose heads and modifiers are longer
    ("-burg", "-dorf", "-verband", "Landes-", "Bundes-"), and a word shorter
    than the affix gets the whole word.
    """
    return Model(
        "affix_features",
        _affix_forward,
        attrs={"prefix_lengths": tuple(prefix_lengths), "suffix_lengths": tuple(suffix_lengths)},
    )


def _affix_forward(model: Model, docs: list[Doc], is_train: bool):
    prefixes = tuple(model.attrs["prefix_lengths"])
    suffixes = tuple(model.attrs["suffix_lengths"])
    width = len(prefixes) + len(suffixes)
    lowers = [doc.to_array([LOWER]).astype("uint64").reshape(-1) for doc in docs]
    if not lowers or not sum(map(len, lowers)):
        return [numpy.zeros((len(doc), width), dtype="uint64") for doc in docs], lambda d_features: []
    # each distinct word of the batch is hashed once
    unique, inverse = numpy.unique(numpy.concatenate(lowers), return_inverse=True)
    strings = docs[0].vocab.strings
    table = numpy.zeros((len(unique), width), dtype="uint64")
    for i, key in enumerate(unique.tolist()):
        text = strings[key]
        table[i] = [hash_string(f"<{n}{text[:n]}") for n in prefixes] + [hash_string(f">{n}{text[-n:]}") for n in suffixes]
    rows = table[inverse]
    bounds = numpy.cumsum([len(x) for x in lowers])[:-1]
    return numpy.split(rows, bounds), lambda d_features: []


def _stack_features(
    attrs: Sequence[str | int],
    prefixes: Sequence[int],
    affix_prefixes: Sequence[int] = (),
    affix_suffixes: Sequence[int] = (),
) -> Model[list[Doc], list]:
    parts = [FeatureExtractor(list(attrs)), ClusterFeatures(prefixes)]
    if affix_prefixes or affix_suffixes:
        parts.append(AffixFeatures(affix_prefixes, affix_suffixes))

    def forward(model: Model, docs: list[Doc], is_train: bool):
        columns = [part(docs, is_train)[0] for part in parts]
        return [model.ops.xp.hstack(row) for row in zip(*columns)], lambda d: []

    return Model("extract_features_with_clusters", forward, layers=parts)


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
    return cluster_affix_hash_embed(width, attrs, rows, cluster_prefixes, cluster_rows, cluster_width, [], [], 0, 0)


@registry.architectures("akteursnetz.ClusterHashEmbed.v2")
def cluster_affix_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_prefixes: list[int],
    cluster_rows: int,
    cluster_width: int,
    affix_prefixes: list[int],
    affix_suffixes: list[int],
    affix_rows: int,
    affix_width: int,
) -> Model[list[Doc], list]:
    """v1 plus longer prefixes and suffixes of the lower-cased word (``AffixFeatures``).

    Each affix length gets its own table of ``affix_rows`` rows and
    ``affix_width`` columns. With no affix lengths this is v1, weight for weight.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    tables = [(width, n) for n in rows] + [(cluster_width, cluster_rows)] * len(cluster_prefixes) + [(cluster_width, 64)]
    tables += [(affix_width, affix_rows)] * (len(affix_prefixes) + len(affix_suffixes))
    embeddings = [HashEmbed(nO, n, column=i, seed=8 + i, dropout=0.0) for i, (nO, n) in enumerate(tables)]
    return chain(
        _stack_features(attrs, cluster_prefixes, affix_prefixes, affix_suffixes),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, sum(nO for nO, _ in tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
