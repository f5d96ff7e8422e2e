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
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, glorot_uniform_init, list2ragged, ragged2list, with_array
from thinc.types import Ragged

TABLE = "akteursnetz_word_clusters"
VECTORS_TABLE = "akteursnetz_floret_vectors"
_BUCKET_BITS = 5
_UNKNOWN_BUCKET = (1 << _BUCKET_BITS) - 1
_MISSING_TABLE = (
    f"the NER model expects the word-cluster table '{TABLE}' in its vocabulary; "
    "it is written when the model is trained (akteursnetz train-ner) — was the model saved without its vocab?"
)
_MISSING_VECTORS = (
    f"the NER model expects the floret vector table '{VECTORS_TABLE}' in its vocabulary; "
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
def add_word_clusters(
    lang: str = "de",
    min_log_prob: float | None = None,
    vectors: str | None = None,
    vectors_dtype: str = "int8",
    clusters: bool = True,
) -> Callable[[Language], Language]:
    """``before_init`` callback: store the cluster table (and floret vectors) in the pipeline's vocab.

    ``vectors``: a spaCy vectors folder in floret mode (``spacy init vectors
    … --mode floret``); its table is stored by ``store_vectors`` at
    ``vectors_dtype`` precision, not in ``vocab.vectors``.
    """

    def before_init(nlp: Language) -> Language:
        if clusters:
            store_clusters(nlp.vocab, load_lookups_clusters(lang, min_log_prob))
        if vectors:
            store_vectors(nlp.vocab, load_spacy_vectors(vectors), vectors_dtype)
        return nlp

    return before_init


def load_spacy_vectors(path: str):
    """The ``Vectors`` of a folder written by ``spacy init vectors``."""
    from spacy.vocab import Vocab

    vocab = Vocab()
    vocab.vectors.from_disk(f"{path}/vocab")
    return vocab.vectors


def store_vectors(vocab, vectors, dtype: str = "int8") -> None:
    """Put a floret ``Vectors`` table into ``vocab.lookups`` at reduced precision.

    Why not ``vocab.vectors``: spaCy stores that table as float32. ``int8``
    (one scale per row; error at most 1/254 of the row's largest value) needs a
    quarter of that, ``float16`` half. The model is trained on the rounded
    values, so training and tagging see the same vectors.
    """
    if vectors.mode != "floret":
        raise ValueError("store_vectors expects floret vectors (spacy init vectors … --mode floret)")
    data = numpy.asarray(vectors.data, dtype="float32")
    cfg = {
        "rows": int(data.shape[0]),
        "dim": int(data.shape[1]),
        "dtype": dtype,
        "minn": int(vectors.minn),
        "maxn": int(vectors.maxn),
        "hash_count": int(vectors.hash_count),
        "hash_seed": int(vectors.hash_seed),
        "bow": str(vectors.bow),
        "eow": str(vectors.eow),
    }
    if dtype == "int8":
        scale = numpy.abs(data).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        quantised = numpy.rint(data / scale[:, None]).clip(-127, 127).astype("int8")
        table = {"data_z": _compress(quantised.reshape(-1)), "scale": scale.astype("float32").tobytes()}
    elif dtype == "float16":
        table = {"data_z": _compress(data.astype("float16").reshape(-1))}
    else:
        raise ValueError(f"unknown vectors dtype {dtype!r} (int8 or float16)")
    table["cfg"] = cfg
    if VECTORS_TABLE in vocab.lookups:
        vocab.lookups.remove_table(VECTORS_TABLE)
    vocab.lookups.add_table(VECTORS_TABLE, table)


def floret_vectors(vocab):
    """The stored floret table as a spaCy ``Vectors`` (float32), built once per vocabulary."""
    from spacy.vectors import Vectors

    if not vocab.lookups.has_table(VECTORS_TABLE):
        raise ValueError(_MISSING_VECTORS)
    table = vocab.lookups.get_table(VECTORS_TABLE)
    cached = getattr(table, "_vectors", None)
    if cached is None:
        cfg = table["cfg"]
        shape = (cfg["rows"], cfg["dim"])
        if cfg["dtype"] == "int8":
            scale = numpy.frombuffer(table["scale"], dtype="float32")
            data = _decompress(table["data_z"], "int8").reshape(shape).astype("float32") * scale[:, None]
        else:
            data = _decompress(table["data_z"], "float16").reshape(shape).astype("float32")
        cached = Vectors(
            strings=vocab.strings,
            data=numpy.ascontiguousarray(data, dtype="float32"),
            mode="floret",
            minn=cfg["minn"],
            maxn=cfg["maxn"],
            hash_count=cfg["hash_count"],
            hash_seed=cfg["hash_seed"],
            bow=cfg["bow"],
            eow=cfg["eow"],
        )
        table._vectors = cached
    return cached


class FloretLookup:
    """Floret vectors by ORTH key, each word's vector computed once and kept.

    Why: a floret vector is the mean of the rows of the word's hashed
    character n-grams; spaCy's ``Vectors.get_batch`` hashes every n-gram of
    every distinct word of every batch in Python (about 20,000 words/s), as
    slow as the whole rest of the tagger. Words repeat across batches, so each
    is hashed once per process; the cache is emptied when it holds ``limit`` words.
    """

    def __init__(self, vectors, limit: int = 200_000):
        self.vectors = vectors
        self.limit = limit
        self.index: dict[int, int] = {}
        self.rows = numpy.zeros((1024, vectors.shape[1]), dtype="float32")

    def get(self, keys) -> numpy.ndarray:
        keys = numpy.asarray(keys, dtype="uint64")
        unique, inverse = numpy.unique(keys, return_inverse=True)
        index = self.index
        found = numpy.fromiter((index.get(k, -1) for k in unique.tolist()), dtype="int64", count=len(unique))
        missing = numpy.flatnonzero(found < 0)
        if len(missing):
            if len(index) + len(missing) > self.limit:
                index.clear()
                found[:] = -1
                missing = numpy.arange(len(unique))
            n = len(index)
            if n + len(missing) > len(self.rows):
                grown = numpy.zeros((max(2 * len(self.rows), n + len(missing)), self.rows.shape[1]), dtype="float32")
                grown[:n] = self.rows[:n]
                self.rows = grown
            self.rows[n : n + len(missing)] = self._compute(unique[missing])
            for j, k in enumerate(unique[missing].tolist()):
                index[k] = n + j
            found[missing] = numpy.arange(n, n + len(missing))
        return self.rows[found[inverse.reshape(-1)]]

    def _compute(self, keys: numpy.ndarray) -> numpy.ndarray:
        """The same vectors as ``Vectors.get_batch``: the mean of the rows of each word's n-grams."""
        v = self.vectors
        data = v.data
        words = [v.strings[key] for key in keys.tolist()]
        word_ids, starts, ends, buf = ngram_spans([v.bow + w + v.eow if w else "" for w in words], v.minn, v.maxn)
        if not len(word_ids):
            return numpy.zeros((len(keys), data.shape[1]), dtype="float32")
        hashes = murmur_bytes(buf, starts, ends, v.hash_seed)[:, : min(v.hash_count, 4)]
        from scipy.sparse import csr_matrix

        per_gram = hashes.shape[1]
        rows = (hashes % numpy.uint64(data.shape[0])).astype("int32").reshape(-1)
        cols = numpy.repeat(word_ids, per_gram)
        counts = numpy.bincount(word_ids, minlength=len(keys)) * per_gram
        weights = (1.0 / numpy.maximum(counts, 1)).astype("float32")[cols]
        # (words x buckets) averaging matrix times the table: each word's mean row, no large temporaries
        mean = csr_matrix((weights, (cols, rows)), shape=(len(keys), data.shape[0]), dtype="float32")
        return numpy.asarray(mean @ data, dtype="float32")


def ngram_spans(padded: list[str], minn: int, maxn: int):
    """Byte spans of floret's n-grams of each padded word, in one UTF-8 buffer.

    For word ``i``: the whole padded word, then every run of ``minn`` to
    ``maxn`` characters (as ``Vectors._get_ngrams``). Returns the word index,
    start and end byte of each n-gram, and the buffer. Empty strings have no n-grams.
    """
    encoded = [w.encode("utf8") for w in padded]
    blens = numpy.fromiter(map(len, encoded), dtype="int64", count=len(encoded))
    buf = numpy.frombuffer(b"".join(encoded), dtype="uint8")
    woff = numpy.concatenate([[0], numpy.cumsum(blens)]).astype("int64")
    char_pos = numpy.flatnonzero((buf & 0xC0) != 0x80)  # first bytes of characters
    nchars = numpy.diff(numpy.searchsorted(char_pos, woff))
    # each word's character starts followed by its end byte: segments of nchars + 1
    seg = numpy.concatenate([[0], numpy.cumsum(nchars + 1)]).astype("int64")
    bounds = numpy.empty(seg[-1], dtype="int64")
    is_end = numpy.zeros(seg[-1], dtype=bool)
    is_end[seg[1:] - 1] = True
    bounds[is_end] = woff[1:]
    bounds[~is_end] = char_pos
    nonempty = numpy.flatnonzero(blens > 0)
    ids = [nonempty]
    st = [woff[:-1][nonempty]]
    en = [woff[1:][nonempty]]
    for n in range(minn, maxn + 1):
        count = numpy.maximum(nchars - n + 1, 0)
        total = int(count.sum())
        if not total:
            continue
        word = numpy.repeat(numpy.arange(len(padded)), count)
        first = numpy.repeat(numpy.cumsum(count) - count, count)
        idx = seg[word] + (numpy.arange(total) - first)
        ids.append(word)
        st.append(bounds[idx])
        en.append(bounds[idx + n])
    return numpy.concatenate(ids), numpy.concatenate(st), numpy.concatenate(en), buf


_C1, _C2 = numpy.uint64(0x87C37B91114253D5), numpy.uint64(0x4CF5AD432745937F)


def _rotl(x, r: int):
    return (x << numpy.uint64(r)) | (x >> numpy.uint64(64 - r))


def _fmix(k):
    k = k ^ (k >> numpy.uint64(33))
    k = k * numpy.uint64(0xFF51AFD7ED558CCD)
    k = k ^ (k >> numpy.uint64(33))
    k = k * numpy.uint64(0xC4CEB9FE1A85EC53)
    return k ^ (k >> numpy.uint64(33))


def murmur_rows(grams: list[str], seed: int, hash_count: int) -> numpy.ndarray:
    """floret's hashes of each string, as ``Vectors._get_ngram_hashes`` gives them."""
    encoded = [g.encode("utf8") for g in grams]
    lens = numpy.fromiter(map(len, encoded), dtype="int64", count=len(encoded))
    starts = numpy.concatenate([[0], numpy.cumsum(lens)[:-1]]).astype("int64")
    buf = numpy.frombuffer(b"".join(encoded), dtype="uint8")
    return murmur_bytes(buf, starts, starts + lens, seed)[:, : min(hash_count, 4)]


def murmur_bytes(buf: numpy.ndarray, starts: numpy.ndarray, ends: numpy.ndarray, seed: int) -> numpy.ndarray:
    """MurmurHash3_x64_128 of each byte span ``buf[start:end]``, cut into four 32-bit parts.

    The parts are (low half of h1, high half of h1, low of h2, high of h2), the
    order of floret and ``Vectors._get_ngram_hashes``; all spans of one length
    are hashed at once.
    """
    lens = ends - starts
    out = numpy.zeros((len(lens), 4), dtype="uint64")
    low = numpy.uint64(0xFFFFFFFF)
    with numpy.errstate(over="ignore"):
        for length in numpy.unique(lens).tolist():
            sel = numpy.flatnonzero(lens == length)
            nblocks, tail = divmod(length, 16)
            block = numpy.zeros((len(sel), (nblocks + 1) * 16), dtype="uint8")
            if length:
                block[:, :length] = buf[starts[sel][:, None] + numpy.arange(length)]
            words = block.view("<u8")
            h1 = numpy.full(len(sel), seed, dtype="uint64")
            h2 = h1.copy()
            for b in range(nblocks):
                k1, k2 = words[:, 2 * b], words[:, 2 * b + 1]
                h1 ^= _rotl(k1 * _C1, 31) * _C2
                h1 = _rotl(h1, 27) + h2
                h1 = h1 * numpy.uint64(5) + numpy.uint64(0x52DCE729)
                h2 ^= _rotl(k2 * _C2, 33) * _C1
                h2 = _rotl(h2, 31) + h1
                h2 = h2 * numpy.uint64(5) + numpy.uint64(0x38495AB5)
            if tail > 8:
                h2 ^= _rotl(words[:, 2 * nblocks + 1] * _C2, 33) * _C1
            if tail > 0:
                h1 ^= _rotl(words[:, 2 * nblocks] * _C1, 31) * _C2
            n = numpy.uint64(length)
            h1 ^= n
            h2 ^= n
            h1 = h1 + h2
            h2 = h2 + h1
            h1, h2 = _fmix(h1), _fmix(h2)
            h1 = h1 + h2
            h2 = h2 + h1
            out[sel] = numpy.stack([h1 & low, h1 >> numpy.uint64(32), h2 & low, h2 >> numpy.uint64(32)], axis=1)
    return out


def _floret_lookup(vocab) -> FloretLookup:
    table = vocab.lookups.get_table(VECTORS_TABLE) if vocab.lookups.has_table(VECTORS_TABLE) else None
    lookup = getattr(table, "_lookup", None)
    if lookup is None:
        lookup = FloretLookup(floret_vectors(vocab))
        table._lookup = lookup
    return lookup


def FloretColumn(nO: int, nM: int | None = None, dropout: float | None = None) -> Model[list[Doc], Ragged]:
    """Each token's floret vector (from ``floret_vectors``), projected to ``nO`` columns.

    Like spaCy's ``StaticVectors``, but the table lives in the vocabulary's
    lookups at reduced precision (``store_vectors``).
    """
    return Model(
        "floret_vectors",
        _floret_forward,
        init=_floret_init,
        params={"W": None},
        dims={"nO": nO, "nM": nM},
        attrs={"dropout_rate": dropout},
    )


def _floret_init(model: Model, X=None, Y=None):
    if model.has_dim("nM") is not True and X:
        model.set_dim("nM", floret_vectors(X[0].vocab).shape[1])
    if model.has_dim("nM") is True:
        model.set_param("W", glorot_uniform_init(model.ops, (model.get_dim("nO"), model.get_dim("nM"))))
    return model


def _floret_forward(model: Model, docs: list[Doc], is_train: bool):
    nO = model.get_dim("nO")
    lengths = model.ops.asarray1i([len(doc) for doc in docs])
    if not sum(len(doc) for doc in docs):
        return Ragged(model.ops.alloc2f(0, nO), lengths), lambda dY: []
    keys = numpy.concatenate([doc.to_array(ORTH) for doc in docs if len(doc)])
    V = model.ops.as_contig(model.ops.asarray(_floret_lookup(docs[0].vocab).get(keys), dtype="float32"))
    W = model.ops.as_contig(model.get_param("W"))
    out = model.ops.gemm(V, W, trans2=True)
    mask = None
    rate = model.attrs.get("dropout_rate")
    if is_train and rate:
        mask = model.ops.get_dropout_mask((nO,), rate)
        out *= mask

    def backprop(dY: Ragged):
        d = dY.data if mask is None else dY.data * mask
        model.inc_grad("W", model.ops.gemm(model.ops.as_contig(d), V, trans1=True))
        return []

    return Ragged(out, lengths), backprop


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
    clusters: bool = True,
) -> Model[list[Doc], list]:
    parts = [FeatureExtractor(list(attrs))] + ([ClusterFeatures(prefixes)] if clusters else [])
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


