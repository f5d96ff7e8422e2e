"""Feature columns of the NER embedding layer (pipeline/ner/features.py)."""

from __future__ import annotations

import spacy

from akteursnetz.ner.features import AffixFeatures


def _rows(text: str, prefixes=(4,), suffixes=(4,)):
    nlp = spacy.blank("de")
    rows, _ = AffixFeatures(prefixes, suffixes)([nlp.make_doc(text)], False)
    return rows[0]


def test_compounds_with_one_head_share_the_suffix_column():
    hamburg, magdeburg, ministerium = _rows("Hamburg Magdeburg Ministerium")
    assert hamburg[1] == magdeburg[1]  # "-burg"
    assert hamburg[0] != magdeburg[0]  # "hamb" / "magd"
    assert ministerium[1] != hamburg[1]


def test_affixes_ignore_case_and_short_words_give_the_whole_word():
    upper, title, short = _rows("HAMBURG Hamburg Ei")
    assert list(upper) == list(title)
    prefix, suffix = short
    assert prefix != suffix  # a prefix and a suffix of the same letters are different features
    assert list(_rows("Ei", prefixes=(5,), suffixes=(5,))[0]) != list(short)


def test_one_column_per_affix_length_and_one_row_per_token():
    rows = _rows("Der Landkreis Görlitz .", prefixes=(3, 4), suffixes=(4, 5))
    assert rows.shape == (4, 4)
    assert _rows("", prefixes=(3,), suffixes=(5,)).shape == (0, 2)


def test_a_batch_gives_each_document_its_own_rows():
    nlp = spacy.blank("de")
    docs = [nlp.make_doc(t) for t in ("Pirna", "", "Stadt Pirna und Stadt Riesa")]
    rows, _ = AffixFeatures((4,), (5,))(docs, False)
    assert [r.shape for r in rows] == [(1, 2), (0, 2), (5, 2)]
    assert list(rows[0][0]) == list(rows[2][1])  # the same word gets the same features in any document


def test_cluster_table_round_trips_through_its_compressed_form():
    from spacy.strings import get_string_id

    from akteursnetz.ner.features import TABLE, cluster_codes, encode_cluster, store_clusters

    words = {f"Ort{i}": encode_cluster(i % 977 + 1, -(i % 20) - 3.5) for i in range(5000)}
    nlp = spacy.blank("de")
    store_clusters(nlp.vocab, words)
    data = nlp.vocab.lookups.get_table(TABLE)
    assert len(data["keys_delta_z"]) + len(data["codes_z"]) < 5000 * 12  # smaller than the raw arrays
    again = spacy.blank("de")
    again.vocab.lookups.from_bytes(nlp.vocab.lookups.to_bytes())
    keys = [get_string_id(w) for w in words] + [get_string_id("Unbekanntdorf")]
    assert list(cluster_codes(again.vocab, keys)) == list(words.values()) + [0]


def test_uncompressed_tables_of_older_models_still_load():
    import numpy
    from spacy.strings import get_string_id

    from akteursnetz.ner.features import TABLE, cluster_codes

    keys = numpy.array(sorted(get_string_id(w) for w in ("Pirna", "Riesa")), dtype="uint64")
    nlp = spacy.blank("de")
    nlp.vocab.lookups.add_table(TABLE, {"keys": keys.tobytes(), "codes": numpy.array([7, 9], dtype="uint32").tobytes()})
    assert list(cluster_codes(nlp.vocab, list(keys))) == [7, 9]


def test_street_and_square_names_are_places_common_compounds_are_not(nlp):
    doc = nlp("Die Polizei behält den Kornmarkt im Blick, auf dem Marktplatz und in der Augustusburger Straße ebenso.")
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Kornmarkt", "LOC") in ents and ("Augustusburger Straße", "LOC") in ents
    assert not any(t == "Marktplatz" for t, _ in ents)