@registry.architectures("akteursnetz.ClusterHashEmbed.v3")
def cluster_affix_vectors_embed(
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
    vectors_width: int,
    vectors_dropout: float | None = None,
) -> Model[list[Doc], list]:
    """v2 plus a column of floret vectors (``FloretColumn``, projected to ``vectors_width``).

    With ``cluster_prefixes = []`` the word-cluster columns (and their table) are left out.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    tables = [(width, n) for n in rows]
    if cluster_prefixes:
        tables += [(cluster_width, cluster_rows)] * len(cluster_prefixes) + [(cluster_width, 64)]
    tables += [(affix_width, affix_rows)] * (len(affix_prefixes) + len(affix_suffixes))
    embeddings = [HashEmbed(nO, n, column=i, seed=8 + i, dropout=0.0) for i, (nO, n) in enumerate(tables)]
    n_in = sum(nO for nO, _ in tables) + vectors_width
    return chain(
        concatenate(
            chain(
                _stack_features(attrs, cluster_prefixes, affix_prefixes, affix_suffixes, clusters=bool(cluster_prefixes)),
                list2ragged(),
                with_array(concatenate(*embeddings)),
            ),
            FloretColumn(vectors_width, dropout=vectors_dropout),
        ),
        with_array(Maxout(width, n_in, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
